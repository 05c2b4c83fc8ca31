"""Generates common_words.txt for ticker's extractor: the 20,000 most
frequent German and 10,000 most frequent English words (wordfreq), lower
case, without those that are frequent surnames or given names
(names-dataset) or places in places.tsv, unless they are among the 1,000
most frequent words of either language. A capitalised word on the list is
most likely a noun, not a name ("sagte Forscher" is no person).

Run: python generate_words.py > common_words.txt
(requires: pip install names-dataset wordfreq; places.tsv next to this
script). Licences in LICENSES.md.
"""

import gzip
import pickle
import re
import sys
from importlib.resources import files
from pathlib import Path

from wordfreq import top_n_list

COUNTRIES = ("DE", "AT", "CH", "US", "GB", "FR", "IT", "ES", "RU", "UA", "PL", "TR", "KZ")
WORD = re.compile(r"^[a-zß-öø-ÿ]{3,}$")


def load(name):
    path = files("names_dataset") / "v3" / name
    with gzip.open(str(path)) as handle:
        return pickle.load(handle)


def names_ranked(table, limit):
    return {
        name.lower()
        for name, info in table.items()
        if any(info.get("rank", {}).get(code, 10**9) <= limit for code in COUNTRIES)
    }


def main():
    names = names_ranked(load("last_names.pkl.gz"), 3000) | names_ranked(load("first_names.pkl.gz"), 1000)
    places = set()
    for line in (Path(__file__).parent / "places.tsv").read_text().splitlines():
        for part in line.split("\t"):
            places.add(part.lower())
    words = set(top_n_list("de", 20000)) | set(top_n_list("en", 10000))
    # The most frequent words stay whatever else they are: "Sommer",
    # "Mann" and "Fall" are surnames too, but far more often nouns.
    core = set(top_n_list("de", 1000)) | set(top_n_list("en", 1000))
    keep = sorted(
        w for w in words if WORD.match(w) and (w in core or (w not in names and w not in places))
    )
    sys.stdout.write("".join(f"{w}\n" for w in keep))


if __name__ == "__main__":
    main()

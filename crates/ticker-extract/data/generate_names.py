"""Generates first_names.txt, the given-name list of ticker's extractor,
from names-dataset (MIT; PyPI `names-dataset`): given names ranked in the
top 1,000 of any of the countries below, in the Latin script.

A given name that is also a frequent German or English word ("Will",
"Rose", "Mark") is kept only when it ranks in the top 150 of a German- or
English-speaking country, where it is a name far more often.

Each line: one given name. Run: python generate_names.py > first_names.txt
(requires: pip install names-dataset wordfreq). Licences in LICENSES.md.
"""

import gzip
import pickle
import re
import sys
from importlib.resources import files

from wordfreq import top_n_list, zipf_frequency

COUNTRIES = (
    "DE", "AT", "CH", "US", "GB", "IE", "CA", "AU", "FR", "BE", "NL", "IT", "ES", "PT", "PL",
    "CZ", "HU", "RO", "BG", "GR", "HR", "RS", "SE", "NO", "DK", "FI", "RU", "UA", "KZ", "TR",
    "IL", "EG", "SA", "IQ", "IR", "AF", "IN", "PK", "CN", "JP", "KR", "NG", "ZA", "BR", "MX",
    "AR",
)
HOME = ("DE", "AT", "CH", "US", "GB")
# Given names that are, first of all, words, places, months or surnames.
WORDS_AND_SURNAMES = {
    "Urban", "Grant", "Wolf", "Joy", "Grace", "Marine", "Princess", "Junior", "Chase",
    "Crystal", "Diamond", "Shell", "Hunter", "Autumn", "Candy", "Destiny", "Sunny", "Penny",
    "Genesis", "Amber", "Ruby", "Iris", "Holly", "Melody", "Eden", "Daisy", "Mentor", "Swiss",
    "Mile", "Hardy", "Lance", "Prince", "Israel", "Faith", "Paris", "India", "Miles", "Hope",
    "Summer", "Rose", "Rich", "Till", "German", "Juli", "April", "June", "August", "Mercedes",
    "Georgia", "Virginia", "Carolina", "Sydney", "Chelsea", "Madison", "Austin", "Dakota",
    "Sierra", "Orlando", "Florence", "Cruz", "Martial", "Mason", "Taylor", "Wilson", "Jackson",
    "Nelson", "Morgan", "Cole", "Blake", "Drew", "Stewart", "Russell", "Bailey", "Spencer",
    "Harrison", "Franklin", "Warren", "Murray", "Gordon", "Ross", "Howard", "Hunter", "Peer",
    "Müller", "Weber", "Bauer", "Keller", "Huber", "Schmid", "Meier", "Steiner", "Hagen",
    "Erdogan", "Abbey", "Genesis", "Dale", "Glen", "Kirk", "Milton", "Preston", "Fraser",
    "Devon", "Lynn", "Beverly", "Theres", "Ellis", "Kane", "Jude", "Troy", "Casey", "Logan",
    "Cliff", "Earl", "Dom", "Stan", "Doug", "Brett", "Lou", "Lutz", "Kitty", "Ruth", "Owen",
}
LATIN = re.compile(r"^[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(-[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+)?$")


def main():
    path = files("names_dataset") / "v3" / "first_names.pkl.gz"
    with gzip.open(str(path)) as handle:
        names = pickle.load(handle)
    frequent = set(top_n_list("de", 10000)) | set(top_n_list("en", 10000))
    out = set()
    for name, info in names.items():
        ranks = info.get("rank", {})
        if not LATIN.match(name) or len(name) < 3:
            continue
        if not any(ranks.get(code, 10**9) <= 1000 for code in COUNTRIES):
            continue
        if name.lower() in frequent and not any(ranks.get(code, 10**9) <= 150 for code in HOME):
            # Frequent because it is a frequent name ("Heinrich", "Wayne"):
            # kept when it ranks in the top 1,000 of a home country, is not
            # very frequent as a word and is no word or surname of its own.
            ordinary = max(zipf_frequency(name.lower(), "de"), zipf_frequency(name.lower(), "en"))
            # Three-letter names ("Eva", "Tom") only when common at home.
            if not (
                (len(name) >= 4 or any(ranks.get(code, 10**9) <= 400 for code in HOME))
                and ordinary < 4.7
                and name not in WORDS_AND_SURNAMES
                and any(ranks.get(code, 10**9) <= 1000 for code in HOME)
            ):
                continue
        out.add(name)
    for name in sorted(out):
        sys.stdout.write(f"{name}\n")


if __name__ == "__main__":
    main()

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

from wordfreq import top_n_list

COUNTRIES = (
    "DE", "AT", "CH", "US", "GB", "IE", "CA", "AU", "FR", "BE", "NL", "IT", "ES", "PT", "PL",
    "CZ", "HU", "RO", "BG", "GR", "HR", "RS", "SE", "NO", "DK", "FI", "RU", "UA", "KZ", "TR",
    "IL", "EG", "SA", "IQ", "IR", "AF", "IN", "PK", "CN", "JP", "KR", "NG", "ZA", "BR", "MX",
    "AR",
)
HOME = ("DE", "AT", "CH", "US", "GB")
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
            continue
        out.add(name)
    for name in sorted(out):
        sys.stdout.write(f"{name}\n")


if __name__ == "__main__":
    main()

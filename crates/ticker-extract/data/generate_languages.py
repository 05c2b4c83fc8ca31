"""Generates languages.tsv for ticker's extractor: the names of languages
in German from the Unicode CLDR (via Babel), one-word names only, with the
English name as the canonical one: "Russisch" and "Englisch" name
languages (MISC), as GermEval tags them (OTH), not places.

Run: python generate_languages.py > languages.tsv
(requires: pip install babel). Licence in LICENSES.md.
"""

from babel import Locale


def main():
    german, english = Locale("de"), Locale("en")
    rows = set()
    for code, name in german.languages.items():
        canonical = english.languages.get(code)
        if not canonical or " " in name or "-" in name or len(name) < 4 or not name[0].isupper():
            continue
        rows.add((canonical, name))
    for canonical, name in sorted(rows):
        print(f"{canonical}\t{name}")


if __name__ == "__main__":
    main()

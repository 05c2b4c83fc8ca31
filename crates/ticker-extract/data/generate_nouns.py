"""Generates nouns.txt for ticker's extractor: German common nouns and
their inflected forms from the German Wiktionary, via the german-nouns
package, lower case. Names (entries marked as surname, given name, proper
name, place name, street name or abbreviation) are left out.

A form is kept only when no shorter kept form ends it after at least three
letters: the extractor reads a word as a noun when it is a kept form or ends
in one ("Stoffwechselweges" ends in "weges"), so compounds need no entry of
their own. Names still stand out: "Leadbitter" and "Odobaldus" end in no
German noun.

Run: python generate_nouns.py > nouns.txt
(requires: pip install german-nouns). Licence in LICENSES.md.
"""

import csv
from importlib.resources import files

NAME_KINDS = {"Nachname", "Vorname", "Eigenname", "Toponym", "Straßenname", "Abkürzung"}
# Nouns that end names as often as compounds ("Thälmann", "Marksburg",
# "Taiskirchen"): a word ending in one is a noun only when it is listed
# itself ("Kaufmann", "Weinberg"), so those compounds stay in the list. The
# extractor keeps the same list.
NAME_ENDINGS = {
    "mann", "manns", "burg", "berg", "bergs", "dorf", "dorfs", "feld", "felds", "hausen",
    "heim", "heims", "stein", "steins", "bach", "bachs", "kirchen",
}
# The shortest ending that makes a word a compound, and the shortest head
# before it (as in the extractor).
MIN_ENDING = 4
MIN_HEAD = 3


def main():
    forms = set()
    with open(str(files("german_nouns") / "nouns.csv"), newline="", encoding="utf-8") as handle:
        rows = csv.reader(handle)
        next(rows)
        for row in rows:
            kinds = set(row[1].split(","))
            if "Substantiv" not in kinds or kinds & NAME_KINDS:
                continue
            for form in [row[0], *row[7:]]:
                if form and form.isalpha():
                    forms.add(form.lower())
    kept = set()
    for form in sorted(forms, key=lambda form: (len(form), form)):
        if any(
            form[at:] in kept and form[at:] not in NAME_ENDINGS
            for at in range(MIN_HEAD, len(form) - MIN_ENDING + 1)
        ):
            continue
        kept.add(form)
    print("\n".join(sorted(kept)))


if __name__ == "__main__":
    main()

"""Generates word_frequencies.tsv for ticker's story clusterer: every
English and German word (three letters or more, lower case) whose Zipf
frequency in wordfreq is at least 3.5 (about 3 in a million words), and
every word of the other languages in OTHER whose Zipf frequency is at
least 4.5 (about 30 in a million: the commonest words, so that pages in
those languages do not join over "что" or "también"), with that frequency
(the higher of English and German; a word of the other languages only
when neither list holds it, so English and German weights stay as they
were). The clusterer reads it as
background knowledge of how common a word is in any text, so that a young
index does not weigh "said" or "heute" like a name.

Run: python generate_frequencies.py > word_frequencies.tsv
(requires: pip install wordfreq). Licence in LICENSES.md.
"""

import re
import sys

from wordfreq import top_n_list, zipf_frequency

WORD = re.compile(r"^[^\W\d_][\w-]{2,}$")
MIN_ZIPF = 3.5
# Languages ticker meets on news sites without modelling them.
OTHER = ("es", "fr", "it", "pt", "nl", "ru", "pl", "sv", "da", "nb", "cs", "tr", "uk", "ro")
MIN_ZIPF_OTHER = 4.5


def frequent(languages, least):
    """Word -> highest Zipf frequency over `languages`, words of at least `least`."""
    found = {}
    for language in languages:
        for word in top_n_list(language, 60000):
            if not WORD.match(word):
                continue
            zipf = zipf_frequency(word, language)
            if zipf < least:
                break
            found[word] = max(found.get(word, 0.0), zipf)
    return found


def main():
    best = frequent(("en", "de"), MIN_ZIPF)
    for word, zipf in frequent(OTHER, MIN_ZIPF_OTHER).items():
        best.setdefault(word, zipf)
    sys.stdout.write("".join(f"{w}\t{z:.2f}\n" for w, z in sorted(best.items())))


if __name__ == "__main__":
    main()

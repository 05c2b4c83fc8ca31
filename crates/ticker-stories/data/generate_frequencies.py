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


def main():
    best = {}
    for language in ("en", "de"):
        for word in top_n_list(language, 60000):
            if not WORD.match(word):
                continue
            zipf = zipf_frequency(word, language)
            if zipf < MIN_ZIPF:
                break
            best[word] = max(best.get(word, 0.0), zipf)
    other = {}
    for language in OTHER:
        for word in top_n_list(language, 60000):
            if not WORD.match(word):
                continue
            zipf = zipf_frequency(word, language)
            if zipf < MIN_ZIPF_OTHER:
                break
            if word not in best:
                other[word] = max(other.get(word, 0.0), zipf)
    best.update(other)
    sys.stdout.write("".join(f"{w}\t{z:.2f}\n" for w, z in sorted(best.items())))


if __name__ == "__main__":
    main()

"""Draws the 50 entity mentions of the English smoke set (docs/benchmarks.md)
for checking by hand: runs `ticker extract` and `ticker normalize --json`
over the saved `aeb` pages and prints each drawn mention with its context.

Usage: python3 bench/english/sample_mentions.py TICKER SHARED_DIR [SEED]
"""

import gzip
import json
import pathlib
import random
import subprocess
import sys
import tempfile


def main() -> None:
    ticker, shared = sys.argv[1], pathlib.Path(sys.argv[2])
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 2026
    with tempfile.TemporaryDirectory() as work:
        for page in sorted((shared / "data/extraction/aeb/pages").glob("*.html.gz")):
            (pathlib.Path(work) / page.name[: -len(".gz")]).write_bytes(gzip.decompress(page.read_bytes()))
        extracted = subprocess.run([ticker, "extract", work], capture_output=True, text=True, check=True).stdout
        texts = {}
        for page in sorted(pathlib.Path(work).glob("*.html")):
            article = json.loads(subprocess.run([ticker, "normalize", "--json", str(page)], capture_output=True, text=True, check=True).stdout)
            texts[article["article_id"]] = article["text"]
    rows = []
    for line in extracted.splitlines():
        record = json.loads(line)
        if record.get("language") != "en":
            continue
        for entity in record["entities"]:
            for mention in entity["mentions"]:
                rows.append((record["article_id"], entity["type"], mention["start"], mention["end"], mention.get("derived", False)))
    print(f"{len(rows)} mentions on the English pages")
    random.seed(seed)
    for index, (article, kind, start, end, derived) in enumerate(random.sample(rows, 50)):
        text = texts[article]
        context = text[max(0, start - 55):start] + "[[" + text[start:end] + "]]" + text[end:end + 35]
        print(f"{index:2} {kind:4} {'D' if derived else ' '} {context!r}")


if __name__ == "__main__":
    main()

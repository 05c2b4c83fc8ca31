"""Runs trafilatura on a dataset's pages and writes JSON lines {"id", "text"}
for `ticker eval extraction --predictions`, so that both tools are scored
by the same evaluator on the same machine in the same run.

Usage: python trafilatura_predict.py DATASET_DIR OUT.jsonl [--favor-precision]
"""

import gzip
import json
import sys
import time
from pathlib import Path

import trafilatura


def main() -> None:
    dataset = Path(sys.argv[1])
    out = Path(sys.argv[2])
    favor_precision = "--favor-precision" in sys.argv[3:]
    truths = [json.loads(line) for line in (dataset / "truth.jsonl").read_text().splitlines() if line.strip()]
    pages = [(truth["id"], gzip.decompress((dataset / "pages" / f"{truth['id']}.html.gz").read_bytes())) for truth in truths]
    predictions = []
    started = time.process_time()
    for page_id, html in pages:
        text = trafilatura.extract(html, favor_precision=favor_precision, include_comments=False, include_tables=True) or ""
        predictions.append({"id": page_id, "text": text})
    seconds = time.process_time() - started
    with out.open("w") as handle:
        for prediction in predictions:
            handle.write(json.dumps(prediction, ensure_ascii=False) + "\n")
    print(f"trafilatura {trafilatura.__version__}: {len(pages)} pages in {seconds:.1f} s CPU, {len(pages) / seconds:.0f} pages/s", file=sys.stderr)


if __name__ == "__main__":
    main()

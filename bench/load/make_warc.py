"""Writes the saved pages of the shared `aeb` and `trafilatura-dev` sets as
one WARC file with gzip per record (as Common Crawl News writes them), for
the WARC backfill bench in docs/benchmarks.md.

Usage: python3 bench/load/make_warc.py SHARED_DIR OUT.warc.gz
"""

import glob
import gzip
import os
import sys


def main() -> None:
    shared, out_path = sys.argv[1], sys.argv[2]
    count = 0
    with open(out_path, "wb") as out:
        for name in ("aeb", "trafilatura-dev"):
            for path in sorted(glob.glob(f"{shared}/data/extraction/{name}/pages/*.html.gz")):
                body = gzip.decompress(open(path, "rb").read())
                url = f"https://{name}.example/{os.path.basename(path)[:-len('.html.gz')]}"
                block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
                head = (
                    "WARC/1.0\r\nWARC-Type: response\r\n"
                    f"WARC-Target-URI: {url}\r\nWARC-Date: 2026-12-06T00:00:00Z\r\n"
                    f"Content-Length: {len(block)}\r\n\r\n"
                ).encode()
                out.write(gzip.compress(head + block + b"\r\n\r\n"))
                count += 1
    print(f"{count} records, {os.path.getsize(out_path)} bytes in {out_path}")


if __name__ == "__main__":
    main()

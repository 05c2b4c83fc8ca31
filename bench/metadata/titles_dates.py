#!/usr/bin/env python3
"""Titles and publication dates ticker gives the saved pages of the shared
extraction sets (which have no title or date truth), and what changed
against an earlier run.

    python3 bench/metadata/titles_dates.py TICKER SHARED OUT.json [BEFORE.json]

Runs `TICKER normalize --json --url URL PAGE` on every page of
SHARED/data/extraction/{aeb,trafilatura-dev}, writes {set/id: {title,
published_at, language}} to OUT.json and prints how many pages have a
publication date (German pages apart). With BEFORE.json it also prints every
page whose title changed, whose date appeared or went, and whose day moved,
for judging by hand.
"""
import gzip
import json
import os
import subprocess
import sys
import tempfile


def run(ticker, shared):
    found = {}
    with tempfile.TemporaryDirectory() as work:
        for name in ("aeb", "trafilatura-dev"):
            folder = os.path.join(shared, "data", "extraction", name)
            with open(os.path.join(folder, "truth.jsonl"), encoding="utf-8") as truth:
                urls = {row["id"]: row["url"] for row in map(json.loads, truth)}
            for page in sorted(os.listdir(os.path.join(folder, "pages"))):
                page_id = page.split(".")[0]
                path = os.path.join(work, page_id + ".html")
                with gzip.open(os.path.join(folder, "pages", page), "rb") as raw, open(path, "wb") as out:
                    out.write(raw.read())
                done = subprocess.run(
                    [ticker, "normalize", "--json", "--url", urls.get(page_id, "http://page.example/"), path],
                    capture_output=True, text=True)
                try:
                    record = json.loads(done.stdout)
                except ValueError:
                    record = {}
                found[f"{name}/{page_id}"] = {
                    "title": record.get("title"),
                    "published_at": record.get("published_at"),
                    "language": record.get("language"),
                }
    return found


def main():
    ticker, shared, out = sys.argv[1:4]
    found = run(ticker, shared)
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(found, handle, ensure_ascii=False, indent=0)
    german = [r for r in found.values() if r["language"] == "de"]
    print(f"pages {len(found)}, with a publication date {sum(1 for r in found.values() if r['published_at'])}; "
          f"German {len(german)}, with a date {sum(1 for r in german if r['published_at'])}")
    if len(sys.argv) > 4:
        with open(sys.argv[4], encoding="utf-8") as handle:
            before = json.load(handle)
        titles = dates = 0
        for key, now in found.items():
            old = before.get(key, {})
            if old.get("title") != now["title"]:
                titles += 1
                print(f"title {key[:30]}: {old.get('title')!r} -> {now['title']!r}")
            was, is_ = old.get("published_at"), now["published_at"]
            if (was or "")[:10] != (is_ or "")[:10]:
                dates += 1
                print(f"date  {key[:30]}: {was} -> {is_}")
        print(f"titles changed {titles}, dates changed (day, or found/lost) {dates}")


if __name__ == "__main__":
    main()

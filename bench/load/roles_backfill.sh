#!/bin/bash
# A WARC backfill through the roles: the 711 shared pages as one WARC file
# (`ticker ingest --distributed`, 4 partitions of ticker.pages, fresh
# topics of the local broker), then one stories and two process processes
# (one member each). Prints when the first and the last article were
# published, counted from the start of the process members (from the
# stories role's "published" log lines).
#
# usage: bench/load/roles_backfill.sh [BINARY]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${1:-$root/target/release/ticker}
shared=${SHARED:-$root/../shared}
P="backfill$(date +%s)."
work=$(mktemp -d)
trap 'kill $S $A $B 2>/dev/null || true; rm -rf "$work"' EXIT
S= A= B=
python3 "$root/bench/load/make_warc.py" "$shared" "$work/pages.warc.gz"
. "$root/bench/load/site.sh"
bench_config "$work" "$P" 1 "http://127.0.0.1:1/feed.xml" | sed 's/^partitions = 1/partitions = 4/' > "$work/c.toml"
"$BIN" --config "$work/c.toml" ingest --distributed "$work/pages.warc.gz" > "$work/ingest.log" 2>&1
NO_COLOR=1 TICKER_LOG=info "$BIN" --config "$work/c.toml" run --role stories > "$work/stories.log" 2>&1 & S=$!
sleep 2
date -u +%Y-%m-%dT%H:%M:%S.%N > "$work/start"
"$BIN" --config "$work/c.toml" run --role process > "$work/p1.log" 2>&1 & A=$!
"$BIN" --config "$work/c.toml" run --role process > "$work/p2.log" 2>&1 & B=$!
for _ in $(seq 1 120); do
  [ "$(grep -c ' published ' "$work/stories.log" || true)" -ge 700 ] && break
  sleep 1
done
sleep 3
python3 - "$work/stories.log" "$work/start" <<'PY'
import re, sys
from datetime import datetime
def parse(text):
    return datetime.fromisoformat(text[:26].rstrip("Z") + "+00:00")
times = []
for line in open(sys.argv[1]):
    line = re.sub(r"\x1b\[[0-9;]*m", "", line)
    match = re.search(r" at=(\S+)", line)
    if " published " in line and match:
        times.append(parse(match.group(1)))
times.sort()
start = parse(open(sys.argv[2]).read().strip())
print(f"{len(times)} articles published; first {(times[0] - start).total_seconds():.1f} s, "
      f"last {(times[-1] - start).total_seconds():.1f} s after the process members started")
PY

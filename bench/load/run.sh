#!/usr/bin/env bash
# End-to-end load bench: the saved pages of the shared extraction sets
# behind one RSS feed on a local HTTP server (127.0.0.1 only), `ticker run
# --once` with politeness lifted into the local broker; prints articles/s,
# CPU use, peak RSS and the latency from the poll that found an entry to
# Kafka's acknowledgement (p50/p99). Then, when PEER_PYTHON names a Python
# with feedparser, requests, trafilatura and confluent-kafka (`make
# bench-e2e` makes one), the same pages through the pipeline a user would
# write instead (bench/load/peer.py, 2 processes) into the same broker.
#
#   bench/load/run.sh [TICKER_BINARY] [WORKERS]
#
# With PUBLISHERS=N the pages are dealt out to N publishers on
# 127.0.0.2…127.0.0.(N+1) (bench/load/publishers.py), each with a feed, a
# news sitemap and a section page and its pages' canonical URLs rewritten
# to the served ones; ticker polls those 3·N sources (the peer reads the
# one feed of all pages, as it reads feeds only).
#
# Needs a broker on 127.0.0.1:9092 (`make broker`) and python3.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
ticker=${1:-$root/target/release/ticker}
workers=${2:-8}
shared=${SHARED:-$root/../shared}
port=${LOAD_PORT:-8818}
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
# shellcheck source=bench/load/site.sh
. "$root/bench/load/site.sh"
unpack_pages "$shared" "$work/site"
one_feed "$work/site" "$port"
sources="http://127.0.0.1:$port/feed.xml"
if [ -n "${PUBLISHERS:-}" ]; then
  python3 "$root/bench/load/publishers.py" "$work/site" "$port" "$PUBLISHERS"
  sources="@$work/site/sources.toml"
fi
serve_static "$work" "$port"
prefix="load$(date +%s)."
bench_config "$work" "$prefix" "$workers" "$sources" > "$work/load.toml"
pages=$(ls "$work/site/pages" | wc -l)
start=$(date +%s.%N)
TICKER_LOG=error /usr/bin/time -f "cpu %P rss %M KB" "$ticker" --config "$work/load.toml" run --once > "$work/out.txt" 2> "$work/time.txt" || true
end=$(date +%s.%N)
# The run's summary is its last JSON line (stdout or stderr).
published=$(cat "$work/out.txt" "$work/time.txt" | grep '^{"polls"' | tail -1 \
  | python3 -c "import json,sys; print(json.loads(sys.stdin.read())['articles_published'])" 2>/dev/null || echo "?")
echo "pages $pages, published $published, workers $workers"
echo "seconds $(python3 -c "print(round($end - $start, 2))")"
echo "articles/s $(python3 -c "print(round(${published:-0} / ($end - $start), 1))" 2>/dev/null || echo ?)"
tail -1 "$work/time.txt"
cat "$work/out.txt" "$work/time.txt" | grep '^{"polls"' | tail -1 \
  | python3 -c "import json,sys; s=json.loads(sys.stdin.read()); print(f\"latency discovery→ack p50 {s['latency_p50_ms']} ms, p99 {s['latency_p99_ms']} ms\")" 2>/dev/null || true
if [ -n "${PEER_PYTHON:-}" ]; then
  echo "== peer: feedparser + requests + trafilatura + confluent-kafka, 2 processes"
  /usr/bin/time -f "cpu %P rss %M KB (largest process)" "$PEER_PYTHON" "$root/bench/load/peer.py" \
    "http://127.0.0.1:$port/feed.xml" 127.0.0.1:9092 "${prefix}peer" 2 2> "$work/peer-time.txt" | tail -1
  tail -1 "$work/peer-time.txt"
fi

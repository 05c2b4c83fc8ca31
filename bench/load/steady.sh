#!/usr/bin/env bash
# Steady-mode load bench: the 711 saved pages of the shared extraction sets
# on nginx (127.0.0.1), and a feed (a small Python server, 127.0.0.1) that
# releases RATE new entries per second, newest first, 500 at most per feed
# body. `ticker run` polls it every second for as long as the release takes
# plus a drain, then gets SIGTERM; prints what was published and the
# latency from the poll that found an entry to Kafka's acknowledgement
# (p50/p99, from ticker's run summary).
#
#   bench/load/steady.sh [TICKER_BINARY] [RATE] [WORKERS]
#
# Needs a broker on 127.0.0.1:9092 (`make broker`) and python3; nginx when
# installed serves the pages.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
ticker=${1:-$root/target/release/ticker}
rate=${2:-100}
workers=${3:-8}
shared=${SHARED:-$root/../shared}
page_port=${LOAD_PORT:-8828}
feed_port=$((page_port + 1))
work=$(mktemp -d)
server=""
feed=""
trap 'kill $server $feed 2>/dev/null || true; rm -rf "$work"' EXIT
# shellcheck source=bench/load/site.sh
. "$root/bench/load/site.sh"
unpack_pages "$shared" "$work/site"
serve_static "$work" "$page_port" >/dev/null
python3 - "$work/site/pages" "$page_port" "$feed_port" "$rate" > "$work/feed.log" 2>&1 <<'PY' &
import http.server, os, sys, time
pages_dir, page_port, feed_port, rate = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
names = sorted(os.listdir(pages_dir))
start = None
class Feed(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        global start
        if start is None:
            start = time.monotonic()
        released = min(len(names), int((time.monotonic() - start) * rate) + 1)
        items = "".join(
            f"<item><title>{n}</title><link>http://127.0.0.1:{page_port}/pages/{n}</link><guid>{n}</guid></item>"
            for n in reversed(names[max(0, released - 500):released]))
        body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>steady</title>{items}</channel></rss>'.encode()
        self.send_response(200)
        self.send_header("content-type", "application/rss+xml")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", feed_port), Feed).serve_forever()
PY
feed=$!
for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$feed_port") 2>/dev/null && break; sleep 0.1; done
pages_total=$(ls "$work/site/pages" | wc -l)
prefix="steady$(date +%s)."
bench_config "$work" "$prefix" "$workers" "http://127.0.0.1:$feed_port/feed.xml" \
  "poll_interval_secs = 1" "max_poll_interval_secs = 1" "adaptive_polling = false" > "$work/steady.toml"
release=$(python3 -c "print(int($pages_total / $rate) + 1)")
TICKER_LOG=error "$ticker" --config "$work/steady.toml" run > "$work/out.txt" 2> "$work/err.txt" &
run=$!
sleep $((release + 10))
kill -TERM $run
wait $run || true
cat "$work/out.txt" "$work/err.txt" | grep '^{"polls"' | tail -1 | python3 -c "
import json, sys
s = json.loads(sys.stdin.read())
print(f\"rate $rate/s, pages $pages_total, published {s['articles_published']}, workers $workers\")
print(f\"latency discovery→ack p50 {s['latency_p50_ms']} ms, p99 {s['latency_p99_ms']} ms\")"

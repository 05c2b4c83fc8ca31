#!/usr/bin/env bash
# The offline tour: serves the fixture news site (the five seed articles as
# publisher pages with navigation, captions, teasers, a cookie banner and
# related links, plus RSS and Atom feeds) on 127.0.0.1, one more article
# every DEMO_PACE seconds and then a follow-up with a changed death toll;
# runs the pipeline against it into the local broker with the page
# (`ticker serve`) in the same process, and a webhook receiver standing in
# for an on-call person; then reads the topics back.
#
#   DEMO_PACE=3        seconds between articles (0: all at once)
#   DEMO_PAGE_PORT=8809, DEMO_PORT=8808, DEMO_HOOK_PORT=8810
#   DEMO_KEEP=1        keep the pipeline and the page running until Ctrl-C
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
port=${DEMO_PORT:-8808}
page_port=${DEMO_PAGE_PORT:-8809}
hook_port=${DEMO_HOOK_PORT:-8810}
pace=${DEMO_PACE:-3}
brokers=${TICKER_KAFKA__BROKERS:-127.0.0.1:9092}
mkdir -p data
# A fresh story each time: new topics, new state.
prefix="demo-$(date +%s)."
rm -f data/demo-state.redb data/demo-webhook.log
touch data/demo-webhook.log

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
wait_port() { for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }

target/release/ticker-fixture-site "$port" --pace "$pace" &
pids+=($!)
python3 scripts/webhook-receiver.py "$hook_port" demo-secret data/demo-webhook.log &
pids+=($!)
wait_port "$port"
wait_port "$hook_port"

cat > data/demo.toml <<TOML
[kafka]
brokers = "$brokers"
topic_prefix = "$prefix"
partitions = 1
[state]
path = "data/demo-state.redb"
[pipeline]
workers = 2
poll_interval_secs = 1
max_poll_interval_secs = 2
adaptive_polling = false
[serve]
listen = "127.0.0.1:$page_port"
[[sources]]
id = "testpost-rss"
url = "http://127.0.0.1:$port/rss.xml"
allow_private = true
[[sources]]
id = "testpost-atom"
url = "http://127.0.0.1:$port/atom.xml"
allow_private = true
# The on-call person: every alert, signed, to a local receiver.
[[sinks]]
id = "on-call"
kind = "webhook"
url = "http://127.0.0.1:$hook_port/hook"
secret = "demo-secret"
[[watches]]
id = "everything"
sinks = ["on-call"]
TOML

echo "== ticker run against the fixture site (http://127.0.0.1:$port), topics $prefix* =="
echo "== open http://127.0.0.1:$page_port/ to watch the story grow =="
TICKER_LOG=${TICKER_LOG:-info} target/release/ticker --config data/demo.toml run &
ticker=$!
pids+=("$ticker")
# Done when the follow-up's changed toll reached the on-call receiver.
for _ in $(seq 1 $(( (pace + 1) * 10 + 60 ))); do
  grep -q "225" data/demo-webhook.log && break
  sleep 1
done
if [ "${DEMO_KEEP:-0}" = 1 ]; then
  echo "== the page stays at http://127.0.0.1:$page_port/ until Ctrl-C =="
  wait "$ticker" || true
else
  sleep 2
  kill -TERM "$ticker" && wait "$ticker" || true
fi
echo
echo "== what the on-call webhook received (signatures checked, repeats dropped) =="
cat data/demo-webhook.log
echo
echo "== read back from Kafka =="
target/release/ticker --config data/demo.toml read articles extractions claims alerts stories deadletter

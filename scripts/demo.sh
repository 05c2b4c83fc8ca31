#!/usr/bin/env bash
# The offline tour: serves the fixture news site (the five seed articles as
# publisher pages with navigation, captions, teasers, a cookie banner and
# related links, plus RSS and Atom feeds) on 127.0.0.1, runs the pipeline
# against it into the local broker once, then reads the topics back.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
port=${DEMO_PORT:-8808}
brokers=${TICKER_KAFKA__BROKERS:-127.0.0.1:9092}
mkdir -p data
target/release/ticker-fixture-site "$port" &
site=$!
trap 'kill $site 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

cat > data/demo.toml <<TOML
[kafka]
brokers = "$brokers"
topic_prefix = "demo."
partitions = 1
[state]
path = "data/demo-state.redb"
[pipeline]
workers = 2
[[sources]]
id = "testpost-rss"
url = "http://127.0.0.1:$port/rss.xml"
allow_private = true
[[sources]]
id = "testpost-atom"
url = "http://127.0.0.1:$port/atom.xml"
allow_private = true
TOML

echo "== ticker run --once against the fixture site (http://127.0.0.1:$port) =="
TICKER_LOG=${TICKER_LOG:-info} target/release/ticker --config data/demo.toml run --once
echo
echo "== read back from Kafka =="
target/release/ticker --config data/demo.toml read articles extractions claims alerts stories deadletter

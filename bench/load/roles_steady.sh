#!/bin/bash
# The roles in steady flow: one fetch process paced at 40 pages/s (one
# host, fetch.min_host_interval_ms = 25), two process processes and one
# stories process over the 711 shared pages behind one feed, into fresh
# topics (4 partitions of ticker.pages) of the local broker. Prints the
# time from each page's fetch to its article record (p50, p90, p99).
#
# usage: bench/load/roles_steady.sh [BINARY]   (PYTHON: a python with
# confluent-kafka, default bench/load/.venv/bin/python)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${1:-$root/target/release/ticker}
python=${PYTHON:-$root/bench/load/.venv/bin/python}
shared=${SHARED:-$root/../shared}
port=${LOAD_PORT:-8818}
P="roles$(date +%s)."
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
. "$root/bench/load/site.sh"
unpack_pages "$shared" "$work/site"
one_feed "$work/site" "$port"
serve_static "$work" "$port"
bench_config "$work" "$P" 1 "http://127.0.0.1:$port/feed.xml" | sed -e 's/^partitions = 1/partitions = 4/' -e 's/^min_host_interval_ms = 0/min_host_interval_ms = 25/' > $work/c.toml
$BIN --config $work/c.toml topics --roles > /dev/null 2>&1
$BIN --config $work/c.toml run --role stories > $work/s.log 2>&1 & S=$!
$BIN --config $work/c.toml run --role process > $work/p1.log 2>&1 & A=$!
$BIN --config $work/c.toml run --role process > $work/p2.log 2>&1 & B=$!
sleep 3
$BIN --config $work/c.toml run --role fetch > $work/f.log 2>&1 & F=$!
sleep 40
kill $S $A $B $F 2>/dev/null || true
"$python" - "$P" <<'PY'
import sys, json, datetime
from confluent_kafka import Consumer, TopicPartition
P=sys.argv[1]
c=Consumer({'bootstrap.servers':'127.0.0.1:9092','group.id':'m'+P,'auto.offset.reset':'earliest','enable.auto.commit':False})
t=P+'articles'
parts=c.list_topics(t).topics[t].partitions
lat=[]
for p in parts:
    lo,hi=c.get_watermark_offsets(TopicPartition(t,p))
    if hi<=lo: continue
    c.assign([TopicPartition(t,p,lo)])
    n=0
    while n<hi-lo:
        m=c.poll(5)
        if m is None: break
        n+=1
        a=json.loads(m.value())
        f=datetime.datetime.fromisoformat(a['fetched_at'].replace('Z','+00:00')).timestamp()*1000
        lat.append(m.timestamp()[1]-f)
lat.sort()
q=lambda x: lat[min(len(lat)-1,int(x*len(lat)))]
print(len(lat),"articles; fetch -> story record p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms"%(q(.5),q(.9),q(.99),lat[-1]))
PY

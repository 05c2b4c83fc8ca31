#!/usr/bin/env bash
# Starts or stops the local tansu broker. Its data live under data/.
set -euo pipefail
action=${1:-start}
address=${2:-127.0.0.1:9092}
host=${address%:*}
port=${address##*:}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$root/data"
pidfile="$root/data/broker.pid"

listening() { (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; }

case "$action" in
  start)
    if listening; then
      echo "broker: something already listens on $address; using it"
      exit 0
    fi
    cd "$root/data"
    nohup tansu broker \
      --listener-url "tcp://$address" \
      --advertised-listener-url "tcp://$address" \
      --storage-engine "sqlite://broker.db" > broker.log 2>&1 &
    echo $! > "$pidfile"
    for _ in $(seq 1 100); do
      if listening; then
        echo "broker: tansu listening on $address (pid $(cat "$pidfile"), log data/broker.log)"
        exit 0
      fi
      sleep 0.1
    done
    echo "broker: tansu did not start; see data/broker.log" >&2
    tail -5 broker.log >&2 || true
    exit 1
    ;;
  stop)
    if [[ -f $pidfile ]] && kill "$(cat "$pidfile")" 2>/dev/null; then
      echo "broker: stopped"
    fi
    rm -f "$pidfile"
    ;;
  *)
    echo "usage: $0 start|stop [host:port]" >&2
    exit 2
    ;;
esac

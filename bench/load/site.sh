# Shared by bench/load/run.sh and bench/load/steady.sh (sourced, not run).
#
# unpack_pages SHARED DIR: the saved pages of the shared `aeb` and
#   `trafilatura-dev` sets, gunzipped into DIR/pages/<set>_<id>.html.
# serve_static WORK PORT: serves WORK/site on 127.0.0.1:PORT with nginx
#   when installed (Debian's nginx-light; Python's http.server caps a bench
#   near 300 pages/s), else with Python; sets $server to its pid. With
#   WORK/site/servers.conf (bench/load/publishers.py) nginx also serves
#   each publisher on its own 127.0.0.x address.

unpack_pages() {
  local shared=$1 dir=$2 set page
  mkdir -p "$dir/pages"
  for set in aeb trafilatura-dev; do
    for page in "$shared/data/extraction/$set/pages/"*.html.gz; do
      gunzip -c "$page" > "$dir/pages/${set}_$(basename "$page" .html.gz).html"
    done
  done
}

# one_feed SITE PORT: SITE/feed.xml, an RSS feed of every page under
# SITE/pages as served on 127.0.0.1:PORT.
one_feed() {
  python3 - "$1" "$2" <<'PY'
import os, sys
site, port = sys.argv[1], sys.argv[2]
items = []
for name in sorted(os.listdir(os.path.join(site, "pages"))):
    url = f"http://127.0.0.1:{port}/pages/{name}"
    items.append(f"<item><title>{name}</title><link>{url}</link><guid>{url}</guid></item>")
with open(os.path.join(site, "feed.xml"), "w") as feed:
    feed.write('<?xml version="1.0"?><rss version="2.0"><channel><title>load</title>'
               f'<link>http://127.0.0.1:{port}/</link>' + "".join(items) + "</channel></rss>")
PY
}

serve_static() {
  local work=$1 port=$2 nginx_bin
  if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
    nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
    # (nginx's workers drop to an unprivileged user when started as root.)
    chmod a+rx "$work"
    chmod -R a+rX "$work/site"
    mkdir -p "$work/nginx"
    cat > "$work/nginx/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx;
  proxy_temp_path $work/nginx;
  fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx;
  scgi_temp_path $work/nginx;
  types { text/html html; application/rss+xml xml; }
  server { listen 127.0.0.1:$port; root $work/site; }
  $(cat "$work/site/servers.conf" 2>/dev/null || true)
}
NGINX
    "$nginx_bin" -c "$work/nginx/nginx.conf" -p "$work/nginx" >/dev/null 2>&1 &
    server=$!
    echo "server nginx"
  else
    (cd "$work/site" && exec python3 -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1) &
    server=$!
    echo "server python http.server"
  fi
  for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
}

# bench_config WORK PREFIX WORKERS FEED_URL [PIPELINE_LINE...]: a ticker
#   configuration on stdout: the local broker, topics under PREFIX, state
#   in WORK, politeness lifted, WORKERS workers (plus the extra [pipeline]
#   lines given), one trusted feed source at FEED_URL, or the sources of
#   the file when FEED_URL is @FILE.
bench_config() {
  local work=$1 prefix=$2 workers=$3 feed=$4
  shift 4
  printf '[kafka]\nbrokers = "127.0.0.1:9092"\ntopic_prefix = "%s"\npartitions = 1\n' "$prefix"
  # KAFKA_PROPERTIES='"linger.ms" = "20"' tries librdkafka settings.
  [ -z "${KAFKA_PROPERTIES:-}" ] || printf '[kafka.properties]\n%s\n' "$KAFKA_PROPERTIES"
  printf '[state]\npath = "%s/state.redb"\n' "$work"
  printf '[fetch]\nrespect_robots = false\nmin_host_interval_ms = 0\nmax_per_host = 0\n'
  printf '[pipeline]\nworkers = %s\nqueue_capacity = 1000\n' "$workers"
  for line in "$@"; do printf '%s\n' "$line"; done
  if [ "${feed#@}" != "$feed" ]; then
    cat "${feed#@}"
  else
    printf '[[sources]]\nid = "load"\nurl = "%s"\nallow_private = true\n' "$feed"
  fi
}

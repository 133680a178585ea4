#!/usr/bin/env bash
# Load benchmark of the server: a store of 100 thousand synthetic articles (made from IndoSum's text
# in ../shared/data by `linimasa bench corpus`), then wrk with 64 connections for 60 seconds against
# search (32 queries) and against story timelines (500 stories, first page), each path requested
# once before (warm-up), first with the answer cache off, then on. Prints requests/s, latency
# percentiles, errors, and the server's memory sampled every 5 s. Release build; installs wrk
# (Debian) when missing.
#   bash scripts/bench_server.sh [SIZE] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-100000}
seconds=${2:-60}
source scripts/bench_common.sh
bench_ready
BIN=.build/release/linimasa
dir=out/bench
mkdir -p "$dir"
corpus=$dir/corpus-$size.jsonl
store=$dir/store-$size.sqlite
if [ ! -s "$corpus" ]; then
  echo "bench: writing $size synthetic articles to $corpus"
  "$BIN" bench corpus --size "$size" --output "$corpus"
fi
if [ ! -s "$store" ]; then
  echo "bench: ingesting $corpus into $store (timed)"
  start=$(date +%s.%N)
  "$BIN" ingest "$corpus" --db "$store" --batch 1000 --max-bytes 2000000000
  end=$(date +%s.%N)
  python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print(f'bench: ingest took {s:.1f} s ({int(sys.argv[3])/s:.0f} articles/s)')" "$start" "$end" "$size"
fi
ls -la "$store"

# An increment: 100 articles made from the corpus's first 100 lines (new ids, one sentence more),
# added to a copy of the store; prints the regroup's phases.
python3 - "$corpus" "$dir/extra-100.jsonl" <<'PY'
import json, sys
with open(sys.argv[1]) as f, open(sys.argv[2], "w") as out:
    for i, line in enumerate(f):
        if i >= 100: break
        d = json.loads(line); d["id"] = "x" + d["id"]; d["text"] += " Tambahan berita."
        out.write(json.dumps(d) + "\n")
PY
cp "$store" "$dir/store-copy.sqlite"
echo "bench: adding 100 articles to a copy of the store (timed)"
start=$(date +%s.%N)
LINIMASA_TIMING=1 "$BIN" ingest "$dir/extra-100.jsonl" --db "$dir/store-copy.sqlite"
end=$(date +%s.%N)
python3 -c "import sys; print(f'bench: the increment took {float(sys.argv[2])-float(sys.argv[1]):.1f} s')" "$start" "$end"
rm -f "$dir/store-copy.sqlite" "$dir/store-copy.sqlite-wal" "$dir/store-copy.sqlite-shm"

# Paths to request: stories from the whole list, and queries of a few kinds (words, phrases, OR, filters).
bench_paths "$BIN" "$store" "$dir"

# Memory: the process's own (anonymous) resident memory; pages of the mapped database file are
# the kernel's page cache and are shown apart (RssFile).
rss() { awk '/RssAnon/ {a=$2} /RssFile/ {f=$2} END {printf "%d(+%d file)", a, f}' /proc/"$server"/status; }
server=""
trap '[ -n "$server" ] && kill $server 2>/dev/null || true' EXIT
for cache in 0 256; do
  echo "bench: starting the server with --cache-mb $cache (time to first answer)"
  t0=$(date +%s.%N)
  "$BIN" serve --db "$store" --port 0 --quiet --cache-mb "$cache" 2>"$dir/serve.log" &
  server=$!
  port=""
  while [ -z "$port" ]; do port=$(grep -o 'at http://127.0.0.1:[0-9]*' "$dir/serve.log" | grep -o '[0-9]*$' || true); sleep 0.01; done
  until curl -sf "http://127.0.0.1:$port/api/status" >/dev/null; do sleep 0.01; done
  t1=$(date +%s.%N)
  python3 -c "import sys; print(f'bench: the server answered {float(sys.argv[2])-float(sys.argv[1]):.3f} s after it was started')" "$t0" "$t1"
  curl -s "http://127.0.0.1:$port/api/status"; echo
  for what in search timeline; do
    echo "bench: $what, cache ${cache} MB, 64 connections, 2 threads, ${seconds} s"
    ( for _ in $(seq 1 $((seconds / 5))); do sleep 5; echo -n "$(rss) "; done ) >"$dir/rss-$what-$cache.txt" &
    sampler=$!
    # Warm-up: every path once (fills the answer cache when there is one, and the OS page cache).
    sed "s|^|http://127.0.0.1:$port|" "$dir/$what-paths.txt" | xargs -P 4 -n 1 curl -s -o /dev/null
    echo "bench: server anonymous RSS before, KiB: $(rss)"
    PATHS="$dir/$what-paths.txt" wrk -t2 -c64 -d"${seconds}s" --latency -s "$dir/paths.lua" "http://127.0.0.1:$port" | tee "$dir/wrk-$what-$cache.txt"
    wait $sampler || true
    echo "bench: server anonymous RSS every 5 s, KiB (+ mapped file): $(cat "$dir/rss-$what-$cache.txt")"
  done
  kill -TERM $server
  wait $server || true
  server=""
  tail -1 "$dir/serve.log"
done

# Load with faults: search at 64 connections (cache on) while a client POSTs 10 new articles every
# 2 s and another holds 900 half-sent requests open; then SIGTERM in the middle of a load. Checks
# afterwards: the server stopped within 10 s, integrity_check ok, and every article whose POST was
# answered is in the store.
echo "bench: load with faults (posting, half-open connections, SIGTERM), ${seconds} s"
cp "$store" "$dir/store-faults.sqlite"
LINIMASA_TOKEN=bench-token "$BIN" serve --db "$dir/store-faults.sqlite" --port 0 --quiet 2>"$dir/serve.log" &
server=$!
port=""
while [ -z "$port" ]; do port=$(grep -o 'at http://127.0.0.1:[0-9]*' "$dir/serve.log" | grep -o '[0-9]*$' || true); sleep 0.01; done
until curl -sf "http://127.0.0.1:$port/api/status" >/dev/null; do sleep 0.01; done
before=$(curl -s "http://127.0.0.1:$port/api/status" | python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"])')
python3 - "$port" "$seconds" "$dir/extra-100.jsonl" >"$dir/faults-posts.txt" <<'PY' &
import json, sys, time, urllib.request
port, seconds, extra = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
lines = [json.loads(l) for l in open(extra)]
ok = failed = 0; worst = 0.0; k = 0
end = time.time() + seconds
while time.time() < end:
    batch = []
    for _ in range(10):
        d = dict(lines[k % len(lines)]); d["id"] = f"fault-{k}"; k += 1; batch.append(d)
    t = time.time()
    try:
        req = urllib.request.Request(f"http://127.0.0.1:{port}/api/articles", data=json.dumps(batch).encode(), method="POST",
                                     headers={"Authorization": "Bearer bench-token", "Content-Type": "application/json"})
        urllib.request.urlopen(req, timeout=120).read(); ok += 10
    except Exception as e:
        failed += 10; print("post failed:", e, file=sys.stderr)
    worst = max(worst, time.time() - t)
    time.sleep(2)
print(ok, failed, f"{worst:.2f}")
PY
poster=$!
python3 - "$port" "$seconds" <<'PY' &
import socket, sys, time
port, seconds = int(sys.argv[1]), int(sys.argv[2])
held = []
for _ in range(900):
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=5); s.sendall(b"GET /api/status HTTP/1.1\r\nHo"); held.append(s)
    except OSError:
        break
print(f"bench: {len(held)} half-sent requests held open", flush=True)
time.sleep(seconds)
closed = 0
for s in held:
    s.settimeout(0.01)
    try:
        if s.recv(1) == b"": closed += 1
    except OSError:
        pass
print(f"bench: {closed} of {len(held)} half-sent requests closed by the server after {seconds} s", flush=True)
PY
halfopen=$!
PATHS="$dir/search-paths.txt" wrk -t2 -c64 -d"${seconds}s" --latency -s "$dir/paths.lua" "http://127.0.0.1:$port" | tee "$dir/wrk-faults.txt"
wait $poster || true
wait $halfopen || true
read -r posted failed worst <"$dir/faults-posts.txt"
echo "bench: POSTs during the load: $posted articles answered, $failed refused or failed, slowest POST ${worst} s"
( sleep 5; kill -TERM $server; echo "bench: SIGTERM sent at $(date +%s.%N)" >"$dir/sigterm.txt" ) &
PATHS="$dir/search-paths.txt" wrk -t2 -c64 -d10s -s "$dir/paths.lua" "http://127.0.0.1:$port" >"$dir/wrk-sigterm.txt" 2>&1 || true
code=0
wait $server || code=$?
stopped=$(date +%s.%N)
server=""
sent=$(grep -o '[0-9.]*$' "$dir/sigterm.txt")
python3 -c "import sys; print(f'bench: the server stopped {float(sys.argv[2])-float(sys.argv[1]):.2f} s after SIGTERM, under load')" "$sent" "$stopped"
python3 - "$dir/store-faults.sqlite" "$before" "$posted" "$code" "$sent" <<'PY'
import sqlite3, sys, os
path, before, posted, code, sent = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
con = sqlite3.connect(path)
verdict = con.execute("PRAGMA integrity_check").fetchone()[0]
n = con.execute("SELECT count(*) FROM articles").fetchone()[0]
print(f"bench: after SIGTERM: exit status {code}; integrity {verdict}; {n} articles = {before} before + {n - before} added ({posted} answered)")
if verdict != "ok" or n < before + posted: print("bench: FAULT CHECK FAILED"); sys.exit(1)
PY

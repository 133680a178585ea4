#!/usr/bin/env bash
# Reads without the answer cache, the SQLite store beside the PostgreSQL store, in one run: the
# same synthetic articles (made from IndoSum's text in ../shared/data by `linimasa bench corpus`)
# ingested into a SQLite file and into a throwaway PostgreSQL cluster (scripts/postgres.sh), then
# for each a server with --cache-mb 0 and wrk with 64 connections against search (32 paths) and
# story timelines (500 paths), every path requested once first. Prints requests/s, p50 and p99
# latency (wrk's time-out raised to 10 s, so that slow answers are timed, not dropped), errors
# (time-outs, failed sockets, answers other than 2xx/3xx), and PostgreSQL's p99 over SQLite's. Release build; installs wrk when missing.
#   bash scripts/bench_reads.sh [SIZE] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-20000}
seconds=${2:-30}
source scripts/bench_common.sh
bench_ready
command -v pg_config >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || bash scripts/setup.sh
BIN=.build/release/linimasa
dir=out/bench
mkdir -p "$dir"
corpus=$dir/corpus-$size.jsonl
if [ ! -s "$corpus" ]; then
  echo "bench: writing $size synthetic articles to $corpus"
  "$BIN" bench corpus --size "$size" --output "$corpus"
fi
sqlite=$dir/reads-$size.sqlite
rm -f "$sqlite" "$sqlite-wal" "$sqlite-shm"
url=$(bash scripts/postgres.sh start 2>"$dir/pg-start.log")
pgdir=$(tail -1 "$dir/pg-start.log")
server=""
trap '[ -n "$server" ] && kill $server 2>/dev/null; bash scripts/postgres.sh stop "$pgdir"' EXIT
for db in "$sqlite" "$url"; do
  echo "bench: ingesting $corpus into ${db%%\?*} (timed)"
  start=$(date +%s.%N)
  "$BIN" ingest "$corpus" --db "$db" --batch 1000 --max-bytes 2000000000 2>/dev/null
  end=$(date +%s.%N)
  python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print(f'bench: ingest took {s:.1f} s ({int(sys.argv[3])/s:.0f} articles/s)')" "$start" "$end" "$size"
done
bench_paths "$BIN" "$sqlite" "$dir"
results=$dir/reads-$size.txt
: >"$results"
for name in sqlite postgresql; do
  db=$sqlite
  [ "$name" = postgresql ] && db=$url
  "$BIN" serve --db "$db" --port 0 --quiet --cache-mb 0 2>"$dir/serve.log" &
  server=$!
  port=""
  while [ -z "$port" ]; do port=$(grep -o 'at http://127.0.0.1:[0-9]*' "$dir/serve.log" | grep -o '[0-9]*$' || true); sleep 0.01; done
  until curl -sf "http://127.0.0.1:$port/api/status" >/dev/null; do sleep 0.01; done
  for what in search timeline; do
    sed "s|^|http://127.0.0.1:$port|" "$dir/$what-paths.txt" | xargs -P 4 -n 1 curl -s -o /dev/null
    echo "bench: $name, $what, no answer cache, 64 connections, ${seconds} s"
    PATHS="$dir/$what-paths.txt" wrk -t2 -c64 -d"${seconds}s" --timeout 10s --latency -s "$dir/paths.lua" "http://127.0.0.1:$port" >"$dir/wrk-$name-$what.txt"
    python3 - "$name" "$what" "$dir/wrk-$name-$what.txt" >>"$results" <<'PY'
import re, sys
name, what, path = sys.argv[1:]
text = open(path).read()
def ms(v, unit): return float(v) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
lat = {p: ms(v, u) for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)}
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
errors = (sum(int(x) for x in sock.groups()) if sock else 0) + sum(int(x) for x in re.findall(r"Non-2xx or 3xx responses: (\d+)", text))
print(f"{name}\t{what}\t{rps:.0f}\t{lat['50']:.1f}\t{lat['99']:.1f}\t{errors}")
PY
    tail -1 "$results"
  done
  kill -TERM $server
  wait $server || true
  server=""
done
python3 - "$results" "$size" <<'PY'
import sys
rows = [l.split("\t") for l in open(sys.argv[1]).read().split("\n") if l]
print(f"\nreads without the answer cache, {sys.argv[2]} synthetic articles, 64 connections")
print("store       what      req/s  p50 ms  p99 ms  errors")
for r in rows: print(f"{r[0]:<11} {r[1]:<9} {r[2]:>5}  {r[3]:>6}  {r[4]:>6}  {r[5]:>6}")
by = {(r[0], r[1]): r for r in rows}
for what in ("search", "timeline"):
    s, p = by.get(("sqlite", what)), by.get(("postgresql", what))
    if s and p: print(f"{what}: PostgreSQL p99 / SQLite p99 = {float(p[4]) / float(s[4]):.2f}, requests/s {float(p[2]) / float(s[2]):.2f}x")
PY

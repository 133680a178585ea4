#!/usr/bin/env bash
# Writers on one PostgreSQL database: the same real articles (IndoSum's 1,499 development articles
# as JSON lines, each id once, split in two halves) ingested by one `linimasa ingest` process, then by two at once
# (a half each), each with one worker thread, into fresh databases of a throwaway cluster
# (scripts/postgres.sh); the time from start to both done, the articles stored, and whether the
# two-writer collection's timeline is the one-writer's. Release build.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d ../shared/data/sum/indosum ] || { echo "bench_postgres: ../shared/data/sum/indosum is not here; nothing to measure" >&2; exit 1; }
bash scripts/setup.sh
mkdir -p out
# Each id once (IndoSum repeats a few under two texts: which of two writers at once stores last is
# a race of the input, not of the store), the last text of an id kept, as one writer keeps it.
python3 scripts/indosum_jsonl.py | python3 -c '
import json, sys
lines = {}
for line in sys.stdin:
    lines[json.loads(line)["id"]] = line
sys.stdout.writelines(lines.values())' > out/indosum-unique.jsonl
N=$(wc -l < out/indosum-unique.jsonl)
head -n $((N / 2)) out/indosum-unique.jsonl > out/indosum-a.jsonl
tail -n +$((N / 2 + 1)) out/indosum-unique.jsonl > out/indosum-b.jsonl
swift build -c release 2>&1 | tail -1 >&2
B=.build/release/linimasa
URL=$(bash scripts/postgres.sh start 2>out/pg-start.log)
DIR=$(tail -1 out/pg-start.log)
trap 'bash scripts/postgres.sh stop "$DIR"' EXIT
base=${URL%/*}
for db in one two; do psql -q "$base/postgres" -c "CREATE DATABASE $db"; done
# Tables made first, so both writers start on the same footing.
"$B" stories --db "$base/one" >/dev/null 2>&1 || true
"$B" stories --db "$base/two" >/dev/null 2>&1 || true
t0=$(date +%s.%N)
"$B" ingest out/indosum-unique.jsonl --db "$base/one" --jobs 1 2>/dev/null
t1=$(date +%s.%N)
"$B" ingest out/indosum-a.jsonl --db "$base/two" --jobs 1 2>/dev/null &
p1=$!
"$B" ingest out/indosum-b.jsonl --db "$base/two" --jobs 1 2>/dev/null &
p2=$!
wait $p1 $p2   # the writers take turns at the end: the timeline is current when both are done
t2=$(date +%s.%N)
one=$(echo "$t1 - $t0" | bc); two=$(echo "$t2 - $t1" | bc)
a1=$(psql -tA "$base/one" -c "SELECT count(*) FROM articles"); a2=$(psql -tA "$base/two" -c "SELECT count(*) FROM articles")
"$B" timeline --db "$base/one" --format json > out/pg-one.json 2>/dev/null
"$B" timeline --db "$base/two" --format json > out/pg-two.json 2>/dev/null
# The stories byte for byte, and the same articles (listed in the order they were added, which two
# writers interleave).
same=$(python3 -c '
import json
a, b = json.load(open("out/pg-one.json")), json.load(open("out/pg-two.json"))
same = a["stories"] == b["stories"] and sorted(x["id"] for x in a["articles"]) == sorted(x["id"] for x in b["articles"])
print("yes" if same else "no")')
printf 'articles: %d real (IndoSum dev folds, each id once)\n' "$N"
printf 'one writer:  %.2f s, %.0f articles/s, %s stored\n' "$one" "$(echo "$N / $one" | bc -l)" "$a1"
printf 'two writers: %.2f s, %.0f articles/s, %s stored (each a half, at once)\n' "$two" "$(echo "$N / $two" | bc -l)" "$a2"
printf 'ratio: %.2fx; the same timeline: %s\n' "$(echo "$one / $two" | bc -l)" "$same"

#!/usr/bin/env bash
# `analyze` against the Python chain a user would otherwise run (a regex sentence splitter, word
# tokens and Sastrawi stemming of every word, written as a JSON line an article; no entities, no
# quotes, no dates), on the same real articles in one run: IndoSum's development folds (1,499
# articles) as JSON lines. Release build; PySastrawi from PyPI into .build/chain-venv.
# Each command runs ROUNDS times (default 3), alternating, whole process timed (start-up included);
# the median is reported.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-3}"
[ -d ../shared/data/sum/indosum ] || { echo "bench_analyze: ../shared/data/sum/indosum is not here; nothing to measure" >&2; exit 1; }
bash scripts/setup.sh
mkdir -p out
python3 scripts/indosum_jsonl.py > out/indosum.jsonl
N=$(wc -l < out/indosum.jsonl)
if [ ! -x .build/chain-venv/bin/python ]; then
  echo "bench_analyze: installing PySastrawi into .build/chain-venv (PyPI)" >&2
  python3 -m venv .build/chain-venv
  .build/chain-venv/bin/pip install -q PySastrawi
fi
echo "bench_analyze: swift build -c release" >&2
swift build -c release 2>&1 | tail -1 >&2
B=.build/release/linimasa
declare -A times
run() { # name command...
  local name=$1; shift
  local t0 t1
  t0=$(date +%s.%N); "$@" > /dev/null 2>&1; t1=$(date +%s.%N)
  times[$name]+="$(echo "$t1 - $t0" | bc) "
}
for r in $(seq "$ROUNDS"); do
  run both "$B" analyze out/indosum.jsonl --format jsonl
  run one "$B" analyze out/indosum.jsonl --format jsonl --jobs 1
  run chain .build/chain-venv/bin/python scripts/bench_python_reference.py out/indosum.jsonl
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
both=$(echo "${times[both]}" | median); one=$(echo "${times[one]}" | median); chain=$(echo "${times[chain]}" | median)
printf 'articles: %d (IndoSum dev folds, %s bytes), median of %d runs each, whole process\n' "$N" "$(wc -c < out/indosum.jsonl)" "$ROUNDS"
printf 'linimasa analyze, both cores: %.2f s, %.0f articles/s\n' "$both" "$(echo "$N / $both" | bc -l)"
printf 'linimasa analyze, one core:   %.2f s, %.0f articles/s\n' "$one" "$(echo "$N / $one" | bc -l)"
printf 'python chain, one core:       %.2f s, %.0f articles/s\n' "$chain" "$(echo "$N / $chain" | bc -l)"
printf 'ratio to the chain: %.1fx on both cores, %.1fx on one; scaling one to two cores %.2fx\n' \
  "$(echo "$chain / $both" | bc -l)" "$(echo "$chain / $one" | bc -l)" "$(echo "$one / $both" | bc -l)"

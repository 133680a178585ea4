#!/usr/bin/env bash
# Runs the whole test suite: installs what it needs, builds, runs every Swift Testing suite.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1
echo "test: building the linimasa executable (swift build; the store's process tests run it)"
swift build 2>&1 | grep --line-buffered -vE '^\[[0-9]+/[0-9]+\] (Compiling|Emitting|Linking|Write|Merging|Wrapping)'
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "test: FAILED (swift build)"; exit 1; }
echo "test: a throwaway PostgreSQL cluster on loopback for the PostgreSQL store's tests (scripts/postgres.sh)"
if PG_URL=$(bash scripts/postgres.sh start 2>"${TMPDIR:-/tmp}/linimasa-pg-start.log"); then
  PG_DIR=$(tail -1 "${TMPDIR:-/tmp}/linimasa-pg-start.log")
  trap 'bash scripts/postgres.sh stop "$PG_DIR"' EXIT
  export LINIMASA_TEST_POSTGRES="$PG_URL"
  echo "test: PostgreSQL at $PG_URL"
else
  cat "${TMPDIR:-/tmp}/linimasa-pg-start.log"
  echo "test: FAILED (the PostgreSQL cluster did not start)"
  exit 1
fi
echo "test: browser test (headless chromium on the story page)"
bash scripts/browser_test.sh || { echo "test: FAILED (browser test)"; exit 1; }
echo "test: building and running all tests (swift test; a first build takes a few minutes)"
swift test 2>&1 | grep --line-buffered -vE '^\[[0-9]+/[0-9]+\] (Compiling|Emitting|Linking|Write|Merging|Wrapping)'
status=${PIPESTATUS[0]}
echo "test: linearity on pathological inputs (linimasa bench linear: CPU time per doubling of dots, quotes, dates...)"
if ! .build/debug/linimasa bench linear --size 16; then
  echo "test: FAILED (a stage is not linear in its input)"
  status=1
fi
echo "test: Schemathesis against the running server (scripts/schemathesis.sh: the OpenAPI document and the server agree)"
if ! bash scripts/schemathesis.sh 50; then
  echo "test: FAILED (schemathesis)"
  status=1
fi
echo "test: fault campaign, 5 rounds of each kind (scripts/faults.sh: kill -9 in ingest, regroup and POST; full disk; read-only; corrupted page)"
if ! bash scripts/faults.sh 5; then
  echo "test: FAILED (a fault left the store damaged or lost committed articles)"
  status=1
fi
if [ -d ../shared/data/events/detik ]; then
  echo "test: evaluation floor for events and stories (../shared/data/events/detik is here; linimasa eval events)"
  if ! .build/debug/linimasa eval events --floor-events 0.75 --floor-stories 0.58; then
    echo "test: FAILED (eval events below its floor)"
    status=1
  fi
fi
if [ -d ../shared/data/dates/htmldate ]; then
  echo "test: evaluation floor for page dates (../shared/data/dates/htmldate is here; linimasa eval pagedates)"
  mkdir -p out
  if ! .build/debug/linimasa eval pagedates --floor 0.945 > out/pagedates.txt; then
    echo "test: FAILED (eval pagedates below its floor)"
    status=1
  fi
  tail -1 out/pagedates.txt
fi
if [ ! -d ../shared/data ]; then
  echo "test: ../shared/data is not here; the evaluation floors are skipped"
fi
[ "$status" -eq 0 ] && echo "test: all tests passed" || echo "test: FAILED (exit status $status)"
exit "$status"

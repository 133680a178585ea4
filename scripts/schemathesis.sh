#!/usr/bin/env bash
# Schemathesis (property-based API testing, from PyPI) against a running server: every operation of
# /api/openapi.json with generated valid and invalid requests, every check (server errors, status
# codes and bodies the document does not list, valid requests refused, invalid ones accepted,
# methods the document does not list, stateful sequences). Zero failures passes.
#   bash scripts/schemathesis.sh [MAX_EXAMPLES]     (default 50 per operation; fixed seed)
# Installs python3-venv from Debian if missing and schemathesis into .build/schemathesis-venv.
# Uses LINIMASA_BIN (default .build/debug/linimasa).
set -euo pipefail
cd "$(dirname "$0")/.."
examples=${1:-50}
bin=$(realpath "${LINIMASA_BIN:-.build/debug/linimasa}")
venv=.build/schemathesis-venv
if [ ! -x "$venv/bin/schemathesis" ]; then
  if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c "import ensurepip" 2>/dev/null; then
    echo "schemathesis: installing Debian package python3-venv"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-venv >/dev/null
  fi
  echo "schemathesis: installing schemathesis from PyPI into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q schemathesis
fi
work=$(mktemp -d /tmp/linimasa-schemathesis.XXXXXX)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
"$bin" ingest Tests/Fixtures/seeds --db "$work/s.sqlite" >/dev/null 2>&1
port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
LINIMASA_TOKEN=schemathesis-token "$bin" serve --db "$work/s.sqlite" --port "$port" --quiet &
server=$!
python3 - "$port" <<'PY2'
import sys, time, urllib.request
for _ in range(200):
    try: urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/api/status", timeout=2).read(); break
    except Exception: time.sleep(0.1)
PY2
echo "schemathesis: $("$venv/bin/schemathesis" --version), $examples examples an operation, against 127.0.0.1:$port"
timeout 900 "$venv/bin/schemathesis" run "http://127.0.0.1:$port/api/openapi.json" --checks all \
  -H "Authorization: Bearer schemathesis-token" --max-examples "$examples" --seed "${SCHEMATHESIS_SEED:-16}" --no-color 2>&1 |
  grep -avE "^\s*$" | cut -c1-${SCHEMATHESIS_WIDTH:-400} | sed -n '/SUMMARY/,$p;/^- ST/,+12p'
status=${PIPESTATUS[0]}
if [ "$status" -ne 0 ]; then echo "schemathesis: FAILED (exit $status)"; exit 1; fi
echo "schemathesis: no failure"

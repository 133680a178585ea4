#!/usr/bin/env bash
# Runs the main job on the bundled sample: the five seed articles in Tests/Fixtures/seeds.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "sample: building linimasa (release)" >&2
swift build -c release --product linimasa 2>&1 | grep -E "error|warning: unre|Compiling linimasa|Build complete" >&2 || true
echo "sample: linimasa analyze Tests/Fixtures/seeds --format ${1:-md}" >&2
.build/release/linimasa analyze Tests/Fixtures/seeds --format "${1:-md}"

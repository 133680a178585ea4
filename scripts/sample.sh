#!/usr/bin/env bash
# Runs the main job on the bundled sample, the five seed articles in Tests/Fixtures/seeds:
# their stories, events and timeline. `sample.sh json|html` for the other formats,
# `sample.sh articles` for each article cleaned and dated (linimasa analyze), `sample.sh serve` to
# put them in a store (out/sample.sqlite) and read them in a browser at http://127.0.0.1:8080/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "sample: building linimasa (release)" >&2
swift build -c release --product linimasa 2>&1 | grep -E "error|warning: unre|Compiling linimasa|Build complete" >&2 || true
format="${1:-md}"
if [ "$format" = serve ]; then
    mkdir -p out
    echo "sample: linimasa ingest Tests/Fixtures/seeds --db out/sample.sqlite" >&2
    .build/release/linimasa ingest Tests/Fixtures/seeds --db out/sample.sqlite
    echo "sample: linimasa serve --db out/sample.sqlite (open http://127.0.0.1:8080/, Ctrl-C stops it)" >&2
    exec .build/release/linimasa serve --db out/sample.sqlite
elif [ "$format" = articles ]; then
    echo "sample: linimasa analyze Tests/Fixtures/seeds --format md" >&2
    .build/release/linimasa analyze Tests/Fixtures/seeds --format md
else
    echo "sample: linimasa timeline Tests/Fixtures/seeds --format $format" >&2
    .build/release/linimasa timeline Tests/Fixtures/seeds --format "$format"
fi

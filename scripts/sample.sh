#!/usr/bin/env bash
# Runs the main job on the bundled sample, the five seed articles in Tests/Fixtures/seeds:
# their stories, events and timeline. `sample.sh json|html` for the other formats,
# `sample.sh articles` for each article cleaned and dated (linimasa analyze), `sample.sh serve` to
# put them in a store (out/sample.sqlite) and read them in a browser at http://127.0.0.1:8080/.
# A second argument names another folder (or file) to read instead: text files, saved web pages
# (.html, .htm, .html.gz), JSON lines, CSV or WARC, e.g. `sample.sh md ~/saved-pages`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "sample: building linimasa (release)" >&2
swift build -c release --product linimasa 2>&1 | grep -E "error|warning: unre|Compiling linimasa|Build complete" >&2 || true
format="${1:-md}"
input="${2:-Tests/Fixtures/seeds}"
if [ "$format" = serve ]; then
    mkdir -p out
    echo "sample: linimasa ingest $input --db out/sample.sqlite" >&2
    .build/release/linimasa ingest "$input" --db out/sample.sqlite
    echo "sample: linimasa serve --db out/sample.sqlite (open http://127.0.0.1:8080/, Ctrl-C stops it)" >&2
    exec .build/release/linimasa serve --db out/sample.sqlite
elif [ "$format" = articles ]; then
    echo "sample: linimasa analyze $input --format md" >&2
    .build/release/linimasa analyze "$input" --format md
else
    echo "sample: linimasa timeline $input --format $format" >&2
    .build/release/linimasa timeline "$input" --format "$format"
fi

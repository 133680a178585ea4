#!/usr/bin/env bash
# Speed of finding the article in web pages, beside trafilatura (what a user would run instead),
# on the same pages in the same run: ../shared/data/html/aeb and html/anpandu (103 pages), each
# decompressed into memory first, on one core and on all. Release build; installs trafilatura from
# PyPI into .build/trafilatura-venv when missing (python3-venv from Debian if needed).
#   bash scripts/bench_extract.sh
set -euo pipefail
cd "$(dirname "$0")/.."
data=${LINIMASA_DATA:-../shared/data}
if [ ! -d "$data/html/aeb" ]; then echo "bench: the development data is not at $data (html/aeb); nothing to measure"; exit 3; fi
venv=.build/trafilatura-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import trafilatura" 2>/dev/null; then
  if ! python3 -c "import ensurepip" 2>/dev/null; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-venv >/dev/null
  fi
  echo "bench: installing trafilatura from PyPI into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q trafilatura lxml_html_clean
fi
echo "bench: building release (swift build -c release)"
swift build -c release 2>&1 | grep -E "error|Build complete" || true
echo "bench: linimasa (PageExtractor: text, removed blocks with reasons, metadata)"
.build/release/linimasa bench extract --data "$data"
echo "bench: trafilatura $("$venv/bin/python" -c 'import trafilatura; print(trafilatura.__version__)') (extract with metadata, on the same pages, same copies)"
"$venv/bin/python" - "$data" <<'PY'
import gzip, json, os, sys, time, statistics
from concurrent.futures import ProcessPoolExecutor
import trafilatura
data = sys.argv[1]
pages = []
truth = json.load(open(f"{data}/html/aeb/ground-truth.json"))
for k in sorted(truth):
    p = f"{data}/html/aeb/html/{k}.html.gz"
    if os.path.exists(p): pages.append(gzip.open(p).read())
for x in json.load(open(f"{data}/html/anpandu/ground_truth.json")):
    pages.append(open(f"{data}/html/anpandu/{x['file']}", "rb").read())
pages = pages * 4
def run(chunk):
    for h in chunk: trafilatura.extract(h, with_metadata=True)
    return len(chunk)
def timed(jobs):
    t = time.perf_counter()
    if jobs == 1: run(pages)
    else:
        with ProcessPoolExecutor(jobs) as ex: list(ex.map(run, [pages[i::jobs] for i in range(jobs)]))
    return time.perf_counter() - t
run(pages[:10])
print(f"pages: {len(pages)}")
for jobs in sorted({1, os.cpu_count()}):
    times = [timed(jobs) for _ in range(3)]
    m = statistics.median(times)
    print(f"jobs {jobs}: {m*1000/len(pages):.2f} ms a page, {len(pages)/m:.0f} pages/s (median of 3 runs)")
import resource
print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB (the main process)")
PY

#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer, from the Swift toolchain) of reading and analysis, JSON lines
# (the body of POST /api/articles), the search query translator, web pages, CSV, WARC and feeds: FuzzHarness in
# Sources/LinimasaEvaluation. Usage: bash scripts/fuzz.sh [EXECUTIONS] (default 1000000).
# Crashes and slow inputs land in out/fuzz/found/; copy each into Tests/Fixtures/fuzz-regressions/
# (which the unit tests replay) once it is fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-1000000}
build=.build-fuzz
bash scripts/setup.sh
echo "fuzz: building linimasa-fuzz with -sanitize=fuzzer in $build (release; the first build takes several minutes)"
swift build -c release --product linimasa-fuzz --build-path "$build" \
  -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING -Xswiftc -parse-as-library 2>&1 | grep -vE '^\[[0-9]+/[0-9]+\]' || true
bin="$build/release/linimasa-fuzz"
[ -x "$bin" ] || { echo "fuzz: the build failed"; exit 1; }
corpus=out/fuzz/corpus
mkdir -p "$corpus" out/fuzz/found
# Seeds: each fixture as a text file (first byte 0) and as a JSON line (first byte 1), and queries (2).
python3 - "$corpus" <<'PY'
import json, os, sys
out = sys.argv[1]
for name in sorted(os.listdir("Tests/Fixtures/seeds")):
    text = open(os.path.join("Tests/Fixtures/seeds", name), "rb").read()
    open(os.path.join(out, "text-" + name), "wb").write(b"\x00" + text)
    line = json.dumps({"id": name, "text": text.decode("utf-8", "replace"), "published": "2022-01-03T10:00:00+07:00"})
    open(os.path.join(out, "json-" + name), "wb").write(b"\x01" + line.encode())
for k, q in enumerate(['serangan rudal', '"Laut Hitam" OR Rusia*', '(Putin AND Erdogan) NOT Suriah', 'kata-kata "tak tertutup']):
    open(os.path.join(out, "query-%d" % k), "wb").write(b"\x02" + q.encode())
# Web pages (3), CSV (4), WARC (5) and feeds (6), from the fixtures and small hand-made ones.
page = open("Tests/Fixtures/pages/banjir.html", "rb").read()
open(os.path.join(out, "page-banjir"), "wb").write(b"\x03" + page)
open(os.path.join(out, "csv-1"), "wb").write(b"\x04" + b'judul;isi;tanggal\r\nBanjir;"Banjir ""parah""; rumah terendam.";15/01/2024 09:30\r\n')
http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n" + b"%x\r\n" % len(page[:3000]) + page[:3000] + b"\r\n0\r\n\r\n"
warc = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://a.id/1\r\nContent-Length: %d\r\n\r\n" % len(http) + http + b"\r\n\r\n"
open(os.path.join(out, "warc-1"), "wb").write(b"\x05" + warc)
open(os.path.join(out, "feed-rss"), "wb").write(b"\x06" + b'<rss><channel><title>T</title><item><title>A</title><link>https://a.id/1</link><pubDate>Mon, 15 Jan 2024 09:30:00 +0700</pubDate><description>&lt;p&gt;x&lt;/p&gt;</description></item></channel></rss>')
open(os.path.join(out, "feed-sitemap"), "wb").write(b"\x06" + b'<urlset><url><loc>https://c.id/1</loc><lastmod>2024-03-02</lastmod></url></urlset>')
PY
echo "fuzz: $runs executions (corpus $corpus, regressions Tests/Fixtures/fuzz-regressions)"
"$bin" "$corpus" Tests/Fixtures/fuzz-regressions -runs="$runs" -max_len=4096 -timeout=10 -rss_limit_mb=4096 \
  -artifact_prefix=out/fuzz/found/ -print_final_stats=1 2>&1 | tee out/fuzz/last.log | grep -E "^#[0-9]+ +(pulse|DONE)|stat::|ERROR|SUMMARY|Test unit written" || true
if ls out/fuzz/found/* >/dev/null 2>&1; then echo "fuzz: FOUND inputs in out/fuzz/found"; exit 1; fi
echo "fuzz: no crash and no input over 10 s in $runs executions"

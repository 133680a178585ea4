#!/usr/bin/env bash
# Browser test: ingests the seed articles into a new store, starts the server on a free loopback
# port, loads a story page in headless Chromium and checks the rendered page (DOM dump) shows the
# story's three events with their dates; saves screenshots (laptop and phone) in out/browser/.
# Needs the built executable (swift build) and Debian's chromium (installed here when missing).
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=${LINIMASA_BIN:-.build/debug/linimasa}
[ -x "$BIN" ] || { echo "browser: $BIN is not built (run swift build)"; exit 1; }
if ! command -v chromium >/dev/null; then
  echo "browser: installing Debian package chromium (headless browser for the page test)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null \
    || { echo "browser: FAILED to install chromium"; exit 1; }
fi
work=$(mktemp -d)
out=out/browser
mkdir -p "$out"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "browser: FAILED: $*"; exit 1; }

"$BIN" ingest Tests/Fixtures/seeds --db "$work/seeds.sqlite" 2>"$work/ingest.log" || fail "ingest: $(cat "$work/ingest.log")"
story=$("$BIN" stories --db "$work/seeds.sqlite" --format json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])') \
  || fail "no story in the store"
"$BIN" serve --db "$work/seeds.sqlite" --port 0 2>"$work/serve.log" &
server=$!
port=""
for _ in $(seq 1 100); do
  port=$(grep -o 'at http://127.0.0.1:[0-9]*' "$work/serve.log" | grep -o '[0-9]*$' || true)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || fail "the server did not start: $(cat "$work/serve.log")"
url="http://127.0.0.1:$port/#/cerita/$story"
echo "browser: loading $url in headless chromium"
chrome=(chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars --virtual-time-budget=8000)
"${chrome[@]}" --dump-dom "$url" >"$work/dom.html" 2>"$work/chrome.log" || fail "chromium: $(tail -3 "$work/chrome.log")"
"${chrome[@]}" --window-size=1280,1800 --screenshot="$PWD/$out/story-laptop.png" "$url" >/dev/null 2>&1
"${chrome[@]}" --window-size=390,1600 --screenshot="$PWD/$out/story-phone.png" "$url" >/dev/null 2>&1
cp "$work/dom.html" "$out/story.html"

# Three events, each with its date, in date order, inside the time axis.
python3 - "$work/dom.html" <<'PY' || fail "the story page does not show the three events (DOM in $out/story.html)"
import re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
axis = re.search(r'<ol class="axis".*?</ol>\s*(<h2|</main>)', dom, re.S)
assert axis, "no time axis in the page"
events = re.findall(r'<li class="event" id="peristiwa-[^"]+">.*?<time datetime="([0-9-]+)">([^<]+)</time>', axis.group(0), re.S)
want = [("2020-12-29", "29 Desember 2020"), ("2021-09-29", "29 September 2021"), ("2022-01-02", "2 Januari 2022")]
print("browser: events on the page:", events)
assert events == want, f"expected {want}"
assert dom.count('href="#/artikel/') >= 5, "article links missing"
PY
[ -s "$out/story-laptop.png" ] || fail "no screenshot"
kill -TERM "$server"; wait "$server"; status=$?
server=""
grep -q "linimasa: stopped" "$work/serve.log" || fail "the server did not stop cleanly on SIGTERM (exit $status)"
echo "browser: the story page shows the three events with their dates; screenshots in $out/"

#!/usr/bin/env bash
# What the server benchmarks share (sourced by bench_server.sh and bench_reads.sh).
#
# bench_ready: the development data must be there (IndoSum's text makes the corpus; exit 3 with a
# plain message when it is not), wrk is installed from Debian when missing, and the release build
# is made.
bench_ready() {
  data=${LINIMASA_DATA:-../shared/data}
  if [ ! -d "$data/sum/indosum" ]; then
    echo "bench: the development data is not at $data (IndoSum makes the corpus); nothing to measure"
    exit 3
  fi
  if ! command -v wrk >/dev/null; then
    echo "bench: installing Debian package wrk (HTTP load generator)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  fi
  echo "bench: building release (swift build -c release)"
  swift build -c release 2>&1 | grep -E "error|Build complete" || true
}

# bench_paths: the requests the read benchmarks send: story
# timelines (the first 500 stories of the list, first page) and 32 searches (16 queries of a few
# kinds: words, phrases, OR, a prefix; each also with a year's date filter), written to
# DIR/timeline-paths.txt and DIR/search-paths.txt, and DIR/paths.lua, which makes wrk go through a
# file of paths (PATHS) in turn from a random start.
#   bench_paths BIN DB DIR
bench_paths() {
  local bin=$1 db=$2 dir=$3
  "$bin" stories --db "$db" --per-page 500 --format json 2>/dev/null \
    | python3 -c 'import json,sys; [print("/api/stories/"+s["id"]) for s in json.load(sys.stdin)["items"]]' >"$dir/timeline-paths.txt"
  python3 - >"$dir/search-paths.txt" <<'PY'
from urllib.parse import quote
qs = ["presiden", "polisi jakarta", '"Real Madrid"', "gempa", "harga naik", "banjir OR longsor", "pemain timnas", "pemerintah daerah",
      "menteri", "korban tewas", "pertandingan", "sidang", "kebakaran", "pemilihan gubernur", "bank indonesia", "pelatih*"]
for q in qs:
    print("/api/search?q=" + quote(q))
    print("/api/search?q=" + quote(q) + "&from=2017-01-01&to=2017-12-31")
PY
  cat >"$dir/paths.lua" <<'LUA'
local paths = {}
for line in io.lines(os.getenv("PATHS")) do paths[#paths + 1] = line end
local i = math.random(#paths)
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA
}

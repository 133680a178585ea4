#!/usr/bin/env bash
# The requests the read benchmarks send (sourced by bench_server.sh and bench_reads.sh): story
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

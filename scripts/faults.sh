#!/usr/bin/env bash
# Fault campaign (issue 16): kill -9 at random points of ingest, of a regroup and of a POST, a full
# disk, a read-only store, a corrupted page. After each fault: PRAGMA integrity_check is ok, every
# article committed before the fault is still there, a POST is all or nothing, and the next run
# brings the store up to date. Needs nothing from ../shared (the corpus is made from the seeds).
#   bash scripts/faults.sh [ROUNDS]      (ROUNDS kills of each kind; default 100; CI runs 5)
# Uses LINIMASA_BIN (default .build/debug/linimasa, built if missing). The full disk is a 2 MB tmpfs,
# so that part needs root (it is skipped with a note otherwise); the read-only part runs the reader
# as `nobody` when run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-100}
bin=${LINIMASA_BIN:-.build/debug/linimasa}
if [ ! -x "$bin" ]; then
  echo "faults: building $bin (swift build)"
  swift build 2>&1 | grep -E "error|Build complete" || true
fi
work=$(mktemp -d /tmp/linimasa-faults.XXXXXX)
chmod 755 "$work"
# A copy of the program and its resources (the entity model), so that a rebuild during the run
# does not pull the binary from under it.
cp "$bin" "$work/linimasa"
cp -r "$(dirname "$(realpath "$bin")")"/*.resources "$work/" 2>/dev/null || true
bin="$work/linimasa"
trap 'mountpoint -q "$work/full" 2>/dev/null && umount "$work/full"; pkill -9 -f "$work/" 2>/dev/null; rm -rf "$work"' EXIT
echo "faults: $rounds rounds of each kind in $work with $bin"
exec python3 - "$bin" "$work" "$rounds" <<'PY'
import json, os, random, signal, socket, sqlite3, subprocess, sys, time, urllib.request, urllib.error

bin, work, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
random.seed(16)
seeds = sorted(os.listdir("Tests/Fixtures/seeds"))
texts = [open(os.path.join("Tests/Fixtures/seeds", n), encoding="utf-8").read() for n in seeds]
failures = []

def corpus(name, count, offset=0):
    """count distinct articles made from the seeds, as JSON lines."""
    path = os.path.join(work, name)
    with open(path, "w", encoding="utf-8") as f:
        for k in range(offset, offset + count):
            f.write(json.dumps({"id": f"a{k:05d}", "text": texts[k % len(texts)] + f"\n\nCatatan redaksi nomor {k}."}) + "\n")
    return path

def check(store, what):
    """integrity ok; returns (articles, current)."""
    con = sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=30)
    try:
        verdict = con.execute("PRAGMA integrity_check").fetchone()[0]
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "articles" not in tables:  # killed while the store was being made: nothing was committed
            return 0, False
        n = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
    finally:
        con.close()
    if verdict != "ok":
        failures.append(f"{what}: integrity_check says {verdict}")
    return n, meta.get("articles_version") == meta.get("timeline_version")

def run(args, **kw):
    return subprocess.run([bin] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)

def timed(args):
    t = time.monotonic(); r = run(args); return time.monotonic() - t, r

def kill_at_random(args, span):
    p = subprocess.Popen([bin] + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(random.uniform(0, span))
    killed = p.poll() is None
    if killed: p.send_signal(signal.SIGKILL)
    p.wait()
    return killed

def report(kind, killed, extra=""):
    print(f"faults: {kind}: {rounds} rounds, {killed} killed mid-run{extra}", flush=True)

# 1. kill -9 during ingest: a store grows over rounds; what was committed never shrinks.
full = corpus("all.jsonl", 240)
store = os.path.join(work, "ingest.sqlite")
span, _ = timed(["ingest", full, "--db", os.path.join(work, "probe.sqlite"), "--batch", "8", "--jobs", "1"])
killed = 0
before = 0
for r in range(rounds):
    if r % 10 == 0:  # a fresh store every ten rounds, so kills land in every phase of a first ingest
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(store + suffix): os.remove(store + suffix)
        before = 0
    killed += kill_at_random(["ingest", full, "--db", store, "--batch", "8", "--jobs", "1"], span)
    if not os.path.exists(store): continue
    n, _ = check(store, f"ingest round {r}")
    if n < before: failures.append(f"ingest round {r}: {before} committed articles before the kill, {n} after")
    before = n
done = run(["ingest", full, "--db", store, "--batch", "8"])
n, current = check(store, "ingest after the kills")
if done.returncode != 0 or n != 240 or not current:
    failures.append(f"ingest after the kills: exit {done.returncode}, {n} articles, current {current}: {done.stderr.strip()}")
report("kill -9 during ingest", killed)

# 2. kill -9 during a regroup (ingest --regroup, no input): articles untouched, the next run mends it.
span, _ = timed(["ingest", "--db", store, "--regroup"])
killed = 0
for r in range(rounds):
    killed += kill_at_random(["ingest", "--db", store, "--regroup"], span)
    n, _ = check(store, f"regroup round {r}")
    if n != 240: failures.append(f"regroup round {r}: {n} articles, 240 expected")
done = run(["ingest", "--db", store])
n, current = check(store, "regroup after the kills")
if done.returncode != 0 or not current:
    failures.append(f"regroup after the kills: exit {done.returncode}, current {current}: {done.stderr.strip()}")
report("kill -9 during regroup", killed)

# 3. kill -9 of the server during POST /api/articles: the batch is in whole or not at all.
def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close(); return port

def start_server(db):
    port = free_port()
    env = dict(os.environ, LINIMASA_TOKEN="fault-token")
    p = subprocess.Popen([bin, "serve", "--db", db, "--port", str(port), "--quiet"], env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status", timeout=2).read(); return p, port
        except Exception:
            time.sleep(0.05)
    p.kill(); raise SystemExit("faults: the server did not start")

def settled_status(port):
    """/api/status once the server's integrity check at start has answered."""
    for _ in range(600):
        status = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status").read())
        if status.get("integrity") != "unchecked": return status
        time.sleep(0.1)
    return status

def post(port, body):
    req = urllib.request.Request(f"http://127.0.0.1:{port}/api/articles", data=body.encode(), method="POST",
                                 headers={"Authorization": "Bearer fault-token", "Content-Type": "application/x-ndjson"})
    return urllib.request.urlopen(req, timeout=120).read()

pstore = os.path.join(work, "post.sqlite")
run(["ingest", corpus("base.jsonl", 10), "--db", pstore])
server, port = start_server(pstore)
t = time.monotonic(); post(port, open(corpus("probe-post.jsonl", 12, offset=100000)).read()); span = time.monotonic() - t
server.send_signal(signal.SIGKILL); server.wait()
killed = 0
for r in range(rounds):
    before, _ = check(pstore, f"POST round {r} (before)")
    server, port = start_server(pstore)
    body = open(corpus("post.jsonl", 12, offset=1000 + 12 * r)).read()
    import threading
    outcome = {}
    def send():
        try: post(port, body); outcome["ok"] = True
        except Exception as e: outcome["error"] = str(e)
    th = threading.Thread(target=send); th.start()
    time.sleep(random.uniform(0, span * 1.2))
    if server.poll() is None:
        server.send_signal(signal.SIGKILL); killed += 1
    server.wait(); th.join()
    after, _ = check(pstore, f"POST round {r}")
    if after not in (before, before + 12):
        failures.append(f"POST round {r}: {before} articles before, {after} after a POST of 12 (not all or nothing)")
    if outcome.get("ok") and after != before + 12:
        failures.append(f"POST round {r}: the POST was answered but only {after - before} of 12 articles are stored")
server, port = start_server(pstore)
status = settled_status(port)
server.send_signal(signal.SIGTERM); server.wait()
if status.get("integrity") != "ok":
    failures.append(f"POST: the server reports {status}")
report("kill -9 of the server during POST", killed)

# 4. A full disk: ingest into a 2 MB tmpfs fails with a clear message; what it committed is whole;
#    with room again, the same command finishes.
if os.geteuid() == 0:
    full_dir = os.path.join(work, "full"); os.makedirs(full_dir)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", full_dir], check=True)
    fstore = os.path.join(full_dir, "s.sqlite")
    r = run(["ingest", full, "--db", fstore, "--batch", "8"])
    n, _ = check(fstore, "full disk")
    if r.returncode == 0 or "full" not in r.stderr:
        failures.append(f"full disk: exit {r.returncode}, message {r.stderr.strip()!r}")
    subprocess.run(["mount", "-o", "remount,size=64m", full_dir], check=True)
    r2 = run(["ingest", full, "--db", fstore, "--batch", "8"])
    n2, current = check(fstore, "full disk, then room")
    if r2.returncode != 0 or n2 != 240 or not current:
        failures.append(f"full disk, then room: exit {r2.returncode}, {n2} articles, current {current}")
    subprocess.run(["umount", full_dir])
    print(f"faults: full disk: refused with {r.stderr.strip().splitlines()[-1]!r}; {n} articles committed before it, {n2} after room was made", flush=True)
else:
    print("faults: full disk: skipped (mounting a small tmpfs needs root)", flush=True)

# 5. A read-only store: ingest is refused with a reason and the file is left as it was; reading works.
ro_dir = os.path.join(work, "ro"); os.makedirs(ro_dir)
rstore = os.path.join(ro_dir, "s.sqlite")
run(["ingest", corpus("ro.jsonl", 10), "--db", rstore])
os.chmod(rstore, 0o444); os.chmod(ro_dir, 0o555)
digest = open(rstore, "rb").read()
as_user = ["runuser", "-u", "nobody", "--"] if os.geteuid() == 0 else []
w = subprocess.run(as_user + [bin, "ingest", full, "--db", rstore], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
rd = subprocess.run(as_user + [bin, "stories", "--db", rstore], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
if w.returncode == 0 or "read-only" not in w.stderr: failures.append(f"read-only store: ingest exit {w.returncode}, {w.stderr.strip()!r}")
if rd.returncode != 0: failures.append(f"read-only store: stories exit {rd.returncode}, {rd.stderr.strip()!r}")
if open(rstore, "rb").read() != digest or sorted(os.listdir(ro_dir)) != ["s.sqlite"]: failures.append("read-only store: the folder changed")
os.chmod(ro_dir, 0o755)
print(f"faults: read-only store: ingest refused with {w.stderr.strip().splitlines()[-1]!r}; stories exit {rd.returncode}", flush=True)

# 6. A corrupted page: reading commands and the server say the store is damaged; nothing crashes.
cstore = os.path.join(work, "corrupt.sqlite")
run(["ingest", full, "--db", cstore])
size = os.path.getsize(cstore)
with open(cstore, "r+b") as f:
    f.seek((size // 4096 // 2) * 4096); f.write(bytes(random.getrandbits(8) for _ in range(4096)))
s = run(["stories", "--db", cstore])
i = run(["ingest", corpus("more.jsonl", 5, offset=5000), "--db", cstore])
server, port = start_server(cstore)
status = settled_status(port)
server.send_signal(signal.SIGTERM); server.wait()
crashed = [name for name, p in (("stories", s), ("ingest", i)) if p.returncode < 0 or p.returncode > 3]
if crashed: failures.append(f"corrupted page: {crashed} crashed")
if not str(status.get("integrity", "")).startswith("damaged"): failures.append(f"corrupted page: the server reports {status}")
# ingest does not read the whole file before writing (that would cost a read of the store each
# batch): it says "damaged" when SQLite meets the damaged page, and otherwise completes; either
# way nothing crashes and the server, which checks at start, says so.
if i.returncode not in (0, 1): failures.append(f"corrupted page: ingest exit {i.returncode}")
if i.returncode == 1 and "damaged" not in i.stderr: failures.append(f"corrupted page: ingest failed without saying the store is damaged: {i.stderr.strip()!r}")
print(f"faults: corrupted page: server integrity {status.get('integrity')!r}; ingest exit {i.returncode}: {i.stderr.strip().splitlines()[-1] if i.stderr.strip() else ''!r}", flush=True)

if failures:
    print("faults: FAILED")
    for f in failures: print("  " + f)
    sys.exit(1)
print("faults: all checks held")
PY

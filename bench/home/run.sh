#!/usr/bin/env bash
# bench/home/run.sh [--disk] [N] [ROUNDS]
# `confed home switch` of the standard dotfiles workload (N files, default 10000) side by side
# with GNU stow --no-folding and `cp -as`, interleaved, one untimed warm-up round then ROUNDS
# (default 5) timed rounds; prints medians of wall time and peak RSS per scenario.
#
# Scenarios, per round and per tool (each tool has its own home; they share the source tree):
#   build   confed only: `confed home build` into an empty home (sources copied into the store,
#           generation made); untimed for the others
#   first   first apply into an empty home (confed: the generation is already in the store)
#   noop    the same again, nothing changed
#   change1 after `mutate.sh change 1` on the source (100 files rewritten)
# After every confed scenario `verify-home.sh` checks the home mirrors the source; the no-op is
# checked for zero changes under the home (inode and mtime of every entry, store and state
# included) and for "Nothing to do".
#
# Run as root from the repository root after `npm run build`. The workload goes on a tmpfs
# (unmounted at exit); with --disk it goes under /var/tmp instead. Needs python3; installs stow
# and GNU time with apt when missing.
set -euo pipefail
DISK=0
if [ "${1:-}" = "--disk" ]; then DISK=1; shift; fi
N="${1:-10000}"
ROUNDS="${2:-5}"
SHARED="${BENCH_SHARED:-/work/shared/bench}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
CONFED="$ROOT/bin/confed.js"
[ -f "$ROOT/dist/cli/main.js" ] || { echo "bench/home: run npm run build first" >&2; exit 1; }

if ! command -v stow >/dev/null || [ ! -x /usr/bin/time ]; then
  apt-get install -y stow time >/dev/null 2>&1 ||
    { apt-get update >/dev/null && apt-get install -y stow time >/dev/null; }
fi

if [ "$DISK" = 1 ]; then
  DIR="$(mktemp -d /var/tmp/confed-bench-home.XXXXXX)"
else
  DIR="$(mktemp -d /tmp/confed-bench-home.XXXXXX)"
fi
MOUNTED=0
cleanup() {
  cd /
  if [ "$MOUNTED" = 1 ]; then umount "$DIR"; fi
  rm -rf "$DIR"
}
trap cleanup EXIT
if [ "$DISK" = 0 ]; then
  if mount -t tmpfs -o size=2g tmpfs "$DIR"; then MOUNTED=1; else
    echo "bench/home: could not mount a tmpfs (not root?); figures will be noisier" >&2
  fi
fi
W="$DIR/w"
"$SHARED/gen-workload.sh" "$N" "$W" >/dev/null
SRC="$W/src/dotfiles"
HC="$W/home"       # confed's home (the --destination: store and state go inside it)
HS="$W/home-stow"
HP="$W/home-cp"
export XDG_CACHE_HOME="$DIR/cache"
export NO_COLOR=1

# The repository (see repo.sh).
REPO="$DIR/repo"
# shellcheck source=bench/home/repo.sh
. "$ROOT/bench/home/repo.sh"
write_repo "$SRC" "$REPO"

RES="$DIR/results.txt"
LOG="$DIR/last.log"
TT="$DIR/time.txt"
: >"$RES"
ROUND=0
# measure NAME CMD...: wall time (ns clock) and peak RSS (GNU time) of one command.
measure() {
  local name="$1"
  shift
  local t0 t1
  t0=$(date +%s%N)
  if ! /usr/bin/time -f '%e %M' -o "$TT" "$@" >"$LOG" 2>&1; then
    echo "bench/home: $name failed:" >&2
    cat "$LOG" >&2
    exit 1
  fi
  t1=$(date +%s%N)
  if [ "$ROUND" -gt 0 ]; then
    echo "$name $(((t1 - t0) / 1000)) $(awk '{print $2}' "$TT")" >>"$RES"
  fi
}
CF=(node "$CONFED" home)
CFA=(me@bench --flake "$REPO" --destination "$HC")
# verify-home.sh counts the store and state inside the home as stale, and store links as copies
# (they resolve inside HOME): report those apart.
verify_confed() {
  local what="$1" v
  v="$("$SHARED/verify-home.sh" "$SRC" "$HC")"
  python3 - "$v" "$SRC" "$HC" "$what" <<'PY'
import json, os, sys
v, src, home, what = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
# confed's own: the store, profile and activation state, and the session file every home has
own = [os.path.join(home, ".local/state"), os.path.join(home, ".config/confed")]
sf = sd = 0
for top in own:
    if not os.path.isdir(top):
        continue
    sd += 1
    for d, ds, fs in os.walk(top):
        for x in ds:
            p = os.path.join(d, x)
            if not os.path.islink(p):
                sd += 1
            elif not os.path.isdir(p):
                sf += 1          # verify-home.sh skips links to directories
        sf += len(fs)
links = 0
store = os.path.join(home, ".local/state/confed/store") + os.sep
for d, _, fs in os.walk(src):
    for f in fs:
        hp = os.path.join(home, os.path.relpath(os.path.join(d, f), src))
        if os.path.islink(hp) and os.path.realpath(hp).startswith(store):
            links += 1
adj = dict(v, stale=v["stale"] - sf, stale_dirs=v["stale_dirs"] - sd, store_links=links)
ok = adj["ok"] == adj["expected"] and adj["missing"] == adj["mismatch"] == 0 and adj["stale"] == 0 \
    and adj["stale_dirs"] == 0 and links == adj["expected"]
print(f"verify {what}: {'OK' if ok else 'FAILED'} {json.dumps(adj)} (raw stale {v['stale']}, stale_dirs {v['stale_dirs']})")
sys.exit(0 if ok else 1)
PY
}
snapshot() { find "$HC" -printf '%p %i %T@ %C@\n' | sort; }

echo "node $(node --version); stow $(stow --version | awk '{print $NF}'); $(nproc) CPUs; N=$N; rounds=$ROUNDS; $([ "$DISK" = 1 ] && echo "disk ($(df -T "$DIR" | awk 'NR==2{print $2}'))" || echo tmpfs)"
echo "workload: $(cat "$W/meta.json")"
for ROUND in $(seq 0 "$ROUNDS"); do
  rm -rf "$HC" "$HS" "$HP"
  mkdir -p "$HC" "$HS" "$HP"
  # first apply into an empty home; confed's generation built beforehand (timed apart)
  measure "confed build" "${CF[@]}" build "${CFA[@]}"
  measure "confed first" "${CF[@]}" switch "${CFA[@]}"
  verify_confed "first (round $ROUND)"
  measure "stow first" stow -d "$W/src" -t "$HS" --no-folding dotfiles
  measure "cp-as first" cp -as "$SRC/." "$HP/"
  # no-op
  before="$(snapshot)"
  measure "confed noop" "${CF[@]}" switch "${CFA[@]}"
  after="$(snapshot)"
  grep -q "Nothing to do" "$LOG" || { echo "confed no-op did not say Nothing to do" >&2; cat "$LOG"; exit 1; }
  if [ "$before" != "$after" ]; then
    echo "no-op (round $ROUND): CHANGED under the home:"
    diff <(echo "$before") <(echo "$after") | grep "^[<>]" | head -10 || true
  else
    echo "no-op (round $ROUND): nothing changed under the home ($(echo "$before" | wc -l) entries)"
  fi
  verify_confed "noop (round $ROUND)"
  measure "stow noop" stow -d "$W/src" -t "$HS" --no-folding dotfiles
  measure "stow -R noop" stow -d "$W/src" -t "$HS" --no-folding -R dotfiles
  measure "cp-as noop" cp -asf "$SRC/." "$HP/"
  # 1 % of the files changed in the source
  "$SHARED/mutate.sh" change 1 "$SRC" 2>/dev/null
  measure "confed change1" "${CF[@]}" switch "${CFA[@]}"
  verify_confed "change1 (round $ROUND)"
  measure "stow change1" stow -d "$W/src" -t "$HS" --no-folding -R dotfiles
  measure "cp-as change1" cp -asf "$SRC/." "$HP/"
done

echo
printf '%-16s %10s %10s %8s\n' scenario "median s" "min-max s" "RSS MB"
python3 - "$RES" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    *name, us, kb = line.split()
    rows.setdefault(" ".join(name), []).append((int(us) / 1e6, int(kb) / 1024))
for name, v in rows.items():
    t = [x for x, _ in v]
    m = [y for _, y in v]
    print(f"{name:16} {statistics.median(t):10.3f} {min(t):5.2f}-{max(t):4.2f} {statistics.median(m):8.1f}")
PY

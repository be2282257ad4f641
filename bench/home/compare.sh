#!/usr/bin/env bash
# bench/home/compare.sh REV [ROUNDS] — this checkout's confed against the one of git revision
# REV, side by side on the same 10,000-file workload: each in its own home, interleaved, one
# untimed round then ROUNDS (default 5); medians of first apply, no-op and 1 % changed.
# Run as root from the repository root after `npm run build`. REV is built in a temporary
# worktree (with this checkout's node_modules); the workload goes on a tmpfs.
set -euo pipefail
REV="${1:?usage: bench/home/compare.sh REV [ROUNDS]}"
ROUNDS="${2:-5}"
SHARED="${BENCH_SHARED:-/work/shared/bench}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
[ -f "$ROOT/dist/cli/main.js" ] || { echo "bench/home: run npm run build first" >&2; exit 1; }
DIR="$(mktemp -d /tmp/confed-bench-compare.XXXXXX)"
MOUNTED=0
cleanup() {
  cd /
  git -C "$ROOT" worktree remove --force "$DIR/old" >/dev/null 2>&1 || true
  if [ "$MOUNTED" = 1 ]; then umount "$DIR"; fi
  rm -rf "$DIR"
}
trap cleanup EXIT
if mount -t tmpfs -o size=2g tmpfs "$DIR"; then MOUNTED=1; fi
git -C "$ROOT" worktree add -f --detach "$DIR/old" "$REV" >/dev/null
ln -s "$ROOT/node_modules" "$DIR/old/node_modules"
(cd "$DIR/old" && npm run build >/dev/null)
W="$DIR/w"
"$SHARED/gen-workload.sh" 10000 "$W" >/dev/null
SRC="$W/src/dotfiles"
REPO="$DIR/repo"
# shellcheck source=bench/home/repo.sh
. "$ROOT/bench/home/repo.sh"
write_repo "$SRC" "$REPO"
export XDG_CACHE_HOME="$DIR/cache" NO_COLOR=1
declare -A BIN=([old]="$DIR/old/bin/confed.js" [new]="$ROOT/bin/confed.js")
RES="$DIR/results.txt"
: >"$RES"
run() { # run VERSION VERB: one timed confed home command
  local s
  s=$(date +%s%N)
  node "${BIN[$1]}" home "$2" me@bench --flake "$REPO" --destination "$W/home-$1" >/dev/null 2>&1 ||
    { echo "bench/home: $1 $2 failed" >&2; exit 1; }
  echo $((($(date +%s%N) - s) / 1000))
}
for r in $(seq 0 "$ROUNDS"); do
  for v in old new; do rm -rf "$W/home-$v"; mkdir -p "$W/home-$v"; run "$v" build >/dev/null; done
  for s in first noop; do for v in old new; do t=$(run "$v" switch); [ "$r" -gt 0 ] && echo "$v $s $t" >>"$RES"; done; done
  "$SHARED/mutate.sh" change 1 "$SRC" >/dev/null 2>&1
  for v in old new; do t=$(run "$v" switch); [ "$r" -gt 0 ] && echo "$v change1 $t" >>"$RES"; done
done
echo "$REV ($(git -C "$ROOT" rev-parse --short "$REV")) against $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet || echo '+changes'), $ROUNDS rounds"
python3 - "$RES" <<'PY'
import collections, statistics, sys
d = collections.defaultdict(list)
for line in open(sys.argv[1]):
    v, s, us = line.split()
    d[(s, v)].append(int(us) / 1e6)
for s in ["first", "noop", "change1"]:
    o, n = d[(s, "old")], d[(s, "new")]
    print(f"{s:8} old {statistics.median(o):.3f} s ({min(o):.2f}-{max(o):.2f})  new {statistics.median(n):.3f} s ({min(n):.2f}-{max(n):.2f})")
PY

#!/usr/bin/env bash
# bench/nar/run.sh [N]
# NAR hashing of the standard dotfiles workload (N files, default 10000): nix-hash against
# confed's narHash, side by side, medians of 5, on a tmpfs (run as root to mount it; otherwise
# the tree goes to a plain temporary directory and the figures are noisier).
# Needs nix-bin (nix-hash, nix) and the workload generator (GEN_WORKLOAD, default
# /work/shared/bench/gen-workload.sh).
set -euo pipefail
N="${1:-10000}"
GEN="${GEN_WORKLOAD:-/work/shared/bench/gen-workload.sh}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DIR="$(mktemp -d /tmp/confed-bench-nar.XXXXXX)"
MOUNTED=0
cleanup() {
  if [ "$MOUNTED" = 1 ]; then umount "$DIR"; fi
  rm -rf "$DIR"
}
trap cleanup EXIT
if mount -t tmpfs -o size=1g tmpfs "$DIR" 2>/dev/null; then
  MOUNTED=1
else
  echo "bench/nar: could not mount a tmpfs (not root?); using $DIR on its own file system" >&2
fi
"$GEN" "$N" "$DIR/w" >/dev/null
cd "$ROOT"
# A second contender without tsx: the same script bundled to plain ESM by esbuild.
BUNDLE="$DIR/hash-tree.mjs"
node_modules/.bin/esbuild bench/nar/hash-tree.ts --bundle --platform=node --format=esm \
  --log-level=warning --outfile="$BUNDLE"
echo "nix: $(nix --version); node: $(node --version); $(nproc) CPUs; N=$N"
node --import tsx bench/nar/run.ts "$DIR/w/src/dotfiles" "$BUNDLE" \
  "\`src/dotfiles\` of \`gen-workload.sh $N\` ($(cat "$DIR/w/meta.json"))"

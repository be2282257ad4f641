// Side by side, in one run: `nix-hash --type sha256 DIR` against confed's narHash on the same
// tree, as whole processes and in-process. Prints a markdown table for bench/RESULTS.md and
// fails if the hashes differ. Started by run.sh, which prepares the tree on a tmpfs.
//
//   node --import tsx bench/nar/run.ts DIR [BUNDLE.mjs [LABEL]]
import { spawnSync } from "node:child_process";

const RUNS = 5;
const [dir, bundle, label = `\`${process.argv[2]}\``] = process.argv.slice(2);
if (!dir) {
  process.stderr.write("usage: run.ts DIR [BUNDLE.mjs [LABEL]]\n");
  process.exit(2);
}

interface Confed {
  hash: string;
  hex: string;
  narSize: number;
  ms: number[];
}

function run(cmd: string, args: string[]): { ms: number; stdout: string } {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed: ${r.stderr || r.error}`);
  return { ms, stdout: r.stdout.trim() };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const node = process.execPath;
const tsxScript = new URL("hash-tree.ts", import.meta.url).pathname;
const nixHash = () => run("nix-hash", ["--type", "sha256", dir]);
const confedTsx = () => run(node, ["--import", "tsx", tsxScript, dir]);
const confedBundle = () => run(node, [bundle, dir]);

const series: Record<string, number[]> = {
  nix: [],
  tsx: [],
  bundle: [],
  inProcessCold: [],
  nodeStart: [],
  tsxStart: [],
};
let nixHex = "";
let confed: Confed | undefined;

// One untimed round first (page cache, disk cache of tsx), then RUNS interleaved rounds so
// that drift on the machine affects every contender alike.
for (let round = 0; round <= RUNS; round++) {
  const n = nixHash();
  const t = confedTsx();
  const b = bundle ? confedBundle() : undefined;
  const ns = run(node, ["-e", "0"]);
  const ts = run(node, ["--import", "tsx", "-e", "0"]);
  nixHex = n.stdout;
  confed = JSON.parse(t.stdout) as Confed;
  if (confed.hex !== nixHex) throw new Error(`hash mismatch: nix ${nixHex}, confed ${confed.hex}`);
  if (b && (JSON.parse(b.stdout) as Confed).hex !== nixHex) throw new Error("bundle hash mismatch");
  if (round === 0) continue;
  series.nix.push(n.ms);
  series.tsx.push(t.ms);
  if (b) series.bundle.push(b.ms);
  series.inProcessCold.push(confed.ms[0]);
  series.nodeStart.push(ns.ms);
  series.tsxStart.push(ts.ms);
}

// Warm: one process, the first call discarded, the median of the next RUNS.
const warm = JSON.parse(run(node, ["--import", "tsx", tsxScript, dir, String(RUNS + 1)]).stdout);
const inProcessWarm: number[] = (warm as Confed).ms.slice(1);

const sri = run("nix", ["--extra-experimental-features", "nix-command", "hash", "path", dir]);
if (sri.stdout !== confed!.hash)
  throw new Error(`SRI mismatch: nix ${sri.stdout}, confed ${confed!.hash}`);

const base = median(series.nix);
const row = (what: string, xs: number[], ratio = true) =>
  `| ${what} | ${median(xs).toFixed(1)} | ${ratio ? `${(median(xs) / base).toFixed(2)}` : "-"} |`;
const lines = [
  `Tree: ${label}, NAR ${confed!.narSize} bytes, hash \`${confed!.hash}\` (equal to \`nix hash path\` and \`nix-hash\`: ${nixHex}).`,
  "",
  "| what (median of 5, ms) | ms | × nix-hash |",
  "|---|---:|---:|",
  row("`nix-hash --type sha256 DIR`, whole process", series.nix),
  row(
    "confed `narDigest`, whole process: `node --import tsx bench/nar/hash-tree.ts DIR`",
    series.tsx,
  ),
  ...(bundle
    ? [
        row(
          "confed `narDigest`, whole process, esbuild bundle: `node hash-tree.mjs DIR`",
          series.bundle,
        ),
      ]
    : []),
  row("confed `narDigest` in-process, first call in a fresh process", series.inProcessCold),
  row("confed `narDigest` in-process, warm (calls 2-6 of one process)", inProcessWarm),
  row("for scale: `node -e 0`", series.nodeStart, false),
  row("for scale: `node --import tsx -e 0`", series.tsxStart, false),
];
process.stdout.write(`${lines.join("\n")}\n`);

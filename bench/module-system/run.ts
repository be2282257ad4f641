/**
 * The module-system benchmark: nixpkgs lib's `evalModules` under `nix-instantiate` against
 * confed's `evalModules`, side by side in one run, on the workloads of gen.ts. Prints markdown
 * tables for bench/RESULTS.md and fails if confed's configuration differs from Nix's.
 *
 *   node --import tsx bench/module-system/run.ts [KxOxM ...]      (npm run bench:modules)
 *
 * Default workloads: 1000x20x200, 2000x20x200, 5000x20x200, 1000x50x1000. Environment:
 * NIXPKGS_LIB (a nixpkgs.lib checkout, default /tmp/nixlib), RUNS (timed rounds, default 5),
 * CONFED_REV (a commit: benchmark `git archive` of its src/ instead of the working tree).
 * As root the workloads go to a tmpfs mounted for the run; otherwise to a temporary directory.
 *
 * For every workload: one untimed round (tsx's transform cache, page cache), then RUNS
 * interleaved rounds of
 * - `nix-instantiate --eval --strict --json --arg lib 'import …/lib' workload.nix`,
 * - `node --import tsx eval.ts src/module-system/index.ts workload.ts` (the TypeScript as a user
 *   runs it),
 * - `node eval.mjs confed.mjs workload.mjs` (esbuild bundles of eval.ts and confed, and the same
 *   workload text importing the bundle: no TypeScript loader),
 * - `nix-instantiate --eval -E 1` and `node -e 0` for the start-up costs,
 * each under `/usr/bin/time -f '%e %M'` for the peak RSS; wall times are taken around the child
 * with a monotonic clock (the same as %e, at a finer resolution). confed's in-process time is
 * `evalModules` + `JSON.stringify(config)` as eval.ts reports it for the first evaluation in a
 * fresh process ("cold"); "warm" is the median of evaluations 2-4 in one process.
 */
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Stats, writeWorkload } from "./gen.ts";

const RUNS = Number(process.env.RUNS ?? 5);
const LIB = resolve(process.env.NIXPKGS_LIB ?? "/tmp/nixlib", "lib");
const ROOT = resolve(new URL("../..", import.meta.url).pathname);
const REV = process.env.CONFED_REV;
const EVAL_TS = join(ROOT, "bench/module-system/eval.ts");
const TIME = "/usr/bin/time";
const node = process.execPath;

interface Workload {
  K: number;
  O: number;
  M: number;
}
const DEFAULT = ["1000x20x200", "2000x20x200", "5000x20x200", "1000x50x1000"];
const workloads: Workload[] = (process.argv.length > 2 ? process.argv.slice(2) : DEFAULT).map(
  (s) => {
    const [K, O, M] = s.split("x").map(Number);
    if (!(K > 0 && O > 0 && M >= 0)) throw new Error(`bad workload ${s}: want KxOxM`);
    return { K, O, M };
  },
);

interface Sample {
  ms: number;
  rssMB: number;
  stdout: string;
}

/** Runs cmd under /usr/bin/time; stdout goes to outFile when given. */
function timed(cmd: string, args: string[], work: string, outFile?: string): Sample {
  const timeFile = join(work, "time.txt");
  const fd = outFile ? openSync(outFile, "w") : undefined;
  const start = process.hrtime.bigint();
  const r = spawnSync(TIME, ["-f", "%e %M", "-o", timeFile, cmd, ...args], {
    cwd: ROOT, // where `--import tsx` resolves
    encoding: "utf8",
    maxBuffer: 1 << 26,
    stdio: ["ignore", fd ?? "pipe", "pipe"],
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (fd !== undefined) closeSync(fd);
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}): ${r.stderr || r.error}`);
  }
  const [, kb] = readFileSync(timeFile, "utf8").trim().split(/\s+/).slice(-2);
  return { ms, rssMB: Number(kb) / 1024, stdout: r.stdout ?? "" };
}

function sh(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed: ${r.stderr || r.error}`);
  return r.stdout.trim();
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** JSON with object keys sorted at every level. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v !== null && typeof v === "object") {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((v as any)[k])}`).join(",")}}`;
  }
  return JSON.stringify(v);
}

/** The paths where a and b differ (at most limit of them). */
function differences(a: unknown, b: unknown, path = "", out: string[] = [], limit = 20): string[] {
  if (out.length >= limit) return out;
  const isObj = (x: unknown) => x !== null && typeof x === "object" && !Array.isArray(x);
  if (isObj(a) && isObj(b)) {
    const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
    for (const k of [...keys].sort()) {
      const p = path ? `${path}.${k}` : k;
      if (!Object.hasOwn(a as object, k)) out.push(`${p}: missing in Nix's result`);
      else if (!Object.hasOwn(b as object, k)) out.push(`${p}: missing in confed's result`);
      else differences((a as any)[k], (b as any)[k], p, out, limit);
      if (out.length >= limit) break;
    }
  } else if (canonical(a) !== canonical(b)) {
    out.push(`${path}: Nix ${JSON.stringify(a)}, confed ${JSON.stringify(b)}`);
  }
  return out;
}

interface Result {
  w: Workload;
  stats: Stats;
  nix: Sample[];
  nixStart: Sample[];
  tsx: Sample[];
  bundle: Sample[];
  nodeStart: Sample[];
  inCold: number[];
  inColdBundle: number[];
  inWarm: number[];
  resultBytes: number;
}

// The work directory: a tmpfs when we may mount one.
const base = mkdtempSync(join(tmpdir(), "confed-bench-modules."));
let mounted = false;
if (process.getuid?.() === 0) {
  mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "size=4g", "tmpfs", base]).status === 0;
}
if (!mounted) process.stderr.write(`bench: no tmpfs (not root?); using ${base} as it is\n`);

const results: Result[] = [];
let CONFED_SRC = join(ROOT, "src/module-system/index.ts");
let confedAt = sh("git", ["-C", ROOT, "rev-parse", "--short=7", "HEAD"]);
if (sh("git", ["-C", ROOT, "status", "--porcelain", "src/module-system"]) !== "") {
  confedAt += " with uncommitted changes in src/module-system";
}
try {
  if (REV) {
    // A snapshot of one commit's src/, so that edits to the working tree during the run do not
    // mix into the figures. ESM like the repository (see gen.ts).
    const snap = join(base, "confed-src");
    spawnSync("mkdir", ["-p", snap]);
    const tar = spawnSync("sh", [
      "-c",
      `git -C "${ROOT}" archive "${REV}" src | tar -x -C "${snap}" && echo '{ "type": "module" }' > "${snap}/package.json"`,
    ]);
    if (tar.status !== 0) throw new Error(`git archive ${REV} failed: ${tar.stderr}`);
    CONFED_SRC = join(snap, "src/module-system/index.ts");
    confedAt = sh("git", ["-C", ROOT, "rev-parse", "--short=7", REV]);
  }
  // Bundles for the run without tsx.
  const confedBundle = join(base, "confed.mjs");
  const evalBundle = join(base, "eval.mjs");
  const esbuild = join(ROOT, "node_modules/.bin/esbuild");
  const common = ["--bundle", "--platform=node", "--format=esm", "--log-level=warning"];
  sh(esbuild, [CONFED_SRC, ...common, `--outfile=${confedBundle}`]);
  sh(esbuild, [EVAL_TS, ...common, `--outfile=${evalBundle}`]);

  for (const w of workloads) {
    const name = `${w.K}x${w.O}x${w.M}`;
    const work = join(base, name);
    const stats = writeWorkload(w, work, CONFED_SRC, confedBundle);
    const out = (f: string) => join(work, f);
    const nixArgs = ["--eval", "--strict", "--json", "--arg", "lib", `import ${LIB}`];
    const r: Result = {
      w,
      stats,
      nix: [],
      nixStart: [],
      tsx: [],
      bundle: [],
      nodeStart: [],
      inCold: [],
      inColdBundle: [],
      inWarm: [],
      resultBytes: 0,
    };
    let nixJson = "";
    let confedJson = "";
    for (let round = 0; round <= RUNS; round++) {
      process.stderr.write(`bench ${name}: round ${round}/${RUNS}\n`);
      const n = timed("nix-instantiate", [...nixArgs, out("workload.nix")], work, out("nix.json"));
      const t = timed(
        node,
        ["--import", "tsx", EVAL_TS, CONFED_SRC, out("workload.ts"), out("tsx.json")],
        work,
      );
      const b = timed(
        node,
        [evalBundle, confedBundle, out("workload.mjs"), out("bundle.json")],
        work,
      );
      const ns = timed("nix-instantiate", ["--eval", "-E", "1"], work);
      const js = timed(node, ["-e", "0"], work);
      const nj = readFileSync(out("nix.json"), "utf8");
      const tj = readFileSync(out("tsx.json"), "utf8");
      const bj = readFileSync(out("bundle.json"), "utf8");
      if (round === 0) {
        // Correctness: the same configuration, compared with sorted keys.
        const a = JSON.parse(nj);
        const c = JSON.parse(tj);
        if (canonical(a) !== canonical(c)) {
          const diffs = differences(a, c);
          throw new Error(
            `${name}: confed's configuration differs from Nix's:\n${diffs.join("\n")}`,
          );
        }
        nixJson = nj;
        confedJson = tj;
        r.resultBytes = Buffer.byteLength(nj);
        continue;
      }
      if (nj !== nixJson) throw new Error(`${name}: Nix's output changed between rounds`);
      if (tj !== confedJson || bj !== confedJson) {
        throw new Error(`${name}: confed's output changed between rounds or runners`);
      }
      r.nix.push(n);
      r.tsx.push(t);
      r.bundle.push(b);
      r.nixStart.push(ns);
      r.nodeStart.push(js);
      r.inCold.push(JSON.parse(t.stdout).ms[0]);
      r.inColdBundle.push(JSON.parse(b.stdout).ms[0]);
    }
    // Warm: evaluations 2-4 of one process (bundle; the code evaluated is the same).
    const warm = timed(
      node,
      [evalBundle, confedBundle, out("workload.mjs"), out("warm.json"), "4"],
      work,
    );
    r.inWarm = JSON.parse(warm.stdout).ms.slice(1);
    results.push(r);
    rmSync(work, { recursive: true, force: true });
  }
} finally {
  if (mounted) spawnSync("umount", [base]);
  rmSync(base, { recursive: true, force: true });
}

// Tables.
const ms = (xs: Sample[]) => median(xs.map((s) => s.ms));
const mb = (xs: Sample[]) => median(xs.map((s) => s.rssMB));
const f0 = (x: number) => x.toFixed(0);
const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
const label = (w: Workload) => `K=${w.K}, O=${w.O}, M=${w.M}`;
const nixNet = (r: Result) => ms(r.nix) - ms(r.nixStart);

const lines: string[] = [];
lines.push(
  "| workload | option values | definitions (under mkIf) | result JSON | Nix wall | Nix − start-up | Nix peak RSS | confed in-process, cold | in-process, warm | node + tsx wall | node bundle wall | node + tsx peak RSS | node bundle peak RSS |",
  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
);
for (const r of results) {
  lines.push(
    `| ${label(r.w)} | ${r.stats.options} | ${r.stats.definitions} (${r.stats.conditional}) | ${f1(r.resultBytes / 1e6)} MB | ${f0(ms(r.nix))} ms | ${f0(nixNet(r))} ms | ${f0(mb(r.nix))} MB | ${f0(median(r.inCold))} ms | ${f0(median(r.inWarm))} ms | ${f0(ms(r.tsx))} ms | ${f0(ms(r.bundle))} ms | ${f0(mb(r.tsx))} MB | ${f0(mb(r.bundle))} MB |`,
  );
}
const startNix = median(results.flatMap((r) => r.nixStart.map((s) => s.ms)));
const startNode = median(results.flatMap((r) => r.nodeStart.map((s) => s.ms)));
lines.push(
  "",
  `Start-up (median over all rounds): \`nix-instantiate --eval -E 1\` ${f1(startNix)} ms, \`node -e 0\` ${f1(startNode)} ms.`,
  "",
  "| workload | (Nix − start-up) ÷ confed in-process, cold (goal ≥ 10) | … warm | Nix wall ÷ node + tsx wall (goal ≥ 4) | Nix wall ÷ node bundle wall | node + tsx RSS ÷ Nix RSS (goal ≤ 0.25) | node bundle RSS ÷ Nix RSS |",
  "|---|---:|---:|---:|---:|---:|---:|",
);
for (const r of results) {
  lines.push(
    `| ${label(r.w)} | ${f2(nixNet(r) / median(r.inCold))} | ${f2(nixNet(r) / median(r.inWarm))} | ${f2(ms(r.nix) / ms(r.tsx))} | ${f2(ms(r.nix) / ms(r.bundle))} | ${f2(mb(r.tsx) / mb(r.nix))} | ${f2(mb(r.bundle) / mb(r.nix))} |`,
  );
}
// Linearity: time at the largest K over time at the smallest K, same O and M.
const series = results.filter((r) => r.w.O === 20 && r.w.M === 200).sort((a, b) => a.w.K - b.w.K);
if (series.length >= 2) {
  const lo = series[0];
  const hi = series[series.length - 1];
  const k = hi.w.K / lo.w.K;
  const g = (f: (r: Result) => number) => f2(f(hi) / f(lo));
  lines.push(
    "",
    `Growth from K=${lo.w.K} to K=${hi.w.K} (×${k} modules; ${k} is linear): Nix − start-up ×${g(nixNet)}, confed in-process cold ×${g((r) => median(r.inCold))}, warm ×${g((r) => median(r.inWarm))}, node + tsx wall ×${g((r) => ms(r.tsx))}, node bundle wall ×${g((r) => ms(r.bundle))}; peak RSS Nix ×${g((r) => mb(r.nix))}, node bundle ×${g((r) => mb(r.bundle))}.`,
  );
}
lines.push(
  "",
  `Every workload: confed's configuration equals Nix's (parsed, keys sorted); the tsx and bundle runs gave byte-identical JSON in every round. ${sh("nix-instantiate", ["--version"])}, nixpkgs.lib ${sh("git", ["-C", resolve(LIB, ".."), "rev-parse", "--short=12", "HEAD"])}, node ${process.version}, ${RUNS} timed rounds (medians).`,
);
lines.push("", `confed at ${confedAt}.`);
process.stdout.write(`${lines.join("\n")}\n`);

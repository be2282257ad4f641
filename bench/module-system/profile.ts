/**
 * CPU profile of confed's evalModules + JSON.stringify(config) on one generated workload (only
 * the evaluation: generating and loading the workload are outside the profile). Prints the
 * functions with the most self time, the hottest source lines, and self time per source file.
 *
 *   node --import tsx bench/module-system/profile.ts [KxOxM] [OUT.cpuprofile]
 *
 * Default workload 5000x20x200; the profile (for Chrome DevTools or speedscope) goes to
 * OUT.cpuprofile, default /tmp/confed-modules.cpuprofile. confed runs from an esbuild bundle
 * (not minified, with a source map) so that positions map back to lines of src/; with
 * CONFED_REV=<commit> the bundle is made from that commit's src/ (`git archive`).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { SourceMap } from "node:module";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { writeWorkload } from "./gen.ts";

const [spec = "5000x20x200", outFile = "/tmp/confed-modules.cpuprofile"] = process.argv.slice(2);
const [K, O, M] = spec.split("x").map(Number);
const ROOT = resolve(new URL("../..", import.meta.url).pathname);
const dir = mkdtempSync(join(tmpdir(), "confed-profile."));
const bundle = join(dir, "confed.mjs");
let srcRoot = ROOT;
if (process.env.CONFED_REV) {
  srcRoot = join(dir, "snapshot");
  const tar = spawnSync("sh", [
    "-c",
    `mkdir -p "${srcRoot}" && git -C "${ROOT}" archive "${process.env.CONFED_REV}" src | tar -x -C "${srcRoot}"`,
  ]);
  if (tar.status !== 0) throw new Error(`git archive failed: ${tar.stderr}`);
}
const esbuild = spawnSync(
  join(ROOT, "node_modules/.bin/esbuild"),
  [
    join(srcRoot, "src/module-system/index.ts"),
    "--bundle",
    "--platform=node",
    "--format=esm",
    "--sourcemap",
    "--log-level=warning",
    `--outfile=${bundle}`,
  ],
  { encoding: "utf8" },
);
if (esbuild.status !== 0) throw new Error(`esbuild failed: ${esbuild.stderr}`);
const sourceMap = new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, "utf8")));
const bundleUrl = pathToFileURL(bundle).href;
writeWorkload({ K, O, M }, dir, join(ROOT, "src/module-system/index.ts"), bundle);
const { evalModules } = (await import(
  bundleUrl
)) as typeof import("../../src/module-system/index.ts");
const { modules } = (await import(pathToFileURL(join(dir, "workload.mjs")).href)) as {
  modules: any[];
};

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  positionTicks?: { line: number; ticks: number }[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 100 });
await session.post("Profiler.start");
const t0 = performance.now();
const json = JSON.stringify(evalModules({ modules }).config);
const ms = performance.now() - t0;
const { profile } = (await session.post("Profiler.stop")) as unknown as { profile: Profile };
session.disconnect();
rmSync(dir, { recursive: true, force: true });
writeFileSync(outFile, JSON.stringify(profile));

// Self time per node from the sample time deltas. The inspector's own `dispatch` (starting the
// profiler) is left out.
const skip = new Set(
  profile.nodes.filter((n) => n.callFrame.functionName === "dispatch").map((n) => n.id),
);
const self = new Map<number, number>();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  if (skip.has(id)) continue;
  self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
/** Source file and 1-based line of a 0-based position in a profiled script. */
const where = (url: string, line: number, column: number): { file: string; line: number } => {
  if (!url) return { file: "(native)", line: 0 };
  if (url === bundleUrl) {
    const e = sourceMap.findEntry(line, column) as {
      originalSource?: string;
      originalLine?: number;
    };
    if (e.originalSource) {
      const p = e.originalSource.startsWith("file:")
        ? fileURLToPath(e.originalSource)
        : resolve(dir, e.originalSource);
      return { file: relative(srcRoot, p), line: (e.originalLine ?? 0) + 1 };
    }
  }
  const p = url.startsWith("file:") ? fileURLToPath(url) : url;
  return { file: p.startsWith(dir) ? "workload (generated)" : relative(ROOT, p), line: line + 1 };
};
const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
const byLine = new Map<string, number>();
for (const n of profile.nodes) {
  const t = self.get(n.id) ?? 0;
  if (t === 0) continue;
  const { url, lineNumber, columnNumber, functionName } = n.callFrame;
  const w = where(url, lineNumber, columnNumber);
  const fn = `${functionName || "(anonymous)"} ${w.file}${url ? `:${w.line}` : ""}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + t);
  byFile.set(w.file, (byFile.get(w.file) ?? 0) + t);
  // Self time of the node spread over its lines by their share of its ticks.
  const ticks = n.positionTicks ?? [];
  const sum = ticks.reduce((a, x) => a + x.ticks, 0);
  for (const x of ticks) {
    const l = where(url, x.line - 1, 0);
    const key = `${l.file}:${l.line} (${functionName || "(anonymous)"})`;
    byLine.set(key, (byLine.get(key) ?? 0) + (t * x.ticks) / sum);
  }
}
const top = (m: Map<string, number>, n: number) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, t]) => `| ${k} | ${t.toFixed(0)} | ${((100 * t) / total).toFixed(1)}% |`);
const lines = [
  `Workload ${spec}: evalModules + JSON.stringify ${ms.toFixed(0)} ms (under the profiler), ${json.length} bytes of JSON, ${total.toFixed(0)} ms sampled; profile in ${outFile}.`,
  "",
  "| function (where it starts) | self ms | self % |",
  "|---|---:|---:|",
  ...top(byFunction, 30),
  "",
  "| line | self ms | self % |",
  "|---|---:|---:|",
  ...top(byLine, 25),
  "",
  "| file | self ms | self % |",
  "|---|---:|---:|",
  ...top(byFile, 15),
];
process.stdout.write(`${lines.join("\n")}\n`);

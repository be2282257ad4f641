/**
 * Evaluates a generated workload with confed and writes the configuration as JSON: the
 * "whole node process" contender of run.ts, and the source of the in-process figures.
 *
 *   node --import tsx bench/module-system/eval.ts CONFED WORKLOAD OUT.json [REPEAT]
 *
 * CONFED is the module confed is loaded from (src/index.ts under tsx, or an esbuild bundle of it
 * for plain node); WORKLOAD is the generated workload.ts (or workload.mjs, which imports the
 * bundle). Loading them is not timed; the in-process time is `evalModules` plus
 * `JSON.stringify(config)`, printed to stdout as `{"ms":[...]}`. With REPEAT > 1 the same
 * modules are evaluated again in the same process (warm JIT); only the first JSON is written.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [confedPath, workloadPath, out, repeat = "1"] = process.argv.slice(2);
if (!out) {
  process.stderr.write("usage: eval.ts CONFED WORKLOAD OUT.json [REPEAT]\n");
  process.exit(2);
}
const url = (p: string) => pathToFileURL(resolve(p)).href;
const { evalModules } = (await import(
  url(confedPath)
)) as typeof import("../../src/module-system/index.ts");
const { modules } = (await import(url(workloadPath))) as { modules: unknown[] };

const ms: number[] = [];
let first = "";
for (let r = 0; r < Number(repeat); r++) {
  const t0 = performance.now();
  const json = JSON.stringify(evalModules({ modules: modules as any }).config);
  ms.push(performance.now() - t0);
  if (r === 0) first = json;
}
writeFileSync(out, first);
process.stdout.write(`${JSON.stringify({ ms })}\n`);

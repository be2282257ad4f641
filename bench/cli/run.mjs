#!/usr/bin/env node
// `confed show` and `confed eval` on the example fleet, side by side with `node -e 0` (the floor:
// Node's own start-up). Warm = the loader cache is filled; cold = a fresh, empty cache directory
// for every run. Medians of N runs. Usage: npm run build && node bench/cli/run.mjs [N]
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("../..", import.meta.url).pathname;
const N = Number(process.argv[2] ?? 7);
const bin = join(root, "bin", "confed.js");
const flake = join(root, "examples", "confederation");
const warmCache = mkdtempSync(join(tmpdir(), "confed-bench-cache-"));

function time(args, env) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, {
    env: { ...process.env, NO_COLOR: "1", ...env },
    encoding: "utf8",
  });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr}`);
  return ms;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const cases = [
  ["node -e 0 (floor)", () => time(["-e", "0"], {})],
  ["confed show, warm", () => time([bin, "show", "--flake", flake], { XDG_CACHE_HOME: warmCache })],
  [
    "confed eval hostName, warm",
    () =>
      time([bin, "eval", "--flake", flake, "machines.map.config.networking.hostName"], {
        XDG_CACHE_HOME: warmCache,
      }),
  ],
  [
    "confed show, cold cache",
    () => {
      const cold = mkdtempSync(join(tmpdir(), "confed-bench-cold-"));
      try {
        return time([bin, "show", "--flake", flake], { XDG_CACHE_HOME: cold });
      } finally {
        rmSync(cold, { recursive: true, force: true });
      }
    },
  ],
  [
    "confed eval hostName, cold cache",
    () => {
      const cold = mkdtempSync(join(tmpdir(), "confed-bench-cold-"));
      try {
        return time([bin, "eval", "--flake", flake, "machines.map.config.networking.hostName"], {
          XDG_CACHE_HOME: cold,
        });
      } finally {
        rmSync(cold, { recursive: true, force: true });
      }
    },
  ],
];

time([bin, "show", "--flake", flake], { XDG_CACHE_HOME: warmCache }); // fill the warm cache
const results = cases.map(([name]) => ({ name, runs: [] }));
for (let i = 0; i < N; i++) {
  // interleaved, so load on the machine hits every contender alike
  cases.forEach(([, f], j) => {
    results[j].runs.push(f());
  });
}
rmSync(warmCache, { recursive: true, force: true });

const floor = median(results[0].runs);
console.log(`| what (median of ${N}) | ms | minus node start-up |`);
console.log("| --- | ---: | ---: |");
for (const r of results) {
  const m = median(r.runs);
  console.log(
    `| ${r.name} | ${m.toFixed(0)} | ${r === results[0] ? "-" : (m - floor).toFixed(0)} |`,
  );
}

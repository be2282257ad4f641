#!/usr/bin/env node
// `confed lock` on a copy of the example fleet with all its inputs already fetched (the lock is
// current, so nothing moves and nothing is written), side by side with `node -e 0` (Node's own
// start-up) and `confed inputs` (reads confed.lock only). Medians of N runs after one untimed
// run that fetches the inputs and fills the loader cache.
// Usage: npm run build && node bench/inputs/lock.mjs [N]
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("../..", import.meta.url).pathname;
const N = Number(process.argv[2] ?? 9);
const bin = join(root, "bin", "confed.js");
const work = mkdtempSync(join(tmpdir(), "confed-bench-lock-"));
const flake = join(work, "confederation");
cpSync(join(root, "examples", "confederation"), flake, { recursive: true });
const env = {
  ...process.env,
  NO_COLOR: "1",
  CONFED_STORE_DIR: join(work, "store"),
  XDG_CACHE_HOME: join(work, "cache"),
};

function time(args) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr}`);
  return { ms, stdout: r.stdout, stderr: r.stderr };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  const first = time([bin, "lock", "--flake", flake]);
  if (first.stdout.trim() !== "")
    throw new Error(`the example's lock is not current:\n${first.stdout}`);
  const cases = [
    ["node -e 0 (floor)", ["-e", "0"]],
    ["confed inputs", [bin, "inputs", "--flake", flake]],
    ["confed lock, all inputs fetched", [bin, "lock", "--flake", flake]],
  ];
  const times = cases.map(() => []);
  for (let i = 0; i < N; i++)
    cases.forEach(([, args], j) => {
      times[j].push(time(args).ms);
    });
  console.log(`| what (median of ${N}, ms) | ms | min | max |`);
  console.log("| --- | ---: | ---: | ---: |");
  cases.forEach(([name], j) => {
    const xs = times[j];
    console.log(
      `| ${name} | ${median(xs).toFixed(1)} | ${Math.min(...xs).toFixed(1)} | ${Math.max(...xs).toFixed(1)} |`,
    );
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}

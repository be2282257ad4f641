#!/usr/bin/env node
// The whole test suite, as CI and the README run it: build, type-check (including the type
// tests in test-d/), lint, dependency direction, then every *.test.ts under src/ and test/.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const unit = process.argv.includes("--unit");
const only = process.argv.slice(2).filter((a) => a !== "--unit");

function run(title, cmd, args) {
  process.stdout.write(`\n# ${title}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit" });
  if (r.status !== 0) {
    process.stdout.write(`\n# FAILED: ${title} (exit ${r.status})\n`);
    process.exit(r.status ?? 1);
  }
}

function findTests(dir, out = []) {
  for (const name of readdirSync(join(root, dir)).sort()) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const rel = join(dir, name);
    if (statSync(join(root, rel)).isDirectory()) findTests(rel, out);
    else if (name.endsWith(".test.ts")) out.push(rel);
  }
  return out;
}

const bin = (name) => join(root, "node_modules", ".bin", name);
if (only.length === 0 && !unit) {
  run("build", bin("tsc"), ["-p", "tsconfig.build.json"]);
  run("type-check (sources, tests, type tests)", bin("tsc"), ["-p", "tsconfig.json", "--noEmit"]);
  run("lint and format (biome)", bin("biome"), ["check", "."]);
  run("dependency direction (dependency-cruiser)", bin("depcruise"), [
    "--config",
    ".dependency-cruiser.cjs",
    "dist",
  ]);
}
const files = only.length ? only : [...findTests("src"), ...findTests("test")];
run("tests (node --test)", process.execPath, ["--import", "tsx", "--test", ...files]);

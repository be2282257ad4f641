/**
 * Regenerates `expected/<area>.json` from the Nix cases in `cases/<area>.nix` by evaluating each
 * case with the real nixpkgs lib. CI never runs this (it has no Nix); it only compares against the
 * committed files.
 *
 * Usage (needs `nix-instantiate` on PATH and a checkout of nix-community/nixpkgs.lib):
 *
 *   NIXPKGS_LIB=/path/to/nixpkgs.lib node --import tsx test/differential/generate.ts [area ...]
 *
 * Every case is evaluated in its own `nix-instantiate` process so that one failing case cannot
 * hide another. A failure is reduced to its meaning (`classifyNixError`): confed's error code, the
 * option path and the files the message names, and the custom text of a `throw`/`abort`.
 */
import { execFile } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { classifyNixError, type Expected } from "./classify.ts";

const run = promisify(execFile);
const here = new URL(".", import.meta.url).pathname;
const casesDir = join(here, "cases");
const expectedDir = join(here, "expected");

const libRoot = process.env.NIXPKGS_LIB;
if (!libRoot) {
  process.stderr.write("NIXPKGS_LIB must point at a checkout of nix-community/nixpkgs.lib\n");
  process.exit(2);
}

// The case file is applied to `{ lib }` and one attribute of the result is forced completely.
// Paths and the case name come in through --argstr so nothing is spliced into Nix source.
const selectCase =
  '{ libRoot, file, name }: builtins.getAttr name (import (/. + file) { lib = import (/. + libRoot + "/lib"); })';
const listCases =
  '{ libRoot, file }: builtins.attrNames (import (/. + file) { lib = import (/. + libRoot + "/lib"); })';

async function nix(expr: string, args: Record<string, string>) {
  const argv = ["--eval", "--strict", "--json", "--show-trace", "-E", expr];
  for (const [k, v] of Object.entries(args)) argv.push("--argstr", k, v);
  try {
    const { stdout } = await run("nix-instantiate", argv, {
      timeout: 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { ok: true as const, stdout };
  } catch (e: any) {
    return { ok: false as const, stderr: String(e.stderr ?? e.message) };
  }
}

async function evaluateCase(file: string, name: string): Promise<Expected> {
  const r = await nix(selectCase, { libRoot: libRoot as string, file, name });
  if (r.ok) return { value: JSON.parse(r.stdout) };
  return { error: classifyNixError(r.stderr) };
}

/** Runs `tasks` with at most `limit` in flight, keeping results in order. */
async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  async function worker() {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

async function libCommit(): Promise<string | null> {
  try {
    const { stdout } = await run("git", ["-C", libRoot as string, "rev-parse", "HEAD"]);
    return stdout.trim();
  } catch {
    return process.env.NIXPKGS_LIB_REV ?? null;
  }
}

async function main() {
  const wanted = process.argv.slice(2);
  const areas = readdirSync(casesDir)
    .filter((f) => f.endsWith(".nix"))
    .map((f) => basename(f, ".nix"))
    .filter((a) => wanted.length === 0 || wanted.includes(a))
    .sort();
  let unclassified = 0;
  for (const area of areas) {
    const file = join(casesDir, `${area}.nix`);
    const listed = await nix(listCases, { libRoot: libRoot as string, file });
    if (!listed.ok) throw new Error(`cannot list the cases of ${area}.nix:\n${listed.stderr}`);
    const names: string[] = JSON.parse(listed.stdout);
    const results = await pool(
      names.map((name) => () => evaluateCase(file, name)),
      8,
    );
    const out: Record<string, Expected> = {};
    names.forEach((name, i) => {
      out[name] = results[i];
      const err = results[i].error;
      if (err && err.code === "E_UNCLASSIFIED") {
        unclassified++;
        process.stderr.write(`${area}.${name}: unclassified Nix error:\n${err.message}\n`);
      }
    });
    writeFileSync(join(expectedDir, `${area}.json`), `${JSON.stringify(out, null, 2)}\n`);
    const errors = Object.values(out).filter((e) => e.error).length;
    process.stdout.write(`${area}: ${names.length} cases (${errors} errors)\n`);
  }
  if (wanted.length === 0) {
    // An expected file whose Nix cases are gone would be compared forever: remove it.
    for (const f of readdirSync(expectedDir)) {
      if (f.endsWith(".json") && f !== "SOURCE.json" && !areas.includes(basename(f, ".json"))) {
        rmSync(join(expectedDir, f));
        process.stdout.write(`removed expected/${f} (no cases/${basename(f, ".json")}.nix)\n`);
      }
    }
  }
  const { stdout: nixVersion } = await run("nix-instantiate", ["--version"]);
  const libVersion = readFileSync(join(libRoot as string, "lib", ".version"), "utf8").trim();
  const source = {
    repository: "https://github.com/nix-community/nixpkgs.lib",
    commit: await libCommit(),
    libVersion,
    nix: nixVersion.trim(),
  };
  writeFileSync(join(expectedDir, "SOURCE.json"), `${JSON.stringify(source, null, 2)}\n`);
  if (unclassified > 0) process.exitCode = 1;
}

await main();

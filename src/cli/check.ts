/**
 * `confed check`: type-checks the repository with the TypeScript compiler (a misspelt option is a
 * compile error with file:line), evaluates every machine and home completely and runs their
 * assertions, like `nix flake check`. Lists every problem, exits 1 if there is any.
 */

import { createRequire } from "node:module";
import { join } from "node:path";
import { isConfedError } from "../errors/index.ts";
import type { Flake } from "../flake/index.ts";
import { exists as existsSync, run as runProgram } from "../system/fs.ts";
import { colors as c, type Out } from "./output.ts";
import { writeConfedTsconfig } from "./tsconfig-files.ts";

export interface Problem {
  where: string;
  message: string;
}

/** The tsc to use: the repository's own, else the one confed ships with. */
function findTsc(root: string): string | undefined {
  const local = join(root, "node_modules", ".bin", "tsc");
  if (existsSync(local)) return local;
  try {
    const req = createRequire(import.meta.url);
    const pkg = req.resolve("typescript/package.json");
    return join(pkg, "..", "bin", "tsc");
  } catch {
    return undefined;
  }
}

export function typecheck(root: string): Problem[] {
  const tsconfig = existsSync(join(root, "tsconfig.json"))
    ? join(root, "tsconfig.json")
    : writeConfedTsconfig(root);
  if (tsconfig.endsWith("tsconfig.json") && !tsconfig.includes(".confed"))
    writeConfedTsconfig(root);
  const tsc = findTsc(root);
  if (!tsc)
    return [
      {
        where: "typescript",
        message: "TypeScript is not installed: npm install --save-dev typescript",
      },
    ];
  const r = runProgram(process.execPath, [tsc, "-p", tsconfig, "--noEmit", "--pretty", "false"], {
    cwd: root,
  });
  if (r.status === 0) return [];
  const problems: Problem[] = [];
  for (const line of `${r.stdout}\n${r.stderr}`.split("\n")) {
    const m = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line.trim());
    if (m) problems.push({ where: `${m[1]}:${m[2]}:${m[3]}`, message: `${m[5]} (${m[4]})` });
    else if (line.trim() && !problems.length && /error/i.test(line))
      problems.push({ where: "tsc", message: line.trim() });
  }
  if (problems.length === 0)
    problems.push({ where: "tsc", message: (r.stdout + r.stderr).trim() || `exit ${r.status}` });
  return problems;
}

/** Reads every value of a configuration (functions are left alone), so errors surface. */
function forceAll(v: unknown, seen = new Set<unknown>()): void {
  if (v === null || typeof v !== "object" || seen.has(v)) return;
  seen.add(v);
  for (const k of Object.keys(v)) {
    let x: unknown;
    try {
      x = (v as Record<string, unknown>)[k];
    } catch (e) {
      // Reading an option nothing defines is an error only for whoever needs it (that read
      // reports it); a removed option's stub is reported by its assertion when it is set.
      if (isConfedError(e, "E_NO_VALUE") || isConfedError(e, "E_REMOVED")) continue;
      throw e;
    }
    forceAll(x, seen);
  }
}

export function evaluateAll(flake: Flake): Problem[] {
  const problems: Problem[] = [];
  const check = (where: string, get: () => any) => {
    try {
      const config = get();
      forceAll(config);
      for (const a of config.assertions ?? [])
        if (!a.assertion) problems.push({ where, message: `failed assertion: ${a.message}` });
    } catch (e) {
      problems.push({ where, message: (e as Error).message });
    }
  };
  for (const m of flake.machineNames) check(`machine ${m}`, () => flake.machine(m).config);
  let homes: string[] = [];
  try {
    homes = flake.homeNames();
  } catch (e) {
    // Listing homes evaluates every machine: a machine's error is already reported above.
    const message = (e as Error).message;
    if (!problems.some((p) => p.message === message)) problems.push({ where: "homes", message });
  }
  for (const h of homes) check(`home ${h}`, () => flake.home(h).config);
  return problems;
}

export async function run(
  opts: { flake?: string; overrideInput?: string[]; typecheck?: boolean },
  out: Out,
): Promise<number> {
  const { openFlake } = await import("./flake-arg.ts");
  const { flake } = await openFlake(opts.flake, opts.overrideInput);
  const problems = [
    ...(opts.typecheck === false ? [] : typecheck(flake.root)),
    ...evaluateAll(flake),
  ];
  if (out.json) {
    out.stdout(JSON.stringify({ ok: problems.length === 0, problems }));
  } else if (problems.length === 0) {
    out.stderr(
      `${c.green("ok:")} ${flake.machineNames.length} machines and ${flake.homeNames().length} homes check out`,
    );
  } else {
    for (const p of problems) out.stderr(`${c.red("error:")} ${p.where}: ${p.message}`);
    out.stderr(`${problems.length} problem${problems.length === 1 ? "" : "s"}`);
  }
  return problems.length ? 1 : 0;
}

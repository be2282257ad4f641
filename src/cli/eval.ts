/** `confed eval <path>`: any value of the repository, as JSON (or raw text with --raw). */
import { FlakeError } from "../errors/index.ts";
import { parseAttrPath } from "../lib/index.ts";
import { resolveAttrPath } from "./attr-root.ts";
import { type Out, reportChecks } from "./output.ts";

/** Turns `--apply 'v => …'` into a function. */
export function compileApply(src: string): (v: unknown) => unknown {
  let f: unknown;
  try {
    f = new Function(`"use strict"; return (${src});`)();
  } catch (e) {
    throw new FlakeError(
      "E_FLAKE_ARGUMENT",
      `--apply: not a JavaScript function: ${(e as Error).message}`,
    );
  }
  if (typeof f !== "function")
    throw new FlakeError(
      "E_FLAKE_ARGUMENT",
      "--apply takes a function, e.g. 'v => Object.keys(v)'",
    );
  return f as (v: unknown) => unknown;
}

/** The machine or home a path is inside, to report its failed assertions. */
function owner(path: string[]): string[] | undefined {
  if ((path[0] === "machines" || path[0] === "homes") && path.length >= 3 && path[2] === "config")
    return path.slice(0, 2);
  return undefined;
}

export async function run(
  attr: string,
  opts: { flake?: string; overrideInput?: string[]; apply?: string; raw?: boolean },
  out: Out,
): Promise<number> {
  let path: string[];
  try {
    path = parseAttrPath(attr);
  } catch (e) {
    throw new FlakeError(
      "E_FLAKE_ARGUMENT",
      `Bad attribute path \`${attr}': ${(e as Error).message}`,
    );
  }
  const { openFlake } = await import("./flake-arg.ts");
  const { flake } = await openFlake(opts.flake, opts.overrideInput);
  const o = owner(path);
  if (o) {
    const cfg = resolveAttrPath(flake, [...o, "config"]) as any;
    reportChecks(o[1], cfg, out);
  }
  let v = resolveAttrPath(flake, path);
  if (opts.apply) v = compileApply(opts.apply)(v);
  if (opts.raw) {
    if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") {
      throw new FlakeError(
        "E_FLAKE_ARGUMENT",
        `--raw prints strings, numbers and booleans; \`${attr}' is ${Array.isArray(v) ? "a list" : typeof v}.`,
      );
    }
    process.stdout.write(String(v));
    return 0;
  }
  const text = JSON.stringify(v, null, out.json ? undefined : 2);
  out.stdout(text === undefined ? "null" : text);
  return 0;
}

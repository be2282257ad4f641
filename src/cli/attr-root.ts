/**
 * The values `confed eval` and `confed repl` walk: `machines.<name>.config…`,
 * `homes."<user>@<host>".options…`, `packages`, `devShells`, `description`, `self`.
 */
import { FlakeError } from "../errors/index.ts";
import type { Flake } from "../flake/index.ts";
import { showOption, suggest } from "../lib/index.ts";

const TOP = ["machines", "homes", "packages", "devShells", "description", "self", "inputs", "pkgs"];

function lazyNamed<T>(names: () => string[], get: (n: string) => T): Record<string, T> {
  return new Proxy(Object.create(null), {
    get: (_t, k) => (typeof k === "string" && names().includes(k) ? get(k) : undefined),
    has: (_t, k) => typeof k === "string" && names().includes(k),
    ownKeys: () => names(),
    getOwnPropertyDescriptor: (_t, k) =>
      typeof k === "string" && names().includes(k)
        ? { enumerable: true, configurable: true, value: get(k) }
        : undefined,
  });
}

/** The root object of a flake's outputs, lazily evaluated. */
export function flakeRoot(flake: Flake): Record<string, unknown> {
  return {
    machines: lazyNamed(
      () => [...flake.machineNames],
      (n) => flake.machine(n),
    ),
    homes: lazyNamed(
      () => flake.homeNames(),
      (n) => flake.home(n),
    ),
    get packages() {
      return flake.extraOutputs().packages ?? {};
    },
    get devShells() {
      return flake.extraOutputs().devShells ?? {};
    },
    description: flake.description,
    self: flake.self,
    get inputs() {
      return flake.inputs;
    },
    get pkgs() {
      return flake.pkgs;
    },
  };
}

/** Reads `path` from the flake, with errors that name the missing step and near names. */
export function resolveAttrPath(flake: Flake, path: readonly string[]): unknown {
  const root = flakeRoot(flake);
  if (path.length === 0) return root;
  const [head, ...rest] = path;
  if (!TOP.includes(head)) {
    throw new FlakeError(
      "E_FLAKE_UNKNOWN",
      `There is no output \`${head}'. ${didYouMean(head, TOP)}Outputs: ${TOP.join(", ")}.`,
      {
        suggestions: suggest(head, TOP),
      },
    );
  }
  if (head === "machines" && rest.length > 0) {
    return walk(flake.machine(rest[0]), rest.slice(1), ["machines", rest[0]]);
  }
  if (head === "homes" && rest.length > 0) {
    return walk(flake.home(rest[0]), rest.slice(1), ["homes", rest[0]]);
  }
  return walk(root[head], rest, [head]);
}

function didYouMean(name: string, known: readonly string[]): string {
  const s = suggest(name, known);
  return s.length ? `Did you mean ${s.map((x) => `\`${x}'`).join(" or ")}? ` : "";
}

function walk(v: unknown, path: readonly string[], done: string[]): unknown {
  for (const k of path) {
    if (v === null || (typeof v !== "object" && typeof v !== "function")) {
      throw new FlakeError(
        "E_FLAKE_UNKNOWN",
        `\`${showOption(done)}' is ${v === null ? "null" : `a ${typeof v}`}, it has no attribute \`${k}'.`,
      );
    }
    const next = (v as Record<string, unknown>)[k];
    if (next === undefined && !(k in (v as object))) {
      const keys = Object.keys(v as object);
      throw new FlakeError(
        "E_FLAKE_UNKNOWN",
        `\`${showOption(done)}' has no attribute \`${k}'. ${didYouMean(k, keys)}` +
          (keys.length && keys.length <= 30 ? `It has: ${keys.join(", ")}.` : ""),
        { suggestions: suggest(k, keys) },
      );
    }
    v = next;
    done = [...done, k];
  }
  return v;
}

/**
 * The shape of a TypeScript case file (`cases/<area>.ts`), the twin of `cases/<area>.nix`: the
 * same case names, written with confed's API, each returning JSON-able data.
 */
import type * as confed from "../../src/index.ts";

/** The confed API, handed to every case (the cases never import confed themselves). */
export type Confed = typeof confed;

/** One case: evaluates modules with confed and returns what the Nix twin returns. */
export type Case = (c: Confed) => unknown;

export type Cases = Record<string, Case>;

/**
 * Cases that exist only on the Nix side, each with the reason: a deliberate divergence listed in
 * MODULES.md. The test reports them as skipped rather than dropping them silently.
 */
export type Omitted = Record<string, string>;

/** `(evalModules { modules; … })` with the loose typing the cases need (they test bad input too). */
export function ev(c: Confed, modules: unknown[], args: Record<string, unknown> = {}): any {
  return (c as any).evalModules({ modules, ...args });
}

/** `(evalModules { modules; }).config`. */
export function cfg(c: Confed, modules: unknown[], args: Record<string, unknown> = {}): any {
  return ev(c, modules, args).config;
}

/** `(evalModules { modules; }).options`. */
export function opts(c: Confed, modules: unknown[]): any {
  return ev(c, modules).options;
}

/** `builtins.attrNames`: the names, sorted as Nix sorts them. */
export function attrNames(x: object): string[] {
  return Object.keys(x).sort();
}

/** `throw msg` for places where TypeScript wants an expression. */
export function boom(message: string): never {
  throw new Error(message);
}

/**
 * `defineFlake`: what a repository's confed.ts default-exports.
 */

import type { Overlay } from "../packages/index.ts";

export type { Overlay };

/**
 * What `overlays` and `modules` receive when they are functions: the repository's inputs
 * (`inputs.<name>`, see README "Inputs") and `self`.
 */
export interface FlakeContext {
  self: SelfInfo;
  inputs: Record<string, any>;
}

/** What `outputs` receives. */
export interface OutputsContext extends FlakeContext {
  pkgs: any;
}

/** Modules added to every machine and to every home. */
export interface FlakeModules {
  machine?: readonly unknown[];
  home?: readonly unknown[];
}

/** Extra outputs a flake may add or override. */
export interface ExtraOutputs {
  packages?: Record<string, unknown>;
  devShells?: Record<string, unknown>;
  overlays?: Record<string, Overlay>;
  /** Home modules a repository using this one as an input can import (`inputs.<name>.homeModules.<module>`). */
  homeModules?: Record<string, unknown>;
  /** Machine modules for repositories using this one as an input. */
  machineModules?: Record<string, unknown>;
  [name: string]: unknown;
}

/** The repository's own revision, as `self` in module arguments. */
export interface SelfInfo {
  readonly rev?: string;
  readonly dirtyRev?: string;
  readonly lastModified: number;
  readonly outPath: string;
}

/** A confed.ts. */
export interface FlakeSpec {
  description?: string;
  /** Pinned inputs (other repositories); see `confed lock`. */
  inputs?: Record<string, unknown>;
  /**
   * Overlays applied, in order, to every machine's and home's `pkgs`; a function of
   * `{ inputs, self }` to use an input's (`({ inputs }) => [...inputs.nixon.overlays, mine]`).
   */
  overlays?: readonly Overlay[] | ((ctx: FlakeContext) => readonly Overlay[]);
  /**
   * Modules added to every machine and to every home; a function of `{ inputs, self }` to add
   * an input's (`({ inputs }) => ({ home: [inputs.nixon.homeModules.default] })`).
   */
  modules?: FlakeModules | ((ctx: FlakeContext) => FlakeModules);
  /** Adds or overrides outputs (packages, devShells, …). */
  outputs?: (ctx: OutputsContext) => ExtraOutputs;
}

const FLAKE_KEYS = new Set(["description", "inputs", "overlays", "modules", "outputs"]);

/**
 * The repository's definition (identity, typed).
 *
 * @example
 * export default defineFlake({
 *   description: "myme's machines",
 *   overlays: [(final, prev) => ({ myTool: prev.distro("my-tool", { apt: "my-tool" }) })],
 *   modules: { machine: [commonSystem], home: [commonHome] },
 * });
 */
export function defineFlake<const T extends FlakeSpec>(spec: T): T {
  return spec;
}

/** The keys a flake may have, for the error about an unknown one. */
export function unknownFlakeKeys(spec: Record<string, unknown>): string[] {
  return Object.keys(spec).filter((k) => !FLAKE_KEYS.has(k));
}

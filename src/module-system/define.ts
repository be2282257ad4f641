/**
 * Typed identity helpers for modules: each returns its argument unchanged; the work is done by
 * the type checker, which reads the registries in infer.ts.
 */
import type {
  AnyConfig,
  AnyDefinition,
  ConfigOf,
  DefinitionOf,
  HomeConfig,
  HomeDefinition,
  Module,
  SystemConfig,
  SystemDefinition,
} from "./infer.ts";

/**
 * A module for machines and homes alike: reads and writes both registries plus its own options.
 * An object module's own options are inferred. A function module that reads its own new options
 * names their type (`defineModule<typeof options>`): TypeScript cannot infer the type of a
 * function's argument from what the function returns.
 *
 * @example
 * const options = { myme: { wm: { enable: mkEnableOption("a graphical session") } } };
 * export default defineModule<typeof options>(({ config }) => ({
 *   options,
 *   config: mkIf(() => config.myme.wm.enable, { programs: { bash: { enable: true } } }),
 * }));
 */
export function defineModule<O = {}>(
  module: Module<O, AnyConfig & ConfigOf<O>, AnyDefinition & DefinitionOf<O>>,
): Module<O, AnyConfig & ConfigOf<O>, AnyDefinition & DefinitionOf<O>> {
  return module;
}

/**
 * A machine, or a module only machines import: checked against the system registry.
 *
 * @example
 * export default defineMachine({
 *   networking: { hostName: "nuckie" },
 *   security: { sudo: { wheelNeedsPassword: false } },
 * });
 */
export function defineMachine<O = {}>(
  module: Module<O, SystemConfig & ConfigOf<O>, SystemDefinition & DefinitionOf<O>>,
): Module<O, SystemConfig & ConfigOf<O>, SystemDefinition & DefinitionOf<O>> {
  return module;
}

/**
 * A home, or a module only homes import: checked against the home registry.
 *
 * @example
 * export default defineHome(({ pkgs }) => ({
 *   home: { packages: [pkgs.git, pkgs.ripgrep] },
 * }));
 */
export function defineHome<O = {}>(
  module: Module<O, HomeConfig & ConfigOf<O>, HomeDefinition & DefinitionOf<O>>,
): Module<O, HomeConfig & ConfigOf<O>, HomeDefinition & DefinitionOf<O>> {
  return module;
}

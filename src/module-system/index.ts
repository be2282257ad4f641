/**
 * The module system: evalModules with nixpkgs' semantics, option declarations, types and
 * properties.
 */

import { setModuleFile } from "./collect.ts";
import { evalModules, libRef } from "./eval-modules.ts";
import {
  mergeDefaultOption,
  mergeEqualOption,
  mergeOneOption,
  mergeUniqueOption,
} from "./merge.ts";
import { isOption, mkEnableOption, mkOption, mkPackageOption } from "./option.ts";
import {
  mkAfter,
  mkBefore,
  mkDefault,
  mkDefinition,
  mkForce,
  mkIf,
  mkImageMediaOverride,
  mkMerge,
  mkOptionDefault,
  mkOrder,
  mkOverride,
  mkVMOverride,
} from "./properties.ts";
import { mkAliasOptionModule, mkRemovedOptionModule, mkRenamedOptionModule } from "./renames.ts";
import { isOptionType, mkOptionType, types } from "./types/index.ts";

export { setModuleFile } from "./collect.ts";
export { defineHome, defineMachine, defineModule } from "./define.ts";
export { type EvalModulesArgs, type Evaluation, evalModules } from "./eval-modules.ts";
export type { DefinitionInfo } from "./explain.ts";
export type {
  AnyConfig,
  AnyDefinition,
  ConfedHomeModules,
  ConfedSystemModules,
  ConfigOf,
  ConfigOfModules,
  DefinitionOf,
  DefinitionOfModules,
  DefinitionValue,
  HomeConfig,
  HomeDefinition,
  Module,
  ModuleArgs,
  ModuleObject,
  Package,
  SystemConfig,
  SystemDefinition,
} from "./infer.ts";
export {
  type Def,
  mergeDefaultOption,
  mergeEqualOption,
  mergeOneOption,
  mergeUniqueOption,
} from "./merge.ts";
export {
  isOption,
  mkEnableOption,
  mkOption,
  mkPackageOption,
  type Option,
  type OptionSpec,
} from "./option.ts";
export {
  DEFAULT_ORDER_PRIORITY,
  DEFAULT_OVERRIDE_PRIORITY,
  isProperty,
  mkAfter,
  mkBefore,
  mkDefault,
  mkDefinition,
  mkForce,
  mkIf,
  mkImageMediaOverride,
  mkMerge,
  mkOptionDefault,
  mkOrder,
  mkOverride,
  mkVMOverride,
} from "./properties.ts";
export { mkAliasOptionModule, mkRemovedOptionModule, mkRenamedOptionModule } from "./renames.ts";
export { isOptionType, mkOptionType, type OptionType, types } from "./types/index.ts";
export { evaluationOf } from "./types/submodule.ts";

/**
 * The `lib` argument of module functions: the module-system API in one object, as Nix modules
 * get `lib`.
 */
export const lib = {
  evalModules,
  mkOption,
  mkEnableOption,
  mkPackageOption,
  mkOptionType,
  isOption,
  isOptionType,
  types,
  mkIf,
  mkMerge,
  mkOverride,
  mkDefault,
  mkForce,
  mkOptionDefault,
  mkImageMediaOverride,
  mkVMOverride,
  mkOrder,
  mkBefore,
  mkAfter,
  mkDefinition,
  mkRenamedOptionModule,
  mkAliasOptionModule,
  mkRemovedOptionModule,
  setModuleFile,
  mergeEqualOption,
  mergeOneOption,
  mergeDefaultOption,
  mergeUniqueOption,
} as const;
libRef.value = lib;

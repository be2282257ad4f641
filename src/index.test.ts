import assert from "node:assert/strict";
import { test } from "node:test";
import * as confed from "./index.ts";

// The public surface is deliberate: a change to this list is a change to the API.
const EXPORTS = [
  "ConfedError",
  "entryAfter",
  "entryAnywhere",
  "entryBefore",
  "entryBetween",
  "SecretsError",
  "defineSecrets",
  "FAMILIES",
  "PackagesError",
  "catalogNames",
  "distroPackage",
  "familyOf",
  "isDistroPackage",
  "mainProgram",
  "makePkgs",
  "resolve",
  "FlakeError",
  "defineFlake",
  "evaluationOf",
  "ModuleError",
  "evalModules",
  "isConfedError",
  "isOption",
  "isOptionType",
  "isProperty",
  "lib",
  "mergeDefaultOption",
  "mergeEqualOption",
  "mergeOneOption",
  "mergeUniqueOption",
  "mkAfter",
  "mkAliasOptionModule",
  "mkBefore",
  "mkDefault",
  "mkDefinition",
  "mkEnableOption",
  "mkForce",
  "mkIf",
  "mkImageMediaOverride",
  "mkMerge",
  "mkOption",
  "mkOptionDefault",
  "mkOptionType",
  "mkOrder",
  "mkOverride",
  "mkPackageOption",
  "mkRemovedOptionModule",
  "mkRenamedOptionModule",
  "mkVMOverride",
  "setModuleFile",
  "types",
];

test("the package root exports exactly the documented names", () => {
  const actual = Object.keys(confed)
    .filter((k) => !["defineHome", "defineMachine", "defineModule"].includes(k))
    .sort();
  assert.deepEqual(actual, [...EXPORTS].sort());
});

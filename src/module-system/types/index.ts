/**
 * `types`: the option types, named as in nixpkgs (`types.attrsOf(types.str)`).
 */
import { anythingRef } from "./anything.ts";
import {
  addCheck,
  anything,
  attrs,
  bool,
  boolByOr,
  commas,
  enumType,
  envVar,
  float,
  int,
  ints,
  lines,
  nonEmptyStr,
  packageType,
  path,
  port,
  raw,
  separatedString,
  singleLineStr,
  str,
  strMatching,
  unspecified,
} from "./basic.ts";
import {
  attrsOf,
  attrsWith,
  coercedTo,
  either,
  functionTo,
  lazyAttrsOf,
  listOf,
  nonEmptyListOf,
  nullOr,
  number,
  numbers,
  oneOf,
  uniq,
  unique,
} from "./compound.ts";
import { optionTypeType } from "./option-type.ts";
import { boolType, packageTypeRef, unspecifiedRef } from "./refs.ts";
import { deferredModule, deferredModuleWith, submodule, submoduleWith } from "./submodule.ts";

anythingRef.type = anything;
boolType.type = bool;
packageTypeRef.type = packageType;
packageTypeRef.nullOr = nullOr;
unspecifiedRef.type = unspecified;

/**
 * The option types.
 *
 * @example
 * mkOption({ type: types.attrsOf(types.submodule({ options: { port: mkOption({ type: types.port }) } })) })
 */
export const types = {
  str,
  bool,
  boolByOr,
  int,
  float,
  number,
  numbers,
  ints,
  port,
  path,
  lines,
  commas,
  envVar,
  separatedString,
  nonEmptyStr,
  singleLineStr,
  strMatching,
  anything,
  raw,
  unspecified,
  attrs,
  package: packageType,
  enum: enumType,
  nullOr,
  listOf,
  nonEmptyListOf,
  attrsOf,
  lazyAttrsOf,
  attrsWith,
  either,
  oneOf,
  coercedTo,
  functionTo,
  uniq,
  unique,
  submodule,
  submoduleWith,
  deferredModule,
  deferredModuleWith,
  optionType: optionTypeType,
  addCheck,
} as const;

export type { DescriptionClass, Functor, OptionType, TypeValue } from "./base.ts";
export { isOptionType, mkOptionType } from "./base.ts";

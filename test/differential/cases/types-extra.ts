// Types beyond the everyday ones (twin of types-extra.nix).
import { attrNames, boom, type Cases, type Confed, cfg, ev } from "../case.ts";

const one = (c: Confed, type: unknown, value: unknown) =>
  cfg(c, [{ options: { v: c.mkOption({ type } as any) } }, { _file: "a.nix", v: value }]).v;
const two = (c: Confed, type: unknown, a: unknown, b: unknown) =>
  cfg(c, [
    { options: { v: c.mkOption({ type } as any) } },
    { _file: "a.nix", v: a },
    { _file: "b.nix", v: b },
  ]).v;

export const cases: Cases = {
  boolByOrFalseFalse: (c) => two(c, c.types.boolByOr, false, false),
  boolByOrTrueFalse: (c) => two(c, c.types.boolByOr, true, false),
  boolByOrRejectsString: (c) => one(c, c.types.boolByOr, "true"),

  nonEmptyStrAccepts: (c) => one(c, c.types.nonEmptyStr, "x"),
  nonEmptyStrRejectsEmpty: (c) => one(c, c.types.nonEmptyStr, ""),
  nonEmptyStrRejectsWhitespace: (c) => one(c, c.types.nonEmptyStr, " \t\n"),

  singleLineStrAccepts: (c) => one(c, c.types.singleLineStr, "one line"),
  singleLineStrTrimsFinalNewline: (c) => one(c, c.types.singleLineStr, "one line\n"),
  singleLineStrRejectsTwoLines: (c) => one(c, c.types.singleLineStr, "one\ntwo"),

  envVarJoinsWithColon: (c) => two(c, c.types.envVar, "/bin", "/usr/bin"),

  nonEmptyListOfAccepts: (c) => one(c, c.types.nonEmptyListOf(c.types.int), [1]),
  nonEmptyListOfRejectsEmpty: (c) => one(c, c.types.nonEmptyListOf(c.types.int), []),
  nonEmptyListOfMerges: (c) => two(c, c.types.nonEmptyListOf(c.types.int), [1], [2]),
  nonEmptyListOfWithoutDefinitionHasNoValue: (c) =>
    cfg(c, [{ options: { v: c.mkOption({ type: c.types.nonEmptyListOf(c.types.int) }) } }]).v,

  u8AcceptsMax: (c) => one(c, c.types.ints.u8, 255),
  u8RejectsOver: (c) => one(c, c.types.ints.u8, 256),
  s8AcceptsMin: (c) => one(c, c.types.ints.s8, -128),
  s8RejectsUnder: (c) => one(c, c.types.ints.s8, -129),
  u16AcceptsMax: (c) => one(c, c.types.ints.u16, 65535),
  s16RejectsOver: (c) => one(c, c.types.ints.s16, 32768),
  u32AcceptsMax: (c) => one(c, c.types.ints.u32, 4294967295),
  u32RejectsNegative: (c) => one(c, c.types.ints.u32, -1),
  s32AcceptsMin: (c) => one(c, c.types.ints.s32, -2147483648),

  numbersBetweenAcceptsFloat: (c) => one(c, c.types.numbers.between(0, 1), 0.5),
  numbersBetweenAcceptsInt: (c) => one(c, c.types.numbers.between(0, 1), 1),
  numbersBetweenRejects: (c) => one(c, c.types.numbers.between(0, 1), 1.5),
  numbersNonnegativeRejectsNegative: (c) => one(c, c.types.numbers.nonnegative, -0.5),
  numbersPositiveRejectsZero: (c) => one(c, c.types.numbers.positive, 0),

  addCheckAccepts: (c) =>
    one(
      c,
      c.types.addCheck(c.types.int, (x: number) => x > 10),
      11,
    ),
  addCheckRejects: (c) =>
    one(
      c,
      c.types.addCheck(c.types.int, (x: number) => x > 10),
      10,
    ),
  addCheckKeepsBaseCheck: (c) =>
    one(
      c,
      c.types.addCheck(c.types.int, () => true),
      "s",
    ),
  addCheckKeepsBaseMerge: (c) =>
    two(
      c,
      c.types.addCheck(c.types.listOf(c.types.int), () => true),
      [1],
      [2],
    ),

  attrsWithLazy: (c) =>
    cfg(c, [
      {
        options: {
          v: c.mkOption({ type: c.types.attrsWith({ elemType: c.types.int, lazy: true }) }),
        },
      },
      {
        v: {
          good: 1,
          get bad() {
            return boom("lazy attrsWith forced");
          },
        },
      },
    ]).v.good,

  attrsWithStrict: (c) =>
    "good" in
    cfg(c, [
      {
        options: {
          v: c.mkOption({ type: c.types.attrsWith({ elemType: c.types.int, lazy: false }) }),
        },
      },
      {
        v: {
          good: 1,
          get bad() {
            return boom("strict attrsWith forced");
          },
        },
      },
    ]).v,

  attrsWithPlaceholderInSubOptions: (c) =>
    "leaf" in
    ev(c, [
      {
        options: {
          v: c.mkOption({
            type: c.types.attrsWith({
              elemType: c.types.submodule({ options: { leaf: c.mkOption({ default: 1 }) } }),
              placeholder: "host",
            }),
          }),
        },
      },
    ]).options.v.type.getSubOptions(["v"]),

  optionTypeValueIsAType: (c) => {
    const t = cfg(c, [
      { options: { t: c.mkOption({ type: c.types.optionType }) } },
      { t: c.types.str },
    ]).t;
    return [t.check("s"), t.check(1)];
  },

  optionTypeMergesSubmodules: (c) => {
    const t = cfg(c, [
      { options: { t: c.mkOption({ type: c.types.optionType }) } },
      { t: c.types.submodule({ options: { a: c.mkOption({ default: 1 }) } }) },
      { t: c.types.submodule({ options: { b: c.mkOption({ default: 2 }) } }) },
    ]).t;
    return attrNames(t.getSubOptions([])).filter((n) => n !== "_module");
  },

  optionTypeConflictingTypes: (c) =>
    cfg(c, [
      { options: { t: c.mkOption({ type: c.types.optionType }) } },
      { _file: "a.nix", t: c.types.str },
      { _file: "b.nix", t: c.types.int },
    ]).t.name,

  mkVMOverrideBeatsForce: (c) =>
    cfg(c, [
      { options: { v: c.mkOption({ type: c.types.str }) } },
      { v: c.mkForce("force") },
      { v: c.mkVMOverride("vm") },
    ]).v,

  mkImageMediaOverrideBetweenForceAndPlain: (c) =>
    cfg(c, [
      { options: { v: c.mkOption({ type: c.types.str }) } },
      { v: c.mkImageMediaOverride("image") },
      { v: "plain" },
    ]).v,

  mkImageMediaOverrideLosesToForce: (c) =>
    cfg(c, [
      { options: { v: c.mkOption({ type: c.types.str }) } },
      { v: c.mkImageMediaOverride("image") },
      { v: c.mkForce("force") },
    ]).v,
};

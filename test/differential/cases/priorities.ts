// Priorities and what `options.<path>` reports about them (twin of priorities.nix).
import { type Cases, type Confed, cfg, opts } from "../case.ts";

const declStr = (c: Confed) => ({
  _file: "decl.nix",
  options: { x: c.mkOption({ type: c.types.str }) },
});
const declStrDefault = (c: Confed) => ({
  _file: "decl.nix",
  options: { x: c.mkOption({ type: c.types.str, default: "default" }) },
});
const declList = (c: Confed) => ({
  _file: "decl.nix",
  options: { x: c.mkOption({ type: c.types.listOf(c.types.int), default: [0] }) },
});

export const cases: Cases = {
  mkDefaultLosesToPlain: (c) => cfg(c, [declStr(c), { x: c.mkDefault("weak") }, { x: "plain" }]).x,

  mkDefaultBeatsOptionDefault: (c) => cfg(c, [declStrDefault(c), { x: c.mkDefault("weak") }]).x,

  mkForceBeatsPlain: (c) => cfg(c, [declStr(c), { x: c.mkForce("forced") }, { x: "plain" }]).x,

  mkForceBeatsPlainWhateverTheOrder: (c) =>
    cfg(c, [declStr(c), { x: "plain" }, { x: c.mkForce("forced") }]).x,

  twoForcesConflict: (c) =>
    cfg(c, [
      declStr(c),
      { _file: "a.nix", x: c.mkForce("one") },
      { _file: "b.nix", x: c.mkForce("two") },
    ]).x,

  twoDefaultsConflict: (c) =>
    cfg(c, [
      declStr(c),
      { _file: "a.nix", x: c.mkDefault("one") },
      { _file: "b.nix", x: c.mkDefault("two") },
    ]).x,

  conflictIgnoresLowerPriority: (c) =>
    cfg(c, [
      declStr(c),
      { _file: "a.nix", x: "one" },
      { _file: "b.nix", x: "one" },
      { _file: "c.nix", x: c.mkDefault("two") },
    ]).x,

  mkOverrideLowestNumberWins: (c) =>
    cfg(c, [
      declStr(c),
      { x: c.mkOverride(10, "ten") },
      { x: c.mkOverride(20, "twenty") },
      { x: c.mkOverride(5, "five") },
    ]).x,

  mkOverrideEqualToDefaultPrio: (c) =>
    cfg(c, [declList(c), { x: c.mkOverride(1000, [1]) }, { x: c.mkDefault([2]) }]).x,

  samePriorityListsConcatenate: (c) => cfg(c, [declList(c), { x: [1] }, { x: [2] }]).x,

  lowerPriorityListDropped: (c) => cfg(c, [declList(c), { x: c.mkDefault([1]) }, { x: [2] }]).x,

  optionDefaultListDroppedByDefinition: (c) => cfg(c, [declList(c), { x: [5] }]).x,

  mkOptionDefaultMergesWithDefault: (c) => cfg(c, [declList(c), { x: c.mkOptionDefault([7]) }]).x,

  mkOptionDefaultLosesToMkDefault: (c) =>
    cfg(c, [declList(c), { x: c.mkOptionDefault([7]) }, { x: c.mkDefault([8]) }]).x,

  mkOverrideAbove1500LosesToDefault: (c) =>
    cfg(c, [declStrDefault(c), { x: c.mkOverride(1600, "very weak") }]).x,

  mkOverrideAbove1500WithoutDefault: (c) =>
    cfg(c, [declStr(c), { x: c.mkOverride(1600, "very weak") }]).x,

  overrideInsideOverrideIsTypeError: (c) =>
    cfg(c, [declStr(c), { x: c.mkForce(c.mkDefault("inner default")) }, { x: "plain" }]).x,

  outerOverrideDecidesPriority: (c) =>
    cfg(c, [declStr(c), { x: c.mkDefault(c.mkForce("inner force")) }, { x: "plain" }]).x,

  forcedTypeErrorStillChecked: (c) =>
    cfg(c, [declStr(c), { _file: "a.nix", x: c.mkForce(3 as any) }]).x,

  droppedTypeErrorIgnored: (c) =>
    cfg(c, [declStr(c), { _file: "a.nix", x: c.mkDefault(3 as any) }, { x: "fine" }]).x,

  highestPrioPlain: (c) => opts(c, [declStr(c), { x: "plain" }]).x.highestPrio,

  highestPrioDefault: (c) => opts(c, [declStrDefault(c)]).x.highestPrio,

  highestPrioForce: (c) =>
    opts(c, [declStr(c), { x: c.mkForce("f") }, { x: "plain" }]).x.highestPrio,

  highestPrioMkDefault: (c) => opts(c, [declStrDefault(c), { x: c.mkDefault("d") }]).x.highestPrio,

  highestPrioCustom: (c) => opts(c, [declStr(c), { x: c.mkOverride(123, "c") }]).x.highestPrio,

  isDefinedFalseWithoutValue: (c) => opts(c, [declStr(c)]).x.isDefined,

  isDefinedTrueFromDefault: (c) => opts(c, [declStrDefault(c)]).x.isDefined,

  isDefinedTrueFromDefinition: (c) => opts(c, [declStr(c), { x: "v" }]).x.isDefined,

  filesOfDefinitions: (c) =>
    opts(c, [declStrDefault(c), { _file: "a.nix", x: "v" }, { _file: "b.nix", x: "v" }]).x.files,

  filesOnlyWinningPriority: (c) =>
    opts(c, [declStr(c), { _file: "a.nix", x: c.mkDefault("w") }, { _file: "b.nix", x: "v" }]).x
      .files,

  filesOfDefaultOnly: (c) => opts(c, [declStrDefault(c)]).x.files,

  definitionsOfOption: (c) =>
    opts(c, [declList(c), { x: [1] }, { x: c.mkDefault([2]) }, { x: [3] }]).x.definitions,

  definitionsOfDefaultOnly: (c) => opts(c, [declList(c)]).x.definitions,

  optionValueMatchesConfig: (c) => opts(c, [declList(c), { x: [4] }]).x.value,

  declarationsOfOption: (c) =>
    opts(c, [
      { _file: "one.nix", options: { x: c.mkOption({ type: c.types.str }) } },
      { _file: "two.nix", options: { x: c.mkOption({ default: "d" }) } },
    ]).x.declarations,

  optionDefaultRecorded: (c) =>
    opts(c, [{ options: { x: c.mkOption({ type: c.types.int, default: 42 }) } }]).x.default,

  optionDescriptionRecorded: (c) =>
    opts(c, [
      {
        options: {
          x: c.mkOption({ type: c.types.int, description: "An integer.", default: 1 }),
        },
      },
    ]).x.description,

  optionLoc: (c) => opts(c, [{ options: { a: { b: c.mkOption({ type: c.types.int }) } } }]).a.b.loc,

  defaultAndDefinitionAtSamePrioMerge: (c) =>
    cfg(c, [declList(c), { x: c.mkOptionDefault([9]) }, { x: c.mkOverride(1500, [10]) }]).x,
};

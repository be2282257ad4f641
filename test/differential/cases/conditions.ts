// mkIf and mkMerge (twin of conditions.nix).
import { boom, type Cases, type Confed, cfg } from "../case.ts";

const declInt = (c: Confed) => ({
  _file: "decl.nix",
  options: { x: c.mkOption({ type: c.types.int, default: 0 }) },
});
const declList = (c: Confed) => ({
  _file: "decl.nix",
  options: { l: c.mkOption({ type: c.types.listOf(c.types.int), default: [] }) },
});
const declEnable = (c: Confed) => ({
  _file: "decl.nix",
  options: { enable: c.mkOption({ type: c.types.bool, default: false }) },
});

export const cases: Cases = {
  mkIfTrue: (c) => cfg(c, [declInt(c), { x: c.mkIf(true, 1) }]).x,

  mkIfFalseFallsBackToDefault: (c) => cfg(c, [declInt(c), { x: c.mkIf(false, 1) }]).x,

  mkIfFalseWithoutDefaultHasNoValue: (c) =>
    cfg(c, [{ options: { y: c.mkOption({ type: c.types.int }) } }, { y: c.mkIf(false, 1) }]).y,

  mkIfOnConfigRead: (c) =>
    cfg(c, [
      declInt(c),
      declEnable(c),
      { enable: true },
      ({ config }: any) => ({ x: c.mkIf(() => config.enable, 5) }),
    ]).x,

  mkIfOnConfigReadFalse: (c) =>
    cfg(c, [
      declInt(c),
      declEnable(c),
      ({ config }: any) => ({ x: c.mkIf(() => config.enable, 5) }),
    ]).x,

  mkIfWholeConfigBlock: (c) =>
    cfg(c, [
      declInt(c),
      declEnable(c),
      { enable: true },
      ({ config }: any) => ({ config: c.mkIf(() => config.enable, { x: 6 }) }),
    ]).x,

  mkIfFalseBlockHidesTypeErrors: (c) =>
    cfg(c, [declInt(c), { config: c.mkIf(false, { x: "not an int" }) }]).x,

  mkIfNonBoolCondition: (c) => cfg(c, [declInt(c), { x: c.mkIf("yes" as any, 1) }]).x,

  mkIfNullCondition: (c) => cfg(c, [declInt(c), { x: c.mkIf(null as any, 1) }]).x,

  mkIfConditionThrowsOnlyWhenMerged: (c) =>
    cfg(c, [
      declInt(c),
      { options: { y: c.mkOption({ type: c.types.int, default: 1 }) } },
      { x: c.mkIf(() => boom("condition evaluated"), 1) },
    ]).y,

  mkIfConditionThrows: (c) =>
    cfg(c, [declInt(c), { x: c.mkIf(() => boom("condition evaluated"), 1) }]).x,

  mkIfFalseUndeclaredStillAnError: (c) =>
    cfg(c, [declInt(c), { _file: "a.nix", config: c.mkIf(false, { nope: 1 }) }]).x,

  mkIfFalseNestedUndeclaredStillAnError: (c) =>
    cfg(c, [declInt(c), { _file: "a.nix", config: { x: 1, sub: c.mkIf(false, { nope: 1 }) } }]).x,

  mkIfTopLevelModule: (c) => cfg(c, [declInt(c), c.mkIf(true, { x: 3 })]).x,

  mkIfTopLevelModuleFalse: (c) => cfg(c, [declInt(c), c.mkIf(false, { x: 3 })]).x,

  mkMergeDefinitions: (c) => cfg(c, [declList(c), { l: c.mkMerge([[1], [2]]) }]).l,

  mkMergeConfigBlocks: (c) =>
    cfg(c, [declInt(c), declList(c), { config: c.mkMerge([{ x: 1 }, { l: [1] }]) }]),

  mkMergeNested: (c) =>
    cfg(c, [declList(c), { l: c.mkMerge([c.mkMerge([[1], c.mkMerge([[2]])]), [3]]) }]).l,

  mkMergeWithMkIf: (c) =>
    cfg(c, [declList(c), { l: c.mkMerge([c.mkIf(true, [1]), c.mkIf(false, [2]), [3]]) }]).l,

  mkIfOfMkMerge: (c) => cfg(c, [declList(c), { l: c.mkIf(true, c.mkMerge([[1], [2]])) }]).l,

  mkIfNested: (c) =>
    cfg(c, [
      declList(c),
      { l: c.mkIf(true, c.mkIf(true, [1])) },
      { l: c.mkIf(true, c.mkIf(false, [2])) },
    ]).l,

  mkMergeEmpty: (c) => cfg(c, [declInt(c), { x: c.mkMerge([]) }]).x,

  mkMergeAsModuleIsAnError: (c) => cfg(c, [declInt(c), c.mkMerge([{ x: 1 }])]).x,

  mkMergeWithPriorities: (c) => cfg(c, [declInt(c), { x: c.mkMerge([c.mkDefault(1), 2]) }]).x,

  mkIfInsideListElementTrue: (c) => cfg(c, [declList(c), { l: [1, c.mkIf(true, 2)] }]).l,

  mkIfInsideListElementFalse: (c) => cfg(c, [declList(c), { l: [1, c.mkIf(false, 2), 3] }]).l,

  mkForceOfMkIfIsTypeError: (c) =>
    cfg(c, [declEnable(c), { _file: "a.nix", enable: c.mkForce(c.mkIf(true, true)) }]).enable,

  mkIfOfMkForceWorks: (c) =>
    cfg(c, [declEnable(c), { enable: c.mkIf(true, c.mkForce(true)) }, { enable: false }]).enable,

  mkIfFalseOfMkForceDropsIt: (c) =>
    cfg(c, [declEnable(c), { enable: c.mkIf(false, c.mkForce(false)) }, { enable: true }]).enable,

  mkDefaultOfMkMergeIsTypeError: (c) =>
    cfg(c, [declList(c), { _file: "a.nix", l: c.mkDefault(c.mkMerge([[1]])) }]).l,

  mkMergeOfMkDefault: (c) => cfg(c, [declList(c), { l: c.mkMerge([c.mkDefault([1]), [2]]) }]).l,

  mkIfBoolMergeByEquality: (c) =>
    cfg(c, [
      declEnable(c),
      { _file: "a.nix", enable: c.mkIf(true, true) },
      { _file: "b.nix", enable: false },
    ]).enable,

  boolIsNotOr: (c) =>
    cfg(c, [declEnable(c), { _file: "a.nix", enable: true }, { _file: "b.nix", enable: false }])
      .enable,

  boolEqualDefinitionsFine: (c) =>
    cfg(c, [declEnable(c), { enable: true }, { enable: true }]).enable,

  configMkIfReadingItself: (c) =>
    cfg(c, [
      declEnable(c),
      ({ config }: any) => ({ config: c.mkIf(() => config.enable, { enable: true }) }),
    ]).enable,

  mkIfConditionReadsOtherOption: (c) =>
    cfg(c, [
      declInt(c),
      declList(c),
      ({ config }: any) => ({
        // The definition reads config, so it is a getter (which may return an mkIf).
        get l() {
          return c.mkIf(() => config.x > 2, [config.x]);
        },
      }),
      { x: 3 },
    ]).l,
};

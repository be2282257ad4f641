// Declaring options (twin of declarations.nix).
import { attrNames, type Cases, type Confed, cfg, ev } from "../case.ts";

const declare = (c: Confed, file: string, opt: Record<string, unknown>) => ({
  _file: file,
  options: { x: c.mkOption(opt as any) },
});

export const cases: Cases = {
  sameTypeTwiceMerges: (c) =>
    cfg(c, [
      declare(c, "one.nix", { type: c.types.int }),
      declare(c, "two.nix", { type: c.types.int }),
      { x: 1 },
    ]).x,

  typeAndDefaultSplitAcrossDeclarations: (c) =>
    cfg(c, [declare(c, "one.nix", { type: c.types.int }), declare(c, "two.nix", { default: 5 })]).x,

  twoDefaultsAlreadyDeclared: (c) =>
    cfg(c, [
      declare(c, "one.nix", { type: c.types.int, default: 1 }),
      declare(c, "two.nix", { default: 2 }),
    ]).x,

  twoDescriptionsAlreadyDeclared: (c) =>
    cfg(c, [
      declare(c, "one.nix", { description: "one" }),
      declare(c, "two.nix", { description: "two" }),
      { x: 1 },
    ]).x,

  twoApplyAlreadyDeclared: (c) =>
    cfg(c, [
      declare(c, "one.nix", { apply: (x: unknown) => x }),
      declare(c, "two.nix", { apply: (x: unknown) => x }),
      { x: 1 },
    ]).x,

  differentTypesAlreadyDeclared: (c) =>
    cfg(c, [
      declare(c, "one.nix", { type: c.types.int }),
      declare(c, "two.nix", { type: c.types.str }),
      { x: 1 },
    ]).x,

  listOfDifferentElementsAlreadyDeclared: (c) =>
    cfg(c, [
      declare(c, "one.nix", { type: c.types.listOf(c.types.int) }),
      declare(c, "two.nix", { type: c.types.listOf(c.types.str) }),
      { x: [] },
    ]).x,

  listOfSameElementsMerges: (c) =>
    cfg(c, [
      declare(c, "one.nix", { type: c.types.listOf(c.types.int) }),
      declare(c, "two.nix", { type: c.types.listOf(c.types.int) }),
      { x: [1] },
    ]).x,

  enumDeclarationsMerge: (c) =>
    cfg(c, [
      declare(c, "one.nix", { type: c.types.enum(["a"]) }),
      declare(c, "two.nix", { type: c.types.enum(["b"]) }),
      { x: "b" },
    ]).x,

  enumMergedStillRejects: (c) =>
    cfg(c, [
      declare(c, "one.nix", { type: c.types.enum(["a"]) }),
      declare(c, "two.nix", { type: c.types.enum(["b"]) }),
      { _file: "a.nix", x: "c" },
    ]).x,

  attrsOfEnumDeclarationsMerge: (c) =>
    cfg(c, [
      declare(c, "one.nix", { type: c.types.attrsOf(c.types.enum([1])) }),
      declare(c, "two.nix", { type: c.types.attrsOf(c.types.enum([2])) }),
      { x: { k: 2 } },
    ]).x,

  nullOrEnumDeclarationsMerge: (c) =>
    cfg(c, [
      declare(c, "one.nix", { type: c.types.nullOr(c.types.enum(["a"])) }),
      declare(c, "two.nix", { type: c.types.nullOr(c.types.enum(["b"])) }),
      { x: "a" },
    ]).x,

  attrsOfAndLazyAttrsOfAlreadyDeclared: (c) =>
    cfg(c, [
      declare(c, "one.nix", { type: c.types.attrsOf(c.types.int) }),
      declare(c, "two.nix", { type: c.types.lazyAttrsOf(c.types.int) }),
      { x: { a: 1 } },
    ]).x,

  strMatchingSamePatternMerges: (c) =>
    cfg(c, [
      declare(c, "one.nix", { type: c.types.strMatching("[a-z]+") }),
      declare(c, "two.nix", { type: c.types.strMatching("[a-z]+") }),
      { x: "abc" },
    ]).x,

  strMatchingDifferentPatternsAlreadyDeclared: (c) =>
    cfg(c, [
      declare(c, "one.nix", { type: c.types.strMatching("[a-z]+") }),
      declare(c, "two.nix", { type: c.types.strMatching("[0-9]+") }),
      { x: "abc" },
    ]).x,

  separatedStringDifferentSeparatorsAlreadyDeclared: (c) =>
    cfg(c, [
      declare(c, "one.nix", { type: c.types.separatedString(":") }),
      declare(c, "two.nix", { type: c.types.separatedString(",") }),
      { x: "a" },
    ]).x,

  betweenDifferentBoundsMerge: (c) =>
    cfg(c, [
      declare(c, "one.nix", { type: c.types.ints.between(0, 5) }),
      declare(c, "two.nix", { type: c.types.ints.between(0, 9) }),
      { x: 1 },
    ]).x,

  betweenMergedChecksWhichBounds: (c) =>
    cfg(c, [
      declare(c, "one.nix", { type: c.types.ints.between(0, 5) }),
      declare(c, "two.nix", { type: c.types.ints.between(0, 9) }),
      { _file: "a.nix", x: 7 },
    ]).x,

  optionAndGroupCollide: (c) =>
    cfg(c, [
      declare(c, "one.nix", { type: c.types.attrsOf(c.types.int) }),
      { _file: "two.nix", options: { x: { y: c.mkOption({ type: c.types.int }) } } },
    ]).x,

  untypedOptionAndGroupCollide: (c) =>
    cfg(c, [
      declare(c, "one.nix", {}),
      { _file: "two.nix", options: { x: { y: c.mkOption({ type: c.types.int }) } } },
    ]).x,

  submoduleOptionAndGroupMerge: (c) =>
    cfg(c, [
      declare(c, "one.nix", {
        type: c.types.submodule({ options: { a: c.mkOption({ default: 1 }) } }),
        default: {},
      }),
      { _file: "two.nix", options: { x: { b: c.mkOption({ default: 2 }) } } },
    ]).x,

  optionDeclarationNotAnAttrset: (c) => cfg(c, [{ _file: "a.nix", options: { x: 3 } }]).x,

  typeInPlaceOfOption: (c) => cfg(c, [{ _file: "a.nix", options: { x: c.types.int } }]).x,

  readOnlyDefault: (c) => cfg(c, [declare(c, "one.nix", { readOnly: true, default: 1 })]).x,

  readOnlySingleDefinition: (c) => cfg(c, [declare(c, "one.nix", { readOnly: true }), { x: 2 }]).x,

  readOnlyDefaultCountsAsDefinition: (c) =>
    cfg(c, [declare(c, "one.nix", { readOnly: true, default: 1 }), { _file: "a.nix", x: 2 }]).x,

  readOnlyTwoDefinitions: (c) =>
    cfg(c, [
      declare(c, "one.nix", { readOnly: true }),
      { _file: "a.nix", x: 1 },
      { _file: "b.nix", x: 1 },
    ]).x,

  readOnlyEvenWithForce: (c) =>
    cfg(c, [
      declare(c, "one.nix", { readOnly: true, default: 1 }),
      { _file: "a.nix", x: c.mkForce(2) },
    ]).x,

  readOnlyWithLowerPriorityDefinition: (c) =>
    cfg(c, [declare(c, "one.nix", { readOnly: true }), { x: 2 }, { x: c.mkDefault(3) }]).x,

  readOnlyUnreadIsFine: (c) =>
    cfg(c, [
      declare(c, "one.nix", { readOnly: true }),
      { x: 1 },
      { x: 2 },
      { options: { y: c.mkOption({ default: "y" }) } },
    ]).y,

  applyTransformsValue: (c) =>
    cfg(c, [declare(c, "one.nix", { type: c.types.int, apply: (v: number) => v * 10 }), { x: 4 }])
      .x,

  applyOnDefault: (c) =>
    cfg(c, [
      declare(c, "one.nix", {
        type: c.types.str,
        default: "d",
        apply: (v: string) => `applied ${v}`,
      }),
    ]).x,

  applyAfterMerge: (c) =>
    cfg(c, [
      declare(c, "one.nix", {
        type: c.types.listOf(c.types.int),
        apply: (v: unknown[]) => v.length,
      }),
      { x: [1] },
      { x: [2, 3] },
    ]).x,

  applyResultNotTypeChecked: (c) =>
    cfg(c, [
      declare(c, "one.nix", { type: c.types.int, apply: (v: number) => `now a string ${v}` }),
      { x: 1 },
    ]).x,

  applyNotRunWithoutValue: (c) =>
    cfg(c, [declare(c, "one.nix", { type: c.types.int, apply: (v: number) => v + 1 })]).x,

  applyVisibleInOptionsValue: (c) =>
    ev(c, [declare(c, "one.nix", { type: c.types.int, apply: (v: number) => v + 1 }), { x: 1 }])
      .options.x.value,

  applyReadsConfig: (c) =>
    cfg(c, [
      ({ config }: any) => ({
        options: {
          base: c.mkOption({ default: 100 }),
          x: c.mkOption({ type: c.types.int, apply: (v: number) => v + config.base }),
        },
      }),
      { x: 1 },
    ]).x,

  declaredButOnlyTypedDeclarationHasType: (c) =>
    cfg(c, [
      declare(c, "one.nix", { default: [1] }),
      declare(c, "two.nix", { type: c.types.listOf(c.types.int) }),
      { x: [2] },
    ]).x,

  optionsOfGroupListed: (c) =>
    attrNames(
      ev(c, [{ options: { g: { a: c.mkOption({ default: 1 }), b: c.mkOption({ default: 2 }) } } }])
        .options.g,
    ),

  declarationsListEveryFile: (c) =>
    ev(c, [
      declare(c, "one.nix", { type: c.types.int }),
      declare(c, "two.nix", { default: 1 }),
      declare(c, "three.nix", { description: "d" }),
    ]).options.x.declarations,
};

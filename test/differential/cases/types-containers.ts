// listOf, attrsOf, lazyAttrsOf and nullOr (twin of types-containers.nix).
import { boom, type Cases, type Confed, cfg } from "../case.ts";

const decl = (c: Confed, type: unknown) => ({
  _file: "decl.nix",
  options: { v: c.mkOption({ type } as any) },
});
const declDefault = (c: Confed, type: unknown, dflt: unknown) => ({
  _file: "decl.nix",
  options: { v: c.mkOption({ type, default: dflt } as any) },
});
const def = (file: string, v: unknown) => ({ _file: file, v });

export const cases: Cases = {
  listOfAccepts: (c) => cfg(c, [decl(c, c.types.listOf(c.types.int)), def("a.nix", [1, 2])]).v,
  listOfRejectsElement: (c) =>
    cfg(c, [decl(c, c.types.listOf(c.types.int)), def("a.nix", [1, "2"])]).v,
  listOfRejectsNonList: (c) => cfg(c, [decl(c, c.types.listOf(c.types.int)), def("a.nix", 1)]).v,
  listOfConcatenates: (c) =>
    cfg(c, [decl(c, c.types.listOf(c.types.int)), def("a.nix", [1]), def("b.nix", [2, 3])]).v,
  listOfEmptyDefinition: (c) => cfg(c, [decl(c, c.types.listOf(c.types.int)), def("a.nix", [])]).v,
  listOfWithoutDefinitionIsEmpty: (c) => cfg(c, [decl(c, c.types.listOf(c.types.int))]).v,
  listOfErrorNamesElementFile: (c) =>
    cfg(c, [decl(c, c.types.listOf(c.types.str)), def("good.nix", ["ok"]), def("bad.nix", [1])]).v,
  listOfListOf: (c) =>
    cfg(c, [decl(c, c.types.listOf(c.types.listOf(c.types.int))), def("a.nix", [[1], []])]).v,
  listOfElementsMkIf: (c) =>
    cfg(c, [
      decl(c, c.types.listOf(c.types.int)),
      def("a.nix", [c.mkIf(false, 1), c.mkIf(true, 2)]),
    ]).v,
  listOfElementsDefaultPriorityIgnored: (c) =>
    cfg(c, [
      decl(c, c.types.listOf(c.types.int)),
      def("a.nix", [c.mkDefault(1)]),
      def("b.nix", [2]),
    ]).v,

  attrsOfAccepts: (c) =>
    cfg(c, [decl(c, c.types.attrsOf(c.types.int)), def("a.nix", { a: 1, b: 2 })]).v,
  attrsOfRejectsValue: (c) =>
    cfg(c, [decl(c, c.types.attrsOf(c.types.int)), def("a.nix", { a: "x" })]).v,
  attrsOfRejectsNonAttrs: (c) =>
    cfg(c, [decl(c, c.types.attrsOf(c.types.int)), def("a.nix", [1])]).v,
  attrsOfMergesKeys: (c) =>
    cfg(c, [decl(c, c.types.attrsOf(c.types.int)), def("a.nix", { a: 1 }), def("b.nix", { b: 2 })])
      .v,
  attrsOfSameKeyMergesByElementType: (c) =>
    cfg(c, [decl(c, c.types.attrsOf(c.types.int)), def("a.nix", { a: 1 }), def("b.nix", { a: 2 })])
      .v,
  attrsOfSameKeyListsConcatenate: (c) =>
    cfg(c, [
      decl(c, c.types.attrsOf(c.types.listOf(c.types.int))),
      def("a.nix", { a: [1] }),
      def("b.nix", { a: [2] }),
    ]).v,
  attrsOfPerKeyPriorities: (c) =>
    cfg(c, [
      decl(c, c.types.attrsOf(c.types.int)),
      def("a.nix", { a: c.mkDefault(1), b: 1 }),
      def("b.nix", { a: 2, b: c.mkForce(3) }),
    ]).v,
  attrsOfMkIfFalseEntryDisappears: (c) =>
    cfg(c, [decl(c, c.types.attrsOf(c.types.int)), def("a.nix", { a: c.mkIf(false, 1), b: 2 })]).v,
  attrsOfMkIfFalseWholeValue: (c) =>
    cfg(c, [
      declDefault(c, c.types.attrsOf(c.types.int), { d: 0 }),
      def("a.nix", c.mkIf(false, { a: 1 })),
    ]).v,
  attrsOfNamesAfterMkIf: (c) =>
    Object.keys(
      cfg(c, [
        decl(c, c.types.attrsOf(c.types.int)),
        def("a.nix", { kept: 1, dropped: c.mkIf(false, 2) }),
      ]).v,
    ).sort(),
  attrsOfNamesForceValues: (c) =>
    "kept" in
    cfg(c, [
      decl(c, c.types.attrsOf(c.types.int)),
      def("a.nix", {
        kept: 1,
        get broken() {
          return boom("attrsOf evaluates entries");
        },
      }),
    ]).v,
  attrsOfDefaultDroppedByDefinition: (c) =>
    cfg(c, [declDefault(c, c.types.attrsOf(c.types.int), { d: 0 }), def("a.nix", { a: 1 })]).v,
  attrsOfDefaultKeptWithMkOptionDefault: (c) =>
    cfg(c, [
      declDefault(c, c.types.attrsOf(c.types.int), { d: 0 }),
      def("a.nix", c.mkOptionDefault({ a: 1 })),
    ]).v,
  attrsOfEmptyDefinition: (c) =>
    cfg(c, [decl(c, c.types.attrsOf(c.types.int)), def("a.nix", {})]).v,
  attrsOfErrorNamesPath: (c) =>
    cfg(c, [
      decl(c, c.types.attrsOf(c.types.attrsOf(c.types.int))),
      def("a.nix", { outer: { inner: "x" } }),
    ]).v,
  attrsOfNullValues: (c) =>
    cfg(c, [decl(c, c.types.attrsOf(c.types.nullOr(c.types.int))), def("a.nix", { a: null })]).v,

  lazyAttrsOfAccepts: (c) =>
    cfg(c, [decl(c, c.types.lazyAttrsOf(c.types.int)), def("a.nix", { a: 1 })]).v,
  lazyAttrsOfOtherKeyNotForced: (c) =>
    cfg(c, [
      decl(c, c.types.lazyAttrsOf(c.types.int)),
      def("a.nix", {
        good: 1,
        get bad() {
          return boom("lazy entry forced");
        },
      }),
    ]).v.good,
  lazyAttrsOfMkIfFalseKeepsKeyButNoValue: (c) =>
    cfg(c, [decl(c, c.types.lazyAttrsOf(c.types.int)), def("a.nix", { a: c.mkIf(false, 1), b: 2 })])
      .v.a,
  lazyAttrsOfMkIfFalseKeyPresent: (c) =>
    "a" in
    cfg(c, [decl(c, c.types.lazyAttrsOf(c.types.int)), def("a.nix", { a: c.mkIf(false, 1), b: 2 })])
      .v,
  lazyAttrsOfNullOrMkIfFalseIsNull: (c) =>
    cfg(c, [
      decl(c, c.types.lazyAttrsOf(c.types.nullOr(c.types.int))),
      def("a.nix", { a: c.mkIf(false, 1) }),
    ]).v.a,
  lazyAttrsOfTypeErrorOnRead: (c) =>
    cfg(c, [decl(c, c.types.lazyAttrsOf(c.types.int)), def("a.nix", { good: 1, bad: "x" })]).v.bad,
  lazyAttrsOfSelfReference: (c) =>
    cfg(c, [
      decl(c, c.types.lazyAttrsOf(c.types.int)),
      ({ config }: any) => ({
        v: {
          a: 1,
          get b() {
            return config.v.a + 1;
          },
        },
      }),
    ]).v,
  attrsOfSelfReferenceIsRecursion: (c) =>
    cfg(c, [
      decl(c, c.types.attrsOf(c.types.int)),
      ({ config }: any) => ({ v: { a: 1, b: c.mkIf(() => config.v.a === 1, 2) } }),
    ]).v,
  lazyAttrsOfSelfReferenceInCondition: (c) =>
    cfg(c, [
      decl(c, c.types.lazyAttrsOf(c.types.int)),
      ({ config }: any) => ({ v: { a: 1, b: c.mkIf(() => config.v.a === 1, 2) } }),
    ]).v.b,

  nullOrAcceptsNull: (c) => cfg(c, [decl(c, c.types.nullOr(c.types.int)), def("a.nix", null)]).v,
  nullOrAcceptsValue: (c) => cfg(c, [decl(c, c.types.nullOr(c.types.int)), def("a.nix", 5)]).v,
  nullOrRejectsOther: (c) => cfg(c, [decl(c, c.types.nullOr(c.types.int)), def("a.nix", "5")]).v,
  nullOrTwoNulls: (c) =>
    cfg(c, [decl(c, c.types.nullOr(c.types.int)), def("a.nix", null), def("b.nix", null)]).v,
  nullOrNullAndValueConflict: (c) =>
    cfg(c, [decl(c, c.types.nullOr(c.types.int)), def("a.nix", null), def("b.nix", 1)]).v,
  nullOrMergesInnerType: (c) =>
    cfg(c, [
      decl(c, c.types.nullOr(c.types.listOf(c.types.int))),
      def("a.nix", [1]),
      def("b.nix", [2]),
    ]).v,
  nullOrWithoutDefinitionIsNull: (c) => cfg(c, [decl(c, c.types.nullOr(c.types.int))]).v,
  nullOrOverriddenByMkForceNull: (c) =>
    cfg(c, [decl(c, c.types.nullOr(c.types.int)), def("a.nix", 3), def("b.nix", c.mkForce(null))])
      .v,
  nullOrSubmoduleNull: (c) =>
    cfg(c, [
      decl(c, c.types.nullOr(c.types.submodule({ options: { a: c.mkOption({ default: 1 }) } }))),
      def("a.nix", null),
    ]).v,
  nullOrSubmoduleValue: (c) =>
    cfg(c, [
      decl(c, c.types.nullOr(c.types.submodule({ options: { a: c.mkOption({ default: 1 }) } }))),
      def("a.nix", {}),
    ]).v,

  listOfAttrsOf: (c) =>
    cfg(c, [
      decl(c, c.types.listOf(c.types.attrsOf(c.types.int))),
      def("a.nix", [{ a: 1 }]),
      def("b.nix", [{ b: 2 }]),
    ]).v,
  attrsOfListOfTypeError: (c) =>
    cfg(c, [decl(c, c.types.attrsOf(c.types.listOf(c.types.int))), def("a.nix", { k: [true] })]).v,
};

// types.anything and untyped options (twin of anything.nix).
import { type Cases, type Confed, cfg } from "../case.ts";

const declAny = (c: Confed) => ({
  _file: "decl.nix",
  options: { v: c.mkOption({ type: c.types.anything }) },
});
const declUntyped = (c: Confed) => ({ _file: "decl.nix", options: { v: c.mkOption({}) } });
const def = (file: string, v: unknown) => ({ _file: file, v });

export const cases: Cases = {
  anythingScalar: (c) => cfg(c, [declAny(c), def("a.nix", 3)]).v,
  anythingNull: (c) => cfg(c, [declAny(c), def("a.nix", null)]).v,
  anythingDeepMerge: (c) =>
    cfg(c, [
      declAny(c),
      def("a.nix", { a: { b: { c: 1 } }, x: "x" }),
      def("b.nix", { a: { b: { d: 2 } }, y: [1] }),
    ]).v,
  anythingEqualAtomsMerge: (c) =>
    cfg(c, [
      declAny(c),
      def("a.nix", { s: "same", n: 1, b: true, z: null }),
      def("b.nix", { s: "same", n: 1, b: true, z: null }),
    ]).v,
  anythingDifferentAtomsConflict: (c) =>
    cfg(c, [declAny(c), def("a.nix", { s: "one" }), def("b.nix", { s: "two" })]).v,
  anythingDifferentListsConflict: (c) =>
    cfg(c, [declAny(c), def("a.nix", [1]), def("b.nix", [2])]).v,
  anythingEqualListsMerge: (c) =>
    cfg(c, [declAny(c), def("a.nix", [1, { x: null }]), def("b.nix", [1, { x: null }])]).v,
  anythingNestedListConflict: (c) =>
    cfg(c, [declAny(c), def("a.nix", { l: ["a"] }), def("b.nix", { l: ["b"] })]).v,
  anythingTypeMismatchConflict: (c) =>
    cfg(c, [declAny(c), def("a.nix", { k: 1 }), def("b.nix", { k: "1" })]).v,
  anythingAttrsVersusScalar: (c) =>
    cfg(c, [declAny(c), def("a.nix", { k: { x: 1 } }), def("b.nix", { k: 1 })]).v,
  anythingMkIfInside: (c) =>
    cfg(c, [declAny(c), def("a.nix", { kept: c.mkIf(true, 1), dropped: c.mkIf(false, 2) })]).v,
  anythingMkDefaultInside: (c) =>
    cfg(c, [declAny(c), def("a.nix", { k: c.mkDefault(1) }), def("b.nix", { k: 2 })]).v,
  anythingMkForceInside: (c) =>
    cfg(c, [declAny(c), def("a.nix", { k: c.mkForce(1) }), def("b.nix", { k: 2 })]).v,
  anythingMkMergeInside: (c) =>
    cfg(c, [declAny(c), def("a.nix", { k: c.mkMerge([{ a: 1 }, { b: 2 }]) })]).v,
  anythingMkBeforeInsideIsDischarged: (c) =>
    cfg(c, [declAny(c), def("a.nix", { k: c.mkBefore(true) })]).v,
  anythingTopLevelMkIfFalse: (c) =>
    cfg(c, [declAny(c), def("a.nix", c.mkIf(false, { k: 1 })), def("b.nix", { j: 2 })]).v,
  anythingMkIfFalseOnlyDefinitionHasNoValue: (c) =>
    cfg(c, [declAny(c), def("a.nix", c.mkIf(false, 1))]).v,
  anythingWithoutDefinitionHasNoValue: (c) => cfg(c, [declAny(c)]).v,
  anythingDeepMergeThreeLevels: (c) =>
    cfg(c, [
      declAny(c),
      def("a.nix", { l1: { l2: { l3: { a: 1 } } } }),
      def("b.nix", { l1: { l2: { l3: { b: 2 } } } }),
      def("c.nix", { l1: { l2: { c: 3 } } }),
    ]).v,
  anythingFunctionApplied: (c) => cfg(c, [declAny(c), def("a.nix", (x: number) => x + 1)]).v(1),
  anythingFunctionsMergeResults: (c) =>
    cfg(c, [
      declAny(c),
      def("a.nix", (x: string) => ({ a: x })),
      def("b.nix", (x: string) => ({ b: x })),
    ]).v("arg"),
  anythingFunctionAndAttrsConflict: (c) =>
    cfg(c, [declAny(c), def("a.nix", (x: unknown) => x), def("b.nix", {})]).v,
  anythingPriorityOnWholeValue: (c) =>
    cfg(c, [declAny(c), def("a.nix", c.mkDefault({ a: 1 })), def("b.nix", { b: 2 })]).v,

  untypedSingle: (c) => cfg(c, [declUntyped(c), def("a.nix", { any: "thing" })]).v,
  untypedListsConcatenate: (c) => cfg(c, [declUntyped(c), def("a.nix", [1]), def("b.nix", [2])]).v,
  untypedBoolsOr: (c) => cfg(c, [declUntyped(c), def("a.nix", false), def("b.nix", true)]).v,
  untypedBoolsAllFalse: (c) => cfg(c, [declUntyped(c), def("a.nix", false), def("b.nix", false)]).v,
  untypedStringsConcatenate: (c) =>
    cfg(c, [declUntyped(c), def("a.nix", "a"), def("b.nix", "b")]).v,
  untypedAttrsShallowMerge: (c) =>
    cfg(c, [
      declUntyped(c),
      def("a.nix", { k: { x: 1 }, a: 1 }),
      def("b.nix", { k: { y: 2 }, b: 2 }),
    ]).v,
  untypedEqualInts: (c) => cfg(c, [declUntyped(c), def("a.nix", 1), def("b.nix", 1)]).v,
  untypedDifferentIntsConflict: (c) => cfg(c, [declUntyped(c), def("a.nix", 1), def("b.nix", 2)]).v,
  untypedMixedKindsConflict: (c) => cfg(c, [declUntyped(c), def("a.nix", 1), def("b.nix", "1")]).v,
  untypedNestedPropertiesStay: (c) =>
    cfg(c, [declUntyped(c), def("a.nix", { k: c.mkIf(false, 1) })]).v.k._type,
  untypedWithDefault: (c) =>
    cfg(c, [{ options: { v: c.mkOption({ default: [0] }) } }, def("a.nix", [1])]).v,
};

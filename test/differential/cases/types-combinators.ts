// either, oneOf, coercedTo, uniq, unique, functionTo, raw, unspecified and attrs (twin of
// types-combinators.nix).
import { type Cases, type Confed, cfg } from "../case.ts";

const decl = (c: Confed, type: unknown) => ({
  _file: "decl.nix",
  options: { v: c.mkOption({ type } as any) },
});
const def = (file: string, v: unknown) => ({ _file: file, v });
const intOrStr = (c: Confed) => c.types.either(c.types.int, c.types.str);
const strToList = (c: Confed) =>
  c.types.coercedTo(c.types.str, (s: string) => [s], c.types.listOf(c.types.str));
const evenInt = (c: Confed) =>
  c.mkOptionType({
    name: "evenInt",
    description: "even integer",
    check: (x: unknown) => Number.isSafeInteger(x) && (x as number) % 2 === 0,
    merge: c.mergeEqualOption,
  });
const unique = (c: Confed) => c.types.unique({ message: "one only" }, c.types.str);

export const cases: Cases = {
  eitherLeft: (c) => cfg(c, [decl(c, intOrStr(c)), def("a.nix", 1)]).v,
  eitherRight: (c) => cfg(c, [decl(c, intOrStr(c)), def("a.nix", "s")]).v,
  eitherNeither: (c) => cfg(c, [decl(c, intOrStr(c)), def("a.nix", true)]).v,
  eitherMixedDefinitions: (c) =>
    cfg(c, [decl(c, intOrStr(c)), def("a.nix", 1), def("b.nix", "s")]).v,
  eitherMergesWithLeftType: (c) =>
    cfg(c, [
      decl(c, c.types.either(c.types.listOf(c.types.int), c.types.str)),
      def("a.nix", [1]),
      def("b.nix", [2]),
    ]).v,
  eitherMergesWithRightType: (c) =>
    cfg(c, [
      decl(c, c.types.either(c.types.int, c.types.attrsOf(c.types.int))),
      def("a.nix", { a: 1 }),
      def("b.nix", { b: 2 }),
    ]).v,
  eitherEqualLeftValues: (c) => cfg(c, [decl(c, intOrStr(c)), def("a.nix", 4), def("b.nix", 4)]).v,
  eitherConflictingLeftValues: (c) =>
    cfg(c, [decl(c, intOrStr(c)), def("a.nix", 4), def("b.nix", 5)]).v,
  eitherOfSubmoduleAndStr: (c) =>
    cfg(c, [
      decl(
        c,
        c.types.either(
          c.types.str,
          c.types.submodule({ options: { n: c.mkOption({ default: 0 }) } }),
        ),
      ),
      def("a.nix", { n: 2 }),
    ]).v,

  oneOfFirst: (c) =>
    cfg(c, [decl(c, c.types.oneOf([c.types.int, c.types.str, c.types.bool])), def("a.nix", 1)]).v,
  oneOfLast: (c) =>
    cfg(c, [decl(c, c.types.oneOf([c.types.int, c.types.str, c.types.bool])), def("a.nix", false)])
      .v,
  oneOfNone: (c) =>
    cfg(c, [decl(c, c.types.oneOf([c.types.int, c.types.str])), def("a.nix", [])]).v,
  oneOfSingle: (c) => cfg(c, [decl(c, c.types.oneOf([c.types.int])), def("a.nix", 3)]).v,
  oneOfListsMerge: (c) =>
    cfg(c, [
      decl(c, c.types.oneOf([c.types.str, c.types.listOf(c.types.int)])),
      def("a.nix", [1]),
      def("b.nix", [2]),
    ]).v,

  coercedToCoerces: (c) => cfg(c, [decl(c, strToList(c)), def("a.nix", "one")]).v,
  coercedToFinalTypeAsIs: (c) => cfg(c, [decl(c, strToList(c)), def("a.nix", ["a", "b"])]).v,
  coercedToMixedDefinitions: (c) =>
    cfg(c, [decl(c, strToList(c)), def("a.nix", "one"), def("b.nix", ["two"])]).v,
  coercedToRejectsOther: (c) => cfg(c, [decl(c, strToList(c)), def("a.nix", 1)]).v,
  coercedToResultNotChecked: (c) =>
    cfg(c, [
      decl(
        c,
        // The coercion returns a string on purpose: Nix does not check its result.
        c.types.coercedTo(c.types.int, ((n: number) => String(n)) as any, c.types.int),
      ),
      def("a.nix", 5),
    ]).v,
  coercedToIntToString: (c) =>
    cfg(c, [
      decl(
        c,
        c.types.coercedTo(c.types.int, (n: number) => String(n), c.types.str),
      ),
      def("a.nix", 42),
    ]).v,
  coercedToDefault: (c) =>
    cfg(c, [{ options: { v: c.mkOption({ type: strToList(c), default: "from default" } as any) } }])
      .v,
  coercedToFinalTypeRejectsElement: (c) => cfg(c, [decl(c, strToList(c)), def("a.nix", [1])]).v,

  uniqSingle: (c) => cfg(c, [decl(c, c.types.uniq(c.types.int)), def("a.nix", 1)]).v,
  uniqTwiceEqualStillError: (c) =>
    cfg(c, [decl(c, c.types.uniq(c.types.int)), def("a.nix", 1), def("b.nix", 1)]).v,
  uniqListNotConcatenated: (c) =>
    cfg(c, [
      decl(c, c.types.uniq(c.types.listOf(c.types.int))),
      def("a.nix", [1]),
      def("b.nix", [2]),
    ]).v,
  uniqOverrideLeavesOne: (c) =>
    cfg(c, [decl(c, c.types.uniq(c.types.int)), def("a.nix", c.mkDefault(1)), def("b.nix", 2)]).v,
  uniqChecksInnerType: (c) => cfg(c, [decl(c, c.types.uniq(c.types.int)), def("a.nix", "s")]).v,
  uniqWithDefault: (c) =>
    cfg(c, [
      { options: { v: c.mkOption({ type: c.types.uniq(c.types.int), default: 1 }) } },
      def("a.nix", 2),
    ]).v,

  uniqueSingle: (c) => cfg(c, [decl(c, unique(c)), def("a.nix", "x")]).v,
  uniqueTwiceShowsMessage: (c) =>
    cfg(c, [decl(c, unique(c)), def("a.nix", "x"), def("b.nix", "x")]).v,
  uniqueForceWins: (c) =>
    cfg(c, [decl(c, unique(c)), def("a.nix", "x"), def("b.nix", c.mkForce("y"))]).v,
  uniqueChecksInnerType: (c) => cfg(c, [decl(c, unique(c)), def("a.nix", 1)]).v,

  functionToApplied: (c) =>
    cfg(c, [decl(c, c.types.functionTo(c.types.str)), def("a.nix", (x: string) => `hello ${x}`)]).v(
      "world",
    ),
  functionToMergesResults: (c) =>
    cfg(c, [
      decl(c, c.types.functionTo(c.types.listOf(c.types.str))),
      def("a.nix", (x: string) => [`a-${x}`]),
      def("b.nix", (x: string) => [`b-${x}`]),
    ]).v("arg"),
  functionToResultTypeChecked: (c) =>
    cfg(c, [decl(c, c.types.functionTo(c.types.str)), def("a.nix", () => 1)]).v("arg"),
  functionToResultAttrsMerge: (c) =>
    cfg(c, [
      decl(c, c.types.functionTo(c.types.attrsOf(c.types.int))),
      def("a.nix", (x: number) => ({ a: x })),
      def("b.nix", (x: number) => ({ b: x + 1 })),
    ]).v(1),
  functionToRejectsNonFunction: (c) =>
    cfg(c, [decl(c, c.types.functionTo(c.types.str)), def("a.nix", "not a function")]).v("arg"),
  functionToWithPriorities: (c) =>
    cfg(c, [
      decl(c, c.types.functionTo(c.types.str)),
      def(
        "a.nix",
        c.mkDefault((x: string) => `default ${x}`),
      ),
      def("b.nix", (x: string) => `plain ${x}`),
    ]).v("arg"),
  functionToConflictingResults: (c) =>
    cfg(c, [
      decl(c, c.types.functionTo(c.types.str)),
      def("a.nix", () => "a"),
      def("b.nix", () => "b"),
    ]).v("arg"),
  functionToInJson: (c) =>
    cfg(c, [decl(c, c.types.functionTo(c.types.str)), def("a.nix", (x: string) => x)]),

  rawSingle: (c) => cfg(c, [decl(c, c.types.raw), def("a.nix", { a: { b: 1 } })]).v,
  rawTwiceIsError: (c) => cfg(c, [decl(c, c.types.raw), def("a.nix", 1), def("b.nix", 1)]).v,
  rawHonoursPriority: (c) =>
    cfg(c, [decl(c, c.types.raw), def("a.nix", c.mkDefault("weak")), def("b.nix", "strong")]).v,
  rawDoesNotProcessNestedProperties: (c) =>
    cfg(c, [decl(c, c.types.raw), def("a.nix", { inner: c.mkIf(true, 1) })]).v.inner.condition,

  unspecifiedListsConcatenate: (c) =>
    cfg(c, [decl(c, c.types.unspecified), def("a.nix", [1]), def("b.nix", [2])]).v,

  customTypeAccepts: (c) => cfg(c, [decl(c, evenInt(c)), def("a.nix", 4)]).v,
  customTypeRejects: (c) => cfg(c, [decl(c, evenInt(c)), def("a.nix", 3)]).v,
  customTypeMergeEqual: (c) => cfg(c, [decl(c, evenInt(c)), def("a.nix", 2), def("b.nix", 4)]).v,
  customTypeDefaultMerge: (c) =>
    cfg(c, [
      decl(c, c.mkOptionType({ name: "anyList", check: (x: unknown) => Array.isArray(x) })),
      def("a.nix", [1]),
      def("b.nix", [2]),
    ]).v,

  attrsShallowMerge: (c) =>
    cfg(c, [
      decl(c, c.types.attrs),
      def("a.nix", { a: { x: 1 }, b: 1 }),
      def("b.nix", { a: { y: 2 } }),
    ]).v,
  attrsRejectsList: (c) => cfg(c, [decl(c, c.types.attrs), def("a.nix", [])]).v,
  attrsWithoutDefinitionIsEmpty: (c) => cfg(c, [decl(c, c.types.attrs)]).v,
  attrsKeepsPropertiesAsData: (c) =>
    cfg(c, [decl(c, c.types.attrs), def("a.nix", { a: c.mkIf(false, 1) })]).v.a._type,
};

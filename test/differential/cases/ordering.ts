// Merge order and mkOrder (twin of ordering.nix).
import { type Cases, type Confed, cfg } from "../case.ts";

const declList = (c: Confed) => ({
  _file: "decl.nix",
  options: { l: c.mkOption({ type: c.types.listOf(c.types.str), default: [] }) },
});
const declLines = (c: Confed) => ({
  _file: "decl.nix",
  options: { t: c.mkOption({ type: c.types.lines, default: "" }) },
});
const item = (v: string) => ({ l: [v] });

export const cases: Cases = {
  twoModulesMergeReversed: (c) => cfg(c, [declList(c), item("first"), item("second")]).l,

  threeModulesMergeReversed: (c) => cfg(c, [declList(c), item("a"), item("b"), item("c")]).l,

  importsAfterTheirImporter: (c) =>
    cfg(c, [declList(c), { imports: [item("imported")], l: ["importer"] }]).l,

  importsBreadthFirst: (c) =>
    cfg(c, [
      declList(c),
      {
        imports: [{ imports: [item("grandchild-of-1")], l: ["child-1"] }, item("child-2")],
        l: ["root-1"],
      },
      { imports: [item("child-of-2")], l: ["root-2"] },
    ]).l,

  declarationPositionIrrelevant: (c) => cfg(c, [item("a"), declList(c), item("b")]).l,

  mkBeforeGoesFirst: (c) =>
    cfg(c, [declList(c), item("a"), { l: c.mkBefore(["early"]) }, item("b")]).l,

  mkAfterGoesLast: (c) => cfg(c, [declList(c), { l: c.mkAfter(["late"]) }, item("a"), item("b")]).l,

  mkOrderNumbers: (c) =>
    cfg(c, [
      declList(c),
      { l: c.mkOrder(900, ["900"]) },
      { l: c.mkOrder(100, ["100"]) },
      { l: c.mkOrder(1200, ["1200"]) },
      item("1000"),
    ]).l,

  sameOrderKeepsMergeOrder: (c) =>
    cfg(c, [declList(c), { l: c.mkBefore(["x"]) }, { l: c.mkBefore(["y"]) }]).l,

  mkAfterIsNotAPriority: (c) =>
    cfg(c, [declList(c), { l: c.mkAfter(["after"]) }, { l: c.mkDefault(["default"]) }]).l,

  mkOrderInsideMkMerge: (c) =>
    cfg(c, [declList(c), { l: c.mkMerge([["plain"], c.mkBefore(["before"])]) }]).l,

  mkOrderInsideMkIf: (c) =>
    cfg(c, [declList(c), item("plain"), { l: c.mkIf(true, c.mkBefore(["before"])) }]).l,

  mkIfInsideMkOrder: (c) =>
    cfg(c, [declList(c), item("plain"), { l: c.mkBefore(c.mkIf(true, ["before"])) }]).l,

  linesJoinWithNewlines: (c) => cfg(c, [declLines(c), { t: "one" }, { t: "two" }]).t,

  linesMkBefore: (c) =>
    cfg(c, [declLines(c), { t: "body" }, { t: c.mkBefore("header") }, { t: c.mkAfter("footer") }])
      .t,

  linesWithDefaultDropped: (c) =>
    cfg(c, [
      { options: { t: c.mkOption({ type: c.types.lines, default: "default text" }) } },
      { t: "defined" },
    ]).t,

  linesDefaultMergedAtSamePrio: (c) =>
    cfg(c, [
      { options: { t: c.mkOption({ type: c.types.lines, default: "default text" }) } },
      { t: c.mkOptionDefault("also default") },
    ]).t,

  attrsOfListsMergeReversed: (c) =>
    cfg(c, [
      {
        options: {
          a: c.mkOption({ type: c.types.attrsOf(c.types.listOf(c.types.int)), default: {} }),
        },
      },
      { a: { k: [1] } },
      { a: { k: [2] } },
    ]).a.k,

  functionModulesMergeReversed: (c) =>
    cfg(c, [declList(c), () => item("fn-1"), () => item("fn-2")]).l,

  mkMergeKeepsItsOwnOrder: (c) =>
    cfg(c, [declList(c), { l: c.mkMerge([["m1"], ["m2"]]) }, item("next")]).l,

  submoduleDefinitionsMergeReversed: (c) =>
    cfg(c, [
      {
        options: {
          s: c.mkOption({
            type: c.types.submodule({
              options: { l: c.mkOption({ type: c.types.listOf(c.types.str), default: [] }) },
            }),
            default: {},
          }),
        },
      },
      { s: { l: ["s1"] } },
      { s: { l: ["s2"] } },
    ]).s.l,
};

// Which failure wins, and properties in unexpected places (twin of precedence.nix).
import { boom, type Cases, type Confed, cfg, ev } from "../case.ts";

const declStr = (c: Confed) => ({
  _file: "decl.nix",
  options: { x: c.mkOption({ type: c.types.str }) },
});
const declList = (c: Confed) => ({
  _file: "decl.nix",
  options: { l: c.mkOption({ type: c.types.listOf(c.types.int) }) },
});

export const cases: Cases = {
  typeErrorBeforeConflict: (c) =>
    cfg(c, [
      declStr(c),
      { _file: "a.nix", x: "one" },
      { _file: "b.nix", x: "two" },
      { _file: "c.nix", x: 3 },
    ]).x,

  readOnlyBeforeTypeError: (c) =>
    cfg(c, [
      { options: { x: c.mkOption({ type: c.types.str, readOnly: true }) } },
      { _file: "a.nix", x: 1 },
      { _file: "b.nix", x: 2 },
    ]).x,

  undeclaredBeforeTypeError: (c) =>
    cfg(c, [declStr(c), { _file: "a.nix", x: 1 }, { _file: "b.nix", y: 1 }]).x,

  undeclaredBeforeNoValue: (c) => cfg(c, [declStr(c), { _file: "b.nix", y: 1 }]).x,

  typeErrorInDroppedDefinitionIgnoredEvenIfConflicting: (c) =>
    cfg(c, [
      declStr(c),
      { _file: "a.nix", x: c.mkDefault(1 as any) },
      { _file: "b.nix", x: c.mkDefault(2 as any) },
      { x: "winner" },
    ]).x,

  throwInApply: (c) =>
    cfg(c, [
      {
        options: {
          x: c.mkOption({
            type: c.types.int,
            apply: (v: number) => (v > 1 ? boom(`apply refused ${v}`) : v),
          }),
        },
      },
      { x: 2 },
    ]).x,

  mkOrderOnListElement: (c) => cfg(c, [declList(c), { _file: "a.nix", l: [c.mkBefore(1)] }]).l,

  mkMergeOnListElement: (c) => cfg(c, [declList(c), { _file: "a.nix", l: [c.mkMerge([1, 2])] }]).l,

  mkDefaultOnListElementIsStripped: (c) => cfg(c, [declList(c), { l: [c.mkDefault(1), 2] }]).l,

  mkIfInsideAttrsOfListElement: (c) =>
    cfg(c, [
      { options: { a: c.mkOption({ type: c.types.attrsOf(c.types.listOf(c.types.int)) }) } },
      { a: { k: [c.mkIf(false, 1), 2] } },
    ]).a,

  mkIfFalseUnderAttrsOfWithDefault: (c) =>
    cfg(c, [
      { options: { a: c.mkOption({ type: c.types.attrsOf(c.types.int), default: { d: 1 } }) } },
      { a: { k: c.mkIf(false, 2) } },
    ]).a,

  mkIfNonBoolInsideAttrsOf: (c) =>
    cfg(c, [
      { options: { a: c.mkOption({ type: c.types.attrsOf(c.types.int) }) } },
      { a: { k: c.mkIf(1 as any, 2) } },
    ]).a,

  mkIfNonBoolUnreadOption: (c) =>
    cfg(c, [
      { options: { a: c.mkOption({ type: c.types.int }), b: c.mkOption({ default: "b" }) } },
      { a: c.mkIf(1 as any, 2) },
    ]).b,

  optionMetadata: (c) => {
    const o = ev(c, [
      {
        options: {
          x: c.mkOption({
            type: c.types.int,
            default: 1,
            example: 42,
            readOnly: true,
            internal: true,
            visible: false,
          }),
        },
      },
    ]).options.x;
    return { example: o.example, readOnly: o.readOnly, internal: o.internal, visible: o.visible };
  },

  definitionsWithLocations: (c) =>
    ev(c, [
      { options: { x: c.mkOption({ type: c.types.listOf(c.types.int), default: [0] }) } },
      { _file: "a.nix", x: [1] },
      { _file: "b.nix", x: c.mkDefault([2]) },
    ]).options.x.definitionsWithLocations,
};

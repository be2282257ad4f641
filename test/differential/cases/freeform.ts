// _module.freeformType and _module.check (twin of freeform.nix).
import { type Cases, type Confed, cfg } from "../case.ts";

const freeStr = (c: Confed) => ({
  _file: "free.nix",
  config: { _module: { freeformType: c.types.attrsOf(c.types.str) } },
});
const freeLazyStr = (c: Confed) => ({
  _file: "free.nix",
  config: { _module: { freeformType: c.types.lazyAttrsOf(c.types.str) } },
});
const declX = (c: Confed) => ({ options: { x: c.mkOption({ type: c.types.int, default: 1 }) } });

export const cases: Cases = {
  freeformAcceptsUndeclared: (c) => cfg(c, [freeStr(c), { anything: "goes" }]).anything,

  freeformWholeConfig: (c) => cfg(c, [freeStr(c), { a: "1" }, { b: "2" }]),

  freeformEmpty: (c) => cfg(c, [freeStr(c)]),

  freeformTypeChecked: (c) => cfg(c, [freeStr(c), { _file: "a.nix", bad: 1 }]).bad,

  freeformTypeErrorBreaksWholeConfig: (c) => cfg(c, [freeStr(c), { _file: "a.nix", bad: 1 }]),

  freeformMergesSameKey: (c) =>
    cfg(c, [freeStr(c), { _file: "a.nix", k: "one" }, { _file: "b.nix", k: "two" }]).k,

  freeformWithDeclaredOption: (c) =>
    cfg(c, [
      freeStr(c),
      { options: { enable: c.mkOption({ type: c.types.bool, default: false }) } },
      { free: "value" },
    ]),

  freeformDeclaredOptionKeepsItsType: (c) =>
    cfg(c, [freeStr(c), { options: { count: c.mkOption({ type: c.types.int }) } }, { count: 3 }])
      .count,

  freeformPropertiesApplied: (c) =>
    cfg(c, [freeStr(c), { shown: c.mkIf(true, "yes"), hidden: c.mkIf(false, "no") }]),

  freeformPriorities: (c) => cfg(c, [freeStr(c), { k: c.mkDefault("weak") }, { k: "strong" }]).k,

  freeformUnderDeclaredGroupTypeError: (c) =>
    cfg(c, [
      freeStr(c),
      { options: { nest: { declared: c.mkOption({ type: c.types.bool, default: false }) } } },
      { nest: { other: "x" } },
    ]),

  freeformListValues: (c) =>
    cfg(c, [
      { _module: { freeformType: c.types.attrsOf(c.types.listOf(c.types.int)) } },
      { l: [1] },
      { l: [2] },
    ]).l,

  freeformDeclaredReadsFreeform: (c) =>
    cfg(c, [
      freeStr(c),
      ({ config }: any) => ({
        options: { derived: c.mkOption({ type: c.types.str }) },
        config: {
          get derived() {
            return `got ${config.source}`;
          },
        },
      }),
      { source: "freeform" },
    ]).derived,

  freeformValueReadsDeclaredIsRecursion: (c) =>
    cfg(c, [
      freeStr(c),
      ({ config }: any) => ({
        options: { declared: c.mkOption({ type: c.types.str, default: "d" }) },
        config: {
          get free() {
            return config.declared;
          },
        },
      }),
    ]).free,

  lazyFreeformValueReadsDeclared: (c) =>
    cfg(c, [
      freeLazyStr(c),
      ({ config }: any) => ({
        options: { declared: c.mkOption({ type: c.types.str, default: "d" }) },
        config: {
          get free() {
            return config.declared;
          },
        },
      }),
    ]).free,

  freeformInSubmodule: (c) =>
    cfg(c, [
      {
        options: {
          settings: c.mkOption({
            type: c.types.submodule({
              freeformType: c.types.attrsOf(c.types.int),
              options: { port: c.mkOption({ type: c.types.port, default: 80 }) },
            }),
            default: {},
          }),
        },
      },
      { settings: { workers: 4 } },
    ]).settings,

  freeformInSubmoduleTypeError: (c) =>
    cfg(c, [
      {
        options: {
          settings: c.mkOption({
            type: c.types.submodule({ freeformType: c.types.attrsOf(c.types.int) }),
            default: {},
          }),
        },
      },
      { _file: "a.nix", settings: { workers: "four" } },
    ]).settings,

  freeformAnythingDeep: (c) =>
    cfg(c, [
      { _module: { freeformType: c.types.attrsOf(c.types.anything) } },
      { a: { b: 1 } },
      { a: { c: 2 } },
    ]).a,

  checkFalseAllowsUndeclared: (c) =>
    cfg(c, [{ _module: { check: false } }, declX(c), { undeclared: true }]).x,

  checkFalseUndeclaredNotInConfig: (c) =>
    cfg(c, [{ _module: { check: false } }, declX(c), { undeclared: true }]),

  checkFalseStillChecksTypes: (c) =>
    cfg(c, [
      { _module: { check: false } },
      { options: { x: c.mkOption({ type: c.types.int }) } },
      { _file: "a.nix", x: "s" },
    ]).x,

  checkFalseInSubmoduleOnly: (c) =>
    cfg(c, [
      {
        options: {
          s: c.mkOption({
            type: c.types.submodule({
              config: { _module: { check: false } },
              options: { a: c.mkOption({ default: 1 }) },
            }),
            default: {},
          }),
        },
      },
      { s: { undeclared: 2 } },
    ]).s,

  checkFalseOuterDoesNotReachSubmodule: (c) =>
    cfg(c, [
      { _module: { check: false } },
      {
        options: {
          s: c.mkOption({
            type: c.types.submodule({ options: { a: c.mkOption({ default: 1 }) } }),
            default: {},
          }),
        },
      },
      { _file: "a.nix", s: { undeclared: 2 } },
    ]).s,

  checkMkDefaultFalse: (c) =>
    cfg(c, [
      { _module: { check: c.mkDefault(false) } },
      { options: { x: c.mkOption({ default: 1 }) } },
      { y: 2 },
    ]).x,

  checkReadsConfig: (c) =>
    cfg(c, [
      ({ config }: any) => ({
        options: { strict: c.mkOption({ type: c.types.bool, default: false }) },
        config: {
          _module: {
            get check() {
              return config.strict;
            },
          },
        },
      }),
      { y: 2 },
    ]).strict,
};

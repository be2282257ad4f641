// Submodules combined with properties, other types and each other (twin of
// submodules-advanced.nix).
import { type Cases, type Confed, cfg } from "../case.ts";

const sub = (c: Confed) =>
  c.types.submodule({
    options: {
      a: c.mkOption({ type: c.types.str, default: "a" }),
      n: c.mkOption({ type: c.types.int, default: 0 }),
    },
  });
const declS = (c: Confed) => ({
  _file: "decl.nix",
  options: { s: c.mkOption({ type: sub(c), default: {} }) },
});
const declL = (c: Confed) => ({
  _file: "decl.nix",
  options: { l: c.mkOption({ type: c.types.listOf(sub(c)), default: [] }) },
});
const declA = (c: Confed) => ({
  _file: "decl.nix",
  options: { m: c.mkOption({ type: c.types.attrsOf(sub(c)), default: {} }) },
});

export const cases: Cases = {
  listOfSubmoduleMkIfElements: (c) =>
    cfg(c, [declL(c), { l: [c.mkIf(false, { n: 1 }), { n: 2 }, c.mkIf(true, { n: 3 })] }]).l,

  attrsOfSubmoduleWholeMkIfReadsConfig: (c) =>
    cfg(c, [
      declA(c),
      { options: { enable: c.mkOption({ default: true }) } },
      ({ config }: any) => ({ m: c.mkIf(() => config.enable, { x: { n: 1 } }) }),
    ]).m,

  submoduleConflictNamesFiles: (c) =>
    cfg(c, [declS(c), { _file: "a.nix", s: { a: "one" } }, { _file: "b.nix", s: { a: "two" } }]).s
      .a,

  submoduleMkMergeDefinition: (c) =>
    cfg(c, [declS(c), { s: c.mkMerge([{ a: "merged" }, { n: 2 }]) }]).s,

  submoduleMkForceInsideWins: (c) =>
    cfg(c, [declS(c), { s: { n: c.mkForce(5) } }, { s: { n: 6 } }]).s.n,

  submoduleMkDefaultWholeDefinitionDropped: (c) =>
    cfg(c, [declS(c), { s: c.mkDefault({ n: 1 }) }, { s: { a: "kept" } }]).s,

  submoduleReadOnlyInside: (c) =>
    cfg(c, [
      {
        options: {
          s: c.mkOption({
            type: c.types.submodule({
              options: { a: c.mkOption({ type: c.types.int, readOnly: true }) },
            }),
          }),
        },
      },
      { _file: "a.nix", s: { a: 1 } },
      { _file: "b.nix", s: { a: 2 } },
    ]).s.a,

  submoduleOwnOptionsArgument: (c) =>
    cfg(c, [
      {
        options: {
          s: c.mkOption({
            type: c.types.submodule(({ options }: any) => ({
              options: {
                a: c.mkOption({ default: 1 }),
                aDefined: c.mkOption({ type: c.types.bool }),
              },
              config: {
                get aDefined() {
                  return options.a.isDefined;
                },
              },
            })),
            default: {},
          }),
        },
      },
    ]).s.aDefined,

  submoduleShorthandImportsIsUndeclared: (c) =>
    cfg(c, [declS(c), { _file: "a.nix", s: { imports: [] } }]).s,

  submoduleFunctionDefinitionIsAModule: (c) =>
    cfg(c, [
      declS(c),
      { s: () => ({ options: { extra: c.mkOption({ default: "declared by a definition" }) } }) },
    ]).s.extra,

  eitherOfTwoSubmodulesUsesLeft: (c) =>
    cfg(c, [
      {
        options: {
          e: c.mkOption({
            type: c.types.either(
              c.types.submodule({ options: { a: c.mkOption({ default: 1 }) } }),
              c.types.submodule({ options: { b: c.mkOption({ default: 2 }) } }),
            ),
          }),
        },
      },
      { _file: "a.nix", e: { b: 3 } },
    ]).e,

  nullOrSubmoduleNullAndAttrsConflict: (c) =>
    cfg(c, [
      { options: { s: c.mkOption({ type: c.types.nullOr(sub(c)) }) } },
      { _file: "a.nix", s: null },
      { _file: "b.nix", s: { n: 1 } },
    ]).s,

  coercedToSubmodule: (c) =>
    cfg(c, [
      {
        options: {
          s: c.mkOption({
            type: c.types.coercedTo(c.types.str, (s: string) => ({ a: s }), sub(c)),
          }),
        },
      },
      { s: "coerced" },
    ]).s,

  coercedToSubmoduleMixed: (c) =>
    cfg(c, [
      {
        options: {
          s: c.mkOption({
            type: c.types.coercedTo(c.types.str, (s: string) => ({ a: s }), sub(c)),
          }),
        },
      },
      { s: "coerced" },
      { s: { n: 3 } },
    ]).s,

  applyOnSubmodule: (c) =>
    cfg(c, [
      {
        options: {
          s: c.mkOption({
            type: sub(c),
            default: {},
            apply: (v: any) => `${v.a}-${String(v.n)}`,
          }),
        },
      },
      { s: { n: 4 } },
    ]).s,

  listOfSubmodulesNameArgument: (c) =>
    cfg(c, [
      {
        options: {
          l: c.mkOption({
            type: c.types.listOf(
              c.types.submodule(({ name }: any) => ({
                options: {
                  name: c.mkOption({
                    get default() {
                      return name;
                    },
                  }),
                },
              })),
            ),
          }),
        },
      },
      { l: [{}, {}] },
    ]).l,

  attrsOfSubmoduleEntryReadsOtherEntry: (c) =>
    cfg(c, [
      declA(c),
      ({ config }: any) => ({
        m: {
          first: { n: 10 },
          second: {
            get n() {
              return config.m.first.n + 1;
            },
          },
        },
      }),
    ]).m.second.n,

  attrsOfSubmoduleEntryReadsItselfViaOuter: (c) =>
    cfg(c, [
      declA(c),
      ({ config }: any) => ({
        m: {
          x: {
            n: 1,
            get a() {
              return `n is ${String(config.m.x.n)}`;
            },
          },
        },
      }),
    ]).m.x.a,

  lazyAttrsOfSubmoduleFreeform: (c) =>
    cfg(c, [
      {
        options: {
          m: c.mkOption({
            type: c.types.lazyAttrsOf(
              c.types.submodule({ freeformType: c.types.attrsOf(c.types.str) }),
            ),
          }),
        },
      },
      { m: { x: { anything: "free" } } },
    ]).m.x,

  submoduleInsideSubmoduleReadsOuterOuterConfig: (c) => {
    const top = ({ config }: any) => ({
      options: {
        prefix: c.mkOption({ default: "p" }),
        outer: c.mkOption({
          type: c.types.attrsOf(
            c.types.submodule(({ name }: any) => ({
              options: {
                inner: c.mkOption({
                  type: c.types.submodule({
                    options: {
                      label: c.mkOption({
                        get default() {
                          return `${config.prefix}-${name}`;
                        },
                      }),
                    },
                  }),
                  default: {},
                }),
              },
            })),
          ),
        }),
      },
    });
    return cfg(c, [top, { outer: { o: { inner: {} } } }, { prefix: "q" }]).outer.o.inner.label;
  },

  attrsOfSubmoduleMkOrderInside: (c) =>
    cfg(c, [
      {
        options: {
          m: c.mkOption({
            type: c.types.attrsOf(
              c.types.submodule({
                options: { l: c.mkOption({ type: c.types.listOf(c.types.str), default: [] }) },
              }),
            ),
          }),
        },
      },
      { m: { x: { l: ["a"] } } },
      { m: { x: { l: c.mkBefore(["first"]) } } },
    ]).m.x.l,

  submoduleWithDefaultAndMkOptionDefaultEntry: (c) =>
    cfg(c, [
      {
        options: {
          m: c.mkOption({ type: c.types.attrsOf(sub(c)), default: { d: { n: 1 } } }),
        },
      },
      { m: c.mkOptionDefault({ e: { n: 2 } }) },
    ]).m,
};

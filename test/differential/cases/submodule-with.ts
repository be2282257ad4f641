// types.submoduleWith and types.deferredModule (twin of submodule-with.nix).
import { attrNames, type Cases, type Confed, cfg, ev, type Omitted } from "../case.ts";

const inner = (c: Confed) => ({
  options: {
    config: c.mkOption({ type: c.types.bool, default: false }),
    n: c.mkOption({ type: c.types.int, default: 0 }),
  },
});
const declWith = (c: Confed, shorthand: boolean) => ({
  _file: "decl.nix",
  options: {
    s: c.mkOption({
      type: c.types.submoduleWith({ modules: [inner(c)], shorthandOnlyDefinesConfig: shorthand }),
      default: {},
    }),
  },
});
const settingsOption = (c: Confed) =>
  c.mkOption({ type: c.types.attrsOf(c.types.str), default: {} });
const declDeferred = (c: Confed) => ({
  _file: "decl.nix",
  options: {
    // `{}` is a module; the cast is for confed's value type of deferredModule, which wants `imports`.
    deferred: c.mkOption({ type: c.types.deferredModule, default: {} as any }),
    nodes: c.mkOption({
      type: c.types.attrsOf(c.types.submodule({ options: { settings: settingsOption(c) } })),
      default: {},
    }),
  },
});
/** Nodes built from the deferred module: it is imported into every node's own evaluation. */
const useDeferred =
  (c: Confed) =>
  ({ config }: any) => ({
    options: { built: c.mkOption({ type: c.types.lazyAttrsOf(c.types.raw), readOnly: true }) },
    config: {
      get built() {
        const out: Record<string, unknown> = {};
        for (const name of attrNames(config.nodes)) {
          // One getter per node, as Nix's mapAttrs leaves each value unevaluated.
          Object.defineProperty(out, name, {
            enumerable: true,
            get: () =>
              ev(c, [
                { _module: { args: { name } } },
                { options: { settings: settingsOption(c) } },
                config.deferred,
              ]).config.settings,
          });
        }
        return out;
      },
    },
  });

export const cases: Cases = {
  shorthandTrueConfigIsAnOption: (c) =>
    cfg(c, [declWith(c, true), { s: { config: true } }]).s.config,

  shorthandFalseConfigIsStructure: (c) =>
    cfg(c, [declWith(c, false), { s: { config: { n: 3 } } }]).s.n,

  shorthandFalseBoolIntoConfigIsError: (c) =>
    cfg(c, [declWith(c, false), { _file: "a.nix", s: { config: true } }]).s.config,

  shorthandTrueStructureIsTypeError: (c) =>
    cfg(c, [declWith(c, true), { _file: "a.nix", s: { config: { n: 3 } } }]).s,

  shorthandFalseOptionsDeclare: (c) =>
    cfg(c, [
      declWith(c, false),
      { s: { options: { extra: c.mkOption({ default: "declared from a definition" }) } } },
    ]).s.extra,

  shorthandFalseFlatDefinitionsAreConfig: (c) => cfg(c, [declWith(c, false), { s: { n: 4 } }]).s.n,

  shorthandFalseImports: (c) => cfg(c, [declWith(c, false), { s: { imports: [{ n: 5 }] } }]).s.n,

  submoduleWithSeveralModules: (c) =>
    cfg(c, [
      {
        options: {
          s: c.mkOption({
            type: c.types.submoduleWith({
              modules: [
                { options: { a: c.mkOption({ default: 1 }) } },
                ({ config }: any) => ({
                  options: {
                    b: c.mkOption({
                      get default() {
                        return config.a + 1;
                      },
                    }),
                  },
                }),
              ],
            }),
            default: {},
          }),
        },
      },
    ]).s,

  submoduleWithSpecialArgsAndModuleArgs: (c) =>
    cfg(c, [
      {
        options: {
          s: c.mkOption({
            type: c.types.submoduleWith({
              specialArgs: { sp: "special" },
              modules: [
                { _module: { args: { sp: "module arg" } } },
                ({ sp }: any) => ({ options: { a: c.mkOption({ default: sp }) } }),
              ],
            }),
            default: {},
          }),
        },
      },
    ]).s.a,

  submoduleWithMergesModulesAcrossDeclarations: (c) =>
    cfg(c, [
      {
        options: {
          s: c.mkOption({
            type: c.types.submoduleWith({
              modules: [{ options: { a: c.mkOption({ default: 1 }) } }],
            }),
            default: {},
          }),
        },
      },
      {
        options: {
          s: c.mkOption({
            type: c.types.submoduleWith({
              modules: [{ options: { b: c.mkOption({ default: 2 }) } }],
            }),
          }),
        },
      },
    ]).s,

  submoduleWithConflictingShorthand: (c) =>
    cfg(c, [
      {
        options: {
          s: c.mkOption({
            type: c.types.submoduleWith({ modules: [], shorthandOnlyDefinesConfig: true }),
            default: {},
          }),
        },
      },
      {
        options: {
          s: c.mkOption({
            type: c.types.submoduleWith({ modules: [], shorthandOnlyDefinesConfig: false }),
          }),
        },
      },
    ]).s,

  submoduleAndSubmoduleWithTrueMerge: (c) =>
    cfg(c, [
      {
        options: {
          s: c.mkOption({
            type: c.types.submodule({ options: { a: c.mkOption({ default: 1 }) } }),
            default: {},
          }),
        },
      },
      {
        options: {
          s: c.mkOption({
            type: c.types.submoduleWith({
              modules: [{ options: { b: c.mkOption({ default: 2 }) } }],
              shorthandOnlyDefinesConfig: true,
            }),
          }),
        },
      },
    ]).s,

  submoduleWithClassMismatch: (c) =>
    cfg(c, [
      {
        options: {
          s: c.mkOption({
            type: c.types.submoduleWith({ class: "inner", modules: [] }),
            default: {},
          }),
        },
      },
      { s: { _file: "other.nix", _class: "outer" } },
    ]).s,

  deferredModuleIsAppliedToEveryNode: (c) =>
    cfg(c, [
      declDeferred(c),
      useDeferred(c),
      { deferred: { settings: { common: "yes" } } },
      { nodes: { a: {} } },
      { nodes: { b: {} } },
    ]).built,

  deferredModuleDefinitionsMerge: (c) =>
    cfg(c, [
      declDeferred(c),
      useDeferred(c),
      { deferred: { settings: { one: "1" } } },
      {
        deferred: ({ name }: any) => ({
          settings: {
            get two() {
              return `node ${name}`;
            },
          },
        }),
      },
      { nodes: { x: {} } },
    ]).built.x,

  deferredModuleErrorInsideNode: (c) =>
    cfg(c, [
      declDeferred(c),
      useDeferred(c),
      { deferred: { _file: "bad-deferred.nix", settings: { n: 1 } } },
      { nodes: { x: {} } },
    ]).built.x.n,

  deferredModuleAsSubmoduleImport: (c) =>
    cfg(c, [
      { options: { common: c.mkOption({ type: c.types.deferredModule, default: {} as any }) } },
      ({ config }: any) => ({
        options: {
          hosts: c.mkOption({
            type: c.types.attrsOf(
              c.types.submodule({
                imports: [config.common],
                options: { ip: c.mkOption({ type: c.types.str }) },
              }),
            ),
          }),
        },
      }),
      { common: { ip: c.mkDefault("0.0.0.0") } },
      { hosts: { a: {} } },
      { hosts: { b: { ip: "10.0.0.2" } } },
    ]).hosts,

  deferredModuleRejectsNonModule: (c) =>
    cfg(c, [
      declDeferred(c),
      useDeferred(c),
      { _file: "a.nix", deferred: 42 },
      { nodes: { x: {} } },
    ]).built.x,
};

export const omitted: Omitted = {
  deferredModuleWithMkIf:
    "a destructured `_module.args` argument is a reference until collection ends, and `===` on it cannot be intercepted: compare through the argument object inside the thunk (README, laziness idioms)",
};

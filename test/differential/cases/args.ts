// Module arguments (twin of args.nix). Arguments are destructured in the parameter list, as
// confed users write them; MODULES.md promises they are lazy.
import { boom, type Cases, type Confed, cfg, type Omitted } from "../case.ts";

const declStr = (c: Confed) => ({
  _file: "decl.nix",
  options: { x: c.mkOption({ type: c.types.str }) },
});

export const cases: Cases = {
  moduleArgsProvideValue: (c) =>
    cfg(c, [
      declStr(c),
      { _module: { args: { greeting: "hello" } } },
      ({ greeting }: any) => ({ x: greeting }),
    ]).x,

  moduleArgsFromSameModule: (c) =>
    cfg(c, [declStr(c), ({ own }: any) => ({ _module: { args: { own: "mine" } }, x: own })]).x,

  moduleArgsReadConfig: (c) =>
    cfg(c, [
      declStr(c),
      { options: { y: c.mkOption({ default: "from y" }) } },
      ({ config }: any) => ({
        _module: {
          args: {
            get fromConfig() {
              return config.y;
            },
          },
        },
      }),
      ({ fromConfig }: any) => ({ x: fromConfig }),
    ]).x,

  moduleArgsAttrsMerge: (c) =>
    cfg(c, [
      declStr(c),
      { _module: { args: { a: "A" } } },
      { _module: { args: { b: "B" } } },
      ({ a, b }: any) => ({
        get x() {
          return a + b;
        },
      }),
    ]).x,

  moduleArgsMkDefault: (c) =>
    cfg(c, [
      declStr(c),
      { _module: { args: { v: c.mkDefault("weak") } } },
      { _module: { args: { v: "strong" } } },
      ({ v }: any) => ({ x: v }),
    ]).x,

  moduleArgsConflict: (c) =>
    cfg(c, [
      declStr(c),
      { _module: { args: { v: "one" } } },
      { _module: { args: { v: "two" } } },
      ({ v }: any) => ({ x: v }),
    ]).x,

  specialArgsProvideValue: (c) =>
    cfg(c, [declStr(c), ({ greeting }: any) => ({ x: greeting })], {
      specialArgs: { greeting: "special" },
    }).x,

  specialArgsWinOverModuleArgs: (c) =>
    cfg(c, [declStr(c), { _module: { args: { v: "module" } } }, ({ v }: any) => ({ x: v })], {
      specialArgs: { v: "special" },
    }).x,

  specialArgsUsableInImports: (c) =>
    cfg(c, [declStr(c), ({ extra }: any) => ({ imports: [extra] })], {
      specialArgs: { extra: { x: "imported via specialArgs" } },
    }).x,

  moduleArgsInImportsIsRecursion: (c) =>
    cfg(c, [
      declStr(c),
      { _module: { args: { extra: { x: "never" } } } },
      ({ extra }: any) => ({ imports: [extra] }),
    ]).x,

  missingArgument: (c) =>
    cfg(c, [declStr(c), { _file: "a.nix", imports: [({ nowhere }: any) => ({ x: nowhere })] }]).x,

  missingArgumentUnusedIsFine: (c) =>
    cfg(c, [
      declStr(c),
      // biome-ignore lint/correctness/noUnusedFunctionParameters: the unused argument is the point
      ({ nowhere }: any) => ({ x: "unused" }),
    ]).x,

  missingArgumentInWholeConfig: (c) => cfg(c, [declStr(c), ({ nowhere }: any) => ({ x: nowhere })]),

  argumentWithDefaultStillLooked: (c) =>
    cfg(c, [declStr(c), ({ v = "fallback" }: any) => ({ x: v })]).x,

  argumentWithDefaultProvided: (c) =>
    cfg(c, [
      declStr(c),
      { _module: { args: { v: "given" } } },
      ({ v = "fallback" }: any) => ({ x: v }),
    ]).x,

  libArgumentIsLib: (c) =>
    cfg(c, [
      declStr(c),
      ({ lib }: any) => ({
        x: "mkOption" in lib && "types" in lib && "mkIf" in lib ? "has the module functions" : "no",
      }),
    ]).x,

  optionsArgument: (c) =>
    cfg(c, [
      declStr(c),
      ({ options }: any) => ({
        get x() {
          return options.x.loc.join(".");
        },
      }),
    ]).x,

  moduleArgsInSubmoduleNotInherited: (c) =>
    cfg(c, [
      { _module: { args: { outer: "outer" } } },
      {
        options: {
          s: c.mkOption({
            type: c.types.submodule(({ outer }: any) => ({
              options: { y: c.mkOption({ type: c.types.str, default: outer }) },
            })),
            default: {},
          }),
        },
      },
    ]).s.y,

  specialArgsNotVisibleInSubmodule: (c) =>
    cfg(
      c,
      [
        {
          options: {
            s: c.mkOption({
              type: c.types.submodule(({ outer }: any) => ({
                options: { y: c.mkOption({ type: c.types.str, default: outer }) },
              })),
              default: {},
            }),
          },
        },
      ],
      { specialArgs: { outer: "outer" } },
    ).s.y,

  submoduleOwnModuleArgs: (c) =>
    cfg(c, [
      {
        options: {
          s: c.mkOption({
            type: c.types.submodule(({ inner }: any) => ({
              options: { y: c.mkOption({ type: c.types.str, default: inner }) },
              config: { _module: { args: { inner: "inner" } } },
            })),
            default: {},
          }),
        },
      },
    ]).s.y,

  submoduleWithSpecialArgs: (c) =>
    cfg(c, [
      {
        options: {
          s: c.mkOption({
            type: c.types.submoduleWith({
              specialArgs: { given: "given" },
              modules: [
                ({ given }: any) => ({
                  options: { y: c.mkOption({ type: c.types.str, default: given }) },
                }),
              ],
            }),
            default: {},
          }),
        },
      },
    ]).s.y,

  nameArgumentInAttrsOfSubmodule: (c) =>
    cfg(c, [
      {
        options: {
          s: c.mkOption({
            type: c.types.attrsOf(
              c.types.submodule(({ name }: any) => ({
                options: {
                  y: c.mkOption({
                    type: c.types.str,
                    get default() {
                      return `i am ${name}`;
                    },
                  }),
                },
              })),
            ),
          }),
        },
      },
      { s: { alice: {} } },
    ]).s.alice.y,

  // The same, with `name` used directly as Nix code uses it (no getter).
  nameArgumentUsedDirectly: (c) =>
    cfg(c, [
      {
        options: {
          s: c.mkOption({
            type: c.types.attrsOf(
              c.types.submodule(({ name }: any) => ({
                options: { y: c.mkOption({ type: c.types.str, default: `i am ${name}` }) },
              })),
            ),
          }),
        },
      },
      { s: { alice: {} } },
    ]).s.alice.y,

  moduleArgsFromSubmoduleToOuterDoesNotLeak: (c) =>
    cfg(c, [
      declStr(c),
      {
        options: {
          s: c.mkOption({
            type: c.types.submodule({ config: { _module: { args: { leaked: "leaked" } } } }),
            default: {},
          }),
        },
      },
      ({ leaked }: any) => ({ x: leaked }),
    ]).x,

  moduleArgsValueIsLazy: (c) =>
    cfg(c, [
      declStr(c),
      {
        _module: {
          args: {
            get broken() {
              return boom("never forced");
            },
          },
        },
      },
      // biome-ignore lint/correctness/noUnusedFunctionParameters: the unused argument is the point
      ({ broken }: any) => ({ x: "fine" }),
    ]).x,

  moduleArgsVisibleInConfig: (c) =>
    cfg(c, [
      declStr(c),
      { _module: { args: { greeting: "hi" } } },
      ({ config }: any) => ({
        get x() {
          return config._module.args.greeting;
        },
      }),
    ]).x,

  specialArgsLibOverride: (c) =>
    cfg(c, [declStr(c), ({ lib }: any) => ({ x: lib.marker })], {
      specialArgs: { lib: { ...c, marker: "custom lib" } },
    }).x,

  moduleWithoutFormalsGetsConfig: (c) =>
    cfg(c, [
      declStr(c),
      { options: { y: c.mkOption({ default: "from y" }) } },
      (args: any) => ({
        get x() {
          return args.config.y;
        },
      }),
    ]).x,
};

export const omitted: Omitted = {
  moduleWithoutFormalsGetsOnlyNamedArgs:
    "a JavaScript function cannot declare which arguments it takes, so every module function can read every module argument (README, deliberate differences)",
};

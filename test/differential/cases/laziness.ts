// Evaluation order and laziness (twin of laziness.nix).
import { attrNames, boom, type Cases, cfg, ev } from "../case.ts";

export const cases: Cases = {
  optionReadsOption: (c) =>
    cfg(c, [
      ({ config }: any) => ({
        options: {
          a: c.mkOption({ type: c.types.int }),
          b: c.mkOption({ type: c.types.int }),
        },
        config: {
          a: 1,
          get b() {
            return config.a * 2;
          },
        },
      }),
    ]).b,

  chainOfReads: (c) =>
    cfg(c, [
      ({ config }: any) => ({
        options: {
          a: c.mkOption({ default: 1 }),
          b: c.mkOption({
            get default() {
              return config.a + 1;
            },
          }),
          c: c.mkOption({
            get default() {
              return config.b + 1;
            },
          }),
          d: c.mkOption({
            get default() {
              return config.c + 1;
            },
          }),
        },
      }),
    ]).d,

  readBeforeDefinitionOrder: (c) =>
    cfg(c, [
      ({ config }: any) => ({
        options: {
          b: c.mkOption({
            get default() {
              return config.a + 1;
            },
          }),
        },
      }),
      { options: { a: c.mkOption({ default: 10 }) } },
    ]).b,

  defaultReadsConfig: (c) =>
    cfg(c, [
      ({ config }: any) => ({
        options: {
          name: c.mkOption({ default: "host" }),
          fqdn: c.mkOption({
            get default() {
              return `${config.name}.local`;
            },
          }),
        },
      }),
      { name: "box" },
    ]).fqdn,

  selfReferenceIsRecursion: (c) =>
    cfg(c, [
      ({ config }: any) => ({
        options: { a: c.mkOption({ type: c.types.int }) },
        config: {
          get a() {
            return config.a + 1;
          },
        },
      }),
    ]).a,

  mutualReferenceIsRecursion: (c) =>
    cfg(c, [
      ({ config }: any) => ({
        options: {
          a: c.mkOption({ type: c.types.int }),
          b: c.mkOption({ type: c.types.int }),
        },
        config: {
          get a() {
            return config.b;
          },
          get b() {
            return config.a;
          },
        },
      }),
    ]).b,

  cycleThroughDefaults: (c) =>
    cfg(c, [
      ({ config }: any) => ({
        options: {
          a: c.mkOption({
            get default() {
              return config.b;
            },
          }),
          b: c.mkOption({
            get default() {
              return config.a;
            },
          }),
        },
      }),
    ]).a,

  cycleNotReadIsFine: (c) =>
    cfg(c, [
      ({ config }: any) => ({
        options: {
          a: c.mkOption({
            get default() {
              return config.b;
            },
          }),
          b: c.mkOption({
            get default() {
              return config.a;
            },
          }),
          c: c.mkOption({ default: "c" }),
        },
      }),
    ]).c,

  cycleInWholeConfig: (c) =>
    cfg(c, [
      ({ config }: any) => ({
        options: {
          a: c.mkOption({
            get default() {
              return config.a;
            },
          }),
        },
      }),
    ]),

  droppedSelfReferenceIsNotEvaluated: (c) =>
    cfg(c, [
      ({ config }: any) => ({
        options: { a: c.mkOption({ type: c.types.int }) },
        // The priority sits outside the getter so it is known without reading the value, as
        // `a = mkDefault (…)` is in Nix; a getter returning mkDefault(…) would have to run first.
        config: c.mkDefault({
          get a() {
            return config.a + 1;
          },
        }),
      }),
      { a: 5 },
    ]).a,

  mkIfOnOtherOptionBreaksNoCycle: (c) =>
    cfg(c, [
      ({ config }: any) => ({
        options: {
          enable: c.mkOption({ default: true }),
          a: c.mkOption({ default: 0 }),
        },
        config: { a: c.mkIf(() => config.enable, 1) },
      }),
    ]).a,

  conditionReadsTheOptionItDefines: (c) =>
    cfg(c, [
      ({ config }: any) => ({
        options: { a: c.mkOption({ type: c.types.listOf(c.types.int), default: [] }) },
        config: { a: c.mkIf(() => config.a.length === 0, [1]) },
      }),
    ]).a,

  nestedGroupReadsSibling: (c) =>
    cfg(c, [
      ({ config }: any) => ({
        options: {
          g: {
            a: c.mkOption({ default: 2 }),
            b: c.mkOption({
              get default() {
                return config.g.a * 3;
              },
            }),
          },
        },
      }),
    ]).g,

  readingGroupAttrNamesNeedsNoValues: (c) =>
    attrNames(
      cfg(c, [
        {
          options: {
            g: {
              a: c.mkOption({
                get default() {
                  return boom("not needed");
                },
              }),
              b: c.mkOption({ type: c.types.int }),
            },
          },
        },
      ]).g,
    ),

  unreadBadDefinitionInOtherOption: (c) =>
    cfg(c, [
      {
        options: {
          good: c.mkOption({ type: c.types.int }),
          bad: c.mkOption({ type: c.types.int }),
        },
      },
      { good: 1, bad: "not an int" },
    ]).good,

  listElementsForcedForProperties: (c) =>
    cfg(c, [
      { options: { l: c.mkOption({ type: c.types.listOf(c.types.int) }) } },
      {
        // JavaScript has no lazy list elements: the list is one getter.
        get l() {
          return [1, boom("element never forced")];
        },
      },
    ]).l.length,

  listElementTypeErrorOnlyWhenThatElementForced: (c) =>
    cfg(c, [
      { options: { l: c.mkOption({ type: c.types.listOf(c.types.int) }) } },
      { _file: "a.nix", l: [1, "two"] },
    ]).l[0],

  submoduleOptionLazy: (c) =>
    cfg(c, [
      {
        options: {
          s: c.mkOption({
            type: c.types.submodule({
              options: {
                a: c.mkOption({ default: 1 }),
                b: c.mkOption({
                  get default() {
                    return boom("b never read");
                  },
                }),
              },
            }),
            default: {},
          }),
        },
      },
    ]).s.a,

  attrsOfSubmoduleNamesWithoutValues: (c) =>
    attrNames(
      cfg(c, [
        {
          options: {
            s: c.mkOption({
              type: c.types.attrsOf(
                c.types.submodule({ options: { v: c.mkOption({ type: c.types.int }) } }),
              ),
            }),
          },
        },
        { s: { one: {}, two: {} } },
      ]).s,
    ),

  configAsModuleArgumentIsTheSameConfig: (c) =>
    cfg(c, [
      ({ config }: any) => ({
        options: {
          a: c.mkOption({ default: 1 }),
          b: c.mkOption({
            get default() {
              return config.a;
            },
          }),
        },
      }),
      { a: 2 },
    ]).b,

  optionsArgumentReadsValue: (c) =>
    cfg(c, [
      ({ options }: any) => ({
        options: {
          a: c.mkOption({ default: 3 }),
          b: c.mkOption({
            get default() {
              return options.a.value + 1;
            },
          }),
        },
      }),
    ]).b,

  deepChain: (c) => {
    const n = 2000;
    const names = Array.from({ length: n + 1 }, (_, i) => `o${i}`);
    return cfg(c, [
      ({ config }: any) => {
        const options: Record<string, unknown> = {};
        const defs: Record<string, unknown> = {};
        names.forEach((name, i) => {
          options[name] = c.mkOption({ type: c.types.int });
          Object.defineProperty(defs, name, {
            enumerable: true,
            get: () => (i === 0 ? 0 : config[`o${i - 1}`] + 1),
          });
        });
        return { options, config: defs };
      },
    ])[`o${n}`];
  },

  throwInUnusedModuleArgument: (c) =>
    cfg(c, [
      {
        _module: {
          args: {
            get broken() {
              return boom("never");
            },
          },
        },
      },
      { options: { a: c.mkOption({ default: "ok" }) } },
    ]).a,

  applyIgnoringItsArgumentSkipsMerge: (c) =>
    cfg(c, [
      { options: { x: c.mkOption({ type: c.types.int, apply: () => "constant" }) } },
      { x: "not an int" },
    ]).x,

  defaultNotEvaluatedWhenDefined: (c) =>
    cfg(c, [
      {
        options: {
          x: c.mkOption({
            type: c.types.int,
            get default() {
              return boom("default evaluated");
            },
          }),
        },
      },
      { x: 1 },
    ]).x,

  isDefinedForcesDefinitionValues: (c) =>
    ev(c, [
      { options: { x: c.mkOption({ type: c.types.int }) } },
      {
        get x() {
          return boom("definition forced");
        },
      },
    ]).options.x.isDefined,

  highestPrioOfThrowingDefinition: (c) =>
    ev(c, [
      { options: { x: c.mkOption({ type: c.types.int }) } },
      {
        // The priority outside, the value in a getter: `x = mkDefault (throw …)`.
        config: c.mkDefault({
          get x() {
            return boom("definition forced");
          },
        }),
      },
    ]).options.x.highestPrio,

  filesOfThrowingDefinition: (c) =>
    ev(c, [
      { options: { x: c.mkOption({ type: c.types.int }) } },
      {
        _file: "a.nix",
        get x() {
          return boom("definition forced");
        },
      },
    ]).options.x.files,

  undeclaredThrowingDefinition: (c) =>
    cfg(c, [
      { options: { x: c.mkOption({ default: 1 }) } },
      {
        _file: "a.nix",
        get y() {
          return boom("undeclared value forced");
        },
      },
    ]).x,

  mkIfConditionNotEvaluatedForOtherOptions: (c) =>
    cfg(c, [
      { options: { x: c.mkOption({ default: 1 }) } },
      { options: { y: c.mkOption({ default: 2 }) } },
      { y: c.mkIf(() => boom("condition forced"), 3) },
    ]).x,

  unusedModuleFunctionArgumentNotEvaluated: (c) =>
    cfg(c, [
      { options: { x: c.mkOption({ default: 1 }) } },
      // biome-ignore lint/correctness/noUnusedFunctionParameters: asking for them must not evaluate them
      ({ config, options }: any) => ({}),
    ]).x,

  anythingForcesSiblings: (c) =>
    cfg(c, [
      { options: { v: c.mkOption({ type: c.types.anything }) } },
      {
        v: {
          a: 1,
          get b() {
            return boom("sibling forced");
          },
        },
      },
    ]).v.a,

  attrsOfNestedValueNotForcedForNames: (c) =>
    "k" in
    cfg(c, [
      { options: { v: c.mkOption({ type: c.types.attrsOf(c.types.attrsOf(c.types.int)) }) } },
      {
        v: {
          k: {
            get inner() {
              return boom("nested value forced");
            },
          },
        },
      },
    ]).v,

  // The shape of the definitions depends on `options`: a getter on the module itself.
  configShapeDependsOnOptionsDeclared: (c) =>
    cfg(c, [
      { options: { enable: c.mkOption({ default: false }) } },
      ({ options }: any) => ({
        get config() {
          return "enable" in options ? { enable: true } : {};
        },
      }),
    ]).enable,

  configShapeDependsOnOptionsUndeclared: (c) =>
    cfg(c, [
      { options: { other: c.mkOption({ default: "other" }) } },
      ({ options }: any) => ({
        get config() {
          return "enable" in options ? { enable: true } : {};
        },
      }),
    ]),
};

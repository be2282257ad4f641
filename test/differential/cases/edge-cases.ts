// Corners (twin of edge-cases.nix). Keys such as `__proto__` are written as computed keys so
// that they are own properties, as an attribute name is in Nix.
import { type Cases, cfg, ev, type Omitted } from "../case.ts";

const proto = "__proto__";

export const omitted: Omitted = {
  // MODULES.md: `int` is Number.isSafeInteger; integers beyond 2^53 are a type error.
  integerBeyondTwoTo53: "integers beyond 2^53 are a type error in confed (no 64-bit integers)",
};

export const cases: Cases = {
  attrsOfJavaScriptishKeys: (c) =>
    cfg(c, [
      { options: { v: c.mkOption({ type: c.types.attrsOf(c.types.int) }) } },
      { v: { ["__proto__"]: 1, constructor: 2, toString: 3, hasOwnProperty: 4 } },
    ]).v,

  optionsNamedLikeObjectMethods: (c) =>
    cfg(c, [
      {
        options: {
          constructor: c.mkOption({ default: "c" }),
          toString: c.mkOption({ default: "t" }),
          valueOf: c.mkOption({ default: "v" }),
        },
      },
    ]),

  optionNamedProto: (c) => cfg(c, [{ options: { [proto]: c.mkOption({ default: "p" }) } }])[proto],

  freeformProtoKey: (c) =>
    cfg(c, [
      { _module: { freeformType: c.types.attrsOf(c.types.str) } },
      { ["__proto__"]: "free" },
    ]),

  submoduleEntryNamedConstructor: (c) =>
    cfg(c, [
      {
        options: {
          m: c.mkOption({
            type: c.types.attrsOf(
              c.types.submodule(({ name }: any) => ({
                options: {
                  label: c.mkOption({
                    get default() {
                      return `entry ${name}`;
                    },
                  }),
                },
              })),
            ),
          }),
        },
      },
      { m: { constructor: {} } },
    ]).m.constructor.label,

  anythingProtoKeyMerge: (c) =>
    cfg(c, [
      { options: { v: c.mkOption({ type: c.types.anything }) } },
      { v: { ["__proto__"]: { a: 1 } } },
      { v: { ["__proto__"]: { b: 2 } } },
    ]).v,

  configHasNoModuleKey: (c) =>
    "_module" in cfg(c, [{ options: { x: c.mkOption({ default: 1 }) } }]),

  prefixInTypeErrorPath: (c) =>
    cfg(c, [{ options: { x: c.mkOption({ type: c.types.int }) } }, { _file: "a.nix", x: "s" }], {
      prefix: ["top"],
    }).x,

  prefixInUndeclaredPath: (c) =>
    cfg(c, [{ options: { x: c.mkOption({ default: 1 }) } }, { _file: "a.nix", y: 2 }], {
      prefix: ["top"],
    }).x,

  prefixInOptionLoc: (c) =>
    ev(c, [{ options: { x: c.mkOption({ default: 1 }) } }], { prefix: ["top"] }).options.x.loc,

  configThatIsNotAnAttrset: (c) =>
    cfg(c, [{ options: { x: c.mkOption({ default: 1 }) } }, { _file: "a.nix", config: 1 }]).x,

  definitionOfAGroupWithAScalar: (c) =>
    cfg(c, [{ options: { g: { x: c.mkOption({ default: 1 }) } } }, { _file: "a.nix", g: true }]).g
      .x,

  moduleArgsUnderMkIf: (c) =>
    cfg(c, [
      { options: { x: c.mkOption({ type: c.types.str }) } },
      { _module: { args: { v: c.mkIf(true, "conditional") } } },
      ({ v }: any) => ({ x: v }),
    ]).x,

  moduleArgsUnderMkIfFalseIsMissing: (c) =>
    cfg(c, [
      { options: { x: c.mkOption({ type: c.types.str }) } },
      { _module: { args: { v: c.mkIf(false, "conditional") } } },
      ({ v }: any) => ({ x: v }),
    ]).x,

  disabledModulesInsideSubmodule: (c) =>
    cfg(c, [
      {
        options: {
          s: c.mkOption({
            type: c.types.submoduleWith({
              modules: [
                { key: "/m/inner-default.nix", config: { v: "from the disabled module" } },
                { options: { v: c.mkOption({ default: "declared default" }) } },
              ],
            }),
            default: {},
          }),
        },
      },
      { s: { disabledModules: ["/m/inner-default.nix"] } },
    ]).s.v,

  renameOfAttrsOption: (c) =>
    cfg(c, [
      {
        options: {
          new: { hosts: c.mkOption({ type: c.types.attrsOf(c.types.str), default: {} }) },
        },
      },
      c.mkRenamedOptionModule(["old", "hosts"], ["new", "hosts"]),
      { old: { hosts: { a: "1.1.1.1" } } },
      { new: { hosts: { b: "2.2.2.2" } } },
    ]).new.hosts,

  aliasOfGroupMember: (c) =>
    cfg(c, [
      {
        options: {
          target: { value: c.mkOption({ type: c.types.listOf(c.types.int), default: [] }) },
        },
      },
      c.mkAliasOptionModule(["short"], ["target", "value"]),
      { short: [1] },
      { target: { value: [2] } },
    ]).target.value,

  emptyOptionNameIsAllowed: (c) =>
    cfg(c, [{ options: { "": c.mkOption({ default: "empty name" }) } }])[""],

  dottedOptionName: (c) =>
    cfg(c, [
      { options: { "a.b": c.mkOption({ type: c.types.int }) } },
      { _file: "a.nix", "a.b": "not an int" },
    ])["a.b"],

  unicodeValuesRoundTrip: (c) =>
    cfg(c, [{ options: { s: c.mkOption({ type: c.types.str }) } }, { s: "grüße, 世界" }]).s,

  largeButSafeInteger: (c) =>
    cfg(c, [{ options: { n: c.mkOption({ type: c.types.int }) } }, { n: 9007199254740991 }]).n,
};

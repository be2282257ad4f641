// Options, definitions, defaults and module shapes (twin of basics.nix).
import { attrNames, boom, type Cases, type Confed, cfg, ev } from "../case.ts";

const declInt = (c: Confed) => ({
  _file: "decl.nix",
  options: { x: c.mkOption({ type: c.types.int }) },
});

export const cases: Cases = {
  defaultUsed: (c) => cfg(c, [{ options: { x: c.mkOption({ type: c.types.int, default: 3 }) } }]).x,

  definitionBeatsDefault: (c) =>
    cfg(c, [{ options: { x: c.mkOption({ type: c.types.int, default: 3 }) } }, { x: 5 }]).x,

  nestedOptionsWholeConfig: (c) =>
    cfg(c, [
      {
        options: {
          a: {
            b: { c: c.mkOption({ type: c.types.str, default: "deep" }) },
            d: c.mkOption({ type: c.types.int, default: 1 }),
          },
        },
      },
    ]),

  shorthandModule: (c) => cfg(c, [declInt(c), { x: 7 }]).x,

  shorthandWithImportsAndFile: (c) => cfg(c, [{ _file: "b.nix", imports: [declInt(c)], x: 8 }]).x,

  explicitConfigAttribute: (c) => cfg(c, [declInt(c), { config: { x: 9 } }]).x,

  optionsAndConfigTogether: (c) =>
    cfg(c, [{ options: { x: c.mkOption({ type: c.types.int }) }, config: { x: 10 } }]).x,

  functionModule: (c) => cfg(c, [declInt(c), () => ({ x: 11 })]).x,

  functionModuleReadsConfig: (c) =>
    cfg(c, [
      ({ config }: any) => ({
        options: {
          a: c.mkOption({ type: c.types.int, default: 1 }),
          b: c.mkOption({ type: c.types.int }),
        },
        config: {
          get b() {
            return config.a + 1;
          },
        },
      }),
    ]),

  functionModuleReadsOptions: (c) =>
    cfg(c, [
      ({ options }: any) => ({
        options: {
          a: c.mkOption({ type: c.types.int, default: 1 }),
          b: c.mkOption({ type: c.types.bool }),
        },
        config: {
          get b() {
            return options.a.isDefined;
          },
        },
      }),
    ]).b,

  functionModuleGetsLib: (c) =>
    cfg(c, [
      ({ lib }: any) => ({
        options: { x: lib.mkOption({ type: lib.types.str }) },
        config: { x: lib.mkDefault("from lib") },
      }),
    ]).x,

  configHasOnlyDeclaredNames: (c) =>
    attrNames(
      cfg(c, [{ options: { b: c.mkOption({ default: 1 }), a: c.mkOption({ default: 2 }) } }]),
    ),

  emptyEvaluation: (c) => cfg(c, []),

  emptyModule: (c) => cfg(c, [{}, declInt(c), { x: 1 }]),

  undeclaredDefinition: (c) => cfg(c, [declInt(c), { _file: "a.nix", x: 1, y: 2 }]),

  undeclaredBreaksEveryRead: (c) =>
    cfg(c, [declInt(c), { x: 1 }, { _file: "a.nix", nope: true }]).x,

  undeclaredNested: (c) =>
    cfg(c, [
      { options: { a: { b: c.mkOption({ type: c.types.int, default: 1 }) } } },
      { _file: "a.nix", a: { c: 2 } },
    ]).a.b,

  undeclaredWithNoOptionsAtAll: (c) => cfg(c, [{ _file: "a.nix", config: { x: 1 } }]),

  undeclaredTwoFiles: (c) =>
    cfg(c, [
      { _file: "a.nix", y: 1 },
      { _file: "b.nix", y: 2 },
    ]),

  noValue: (c) => cfg(c, [declInt(c)]).x,

  noValueNested: (c) => cfg(c, [{ options: { a: { b: c.mkOption({ type: c.types.str }) } } }]).a.b,

  noValueUnreadIsFine: (c) =>
    cfg(c, [declInt(c), { options: { y: c.mkOption({ default: "y" }) } }]).y,

  noValueInWholeConfig: (c) =>
    cfg(c, [declInt(c), { options: { y: c.mkOption({ default: "y" }) } }]),

  nullDefault: (c) =>
    cfg(c, [{ options: { x: c.mkOption({ type: c.types.nullOr(c.types.int), default: null }) } }])
      .x,

  definitionOfNull: (c) =>
    cfg(c, [
      { options: { x: c.mkOption({ type: c.types.nullOr(c.types.str), default: "d" }) } },
      { x: null },
    ]).x,

  defaultIsTypeChecked: (c) =>
    cfg(c, [
      {
        _file: "a.nix",
        options: { x: c.mkOption({ type: c.types.int, default: "not an int" as any }) },
      },
    ]).x,

  equalStringsMerge: (c) =>
    cfg(c, [{ options: { x: c.mkOption({ type: c.types.str }) } }, { x: "same" }, { x: "same" }]).x,

  differentStringsConflict: (c) =>
    cfg(c, [
      { options: { x: c.mkOption({ type: c.types.str }) } },
      { _file: "a.nix", x: "one" },
      { _file: "b.nix", x: "two" },
    ]).x,

  differentIntsConflict: (c) =>
    cfg(c, [declInt(c), { _file: "a.nix", x: 1 }, { _file: "b.nix", x: 2 }]).x,

  typeErrorNamesFile: (c) => cfg(c, [declInt(c), { _file: "a.nix", x: "three" }]).x,

  typeErrorOnlyBadFileNamed: (c) =>
    cfg(c, [declInt(c), { _file: "good.nix", x: 1 }, { _file: "bad.nix", x: true }]).x,

  mkEnableOptionDefault: (c) =>
    cfg(c, [{ options: { enable: c.mkEnableOption("the thing") } }]).enable,

  mkEnableOptionSet: (c) =>
    cfg(c, [{ options: { enable: c.mkEnableOption("the thing") } }, { enable: true }]).enable,

  mkEnableOptionRejectsString: (c) =>
    cfg(c, [
      { options: { enable: c.mkEnableOption("the thing") } },
      { _file: "a.nix", enable: "yes" },
    ]).enable,

  userThrowInDefinition: (c) =>
    cfg(c, [
      declInt(c),
      {
        get x() {
          return boom("boom from a definition");
        },
      },
    ]).x,

  unusedThrowingDefinitionIsFine: (c) =>
    cfg(c, [
      declInt(c),
      { x: 1 },
      { options: { y: c.mkOption({ type: c.types.int }) } },
      {
        get y() {
          return boom("never read");
        },
      },
    ]).x,

  throwInDefaultOnlyWhenRead: (c) =>
    cfg(c, [
      declInt(c),
      { x: 2 },
      {
        options: {
          y: c.mkOption({
            get default() {
              return boom("default read");
            },
          }),
        },
      },
    ]).x,

  throwInDefaultRead: (c) =>
    cfg(c, [
      {
        options: {
          y: c.mkOption({
            get default() {
              return boom("default read");
            },
          }),
        },
      },
    ]).y,

  optionNamesWithDashes: (c) =>
    cfg(c, [{ options: { "my-opt": c.mkOption({ type: c.types.int, default: 4 }) } }])["my-opt"],

  mkDefinitionValue: (c) =>
    cfg(c, [declInt(c), { x: c.mkDefinition({ file: "elsewhere.nix", value: 4 }) }]).x,

  mkDefinitionFileInConflict: (c) =>
    cfg(c, [
      declInt(c),
      { _file: "a.nix", x: c.mkDefinition({ file: "elsewhere.nix", value: 1 }) },
      { _file: "b.nix", x: 2 },
    ]).x,

  mkDefinitionFilesRecorded: (c) =>
    ev(c, [declInt(c), { x: c.mkDefinition({ file: "elsewhere.nix", value: 1 }) }]).options.x.files,

  mkDefinitionWrapsMkForce: (c) =>
    cfg(c, [
      declInt(c),
      { x: c.mkDefinition({ file: "elsewhere.nix", value: c.mkForce(1) }) },
      { x: 2 },
    ]).x,

  mkMergeOfMkDefinitions: (c) =>
    cfg(c, [
      { options: { l: c.mkOption({ type: c.types.listOf(c.types.int) }) } },
      {
        l: c.mkMerge([
          c.mkDefinition({ file: "one.nix", value: [1] }),
          c.mkDefinition({ file: "two.nix", value: [2] }),
        ]),
      },
    ]).l,

  suggestionForTypo: (c) =>
    cfg(c, [
      {
        options: {
          services: {
            web: { enable: c.mkOption({ default: false }), port: c.mkOption({ default: 80 }) },
          },
        },
      },
      { _file: "a.nix", services: { web: { enabel: true } } },
    ]).services.web.port,

  configAttrIsAttrsetOfOptions: (c) =>
    attrNames(
      cfg(c, [
        {
          options: { group: { one: c.mkOption({ default: 1 }), two: c.mkOption({ default: 2 }) } },
        },
      ]).group,
    ),
};

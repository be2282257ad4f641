// imports, keys, disabledModules and non-modules (twin of imports.nix).
import { type Cases, type Confed, cfg, ev, type Omitted } from "../case.ts";

const declList = (c: Confed) => ({
  _file: "decl.nix",
  key: "decl",
  options: { l: c.mkOption({ type: c.types.listOf(c.types.str), default: [] }) },
});
const keyed = () => ({ key: "keyed", l: ["keyed"] });
// Keys look like absolute paths, as in the Nix twin (a relative string in disabledModules is
// resolved against `modulesPath` there).
const declEnable = (c: Confed) => ({
  key: "/m/declare-enable.nix",
  _file: "declare-enable.nix",
  options: { enable: c.mkOption({ type: c.types.bool, default: false }) },
});
const defineEnable = () => ({
  key: "/m/define-enable.nix",
  _file: "define-enable.nix",
  enable: true,
});

export const omitted: Omitted = {
  importsDependOnConfigIsRecursion:
    "a truth test on a collection-time reference (`config.enable ? … : …`) cannot be observed in JavaScript, so imports that depend on config through a condition are not detected (README, laziness idioms)",
  // MODULES.md, "Module identity": one JavaScript value appearing twice is collected once.
  sameValueWithoutKeyTwice:
    "module identity: confed collects one module value once; Nix keys an anonymous module by its position",
  // MODULES.md, "Module identity": confed has no `modulesPath` argument; a relative string names
  // a built-in module under src/modules.
  disableRelativeStringUsesModulesPath:
    "module identity: relative disabledModules strings name confed's built-in modules, not modulesPath",
};

export const cases: Cases = {
  importedOptionVisible: (c) => cfg(c, [{ imports: [declList(c)], l: ["x"] }]).l,

  sameKeyCollectedOnce: (c) => cfg(c, [declList(c), keyed(), keyed()]).l,

  sameKeyFromTwoImporters: (c) =>
    cfg(c, [declList(c), { imports: [keyed()] }, { imports: [keyed()] }]).l,

  sameKeyFirstWins: (c) =>
    cfg(c, [declList(c), { key: "k", l: ["first"] }, { key: "k", l: ["second"] }]).l,

  sameKeyFirstInBreadthFirstOrder: (c) =>
    cfg(c, [declList(c), { imports: [{ key: "k", l: ["nested"] }] }, { key: "k", l: ["top"] }]).l,

  declarationImportedTwiceByKey: (c) =>
    cfg(c, [{ imports: [declList(c)] }, { imports: [declList(c)] }, { l: ["ok"] }]).l,

  sameDeclarationWithoutKeyTwice: (c) =>
    cfg(c, [
      { _file: "twice.nix", options: { x: c.mkOption({ type: c.types.int, default: 1 }) } },
      { _file: "twice.nix", options: { x: c.mkOption({ type: c.types.int, default: 1 }) } },
    ]).x,

  anonymousModulesNotDeduplicated: (c) => cfg(c, [declList(c), { l: ["same"] }, { l: ["same"] }]).l,

  disableByKey: (c) =>
    cfg(c, [declEnable(c), defineEnable(), { disabledModules: ["/m/define-enable.nix"] }]).enable,

  disableByKeyFromImport: (c) =>
    cfg(c, [
      declEnable(c),
      { imports: [defineEnable()] },
      { imports: [{ disabledModules: ["/m/define-enable.nix"] }] },
    ]).enable,

  disableByAttrsetWithKey: (c) =>
    cfg(c, [declEnable(c), defineEnable(), { disabledModules: [{ key: "/m/define-enable.nix" }] }])
      .enable,

  disableDeclarationMakesDefinitionUndeclared: (c) =>
    cfg(c, [declEnable(c), defineEnable(), { disabledModules: ["/m/declare-enable.nix"] }]).enable,

  disableAlsoDropsItsImports: (c) =>
    cfg(c, [
      declEnable(c),
      { key: "/m/parent.nix", imports: [defineEnable()] },
      { disabledModules: ["/m/parent.nix"] },
    ]).enable,

  disableUnknownKeyIsFine: (c) =>
    cfg(c, [declEnable(c), defineEnable(), { disabledModules: ["/m/no-such-module.nix"] }]).enable,

  disabledModuleMayDisableOthers: (c) =>
    cfg(c, [
      declEnable(c),
      { key: "/m/disabler.nix", disabledModules: ["/m/define-enable.nix"] },
      defineEnable(),
      { disabledModules: ["/m/disabler.nix"] },
    ]).enable,

  disableWithAttrsetWithoutKey: (c) =>
    cfg(c, [declEnable(c), { _file: "a.nix", disabledModules: [{ enable: true }] }]).enable,

  unsupportedTopLevelAttribute: (c) =>
    cfg(c, [declEnable(c), { _file: "a.nix", options: {}, enable: true }]).enable,

  unsupportedNextToConfig: (c) =>
    cfg(c, [declEnable(c), { _file: "a.nix", config: { enable: true }, extra: 1 }]).enable,

  nestedListInImports: (c) => cfg(c, [declEnable(c), { imports: [[defineEnable()]] }]).enable,

  numberIsNotAModule: (c) => cfg(c, [declEnable(c), { imports: [42] }]).enable,

  disableRelativeStringWithoutModulesPath: (c) =>
    cfg(c, [declEnable(c), defineEnable(), { disabledModules: ["define-enable.nix"] }]).enable,

  configurationIsNotAModule: (c) =>
    cfg(c, [declEnable(c), { imports: [ev(c, [declEnable(c)])] }]).enable,

  mkMergeInImportsIsAnError: (c) =>
    cfg(c, [declEnable(c), { imports: [c.mkMerge([defineEnable()])] }]).enable,

  mkIfInImportsIsAModule: (c) =>
    cfg(c, [declEnable(c), { imports: [c.mkIf(true, { enable: true })] }]).enable,

  mkOverrideAsModule: (c) =>
    cfg(c, [declEnable(c), c.mkForce({ enable: true }), { enable: false }]).enable,

  functionReturningImports: (c) =>
    cfg(c, [() => ({ imports: [declEnable(c)] }), defineEnable()]).enable,

  importsDependOnSpecialArgs: (c) =>
    cfg(c, [declEnable(c), ({ useIt }: any) => ({ imports: useIt ? [defineEnable()] : [] })], {
      specialArgs: { useIt: true },
    }).enable,

  keyedFunctionModuleOnce: (c) => {
    const m = { key: "fn", imports: [() => ({ l: ["fn"] })] };
    return cfg(c, [declList(c), m, m]).l;
  },

  classMismatch: (c) =>
    cfg(c, [declEnable(c), { _file: "home.nix", _class: "homeManager", enable: true }], {
      class: "nixos",
    }).enable,

  classMatch: (c) =>
    cfg(c, [declEnable(c), { _class: "nixos", enable: true }], { class: "nixos" }).enable,

  classAbsentIsFine: (c) => cfg(c, [declEnable(c), { enable: true }], { class: "nixos" }).enable,

  classOfImportedModule: (c) =>
    cfg(c, [declEnable(c), { imports: [{ _file: "home.nix", _class: "homeManager" }] }], {
      class: "nixos",
    }).enable,

  classWithoutEvalClass: (c) =>
    cfg(c, [declEnable(c), { _class: "homeManager", enable: true }]).enable,
};

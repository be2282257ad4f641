# imports, deduplication by key, disabledModules, and values that are not modules.
{ lib }:
let
  inherit (lib) mkOption types;
  eval = modules: lib.evalModules { inherit modules; };
  cfg = modules: (eval modules).config;
  declList = {
    _file = "decl.nix";
    key = "decl";
    options.l = mkOption {
      type = types.listOf types.str;
      default = [ ];
    };
  };
  keyed = {
    key = "keyed";
    l = [ "keyed" ];
  };
  # Keys look like absolute paths: a relative string in disabledModules is resolved against
  # `modulesPath` in Nix, an absolute one is compared with the key as it is.
  declEnable = {
    key = "/m/declare-enable.nix";
    _file = "declare-enable.nix";
    options.enable = mkOption {
      type = types.bool;
      default = false;
    };
  };
  defineEnable = {
    key = "/m/define-enable.nix";
    _file = "define-enable.nix";
    enable = true;
  };
in
{
  importedOptionVisible =
    (cfg [
      {
        imports = [ declList ];
        l = [ "x" ];
      }
    ]).l;

  sameKeyCollectedOnce =
    (cfg [
      declList
      keyed
      keyed
    ]).l;

  sameKeyFromTwoImporters =
    (cfg [
      declList
      { imports = [ keyed ]; }
      { imports = [ keyed ]; }
    ]).l;

  sameKeyFirstWins =
    (cfg [
      declList
      {
        key = "k";
        l = [ "first" ];
      }
      {
        key = "k";
        l = [ "second" ];
      }
    ]).l;

  sameKeyFirstInBreadthFirstOrder =
    (cfg [
      declList
      {
        imports = [
          {
            key = "k";
            l = [ "nested" ];
          }
        ];
      }
      {
        key = "k";
        l = [ "top" ];
      }
    ]).l;

  declarationImportedTwiceByKey =
    (cfg [
      { imports = [ declList ]; }
      { imports = [ declList ]; }
      { l = [ "ok" ]; }
    ]).l;

  sameDeclarationWithoutKeyTwice =
    (cfg [
      {
        _file = "twice.nix";
        options.x = mkOption {
          type = types.int;
          default = 1;
        };
      }
      {
        _file = "twice.nix";
        options.x = mkOption {
          type = types.int;
          default = 1;
        };
      }
    ]).x;

  anonymousModulesNotDeduplicated =
    (cfg [
      declList
      { l = [ "same" ]; }
      { l = [ "same" ]; }
    ]).l;

  # The same value twice, without a key: Nix keys it by position, so it is collected twice.
  sameValueWithoutKeyTwice =
    let
      m = {
        l = [ "same" ];
      };
    in
    (cfg [
      declList
      m
      m
    ]).l;

  disableByKey =
    (cfg [
      declEnable
      defineEnable
      { disabledModules = [ "/m/define-enable.nix" ]; }
    ]).enable;

  disableByKeyFromImport =
    (cfg [
      declEnable
      { imports = [ defineEnable ]; }
      {
        imports = [ { disabledModules = [ "/m/define-enable.nix" ]; } ];
      }
    ]).enable;

  disableByAttrsetWithKey =
    (cfg [
      declEnable
      defineEnable
      { disabledModules = [ { key = "/m/define-enable.nix"; } ]; }
    ]).enable;

  disableDeclarationMakesDefinitionUndeclared =
    (cfg [
      declEnable
      defineEnable
      { disabledModules = [ "/m/declare-enable.nix" ]; }
    ]).enable;

  disableAlsoDropsItsImports =
    (cfg [
      declEnable
      {
        key = "/m/parent.nix";
        imports = [ defineEnable ];
      }
      { disabledModules = [ "/m/parent.nix" ]; }
    ]).enable;

  disableUnknownKeyIsFine =
    (cfg [
      declEnable
      defineEnable
      { disabledModules = [ "/m/no-such-module.nix" ]; }
    ]).enable;

  disabledModuleMayDisableOthers =
    (cfg [
      declEnable
      {
        key = "/m/disabler.nix";
        disabledModules = [ "/m/define-enable.nix" ];
      }
      defineEnable
      { disabledModules = [ "/m/disabler.nix" ]; }
    ]).enable;

  disableWithAttrsetWithoutKey =
    (cfg [
      declEnable
      {
        _file = "a.nix";
        disabledModules = [ { enable = true; } ];
      }
    ]).enable;

  unsupportedTopLevelAttribute =
    (cfg [
      declEnable
      {
        _file = "a.nix";
        options = { };
        enable = true;
      }
    ]).enable;

  unsupportedNextToConfig =
    (cfg [
      declEnable
      {
        _file = "a.nix";
        config.enable = true;
        extra = 1;
      }
    ]).enable;

  nestedListInImports =
    (cfg [
      declEnable
      { imports = [ [ defineEnable ] ]; }
    ]).enable;

  numberIsNotAModule =
    (cfg [
      declEnable
      { imports = [ 42 ]; }
    ]).enable;

  disableRelativeStringUsesModulesPath =
    (lib.evalModules {
      specialArgs.modulesPath = "/m";
      modules = [
        declEnable
        defineEnable
        { disabledModules = [ "define-enable.nix" ]; }
      ];
    }).config.enable;

  disableRelativeStringWithoutModulesPath =
    (cfg [
      declEnable
      defineEnable
      { disabledModules = [ "define-enable.nix" ]; }
    ]).enable;

  configurationIsNotAModule =
    (cfg [
      declEnable
      { imports = [ (eval [ declEnable ]) ]; }
    ]).enable;

  mkMergeInImportsIsAnError =
    (cfg [
      declEnable
      { imports = [ (lib.mkMerge [ defineEnable ]) ]; }
    ]).enable;

  mkIfInImportsIsAModule =
    (cfg [
      declEnable
      { imports = [ (lib.mkIf true { enable = true; }) ]; }
    ]).enable;

  mkOverrideAsModule =
    (cfg [
      declEnable
      (lib.mkForce { enable = true; })
      { enable = false; }
    ]).enable;

  functionReturningImports =
    (cfg [
      ({ ... }: { imports = [ declEnable ]; })
      defineEnable
    ]).enable;

  importsDependOnSpecialArgs =
    (lib.evalModules {
      specialArgs.useIt = true;
      modules = [
        declEnable
        ({ useIt, ... }: { imports = if useIt then [ defineEnable ] else [ ]; })
      ];
    }).config.enable;

  importsDependOnConfigIsRecursion =
    (cfg [
      declEnable
      ({ config, ... }: { imports = if config.enable then [ defineEnable ] else [ ]; })
    ]).enable;

  keyedFunctionModuleOnce =
    let
      m = {
        key = "fn";
        imports = [ ({ ... }: { l = [ "fn" ]; }) ];
      };
    in
    (cfg [
      declList
      m
      m
    ]).l;

  classMismatch =
    (lib.evalModules {
      class = "nixos";
      modules = [
        declEnable
        {
          _file = "home.nix";
          _class = "homeManager";
          enable = true;
        }
      ];
    }).config.enable;

  classMatch =
    (lib.evalModules {
      class = "nixos";
      modules = [
        declEnable
        {
          _class = "nixos";
          enable = true;
        }
      ];
    }).config.enable;

  classAbsentIsFine =
    (lib.evalModules {
      class = "nixos";
      modules = [
        declEnable
        { enable = true; }
      ];
    }).config.enable;

  classOfImportedModule =
    (lib.evalModules {
      class = "nixos";
      modules = [
        declEnable
        {
          imports = [
            {
              _file = "home.nix";
              _class = "homeManager";
            }
          ];
        }
      ];
    }).config.enable;

  classWithoutEvalClass =
    (cfg [
      declEnable
      {
        _class = "homeManager";
        enable = true;
      }
    ]).enable;
}

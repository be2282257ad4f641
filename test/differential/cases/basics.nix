# Options, definitions, defaults and module shapes.
{ lib }:
let
  inherit (lib) mkOption types;
  eval = modules: lib.evalModules { inherit modules; };
  cfg = modules: (eval modules).config;
  declInt = {
    _file = "decl.nix";
    options.x = mkOption { type = types.int; };
  };
in
{
  defaultUsed = (cfg [ { options.x = mkOption { type = types.int; default = 3; }; } ]).x;

  definitionBeatsDefault =
    (cfg [
      { options.x = mkOption { type = types.int; default = 3; }; }
      { x = 5; }
    ]).x;

  nestedOptionsWholeConfig = cfg [
    {
      options.a.b.c = mkOption { type = types.str; default = "deep"; };
      options.a.d = mkOption { type = types.int; default = 1; };
    }
  ];

  shorthandModule =
    (cfg [
      declInt
      { x = 7; }
    ]).x;

  shorthandWithImportsAndFile =
    (cfg [
      {
        _file = "b.nix";
        imports = [ declInt ];
        x = 8;
      }
    ]).x;

  explicitConfigAttribute =
    (cfg [
      declInt
      { config.x = 9; }
    ]).x;

  optionsAndConfigTogether =
    (cfg [
      {
        options.x = mkOption { type = types.int; };
        config.x = 10;
      }
    ]).x;

  functionModule =
    (cfg [
      declInt
      ({ ... }: { x = 11; })
    ]).x;

  functionModuleReadsConfig = cfg [
    (
      { config, ... }:
      {
        options.a = mkOption { type = types.int; default = 1; };
        options.b = mkOption { type = types.int; };
        config.b = config.a + 1;
      }
    )
  ];

  functionModuleReadsOptions =
    (cfg [
      (
        { options, ... }:
        {
          options.a = mkOption { type = types.int; default = 1; };
          options.b = mkOption { type = types.bool; };
          config.b = options.a.isDefined;
        }
      )
    ]).b;

  functionModuleGetsLib =
    (cfg [
      (
        { lib, ... }:
        {
          options.x = lib.mkOption { type = lib.types.str; };
          config.x = lib.mkDefault "from lib";
        }
      )
    ]).x;

  configHasOnlyDeclaredNames = builtins.attrNames (cfg [
    {
      options.b = mkOption { default = 1; };
      options.a = mkOption { default = 2; };
    }
  ]);

  emptyEvaluation = cfg [ ];

  emptyModule = cfg [
    { }
    declInt
    { x = 1; }
  ];

  undeclaredDefinition = cfg [
    declInt
    {
      _file = "a.nix";
      x = 1;
      y = 2;
    }
  ];

  undeclaredBreaksEveryRead =
    (cfg [
      declInt
      { x = 1; }
      {
        _file = "a.nix";
        nope = true;
      }
    ]).x;

  undeclaredNested =
    (cfg [
      {
        options.a.b = mkOption { type = types.int; default = 1; };
      }
      {
        _file = "a.nix";
        a.c = 2;
      }
    ]).a.b;

  undeclaredWithNoOptionsAtAll = cfg [
    {
      _file = "a.nix";
      config.x = 1;
    }
  ];

  undeclaredTwoFiles = cfg [
    {
      _file = "a.nix";
      y = 1;
    }
    {
      _file = "b.nix";
      y = 2;
    }
  ];

  noValue = (cfg [ declInt ]).x;

  noValueNested =
    (cfg [
      { options.a.b = mkOption { type = types.str; }; }
    ]).a.b;

  noValueUnreadIsFine =
    (cfg [
      declInt
      { options.y = mkOption { default = "y"; }; }
    ]).y;

  noValueInWholeConfig = cfg [
    declInt
    { options.y = mkOption { default = "y"; }; }
  ];

  nullDefault = (cfg [ { options.x = mkOption { type = types.nullOr types.int; default = null; }; } ]).x;

  definitionOfNull =
    (cfg [
      { options.x = mkOption { type = types.nullOr types.str; default = "d"; }; }
      { x = null; }
    ]).x;

  defaultIsTypeChecked =
    (cfg [
      {
        _file = "a.nix";
        options.x = mkOption {
          type = types.int;
          default = "not an int";
        };
      }
    ]).x;

  equalStringsMerge =
    (cfg [
      { options.x = mkOption { type = types.str; }; }
      { x = "same"; }
      { x = "same"; }
    ]).x;

  differentStringsConflict =
    (cfg [
      { options.x = mkOption { type = types.str; }; }
      {
        _file = "a.nix";
        x = "one";
      }
      {
        _file = "b.nix";
        x = "two";
      }
    ]).x;

  differentIntsConflict =
    (cfg [
      declInt
      {
        _file = "a.nix";
        x = 1;
      }
      {
        _file = "b.nix";
        x = 2;
      }
    ]).x;

  typeErrorNamesFile =
    (cfg [
      declInt
      {
        _file = "a.nix";
        x = "three";
      }
    ]).x;

  typeErrorOnlyBadFileNamed =
    (cfg [
      declInt
      {
        _file = "good.nix";
        x = 1;
      }
      {
        _file = "bad.nix";
        x = true;
      }
    ]).x;

  mkEnableOptionDefault = (cfg [ { options.enable = lib.mkEnableOption "the thing"; } ]).enable;

  mkEnableOptionSet =
    (cfg [
      { options.enable = lib.mkEnableOption "the thing"; }
      { enable = true; }
    ]).enable;

  mkEnableOptionRejectsString =
    (cfg [
      { options.enable = lib.mkEnableOption "the thing"; }
      {
        _file = "a.nix";
        enable = "yes";
      }
    ]).enable;

  userThrowInDefinition =
    (cfg [
      declInt
      { x = throw "boom from a definition"; }
    ]).x;

  unusedThrowingDefinitionIsFine =
    (cfg [
      declInt
      { x = 1; }
      { options.y = mkOption { type = types.int; }; }
      { y = throw "never read"; }
    ]).x;

  throwInDefaultOnlyWhenRead =
    (cfg [
      declInt
      { x = 2; }
      { options.y = mkOption { default = throw "default read"; }; }
    ]).x;

  throwInDefaultRead =
    (cfg [
      { options.y = mkOption { default = throw "default read"; }; }
    ]).y;

  optionNamesWithDashes =
    (cfg [
      { options.my-opt = mkOption { type = types.int; default = 4; }; }
    ]).my-opt;

  mkDefinitionValue =
    (cfg [
      declInt
      {
        x = lib.mkDefinition {
          file = "elsewhere.nix";
          value = 4;
        };
      }
    ]).x;

  mkDefinitionFileInConflict =
    (cfg [
      declInt
      {
        _file = "a.nix";
        x = lib.mkDefinition {
          file = "elsewhere.nix";
          value = 1;
        };
      }
      {
        _file = "b.nix";
        x = 2;
      }
    ]).x;

  mkDefinitionFilesRecorded =
    (eval [
      declInt
      {
        x = lib.mkDefinition {
          file = "elsewhere.nix";
          value = 1;
        };
      }
    ]).options.x.files;

  mkDefinitionWrapsMkForce =
    (cfg [
      declInt
      {
        x = lib.mkDefinition {
          file = "elsewhere.nix";
          value = lib.mkForce 1;
        };
      }
      { x = 2; }
    ]).x;

  mkMergeOfMkDefinitions =
    (cfg [
      { options.l = mkOption { type = types.listOf types.int; }; }
      {
        l = lib.mkMerge [
          (lib.mkDefinition {
            file = "one.nix";
            value = [ 1 ];
          })
          (lib.mkDefinition {
            file = "two.nix";
            value = [ 2 ];
          })
        ];
      }
    ]).l;

  suggestionForTypo =
    (cfg [
      {
        options.services.web.enable = mkOption { default = false; };
        options.services.web.port = mkOption { default = 80; };
      }
      {
        _file = "a.nix";
        services.web.enabel = true;
      }
    ]).services.web.port;

  configAttrIsAttrsetOfOptions = builtins.attrNames (cfg [
    {
      options.group.one = mkOption { default = 1; };
      options.group.two = mkOption { default = 2; };
    }
  ]).group;
}

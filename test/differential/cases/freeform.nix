# _module.freeformType and _module.check.
{ lib }:
let
  inherit (lib) mkOption types mkIf;
  eval = modules: lib.evalModules { inherit modules; };
  cfg = modules: (eval modules).config;
  freeStr = {
    _file = "free.nix";
    config._module.freeformType = types.attrsOf types.str;
  };
  freeLazyStr = {
    _file = "free.nix";
    config._module.freeformType = types.lazyAttrsOf types.str;
  };
in
{
  freeformAcceptsUndeclared =
    (cfg [
      freeStr
      { anything = "goes"; }
    ]).anything;

  freeformWholeConfig = cfg [
    freeStr
    { a = "1"; }
    { b = "2"; }
  ];

  freeformEmpty = cfg [ freeStr ];

  freeformTypeChecked =
    (cfg [
      freeStr
      {
        _file = "a.nix";
        bad = 1;
      }
    ]).bad;

  freeformTypeErrorBreaksWholeConfig = cfg [
    freeStr
    {
      _file = "a.nix";
      bad = 1;
    }
  ];

  freeformMergesSameKey =
    (cfg [
      freeStr
      {
        _file = "a.nix";
        k = "one";
      }
      {
        _file = "b.nix";
        k = "two";
      }
    ]).k;

  freeformWithDeclaredOption = cfg [
    freeStr
    {
      options.enable = mkOption {
        type = types.bool;
        default = false;
      };
    }
    { free = "value"; }
  ];

  freeformDeclaredOptionKeepsItsType =
    (cfg [
      freeStr
      {
        options.count = mkOption { type = types.int; };
      }
      { count = 3; }
    ]).count;

  freeformPropertiesApplied = cfg [
    freeStr
    {
      shown = mkIf true "yes";
      hidden = mkIf false "no";
    }
  ];

  freeformPriorities =
    (cfg [
      freeStr
      { k = lib.mkDefault "weak"; }
      { k = "strong"; }
    ]).k;

  freeformUnderDeclaredGroupTypeError = cfg [
    freeStr
    {
      options.nest.declared = mkOption {
        type = types.bool;
        default = false;
      };
    }
    { nest.other = "x"; }
  ];

  freeformListValues =
    (cfg [
      { _module.freeformType = types.attrsOf (types.listOf types.int); }
      { l = [ 1 ]; }
      { l = [ 2 ]; }
    ]).l;

  freeformDeclaredReadsFreeform =
    (cfg [
      freeStr
      (
        { config, ... }:
        {
          options.derived = mkOption { type = types.str; };
          config.derived = "got ${config.source}";
        }
      )
      { source = "freeform"; }
    ]).derived;

  freeformValueReadsDeclaredIsRecursion =
    (cfg [
      freeStr
      (
        { config, ... }:
        {
          options.declared = mkOption {
            type = types.str;
            default = "d";
          };
          config.free = config.declared;
        }
      )
    ]).free;

  lazyFreeformValueReadsDeclared =
    (cfg [
      freeLazyStr
      (
        { config, ... }:
        {
          options.declared = mkOption {
            type = types.str;
            default = "d";
          };
          config.free = config.declared;
        }
      )
    ]).free;

  freeformInSubmodule =
    (cfg [
      {
        options.settings = mkOption {
          type = types.submodule {
            freeformType = types.attrsOf types.int;
            options.port = mkOption {
              type = types.port;
              default = 80;
            };
          };
          default = { };
        };
      }
      { settings.workers = 4; }
    ]).settings;

  freeformInSubmoduleTypeError =
    (cfg [
      {
        options.settings = mkOption {
          type = types.submodule { freeformType = types.attrsOf types.int; };
          default = { };
        };
      }
      {
        _file = "a.nix";
        settings.workers = "four";
      }
    ]).settings;

  freeformAnythingDeep =
    (cfg [
      { _module.freeformType = types.attrsOf types.anything; }
      { a.b = 1; }
      { a.c = 2; }
    ]).a;

  checkFalseAllowsUndeclared =
    (cfg [
      { _module.check = false; }
      {
        options.x = mkOption {
          type = types.int;
          default = 1;
        };
      }
      { undeclared = true; }
    ]).x;

  checkFalseUndeclaredNotInConfig = cfg [
    { _module.check = false; }
    {
      options.x = mkOption {
        type = types.int;
        default = 1;
      };
    }
    { undeclared = true; }
  ];

  checkFalseStillChecksTypes =
    (cfg [
      { _module.check = false; }
      {
        options.x = mkOption { type = types.int; };
      }
      {
        _file = "a.nix";
        x = "s";
      }
    ]).x;

  checkFalseInSubmoduleOnly =
    (cfg [
      {
        options.s = mkOption {
          type = types.submodule {
            config._module.check = false;
            options.a = mkOption { default = 1; };
          };
          default = { };
        };
      }
      { s.undeclared = 2; }
    ]).s;

  checkFalseOuterDoesNotReachSubmodule =
    (cfg [
      { _module.check = false; }
      {
        options.s = mkOption {
          type = types.submodule { options.a = mkOption { default = 1; }; };
          default = { };
        };
      }
      {
        _file = "a.nix";
        s.undeclared = 2;
      }
    ]).s;

  checkMkDefaultFalse =
    (cfg [
      { _module.check = lib.mkDefault false; }
      {
        options.x = mkOption { default = 1; };
      }
      { y = 2; }
    ]).x;

  checkReadsConfig =
    (cfg [
      (
        { config, ... }:
        {
          options.strict = mkOption {
            type = types.bool;
            default = false;
          };
          config._module.check = config.strict;
        }
      )
      { y = 2; }
    ]).strict;
}

# Module arguments: _module.args, specialArgs, the built-in ones, and missing ones.
{ lib }:
let
  inherit (lib) mkOption types;
  eval = modules: lib.evalModules { inherit modules; };
  cfg = modules: (eval modules).config;
  declStr = {
    _file = "decl.nix";
    options.x = mkOption { type = types.str; };
  };
in
{
  moduleArgsProvideValue =
    (cfg [
      declStr
      { _module.args.greeting = "hello"; }
      ({ greeting, ... }: { x = greeting; })
    ]).x;

  moduleArgsFromSameModule =
    (cfg [
      declStr
      (
        { own, ... }:
        {
          _module.args.own = "mine";
          x = own;
        }
      )
    ]).x;

  moduleArgsReadConfig =
    (cfg [
      declStr
      { options.y = mkOption { default = "from y"; }; }
      ({ config, ... }: { _module.args.fromConfig = config.y; })
      ({ fromConfig, ... }: { x = fromConfig; })
    ]).x;

  moduleArgsAttrsMerge =
    (cfg [
      declStr
      { _module.args.a = "A"; }
      { _module.args.b = "B"; }
      ({ a, b, ... }: { x = a + b; })
    ]).x;

  moduleArgsMkDefault =
    (cfg [
      declStr
      { _module.args.v = lib.mkDefault "weak"; }
      { _module.args.v = "strong"; }
      ({ v, ... }: { x = v; })
    ]).x;

  moduleArgsConflict =
    (cfg [
      declStr
      { _module.args.v = "one"; }
      { _module.args.v = "two"; }
      ({ v, ... }: { x = v; })
    ]).x;

  specialArgsProvideValue =
    (lib.evalModules {
      specialArgs.greeting = "special";
      modules = [
        declStr
        ({ greeting, ... }: { x = greeting; })
      ];
    }).config.x;

  specialArgsWinOverModuleArgs =
    (lib.evalModules {
      specialArgs.v = "special";
      modules = [
        declStr
        { _module.args.v = "module"; }
        ({ v, ... }: { x = v; })
      ];
    }).config.x;

  specialArgsUsableInImports =
    (lib.evalModules {
      specialArgs.extra = {
        x = "imported via specialArgs";
      };
      modules = [
        declStr
        ({ extra, ... }: { imports = [ extra ]; })
      ];
    }).config.x;

  moduleArgsInImportsIsRecursion =
    (cfg [
      declStr
      { _module.args.extra = { x = "never"; }; }
      ({ extra, ... }: { imports = [ extra ]; })
    ]).x;

  missingArgument =
    (cfg [
      declStr
      {
        _file = "a.nix";
        imports = [ ({ nowhere, ... }: { x = nowhere; }) ];
      }
    ]).x;

  missingArgumentUnusedIsFine =
    (cfg [
      declStr
      ({ nowhere, ... }: { x = "unused"; })
    ]).x;

  missingArgumentInWholeConfig = cfg [
    declStr
    ({ nowhere, ... }: { x = nowhere; })
  ];

  argumentWithDefaultStillLooked =
    (cfg [
      declStr
      ({ v ? "fallback", ... }: { x = v; })
    ]).x;

  argumentWithDefaultProvided =
    (cfg [
      declStr
      { _module.args.v = "given"; }
      ({ v ? "fallback", ... }: { x = v; })
    ]).x;

  libArgumentIsLib =
    (cfg [
      declStr
      (
        { lib, ... }:
        {
          x = if lib ? mkOption && lib ? types && lib ? mkIf then "has the module functions" else "no";
        }
      )
    ]).x;

  optionsArgument =
    (cfg [
      declStr
      ({ options, ... }: { x = lib.concatStringsSep "." options.x.loc; })
    ]).x;

  moduleArgsInSubmoduleNotInherited =
    (cfg [
      { _module.args.outer = "outer"; }
      {
        options.s = mkOption {
          type = types.submodule (
            { outer, ... }:
            {
              options.y = mkOption {
                type = types.str;
                default = outer;
              };
            }
          );
          default = { };
        };
      }
    ]).s.y;

  specialArgsNotVisibleInSubmodule =
    (lib.evalModules {
      specialArgs.outer = "outer";
      modules = [
        {
          options.s = mkOption {
            type = types.submodule (
              { outer, ... }:
              {
                options.y = mkOption {
                  type = types.str;
                  default = outer;
                };
              }
            );
            default = { };
          };
        }
      ];
    }).config.s.y;

  nameArgumentUsedDirectly =
    (cfg [
      {
        options.s = mkOption {
          type = types.attrsOf (
            types.submodule (
              { name, ... }:
              {
                options.y = mkOption {
                  type = types.str;
                  default = "i am ${name}";
                };
              }
            )
          );
        };
      }
      { s.alice = { }; }
    ]).s.alice.y;

  submoduleOwnModuleArgs =
    (cfg [
      {
        options.s = mkOption {
          type = types.submodule (
            { inner, ... }:
            {
              options.y = mkOption {
                type = types.str;
                default = inner;
              };
              config._module.args.inner = "inner";
            }
          );
          default = { };
        };
      }
    ]).s.y;

  submoduleWithSpecialArgs =
    (cfg [
      {
        options.s = mkOption {
          type = types.submoduleWith {
            specialArgs.given = "given";
            modules = [
              (
                { given, ... }:
                {
                  options.y = mkOption {
                    type = types.str;
                    default = given;
                  };
                }
              )
            ];
          };
          default = { };
        };
      }
    ]).s.y;

  nameArgumentInAttrsOfSubmodule =
    (cfg [
      {
        options.s = mkOption {
          type = types.attrsOf (
            types.submodule (
              { name, ... }:
              {
                options.y = mkOption {
                  type = types.str;
                  default = "i am ${name}";
                };
              }
            )
          );
        };
      }
      { s.alice = { }; }
    ]).s.alice.y;

  moduleArgsFromSubmoduleToOuterDoesNotLeak =
    (cfg [
      declStr
      {
        options.s = mkOption {
          type = types.submodule { config._module.args.leaked = "leaked"; };
          default = { };
        };
      }
      ({ leaked, ... }: { x = leaked; })
    ]).x;

  moduleArgsValueIsLazy =
    (cfg [
      declStr
      { _module.args.broken = throw "never forced"; }
      ({ broken, ... }: { x = "fine"; })
    ]).x;

  moduleArgsVisibleInConfig =
    (cfg [
      declStr
      { _module.args.greeting = "hi"; }
      ({ config, ... }: { x = config._module.args.greeting; })
    ]).x;

  specialArgsLibOverride =
    (lib.evalModules {
      specialArgs.lib = lib // {
        marker = "custom lib";
      };
      modules = [
        declStr
        ({ lib, ... }: { x = lib.marker; })
      ];
    }).config.x;

  moduleWithoutFormalsGetsConfig =
    (cfg [
      declStr
      { options.y = mkOption { default = "from y"; }; }
      (args: { x = args.config.y; })
    ]).x;

  moduleWithoutFormalsGetsOnlyNamedArgs =
    (cfg [
      declStr
      { _module.args.custom = "custom"; }
      (args: { x = args.custom or "absent"; })
    ]).x;
}

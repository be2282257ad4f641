# types.submoduleWith (shorthandOnlyDefinesConfig, specialArgs, several modules) and
# types.deferredModule.
{ lib }:
let
  inherit (lib) mkOption types mkIf;
  eval = modules: lib.evalModules { inherit modules; };
  cfg = modules: (eval modules).config;
  inner = {
    options.config = mkOption {
      type = types.bool;
      default = false;
    };
    options.n = mkOption {
      type = types.int;
      default = 0;
    };
  };
  declWith = shorthand: {
    _file = "decl.nix";
    options.s = mkOption {
      type = types.submoduleWith {
        modules = [ inner ];
        shorthandOnlyDefinesConfig = shorthand;
      };
      default = { };
    };
  };
  declDeferred = {
    _file = "decl.nix";
    options.deferred = mkOption {
      type = types.deferredModule;
      default = { };
    };
    options.nodes = mkOption {
      type = types.attrsOf (
        types.submodule {
          options.settings = mkOption {
            type = types.attrsOf types.str;
            default = { };
          };
        }
      );
      default = { };
    };
  };
  # Nodes built from the deferred module: it is imported into every node.
  useDeferred =
    { config, ... }:
    {
      options.built = mkOption {
        type = types.lazyAttrsOf types.raw;
        readOnly = true;
      };
      config.built = lib.mapAttrs (
        name: _:
        (lib.evalModules {
          modules = [
            { _module.args.name = name; }
            {
              options.settings = mkOption {
                type = types.attrsOf types.str;
                default = { };
              };
            }
            config.deferred
          ];
        }).config.settings
      ) config.nodes;
    };
in
{
  shorthandTrueConfigIsAnOption =
    (cfg [
      (declWith true)
      { s.config = true; }
    ]).s.config;

  shorthandFalseConfigIsStructure =
    (cfg [
      (declWith false)
      { s.config.n = 3; }
    ]).s.n;

  shorthandFalseBoolIntoConfigIsError =
    (cfg [
      (declWith false)
      {
        _file = "a.nix";
        s.config = true;
      }
    ]).s.config;

  shorthandTrueStructureIsTypeError =
    (cfg [
      (declWith true)
      {
        _file = "a.nix";
        s.config.n = 3;
      }
    ]).s;

  shorthandFalseOptionsDeclare =
    (cfg [
      (declWith false)
      {
        s = {
          options.extra = mkOption { default = "declared from a definition"; };
        };
      }
    ]).s.extra;

  shorthandFalseFlatDefinitionsAreConfig =
    (cfg [
      (declWith false)
      { s.n = 4; }
    ]).s.n;

  shorthandFalseImports =
    (cfg [
      (declWith false)
      {
        s.imports = [ { n = 5; } ];
      }
    ]).s.n;

  submoduleWithSeveralModules =
    (cfg [
      {
        options.s = mkOption {
          type = types.submoduleWith {
            modules = [
              { options.a = mkOption { default = 1; }; }
              ({ config, ... }: { options.b = mkOption { default = config.a + 1; }; })
            ];
          };
          default = { };
        };
      }
    ]).s;

  submoduleWithSpecialArgsAndModuleArgs =
    (cfg [
      {
        options.s = mkOption {
          type = types.submoduleWith {
            specialArgs.sp = "special";
            modules = [
              { _module.args.sp = "module arg"; }
              (
                { sp, ... }:
                {
                  options.a = mkOption { default = sp; };
                }
              )
            ];
          };
          default = { };
        };
      }
    ]).s.a;

  submoduleWithMergesModulesAcrossDeclarations =
    (cfg [
      {
        options.s = mkOption {
          type = types.submoduleWith { modules = [ { options.a = mkOption { default = 1; }; } ]; };
          default = { };
        };
      }
      {
        options.s = mkOption {
          type = types.submoduleWith { modules = [ { options.b = mkOption { default = 2; }; } ]; };
        };
      }
    ]).s;

  submoduleWithConflictingShorthand =
    (cfg [
      {
        options.s = mkOption {
          type = types.submoduleWith {
            modules = [ ];
            shorthandOnlyDefinesConfig = true;
          };
          default = { };
        };
      }
      {
        options.s = mkOption {
          type = types.submoduleWith {
            modules = [ ];
            shorthandOnlyDefinesConfig = false;
          };
        };
      }
    ]).s;

  submoduleAndSubmoduleWithTrueMerge =
    (cfg [
      {
        options.s = mkOption {
          type = types.submodule { options.a = mkOption { default = 1; }; };
          default = { };
        };
      }
      {
        options.s = mkOption {
          type = types.submoduleWith {
            modules = [ { options.b = mkOption { default = 2; }; } ];
            shorthandOnlyDefinesConfig = true;
          };
        };
      }
    ]).s;

  submoduleWithClassMismatch =
    (cfg [
      {
        options.s = mkOption {
          type = types.submoduleWith {
            class = "inner";
            modules = [ ];
          };
          default = { };
        };
      }
      {
        s = {
          _file = "other.nix";
          _class = "outer";
        };
      }
    ]).s;

  deferredModuleIsAppliedToEveryNode =
    (cfg [
      declDeferred
      useDeferred
      { deferred.settings.common = "yes"; }
      { nodes.a = { }; }
      { nodes.b = { }; }
    ]).built;

  deferredModuleDefinitionsMerge =
    (cfg [
      declDeferred
      useDeferred
      { deferred.settings.one = "1"; }
      {
        deferred =
          { name, ... }:
          {
            settings.two = "node ${name}";
          };
      }
      { nodes.x = { }; }
    ]).built.x;

  deferredModuleWithMkIf =
    (cfg [
      declDeferred
      useDeferred
      {
        deferred =
          { name, ... }:
          {
            settings = mkIf (name == "on") { flag = "set"; };
          };
      }
      { nodes.on = { }; }
      { nodes.off = { }; }
    ]).built;

  deferredModuleErrorInsideNode =
    (cfg [
      declDeferred
      useDeferred
      {
        deferred = {
          _file = "bad-deferred.nix";
          settings.n = 1;
        };
      }
      { nodes.x = { }; }
    ]).built.x.n;

  deferredModuleAsSubmoduleImport =
    (cfg [
      {
        options.common = mkOption {
          type = types.deferredModule;
          default = { };
        };
      }
      (
        { config, ... }:
        {
          options.hosts = mkOption {
            type = types.attrsOf (
              types.submodule {
                imports = [ config.common ];
                options.ip = mkOption { type = types.str; };
              }
            );
          };
        }
      )
      { common.ip = lib.mkDefault "0.0.0.0"; }
      { hosts.a = { }; }
      { hosts.b.ip = "10.0.0.2"; }
    ]).hosts;

  deferredModuleRejectsNonModule =
    (cfg [
      declDeferred
      useDeferred
      {
        _file = "a.nix";
        deferred = 42;
      }
      { nodes.x = { }; }
    ]).built.x;
}

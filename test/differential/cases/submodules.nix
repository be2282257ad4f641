# types.submodule: its own options and config, `name`, reading the outer config, attrsOf and
# listOf of submodules, shorthand definitions and option declarations merged across modules.
{ lib }:
let
  inherit (lib)
    mkOption
    types
    mkIf
    mkDefault
    mkForce
    ;
  eval = modules: lib.evalModules { inherit modules; };
  cfg = modules: (eval modules).config;
  user =
    { name, config, ... }:
    {
      options.uid = mkOption { type = types.int; };
      options.home = mkOption {
        type = types.str;
        default = "/home/${name}";
      };
      options.enable = mkOption {
        type = types.bool;
        default = true;
      };
      options.description = mkOption {
        type = types.str;
        default = "user ${name} with uid ${toString config.uid}";
      };
    };
  declUsers = {
    _file = "users.nix";
    options.users = mkOption {
      type = types.attrsOf (types.submodule user);
      default = { };
    };
  };
in
{
  submoduleDefaults =
    (cfg [
      {
        options.s = mkOption {
          type = types.submodule { options.a = mkOption { default = 1; }; };
          default = { };
        };
      }
    ]).s;

  submoduleDefinitionsMerge =
    (cfg [
      {
        options.s = mkOption {
          type = types.submodule {
            options.a = mkOption { type = types.int; };
            options.b = mkOption { type = types.int; };
          };
        };
      }
      { s.a = 1; }
      { s.b = 2; }
    ]).s;

  submoduleWithoutDefinitionIsEmptyEvaluation =
    (cfg [
      {
        options.s = mkOption {
          type = types.submodule { options.a = mkOption { default = "a"; }; };
        };
      }
    ]).s;

  submoduleDefaultPlusDefinition =
    (cfg [
      {
        options.s = mkOption {
          type = types.submodule {
            options.a = mkOption { type = types.int; };
            options.b = mkOption { type = types.int; };
          };
          default = {
            a = 1;
          };
        };
      }
      { s.b = 2; }
    ]).s;

  submoduleDefaultMkOptionDefaultKept =
    (cfg [
      {
        options.s = mkOption {
          type = types.submodule {
            options.a = mkOption { type = types.int; };
            options.b = mkOption { type = types.int; };
          };
          default.a = 1;
        };
      }
      { s.b = lib.mkOptionDefault 2; }
      { s.a = 5; }
    ]).s;

  submoduleUndeclaredInside =
    (cfg [
      {
        options.s = mkOption {
          type = types.submodule { options.a = mkOption { default = 1; }; };
          default = { };
        };
      }
      {
        _file = "a.nix";
        s.b = 2;
      }
    ]).s;

  submoduleTypeErrorInside =
    (cfg [
      {
        options.s = mkOption {
          type = types.submodule { options.a = mkOption { type = types.int; }; };
        };
      }
      {
        _file = "a.nix";
        s.a = "x";
      }
    ]).s.a;

  submoduleNonAttrsDefinition =
    (cfg [
      {
        options.s = mkOption {
          type = types.submodule { options.a = mkOption { default = 1; }; };
        };
      }
      {
        _file = "a.nix";
        s = 3;
      }
    ]).s;

  nameIsAttributeName =
    (cfg [
      declUsers
      { users.alice.uid = 1000; }
    ]).users.alice.home;

  submoduleOwnConfigReadsOwnOptions =
    (cfg [
      declUsers
      { users.bob.uid = 1001; }
    ]).users.bob.description;

  attrsOfSubmoduleWhole =
    (cfg [
      declUsers
      { users.alice.uid = 1; }
      {
        users.bob = {
          uid = 2;
          home = "/srv/bob";
        };
      }
    ]).users;

  attrsOfSubmoduleSameNameMerges =
    (cfg [
      declUsers
      { users.alice.uid = 1; }
      { users.alice.enable = false; }
    ]).users.alice;

  attrsOfSubmoduleMkIfFalseEntryGone = builtins.attrNames (cfg [
    declUsers
    { users.alice.uid = 1; }
    { users.bob = mkIf false { uid = 2; }; }
  ]).users;

  attrsOfSubmoduleInnerMkIfFalseEntryStays = builtins.attrNames (cfg [
    declUsers
    { users.alice.uid = 1; }
    { users.bob.uid = mkIf false 2; }
  ]).users;

  attrsOfSubmoduleInnerMkIfFalseNoValue =
    (cfg [
      declUsers
      { users.bob.uid = mkIf false 2; }
    ]).users.bob.uid;

  attrsOfSubmodulePriorityInside =
    (cfg [
      declUsers
      { users.alice.uid = mkDefault 1; }
      { users.alice.uid = 5; }
    ]).users.alice.uid;

  attrsOfSubmoduleForceWholeEntry =
    (cfg [
      declUsers
      { users.alice = mkForce { uid = 7; }; }
      { users.alice.uid = 5; }
    ]).users.alice.uid;

  attrsOfSubmoduleForceDropsOtherEntriesDefinitions =
    (cfg [
      declUsers
      { users = mkForce { alice.uid = 7; }; }
      { users.bob.uid = 5; }
    ]).users;

  attrsOfSubmoduleErrorPathHasName =
    (cfg [
      declUsers
      {
        _file = "a.nix";
        users.carol.uid = "nope";
      }
    ]).users.carol.uid;

  attrsOfSubmoduleNoValuePathHasName =
    (cfg [
      declUsers
      { users.dave.enable = true; }
    ]).users.dave.uid;

  attrsOfSubmoduleUndeclaredPathHasName =
    (cfg [
      declUsers
      {
        _file = "a.nix";
        users.erin.uid = 1;
        users.erin.shell = "zsh";
      }
    ]).users.erin.uid;

  submoduleReadsOuterConfig =
    let
      outer =
        { config, ... }:
        {
          options.domain = mkOption {
            type = types.str;
            default = "example.org";
          };
          options.hosts = mkOption {
            type = types.attrsOf (
              types.submodule (
                { name, ... }:
                {
                  options.fqdn = mkOption {
                    type = types.str;
                    default = "${name}.${config.domain}";
                  };
                }
              )
            );
          };
        };
    in
    (cfg [
      outer
      { hosts.www = { }; }
      { domain = "confed.test"; }
    ]).hosts.www.fqdn;

  outerReadsSubmoduleValues =
    (cfg [
      declUsers
      (
        { config, ... }:
        {
          options.uids = mkOption { type = types.listOf types.int; };
          config.uids = lib.mapAttrsToList (_: u: u.uid) config.users;
        }
      )
      { users.a.uid = 1; }
      { users.b.uid = 2; }
    ]).uids;

  listOfSubmodules =
    (cfg [
      {
        options.l = mkOption {
          type = types.listOf (
            types.submodule {
              options.n = mkOption { type = types.int; };
              options.tag = mkOption { default = "t"; };
            }
          );
        };
      }
      { l = [ { n = 1; } ]; }
      {
        l = [
          {
            n = 2;
            tag = "u";
          }
        ];
      }
    ]).l;

  listOfSubmodulesTypeError =
    (cfg [
      {
        options.l = mkOption {
          type = types.listOf (types.submodule { options.n = mkOption { type = types.int; }; });
        };
      }
      {
        _file = "a.nix";
        l = [ { n = "x"; } ];
      }
    ]).l;

  submoduleShorthandIsConfigOnly =
    (cfg [
      {
        options.s = mkOption {
          type = types.submodule {
            options.config = mkOption {
              type = types.bool;
              default = false;
            };
          };
        };
      }
      { s.config = true; }
    ]).s.config;

  submoduleShorthandOptionsIsUndeclared =
    (cfg [
      {
        options.s = mkOption {
          type = types.submodule { options.a = mkOption { default = 1; }; };
        };
      }
      {
        _file = "a.nix";
        s.options.b = mkOption { default = 2; };
      }
    ]).s;

  submoduleDefinitionAsFunction =
    (cfg [
      {
        options.s = mkOption {
          type = types.submodule {
            options.a = mkOption { type = types.int; };
            options.b = mkOption { type = types.int; };
          };
        };
      }
      {
        s =
          { config, ... }:
          {
            a = 1;
            b = config.a + 1;
          };
      }
    ]).s;

  submoduleListOfModules =
    (cfg [
      {
        options.s = mkOption {
          type = types.submodule [
            { options.a = mkOption { default = 1; }; }
            { options.b = mkOption { default = 2; }; }
          ];
          default = { };
        };
      }
    ]).s;

  submoduleOptionsMergeAcrossDeclarations =
    (cfg [
      {
        _file = "one.nix";
        options.s = mkOption {
          type = types.submodule { options.a = mkOption { default = 1; }; };
          default = { };
        };
      }
      {
        _file = "two.nix";
        options.s = mkOption {
          type = types.submodule { options.b = mkOption { default = 2; }; };
        };
      }
    ]).s;

  attrsOfSubmoduleOptionsMergeAcrossDeclarations =
    (cfg [
      declUsers
      {
        options.users = mkOption {
          type = types.attrsOf (types.submodule { options.shell = mkOption { default = "bash"; }; });
        };
      }
      { users.alice.uid = 1; }
    ]).users.alice.shell;

  submoduleDuplicateInnerOptionAcrossDeclarations =
    (cfg [
      {
        _file = "one.nix";
        options.s = mkOption {
          type = types.submodule { options.a = mkOption { default = 1; }; };
          default = { };
        };
      }
      {
        _file = "two.nix";
        options.s = mkOption {
          type = types.submodule { options.a = mkOption { default = 2; }; };
        };
      }
    ]).s.a;

  submoduleTwoDefaultsConflictAsDeclarations =
    (cfg [
      {
        _file = "one.nix";
        options.s = mkOption {
          type = types.submodule { options.a = mkOption { default = 1; }; };
          default = { };
        };
      }
      {
        _file = "two.nix";
        options.s = mkOption {
          type = types.submodule { };
          default = { };
        };
      }
    ]).s;

  submoduleFreeOfOuterUndeclared =
    (cfg [
      {
        options.s = mkOption {
          type = types.submodule { options.a = mkOption { default = 1; }; };
          default = { };
        };
      }
    ]).s ? _module;

  nestedSubmodules =
    (cfg [
      {
        options.outer = mkOption {
          type = types.attrsOf (
            types.submodule {
              options.inner = mkOption {
                type = types.attrsOf (
                  types.submodule (
                    { name, ... }:
                    {
                      options.label = mkOption { default = "inner ${name}"; };
                    }
                  )
                );
                default = { };
              };
            }
          );
        };
      }
      { outer.x.inner.y = { }; }
    ]).outer;

  nestedSubmoduleErrorPath =
    (cfg [
      {
        options.outer = mkOption {
          type = types.attrsOf (
            types.submodule {
              options.inner = mkOption {
                type = types.attrsOf (types.submodule { options.n = mkOption { type = types.int; }; });
              };
            }
          );
        };
      }
      {
        _file = "a.nix";
        outer.x.inner.y.n = true;
      }
    ]).outer.x.inner.y.n;

  submoduleInnerOptionsVisible =
    (eval [
      declUsers
      { users.alice.uid = 1; }
    ]).options.users.type.getSubOptions [ ] ? uid;

  submoduleConfigMkIfOnOwnOption =
    (cfg [
      {
        options.s = mkOption {
          type = types.submodule (
            { config, ... }:
            {
              options.enable = mkOption { default = false; };
              options.port = mkOption { default = 0; };
              config.port = mkIf config.enable 80;
            }
          );
          default = { };
        };
      }
      { s.enable = true; }
    ]).s.port;
}

# Submodules combined with properties, other types and each other.
{ lib }:
let
  inherit (lib)
    mkOption
    types
    mkIf
    mkMerge
    mkForce
    mkDefault
    ;
  eval = modules: lib.evalModules { inherit modules; };
  cfg = modules: (eval modules).config;
  sub = types.submodule {
    options.a = mkOption {
      type = types.str;
      default = "a";
    };
    options.n = mkOption {
      type = types.int;
      default = 0;
    };
  };
  declS = {
    _file = "decl.nix";
    options.s = mkOption {
      type = sub;
      default = { };
    };
  };
  declL = {
    _file = "decl.nix";
    options.l = mkOption {
      type = types.listOf sub;
      default = [ ];
    };
  };
  declA = {
    _file = "decl.nix";
    options.m = mkOption {
      type = types.attrsOf sub;
      default = { };
    };
  };
in
{
  listOfSubmoduleMkIfElements =
    (cfg [
      declL
      {
        l = [
          (mkIf false { n = 1; })
          { n = 2; }
          (mkIf true { n = 3; })
        ];
      }
    ]).l;

  attrsOfSubmoduleWholeMkIfReadsConfig =
    (cfg [
      declA
      { options.enable = mkOption { default = true; }; }
      ({ config, ... }: { m = mkIf config.enable { x.n = 1; }; })
    ]).m;

  submoduleConflictNamesFiles =
    (cfg [
      declS
      {
        _file = "a.nix";
        s.a = "one";
      }
      {
        _file = "b.nix";
        s.a = "two";
      }
    ]).s.a;

  submoduleMkMergeDefinition =
    (cfg [
      declS
      {
        s = mkMerge [
          { a = "merged"; }
          { n = 2; }
        ];
      }
    ]).s;

  submoduleMkForceInsideWins =
    (cfg [
      declS
      { s.n = mkForce 5; }
      { s.n = 6; }
    ]).s.n;

  submoduleMkDefaultWholeDefinitionDropped =
    (cfg [
      declS
      { s = mkDefault { n = 1; }; }
      { s.a = "kept"; }
    ]).s;

  submoduleReadOnlyInside =
    (cfg [
      {
        options.s = mkOption {
          type = types.submodule {
            options.a = mkOption {
              type = types.int;
              readOnly = true;
            };
          };
        };
      }
      {
        _file = "a.nix";
        s.a = 1;
      }
      {
        _file = "b.nix";
        s.a = 2;
      }
    ]).s.a;

  submoduleOwnOptionsArgument =
    (cfg [
      {
        options.s = mkOption {
          type = types.submodule (
            { options, ... }:
            {
              options.a = mkOption { default = 1; };
              options.aDefined = mkOption { type = types.bool; };
              config.aDefined = options.a.isDefined;
            }
          );
          default = { };
        };
      }
    ]).s.aDefined;

  submoduleShorthandImportsIsUndeclared =
    (cfg [
      declS
      {
        _file = "a.nix";
        s.imports = [ ];
      }
    ]).s;

  submoduleFunctionDefinitionIsAModule =
    (cfg [
      declS
      {
        s =
          { ... }:
          {
            options.extra = mkOption { default = "declared by a definition"; };
          };
      }
    ]).s.extra;

  eitherOfTwoSubmodulesUsesLeft =
    (cfg [
      {
        options.e = mkOption {
          type = types.either (types.submodule { options.a = mkOption { default = 1; }; }) (
            types.submodule { options.b = mkOption { default = 2; }; }
          );
        };
      }
      {
        _file = "a.nix";
        e.b = 3;
      }
    ]).e;

  nullOrSubmoduleNullAndAttrsConflict =
    (cfg [
      {
        options.s = mkOption { type = types.nullOr sub; };
      }
      {
        _file = "a.nix";
        s = null;
      }
      {
        _file = "b.nix";
        s.n = 1;
      }
    ]).s;

  coercedToSubmodule =
    (cfg [
      {
        options.s = mkOption {
          type = types.coercedTo types.str (s: { a = s; }) sub;
        };
      }
      { s = "coerced"; }
    ]).s;

  coercedToSubmoduleMixed =
    (cfg [
      {
        options.s = mkOption {
          type = types.coercedTo types.str (s: { a = s; }) sub;
        };
      }
      { s = "coerced"; }
      { s.n = 3; }
    ]).s;

  applyOnSubmodule =
    (cfg [
      {
        options.s = mkOption {
          type = sub;
          default = { };
          apply = v: "${v.a}-${toString v.n}";
        };
      }
      { s.n = 4; }
    ]).s;

  listOfSubmodulesNameArgument =
    (cfg [
      {
        options.l = mkOption {
          type = types.listOf (
            types.submodule (
              { name, ... }:
              {
                options.name = mkOption { default = name; };
              }
            )
          );
        };
      }
      {
        l = [
          { }
          { }
        ];
      }
    ]).l;

  attrsOfSubmoduleEntryReadsOtherEntry =
    (cfg [
      declA
      (
        { config, ... }:
        {
          m.first.n = 10;
          m.second.n = config.m.first.n + 1;
        }
      )
    ]).m.second.n;

  attrsOfSubmoduleEntryReadsItselfViaOuter =
    (cfg [
      declA
      (
        { config, ... }:
        {
          m.x.n = 1;
          m.x.a = "n is ${toString config.m.x.n}";
        }
      )
    ]).m.x.a;

  lazyAttrsOfSubmoduleFreeform =
    (cfg [
      {
        options.m = mkOption {
          type = types.lazyAttrsOf (
            types.submodule {
              freeformType = types.attrsOf types.str;
            }
          );
        };
      }
      { m.x.anything = "free"; }
    ]).m.x;

  submoduleInsideSubmoduleReadsOuterOuterConfig =
    let
      top =
        { config, ... }:
        {
          options.prefix = mkOption { default = "p"; };
          options.outer = mkOption {
            type = types.attrsOf (
              types.submodule (
                { name, ... }:
                {
                  options.inner = mkOption {
                    type = types.submodule {
                      options.label = mkOption { default = "${config.prefix}-${name}"; };
                    };
                    default = { };
                  };
                }
              )
            );
          };
        };
    in
    (cfg [
      top
      { outer.o.inner = { }; }
      { prefix = "q"; }
    ]).outer.o.inner.label;

  attrsOfSubmoduleMkOrderInside =
    (cfg [
      {
        options.m = mkOption {
          type = types.attrsOf (
            types.submodule { options.l = mkOption { type = types.listOf types.str; default = [ ]; }; }
          );
        };
      }
      { m.x.l = [ "a" ]; }
      { m.x.l = lib.mkBefore [ "first" ]; }
    ]).m.x.l;

  submoduleWithDefaultAndMkOptionDefaultEntry =
    (cfg [
      {
        options.m = mkOption {
          type = types.attrsOf sub;
          default = {
            d.n = 1;
          };
        };
      }
      { m = lib.mkOptionDefault { e.n = 2; }; }
    ]).m;
}

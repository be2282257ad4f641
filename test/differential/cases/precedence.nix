# Which failure wins when a definition is wrong in more than one way, and properties in places
# where they are not expected.
{ lib }:
let
  inherit (lib)
    mkOption
    types
    mkIf
    mkMerge
    mkBefore
    mkDefault
    ;
  eval = modules: lib.evalModules { inherit modules; };
  cfg = modules: (eval modules).config;
  declStr = {
    _file = "decl.nix";
    options.x = mkOption { type = types.str; };
  };
  declList = {
    _file = "decl.nix";
    options.l = mkOption { type = types.listOf types.int; };
  };
in
{
  typeErrorBeforeConflict =
    (cfg [
      declStr
      {
        _file = "a.nix";
        x = "one";
      }
      {
        _file = "b.nix";
        x = "two";
      }
      {
        _file = "c.nix";
        x = 3;
      }
    ]).x;

  readOnlyBeforeTypeError =
    (cfg [
      {
        options.x = mkOption {
          type = types.str;
          readOnly = true;
        };
      }
      {
        _file = "a.nix";
        x = 1;
      }
      {
        _file = "b.nix";
        x = 2;
      }
    ]).x;

  undeclaredBeforeTypeError =
    (cfg [
      declStr
      {
        _file = "a.nix";
        x = 1;
      }
      {
        _file = "b.nix";
        y = 1;
      }
    ]).x;

  undeclaredBeforeNoValue =
    (cfg [
      declStr
      {
        _file = "b.nix";
        y = 1;
      }
    ]).x;

  typeErrorInDroppedDefinitionIgnoredEvenIfConflicting =
    (cfg [
      declStr
      {
        _file = "a.nix";
        x = mkDefault 1;
      }
      {
        _file = "b.nix";
        x = mkDefault 2;
      }
      { x = "winner"; }
    ]).x;

  throwInApply =
    (cfg [
      {
        options.x = mkOption {
          type = types.int;
          apply = v: if v > 1 then throw "apply refused ${toString v}" else v;
        };
      }
      { x = 2; }
    ]).x;

  mkOrderOnListElement =
    (cfg [
      declList
      {
        _file = "a.nix";
        l = [ (mkBefore 1) ];
      }
    ]).l;

  mkMergeOnListElement =
    (cfg [
      declList
      {
        _file = "a.nix";
        l = [
          (mkMerge [
            1
            2
          ])
        ];
      }
    ]).l;

  mkDefaultOnListElementIsStripped =
    (cfg [
      declList
      {
        l = [
          (mkDefault 1)
          2
        ];
      }
    ]).l;

  mkIfInsideAttrsOfListElement =
    (cfg [
      {
        options.a = mkOption { type = types.attrsOf (types.listOf types.int); };
      }
      {
        a.k = [
          (mkIf false 1)
          2
        ];
      }
    ]).a;

  mkIfFalseUnderAttrsOfWithDefault =
    (cfg [
      {
        options.a = mkOption {
          type = types.attrsOf types.int;
          default = {
            d = 1;
          };
        };
      }
      { a.k = mkIf false 2; }
    ]).a;

  mkIfNonBoolInsideAttrsOf =
    (cfg [
      {
        options.a = mkOption { type = types.attrsOf types.int; };
      }
      { a.k = mkIf 1 2; }
    ]).a;

  mkIfNonBoolUnreadOption =
    (cfg [
      {
        options.a = mkOption { type = types.int; };
        options.b = mkOption { default = "b"; };
      }
      { a = mkIf 1 2; }
    ]).b;

  optionMetadata =
    let
      o =
        (eval [
          {
            options.x = mkOption {
              type = types.int;
              default = 1;
              example = 42;
              readOnly = true;
              internal = true;
              visible = false;
            };
          }
        ]).options.x;
    in
    {
      inherit (o)
        example
        readOnly
        internal
        visible
        ;
    };

  definitionsWithLocations =
    (eval [
      {
        options.x = mkOption {
          type = types.listOf types.int;
          default = [ 0 ];
        };
      }
      {
        _file = "a.nix";
        x = [ 1 ];
      }
      {
        _file = "b.nix";
        x = mkDefault [ 2 ];
      }
    ]).options.x.definitionsWithLocations;
}

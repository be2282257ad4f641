# Declaring options: the same option in several modules, type merging of declarations,
# readOnly, apply, and options that collide with option groups.
{ lib }:
let
  inherit (lib) mkOption types mkDefault mkForce;
  eval = modules: lib.evalModules { inherit modules; };
  cfg = modules: (eval modules).config;
  declare = file: opt: {
    _file = file;
    options.x = mkOption opt;
  };
in
{
  sameTypeTwiceMerges =
    (cfg [
      (declare "one.nix" { type = types.int; })
      (declare "two.nix" { type = types.int; })
      { x = 1; }
    ]).x;

  typeAndDefaultSplitAcrossDeclarations =
    (cfg [
      (declare "one.nix" { type = types.int; })
      (declare "two.nix" { default = 5; })
    ]).x;

  twoDefaultsAlreadyDeclared =
    (cfg [
      (declare "one.nix" {
        type = types.int;
        default = 1;
      })
      (declare "two.nix" { default = 2; })
    ]).x;

  twoDescriptionsAlreadyDeclared =
    (cfg [
      (declare "one.nix" { description = "one"; })
      (declare "two.nix" { description = "two"; })
      { x = 1; }
    ]).x;

  twoApplyAlreadyDeclared =
    (cfg [
      (declare "one.nix" { apply = x: x; })
      (declare "two.nix" { apply = x: x; })
      { x = 1; }
    ]).x;

  differentTypesAlreadyDeclared =
    (cfg [
      (declare "one.nix" { type = types.int; })
      (declare "two.nix" { type = types.str; })
      { x = 1; }
    ]).x;

  listOfDifferentElementsAlreadyDeclared =
    (cfg [
      (declare "one.nix" { type = types.listOf types.int; })
      (declare "two.nix" { type = types.listOf types.str; })
      { x = [ ]; }
    ]).x;

  listOfSameElementsMerges =
    (cfg [
      (declare "one.nix" { type = types.listOf types.int; })
      (declare "two.nix" { type = types.listOf types.int; })
      { x = [ 1 ]; }
    ]).x;

  enumDeclarationsMerge =
    (cfg [
      (declare "one.nix" { type = types.enum [ "a" ]; })
      (declare "two.nix" { type = types.enum [ "b" ]; })
      { x = "b"; }
    ]).x;

  enumMergedStillRejects =
    (cfg [
      (declare "one.nix" { type = types.enum [ "a" ]; })
      (declare "two.nix" { type = types.enum [ "b" ]; })
      {
        _file = "a.nix";
        x = "c";
      }
    ]).x;

  attrsOfEnumDeclarationsMerge =
    (cfg [
      (declare "one.nix" { type = types.attrsOf (types.enum [ 1 ]); })
      (declare "two.nix" { type = types.attrsOf (types.enum [ 2 ]); })
      { x.k = 2; }
    ]).x;

  nullOrEnumDeclarationsMerge =
    (cfg [
      (declare "one.nix" { type = types.nullOr (types.enum [ "a" ]); })
      (declare "two.nix" { type = types.nullOr (types.enum [ "b" ]); })
      { x = "a"; }
    ]).x;

  attrsOfAndLazyAttrsOfAlreadyDeclared =
    (cfg [
      (declare "one.nix" { type = types.attrsOf types.int; })
      (declare "two.nix" { type = types.lazyAttrsOf types.int; })
      { x.a = 1; }
    ]).x;

  strMatchingSamePatternMerges =
    (cfg [
      (declare "one.nix" { type = types.strMatching "[a-z]+"; })
      (declare "two.nix" { type = types.strMatching "[a-z]+"; })
      { x = "abc"; }
    ]).x;

  strMatchingDifferentPatternsAlreadyDeclared =
    (cfg [
      (declare "one.nix" { type = types.strMatching "[a-z]+"; })
      (declare "two.nix" { type = types.strMatching "[0-9]+"; })
      { x = "abc"; }
    ]).x;

  separatedStringDifferentSeparatorsAlreadyDeclared =
    (cfg [
      (declare "one.nix" { type = types.separatedString ":"; })
      (declare "two.nix" { type = types.separatedString ","; })
      { x = "a"; }
    ]).x;

  betweenDifferentBoundsMerge =
    (cfg [
      (declare "one.nix" { type = types.ints.between 0 5; })
      (declare "two.nix" { type = types.ints.between 0 9; })
      { x = 1; }
    ]).x;

  betweenMergedChecksWhichBounds =
    (cfg [
      (declare "one.nix" { type = types.ints.between 0 5; })
      (declare "two.nix" { type = types.ints.between 0 9; })
      {
        _file = "a.nix";
        x = 7;
      }
    ]).x;

  optionAndGroupCollide =
    (cfg [
      (declare "one.nix" { type = types.attrsOf types.int; })
      {
        _file = "two.nix";
        options.x.y = mkOption { type = types.int; };
      }
    ]).x;

  untypedOptionAndGroupCollide =
    (cfg [
      (declare "one.nix" { })
      {
        _file = "two.nix";
        options.x.y = mkOption { type = types.int; };
      }
    ]).x;

  submoduleOptionAndGroupMerge =
    (cfg [
      (declare "one.nix" {
        type = types.submodule { options.a = mkOption { default = 1; }; };
        default = { };
      })
      {
        _file = "two.nix";
        options.x.b = mkOption { default = 2; };
      }
    ]).x;

  optionDeclarationNotAnAttrset =
    (cfg [
      {
        _file = "a.nix";
        options.x = 3;
      }
    ]).x;

  typeInPlaceOfOption =
    (cfg [
      {
        _file = "a.nix";
        options.x = types.int;
      }
    ]).x;

  readOnlyDefault = (cfg [ (declare "one.nix" { readOnly = true; default = 1; }) ]).x;

  readOnlySingleDefinition =
    (cfg [
      (declare "one.nix" { readOnly = true; })
      { x = 2; }
    ]).x;

  readOnlyDefaultCountsAsDefinition =
    (cfg [
      (declare "one.nix" {
        readOnly = true;
        default = 1;
      })
      {
        _file = "a.nix";
        x = 2;
      }
    ]).x;

  readOnlyTwoDefinitions =
    (cfg [
      (declare "one.nix" { readOnly = true; })
      {
        _file = "a.nix";
        x = 1;
      }
      {
        _file = "b.nix";
        x = 1;
      }
    ]).x;

  readOnlyEvenWithForce =
    (cfg [
      (declare "one.nix" {
        readOnly = true;
        default = 1;
      })
      {
        _file = "a.nix";
        x = mkForce 2;
      }
    ]).x;

  readOnlyWithLowerPriorityDefinition =
    (cfg [
      (declare "one.nix" { readOnly = true; })
      { x = 2; }
      { x = mkDefault 3; }
    ]).x;

  readOnlyUnreadIsFine =
    (cfg [
      (declare "one.nix" { readOnly = true; })
      { x = 1; }
      { x = 2; }
      { options.y = mkOption { default = "y"; }; }
    ]).y;

  applyTransformsValue =
    (cfg [
      (declare "one.nix" {
        type = types.int;
        apply = v: v * 10;
      })
      { x = 4; }
    ]).x;

  applyOnDefault =
    (cfg [
      (declare "one.nix" {
        type = types.str;
        default = "d";
        apply = v: "applied ${v}";
      })
    ]).x;

  applyAfterMerge =
    (cfg [
      (declare "one.nix" {
        type = types.listOf types.int;
        apply = builtins.length;
      })
      { x = [ 1 ]; }
      { x = [ 2 3 ]; }
    ]).x;

  applyResultNotTypeChecked =
    (cfg [
      (declare "one.nix" {
        type = types.int;
        apply = v: "now a string ${toString v}";
      })
      { x = 1; }
    ]).x;

  applyNotRunWithoutValue =
    (cfg [
      (declare "one.nix" {
        type = types.int;
        apply = v: v + 1;
      })
    ]).x;

  applyVisibleInOptionsValue =
    (eval [
      (declare "one.nix" {
        type = types.int;
        apply = v: v + 1;
      })
      { x = 1; }
    ]).options.x.value;

  applyReadsConfig =
    (cfg [
      (
        { config, ... }:
        {
          options.base = mkOption { default = 100; };
          options.x = mkOption {
            type = types.int;
            apply = v: v + config.base;
          };
        }
      )
      { x = 1; }
    ]).x;

  declaredButOnlyTypedDeclarationHasType =
    (cfg [
      (declare "one.nix" { default = [ 1 ]; })
      (declare "two.nix" { type = types.listOf types.int; })
      { x = [ 2 ]; }
    ]).x;

  optionsOfGroupListed = builtins.attrNames (eval [
    {
      options.g.a = mkOption { default = 1; };
      options.g.b = mkOption { default = 2; };
    }
  ]).options.g;

  declarationsListEveryFile =
    (eval [
      (declare "one.nix" { type = types.int; })
      (declare "two.nix" { default = 1; })
      (declare "three.nix" { description = "d"; })
    ]).options.x.declarations;
}

# listOf, attrsOf, lazyAttrsOf and nullOr: element checks, merging, conditional entries,
# laziness and empty values.
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
  decl = type: {
    _file = "decl.nix";
    options.v = mkOption { inherit type; };
  };
  declDefault = type: default: {
    _file = "decl.nix";
    options.v = mkOption { inherit type default; };
  };
  def = file: v: {
    _file = file;
    inherit v;
  };
in
{
  listOfAccepts = (cfg [ (decl (types.listOf types.int)) (def "a.nix" [ 1 2 ]) ]).v;
  listOfRejectsElement = (cfg [ (decl (types.listOf types.int)) (def "a.nix" [ 1 "2" ]) ]).v;
  listOfRejectsNonList = (cfg [ (decl (types.listOf types.int)) (def "a.nix" 1) ]).v;
  listOfConcatenates =
    (cfg [
      (decl (types.listOf types.int))
      (def "a.nix" [ 1 ])
      (def "b.nix" [ 2 3 ])
    ]).v;
  listOfEmptyDefinition = (cfg [ (decl (types.listOf types.int)) (def "a.nix" [ ]) ]).v;
  listOfWithoutDefinitionIsEmpty = (cfg [ (decl (types.listOf types.int)) ]).v;
  listOfErrorNamesElementFile =
    (cfg [
      (decl (types.listOf types.str))
      (def "good.nix" [ "ok" ])
      (def "bad.nix" [ 1 ])
    ]).v;
  listOfListOf = (cfg [ (decl (types.listOf (types.listOf types.int))) (def "a.nix" [ [ 1 ] [ ] ]) ]).v;
  listOfElementsMkIf =
    (cfg [
      (decl (types.listOf types.int))
      (def "a.nix" [
        (mkIf false 1)
        (mkIf true 2)
      ])
    ]).v;
  listOfElementsDefaultPriorityIgnored =
    (cfg [
      (decl (types.listOf types.int))
      (def "a.nix" [ (mkDefault 1) ])
      (def "b.nix" [ 2 ])
    ]).v;

  attrsOfAccepts = (cfg [ (decl (types.attrsOf types.int)) (def "a.nix" { a = 1; b = 2; }) ]).v;
  attrsOfRejectsValue = (cfg [ (decl (types.attrsOf types.int)) (def "a.nix" { a = "x"; }) ]).v;
  attrsOfRejectsNonAttrs = (cfg [ (decl (types.attrsOf types.int)) (def "a.nix" [ 1 ]) ]).v;
  attrsOfMergesKeys =
    (cfg [
      (decl (types.attrsOf types.int))
      (def "a.nix" { a = 1; })
      (def "b.nix" { b = 2; })
    ]).v;
  attrsOfSameKeyMergesByElementType =
    (cfg [
      (decl (types.attrsOf types.int))
      (def "a.nix" { a = 1; })
      (def "b.nix" { a = 2; })
    ]).v;
  attrsOfSameKeyListsConcatenate =
    (cfg [
      (decl (types.attrsOf (types.listOf types.int)))
      (def "a.nix" { a = [ 1 ]; })
      (def "b.nix" { a = [ 2 ]; })
    ]).v;
  attrsOfPerKeyPriorities =
    (cfg [
      (decl (types.attrsOf types.int))
      (def "a.nix" { a = mkDefault 1; b = 1; })
      (def "b.nix" { a = 2; b = mkForce 3; })
    ]).v;
  attrsOfMkIfFalseEntryDisappears =
    (cfg [
      (decl (types.attrsOf types.int))
      (def "a.nix" {
        a = mkIf false 1;
        b = 2;
      })
    ]).v;
  attrsOfMkIfFalseWholeValue =
    (cfg [
      (declDefault (types.attrsOf types.int) { d = 0; })
      (def "a.nix" (mkIf false { a = 1; }))
    ]).v;
  attrsOfNamesAfterMkIf = builtins.attrNames (cfg [
    (decl (types.attrsOf types.int))
    (def "a.nix" {
      kept = 1;
      dropped = mkIf false 2;
    })
  ]).v;
  attrsOfNamesForceValues =
    (cfg [
      (decl (types.attrsOf types.int))
      (def "a.nix" {
        kept = 1;
        broken = throw "attrsOf evaluates entries";
      })
    ]).v ? kept;
  attrsOfDefaultDroppedByDefinition =
    (cfg [
      (declDefault (types.attrsOf types.int) { d = 0; })
      (def "a.nix" { a = 1; })
    ]).v;
  attrsOfDefaultKeptWithMkOptionDefault =
    (cfg [
      (declDefault (types.attrsOf types.int) { d = 0; })
      (def "a.nix" (lib.mkOptionDefault { a = 1; }))
    ]).v;
  attrsOfEmptyDefinition = (cfg [ (decl (types.attrsOf types.int)) (def "a.nix" { }) ]).v;
  attrsOfErrorNamesPath =
    (cfg [
      (decl (types.attrsOf (types.attrsOf types.int)))
      (def "a.nix" { outer.inner = "x"; })
    ]).v;
  attrsOfNullValues = (cfg [ (decl (types.attrsOf (types.nullOr types.int))) (def "a.nix" { a = null; }) ]).v;

  lazyAttrsOfAccepts = (cfg [ (decl (types.lazyAttrsOf types.int)) (def "a.nix" { a = 1; }) ]).v;
  lazyAttrsOfOtherKeyNotForced =
    (cfg [
      (decl (types.lazyAttrsOf types.int))
      (def "a.nix" {
        good = 1;
        bad = throw "lazy entry forced";
      })
    ]).v.good;
  lazyAttrsOfMkIfFalseKeepsKeyButNoValue =
    (cfg [
      (decl (types.lazyAttrsOf types.int))
      (def "a.nix" {
        a = mkIf false 1;
        b = 2;
      })
    ]).v.a;
  lazyAttrsOfMkIfFalseKeyPresent =
    (cfg [
      (decl (types.lazyAttrsOf types.int))
      (def "a.nix" {
        a = mkIf false 1;
        b = 2;
      })
    ]).v ? a;
  lazyAttrsOfNullOrMkIfFalseIsNull =
    (cfg [
      (decl (types.lazyAttrsOf (types.nullOr types.int)))
      (def "a.nix" { a = mkIf false 1; })
    ]).v.a;
  lazyAttrsOfTypeErrorOnRead =
    (cfg [
      (decl (types.lazyAttrsOf types.int))
      (def "a.nix" {
        good = 1;
        bad = "x";
      })
    ]).v.bad;
  lazyAttrsOfSelfReference =
    (cfg [
      (decl (types.lazyAttrsOf types.int))
      (
        { config, ... }:
        {
          v.a = 1;
          v.b = config.v.a + 1;
        }
      )
    ]).v;
  attrsOfSelfReferenceIsRecursion =
    (cfg [
      (decl (types.attrsOf types.int))
      (
        { config, ... }:
        {
          v.a = 1;
          v.b = mkIf (config.v.a == 1) 2;
        }
      )
    ]).v;
  lazyAttrsOfSelfReferenceInCondition =
    (cfg [
      (decl (types.lazyAttrsOf types.int))
      (
        { config, ... }:
        {
          v.a = 1;
          v.b = mkIf (config.v.a == 1) 2;
        }
      )
    ]).v.b;

  nullOrAcceptsNull = (cfg [ (decl (types.nullOr types.int)) (def "a.nix" null) ]).v;
  nullOrAcceptsValue = (cfg [ (decl (types.nullOr types.int)) (def "a.nix" 5) ]).v;
  nullOrRejectsOther = (cfg [ (decl (types.nullOr types.int)) (def "a.nix" "5") ]).v;
  nullOrTwoNulls =
    (cfg [
      (decl (types.nullOr types.int))
      (def "a.nix" null)
      (def "b.nix" null)
    ]).v;
  nullOrNullAndValueConflict =
    (cfg [
      (decl (types.nullOr types.int))
      (def "a.nix" null)
      (def "b.nix" 1)
    ]).v;
  nullOrMergesInnerType =
    (cfg [
      (decl (types.nullOr (types.listOf types.int)))
      (def "a.nix" [ 1 ])
      (def "b.nix" [ 2 ])
    ]).v;
  nullOrWithoutDefinitionIsNull = (cfg [ (decl (types.nullOr types.int)) ]).v;
  nullOrOverriddenByMkForceNull =
    (cfg [
      (decl (types.nullOr types.int))
      (def "a.nix" 3)
      (def "b.nix" (mkForce null))
    ]).v;
  nullOrSubmoduleNull =
    (cfg [
      (decl (types.nullOr (types.submodule { options.a = mkOption { default = 1; }; })))
      (def "a.nix" null)
    ]).v;
  nullOrSubmoduleValue =
    (cfg [
      (decl (types.nullOr (types.submodule { options.a = mkOption { default = 1; }; })))
      (def "a.nix" { })
    ]).v;

  listOfAttrsOf =
    (cfg [
      (decl (types.listOf (types.attrsOf types.int)))
      (def "a.nix" [ { a = 1; } ])
      (def "b.nix" [ { b = 2; } ])
    ]).v;
  attrsOfListOfTypeError =
    (cfg [
      (decl (types.attrsOf (types.listOf types.int)))
      (def "a.nix" { k = [ true ]; })
    ]).v;
}

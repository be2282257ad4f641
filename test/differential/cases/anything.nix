# types.anything (deep merge, equal atoms, list conflicts, properties inside) and options
# declared without a type (the unspecified merge: concatenation, or, shallow attrset merge).
{ lib }:
let
  inherit (lib)
    mkOption
    types
    mkIf
    mkDefault
    mkForce
    mkMerge
    mkBefore
    ;
  eval = modules: lib.evalModules { inherit modules; };
  cfg = modules: (eval modules).config;
  declAny = {
    _file = "decl.nix";
    options.v = mkOption { type = types.anything; };
  };
  declUntyped = {
    _file = "decl.nix";
    options.v = mkOption { };
  };
  def = file: v: {
    _file = file;
    inherit v;
  };
in
{
  anythingScalar = (cfg [ declAny (def "a.nix" 3) ]).v;
  anythingNull = (cfg [ declAny (def "a.nix" null) ]).v;
  anythingDeepMerge =
    (cfg [
      declAny
      (def "a.nix" { a.b.c = 1; x = "x"; })
      (def "b.nix" { a.b.d = 2; y = [ 1 ]; })
    ]).v;
  anythingEqualAtomsMerge =
    (cfg [
      declAny
      (def "a.nix" { s = "same"; n = 1; b = true; z = null; })
      (def "b.nix" { s = "same"; n = 1; b = true; z = null; })
    ]).v;
  anythingDifferentAtomsConflict =
    (cfg [
      declAny
      (def "a.nix" { s = "one"; })
      (def "b.nix" { s = "two"; })
    ]).v;
  anythingDifferentListsConflict =
    (cfg [
      declAny
      (def "a.nix" [ 1 ])
      (def "b.nix" [ 2 ])
    ]).v;
  anythingEqualListsMerge =
    (cfg [
      declAny
      (def "a.nix" [ 1 { x = null; } ])
      (def "b.nix" [ 1 { x = null; } ])
    ]).v;
  anythingNestedListConflict =
    (cfg [
      declAny
      (def "a.nix" { l = [ "a" ]; })
      (def "b.nix" { l = [ "b" ]; })
    ]).v;
  anythingTypeMismatchConflict =
    (cfg [
      declAny
      (def "a.nix" { k = 1; })
      (def "b.nix" { k = "1"; })
    ]).v;
  anythingAttrsVersusScalar =
    (cfg [
      declAny
      (def "a.nix" { k.x = 1; })
      (def "b.nix" { k = 1; })
    ]).v;
  anythingMkIfInside =
    (cfg [
      declAny
      (def "a.nix" {
        kept = mkIf true 1;
        dropped = mkIf false 2;
      })
    ]).v;
  anythingMkDefaultInside =
    (cfg [
      declAny
      (def "a.nix" { k = mkDefault 1; })
      (def "b.nix" { k = 2; })
    ]).v;
  anythingMkForceInside =
    (cfg [
      declAny
      (def "a.nix" { k = mkForce 1; })
      (def "b.nix" { k = 2; })
    ]).v;
  anythingMkMergeInside =
    (cfg [
      declAny
      (def "a.nix" {
        k = mkMerge [
          { a = 1; }
          { b = 2; }
        ];
      })
    ]).v;
  anythingMkBeforeInsideIsDischarged =
    (cfg [
      declAny
      (def "a.nix" { k = mkBefore true; })
    ]).v;
  anythingTopLevelMkIfFalse =
    (cfg [
      declAny
      (def "a.nix" (mkIf false { k = 1; }))
      (def "b.nix" { j = 2; })
    ]).v;
  anythingMkIfFalseOnlyDefinitionHasNoValue =
    (cfg [
      declAny
      (def "a.nix" (mkIf false 1))
    ]).v;
  anythingWithoutDefinitionHasNoValue = (cfg [ declAny ]).v;
  anythingDeepMergeThreeLevels =
    (cfg [
      declAny
      (def "a.nix" { l1.l2.l3.a = 1; })
      (def "b.nix" { l1.l2.l3.b = 2; })
      (def "c.nix" { l1.l2.c = 3; })
    ]).v;
  anythingFunctionApplied =
    (cfg [
      declAny
      (def "a.nix" (x: x + 1))
    ]).v 1;
  anythingFunctionsMergeResults =
    (cfg [
      declAny
      (def "a.nix" (x: { a = x; }))
      (def "b.nix" (x: { b = x; }))
    ]).v "arg";
  anythingFunctionAndAttrsConflict =
    (cfg [
      declAny
      (def "a.nix" (x: x))
      (def "b.nix" { })
    ]).v;
  anythingPriorityOnWholeValue =
    (cfg [
      declAny
      (def "a.nix" (mkDefault { a = 1; }))
      (def "b.nix" { b = 2; })
    ]).v;

  untypedSingle = (cfg [ declUntyped (def "a.nix" { any = "thing"; }) ]).v;
  untypedListsConcatenate =
    (cfg [
      declUntyped
      (def "a.nix" [ 1 ])
      (def "b.nix" [ 2 ])
    ]).v;
  untypedBoolsOr =
    (cfg [
      declUntyped
      (def "a.nix" false)
      (def "b.nix" true)
    ]).v;
  untypedBoolsAllFalse =
    (cfg [
      declUntyped
      (def "a.nix" false)
      (def "b.nix" false)
    ]).v;
  untypedStringsConcatenate =
    (cfg [
      declUntyped
      (def "a.nix" "a")
      (def "b.nix" "b")
    ]).v;
  untypedAttrsShallowMerge =
    (cfg [
      declUntyped
      (def "a.nix" { k.x = 1; a = 1; })
      (def "b.nix" { k.y = 2; b = 2; })
    ]).v;
  untypedEqualInts =
    (cfg [
      declUntyped
      (def "a.nix" 1)
      (def "b.nix" 1)
    ]).v;
  untypedDifferentIntsConflict =
    (cfg [
      declUntyped
      (def "a.nix" 1)
      (def "b.nix" 2)
    ]).v;
  untypedMixedKindsConflict =
    (cfg [
      declUntyped
      (def "a.nix" 1)
      (def "b.nix" "1")
    ]).v;
  untypedNestedPropertiesStay =
    (cfg [
      declUntyped
      (def "a.nix" { k = mkIf false 1; })
    ]).v.k._type;
  untypedWithDefault =
    (cfg [
      {
        options.v = mkOption { default = [ 0 ]; };
      }
      (def "a.nix" [ 1 ])
    ]).v;
}

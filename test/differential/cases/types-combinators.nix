# either, oneOf, coercedTo, uniq, unique, functionTo, raw, unspecified and attrs.
{ lib }:
let
  inherit (lib)
    mkOption
    types
    mkDefault
    mkForce
    mkIf
    ;
  eval = modules: lib.evalModules { inherit modules; };
  cfg = modules: (eval modules).config;
  decl = type: {
    _file = "decl.nix";
    options.v = mkOption { inherit type; };
  };
  def = file: v: {
    _file = file;
    inherit v;
  };
  intOrStr = types.either types.int types.str;
  strToList = types.coercedTo types.str (s: [ s ]) (types.listOf types.str);
  evenInt = lib.mkOptionType {
    name = "evenInt";
    description = "even integer";
    check = x: builtins.isInt x && lib.mod x 2 == 0;
    merge = lib.mergeEqualOption;
  };
in
{
  eitherLeft = (cfg [ (decl intOrStr) (def "a.nix" 1) ]).v;
  eitherRight = (cfg [ (decl intOrStr) (def "a.nix" "s") ]).v;
  eitherNeither = (cfg [ (decl intOrStr) (def "a.nix" true) ]).v;
  eitherMixedDefinitions =
    (cfg [
      (decl intOrStr)
      (def "a.nix" 1)
      (def "b.nix" "s")
    ]).v;
  eitherMergesWithLeftType =
    (cfg [
      (decl (types.either (types.listOf types.int) types.str))
      (def "a.nix" [ 1 ])
      (def "b.nix" [ 2 ])
    ]).v;
  eitherMergesWithRightType =
    (cfg [
      (decl (types.either types.int (types.attrsOf types.int)))
      (def "a.nix" { a = 1; })
      (def "b.nix" { b = 2; })
    ]).v;
  eitherEqualLeftValues =
    (cfg [
      (decl intOrStr)
      (def "a.nix" 4)
      (def "b.nix" 4)
    ]).v;
  eitherConflictingLeftValues =
    (cfg [
      (decl intOrStr)
      (def "a.nix" 4)
      (def "b.nix" 5)
    ]).v;
  eitherOfSubmoduleAndStr =
    (cfg [
      (decl (types.either types.str (types.submodule { options.n = mkOption { default = 0; }; })))
      (def "a.nix" { n = 2; })
    ]).v;

  oneOfFirst = (cfg [ (decl (types.oneOf [ types.int types.str types.bool ])) (def "a.nix" 1) ]).v;
  oneOfLast = (cfg [ (decl (types.oneOf [ types.int types.str types.bool ])) (def "a.nix" false) ]).v;
  oneOfNone = (cfg [ (decl (types.oneOf [ types.int types.str ])) (def "a.nix" [ ]) ]).v;
  oneOfSingle = (cfg [ (decl (types.oneOf [ types.int ])) (def "a.nix" 3) ]).v;
  oneOfListsMerge =
    (cfg [
      (decl (types.oneOf [ types.str (types.listOf types.int) ]))
      (def "a.nix" [ 1 ])
      (def "b.nix" [ 2 ])
    ]).v;

  coercedToCoerces = (cfg [ (decl strToList) (def "a.nix" "one") ]).v;
  coercedToFinalTypeAsIs = (cfg [ (decl strToList) (def "a.nix" [ "a" "b" ]) ]).v;
  coercedToMixedDefinitions =
    (cfg [
      (decl strToList)
      (def "a.nix" "one")
      (def "b.nix" [ "two" ])
    ]).v;
  coercedToRejectsOther = (cfg [ (decl strToList) (def "a.nix" 1) ]).v;
  coercedToResultNotChecked =
    (cfg [
      (decl (types.coercedTo types.int toString types.int))
      (def "a.nix" 5)
    ]).v;
  coercedToIntToString =
    (cfg [
      (decl (types.coercedTo types.int toString types.str))
      (def "a.nix" 42)
    ]).v;
  coercedToDefault =
    (cfg [
      {
        options.v = mkOption {
          type = strToList;
          default = "from default";
        };
      }
    ]).v;
  coercedToFinalTypeRejectsElement = (cfg [ (decl strToList) (def "a.nix" [ 1 ]) ]).v;

  uniqSingle = (cfg [ (decl (types.uniq types.int)) (def "a.nix" 1) ]).v;
  uniqTwiceEqualStillError =
    (cfg [
      (decl (types.uniq types.int))
      (def "a.nix" 1)
      (def "b.nix" 1)
    ]).v;
  uniqListNotConcatenated =
    (cfg [
      (decl (types.uniq (types.listOf types.int)))
      (def "a.nix" [ 1 ])
      (def "b.nix" [ 2 ])
    ]).v;
  uniqOverrideLeavesOne =
    (cfg [
      (decl (types.uniq types.int))
      (def "a.nix" (mkDefault 1))
      (def "b.nix" 2)
    ]).v;
  uniqChecksInnerType = (cfg [ (decl (types.uniq types.int)) (def "a.nix" "s") ]).v;
  uniqWithDefault =
    (cfg [
      {
        options.v = mkOption {
          type = types.uniq types.int;
          default = 1;
        };
      }
      (def "a.nix" 2)
    ]).v;

  uniqueSingle = (cfg [ (decl (types.unique { message = "one only"; } types.str)) (def "a.nix" "x") ]).v;
  uniqueTwiceShowsMessage =
    (cfg [
      (decl (types.unique { message = "one only"; } types.str))
      (def "a.nix" "x")
      (def "b.nix" "x")
    ]).v;
  uniqueForceWins =
    (cfg [
      (decl (types.unique { message = "one only"; } types.str))
      (def "a.nix" "x")
      (def "b.nix" (mkForce "y"))
    ]).v;
  uniqueChecksInnerType =
    (cfg [
      (decl (types.unique { message = "one only"; } types.str))
      (def "a.nix" 1)
    ]).v;

  functionToApplied =
    (cfg [
      (decl (types.functionTo types.str))
      (def "a.nix" (x: "hello ${x}"))
    ]).v "world";
  functionToMergesResults =
    (cfg [
      (decl (types.functionTo (types.listOf types.str)))
      (def "a.nix" (x: [ "a-${x}" ]))
      (def "b.nix" (x: [ "b-${x}" ]))
    ]).v "arg";
  functionToResultTypeChecked =
    (cfg [
      (decl (types.functionTo types.str))
      (def "a.nix" (x: 1))
    ]).v "arg";
  functionToResultAttrsMerge =
    (cfg [
      (decl (types.functionTo (types.attrsOf types.int)))
      (def "a.nix" (x: { a = x; }))
      (def "b.nix" (x: { b = x + 1; }))
    ]).v 1;
  functionToRejectsNonFunction =
    (cfg [
      (decl (types.functionTo types.str))
      (def "a.nix" "not a function")
    ]).v "arg";
  functionToWithPriorities =
    (cfg [
      (decl (types.functionTo types.str))
      (def "a.nix" (mkDefault (x: "default ${x}")))
      (def "b.nix" (x: "plain ${x}"))
    ]).v "arg";
  functionToConflictingResults =
    (cfg [
      (decl (types.functionTo types.str))
      (def "a.nix" (x: "a"))
      (def "b.nix" (x: "b"))
    ]).v "arg";
  functionToInJson = cfg [
    (decl (types.functionTo types.str))
    (def "a.nix" (x: x))
  ];

  rawSingle = (cfg [ (decl types.raw) (def "a.nix" { a.b = 1; }) ]).v;
  rawTwiceIsError =
    (cfg [
      (decl types.raw)
      (def "a.nix" 1)
      (def "b.nix" 1)
    ]).v;
  rawHonoursPriority =
    (cfg [
      (decl types.raw)
      (def "a.nix" (mkDefault "weak"))
      (def "b.nix" "strong")
    ]).v;
  rawDoesNotProcessNestedProperties =
    (cfg [
      (decl types.raw)
      (def "a.nix" { inner = mkIf true 1; })
    ]).v.inner.condition;

  unspecifiedListsConcatenate =
    (cfg [
      (decl types.unspecified)
      (def "a.nix" [ 1 ])
      (def "b.nix" [ 2 ])
    ]).v;

  customTypeAccepts = (cfg [ (decl evenInt) (def "a.nix" 4) ]).v;
  customTypeRejects = (cfg [ (decl evenInt) (def "a.nix" 3) ]).v;
  customTypeMergeEqual =
    (cfg [
      (decl evenInt)
      (def "a.nix" 2)
      (def "b.nix" 4)
    ]).v;
  customTypeDefaultMerge =
    (cfg [
      (decl (lib.mkOptionType {
        name = "anyList";
        check = builtins.isList;
      }))
      (def "a.nix" [ 1 ])
      (def "b.nix" [ 2 ])
    ]).v;

  attrsShallowMerge =
    (cfg [
      (decl types.attrs)
      (def "a.nix" { a.x = 1; b = 1; })
      (def "b.nix" { a.y = 2; })
    ]).v;
  attrsRejectsList = (cfg [ (decl types.attrs) (def "a.nix" [ ]) ]).v;
  attrsWithoutDefinitionIsEmpty = (cfg [ (decl types.attrs) ]).v;
  attrsKeepsPropertiesAsData =
    (cfg [
      (decl types.attrs)
      (def "a.nix" { a = mkIf false 1; })
    ]).v.a._type;
}

# mkRenamedOptionModule, mkAliasOptionModule and mkRemovedOptionModule, with the warnings and
# assertions they produce.
{ lib }:
let
  inherit (lib)
    mkOption
    types
    mkDefault
    mkForce
    mkIf
    hasInfix
    ;
  eval = modules: lib.evalModules { inherit modules; };
  cfg = modules: (eval modules).config;
  declNew = {
    _file = "new.nix";
    options.new.name = mkOption {
      type = types.str;
      default = "default name";
    };
  };
  declWarnings = {
    _file = "warnings.nix";
    options.warnings = mkOption {
      type = types.listOf types.str;
      default = [ ];
    };
  };
  declAssertions = {
    _file = "assertions.nix";
    options.assertions = mkOption {
      type = types.listOf types.unspecified;
      default = [ ];
    };
  };
  renamed = lib.mkRenamedOptionModule [ "old" "name" ] [ "new" "name" ];
  aliased = lib.mkAliasOptionModule [ "alias" ] [ "new" "name" ];
  removed = lib.mkRemovedOptionModule [ "gone" ] "Use new.name instead.";
  # What an assertion says, reduced to what both implementations must agree on.
  summarise =
    a:
    map (x: {
      inherit (x) assertion;
      namesOption = hasInfix "gone" x.message;
      namesFile = hasInfix "old-user.nix" x.message;
      hasInstructions = hasInfix "Use new.name instead." x.message;
    }) a;
in
{
  renamedForwardsDefinition =
    (cfg [
      declNew
      renamed
      { old.name = "via old"; }
    ]).new.name;

  renamedNewNameStillWorks =
    (cfg [
      declNew
      renamed
      { new.name = "via new"; }
    ]).new.name;

  renamedUnusedKeepsDefault =
    (cfg [
      declNew
      renamed
    ]).new.name;

  renamedOldReadsNewValue =
    (cfg [
      declNew
      renamed
      { new.name = "via new"; }
    ]).old.name;

  renamedBothDefinedConflict =
    (cfg [
      declNew
      renamed
      {
        _file = "a.nix";
        old.name = "one";
      }
      {
        _file = "b.nix";
        new.name = "two";
      }
    ]).new.name;

  renamedKeepsPriority =
    (cfg [
      declNew
      renamed
      { old.name = mkDefault "weak old"; }
      { new.name = "strong new"; }
    ]).new.name;

  renamedForceWins =
    (cfg [
      declNew
      renamed
      { old.name = mkForce "forced old"; }
      { new.name = "plain new"; }
    ]).new.name;

  renamedTypeCheckedAsNew =
    (cfg [
      declNew
      renamed
      {
        _file = "a.nix";
        old.name = 42;
      }
    ]).new.name;

  renamedAddsWarning = builtins.length (cfg [
    declNew
    declWarnings
    renamed
    { old.name = "via old"; }
  ]).warnings;

  renamedWarningMentionsBothNames =
    let
      w = builtins.head (cfg [
        declNew
        declWarnings
        renamed
        {
          _file = "old-user.nix";
          old.name = "via old";
        }
      ]).warnings;
    in
    {
      old = hasInfix "old.name" w;
      new = hasInfix "new.name" w;
      file = hasInfix "old-user.nix" w;
    };

  renamedNoWarningWhenUnused =
    (cfg [
      declNew
      declWarnings
      renamed
      { new.name = "via new"; }
    ]).warnings;

  renamedWithoutWarningsOption =
    builtins.attrNames (cfg [
      declNew
      renamed
      { old.name = "x"; }
    ]);

  renamedUnderMkIfFalse =
    (cfg [
      declNew
      renamed
      { old.name = mkIf false "hidden"; }
    ]).new.name;

  renamedToMissingOption =
    (cfg [
      renamed
      { old.name = "x"; }
    ]).old.name;

  aliasForwardsDefinition =
    (cfg [
      declNew
      aliased
      { alias = "via alias"; }
    ]).new.name;

  aliasReadsTarget =
    (cfg [
      declNew
      aliased
      { new.name = "target"; }
    ]).alias;

  aliasHasNoWarning =
    (cfg [
      declNew
      declWarnings
      aliased
      { alias = "via alias"; }
    ]).warnings;

  aliasKeepsPriority =
    (cfg [
      declNew
      aliased
      { alias = mkDefault "weak"; }
      { new.name = "strong"; }
    ]).alias;

  aliasTypeError =
    (cfg [
      declNew
      aliased
      {
        _file = "a.nix";
        alias = [ ];
      }
    ]).alias;

  removedUnusedIsFine =
    (cfg [
      declNew
      declAssertions
      removed
    ]).new.name;

  removedUnusedAssertionHolds = summarise (cfg [
    declAssertions
    removed
  ]).assertions;

  removedDefinedAssertionFails = summarise (cfg [
    declAssertions
    removed
    {
      _file = "old-user.nix";
      gone = true;
    }
  ]).assertions;

  removedReadIsError =
    (cfg [
      declAssertions
      removed
      { gone = true; }
    ]).gone;

  removedReadWithoutDefinitionIsError =
    (cfg [
      declAssertions
      removed
    ]).gone;

  removedAnyTypeAccepted =
    builtins.length (cfg [
      declAssertions
      removed
      { gone.nested = [ 1 ]; }
    ]).assertions;

  removedDefinitionDoesNotBreakOthers =
    (cfg [
      declNew
      declAssertions
      removed
      { gone = 1; }
      { new.name = "still fine"; }
    ]).new.name;

  removedWithoutAssertionsOption =
    (cfg [
      declNew
      removed
    ]).new.name;
}

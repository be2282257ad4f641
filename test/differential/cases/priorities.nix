# Priorities: mkOverride, mkDefault, mkForce, mkOptionDefault, the option default at 1500, and
# what `options.<path>` reports about them.
{ lib }:
let
  inherit (lib)
    mkOption
    types
    mkDefault
    mkForce
    mkOverride
    mkOptionDefault
    ;
  eval = modules: lib.evalModules { inherit modules; };
  cfg = modules: (eval modules).config;
  opts = modules: (eval modules).options;
  declStr = {
    _file = "decl.nix";
    options.x = mkOption { type = types.str; };
  };
  declStrDefault = {
    _file = "decl.nix";
    options.x = mkOption {
      type = types.str;
      default = "default";
    };
  };
  declList = {
    _file = "decl.nix";
    options.x = mkOption {
      type = types.listOf types.int;
      default = [ 0 ];
    };
  };
in
{
  mkDefaultLosesToPlain =
    (cfg [
      declStr
      { x = mkDefault "weak"; }
      { x = "plain"; }
    ]).x;

  mkDefaultBeatsOptionDefault =
    (cfg [
      declStrDefault
      { x = mkDefault "weak"; }
    ]).x;

  mkForceBeatsPlain =
    (cfg [
      declStr
      { x = mkForce "forced"; }
      { x = "plain"; }
    ]).x;

  mkForceBeatsPlainWhateverTheOrder =
    (cfg [
      declStr
      { x = "plain"; }
      { x = mkForce "forced"; }
    ]).x;

  twoForcesConflict =
    (cfg [
      declStr
      {
        _file = "a.nix";
        x = mkForce "one";
      }
      {
        _file = "b.nix";
        x = mkForce "two";
      }
    ]).x;

  twoDefaultsConflict =
    (cfg [
      declStr
      {
        _file = "a.nix";
        x = mkDefault "one";
      }
      {
        _file = "b.nix";
        x = mkDefault "two";
      }
    ]).x;

  conflictIgnoresLowerPriority =
    (cfg [
      declStr
      {
        _file = "a.nix";
        x = "one";
      }
      {
        _file = "b.nix";
        x = "one";
      }
      {
        _file = "c.nix";
        x = mkDefault "two";
      }
    ]).x;

  mkOverrideLowestNumberWins =
    (cfg [
      declStr
      { x = mkOverride 10 "ten"; }
      { x = mkOverride 20 "twenty"; }
      { x = mkOverride 5 "five"; }
    ]).x;

  mkOverrideEqualToDefaultPrio =
    (cfg [
      declList
      { x = mkOverride 1000 [ 1 ]; }
      { x = mkDefault [ 2 ]; }
    ]).x;

  samePriorityListsConcatenate =
    (cfg [
      declList
      { x = [ 1 ]; }
      { x = [ 2 ]; }
    ]).x;

  lowerPriorityListDropped =
    (cfg [
      declList
      { x = mkDefault [ 1 ]; }
      { x = [ 2 ]; }
    ]).x;

  optionDefaultListDroppedByDefinition =
    (cfg [
      declList
      { x = [ 5 ]; }
    ]).x;

  mkOptionDefaultMergesWithDefault =
    (cfg [
      declList
      { x = mkOptionDefault [ 7 ]; }
    ]).x;

  mkOptionDefaultLosesToMkDefault =
    (cfg [
      declList
      { x = mkOptionDefault [ 7 ]; }
      { x = mkDefault [ 8 ]; }
    ]).x;

  mkOverrideAbove1500LosesToDefault =
    (cfg [
      declStrDefault
      { x = mkOverride 1600 "very weak"; }
    ]).x;

  mkOverrideAbove1500WithoutDefault =
    (cfg [
      declStr
      { x = mkOverride 1600 "very weak"; }
    ]).x;

  overrideInsideOverrideIsTypeError =
    (cfg [
      declStr
      { x = mkForce (mkDefault "inner default"); }
      { x = "plain"; }
    ]).x;

  outerOverrideDecidesPriority =
    (cfg [
      declStr
      { x = mkDefault (mkForce "inner force"); }
      { x = "plain"; }
    ]).x;

  forcedTypeErrorStillChecked =
    (cfg [
      declStr
      {
        _file = "a.nix";
        x = mkForce 3;
      }
    ]).x;

  droppedTypeErrorIgnored =
    (cfg [
      declStr
      {
        _file = "a.nix";
        x = mkDefault 3;
      }
      { x = "fine"; }
    ]).x;

  highestPrioPlain =
    (opts [
      declStr
      { x = "plain"; }
    ]).x.highestPrio;

  highestPrioDefault = (opts [ declStrDefault ]).x.highestPrio;

  highestPrioForce =
    (opts [
      declStr
      { x = mkForce "f"; }
      { x = "plain"; }
    ]).x.highestPrio;

  highestPrioMkDefault =
    (opts [
      declStrDefault
      { x = mkDefault "d"; }
    ]).x.highestPrio;

  highestPrioCustom =
    (opts [
      declStr
      { x = mkOverride 123 "c"; }
    ]).x.highestPrio;

  isDefinedFalseWithoutValue = (opts [ declStr ]).x.isDefined;

  isDefinedTrueFromDefault = (opts [ declStrDefault ]).x.isDefined;

  isDefinedTrueFromDefinition =
    (opts [
      declStr
      { x = "v"; }
    ]).x.isDefined;

  filesOfDefinitions =
    (opts [
      declStrDefault
      {
        _file = "a.nix";
        x = "v";
      }
      {
        _file = "b.nix";
        x = "v";
      }
    ]).x.files;

  filesOnlyWinningPriority =
    (opts [
      declStr
      {
        _file = "a.nix";
        x = mkDefault "w";
      }
      {
        _file = "b.nix";
        x = "v";
      }
    ]).x.files;

  filesOfDefaultOnly = (opts [ declStrDefault ]).x.files;

  definitionsOfOption =
    (opts [
      declList
      { x = [ 1 ]; }
      { x = mkDefault [ 2 ]; }
      { x = [ 3 ]; }
    ]).x.definitions;

  definitionsOfDefaultOnly = (opts [ declList ]).x.definitions;

  optionValueMatchesConfig =
    (opts [
      declList
      { x = [ 4 ]; }
    ]).x.value;

  declarationsOfOption =
    (opts [
      {
        _file = "one.nix";
        options.x = mkOption { type = types.str; };
      }
      {
        _file = "two.nix";
        options.x = mkOption { default = "d"; };
      }
    ]).x.declarations;

  optionDefaultRecorded =
    (opts [
      {
        options.x = mkOption {
          type = types.int;
          default = 42;
        };
      }
    ]).x.default;

  optionDescriptionRecorded =
    (opts [
      {
        options.x = mkOption {
          type = types.int;
          description = "An integer.";
          default = 1;
        };
      }
    ]).x.description;

  optionLoc =
    (opts [
      { options.a.b = mkOption { type = types.int; }; }
    ]).a.b.loc;

  defaultAndDefinitionAtSamePrioMerge =
    (cfg [
      declList
      { x = mkOptionDefault [ 9 ]; }
      { x = mkOverride 1500 [ 10 ]; }
    ]).x;
}

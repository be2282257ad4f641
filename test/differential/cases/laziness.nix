# Evaluation order and laziness: options reading each other, cycles, defaults reading config,
# and values that are never forced.
{ lib }:
let
  inherit (lib) mkOption types mkIf;
  eval = modules: lib.evalModules { inherit modules; };
  cfg = modules: (eval modules).config;
in
{
  optionReadsOption =
    (cfg [
      (
        { config, ... }:
        {
          options.a = mkOption { type = types.int; };
          options.b = mkOption { type = types.int; };
          config.a = 1;
          config.b = config.a * 2;
        }
      )
    ]).b;

  chainOfReads =
    (cfg [
      (
        { config, ... }:
        {
          options.a = mkOption { default = 1; };
          options.b = mkOption { default = config.a + 1; };
          options.c = mkOption { default = config.b + 1; };
          options.d = mkOption { default = config.c + 1; };
        }
      )
    ]).d;

  readBeforeDefinitionOrder =
    (cfg [
      ({ config, ... }: { options.b = mkOption { default = config.a + 1; }; })
      { options.a = mkOption { default = 10; }; }
    ]).b;

  defaultReadsConfig =
    (cfg [
      (
        { config, ... }:
        {
          options.name = mkOption { default = "host"; };
          options.fqdn = mkOption { default = "${config.name}.local"; };
        }
      )
      { name = "box"; }
    ]).fqdn;

  selfReferenceIsRecursion =
    (cfg [
      (
        { config, ... }:
        {
          options.a = mkOption { type = types.int; };
          config.a = config.a + 1;
        }
      )
    ]).a;

  mutualReferenceIsRecursion =
    (cfg [
      (
        { config, ... }:
        {
          options.a = mkOption { type = types.int; };
          options.b = mkOption { type = types.int; };
          config.a = config.b;
          config.b = config.a;
        }
      )
    ]).b;

  cycleThroughDefaults =
    (cfg [
      (
        { config, ... }:
        {
          options.a = mkOption { default = config.b; };
          options.b = mkOption { default = config.a; };
        }
      )
    ]).a;

  cycleNotReadIsFine =
    (cfg [
      (
        { config, ... }:
        {
          options.a = mkOption { default = config.b; };
          options.b = mkOption { default = config.a; };
          options.c = mkOption { default = "c"; };
        }
      )
    ]).c;

  cycleInWholeConfig = cfg [
    (
      { config, ... }:
      {
        options.a = mkOption { default = config.a; };
      }
    )
  ];

  droppedSelfReferenceIsNotEvaluated =
    (cfg [
      (
        { config, ... }:
        {
          options.a = mkOption { type = types.int; };
          config.a = lib.mkDefault (config.a + 1);
        }
      )
      { a = 5; }
    ]).a;

  mkIfOnOtherOptionBreaksNoCycle =
    (cfg [
      (
        { config, ... }:
        {
          options.enable = mkOption { default = true; };
          options.a = mkOption { default = 0; };
          config.a = mkIf config.enable 1;
        }
      )
    ]).a;

  conditionReadsTheOptionItDefines =
    (cfg [
      (
        { config, ... }:
        {
          options.a = mkOption {
            type = types.listOf types.int;
            default = [ ];
          };
          config.a = mkIf (config.a == [ ]) [ 1 ];
        }
      )
    ]).a;

  nestedGroupReadsSibling =
    (cfg [
      (
        { config, ... }:
        {
          options.g.a = mkOption { default = 2; };
          options.g.b = mkOption { default = config.g.a * 3; };
        }
      )
    ]).g;

  readingGroupAttrNamesNeedsNoValues =
    builtins.attrNames (cfg [
      {
        options.g.a = mkOption { default = throw "not needed"; };
        options.g.b = mkOption { type = types.int; };
      }
    ]).g;

  unreadBadDefinitionInOtherOption =
    (cfg [
      {
        options.good = mkOption { type = types.int; };
        options.bad = mkOption { type = types.int; };
      }
      {
        good = 1;
        bad = "not an int";
      }
    ]).good;

  listElementsForcedForProperties =
    builtins.length (cfg [
      {
        options.l = mkOption { type = types.listOf types.int; };
      }
      {
        l = [
          1
          (throw "element never forced")
        ];
      }
    ]).l;

  listElementTypeErrorOnlyWhenThatElementForced =
    builtins.elemAt (cfg [
      {
        options.l = mkOption { type = types.listOf types.int; };
      }
      {
        _file = "a.nix";
        l = [
          1
          "two"
        ];
      }
    ]).l 0;

  submoduleOptionLazy =
    (cfg [
      {
        options.s = mkOption {
          type = types.submodule {
            options.a = mkOption { default = 1; };
            options.b = mkOption { default = throw "b never read"; };
          };
          default = { };
        };
      }
    ]).s.a;

  attrsOfSubmoduleNamesWithoutValues =
    builtins.attrNames (cfg [
      {
        options.s = mkOption {
          type = types.attrsOf (types.submodule { options.v = mkOption { type = types.int; }; });
        };
      }
      {
        s.one = { };
        s.two = { };
      }
    ]).s;

  configAsModuleArgumentIsTheSameConfig =
    (cfg [
      (
        { config, ... }:
        {
          options.a = mkOption { default = 1; };
          options.b = mkOption { default = config.a; };
        }
      )
      { a = 2; }
    ]).b;

  optionsArgumentReadsValue =
    (cfg [
      (
        { options, ... }:
        {
          options.a = mkOption { default = 3; };
          options.b = mkOption { default = options.a.value + 1; };
        }
      )
    ]).b;

  deepChain =
    let
      n = 2000;
      names = map (i: "o${toString i}") (lib.range 0 n);
    in
    (cfg [
      (
        { config, ... }:
        {
          options = lib.genAttrs names (name: mkOption { type = types.int; });
          config = lib.listToAttrs (
            lib.imap0 (
              i: name: {
                inherit name;
                value = if i == 0 then 0 else config."o${toString (i - 1)}" + 1;
              }
            ) names
          );
        }
      )
    ])."o${toString n}";

  throwInUnusedModuleArgument =
    (cfg [
      { _module.args.broken = throw "never"; }
      { options.a = mkOption { default = "ok"; }; }
    ]).a;

  applyIgnoringItsArgumentSkipsMerge =
    (cfg [
      {
        options.x = mkOption {
          type = types.int;
          apply = _: "constant";
        };
      }
      { x = "not an int"; }
    ]).x;

  defaultNotEvaluatedWhenDefined =
    (cfg [
      {
        options.x = mkOption {
          type = types.int;
          default = throw "default evaluated";
        };
      }
      { x = 1; }
    ]).x;

  isDefinedForcesDefinitionValues =
    (eval [
      { options.x = mkOption { type = types.int; }; }
      { x = throw "definition forced"; }
    ]).options.x.isDefined;

  highestPrioOfThrowingDefinition =
    (eval [
      { options.x = mkOption { type = types.int; }; }
      { x = lib.mkDefault (throw "definition forced"); }
    ]).options.x.highestPrio;

  filesOfThrowingDefinition =
    (eval [
      { options.x = mkOption { type = types.int; }; }
      {
        _file = "a.nix";
        x = throw "definition forced";
      }
    ]).options.x.files;

  undeclaredThrowingDefinition =
    (cfg [
      { options.x = mkOption { default = 1; }; }
      {
        _file = "a.nix";
        y = throw "undeclared value forced";
      }
    ]).x;

  mkIfConditionNotEvaluatedForOtherOptions =
    (cfg [
      { options.x = mkOption { default = 1; }; }
      { options.y = mkOption { default = 2; }; }
      { y = mkIf (throw "condition forced") 3; }
    ]).x;

  unusedModuleFunctionArgumentNotEvaluated =
    (cfg [
      { options.x = mkOption { default = 1; }; }
      ({ config, options, ... }: { })
    ]).x;

  anythingForcesSiblings =
    (cfg [
      { options.v = mkOption { type = types.anything; }; }
      {
        v = {
          a = 1;
          b = throw "sibling forced";
        };
      }
    ]).v.a;

  attrsOfNestedValueNotForcedForNames =
    (cfg [
      { options.v = mkOption { type = types.attrsOf (types.attrsOf types.int); }; }
      { v.k.inner = throw "nested value forced"; }
    ]).v ? k;

  configShapeDependsOnOptionsDeclared =
    (cfg [
      { options.enable = mkOption { default = false; }; }
      ({ options, ... }: { config = lib.optionalAttrs (options ? enable) { enable = true; }; })
    ]).enable;

  configShapeDependsOnOptionsUndeclared = cfg [
    { options.other = mkOption { default = "other"; }; }
    ({ options, ... }: { config = lib.optionalAttrs (options ? enable) { enable = true; }; })
  ];
}

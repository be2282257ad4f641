# Types beyond the everyday ones: boolByOr, nonEmptyStr, singleLineStr, envVar, nonEmptyListOf,
# the sized ints, numbers.between, addCheck, attrsWith, optionType, and the extra priorities.
{ lib }:
let
  inherit (lib) mkOption types;
  eval = modules: lib.evalModules { inherit modules; };
  cfg = modules: (eval modules).config;
  one =
    type: value:
    (cfg [
      { options.v = mkOption { inherit type; }; }
      {
        _file = "a.nix";
        v = value;
      }
    ]).v;
  two =
    type: a: b:
    (cfg [
      { options.v = mkOption { inherit type; }; }
      {
        _file = "a.nix";
        v = a;
      }
      {
        _file = "b.nix";
        v = b;
      }
    ]).v;
in
{
  boolByOrFalseFalse = two types.boolByOr false false;
  boolByOrTrueFalse = two types.boolByOr true false;
  boolByOrRejectsString = one types.boolByOr "true";

  nonEmptyStrAccepts = one types.nonEmptyStr "x";
  nonEmptyStrRejectsEmpty = one types.nonEmptyStr "";
  nonEmptyStrRejectsWhitespace = one types.nonEmptyStr " \t\n";

  singleLineStrAccepts = one types.singleLineStr "one line";
  singleLineStrTrimsFinalNewline = one types.singleLineStr "one line\n";
  singleLineStrRejectsTwoLines = one types.singleLineStr "one\ntwo";

  envVarJoinsWithColon = two types.envVar "/bin" "/usr/bin";

  nonEmptyListOfAccepts = one (types.nonEmptyListOf types.int) [ 1 ];
  nonEmptyListOfRejectsEmpty = one (types.nonEmptyListOf types.int) [ ];
  nonEmptyListOfMerges = two (types.nonEmptyListOf types.int) [ 1 ] [ 2 ];
  nonEmptyListOfWithoutDefinitionHasNoValue =
    (cfg [ { options.v = mkOption { type = types.nonEmptyListOf types.int; }; } ]).v;

  u8AcceptsMax = one types.ints.u8 255;
  u8RejectsOver = one types.ints.u8 256;
  s8AcceptsMin = one types.ints.s8 (-128);
  s8RejectsUnder = one types.ints.s8 (-129);
  u16AcceptsMax = one types.ints.u16 65535;
  s16RejectsOver = one types.ints.s16 32768;
  u32AcceptsMax = one types.ints.u32 4294967295;
  u32RejectsNegative = one types.ints.u32 (-1);
  s32AcceptsMin = one types.ints.s32 (-2147483648);

  numbersBetweenAcceptsFloat = one (types.numbers.between 0 1) 0.5;
  numbersBetweenAcceptsInt = one (types.numbers.between 0 1) 1;
  numbersBetweenRejects = one (types.numbers.between 0 1) 1.5;
  numbersNonnegativeRejectsNegative = one types.numbers.nonnegative (-0.5);
  numbersPositiveRejectsZero = one types.numbers.positive 0;

  addCheckAccepts = one (types.addCheck types.int (x: x > 10)) 11;
  addCheckRejects = one (types.addCheck types.int (x: x > 10)) 10;
  addCheckKeepsBaseCheck = one (types.addCheck types.int (x: true)) "s";
  addCheckKeepsBaseMerge = two (types.addCheck (types.listOf types.int) (x: true)) [ 1 ] [ 2 ];

  attrsWithLazy =
    (cfg [
      {
        options.v = mkOption {
          type = types.attrsWith {
            elemType = types.int;
            lazy = true;
          };
        };
      }
      {
        v.good = 1;
        v.bad = throw "lazy attrsWith forced";
      }
    ]).v.good;

  attrsWithStrict =
    (cfg [
      {
        options.v = mkOption {
          type = types.attrsWith {
            elemType = types.int;
            lazy = false;
          };
        };
      }
      {
        v.good = 1;
        v.bad = throw "strict attrsWith forced";
      }
    ]).v ? good;

  attrsWithPlaceholderInSubOptions =
    (eval [
      {
        options.v = mkOption {
          type = types.attrsWith {
            elemType = types.submodule { options.leaf = mkOption { default = 1; }; };
            placeholder = "host";
          };
        };
      }
    ]).options.v.type.getSubOptions [ "v" ] ? leaf;

  optionTypeValueIsAType =
    let
      t =
        (cfg [
          { options.t = mkOption { type = types.optionType; }; }
          { t = types.str; }
        ]).t;
    in
    [
      (t.check "s")
      (t.check 1)
    ];

  optionTypeMergesSubmodules =
    let
      t =
        (cfg [
          { options.t = mkOption { type = types.optionType; }; }
          { t = types.submodule { options.a = mkOption { default = 1; }; }; }
          { t = types.submodule { options.b = mkOption { default = 2; }; }; }
        ]).t;
    in
    builtins.attrNames (removeAttrs (t.getSubOptions [ ]) [ "_module" ]);

  optionTypeConflictingTypes =
    (cfg [
      { options.t = mkOption { type = types.optionType; }; }
      {
        _file = "a.nix";
        t = types.str;
      }
      {
        _file = "b.nix";
        t = types.int;
      }
    ]).t.name;

  mkVMOverrideBeatsForce =
    (cfg [
      { options.v = mkOption { type = types.str; }; }
      { v = lib.mkForce "force"; }
      { v = lib.mkVMOverride "vm"; }
    ]).v;

  mkImageMediaOverrideBetweenForceAndPlain =
    (cfg [
      { options.v = mkOption { type = types.str; }; }
      { v = lib.mkImageMediaOverride "image"; }
      { v = "plain"; }
    ]).v;

  mkImageMediaOverrideLosesToForce =
    (cfg [
      { options.v = mkOption { type = types.str; }; }
      { v = lib.mkImageMediaOverride "image"; }
      { v = lib.mkForce "force"; }
    ]).v;
}

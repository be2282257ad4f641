# Scalar types: checks and merges of str, bool, int, float, number, path, enum, strMatching,
# the ints family, port and separated strings.
{ lib }:
let
  inherit (lib) mkOption types;
  eval = modules: lib.evalModules { inherit modules; };
  cfg = modules: (eval modules).config;
  # `one type value` declares `v` with `type` and defines it once in a.nix.
  one =
    type: value:
    (cfg [
      { options.v = mkOption { inherit type; }; }
      {
        _file = "a.nix";
        v = value;
      }
    ]).v;
  # `two type a b` defines `v` in a.nix and b.nix.
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
  strAccepts = one types.str "text";
  strRejectsInt = one types.str 1;
  strRejectsNull = one types.str null;
  strRejectsList = one types.str [ "a" ];
  strEmptyIsFine = one types.str "";

  boolAcceptsFalse = one types.bool false;
  boolRejectsString = one types.bool "true";
  boolRejectsInt = one types.bool 1;
  boolEqualMerge = two types.bool false false;
  boolConflict = two types.bool false true;

  intAccepts = one types.int 42;
  intAcceptsNegative = one types.int (-7);
  intRejectsFloat = one types.int 1.5;
  intRejectsString = one types.int "1";
  intEqualMerge = two types.int 3 3;
  intConflict = two types.int 3 4;

  floatAccepts = one types.float 1.5;
  floatRejectsInt = one types.float 1;
  floatRejectsString = one types.float "1.5";

  numberAcceptsInt = one types.number 2;
  numberAcceptsFloat = one types.number 2.5;
  numberRejectsString = one types.number "2";

  unsignedAcceptsZero = one types.ints.unsigned 0;
  unsignedRejectsNegative = one types.ints.unsigned (-1);
  positiveAcceptsOne = one types.ints.positive 1;
  positiveRejectsZero = one types.ints.positive 0;
  betweenAcceptsLowerBound = one (types.ints.between (-3) 5) (-3);
  betweenAcceptsUpperBound = one (types.ints.between (-3) 5) 5;
  betweenRejectsAbove = one (types.ints.between (-3) 5) 6;
  betweenRejectsBelow = one (types.ints.between (-3) 5) (-4);
  betweenRejectsFloat = one (types.ints.between 0 5) 2.5;
  portAccepts = one types.port 8080;
  portAcceptsZero = one types.port 0;
  portAcceptsMax = one types.port 65535;
  portRejectsTooLarge = one types.port 65536;
  portRejectsNegative = one types.port (-1);
  portRejectsString = one types.port "22";

  enumAccepts = one (types.enum [ "a" "b" ]) "b";
  enumRejects = one (types.enum [ "a" "b" ]) "c";
  enumOfMixedValues = one (types.enum [ 1 "one" true ]) true;
  enumMixedRejectsOther = one (types.enum [ 1 "one" true ]) false;
  enumEqualMerge = two (types.enum [ "a" "b" ]) "a" "a";
  enumConflict = two (types.enum [ "a" "b" ]) "a" "b";
  enumEmptyRejectsEverything = one (types.enum [ ]) "a";

  strMatchingAccepts = one (types.strMatching "[a-z]+") "abc";
  strMatchingIsWholeString = one (types.strMatching "[a-z]+") "abc1";
  strMatchingRejectsEmpty = one (types.strMatching "[a-z]+") "";
  strMatchingAlternatives = one (types.strMatching "(cat|dog)s?") "dogs";
  strMatchingRejectsNonString = one (types.strMatching ".*") 1;
  strMatchingConflict = two (types.strMatching "[a-z]+") "abc" "xyz";

  pathAcceptsAbsolute = one types.path "/etc/hosts";
  pathRejectsRelative = one types.path "etc/hosts";
  pathRejectsInt = one types.path 1;
  pathEqualMerge = two types.path "/a" "/a";
  pathConflict = two types.path "/a" "/b";

  separatedStringJoins = two (types.separatedString ":") "one" "two";
  separatedStringEmptySeparator = two (types.separatedString "") "ab" "cd";
  separatedStringSingle = one (types.separatedString ":") "solo";
  separatedStringRejectsList = one (types.separatedString ":") [ "a" ];
  linesJoin = two types.lines "first" "second";
  commasJoin = two types.commas "x" "y";
  commasRejectsInt = one types.commas 1;

  packageRejectsPlainString = one types.package "hello";
  packageRejectsPlainAttrs = one types.package { name = "hello"; };

  linesThreeDefinitions =
    (cfg [
      { options.v = mkOption { type = types.lines; }; }
      { v = "1"; }
      { v = "2"; }
      { v = "3"; }
    ]).v;

  strEqualAcrossThreeFiles =
    (cfg [
      { options.v = mkOption { type = types.str; }; }
      {
        _file = "a.nix";
        v = "s";
      }
      {
        _file = "b.nix";
        v = "s";
      }
      {
        _file = "c.nix";
        v = "t";
      }
    ]).v;
}

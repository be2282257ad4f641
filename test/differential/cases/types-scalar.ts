// Scalar types (twin of types-scalar.nix).
import { type Cases, type Confed, cfg, type Omitted } from "../case.ts";

/** Declares `v` with `type` and defines it once in a.nix. */
const one = (c: Confed, type: unknown, value: unknown) =>
  cfg(c, [{ options: { v: c.mkOption({ type } as any) } }, { _file: "a.nix", v: value }]).v;

/** Defines `v` in a.nix and b.nix. */
const two = (c: Confed, type: unknown, a: unknown, b: unknown) =>
  cfg(c, [
    { options: { v: c.mkOption({ type } as any) } },
    { _file: "a.nix", v: a },
    { _file: "b.nix", v: b },
  ]).v;

export const omitted: Omitted = {
  // MODULES.md: `float` is any finite number; JavaScript cannot tell 1.0 from 1.
  floatRejectsInt: "float accepts integers: JavaScript has one number type",
};

export const cases: Cases = {
  strAccepts: (c) => one(c, c.types.str, "text"),
  strRejectsInt: (c) => one(c, c.types.str, 1),
  strRejectsNull: (c) => one(c, c.types.str, null),
  strRejectsList: (c) => one(c, c.types.str, ["a"]),
  strEmptyIsFine: (c) => one(c, c.types.str, ""),

  boolAcceptsFalse: (c) => one(c, c.types.bool, false),
  boolRejectsString: (c) => one(c, c.types.bool, "true"),
  boolRejectsInt: (c) => one(c, c.types.bool, 1),
  boolEqualMerge: (c) => two(c, c.types.bool, false, false),
  boolConflict: (c) => two(c, c.types.bool, false, true),

  intAccepts: (c) => one(c, c.types.int, 42),
  intAcceptsNegative: (c) => one(c, c.types.int, -7),
  intRejectsFloat: (c) => one(c, c.types.int, 1.5),
  intRejectsString: (c) => one(c, c.types.int, "1"),
  intEqualMerge: (c) => two(c, c.types.int, 3, 3),
  intConflict: (c) => two(c, c.types.int, 3, 4),

  floatAccepts: (c) => one(c, c.types.float, 1.5),
  floatRejectsString: (c) => one(c, c.types.float, "1.5"),

  numberAcceptsInt: (c) => one(c, c.types.number, 2),
  numberAcceptsFloat: (c) => one(c, c.types.number, 2.5),
  numberRejectsString: (c) => one(c, c.types.number, "2"),

  unsignedAcceptsZero: (c) => one(c, c.types.ints.unsigned, 0),
  unsignedRejectsNegative: (c) => one(c, c.types.ints.unsigned, -1),
  positiveAcceptsOne: (c) => one(c, c.types.ints.positive, 1),
  positiveRejectsZero: (c) => one(c, c.types.ints.positive, 0),
  betweenAcceptsLowerBound: (c) => one(c, c.types.ints.between(-3, 5), -3),
  betweenAcceptsUpperBound: (c) => one(c, c.types.ints.between(-3, 5), 5),
  betweenRejectsAbove: (c) => one(c, c.types.ints.between(-3, 5), 6),
  betweenRejectsBelow: (c) => one(c, c.types.ints.between(-3, 5), -4),
  betweenRejectsFloat: (c) => one(c, c.types.ints.between(0, 5), 2.5),
  portAccepts: (c) => one(c, c.types.port, 8080),
  portAcceptsZero: (c) => one(c, c.types.port, 0),
  portAcceptsMax: (c) => one(c, c.types.port, 65535),
  portRejectsTooLarge: (c) => one(c, c.types.port, 65536),
  portRejectsNegative: (c) => one(c, c.types.port, -1),
  portRejectsString: (c) => one(c, c.types.port, "22"),

  enumAccepts: (c) => one(c, c.types.enum(["a", "b"]), "b"),
  enumRejects: (c) => one(c, c.types.enum(["a", "b"]), "c"),
  enumOfMixedValues: (c) => one(c, c.types.enum([1, "one", true]), true),
  enumMixedRejectsOther: (c) => one(c, c.types.enum([1, "one", true]), false),
  enumEqualMerge: (c) => two(c, c.types.enum(["a", "b"]), "a", "a"),
  enumConflict: (c) => two(c, c.types.enum(["a", "b"]), "a", "b"),
  enumEmptyRejectsEverything: (c) => one(c, c.types.enum([]), "a"),

  strMatchingAccepts: (c) => one(c, c.types.strMatching("[a-z]+"), "abc"),
  strMatchingIsWholeString: (c) => one(c, c.types.strMatching("[a-z]+"), "abc1"),
  strMatchingRejectsEmpty: (c) => one(c, c.types.strMatching("[a-z]+"), ""),
  strMatchingAlternatives: (c) => one(c, c.types.strMatching("(cat|dog)s?"), "dogs"),
  strMatchingRejectsNonString: (c) => one(c, c.types.strMatching(".*"), 1),
  strMatchingConflict: (c) => two(c, c.types.strMatching("[a-z]+"), "abc", "xyz"),

  pathAcceptsAbsolute: (c) => one(c, c.types.path, "/etc/hosts"),
  pathRejectsRelative: (c) => one(c, c.types.path, "etc/hosts"),
  pathRejectsInt: (c) => one(c, c.types.path, 1),
  pathEqualMerge: (c) => two(c, c.types.path, "/a", "/a"),
  pathConflict: (c) => two(c, c.types.path, "/a", "/b"),

  separatedStringJoins: (c) => two(c, c.types.separatedString(":"), "one", "two"),
  separatedStringEmptySeparator: (c) => two(c, c.types.separatedString(""), "ab", "cd"),
  separatedStringSingle: (c) => one(c, c.types.separatedString(":"), "solo"),
  separatedStringRejectsList: (c) => one(c, c.types.separatedString(":"), ["a"]),
  linesJoin: (c) => two(c, c.types.lines, "first", "second"),
  commasJoin: (c) => two(c, c.types.commas, "x", "y"),
  commasRejectsInt: (c) => one(c, c.types.commas, 1),

  packageRejectsPlainString: (c) => one(c, c.types.package, "hello"),
  packageRejectsPlainAttrs: (c) => one(c, c.types.package, { name: "hello" }),

  linesThreeDefinitions: (c) =>
    cfg(c, [
      { options: { v: c.mkOption({ type: c.types.lines }) } },
      { v: "1" },
      { v: "2" },
      { v: "3" },
    ]).v,

  strEqualAcrossThreeFiles: (c) =>
    cfg(c, [
      { options: { v: c.mkOption({ type: c.types.str }) } },
      { _file: "a.nix", v: "s" },
      { _file: "b.nix", v: "s" },
      { _file: "c.nix", v: "t" },
    ]).v,
};

// ConfigOf: the value type of every option type constructor, enum literals, submodules.
import { expectTypeOf } from "expect-type";
import {
  type ConfigOf,
  mkEnableOption,
  mkOption,
  mkPackageOption,
  type OptionType,
  type Package,
  types,
} from "../src/index.ts";

const t = types;

// Scalars.
const scalars = {
  str: mkOption({ type: t.str }),
  nonEmptyStr: mkOption({ type: t.nonEmptyStr }),
  singleLineStr: mkOption({ type: t.singleLineStr }),
  lines: mkOption({ type: t.lines }),
  commas: mkOption({ type: t.commas }),
  envVar: mkOption({ type: t.envVar }),
  separatedString: mkOption({ type: t.separatedString(" ") }),
  strMatching: mkOption({ type: t.strMatching("[a-z]+") }),
  path: mkOption({ type: t.path }),
  int: mkOption({ type: t.int }),
  float: mkOption({ type: t.float }),
  number: mkOption({ type: t.number }),
  port: mkOption({ type: t.port }),
  unsigned: mkOption({ type: t.ints.unsigned }),
  positive: mkOption({ type: t.ints.positive }),
  u8: mkOption({ type: t.ints.u8 }),
  s32: mkOption({ type: t.ints.s32 }),
  between: mkOption({ type: t.ints.between(1, 10) }),
  nonnegative: mkOption({ type: t.numbers.nonnegative }),
  bool: mkOption({ type: t.bool }),
  boolByOr: mkOption({ type: t.boolByOr }),
  package: mkOption({ type: t.package }),
  attrs: mkOption({ type: t.attrs }),
  anything: mkOption({ type: t.anything }),
  raw: mkOption({ type: t.raw }),
  unspecified: mkOption({ type: t.unspecified }),
};
type Scalars = ConfigOf<typeof scalars>;
expectTypeOf<Scalars["str"]>().toEqualTypeOf<string>();
expectTypeOf<Scalars["nonEmptyStr"]>().toEqualTypeOf<string>();
expectTypeOf<Scalars["singleLineStr"]>().toEqualTypeOf<string>();
expectTypeOf<Scalars["lines"]>().toEqualTypeOf<string>();
expectTypeOf<Scalars["commas"]>().toEqualTypeOf<string>();
expectTypeOf<Scalars["envVar"]>().toEqualTypeOf<string>();
expectTypeOf<Scalars["separatedString"]>().toEqualTypeOf<string>();
expectTypeOf<Scalars["strMatching"]>().toEqualTypeOf<string>();
expectTypeOf<Scalars["path"]>().toEqualTypeOf<string>();
expectTypeOf<Scalars["int"]>().toEqualTypeOf<number>();
expectTypeOf<Scalars["float"]>().toEqualTypeOf<number>();
expectTypeOf<Scalars["number"]>().toEqualTypeOf<number>();
expectTypeOf<Scalars["port"]>().toEqualTypeOf<number>();
expectTypeOf<Scalars["unsigned"]>().toEqualTypeOf<number>();
expectTypeOf<Scalars["positive"]>().toEqualTypeOf<number>();
expectTypeOf<Scalars["u8"]>().toEqualTypeOf<number>();
expectTypeOf<Scalars["s32"]>().toEqualTypeOf<number>();
expectTypeOf<Scalars["between"]>().toEqualTypeOf<number>();
expectTypeOf<Scalars["nonnegative"]>().toEqualTypeOf<number>();
expectTypeOf<Scalars["bool"]>().toEqualTypeOf<boolean>();
expectTypeOf<Scalars["boolByOr"]>().toEqualTypeOf<boolean>();
expectTypeOf<Scalars["package"]>().toEqualTypeOf<Package>();
expectTypeOf<Scalars["attrs"]>().toEqualTypeOf<Record<string, unknown>>();
// The catch-alls are `unknown`: the module system does not check them, so neither does
// TypeScript; narrow or cast where they are read.
expectTypeOf<Scalars["anything"]>().toEqualTypeOf<unknown>();
expectTypeOf<Scalars["raw"]>().toEqualTypeOf<unknown>();
expectTypeOf<Scalars["unspecified"]>().toEqualTypeOf<unknown>();

// Options as modules declare them.
const options = {
  enumStr: mkOption({ type: t.enum(["desktop", "laptop", "server"]) }),
  enumMixed: mkOption({ type: t.enum([1, 2, "auto"]) }),
  list: mkOption({ type: t.listOf(t.str) }),
  nonEmpty: mkOption({ type: t.nonEmptyListOf(t.int) }),
  attrs: mkOption({ type: t.attrsOf(t.int) }),
  lazyAttrs: mkOption({ type: t.lazyAttrsOf(t.bool) }),
  attrsWith: mkOption({ type: t.attrsWith({ elemType: t.str, placeholder: "user" }) }),
  nullable: mkOption({ type: t.nullOr(t.str), default: null }),
  either: mkOption({ type: t.either(t.str, t.int) }),
  oneOf: mkOption({ type: t.oneOf([t.str, t.int, t.bool]) }),
  coerced: mkOption({ type: t.coercedTo(t.str, (s) => [s], t.listOf(t.str)) }),
  fn: mkOption({ type: t.functionTo(t.int) }),
  uniq: mkOption({ type: t.uniq(t.port) }),
  unique: mkOption({ type: t.unique({ message: "once" }, t.str) }),
  deferred: mkOption({ type: t.deferredModule }),
  optionType: mkOption({ type: t.optionType }),
  nested: { list: mkOption({ type: t.listOf(t.attrsOf(t.nullOr(t.int))) }) },
  untyped: mkOption({ default: 5 }),
  enable: mkEnableOption("the thing"),
  pkg: mkPackageOption({}, "git"),
  maybePkg: mkPackageOption({}, "git", { nullable: true }),
  applied: mkOption({ type: t.listOf(t.str), apply: (v) => v.join(":") }),
};
type Config = ConfigOf<typeof options>;

expectTypeOf<Config["enumStr"]>().toEqualTypeOf<"desktop" | "laptop" | "server">();
expectTypeOf<Config["enumMixed"]>().toEqualTypeOf<1 | 2 | "auto">();
expectTypeOf<Config["list"]>().toEqualTypeOf<string[]>();
expectTypeOf<Config["nonEmpty"]>().toEqualTypeOf<number[]>();
expectTypeOf<Config["attrs"]>().toEqualTypeOf<Record<string, number>>();
expectTypeOf<Config["lazyAttrs"]>().toEqualTypeOf<Record<string, boolean>>();
expectTypeOf<Config["attrsWith"]>().toEqualTypeOf<Record<string, string>>();
expectTypeOf<Config["nullable"]>().toEqualTypeOf<string | null>();
expectTypeOf<Config["either"]>().toEqualTypeOf<string | number>();
expectTypeOf<Config["oneOf"]>().toEqualTypeOf<string | number | boolean>();
expectTypeOf<Config["coerced"]>().toEqualTypeOf<string[]>();
expectTypeOf<Config["fn"]>().toEqualTypeOf<(...args: any[]) => number>();
expectTypeOf<Config["uniq"]>().toEqualTypeOf<number>();
expectTypeOf<Config["unique"]>().toEqualTypeOf<string>();
expectTypeOf<Config["deferred"]>().toEqualTypeOf<{ imports: unknown[] }>();
expectTypeOf<Config["optionType"]>().toEqualTypeOf<OptionType>();
expectTypeOf<Config["nested"]>().toEqualTypeOf<{ list: Record<string, number | null>[] }>();
// Without a type an option is `unknown`: `default` never decides the type.
expectTypeOf<Config["untyped"]>().toEqualTypeOf<unknown>();
expectTypeOf<Config["enable"]>().toEqualTypeOf<boolean>();
expectTypeOf<Config["pkg"]>().toEqualTypeOf<Package>();
expectTypeOf<Config["maybePkg"]>().toEqualTypeOf<Package | null>();
// `apply` decides what modules read.
expectTypeOf<Config["applied"]>().toEqualTypeOf<string>();

// An enum keeps its literals without `as const`; a default outside them is an error.
mkOption({ type: t.enum(["i3", "xmonad"]), default: "i3" });
// @ts-expect-error -- "sway" is not one of the values
mkOption({ type: t.enum(["i3", "xmonad"]), default: "sway" });
// A default is checked against the type, never widens it.
// @ts-expect-error -- a number is not a string
mkOption({ type: t.str, default: 1 });

// Submodules: a module object, a function returning one, nested, in attrsOf and listOf.
const userType = t.submodule(({ name }) => ({
  options: {
    home: mkOption({ type: t.str, default: `/home/${name}` }),
    uid: mkOption({ type: t.nullOr(t.int), default: null }),
    ssh: {
      keys: mkOption({ type: t.listOf(t.str), default: [] }),
    },
    shell: mkOption({
      type: t.submodule({
        options: {
          program: mkOption({ type: t.enum(["bash", "zsh"]), default: "bash" }),
          env: mkOption({
            type: t.attrsOf(t.submodule({ options: { v: mkOption({ type: t.str }) } })),
          }),
        },
      }),
      default: {},
    }),
  },
}));
const users = {
  users: {
    users: mkOption({ type: t.attrsOf(userType), default: {} }),
    groups: mkOption({
      type: t.listOf(t.submodule({ options: { gid: mkOption({ type: t.int }) } })),
    }),
  },
};
type User = ConfigOf<typeof users>["users"]["users"][string];
expectTypeOf<User["home"]>().toEqualTypeOf<string>();
expectTypeOf<User["uid"]>().toEqualTypeOf<number | null>();
expectTypeOf<User["ssh"]>().toEqualTypeOf<{ keys: string[] }>();
expectTypeOf<User["shell"]["program"]>().toEqualTypeOf<"bash" | "zsh">();
expectTypeOf<User["shell"]["env"]>().toEqualTypeOf<Record<string, { v: string }>>();
expectTypeOf<ConfigOf<typeof users>["users"]["groups"]>().toEqualTypeOf<{ gid: number }[]>();

// Where inference cannot reach: a list of modules, submoduleWith, an opaque tree.
const fallback = {
  list: mkOption({ type: t.submodule([{ options: {} }, { options: {} }]) }),
  with: mkOption({ type: t.submoduleWith({ modules: [] }) }),
};
expectTypeOf<ConfigOf<typeof fallback>["list"]>().toEqualTypeOf<Record<string, any>>();
expectTypeOf<ConfigOf<typeof fallback>["with"]>().toEqualTypeOf<Record<string, any>>();
expectTypeOf<ConfigOf<any>>().toEqualTypeOf<Record<string, any>>();
expectTypeOf<ConfigOf<unknown>>().toEqualTypeOf<Record<string, any>>();

// A namespace whose options are named like option attributes is still a namespace.
const oddNames = {
  devShells: { default: mkOption({ type: t.str }), example: mkOption({ type: t.int }) },
};
expectTypeOf<ConfigOf<typeof oddNames>>().toEqualTypeOf<{
  devShells: { default: string; example: number };
}>();

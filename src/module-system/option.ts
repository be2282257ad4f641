/**
 * Option declarations: mkOption marks its argument as one (a WeakSet; an object with `_type: "option"` counts too). Getters on it (notably
 * `get default()`) are kept as getters and read only when needed.
 */
import { isPackage } from "../lib/index.ts";
import type { DefinitionValue, Package } from "./infer.ts";
import type { OptionType } from "./types/base.ts";
import { boolType, packageTypeRef } from "./types/refs.ts";

/**
 * What `mkOption` accepts. At the type level `T` is the merged value, `D` what one definition may
 * be (see `OptionType`) and `V` the value modules read (what `apply` returns). `T` is inferred
 * from `type` alone, so an option without a type is `unknown`; `default` is a definition (a
 * submodule's may be partial) checked against the type, never widening it.
 */
export interface OptionSpec<T = unknown, D = never, V = T> {
  type?: OptionType<T, D>;
  default?: NoInfer<DefinitionValue<T, D>>;
  defaultText?: unknown;
  example?: unknown;
  description?: string;
  readOnly?: boolean;
  internal?: boolean;
  visible?: boolean | "shallow" | "transparent";
  apply?: (value: T) => V;
  relatedPackages?: unknown;
}

/** An option declaration; `T` is the type of its value (`D` and `V` as in `OptionSpec`). */
export interface Option<T = unknown, D = never, V = T> extends OptionSpec<T, D, V> {
  /** Phantom: the value modules read (`T`, or what `apply` returns). */
  readonly __option?: V;
  /** Phantom: what one definition may be (see `DefinitionValue`). */
  readonly __definition?: DefinitionValue<T, D>;
}

/**
 * Declares an option. Only the keys given are set (a declaration without `description` can be
 * merged with one that has it). A `default` that reads config is a getter.
 *
 * @example
 * options: { port: mkOption({ type: types.port, default: 22, description: "Listen port." }) }
 * options: { url: mkOption({ type: types.str, get default() { return `http://${config.host}` } }) }
 */
export function mkOption<T = unknown, D = never, V = T>(
  spec: OptionSpec<T, D, V> = {},
): Option<T, D, V> {
  // The spec itself is the declaration, marked with a registered symbol (no copy: getters must
  // survive, and a descriptor walk per option is expensive). The mark is not an enumerable key
  // and says nothing about any evaluation, so a spec shared by several evaluations is fine.
  if (Object.isExtensible(spec)) Object.defineProperty(spec, OPTION, { value: true });
  else declared.add(spec);
  return spec as any;
}

const OPTION = Symbol.for("confed.option");
const declared = new WeakSet<object>();

/** True for an option declaration (made by mkOption, or any object with `_type: "option"`). */
export function isOption(v: unknown): v is Option {
  if (typeof v !== "object" || v === null) return false;
  if ((v as Record<symbol, unknown>)[OPTION] === true || declared.has(v)) return true;
  const d = Object.getOwnPropertyDescriptor(v, "_type");
  return d !== undefined && d.value === "option";
}

/**
 * A boolean option, false by default, described as "Whether to enable <name>.".
 *
 * @example
 * options: { programs: { git: { enable: mkEnableOption("Git") } } }
 */
export function mkEnableOption(name: string): Option<boolean> {
  return mkOption<boolean>({
    type: boolType.type as OptionType<boolean>,
    default: false,
    example: true,
    description: `Whether to enable ${name}.`,
  });
}

/**
 * A package option defaulting to `pkgs[name]` (or the path `name` when an array), nullable when
 * asked.
 *
 * @example
 * package: mkPackageOption(pkgs, "git", {})
 */
export function mkPackageOption<const N extends boolean = false>(
  pkgs: Record<string, unknown>,
  name: string | readonly string[],
  opts: {
    nullable?: N;
    default?: string | readonly string[] | null;
    example?: unknown;
    extraDescription?: string;
  } = {},
): Option<N extends true ? Package | null : Package> {
  const namePath = Array.isArray(name) ? name : [name as string];
  const defaultPath = opts.default === undefined ? namePath : opts.default;
  const shown = namePath.join(".");
  const type = packageTypeRef.type!;
  const spec: OptionSpec = {
    type: opts.nullable ? packageTypeRef.nullOr!(type) : type,
    description: `The ${shown} package to use.${opts.extraDescription ? ` ${opts.extraDescription}` : ""}`,
  };
  if (defaultPath !== null) {
    const path = Array.isArray(defaultPath) ? defaultPath : [defaultPath as string];
    Object.defineProperty(spec, "default", {
      enumerable: true,
      get() {
        let v: any = pkgs;
        for (const k of path) v = v?.[k];
        if (v === undefined)
          throw new Error(`mkPackageOption: pkgs.${path.join(".")} does not exist`);
        return v;
      },
    });
    spec.defaultText = `pkgs.${path.join(".")}`;
  } else if (opts.nullable) {
    spec.default = null;
  }
  if (opts.example !== undefined) spec.example = opts.example;
  return mkOption(spec) as Option<N extends true ? Package | null : Package>;
}

export { isPackage };

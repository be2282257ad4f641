/**
 * Properties: the wrappers a definition can carry (mkIf, mkMerge, mkOverride, mkOrder). They are
 * data, interpreted by the merge: mkIf conditions are evaluated only when an option under them is
 * merged, which is what lets a condition read the configuration it is part of.
 */

/** Default priority of a plain definition (`mkOverride 100`). */
export const DEFAULT_OVERRIDE_PRIORITY = 100;
/** Default position of a definition in list-like merges (`mkOrder 1000`). */
export const DEFAULT_ORDER_PRIORITY = 1000;

type CondState = 0 | 1 | 2 | 3; // not run, running, done, failed

/**
 * The condition of an mkIf, shared by every copy that pushing the mkIf down into an attribute set
 * makes, so a condition thunk runs at most once however many options sit under it.
 */
export class Condition {
  state: CondState;
  value: unknown;
  constructor(readonly source: boolean | (() => unknown)) {
    if (typeof source === "function") {
      this.state = 0;
      this.value = undefined;
    } else {
      this.state = 2;
      this.value = source;
    }
  }
}

/** `mkIf(cond, content)`. */
export class If<T = unknown> {
  readonly _type = "if" as const;
  constructor(
    readonly cond: Condition,
    readonly content: T,
  ) {}
  /** The condition as given (a boolean or a function), as in Nix's `condition` attribute. */
  get condition(): unknown {
    return this.cond.source;
  }
}

/** `mkMerge([...])`. */
export class Merge<T = unknown> {
  readonly _type = "merge" as const;
  constructor(readonly contents: readonly T[]) {}
}

/** `mkOverride(priority, content)`: lower numbers win. */
export class Override<T = unknown> {
  readonly _type = "override" as const;
  constructor(
    readonly priority: number,
    readonly content: T,
  ) {}
}

/** `mkOrder(priority, content)`: position in list-like merges, lower first. */
export class Order<T = unknown> {
  readonly _type = "order" as const;
  constructor(
    readonly priority: number,
    readonly content: T,
  ) {}
}

/** A definition with an explicit file (`mkDefinition { file, value }`). */
export class Definition<T = unknown> {
  readonly _type = "definition" as const;
  constructor(
    readonly file: string,
    readonly value: T,
  ) {}
}

export type Property = If | Merge | Override | Order | Definition;

/**
 * Properties are recognised by a brand on their prototype (a registered symbol), not by
 * `instanceof`: two copies of confed in one process (a bundled library next to the CLI, a
 * CommonJS and an ESM load) still understand each other's mkIf.
 */
const PROP = Symbol.for("confed.property");
for (const [cls, kind] of [
  [If, "if"],
  [Merge, "merge"],
  [Override, "override"],
  [Order, "order"],
  [Definition, "definition"],
] as const) {
  Object.defineProperty(cls.prototype, PROP, { value: kind });
}

/** The kind of a property value, or undefined for any other value. */
export function propertyKind(v: unknown): Property["_type"] | undefined {
  return typeof v === "object" && v !== null
    ? (v as Record<symbol, Property["_type"] | undefined>)[PROP]
    : undefined;
}
export const isIf = (v: unknown): v is If => propertyKind(v) === "if";
export const isMerge = (v: unknown): v is Merge => propertyKind(v) === "merge";
export const isOverride = (v: unknown): v is Override => propertyKind(v) === "override";
export const isOrder = (v: unknown): v is Order => propertyKind(v) === "order";
export const isDefinition = (v: unknown): v is Definition => propertyKind(v) === "definition";

// At the type level each wrapper is its content, `T`, taken from the place it is written in, so a
// typo inside is an error (`NoInfer` keeps the content from widening `T`). With no typed place
// around it (a module whose own options TypeScript is still inferring), `T` is `any`: unchecked
// rather than wrongly rejected.

/**
 * Conditional definition: `content` counts only when `cond` is true. `cond` is a boolean or a
 * function returning one; the function runs when an option under it is merged, so it may read
 * `config` (`mkIf(() => config.services.web.enable, {...})`).
 *
 * @example
 * config: mkIf(() => cfg.enable, { networking.firewall.enable: true })
 */
export function mkIf<const T = any>(cond: boolean | (() => boolean), content: NoInfer<T>): T {
  return new If(new Condition(cond), content) as unknown as T;
}

/**
 * Several definitions at one place, each keeping its own properties.
 *
 * @example
 * config: mkMerge([{ a: 1 }, mkIf(() => cfg.x, { b: 2 })])
 */
export function mkMerge<const T = any>(contents: readonly NoInfer<T>[]): T {
  if (!Array.isArray(contents)) {
    throw new TypeError("mkMerge takes a list of definitions");
  }
  return new Merge(contents) as unknown as T;
}

/**
 * A definition at an explicit priority; only the definitions with the lowest number survive.
 *
 * @example
 * mkOverride(10, "forced")
 */
export function mkOverride<const T = any>(priority: number, content: NoInfer<T>): T {
  return new Override(priority, content) as unknown as T;
}

/** Priority 1000: a default a user's plain definition (100) replaces. @example mkDefault(true) */
export function mkDefault<const T = any>(content: NoInfer<T>): T {
  return mkOverride(1000, content);
}

/** Priority 50: wins over plain definitions. @example mkForce(false) */
export function mkForce<const T = any>(content: NoInfer<T>): T {
  return mkOverride(50, content);
}

/** Priority 1500, the priority of an option's `default`. @example mkOptionDefault([]) */
export function mkOptionDefault<const T = any>(content: NoInfer<T>): T {
  return mkOverride(1500, content);
}

/** Priority 60, between mkForce and plain definitions. */
export function mkImageMediaOverride<const T = any>(content: NoInfer<T>): T {
  return mkOverride(60, content);
}

/** Priority 10, used by test VMs to override even mkForce. */
export function mkVMOverride<const T = any>(content: NoInfer<T>): T {
  return mkOverride(10, content);
}

/**
 * Position in list-like merges (lists, `lines`): lower numbers come first; plain definitions are
 * at 1000. An order, not a priority: every ordered definition is kept.
 *
 * @example
 * mkOrder(500, ["first"])
 */
export function mkOrder<const T = any>(priority: number, content: NoInfer<T>): T {
  return new Order(priority, content) as unknown as T;
}

/** `mkOrder(500, …)`: before plain definitions. @example mkBefore(["early"]) */
export function mkBefore<const T = any>(content: NoInfer<T>): T {
  return mkOrder(500, content);
}

/** `mkOrder(1500, …)`: after plain definitions. @example mkAfter(["late"]) */
export function mkAfter<const T = any>(content: NoInfer<T>): T {
  return mkOrder(1500, content);
}

/** A definition carrying its own file name for error messages. */
export function mkDefinition<const T = any>(def: { file: string; value: NoInfer<T> }): T {
  return new Definition(def.file, def.value) as unknown as T;
}

/** True for any property wrapper. */
export function isProperty(v: unknown): v is Property {
  return propertyKind(v) !== undefined;
}

/**
 * Distro package references: plain, frozen data naming a package of the target distribution
 * (apt, dnf or pacman), which activation installs with the distribution's own package manager.
 *
 * A reference knows its per-family package names (Debian's `fd-find` is Arch's `fd`) and,
 * where they differ, per-family binary names (Debian installs `bat` as `batcat`). It is a leaf
 * value for the module system (a class instance, not an attribute set) and serialises to JSON
 * deterministically, because it ends up in manifests.
 */

import { isPackage, PACKAGE, suggest } from "../lib/index.ts";
import { didYouMean, PackagesError } from "./packages-error.ts";

/**
 * A family of distributions sharing a package manager and package names: apt (Debian, Ubuntu),
 * dnf (Fedora), pacman (Arch).
 *
 * @example
 * const family: Family = familyOf(config.system.distro) ?? "apt";
 */
export type Family = "apt" | "dnf" | "pacman";

/**
 * Every family, in the order JSON and messages list them.
 *
 * @example
 * for (const f of FAMILIES) console.log(f, resolve(pkgs.fd, f));
 */
export const FAMILIES: readonly Family[] = Object.freeze(["apt", "dnf", "pacman"] as const);

/**
 * Per-family values: a package name, or `null` where the family does not package it.
 *
 * @example
 * const names: FamilyNames = { apt: "fd-find", dnf: "fd-find", pacman: "fd" };
 */
export type FamilyNames = { readonly [F in Family]: string | null };

/**
 * What a reference says about itself, for people (`confed repl`) and for `mainProgram`.
 *
 * @example
 * pkgs.neovim.meta // { description: "Vim-fork focused on extensibility", mainProgram: "nvim" }
 */
export interface PackageMeta {
  readonly description?: string;
  readonly homepage?: string;
  /** The command the package is used by, when it is not the package's name (`nvim`). */
  readonly mainProgram?: string;
}

/**
 * The fields `override` may change; `names`, `bin` and `meta` merge into the old ones.
 *
 * @example
 * pkgs.bat.override({ version: "0.24.0-1", names: { dnf: null } } satisfies DistroPackageOverrides)
 */
export interface DistroPackageOverrides {
  readonly pname?: string;
  /** Package names per family; `null` marks the package as not available there. */
  readonly names?: Readonly<Partial<Record<Family, string | null>>>;
  /** The main program per family, where it differs from `meta.mainProgram`. */
  readonly bin?: Readonly<Partial<Record<Family, string>>>;
  /** A version to install (apt `pkg=version`); `null` removes a pin. */
  readonly version?: string | null;
  readonly meta?: PackageMeta;
}

/**
 * The arguments of `distroPackage`: a confed name and the overridable fields.
 *
 * @example
 * const spec: DistroPackageSpec = { name: "fd", names: { apt: "fd-find" } };
 */
export interface DistroPackageSpec extends DistroPackageOverrides {
  /** The confed name, as in `pkgs.<name>`. */
  readonly name: string;
  readonly version?: string;
}

/**
 * The JSON form of a reference: keys always in this order, empty `bin`/`meta` left out.
 *
 * @example
 * const json: DistroPackageJSON = JSON.parse(JSON.stringify(pkgs.fd));
 * resolve(json, "apt") // "fd-find"
 */
export interface DistroPackageJSON {
  kind: "distro";
  name: string;
  pname: string;
  names: { apt: string | null; dnf: string | null; pacman: string | null };
  bin?: Partial<Record<Family, string>>;
  version?: string;
  meta?: { description?: string; homepage?: string; mainProgram?: string };
}

/**
 * A reference to a distro package. Immutable: `override` returns a new one.
 *
 * @example
 * pkgs.fd.names            // { apt: "fd-find", dnf: "fd-find", pacman: "fd" }
 * `${pkgs.fd}`             // "fd"
 * JSON.stringify(pkgs.fd)  // {"kind":"distro","name":"fd","pname":"fd","names":{...},...}
 */
export interface DistroPackage {
  readonly [PACKAGE]: true;
  readonly kind: "distro";
  /** The confed name (`pkgs.bat` has name `bat`); also what `String(pkg)` gives. */
  readonly name: string;
  /** The upstream project's name (`python` for `python3`). */
  readonly pname: string;
  /** The package name for every family (the confed name unless the catalog says otherwise). */
  readonly names: FamilyNames;
  /** Main programs per family where they differ from `meta.mainProgram` (`{ apt: "batcat" }`). */
  readonly bin: Readonly<Partial<Record<Family, string>>>;
  /** The version to install, if pinned. */
  readonly version?: string;
  readonly meta: PackageMeta;
  /** A new reference with some fields changed (names, bin and meta merge). */
  override(changes: DistroPackageOverrides): DistroPackage;
  toJSON(): DistroPackageJSON;
  toString(): string;
}

// A confed name: what follows `pkgs.`. Distro names may also carry an apt architecture
// (`foo:i386`). Neither may start with `-` or hold spaces: activation passes them to package
// managers as arguments, and an option-looking name must never reach one.
const CONFED_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/;
const DISTRO_NAME = /^[A-Za-z0-9@_+][A-Za-z0-9@._+:-]*$/;
const VERSION = /^[A-Za-z0-9.+~:_*][A-Za-z0-9.+~:_*-]*$/;
const META_KEYS = ["description", "homepage", "mainProgram"] as const;

function invalid(message: string, name?: string): PackagesError {
  return new PackagesError("E_PKG_INVALID", message, { name });
}

function checkFamilies(what: string, name: string, record: object | undefined): void {
  if (record === undefined) return;
  if (record === null || typeof record !== "object" || Array.isArray(record))
    throw invalid(`The ${what} of package \`${name}' must be an object keyed by family.`, name);
  for (const key of Object.keys(record)) {
    if ((FAMILIES as readonly string[]).includes(key)) continue;
    throw invalid(
      `The ${what} of package \`${name}' name an unknown family \`${key}'; the families are ` +
        `${FAMILIES.join(", ")}.${didYouMean(suggest(key, FAMILIES))}`,
      name,
    );
  }
}

function checkDistroName(name: string, family: Family, value: unknown, nullable: boolean): void {
  if (value === undefined || (nullable && value === null)) return;
  if (typeof value !== "string" || !DISTRO_NAME.test(value))
    throw invalid(
      `The ${family} name of package \`${name}' is not a package name: ${JSON.stringify(value)}.`,
      name,
    );
}

class DistroPackageImpl implements DistroPackage {
  declare readonly [PACKAGE]: true;
  declare readonly kind: "distro";
  declare readonly name: string;
  declare readonly pname: string;
  declare readonly names: FamilyNames;
  declare readonly bin: Readonly<Partial<Record<Family, string>>>;
  declare readonly version?: string;
  declare readonly meta: PackageMeta;

  constructor(spec: DistroPackageSpec) {
    const { name } = spec;
    if (typeof name !== "string" || !CONFED_NAME.test(name))
      throw invalid(`A package name must be a word like \`ripgrep'; got ${JSON.stringify(name)}.`);
    const pname = spec.pname ?? name;
    if (typeof pname !== "string" || !CONFED_NAME.test(pname))
      throw invalid(`The pname of package \`${name}' is not a name: ${JSON.stringify(pname)}.`);
    checkFamilies("names", name, spec.names);
    checkFamilies("bin", name, spec.bin);
    const names = {} as Record<Family, string | null>;
    const bin: Partial<Record<Family, string>> = {};
    for (const f of FAMILIES) {
      const n = spec.names?.[f];
      checkDistroName(name, f, n, true);
      names[f] = n === undefined ? name : n;
      const b = spec.bin?.[f];
      checkDistroName(name, f, b, false);
      if (b !== undefined) bin[f] = b;
    }
    if (
      spec.version !== undefined &&
      (typeof spec.version !== "string" || !VERSION.test(spec.version))
    )
      throw invalid(
        `The version of package \`${name}' is not a version: ${JSON.stringify(spec.version)}.`,
        name,
      );
    const meta: Record<string, string> = {};
    for (const k of META_KEYS) {
      const v = spec.meta?.[k];
      if (v === undefined) continue;
      if (typeof v !== "string")
        throw invalid(`meta.${k} of package \`${name}' must be a string.`, name);
      meta[k] = v;
    }
    const self = this as { -readonly [K in keyof DistroPackage]: DistroPackage[K] };
    self[PACKAGE] = true;
    self.kind = "distro";
    self.name = name;
    self.pname = pname;
    self.names = Object.freeze(names);
    self.bin = Object.freeze(bin);
    if (spec.version !== undefined) self.version = spec.version;
    self.meta = Object.freeze(meta);
    Object.freeze(this);
  }

  override(changes: DistroPackageOverrides): DistroPackage {
    if (changes === null || typeof changes !== "object")
      throw invalid(`override of package \`${this.name}' takes an object of changes.`, this.name);
    checkFamilies("names", this.name, changes.names);
    checkFamilies("bin", this.name, changes.bin);
    const version = changes.version === null ? undefined : (changes.version ?? this.version);
    return new DistroPackageImpl({
      name: this.name,
      pname: changes.pname ?? this.pname,
      names: { ...this.names, ...defined(changes.names) },
      bin: { ...this.bin, ...defined(changes.bin) },
      version,
      meta: { ...this.meta, ...defined(changes.meta) },
    });
  }

  toJSON(): DistroPackageJSON {
    const out: DistroPackageJSON = {
      kind: "distro",
      name: this.name,
      pname: this.pname,
      names: { apt: this.names.apt, dnf: this.names.dnf, pacman: this.names.pacman },
    };
    const bin: Partial<Record<Family, string>> = {};
    for (const f of FAMILIES) if (this.bin[f] !== undefined) bin[f] = this.bin[f];
    if (Object.keys(bin).length > 0) out.bin = bin;
    if (this.version !== undefined) out.version = this.version;
    const meta: Record<string, string> = {};
    for (const k of META_KEYS) if (this.meta[k] !== undefined) meta[k] = this.meta[k];
    if (Object.keys(meta).length > 0) out.meta = meta;
    return out;
  }

  toString(): string {
    return this.name;
  }
}

// util.inspect names a value by its constructor: show "DistroPackage", the public type.
Object.defineProperty(DistroPackageImpl, "name", { value: "DistroPackage" });

/** The entries of `o` whose values are not undefined (so `{ apt: undefined }` changes nothing). */
function defined<T extends object>(o: T | undefined): Partial<T> {
  const out: Partial<T> = {};
  if (o) for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as any)[k] = v;
  return out;
}

/**
 * A reference to a distro package. Names left out default to the confed name; `null` marks a
 * family that does not package it.
 *
 * @example
 * const fd = distroPackage({
 *   name: "fd",
 *   names: { apt: "fd-find", dnf: "fd-find" },
 *   bin: { apt: "fdfind" },
 *   meta: { mainProgram: "fd" },
 * });
 * resolve(fd, "pacman") // "fd"
 */
export function distroPackage(spec: DistroPackageSpec): DistroPackage {
  if (spec === null || typeof spec !== "object")
    throw invalid('distroPackage takes an object such as { name: "ripgrep" }.');
  return new DistroPackageImpl(spec);
}

/**
 * True for a distro package reference (any object with the package brand and `kind: "distro"`,
 * so references made by another copy of confed count too).
 *
 * @example
 * isDistroPackage(pkgs.git) // true
 */
export function isDistroPackage(v: unknown): v is DistroPackage {
  return isPackage(v) && (v as { kind?: unknown }).kind === "distro";
}

/**
 * The family's package name for a reference, or for its JSON form read back from a manifest
 * (missing names fall back to `name`). Throws `E_PKG_UNAVAILABLE` where the family does not
 * package it.
 *
 * @example
 * resolve(pkgs.fd, "apt")    // "fd-find"
 * resolve(pkgs.fd, "pacman") // "fd"
 */
export function resolve(
  pkg: { readonly name: string; readonly names?: Partial<Record<Family, string | null>> },
  family: Family,
): string {
  checkFamily(family);
  const n = pkg.names?.[family];
  if (n === undefined) return pkg.name;
  if (n === null)
    throw new PackagesError(
      "E_PKG_UNAVAILABLE",
      `The package \`${pkg.name}' is not packaged for ${family} (as far as confed's catalog ` +
        `knows). If it is, name it: pkgs.${pkg.name}.override({ names: { ${family}: "..." } }).`,
      { name: pkg.name },
    );
  return n;
}

/**
 * The command a reference is used by on a family: its per-family `bin`, else `meta.mainProgram`,
 * else its name.
 *
 * @example
 * mainProgram(pkgs.bat, "apt")    // "batcat"
 * mainProgram(pkgs.bat, "pacman") // "bat"
 * mainProgram(pkgs.neovim)        // "nvim"
 */
export function mainProgram(
  pkg: {
    readonly name: string;
    readonly bin?: Partial<Record<Family, string>>;
    readonly meta?: PackageMeta;
  },
  family?: Family,
): string {
  if (family !== undefined) checkFamily(family);
  return (family && pkg.bin?.[family]) ?? pkg.meta?.mainProgram ?? pkg.name;
}

/**
 * Throws `E_PKG_FAMILY` unless `family` is one of `FAMILIES`; a distribution's name gets its
 * family named in the message.
 *
 * @example
 * checkFamily("apt") // ok
 * checkFamily("debian") // throws: ... debian's family is `apt' ...
 */
export function checkFamily(family: unknown): asserts family is Family {
  if (typeof family === "string" && (FAMILIES as readonly string[]).includes(family)) return;
  const shown = typeof family === "string" ? family : String(family);
  const of = typeof family === "string" ? familyOf(family) : undefined;
  const hint = of
    ? `\n\n${family} belongs to the family \`${of}'.`
    : didYouMean(suggest(shown, FAMILIES));
  throw new PackagesError(
    "E_PKG_FAMILY",
    `\`${shown}' is not a package family; the families are ${FAMILIES.join(", ")}.${hint}`,
    { name: shown },
  );
}

const DISTRO_FAMILY: Readonly<Record<string, Family>> = Object.freeze({
  debian: "apt",
  ubuntu: "apt",
  "wsl-debian": "apt",
  "wsl-ubuntu": "apt",
  fedora: "dnf",
  arch: "pacman",
});

/**
 * The package family of a distribution as `system.distro` names it, or undefined.
 *
 * @example
 * familyOf("ubuntu") // "apt"
 * familyOf("arch")   // "pacman"
 */
export function familyOf(distro: string): Family | undefined {
  return Object.hasOwn(DISTRO_FAMILY, distro) ? DISTRO_FAMILY[distro] : undefined;
}

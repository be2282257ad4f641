import { createHash } from "node:crypto";
import { nixBase32Encode } from "./nar.ts";
import { StoreError } from "./store-error.ts";

// Store paths are `<storeDir>/<hash>-<name>` as in Nix: a 32-character hash in Nix's base32
// (160 bits) and a name of Nix's allowed characters. The hash is input-addressed: it digests a
// canonical description of the recipe *and* the store directory, because a path is baked into
// the files that refer to it (links, unit files, includes), so the same recipe in another store
// directory is a different thing.

declare const STORE_PATH: unique symbol;

/**
 * An absolute path `<storeDir>/<hash>-<name>`, checked. Made only by `storePath` (or the store
 * functions that return one), so a value of this type is always well formed.
 */
export type StorePath = string & { readonly [STORE_PATH]: true };

/** The parts of a store path. */
export interface StorePathParts {
  storeDir: string;
  /** The 32-character Nix base32 hash part. */
  hash: string;
  name: string;
}

/**
 * A recipe as it is hashed: a `kind`, a `name`, the store paths it reads (`inputs`) and
 * anything else that decides its contents, as plain JSON (strings, finite numbers, booleans,
 * null, arrays, plain objects).
 */
export interface Recipe {
  kind: string;
  name: string;
  inputs?: readonly StorePath[];
  [field: string]: unknown;
}

/** Nix's base32 alphabet (no e, o, u, t). */
export const HASH_CHARS = "0123456789abcdfghijklmnpqrsvwxyz";
/** Length of the hash part of a store path. */
export const HASH_LENGTH = 32;
/** Longest name Nix accepts (255 bytes of a file name minus the hash and the dash). */
export const MAX_NAME_LENGTH = 211;

const NAME_RE = /^[A-Za-z0-9+\-._?=]+$/;
const HASH_RE = new RegExp(`^[${HASH_CHARS}]{${HASH_LENGTH}}$`);

/**
 * Why `name` cannot be a store path name, or undefined when it can.
 *
 * @example
 * storeNameProblem("hello-1.0"); // undefined
 * storeNameProblem(".hidden"); // "it starts with '.'"
 */
export function storeNameProblem(name: string): string | undefined {
  if (name.length === 0) return "it is empty";
  if (name.length > MAX_NAME_LENGTH) {
    return `it is ${name.length} characters long, more than ${MAX_NAME_LENGTH}`;
  }
  if (name.startsWith(".")) return "it starts with '.'";
  if (!NAME_RE.test(name)) {
    const bad = [...name].find((c) => !NAME_RE.test(c));
    return `it contains '${bad}'; allowed are letters, digits and + - . _ ? =`;
  }
  return undefined;
}

/**
 * Checks a store path name; throws StoreError `E_STORE_NAME` saying what is wrong.
 *
 * @example
 * checkStoreName("hm-session-vars.sh"); // fine
 * checkStoreName("my file"); // throws: it contains ' '
 */
export function checkStoreName(name: string): void {
  const problem = storeNameProblem(name);
  if (problem !== undefined) {
    throw new StoreError("E_STORE_NAME", `'${name}' is not a valid store path name: ${problem}`);
  }
}

/**
 * Checks a store directory: absolute, normalised (no `.`/`..`/empty parts, no trailing slash).
 * Throws StoreError `E_STORE_DIR`.
 *
 * @example
 * checkStoreDir("/var/lib/confed/store"); // fine
 * checkStoreDir("store/"); // throws
 */
export function checkStoreDir(storeDir: string): void {
  if (storeDir === lastGoodStoreDir) return; // checked over and over with the same store
  const parts = storeDir.split("/").slice(1);
  if (
    !storeDir.startsWith("/") ||
    storeDir === "/" ||
    parts.some((p) => p === "" || p === "." || p === "..")
  ) {
    throw new StoreError(
      "E_STORE_DIR",
      `'${storeDir}' is not a valid store directory: it must be an absolute, normalised path without a trailing '/'`,
      { path: storeDir },
    );
  }
  lastGoodStoreDir = storeDir;
}
let lastGoodStoreDir: string | undefined;

/**
 * Splits a store path into its parts; throws StoreError `E_STORE_PATH` naming what is wrong.
 *
 * @example
 * parseStorePath("/s/0c6kzph7l0dcbfmjap64f0czdafn3b7x-hello");
 * // { storeDir: "/s", hash: "0c6kzph7l0dcbfmjap64f0czdafn3b7x", name: "hello" }
 */
export function parseStorePath(path: string): StorePathParts {
  const slash = path.lastIndexOf("/");
  const base = path.slice(slash + 1);
  const storeDir = path.slice(0, slash);
  const fail = (why: string): never => {
    throw new StoreError("E_STORE_PATH", `'${path}' is not a store path: ${why}`, { path });
  };
  if (slash <= 0) fail("it must be an absolute path <storeDir>/<hash>-<name>");
  try {
    checkStoreDir(storeDir);
  } catch {
    fail(`'${storeDir}' is not an absolute, normalised store directory`);
  }
  const hash = base.slice(0, HASH_LENGTH);
  if (!HASH_RE.test(hash)) {
    fail(`its last part must start with ${HASH_LENGTH} characters of Nix base32`);
  }
  if (base[HASH_LENGTH] !== "-") fail(`a '-' must follow the ${HASH_LENGTH}-character hash`);
  const name = base.slice(HASH_LENGTH + 1);
  const problem = storeNameProblem(name);
  if (problem !== undefined) fail(`the name '${name}' is not valid: ${problem}`);
  return { storeDir, hash, name };
}

/**
 * The one validating constructor of StorePath; throws StoreError `E_STORE_PATH`.
 *
 * @example
 * const p = storePath("/s/0c6kzph7l0dcbfmjap64f0czdafn3b7x-hello");
 */
export function storePath(path: string): StorePath {
  parseStorePath(path);
  return path as StorePath;
}

/**
 * The store path a recipe produces in `storeDir`: `<storeDir>/<hash>-<recipe.name>`, where the
 * hash is SHA-256 of the canonical JSON of the recipe and the store directory, folded to 160
 * bits as Nix folds its hashes (compressHash) and written in Nix's base32.
 *
 * @example
 * storePathFor("/s", { kind: "text", name: "greeting", text: "hi\n" });
 * // "/s/<32 characters>-greeting", the same on every machine and every run
 */
export function storePathFor(storeDir: string, recipe: Recipe): StorePath {
  checkStoreDir(storeDir);
  checkStoreName(recipe.name);
  for (const input of recipe.inputs ?? []) storePath(input);
  const digest = recipeDigest(storeDir, recipe);
  return `${storeDir}/${nixBase32Encode(compressHash(digest, 20))}-${recipe.name}` as StorePath;
}

/**
 * The full SHA-256 of a recipe in a store directory, in SRI form: what metadata records as the
 * path's deriver.
 *
 * @example
 * recipeHash("/s", { kind: "text", name: "a", text: "" }); // "sha256-…"
 */
export function recipeHash(storeDir: string, recipe: Recipe): string {
  return `sha256-${recipeDigest(storeDir, recipe).toString("base64")}`;
}

function recipeDigest(storeDir: string, recipe: Recipe): Buffer {
  // A version prefix: a change to what is hashed must change every path, never collide.
  const text = `confed-recipe-1:${canonicalJson({ recipe, storeDir })}`;
  return createHash("sha256").update(text).digest();
}

/** XOR-folds a digest to `size` bytes, as Nix's compressHash. */
function compressHash(digest: Uint8Array, size: number): Buffer {
  const out = Buffer.alloc(size);
  for (let i = 0; i < digest.length; i++) out[i % size] ^= digest[i];
  return out;
}

/**
 * JSON with object keys sorted by code unit and no whitespace, so equal values always give equal
 * text. Refuses what JSON cannot say faithfully (undefined, functions, NaN, class instances),
 * with StoreError `E_RECIPE` naming where it is.
 *
 * @example
 * canonicalJson({ b: 1, a: [true, null] }); // '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown, at = "recipe"): string {
  if (value === null || typeof value === "boolean") return JSON.stringify(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw recipeError(at, `${value} is not a finite number`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((v, i) => canonicalJson(v, `${at}[${i}]`)).join(",")}]`;
  }
  if (typeof value === "object") {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw recipeError(at, "is not a plain object");
    }
    // An undefined field is left out, as JSON.stringify does: `{ a: undefined }` equals `{}`.
    const keys = Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort();
    const fields = keys.map(
      (k) =>
        `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k], `${at}.${k}`)}`,
    );
    return `{${fields.join(",")}}`;
  }
  throw recipeError(at, `a ${typeof value} cannot be part of a recipe`);
}

function recipeError(at: string, why: string): StoreError {
  return new StoreError("E_RECIPE", `${at}: ${why}; a recipe must be plain JSON data`);
}

/**
 * git-config files (`git help config`): `[section]` and `[section "subsection"]` headers,
 * tab-indented `key = value` lines. Strings are double-quoted with git's escapes, so leading or
 * trailing spaces, `#` and `;` survive; a list repeats its key (git's multi-valued variables).
 *
 * A section's entry that is itself a set becomes a subsection (`url."git@host:".insteadOf`
 * → `[url "git@host:"]`); a section name with a dot and no quote is split at its first dot,
 * so `"remote.origin"` also means `[remote "origin"]`. Sections are sorted by that dotted name.
 */
import { ConfedError } from "../errors/index.ts";
import { isPlainObject } from "../lib/index.ts";
import { type OptionType, types } from "../module-system/index.ts";
import { type Format, sortedKeys } from "./value.ts";

/** One git-config value. */
export type GitScalar = string | number | boolean;
type GitMultiple = GitScalar | GitScalar[];
/**
 * What `gitIni` writes: sections of values or of subsections.
 *
 * @example
 * const c: GitIniValue = { user: { name: "Me" }, url: { "git@github.com:": { insteadOf: "gh:" } } };
 */
export type GitIniValue = Record<string, Record<string, GitMultiple | Record<string, GitMultiple>>>;

const primitive = types.oneOf([types.str, types.bool, types.int]);
const multiple = types.either(primitive, types.listOf(primitive));

/** The type of git-config contents, as home-manager's `extraConfig` takes them. */
export const gitIniType: OptionType<GitIniValue> = types.attrsOf(
  types.attrsOf(types.either(multiple, types.attrsOf(multiple))),
) as OptionType<GitIniValue>;

/** A string value in git's quoting. */
export function gitString(s: string): string {
  if (s.includes("\0")) {
    throw new ConfedError(
      "E_FORMAT_VALUE",
      `git config: the value ${JSON.stringify(s)} holds a NUL byte.`,
    );
  }
  return `"${s.replace(/[\\"\n\t\b]/g, (c) => ({ "\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\b": "\\b" })[c]!)}"`;
}

function value(v: GitScalar): string {
  return typeof v === "string" ? gitString(v) : String(v);
}

/** `section` or `section "subsection"` for a dotted name, as home-manager splits it. */
function header(name: string): string {
  const dot = name.indexOf(".");
  if (name.includes('"') || dot === -1) return `[${name}]`;
  const sub = name.slice(dot + 1).replace(/[\\"]/g, (c) => `\\${c}`);
  if (/[\n\0]/.test(sub)) {
    throw new ConfedError(
      "E_FORMAT_VALUE",
      `git config: the subsection name ${JSON.stringify(sub)} has a line break.`,
    );
  }
  return `[${name.slice(0, dot)} "${sub}"]`;
}

const KEY = /^[A-Za-z][A-Za-z0-9-]*$/;

function flatten(
  prefix: string,
  o: Record<string, unknown>,
  into: Map<string, Record<string, GitMultiple>>,
): void {
  const own: Record<string, GitMultiple> = Object.create(null);
  for (const k of Object.keys(o)) {
    const v = o[k];
    if (isPlainObject(v)) flatten(`${prefix}.${k}`, v, into);
    else own[k] = v as GitMultiple;
  }
  if (Object.keys(own).length) into.set(prefix, own);
}

/**
 * The text of a git-config file.
 *
 * @example
 * gitIniText({ user: { name: "Me" }, url: { "git@github.com:": { insteadOf: "gh:" } } })
 * // '[url "git@github.com:"]\n\tinsteadOf = "gh:"\n\n[user]\n\tname = "Me"\n'
 */
export function gitIniText(config: Record<string, unknown>): string {
  const sections = new Map<string, Record<string, GitMultiple>>();
  for (const s of Object.keys(config)) flatten(s, config[s] as Record<string, unknown>, sections);
  const out: string[] = [];
  for (const name of [...sections.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const keys = sections.get(name)!;
    if (out.length) out.push("");
    out.push(header(name));
    for (const k of sortedKeys(keys)) {
      if (!KEY.test(k)) {
        throw new ConfedError(
          "E_FORMAT_VALUE",
          `git config: [${name}] ${JSON.stringify(k)} is not a variable name (letters, digits and -, starting with a letter).`,
        );
      }
      const v = keys[k];
      for (const e of Array.isArray(v) ? v : [v]) out.push(`\t${k} = ${value(e)}`);
    }
  }
  return out.length ? `${out.join("\n")}\n` : "";
}

/**
 * The git-config format.
 *
 * @example
 * gitIni().generate("config", { core: { editor: "vim" } }) // '[core]\n\teditor = "vim"\n'
 */
export function gitIni(): Format<GitIniValue> {
  return { type: gitIniType, generate: (_name, v) => gitIniText(v) };
}

/**
 * The rules of a repository's secrets: `secrets.ts` at its root says which public keys may read
 * each age file, as agenix's secrets.nix does. Loading the file is the caller's business (it is
 * user TypeScript); this module validates what it default-exports.
 */
import { posix } from "node:path";
import { suggest } from "../lib/index.ts";
import { AgeError, parseRecipient, type Recipient } from "./age/index.ts";
import { SecretsError } from "./secrets-error.ts";

/** Who may read one secret file, as written in secrets.ts. */
export interface SecretRule {
  /** Recipient strings: `age1…`, `ssh-ed25519 AAAA… [comment]`, `ssh-rsa AAAA… [comment]`. */
  readonly publicKeys: readonly string[];
  /** Write the file ASCII-armored (text, friendlier to review tools); binary by default. */
  readonly armor?: boolean;
}

/** What secrets.ts default-exports: repository-relative `.age` paths to their rules. */
export type SecretsSpec = { readonly [file: `${string}.age`]: SecretRule };

/**
 * Types secrets.ts without changing it: paths must end in `.age`, each rule must list its keys.
 *
 * @example
 * // secrets.ts
 * import { defineSecrets } from "confed";
 * const hostKeys = { map: "ssh-ed25519 AAAAC3Nza… root@map" };
 * const userKeys = { myme: "ssh-ed25519 AAAAC3Nza… myme@map" };
 * export default defineSecrets({
 *   "secrets/ssh.age": { publicKeys: [hostKeys.map, userKeys.myme] },
 * });
 */
export function defineSecrets<const T extends SecretsSpec>(rules: T & OnlyAgeFiles<T>): T {
  return rules;
}

/** Makes a key that does not end in `.age` a type error (an index signature alone allows it). */
type OnlyAgeFiles<T> = { [K in keyof T]: K extends `${string}.age` ? SecretRule : never };

/** One validated rule. */
export interface Rule {
  /** The normalised repository-relative path, e.g. `secrets/ssh.age`. */
  readonly file: string;
  /** The recipients, in the order written (duplicates removed). */
  readonly recipients: readonly Recipient[];
  /** The canonical recipient strings (no comments), sorted: what the recipients lock records. */
  readonly publicKeys: readonly string[];
  readonly armor: boolean;
}

/** The validated content of secrets.ts. */
export interface Rules {
  /** The rules file as named in messages, e.g. `secrets.ts`. */
  readonly source: string;
  /** Rules by normalised path, sorted by path. */
  readonly files: ReadonlyMap<string, Rule>;
}

const RULE_KEYS = ["publicKeys", "armor"];

/**
 * Validates the default export of secrets.ts. Errors (`E_SECRET_RULES`) name the file, the
 * secret and the bad key by position, and show at most an abbreviation of a key.
 *
 * @example
 * const rules = parseRules(loader.load(join(root, "secrets.ts")), "secrets.ts");
 * rules.files.get("secrets/ssh.age")?.recipients;
 */
export function parseRules(value: unknown, source = "secrets.ts"): Rules {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw rulesError(
      source,
      `${source} must default-export an object mapping secret files to their readers, e.g.\n` +
        `  export default defineSecrets({ "secrets/ssh.age": { publicKeys: [hostKeys.map] } });\n` +
        `but its default export is ${describe(value)}.`,
    );
  }
  const rules = new Map<string, Rule>();
  for (const [name, rule] of Object.entries(value)) {
    const file = normaliseSecretPath(name, source);
    if (rules.has(file)) {
      throw rulesError(
        source,
        `${source}: ${q(name)} names the same file as another entry (${q(file)}).`,
        file,
      );
    }
    rules.set(file, parseRule(rule, file, source));
  }
  const sorted = new Map([...rules.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { source, files: sorted };
}

/**
 * The rule for a repository-relative file, or an `E_SECRET_UNLISTED` error with near misses.
 *
 * @example
 * const rule = ruleFor(rules, "secrets/ssh.age");
 */
export function ruleFor(rules: Rules, file: string): Rule {
  const rule = rules.files.get(file);
  if (rule) return rule;
  const near = suggest(file, rules.files.keys());
  throw new SecretsError(
    "E_SECRET_UNLISTED",
    `${q(file)} is not listed in ${rules.source}, so confed does not know who may read it. ` +
      `Add it with its publicKeys first.` +
      (near.length ? ` Did you mean ${near.map(q).join(" or ")}?` : ""),
    { file, suggestions: near },
  );
}

/**
 * The form of a recipient the lock records: SSH keys without their comment (a comment is not
 * part of the key, and editing it must not call for re-encryption).
 *
 * @example
 * canonicalRecipient(parseRecipient("ssh-ed25519 AAAAC3… me@host")); // "ssh-ed25519 AAAAC3…"
 */
export function canonicalRecipient(recipient: Recipient): string {
  const text = recipient.toString();
  if (recipient.kind === "ssh-ed25519" || recipient.kind === "ssh-rsa") {
    return text.split(" ").slice(0, 2).join(" ");
  }
  return text;
}

/**
 * A public key shortened for messages: its start and end, enough to recognise it.
 *
 * @example
 * abbreviateKey("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBv…"); // "ssh-ed25519 AAAAC3Nz…4wQkK8f2"
 */
export function abbreviateKey(key: string): string {
  const text = key.trim();
  // Something that looks private is never shown, not even in part.
  if (/^age-secret-key-|^-----BEGIN/i.test(text)) return "a private key";
  const line = text.split(/\s+/).slice(0, 2).join(" ");
  return line.length <= 32 ? line : `${line.slice(0, 20)}…${line.slice(-8)}`;
}

function parseRule(rule: unknown, file: string, source: string): Rule {
  const where = `${source}: secret ${q(file)}`;
  if (typeof rule !== "object" || rule === null || Array.isArray(rule)) {
    throw rulesError(
      source,
      `${where} must be { publicKeys: [...] }, not ${describe(rule)}.`,
      file,
    );
  }
  for (const key of Object.keys(rule)) {
    if (RULE_KEYS.includes(key)) continue;
    const near = suggest(key, RULE_KEYS);
    throw rulesError(
      source,
      `${where} has an unknown field ${q(key)} (known: ${RULE_KEYS.join(", ")}).` +
        (near.length ? ` Did you mean ${q(near[0])}?` : ""),
      file,
    );
  }
  const { publicKeys, armor } = rule as { publicKeys?: unknown; armor?: unknown };
  if (armor !== undefined && typeof armor !== "boolean") {
    throw rulesError(
      source,
      `${where}: armor must be true or false, not ${describe(armor)}.`,
      file,
    );
  }
  if (!Array.isArray(publicKeys) || publicKeys.length === 0) {
    throw rulesError(
      source,
      `${where}: publicKeys must be a non-empty list of recipients (age1…, ssh-ed25519 …, ` +
        `ssh-rsa …), but it is ${publicKeys === undefined ? "missing" : describe(publicKeys)}.`,
      file,
    );
  }
  const recipients: Recipient[] = [];
  const seen = new Set<string>();
  publicKeys.forEach((key: unknown, i: number) => {
    const at = `${where}: publicKeys[${i}]`;
    if (typeof key !== "string") {
      throw rulesError(
        source,
        `${at} is ${describe(key)}, not a recipient string` +
          (key === undefined ? " (a misspelled key group member?)." : "."),
        file,
      );
    }
    let recipient: Recipient;
    try {
      recipient = parseRecipient(key);
    } catch (e) {
      if (!(e instanceof AgeError)) throw e;
      throw rulesError(
        source,
        `${at} (${abbreviateKey(key)}) is not a valid recipient: ${e.message}`,
        file,
        e,
      );
    }
    const canonical = canonicalRecipient(recipient);
    if (seen.has(canonical)) return; // groups often overlap: one key listed twice reads once
    seen.add(canonical);
    recipients.push(recipient);
  });
  const postQuantum = recipients.filter((r) => r.kind === "mlkem768x25519").length;
  if (postQuantum > 0 && postQuantum < recipients.length) {
    throw rulesError(
      source,
      `${where} mixes post-quantum (age1pq1…) and classic recipients; age refuses that, because ` +
        "the classic ones would leave the file open to a future quantum computer.",
      file,
    );
  }
  return {
    file,
    recipients,
    publicKeys: [...seen].sort(),
    armor: armor === true,
  };
}

/** `secrets/./x.age` → `secrets/x.age`; absolute paths, `..` and non-`.age` names are refused. */
function normaliseSecretPath(name: string, source: string): string {
  const bad = (why: string) =>
    rulesError(source, `${source}: ${q(name)} is not a valid secret file name: ${why}.`);
  if (name.includes("\\")) throw bad("use / to separate directories");
  if (name.startsWith("/")) throw bad("it must be relative to the repository root");
  const file = posix.normalize(name);
  if (file === ".." || file.startsWith("../")) throw bad("it must stay inside the repository");
  if (!file.endsWith(".age") || posix.basename(file) === ".age") {
    throw bad("it must end in .age, e.g. secrets/ssh.age");
  }
  return file;
}

function rulesError(source: string, message: string, file?: string, cause?: unknown): SecretsError {
  return new SecretsError("E_SECRET_RULES", message, {
    file,
    cause,
    context: [`in ${source}`],
  });
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return value.length === 0 ? "an empty list" : "a list";
  if (typeof value === "string") return "a string";
  return `a ${typeof value}`;
}

const q = (s: string) => `\`${s}'`;

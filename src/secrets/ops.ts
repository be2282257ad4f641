/**
 * The secret operations on a repository, as library functions: encrypt a file to its rules,
 * decrypt it, re-encrypt files whose recipients changed, and check that the files, secrets.ts
 * and the recipients lock agree. The CLI (`confed secret …`) is a thin layer over these.
 */
import { join } from "node:path";
import { realSecretFiles, type SecretFiles } from "../system/secret-files.ts";
import { AgeError, decrypt, encrypt, type Identity } from "./age/index.ts";
import {
  type LockEntry,
  lockEntry,
  RECIPIENTS_LOCK,
  type RecipientsLock,
  readRecipientsLock,
  sameRecipients,
  sha256Hex,
  withEntry,
  writeRecipientsLock,
} from "./recipients-lock.ts";
import { abbreviateKey, type Rule, type Rules, ruleFor } from "./rules.ts";
import { SecretsError } from "./secrets-error.ts";

/** A repository and its validated rules. */
export interface RepoOptions {
  /** The repository root (the directory with confed.ts and secrets.ts). */
  root: string;
  rules: Rules;
  /** File access; the real file system by default. */
  fs?: SecretFiles;
}

/**
 * Decrypts a repository's secret file (repository-relative) with the first identity that fits.
 * The caller owns the returned plaintext: wipe it (`fill(0)`) when done.
 *
 * @example
 * const plaintext = decryptFile({ root }, "secrets/ssh.age", identities);
 */
export function decryptFile(
  opts: { root: string; fs?: SecretFiles },
  file: string,
  identities: readonly Identity[],
): Uint8Array {
  const ciphertext = readSecret(opts.root, file, opts.fs ?? realSecretFiles);
  return decryptBytes(ciphertext, file, identities);
}

/**
 * Encrypts `plaintext` into a repository's secret file for the recipients its rule lists, and
 * records them in the recipients lock. Returns the lock entry.
 *
 * @example
 * encryptFile({ root, rules }, "secrets/wifi.age", new TextEncoder().encode("psk=…"));
 */
export function encryptFile(opts: RepoOptions, file: string, plaintext: Uint8Array): LockEntry {
  const fs = opts.fs ?? realSecretFiles;
  const rule = ruleFor(opts.rules, file);
  const lock = readRecipientsLock(opts.root, fs);
  const { entry } = writeSecret(opts.root, rule, plaintext, fs);
  writeRecipientsLock(opts.root, withEntry(lock, file, entry), fs);
  return entry;
}

/** What `rekey` did with one file. */
export interface RekeyResult {
  file: string;
  /** `unchanged`: its lock entry already matched the rules (and `force` was not given). */
  action: "rekeyed" | "unchanged" | "missing";
}

/**
 * Re-encrypts secret files to the recipients their rules list now. A file is skipped when its
 * lock entry matches: same ciphertext hash, same recipients, same armoring. `only` limits the
 * run to some files (each must be listed); `force` re-encrypts regardless (a fresh file key).
 * Without `only`, lock entries of files no longer listed are dropped.
 *
 * @example
 * for (const r of rekey({ root, rules }, identities)) console.log(r.file, r.action);
 */
export function rekey(
  opts: RepoOptions,
  identities: readonly Identity[],
  { only, force = false }: { only?: readonly string[]; force?: boolean } = {},
): RekeyResult[] {
  const fs = opts.fs ?? realSecretFiles;
  const rules = only ? only.map((f) => ruleFor(opts.rules, f)) : [...opts.rules.files.values()];
  const before = readRecipientsLock(opts.root, fs);
  let lock = before;
  if (!only) {
    for (const file of Object.keys(lock.files)) {
      if (!opts.rules.files.has(file)) lock = withEntry(lock, file, undefined);
    }
  }
  const results: RekeyResult[] = [];
  try {
    for (const rule of rules) {
      const ciphertext = fs.read(join(opts.root, rule.file));
      if (ciphertext === undefined) {
        results.push({ file: rule.file, action: "missing" });
        continue;
      }
      if (!force && upToDate(lock.files[rule.file], ciphertext, rule)) {
        results.push({ file: rule.file, action: "unchanged" });
        continue;
      }
      const plaintext = decryptBytes(ciphertext, rule.file, identities);
      try {
        lock = withEntry(lock, rule.file, writeSecret(opts.root, rule, plaintext, fs).entry);
      } finally {
        plaintext.fill(0);
      }
      results.push({ file: rule.file, action: "rekeyed" });
    }
  } finally {
    // Files re-encrypted before a failure are recorded: the lock must describe what is on disk.
    if (lock !== before) writeRecipientsLock(opts.root, lock, fs);
  }
  return results;
}

/** Kinds of problems `check` reports. */
export type CheckProblemKind =
  /** An `.age` file in the repository that secrets.ts does not list. */
  | "unlisted"
  /** A file secrets.ts lists that does not exist. */
  | "missing"
  /** No available identity decrypts the file (or it is corrupt). */
  | "undecryptable"
  /** The file has no entry in the recipients lock. */
  | "unlocked"
  /** The file's bytes differ from what the lock recorded (written by another tool?). */
  | "modified"
  /** The lock's recipients (or armoring) differ from secrets.ts: the file needs a rekey. */
  | "recipients"
  /** The lock has an entry for a file secrets.ts no longer lists. */
  | "stale";

/** One problem found by `check`; `message` is for people and holds no secret data. */
export interface CheckProblem {
  kind: CheckProblemKind;
  file: string;
  message: string;
}

/** The outcome of `check`. */
export interface CheckReport {
  ok: boolean;
  /** The files secrets.ts lists, each with whether it passed. */
  files: { file: string; ok: boolean }[];
  problems: CheckProblem[];
}

/**
 * Checks a repository's secrets: every listed file exists, decrypts with one of `identities`
 * (unless `decrypt: false`), was encrypted to the recipients secrets.ts lists (per the lock,
 * whose hash must match the file), and no `.age` file in the repository is unlisted.
 *
 * @example
 * const report = check({ root, rules }, identities);
 * for (const p of report.problems) console.error(`${p.file}: ${p.message}`);
 */
export function check(
  opts: RepoOptions,
  identities: readonly Identity[],
  { decrypt: tryDecrypt = true }: { decrypt?: boolean } = {},
): CheckReport {
  const fs = opts.fs ?? realSecretFiles;
  const lock = readRecipientsLock(opts.root, fs);
  const problems: CheckProblem[] = [];
  const files: CheckReport["files"] = [];
  for (const rule of opts.rules.files.values()) {
    const found = checkOne(opts.root, rule, lock, identities, tryDecrypt, fs);
    problems.push(...found);
    files.push({ file: rule.file, ok: found.length === 0 });
  }
  for (const file of fs.find(opts.root, ".age")) {
    if (opts.rules.files.has(file)) continue;
    problems.push({
      kind: "unlisted",
      file,
      message:
        `not listed in ${opts.rules.source}: nobody knows who should read it. ` +
        `List it with its publicKeys, or delete it.`,
    });
  }
  for (const file of Object.keys(lock.files)) {
    if (opts.rules.files.has(file)) continue;
    problems.push({
      kind: "stale",
      file,
      message:
        `${RECIPIENTS_LOCK} has an entry for it, but ${opts.rules.source} does not list it; ` +
        "`confed secret rekey` drops the entry.",
    });
  }
  return { ok: problems.length === 0, files, problems };
}

function checkOne(
  root: string,
  rule: Rule,
  lock: RecipientsLock,
  identities: readonly Identity[],
  tryDecrypt: boolean,
  fs: SecretFiles,
): CheckProblem[] {
  const file = rule.file;
  const ciphertext = fs.read(join(root, file));
  if (ciphertext === undefined) {
    return [
      {
        kind: "missing",
        file,
        message: `listed in secrets.ts but does not exist; create it with \`confed secret edit ${file}'.`,
      },
    ];
  }
  const problems: CheckProblem[] = [];
  if (tryDecrypt) {
    try {
      decryptBytes(ciphertext, file, identities).fill(0);
    } catch (e) {
      const known = e instanceof SecretsError && /^E_SECRET_(CRYPTO|PASSPHRASE)$/.test(e.code);
      if (!known) throw e;
      problems.push({ kind: "undecryptable", file, message: reason(e as SecretsError) });
    }
  }
  const entry = lock.files[file];
  const rekeyHint = `run \`confed secret rekey ${file}'`;
  if (!entry) {
    problems.push({
      kind: "unlocked",
      file,
      message: `has no entry in ${RECIPIENTS_LOCK}, so its recipients are unknown; ${rekeyHint}.`,
    });
  } else if (entry.sha256 !== sha256Hex(ciphertext)) {
    problems.push({
      kind: "modified",
      file,
      message:
        `changed since confed wrote it (its SHA-256 differs from ${RECIPIENTS_LOCK}), so its ` +
        `recipients are unknown; ${rekeyHint}.`,
    });
  } else if (!sameRecipients(entry.recipients, rule.publicKeys)) {
    problems.push({
      kind: "recipients",
      file,
      message: `is encrypted to other keys than secrets.ts lists (${recipientDiff(entry.recipients, rule.publicKeys)}); ${rekeyHint}.`,
    });
  } else if (isArmored(ciphertext) !== rule.armor) {
    problems.push({
      kind: "recipients",
      file,
      message: `is ${rule.armor ? "binary" : "armored"} but secrets.ts asks for ${rule.armor ? "armor" : "binary"}; ${rekeyHint}.`,
    });
  }
  return problems;
}

/** Writes a secret for its rule's recipients and returns the ciphertext's lock entry. */
function writeSecret(
  root: string,
  rule: Rule,
  plaintext: Uint8Array,
  fs: SecretFiles,
): { entry: LockEntry } {
  let ciphertext: Uint8Array;
  try {
    ciphertext = encrypt(plaintext, rule.recipients, { armor: rule.armor });
  } catch (e) {
    if (!(e instanceof AgeError)) throw e;
    throw new SecretsError("E_SECRET_CRYPTO", `cannot encrypt \`${rule.file}': ${e.message}`, {
      file: rule.file,
      cause: e,
    });
  }
  fs.write(join(root, rule.file), ciphertext);
  return { entry: lockEntry(ciphertext, rule.publicKeys) };
}

/**
 * Decrypts ciphertext that belongs to `file`, turning age errors into E_SECRET_CRYPTO errors
 * that name the file (and, from the age layer, the keys tried).
 *
 * @example
 * const plaintext = decryptBytes(readFileSync("secrets/ssh.age"), "secrets/ssh.age", ids);
 */
export function decryptBytes(
  ciphertext: Uint8Array,
  file: string,
  identities: readonly Identity[],
): Uint8Array {
  try {
    return decrypt(ciphertext, identities);
  } catch (e) {
    if (!(e instanceof AgeError)) throw e;
    const hint =
      e.code === "E_AGE_NO_MATCH" && identities.length === 0
        ? " No identity is available: name one with --identity or $CONFED_IDENTITY."
        : "";
    throw new SecretsError("E_SECRET_CRYPTO", `cannot decrypt \`${file}': ${e.message}${hint}`, {
      file,
      cause: e,
    });
  }
}

/**
 * True when the file is ASCII-armored (PEM `AGE ENCRYPTED FILE`).
 *
 * @example
 * isArmored(new TextEncoder().encode("-----BEGIN AGE ENCRYPTED FILE-----\n…")); // true
 */
export function isArmored(bytes: Uint8Array): boolean {
  const head = new TextDecoder().decode(bytes.subarray(0, 64)).trimStart();
  return head.startsWith("-----BEGIN AGE ENCRYPTED FILE-----");
}

function upToDate(entry: LockEntry | undefined, ciphertext: Uint8Array, rule: Rule): boolean {
  return (
    entry !== undefined &&
    entry.sha256 === sha256Hex(ciphertext) &&
    sameRecipients(entry.recipients, rule.publicKeys) &&
    isArmored(ciphertext) === rule.armor
  );
}

function readSecret(root: string, file: string, fs: SecretFiles): Uint8Array {
  const bytes = fs.read(join(root, file));
  if (bytes === undefined) {
    throw new SecretsError("E_SECRET_MISSING", `\`${file}' does not exist`, { file });
  }
  return bytes;
}

function recipientDiff(locked: readonly string[], wanted: readonly string[]): string {
  const added = wanted.filter((r) => !locked.includes(r)).map(abbreviateKey);
  const removed = locked.filter((r) => !wanted.includes(r)).map(abbreviateKey);
  return [
    added.length ? `to add: ${added.join(", ")}` : "",
    removed.length ? `to remove: ${removed.join(", ")}` : "",
  ]
    .filter(Boolean)
    .join("; ");
}

/** The reason of a decryption failure without the repeated file name. */
function reason(e: SecretsError): string {
  return e.message.replace(/^cannot decrypt `[^']*': /, "cannot decrypt: ");
}

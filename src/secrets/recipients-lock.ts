/**
 * `secrets/.recipients.lock`: for each secret file, the SHA-256 of its ciphertext and the
 * recipients confed encrypted it to. An age file alone does not say who can read it (X25519
 * stanzas carry no key identifier), so this committed record is what `check` and `rekey`
 * compare secrets.ts against. It holds public data only: hashes of ciphertext, public keys.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import type { SecretFiles } from "../system/secret-files.ts";
import { SecretsError } from "./secrets-error.ts";

/** Where the lock lives, relative to the repository root. */
export const RECIPIENTS_LOCK = "secrets/.recipients.lock";

/** The format version this confed reads and writes. */
export const RECIPIENTS_LOCK_VERSION = 1;

/** What the lock records for one secret file. */
export interface LockEntry {
  /** SHA-256 of the file's bytes (the ciphertext), lower-case hex, as `sha256sum` prints it. */
  readonly sha256: string;
  /** The canonical recipient strings the file was encrypted to, sorted. */
  readonly recipients: readonly string[];
}

/** The whole lock: entries by repository-relative secret path. */
export interface RecipientsLock {
  readonly version: typeof RECIPIENTS_LOCK_VERSION;
  readonly files: Readonly<Record<string, LockEntry>>;
}

/**
 * A lock with no entries.
 *
 * @example
 * const lock = emptyRecipientsLock();
 */
export function emptyRecipientsLock(): RecipientsLock {
  return { version: RECIPIENTS_LOCK_VERSION, files: {} };
}

/**
 * The lowercase hex SHA-256 of some bytes.
 *
 * @example
 * sha256Hex(readFileSync("secrets/ssh.age")); // same as `sha256sum secrets/ssh.age`
 */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * The entry for a ciphertext encrypted to `recipients` (canonical strings).
 *
 * @example
 * const entry = lockEntry(ciphertext, rule.publicKeys);
 */
export function lockEntry(ciphertext: Uint8Array, recipients: readonly string[]): LockEntry {
  return { sha256: sha256Hex(ciphertext), recipients: [...new Set(recipients)].sort() };
}

/**
 * Parses the lock's JSON text. Unknown versions and malformed entries are refused
 * (`E_SECRET_LOCK`), naming the lock file and the entry.
 *
 * @example
 * const lock = parseRecipientsLock(readFileSync("secrets/.recipients.lock", "utf8"));
 */
export function parseRecipientsLock(text: string, source = RECIPIENTS_LOCK): RecipientsLock {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw lockError(`${source} is not valid JSON (${(cause as Error).message}).`, cause);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw lockError(`${source} must hold a JSON object with "version" and "files".`);
  }
  const { version, files } = data as { version?: unknown; files?: unknown };
  if (version !== RECIPIENTS_LOCK_VERSION) {
    throw lockError(
      typeof version === "number" && version > RECIPIENTS_LOCK_VERSION
        ? `${source} has version ${version}, written by a newer confed; this one reads version ` +
            `${RECIPIENTS_LOCK_VERSION}. Upgrade confed.`
        : `${source} has an unknown version ${JSON.stringify(version) ?? "(none)"}; this confed ` +
            `reads version ${RECIPIENTS_LOCK_VERSION}.`,
    );
  }
  if (typeof files !== "object" || files === null || Array.isArray(files)) {
    throw lockError(`${source}: "files" must be an object of secret paths.`);
  }
  // A null-prototype record: a path named `__proto__' is then just a key.
  const entries: Record<string, LockEntry> = Object.create(null);
  for (const [file, entry] of Object.entries(files)) {
    const { sha256, recipients } = (entry ?? {}) as { sha256?: unknown; recipients?: unknown };
    if (typeof sha256 !== "string" || !/^[0-9a-f]{64}$/.test(sha256)) {
      throw lockError(`${source}: the entry for \`${file}' has no valid "sha256" (64 hex digits).`);
    }
    if (
      !Array.isArray(recipients) ||
      recipients.length === 0 ||
      !recipients.every((r) => typeof r === "string")
    ) {
      throw lockError(
        `${source}: the entry for \`${file}' must list its "recipients" as a non-empty list of strings.`,
      );
    }
    entries[file] = { sha256, recipients: [...recipients].sort() };
  }
  return { version: RECIPIENTS_LOCK_VERSION, files: entries };
}

/**
 * The lock as committed text: sorted paths, two-space JSON, a final newline, so that a change
 * shows as a small diff.
 *
 * @example
 * writeFileSync("secrets/.recipients.lock", serializeRecipientsLock(lock));
 */
export function serializeRecipientsLock(lock: RecipientsLock): string {
  const files: Record<string, LockEntry> = Object.create(null);
  for (const file of Object.keys(lock.files).sort()) {
    const { sha256, recipients } = lock.files[file];
    files[file] = { sha256, recipients: [...recipients].sort() };
  }
  return `${JSON.stringify({ version: RECIPIENTS_LOCK_VERSION, files }, null, 2)}\n`;
}

/**
 * Reads a repository's lock; a missing lock is an empty one.
 *
 * @example
 * const lock = readRecipientsLock("/home/me/dotfiles", realSecretFiles);
 */
export function readRecipientsLock(root: string, files: SecretFiles): RecipientsLock {
  const bytes = files.read(join(root, RECIPIENTS_LOCK));
  if (bytes === undefined) return emptyRecipientsLock();
  return parseRecipientsLock(new TextDecoder().decode(bytes));
}

/**
 * Writes a repository's lock atomically.
 *
 * @example
 * writeRecipientsLock(root, withEntry(lock, "secrets/ssh.age", entry), realSecretFiles);
 */
export function writeRecipientsLock(root: string, lock: RecipientsLock, files: SecretFiles): void {
  files.write(join(root, RECIPIENTS_LOCK), new TextEncoder().encode(serializeRecipientsLock(lock)));
}

/**
 * A copy of `lock` with `file`'s entry set (or removed when `entry` is undefined).
 *
 * @example
 * lock = withEntry(lock, "secrets/ssh.age", lockEntry(ciphertext, rule.publicKeys));
 */
export function withEntry(
  lock: RecipientsLock,
  file: string,
  entry: LockEntry | undefined,
): RecipientsLock {
  const files: Record<string, LockEntry> = Object.assign(Object.create(null), lock.files);
  if (entry) files[file] = entry;
  else delete files[file];
  return { version: RECIPIENTS_LOCK_VERSION, files };
}

/**
 * True when two recipient lists hold the same keys.
 *
 * @example
 * sameRecipients(entry.recipients, rule.publicKeys);
 */
export function sameRecipients(a: readonly string[], b: readonly string[]): boolean {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((r, i) => r === y[i]);
}

function lockError(message: string, cause?: unknown): SecretsError {
  return new SecretsError("E_SECRET_LOCK", message, { file: RECIPIENTS_LOCK, cause });
}

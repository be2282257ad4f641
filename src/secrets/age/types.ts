import type { Stanza } from "./header.ts";

/** The recipient types this implementation reads and writes. */
export type AgeKeyKind = "x25519" | "mlkem768x25519" | "ssh-ed25519" | "ssh-rsa" | "scrypt";

/**
 * Someone a file is encrypted to. `toString()` gives the public form a user writes in a
 * recipients list (`age1…`, `ssh-ed25519 AAAA…`); an scrypt recipient prints as `scrypt`.
 *
 * @example
 * const r = parseRecipient("age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj");
 * r.kind; // "x25519"
 */
export interface Recipient {
  readonly kind: AgeKeyKind;
  /** Wraps the 16-byte file key into this recipient's stanza(s). */
  wrap(fileKey: Uint8Array): Stanza[];
  toString(): string;
}

/**
 * A key that can open files: an age identity, an SSH private key, or a passphrase. `label` is
 * safe to print (type and public fingerprint); key material is kept in private fields so that
 * logging, `util.inspect` or `JSON.stringify` of an identity shows none of it.
 *
 * @example
 * const [id] = parseIdentities(readFileSync("/etc/ssh/ssh_host_ed25519_key", "utf8"));
 * id.label; // "ssh-ed25519 key SHA256:…"
 */
export interface Identity {
  readonly kind: AgeKeyKind;
  readonly label: string;
  /**
   * Returns the file key from the first stanza addressed to this identity, or undefined when
   * none is. Throws `E_AGE_HEADER` for a malformed stanza of its own type, `E_AGE_KEY` when a
   * protected key cannot be unlocked.
   */
  unwrap(stanzas: readonly Stanza[]): Uint8Array | undefined;
  /** The matching recipient, to encrypt to this identity. */
  toRecipient(): Recipient;
}

/** The size of the symmetric file key, and the sealed form every native stanza body must have. */
export const FILE_KEY_SIZE = 16;
export const SEALED_FILE_KEY_SIZE = 32;

import { timingSafeEqual } from "node:crypto";
import { AgeError, headerError } from "./age-error.ts";
import { armor, looksArmored, unarmor } from "./armor.ts";
import { concatBytes } from "./encoding.ts";
import {
  encodeHeader,
  type Header,
  headerMac,
  looksLikeBinaryAge,
  parseHeader,
  type Stanza,
} from "./header.ts";
import { randomBytes } from "./primitives.ts";
import { decryptPayload, encryptPayload, PAYLOAD_NONCE_SIZE } from "./stream.ts";
import { FILE_KEY_SIZE, type Identity, type Recipient } from "./types.ts";

/** Options for {@link encrypt}. */
export interface EncryptOptions {
  /** Wrap the result in ASCII armor (PEM "AGE ENCRYPTED FILE"), like `age -a`. */
  armor?: boolean;
}

/**
 * Encrypts `plaintext` to every recipient; any one of their identities can decrypt it.
 * An scrypt recipient must be alone, and post-quantum (`age1pq`) recipients cannot be mixed
 * with classic ones: either would silently weaken what the file promises (age 1.3's rules).
 *
 * @example
 * const file = encrypt(new TextEncoder().encode("s3cret"), [
 *   parseRecipient("age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj"),
 *   parseRecipient(readFileSync("/etc/ssh/ssh_host_ed25519_key.pub", "utf8")),
 * ]);
 */
export function encrypt(
  plaintext: Uint8Array,
  recipients: readonly Recipient[],
  opts: EncryptOptions = {},
): Uint8Array {
  if (recipients.length === 0) {
    throw new AgeError("E_AGE_RECIPIENT", "cannot encrypt to an empty list of recipients");
  }
  if (recipients.length > 1 && recipients.some((r) => r.kind === "scrypt")) {
    throw new AgeError(
      "E_AGE_RECIPIENT",
      "a passphrase (scrypt) recipient must be the only recipient of a file; encrypt separately for the others",
    );
  }
  const postQuantum = recipients.filter((r) => r.kind === "mlkem768x25519").length;
  if (postQuantum > 0 && postQuantum < recipients.length) {
    throw new AgeError(
      "E_AGE_RECIPIENT",
      "cannot mix post-quantum (age1pq) and classic recipients: the classic ones would make the file " +
        "decryptable by a future quantum computer after all",
    );
  }
  const fileKey = randomBytes(FILE_KEY_SIZE);
  try {
    const stanzas: Stanza[] = recipients.flatMap((recipient) => recipient.wrap(fileKey));
    const file = concatBytes(encodeHeader(fileKey, stanzas), encryptPayload(fileKey, plaintext));
    return opts.armor ? armor(file) : file;
  } finally {
    fileKey.fill(0);
  }
}

/**
 * Decrypts an age file (binary or ASCII-armored, detected automatically) with the first
 * identity that can unwrap its file key. The whole payload is authenticated before anything
 * is returned: a truncated or tampered file gives an error, never partial plaintext.
 *
 * Errors: `E_AGE_NO_MATCH` (no identity fits; `identities` and `stanzas` say what was tried
 * and what the file holds), `E_AGE_HEADER`, `E_AGE_MAC`, `E_AGE_PAYLOAD`, `E_AGE_ARMOR`, and
 * `E_AGE_KEY` when a passphrase-protected key cannot be unlocked.
 *
 * @example
 * const identities = parseIdentities(readFileSync("/etc/ssh/ssh_host_ed25519_key", "utf8"));
 * const plaintext = decrypt(readFileSync("secrets/wifi.age"), identities);
 */
export function decrypt(ciphertext: Uint8Array, identities: readonly Identity[]): Uint8Array {
  const file =
    !looksLikeBinaryAge(ciphertext) && looksArmored(ciphertext) ? unarmor(ciphertext) : ciphertext;
  const header = parseHeader(file);
  if (header.stanzas.length > 1 && header.stanzas.some((s) => s.args[0] === "scrypt")) {
    // The spec requires this of every implementation: a passphrase-encrypted file promises that
    // only the passphrase opens it, which another stanza would break.
    throw headerError("an scrypt stanza must be the only stanza in the header");
  }
  if (file.length - header.payloadOffset < PAYLOAD_NONCE_SIZE) {
    throw headerError("the file ends before the payload nonce (truncated)");
  }
  const { fileKey, identity } = unwrapFileKey(header, identities);
  try {
    const expected = headerMac(fileKey, header.macInput);
    if (!timingSafeEqual(expected, header.mac)) {
      throw new AgeError(
        "E_AGE_MAC",
        `the header MAC does not verify: ${identity.label} unwrapped the file key, but the ` +
          "header was modified after encryption",
        { identities: [identity.label] },
      );
    }
    try {
      return decryptPayload(fileKey, file.subarray(header.payloadOffset));
    } catch (e) {
      throw naming(e, identity);
    }
  } finally {
    fileKey.fill(0);
  }
}

/** Adds the identity that was in use to an error's message and data. */
function naming(e: unknown, identity: Identity): unknown {
  if (!(e instanceof AgeError) || e.identities.length > 0) return e;
  return new AgeError(e.code, `${e.message} (with ${identity.label})`, {
    identities: [identity.label],
    cause: e,
  });
}

function unwrapFileKey(
  header: Header,
  identities: readonly Identity[],
): { fileKey: Uint8Array; identity: Identity } {
  for (const identity of identities) {
    let fileKey: Uint8Array | undefined;
    try {
      fileKey = identity.unwrap(header.stanzas);
    } catch (e) {
      throw naming(e, identity);
    }
    if (fileKey) return { fileKey, identity };
  }
  const tried = identities.map((identity) => identity.label);
  const stanzas = header.stanzas.map(describeStanza);
  throw new AgeError(
    "E_AGE_NO_MATCH",
    identities.length === 0
      ? `no identity was given to decrypt a file encrypted to: ${stanzas.join(", ")}`
      : `none of the identities can decrypt this file.\n` +
          `  tried: ${tried.join("; ")}\n` +
          `  the file is encrypted to: ${stanzas.join(", ")}\n` +
          "Add one of these keys to the file's recipients and re-encrypt it, or use the right key.",
    { identities: tried, stanzas },
  );
}

/** A public description of a stanza: its type, plus the key tag for SSH stanzas. */
function describeStanza(stanza: Stanza): string {
  const type = stanza.args[0].slice(0, 40);
  if ((type === "ssh-ed25519" || type === "ssh-rsa") && stanza.args[1]) {
    return `${type} key with tag ${stanza.args[1].slice(0, 12)}`;
  }
  return type;
}

import { Buffer } from "node:buffer";
import {
  constants,
  createPublicKey,
  type KeyObject,
  privateDecrypt,
  publicEncrypt,
} from "node:crypto";
import { AgeError, headerError } from "./age-error.ts";
import { toBuffer, toBytes } from "./encoding.ts";
import type { Stanza } from "./header.ts";
import { type SshPublicKey, sshFingerprint, sshPublicKeyLine, sshTag } from "./ssh-wire.ts";
import { expectArgs } from "./stanza.ts";
import { FILE_KEY_SIZE, type Identity, type Recipient } from "./types.ts";

// The ssh-rsa recipient type of the age reference implementation: the file key is encrypted
// directly with RSA-OAEP (SHA-256, and a label that binds the ciphertext to age).

const OAEP_LABEL = Buffer.from("age-encryption.org/v1/ssh-rsa");
/** age refuses RSA keys below 2048 bits; so do we, in both directions. */
const MIN_MODULUS_BYTES = 256;

type RsaPublicKey = Extract<SshPublicKey, { type: "ssh-rsa" }>;

function oaep(key: KeyObject) {
  return {
    key,
    padding: constants.RSA_PKCS1_OAEP_PADDING,
    oaepHash: "sha256",
    oaepLabel: OAEP_LABEL,
  };
}

/** Checks the key size and imports the public key (JWK is the cheapest import path). */
function importRsaPublic(key: RsaPublicKey, code: "E_AGE_RECIPIENT" | "E_AGE_KEY"): KeyObject {
  const odd = (bytes: Uint8Array) => bytes.length > 0 && (bytes[bytes.length - 1] & 1) === 1;
  // A valid modulus and public exponent are odd, and e > 1; OpenSSL would fail later, at
  // encryption time, with a less helpful error.
  if (!odd(key.n) || !odd(key.e) || (key.e.length === 1 && key.e[0] === 1) || key.e.length > 8) {
    throw new AgeError(code, `the ssh-rsa key ${sshFingerprint(key.blob)} is not a valid RSA key`);
  }
  if (key.n.length < MIN_MODULUS_BYTES) {
    throw new AgeError(
      code,
      `the ssh-rsa key ${sshFingerprint(key.blob)} has ${key.n.length * 8} bits or fewer; age needs at least 2048`,
    );
  }
  try {
    return createPublicKey({
      key: {
        kty: "RSA",
        n: toBuffer(key.n).toString("base64url"),
        e: toBuffer(key.e).toString("base64url"),
      },
      format: "jwk",
    });
  } catch (cause) {
    throw new AgeError(code, `the ssh-rsa key ${sshFingerprint(key.blob)} is not a valid RSA key`, {
      cause,
    });
  }
}

class SshRsaRecipient implements Recipient {
  readonly kind = "ssh-rsa" as const;
  readonly #blob: Uint8Array;
  readonly #tag: string;
  readonly #publicKey: KeyObject;
  readonly #comment: string;

  constructor(key: RsaPublicKey, comment: string) {
    this.#publicKey = importRsaPublic(key, "E_AGE_RECIPIENT");
    this.#blob = key.blob;
    this.#tag = sshTag(key.blob);
    this.#comment = comment;
  }

  wrap(fileKey: Uint8Array): Stanza[] {
    let body: Uint8Array;
    try {
      body = toBytes(publicEncrypt(oaep(this.#publicKey), fileKey));
    } catch (cause) {
      throw new AgeError(
        "E_AGE_RECIPIENT",
        `cannot encrypt to the ssh-rsa key ${sshFingerprint(this.#blob)}`,
        {
          cause,
        },
      );
    }
    return [{ args: ["ssh-rsa", this.#tag], body }];
  }

  toString(): string {
    const line = sshPublicKeyLine("ssh-rsa", this.#blob);
    return this.#comment ? `${line} ${this.#comment}` : line;
  }
}

class SshRsaIdentity implements Identity {
  readonly kind = "ssh-rsa" as const;
  readonly label: string;
  readonly #key: RsaPublicKey;
  readonly #tag: string;
  readonly #loadPrivate: () => KeyObject;
  #privateKey: KeyObject | undefined;

  constructor(key: RsaPublicKey, loadPrivate: () => KeyObject, description: string) {
    importRsaPublic(key, "E_AGE_KEY");
    this.#key = key;
    this.#tag = sshTag(key.blob);
    this.#loadPrivate = loadPrivate;
    this.label = `ssh-rsa key ${sshFingerprint(key.blob)}${description ? ` (${description})` : ""}`;
  }

  unwrap(stanzas: readonly Stanza[]): Uint8Array | undefined {
    for (const stanza of stanzas) {
      if (stanza.args[0] !== "ssh-rsa") continue;
      expectArgs(stanza, 1);
      if (stanza.args[1] !== this.#tag) continue;
      this.#privateKey ??= this.#loadPrivate();
      let fileKey: Buffer;
      try {
        fileKey = privateDecrypt(oaep(this.#privateKey), stanza.body);
      } catch {
        // The 4-byte tag can collide; a stanza that does not decrypt is not ours.
        continue;
      }
      if (fileKey.length !== FILE_KEY_SIZE) {
        fileKey.fill(0);
        throw headerError(
          `an ssh-rsa stanza wraps ${fileKey.length} bytes instead of a ${FILE_KEY_SIZE}-byte file key`,
        );
      }
      return toBytes(fileKey);
    }
    return undefined;
  }

  toRecipient(): Recipient {
    return new SshRsaRecipient(this.#key, "");
  }

  toString(): string {
    return this.label;
  }
}

/** A recipient for an `ssh-rsa AAAA…` public key of at least 2048 bits. */
export function sshRsaRecipient(key: RsaPublicKey, comment = ""): Recipient {
  return new SshRsaRecipient(key, comment);
}

/**
 * An identity for an RSA SSH key. `loadPrivate` returns the private KeyObject and may ask for a
 * passphrase; it runs on the first stanza carrying this key's tag.
 */
export function sshRsaIdentity(
  key: RsaPublicKey,
  loadPrivate: () => KeyObject,
  description: string,
): Identity {
  return new SshRsaIdentity(key, loadPrivate, description);
}

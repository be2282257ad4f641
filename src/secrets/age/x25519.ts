import type { KeyObject } from "node:crypto";
import { AgeError, headerError } from "./age-error.ts";
import { bech32Decode, bech32Encode } from "./bech32.ts";
import { concatBytes, encodeBase64NoPad } from "./encoding.ts";
import type { Stanza } from "./header.ts";
import {
  hkdfSha256,
  randomBytes,
  rawPublicKey,
  x25519,
  x25519Ephemeral,
  x25519PrivateKey,
} from "./primitives.ts";
import { decodeArg, expectArgs, expectSealedFileKey, openFileKey, sealFileKey } from "./stanza.ts";
import type { Identity, Recipient } from "./types.ts";

// The native X25519 recipient type (c2sp.org/age, "The X25519 recipient type").

const LABEL = "age-encryption.org/v1/X25519";
const RECIPIENT_HRP = "age";
const IDENTITY_HRP = "age-secret-key-";

/** An `age1…` recipient. */
class X25519Recipient implements Recipient {
  readonly kind = "x25519" as const;
  readonly #publicKey: Uint8Array;

  constructor(publicKey: Uint8Array) {
    if (publicKey.length !== 32) throw new TypeError("an X25519 public key has 32 bytes");
    this.#publicKey = publicKey;
  }

  wrap(fileKey: Uint8Array): Stanza[] {
    const { privateKey, share } = x25519Ephemeral();
    const shared = x25519(privateKey, this.#publicKey);
    if (!shared) {
      throw new AgeError(
        "E_AGE_RECIPIENT",
        `the X25519 recipient ${this} is a low-order point and cannot be encrypted to`,
      );
    }
    const wrapKey = hkdfSha256(shared, concatBytes(share, this.#publicKey), LABEL);
    return [{ args: ["X25519", encodeBase64NoPad(share)], body: sealFileKey(wrapKey, fileKey) }];
  }

  toString(): string {
    return bech32Encode(RECIPIENT_HRP, this.#publicKey);
  }
}

/** An `AGE-SECRET-KEY-1…` identity. */
class X25519Identity implements Identity {
  readonly kind = "x25519" as const;
  readonly label: string;
  readonly #privateKey: KeyObject;
  readonly #publicKey: Uint8Array;

  constructor(scalar: Uint8Array) {
    if (scalar.length !== 32) throw new TypeError("an X25519 secret key has 32 bytes");
    this.#privateKey = x25519PrivateKey(scalar);
    this.#publicKey = rawPublicKey(this.#privateKey);
    this.label = `X25519 identity ${this.toRecipient()}`;
  }

  unwrap(stanzas: readonly Stanza[]): Uint8Array | undefined {
    for (const stanza of stanzas) {
      if (stanza.args[0] !== "X25519") continue;
      expectArgs(stanza, 1);
      const share = decodeArg(stanza, 1, 32, "ephemeral share");
      expectSealedFileKey(stanza);
      const shared = x25519(this.#privateKey, share);
      // An all-zero secret means a low-order share: anyone could have computed it, so the
      // spec requires aborting rather than treating it as "not for us".
      if (!shared) throw headerError("an X25519 stanza has a low-order ephemeral share");
      const wrapKey = hkdfSha256(shared, concatBytes(share, this.#publicKey), LABEL);
      const fileKey = openFileKey(wrapKey, stanza.body);
      if (fileKey) return fileKey;
    }
    return undefined;
  }

  toRecipient(): X25519Recipient {
    return new X25519Recipient(this.#publicKey);
  }

  toString(): string {
    return this.label;
  }
}

/** Parses an `age1…` string (any case, as Bech32 allows) into a recipient. */
export function parseX25519Recipient(text: string): X25519Recipient {
  const decoded = bech32Decode(text);
  if (!decoded || decoded.hrp !== RECIPIENT_HRP || decoded.data.length !== 32) {
    throw new AgeError(
      "E_AGE_RECIPIENT",
      `${JSON.stringify(text)} is not a valid age1 X25519 recipient`,
    );
  }
  return new X25519Recipient(decoded.data);
}

/**
 * Parses an `AGE-SECRET-KEY-1…` string. The message on failure never repeats the string: a
 * mistyped secret key is still mostly a secret key.
 */
export function parseX25519Identity(text: string, where: string): X25519Identity {
  const decoded = bech32Decode(text);
  if (!decoded || decoded.hrp !== IDENTITY_HRP || decoded.data.length !== 32) {
    throw new AgeError(
      "E_AGE_KEY",
      `${where}: malformed AGE-SECRET-KEY-1 identity (bad Bech32 or length)`,
    );
  }
  return new X25519Identity(decoded.data);
}

/**
 * Generates a new X25519 identity and returns it encoded, as `age-keygen` writes it. Store it
 * like any private key; `identityToRecipient` gives the `age1…` recipient to share.
 *
 * @example
 * const secret = generateX25519Identity(); // "AGE-SECRET-KEY-1…"
 * const recipient = identityToRecipient(secret).toString(); // "age1…"
 */
export function generateX25519Identity(): string {
  return bech32Encode(IDENTITY_HRP, randomBytes(32)).toUpperCase();
}

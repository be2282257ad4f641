import type { KeyObject } from "node:crypto";
import { createRequire } from "node:module";
import { AgeError, headerError } from "./age-error.ts";
import { bech32Decode, bech32Encode } from "./bech32.ts";
import { concatBytes, encodeBase64NoPad, utf8 } from "./encoding.ts";
import type { Stanza } from "./header.ts";
import {
  chachaSeal,
  hmacSha256,
  randomBytes,
  rawPublicKey,
  sha3_256,
  shake256,
  x25519,
  x25519Ephemeral,
  x25519PrivateKey,
} from "./primitives.ts";
import { decodeArg, expectArgs, expectSealedFileKey, openFileKey } from "./stanza.ts";
import type { Identity, Recipient } from "./types.ts";

// Loaded on first use: most commands never need it, and it is costly to load.
let ml_kem768Module: typeof import("@noble/post-quantum/ml-kem.js").ml_kem768 | undefined;
const ml_kem768Lazy = (): typeof import("@noble/post-quantum/ml-kem.js").ml_kem768 =>
  (ml_kem768Module ??= (
    createRequire(import.meta.url)("@noble/post-quantum/ml-kem.js") as {
      ml_kem768: typeof import("@noble/post-quantum/ml-kem.js").ml_kem768;
    }
  ).ml_kem768);

// The post-quantum hybrid recipient type (c2sp.org/age, "The MLKEM768-X25519 (i.e. X-Wing)
// hybrid post-quantum recipient type"): HPKE base mode (RFC 9180) with the X-Wing KEM
// (ML-KEM-768 and X25519 combined with SHA3-256), HKDF-SHA-256 and ChaCha20-Poly1305. ML-KEM
// comes from @noble/post-quantum; X25519, the hashes and the AEAD from node:crypto.

const STANZA_TYPE = "mlkem768x25519";
const INFO = utf8("age-encryption.org/mlkem768x25519");
const RECIPIENT_HRP = "age1pq";
const IDENTITY_HRP = "age-secret-key-pq-";
const MLKEM_PUBLIC = 1184;
const MLKEM_CIPHERTEXT = 1088;
/** The recipient is the ML-KEM-768 encapsulation key followed by the X25519 public key. */
const PUBLIC_SIZE = MLKEM_PUBLIC + 32;
/** The encapsulation (enc) is the ML-KEM-768 ciphertext followed by the X25519 share. */
const ENC_SIZE = MLKEM_CIPHERTEXT + 32;
// X-Wing's domain separator, the ASCII art \.//^\ .
const XWING_LABEL = utf8("\\.//^\\");
// HPKE suite: KEM 0x647a (MLKEM768-X25519), KDF 0x0001 (HKDF-SHA256), AEAD 0x0003 (ChaCha20Poly1305).
const SUITE_ID = concatBytes(utf8("HPKE"), new Uint8Array([0x64, 0x7a, 0x00, 0x01, 0x00, 0x03]));
const HPKE_V1 = utf8("HPKE-v1");

function xwingCombine(
  ssM: Uint8Array,
  ssX: Uint8Array,
  ctX: Uint8Array,
  pkX: Uint8Array,
): Uint8Array {
  return sha3_256(ssM, ssX, ctX, pkX, XWING_LABEL);
}

function labeledExtract(salt: Uint8Array, label: string, ikm: Uint8Array): Uint8Array {
  // HKDF-Extract is HMAC(salt, ikm); an empty salt is the same as HashLen zero bytes for HMAC.
  return hmacSha256(salt, HPKE_V1, SUITE_ID, utf8(label), ikm);
}

function labeledExpand(
  prk: Uint8Array,
  label: string,
  info: Uint8Array,
  length: number,
): Uint8Array {
  // Every output here fits in one SHA-256 block, so HKDF-Expand is a single HMAC.
  const header = new Uint8Array([length >> 8, length & 0xff]);
  return hmacSha256(
    prk,
    header,
    HPKE_V1,
    SUITE_ID,
    utf8(label),
    info,
    new Uint8Array([1]),
  ).subarray(0, length);
}

/** The HPKE base-mode key schedule: the AEAD key and nonce for the first (only) message. */
function hpkeKeySchedule(sharedSecret: Uint8Array): { key: Uint8Array; nonce: Uint8Array } {
  const empty = new Uint8Array(0);
  const pskIdHash = labeledExtract(empty, "psk_id_hash", empty);
  const infoHash = labeledExtract(empty, "info_hash", INFO);
  const context = concatBytes(new Uint8Array([0]), pskIdHash, infoHash);
  const secret = labeledExtract(sharedSecret, "secret", empty);
  return {
    key: labeledExpand(secret, "key", context, 32),
    nonce: labeledExpand(secret, "base_nonce", context, 12),
  };
}

/** FIPS 203 input check: every 12-bit coefficient of the encapsulation key is below q. */
function validMlKemPublicKey(key: Uint8Array): boolean {
  for (let i = 0; i + 3 <= MLKEM_PUBLIC - 32; i += 3) {
    const a = key[i] | ((key[i + 1] & 0x0f) << 8);
    const b = (key[i + 1] >> 4) | (key[i + 2] << 4);
    if (a >= 3329 || b >= 3329) return false;
  }
  return true;
}

class HybridRecipient implements Recipient {
  readonly kind = "mlkem768x25519" as const;
  readonly #publicKey: Uint8Array;

  constructor(publicKey: Uint8Array) {
    this.#publicKey = publicKey;
  }

  wrap(fileKey: Uint8Array): Stanza[] {
    const pkM = this.#publicKey.subarray(0, MLKEM_PUBLIC);
    const pkX = this.#publicKey.subarray(MLKEM_PUBLIC);
    const { cipherText: ctM, sharedSecret: ssM } = ml_kem768Lazy().encapsulate(pkM);
    const { privateKey, share: ctX } = x25519Ephemeral();
    const ssX = x25519(privateKey, pkX);
    if (!ssX) {
      throw new AgeError(
        "E_AGE_RECIPIENT",
        "the X25519 half of this age1pq recipient is a low-order point",
      );
    }
    const { key, nonce } = hpkeKeySchedule(xwingCombine(ssM, ssX, ctX, pkX));
    return [
      {
        args: [STANZA_TYPE, encodeBase64NoPad(concatBytes(ctM, ctX))],
        body: chachaSeal(key, nonce, fileKey),
      },
    ];
  }

  toString(): string {
    return bech32Encode(RECIPIENT_HRP, this.#publicKey);
  }
}

/** The expanded X-Wing decapsulation key, derived from the 32-byte seed on first use. */
interface ExpandedKey {
  mlkemSecret: Uint8Array;
  x25519Secret: KeyObject;
  publicKey: Uint8Array;
}

function expandSeed(seed: Uint8Array): ExpandedKey {
  // X-Wing key generation: SHAKE-256(seed) gives 64 bytes of ML-KEM seed (d || z), then the
  // X25519 secret.
  const expanded = shake256(seed, 96);
  const { publicKey: pkM, secretKey } = ml_kem768Lazy().keygen(expanded.subarray(0, 64));
  const x25519Secret = x25519PrivateKey(expanded.subarray(64, 96));
  expanded.fill(0);
  return {
    mlkemSecret: secretKey,
    x25519Secret,
    publicKey: concatBytes(pkM, rawPublicKey(x25519Secret)),
  };
}

class HybridIdentity implements Identity {
  readonly kind = "mlkem768x25519" as const;
  readonly #seed: Uint8Array;
  #expanded: ExpandedKey | undefined;
  #label: string | undefined;

  constructor(seed: Uint8Array) {
    this.#seed = seed;
  }

  // ML-KEM key generation takes about a millisecond, so it waits until a stanza needs it.
  #key(): ExpandedKey {
    this.#expanded ??= expandSeed(this.#seed);
    return this.#expanded;
  }

  /** Names the identity by the end of its (2,000-character) recipient; computed when shown. */
  get label(): string {
    this.#label ??= `mlkem768x25519 identity age1pq1…${this.toRecipient().toString().slice(-12)}`;
    return this.#label;
  }

  unwrap(stanzas: readonly Stanza[]): Uint8Array | undefined {
    for (const stanza of stanzas) {
      if (stanza.args[0] !== STANZA_TYPE) continue;
      expectArgs(stanza, 1);
      const enc = decodeArg(stanza, 1, ENC_SIZE, "encapsulated key");
      expectSealedFileKey(stanza);
      const key = this.#key();
      const ctX = enc.subarray(MLKEM_CIPHERTEXT);
      const ssX = x25519(key.x25519Secret, ctX);
      if (!ssX) throw headerError("an mlkem768x25519 stanza has a low-order X25519 share");
      // ML-KEM decapsulation never fails (implicit rejection): a corrupted ciphertext gives a
      // random secret, and the AEAD below then reports "not for us".
      const ssM = ml_kem768Lazy().decapsulate(enc.subarray(0, MLKEM_CIPHERTEXT), key.mlkemSecret);
      const schedule = hpkeKeySchedule(
        xwingCombine(ssM, ssX, ctX, key.publicKey.subarray(MLKEM_PUBLIC)),
      );
      const fileKey = openFileKey(schedule.key, stanza.body, schedule.nonce);
      if (fileKey) return fileKey;
    }
    return undefined;
  }

  toRecipient(): Recipient {
    return new HybridRecipient(this.#key().publicKey);
  }

  toString(): string {
    return this.label;
  }
}

/** Parses an `age1pq1…` recipient. */
export function parseHybridRecipient(text: string): Recipient {
  const decoded = bech32Decode(text);
  if (!decoded || decoded.hrp !== RECIPIENT_HRP || decoded.data.length !== PUBLIC_SIZE) {
    throw new AgeError(
      "E_AGE_RECIPIENT",
      `${JSON.stringify(`${text.slice(0, 20)}…`)} is not a valid age1pq recipient`,
    );
  }
  if (!validMlKemPublicKey(decoded.data.subarray(0, MLKEM_PUBLIC))) {
    throw new AgeError(
      "E_AGE_RECIPIENT",
      "the ML-KEM-768 key of this age1pq recipient is not valid (coefficient out of range)",
    );
  }
  return new HybridRecipient(decoded.data);
}

/** Parses an `AGE-SECRET-KEY-PQ-1…` identity; errors never repeat the text. */
export function parseHybridIdentity(text: string, where: string): Identity {
  const decoded = bech32Decode(text);
  if (!decoded || decoded.hrp !== IDENTITY_HRP || decoded.data.length !== 32) {
    throw new AgeError(
      "E_AGE_KEY",
      `${where}: malformed AGE-SECRET-KEY-PQ-1 identity (bad Bech32 or length)`,
    );
  }
  return new HybridIdentity(decoded.data);
}

/**
 * Generates a post-quantum hybrid identity (`age-keygen -pq` in age 1.3+). Its recipient is
 * `age1pq1…`, about 2,000 characters.
 *
 * @example
 * const secret = generateHybridIdentity(); // "AGE-SECRET-KEY-PQ-1…"
 * const recipient = identityToRecipient(secret); // kind "mlkem768x25519"
 */
export function generateHybridIdentity(): string {
  return bech32Encode(IDENTITY_HRP, randomBytes(32)).toUpperCase();
}

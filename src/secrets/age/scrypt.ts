import { scryptSync } from "node:crypto";
import { AgeError, headerError } from "./age-error.ts";
import { concatBytes, encodeBase64NoPad, toBytes, utf8 } from "./encoding.ts";
import type { Stanza } from "./header.ts";
import { randomBytes } from "./primitives.ts";
import { decodeArg, expectArgs, expectSealedFileKey, openFileKey, sealFileKey } from "./stanza.ts";
import type { Identity, Recipient } from "./types.ts";

// The native scrypt (passphrase) recipient type (c2sp.org/age, "The scrypt recipient type").

const LABEL = "age-encryption.org/v1/scrypt";
/** The work factor `age -p` uses (2^18: about a second on a laptop). */
export const DEFAULT_SCRYPT_LOG_N = 18;
/**
 * The largest work factor we agree to compute when decrypting, as in age: 2^22 already needs
 * 4 GiB of memory and several seconds, and a hostile file could otherwise ask for hours.
 */
export const MAX_SCRYPT_LOG_N = 22;
const WORK_FACTOR = /^[1-9][0-9]*$/;

function scryptKey(passphrase: string, salt: Uint8Array, logN: number): Uint8Array {
  const N = 2 ** logN;
  return toBytes(
    scryptSync(utf8(passphrase), concatBytes(utf8(LABEL), salt), 32, {
      N,
      r: 8,
      p: 1,
      // node refuses anything above 32 MiB by default; scrypt needs about 128 * N * r bytes.
      maxmem: 128 * N * 8 + 16 * 1024 * 1024,
    }),
  );
}

class ScryptRecipient implements Recipient {
  readonly kind = "scrypt" as const;
  readonly #passphrase: string;
  readonly #logN: number;

  constructor(passphrase: string, logN: number) {
    this.#passphrase = passphrase;
    this.#logN = logN;
  }

  wrap(fileKey: Uint8Array): Stanza[] {
    const salt = randomBytes(16);
    const body = sealFileKey(scryptKey(this.#passphrase, salt, this.#logN), fileKey);
    return [{ args: ["scrypt", encodeBase64NoPad(salt), String(this.#logN)], body }];
  }

  toString(): string {
    return "scrypt";
  }
}

class ScryptIdentity implements Identity {
  readonly kind = "scrypt" as const;
  readonly label = "scrypt passphrase";
  readonly #passphrase: string;
  readonly #maxLogN: number;

  constructor(passphrase: string, maxLogN: number) {
    this.#passphrase = passphrase;
    this.#maxLogN = maxLogN;
  }

  unwrap(stanzas: readonly Stanza[]): Uint8Array | undefined {
    for (const stanza of stanzas) {
      if (stanza.args[0] !== "scrypt") continue;
      // decrypt() already refuses an scrypt stanza next to any other; checking again here keeps
      // the identity safe when used on its own.
      if (stanzas.length !== 1) {
        throw headerError("an scrypt stanza must be the only stanza in the header");
      }
      expectArgs(stanza, 2);
      const salt = decodeArg(stanza, 1, 16, "salt");
      const factor = stanza.args[2];
      if (!WORK_FACTOR.test(factor)) {
        throw headerError(
          "the scrypt work factor must be a decimal number without leading zeros or signs",
        );
      }
      const logN = Number(factor);
      if (logN > this.#maxLogN) {
        throw headerError(
          `the scrypt work factor 2^${factor.length > 4 ? `${factor.slice(0, 4)}…` : factor} is above the limit 2^${this.#maxLogN}`,
        );
      }
      expectSealedFileKey(stanza);
      const fileKey = openFileKey(scryptKey(this.#passphrase, salt, logN), stanza.body);
      if (fileKey) return fileKey;
    }
    return undefined;
  }

  toRecipient(): Recipient {
    return new ScryptRecipient(this.#passphrase, DEFAULT_SCRYPT_LOG_N);
  }

  toString(): string {
    return this.label;
  }
}

/**
 * A passphrase recipient. A file encrypted to it can have no other recipient (age's rule:
 * a passphrase-encrypted file should only open with that passphrase). `logN` is the base-2
 * work factor, 18 by default, at most 22 so the result stays decryptable here.
 *
 * @example
 * const file = encrypt(utf8("hunter2"), [scryptRecipient("correct horse battery staple")]);
 */
export function scryptRecipient(
  passphrase: string,
  logN: number = DEFAULT_SCRYPT_LOG_N,
): Recipient {
  if (!Number.isInteger(logN) || logN < 1 || logN > MAX_SCRYPT_LOG_N) {
    throw new AgeError(
      "E_AGE_RECIPIENT",
      `the scrypt work factor must be an integer from 1 to ${MAX_SCRYPT_LOG_N}, not ${logN}`,
    );
  }
  if (passphrase.length === 0) {
    throw new AgeError("E_AGE_RECIPIENT", "the scrypt passphrase is empty");
  }
  return new ScryptRecipient(passphrase, logN);
}

/**
 * A passphrase identity, for files made with `age -p` or `scryptRecipient`. Files asking for a
 * work factor above `maxLogN` (default 22, as age) are refused with `E_AGE_HEADER`.
 *
 * @example
 * const plaintext = decrypt(file, [scryptIdentity("correct horse battery staple")]);
 */
export function scryptIdentity(passphrase: string, opts: { maxLogN?: number } = {}): Identity {
  return new ScryptIdentity(passphrase, opts.maxLogN ?? MAX_SCRYPT_LOG_N);
}

import { Blowfish } from "./blowfish.ts";
import { concatBytes, utf8 } from "./encoding.ts";
import { sha512 } from "./primitives.ts";

// bcrypt_pbkdf, the key derivation OpenSSH uses for passphrase-protected private keys
// (OpenBSD's bcrypt_pbkdf.c describes the construction): PBKDF2-like rounds of a bcrypt-based
// hash over SHA-512 digests, with the output bytes interleaved across blocks so that an
// attacker must compute every block to learn any part of the key.

const BLOCK = 32;
// bcrypt's magic plaintext, encrypted 64 times under the expensive key schedule.
const MAGIC = utf8("OxychromaticBlowfishSwatDynamite");

function bcryptHash(sha2pass: Uint8Array, sha2salt: Uint8Array): Uint8Array {
  const cipher = new Blowfish();
  cipher.expand(sha2pass, sha2salt);
  for (let i = 0; i < 64; i++) {
    cipher.expand(sha2salt);
    cipher.expand(sha2pass);
  }
  const data = new Uint32Array(8);
  const view = new DataView(MAGIC.buffer, MAGIC.byteOffset, MAGIC.length);
  for (let i = 0; i < 8; i++) data[i] = view.getUint32(i * 4);
  for (let i = 0; i < 64; i++)
    for (let block = 0; block < 8; block += 2) cipher.encrypt(data, block);
  // The words come out little-endian, unlike the big-endian input (as OpenBSD does it).
  const out = new Uint8Array(BLOCK);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) outView.setUint32(i * 4, data[i], true);
  return out;
}

/**
 * Derives `length` bytes from a passphrase and salt with `rounds` iterations.
 *
 * @example
 * bcryptPbkdf(utf8("password"), utf8("salt"), 4, 32); // 5bbf0cc2… (OpenBSD's test vector)
 */
export function bcryptPbkdf(
  passphrase: Uint8Array,
  salt: Uint8Array,
  rounds: number,
  length: number,
): Uint8Array {
  if (rounds < 1 || length < 1 || length > BLOCK * BLOCK || salt.length === 0) {
    throw new RangeError(
      "bcrypt_pbkdf: rounds, length and salt must be non-zero, length at most 1024",
    );
  }
  const stride = Math.ceil(length / BLOCK);
  const perBlock = Math.ceil(length / stride);
  const sha2pass = sha512(passphrase);
  const key = new Uint8Array(length);
  for (let count = 1; count <= stride; count++) {
    const counter = new Uint8Array([
      count >>> 24,
      (count >>> 16) & 0xff,
      (count >>> 8) & 0xff,
      count & 0xff,
    ]);
    let tmp = bcryptHash(sha2pass, sha512(concatBytes(salt, counter)));
    const out = tmp.slice();
    for (let round = 1; round < rounds; round++) {
      tmp = bcryptHash(sha2pass, sha512(tmp));
      for (let i = 0; i < BLOCK; i++) out[i] ^= tmp[i];
    }
    // Output byte i of block `count` goes to position i * stride + (count - 1).
    for (let i = 0; i < perBlock; i++) {
      const dest = i * stride + (count - 1);
      if (dest >= length) break;
      key[dest] = out[i];
    }
  }
  return key;
}

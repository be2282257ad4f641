import { Buffer } from "node:buffer";
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
  randomBytes as nodeRandomBytes,
} from "node:crypto";
import { toBuffer, toBytes } from "./encoding.ts";

// Thin synchronous wrappers over node:crypto (OpenSSL). Activation decrypts many small files, so
// everything here is synchronous and avoids per-call key parsing where it can: private keys are
// imported once per identity, public keys through the cheap JWK path.

export const ZERO_NONCE: Uint8Array = new Uint8Array(12);

export function randomBytes(length: number): Uint8Array {
  return toBytes(nodeRandomBytes(length));
}

/** HKDF-SHA-256 (extract then expand), as the age spec uses it everywhere. */
export function hkdfSha256(
  ikm: Uint8Array,
  salt: Uint8Array,
  info: string,
  length = 32,
): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", ikm, salt, info, length));
}

export function hmacSha256(key: Uint8Array, ...data: Uint8Array[]): Uint8Array {
  const mac = createHmac("sha256", key);
  for (const part of data) mac.update(part);
  return toBytes(mac.digest());
}

export function sha256(data: Uint8Array): Uint8Array {
  return toBytes(createHash("sha256").update(data).digest());
}

export function sha512(data: Uint8Array): Uint8Array {
  return toBytes(createHash("sha512").update(data).digest());
}

export function sha3_256(...data: Uint8Array[]): Uint8Array {
  const hash = createHash("sha3-256");
  for (const part of data) hash.update(part);
  return toBytes(hash.digest());
}

export function shake256(data: Uint8Array, length: number): Uint8Array {
  return toBytes(createHash("shake256", { outputLength: length }).update(data).digest());
}

/** ChaCha20-Poly1305 encryption; returns ciphertext followed by the 16-byte tag. */
export function chachaSeal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const cipher = createCipheriv("chacha20-poly1305", key, nonce, { authTagLength: 16 });
  const head = cipher.update(plaintext);
  cipher.final();
  return toBytes(Buffer.concat([head, cipher.getAuthTag()]));
}

/**
 * ChaCha20-Poly1305 decryption of ciphertext-with-tag. Returns undefined when the tag does not
 * verify; the unauthenticated plaintext never leaves this function.
 */
export function chachaOpen(
  key: Uint8Array,
  nonce: Uint8Array,
  sealed: Uint8Array,
): Uint8Array | undefined {
  if (sealed.length < 16) return undefined;
  const decipher = createDecipheriv("chacha20-poly1305", key, nonce, { authTagLength: 16 });
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  const plaintext = decipher.update(sealed.subarray(0, sealed.length - 16));
  try {
    decipher.final();
  } catch {
    plaintext.fill(0);
    return undefined;
  }
  return toBytes(plaintext);
}

// X25519 keys in DER form are the fixed prefixes below followed by the 32 raw bytes (RFC 8410).
const PKCS8_X25519_PREFIX = Buffer.from("302e020100300506032b656e04220420", "hex");
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

/**
 * Imports a raw 32-byte X25519 scalar. This costs a few hundred microseconds (OpenSSL's decoder
 * chain), so identities call it once and keep the KeyObject.
 */
export function x25519PrivateKey(scalar: Uint8Array): KeyObject {
  return createPrivateKey({
    key: Buffer.concat([PKCS8_X25519_PREFIX, toBuffer(scalar)]),
    format: "der",
    type: "pkcs8",
  });
}

/** Imports a raw 32-byte X25519 public key (u-coordinate) through the fast JWK path. */
function x25519PublicKey(point: Uint8Array): KeyObject {
  return createPublicKey({
    key: { kty: "OKP", crv: "X25519", x: toBuffer(point).toString("base64url") },
    format: "jwk",
  });
}

/** The raw public key of an X25519 or Ed25519 private KeyObject. */
export function rawPublicKey(privateKey: KeyObject): Uint8Array {
  const jwk = createPublicKey(privateKey).export({ format: "jwk" });
  return toBytes(Buffer.from(jwk.x as string, "base64url"));
}

/** The raw Ed25519 public key for a 32-byte seed, to check a key file's consistency. */
export function ed25519PublicFromSeed(seed: Uint8Array): Uint8Array {
  const key = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, toBuffer(seed)]),
    format: "der",
    type: "pkcs8",
  });
  return rawPublicKey(key);
}

/**
 * X25519(scalar, point). Returns undefined when the result is all zeros (the point has low
 * order): RFC 7748 lets callers skip the check, age requires it, and OpenSSL already refuses to
 * output it, so both cases end here.
 */
export function x25519(privateKey: KeyObject, point: Uint8Array): Uint8Array | undefined {
  let shared: Buffer;
  try {
    shared = diffieHellman({ privateKey, publicKey: x25519PublicKey(point) });
  } catch {
    return undefined;
  }
  let acc = 0;
  for (const byte of shared) acc |= byte;
  return acc === 0 ? undefined : toBytes(shared);
}

/** A fresh ephemeral X25519 key pair: the KeyObject and its raw public share. */
export function x25519Ephemeral(): { privateKey: KeyObject; share: Uint8Array } {
  const { privateKey } = generateKeyPairSync("x25519");
  return { privateKey, share: rawPublicKey(privateKey) };
}

import { Buffer } from "node:buffer";
import { createDecipheriv, createPrivateKey, type DecipherGCM, type KeyObject } from "node:crypto";
import { AgeError } from "./age-error.ts";
import { bcryptPbkdf } from "./bcrypt-pbkdf.ts";
import { bytesEqual, decodeBase64Padded, latin1, toBuffer, toBytes, utf8 } from "./encoding.ts";
import { ed25519PublicFromSeed } from "./primitives.ts";
import { parseSshPublicBlob, type SshPublicKey, SshReader, sshFingerprint } from "./ssh-wire.ts";

// OpenSSH's private key format ("openssh-key-v1", PROTOCOL.key in the OpenSSH sources): an
// unencrypted public key, then a private section that may be encrypted with a key derived by
// bcrypt_pbkdf. Because the public key is readable without the passphrase, age (and we) can
// tell whether a file is addressed to a key before asking for its passphrase.

export const OPENSSH_BEGIN = "-----BEGIN OPENSSH PRIVATE KEY-----";
const OPENSSH_END = "-----END OPENSSH PRIVATE KEY-----";
const MAGIC = "openssh-key-v1\0";
/** bcrypt rounds beyond this would take many minutes; ssh-keygen's default is 16. */
const MAX_BCRYPT_ROUNDS = 1 << 16;

interface CipherSpec {
  readonly algorithm: string;
  readonly keyLength: number;
  readonly ivLength: number;
  readonly tagLength: number;
}

const CIPHERS: Record<string, CipherSpec> = {
  "aes128-ctr": { algorithm: "aes-128-ctr", keyLength: 16, ivLength: 16, tagLength: 0 },
  "aes192-ctr": { algorithm: "aes-192-ctr", keyLength: 24, ivLength: 16, tagLength: 0 },
  "aes256-ctr": { algorithm: "aes-256-ctr", keyLength: 32, ivLength: 16, tagLength: 0 },
  "aes128-cbc": { algorithm: "aes-128-cbc", keyLength: 16, ivLength: 16, tagLength: 0 },
  "aes192-cbc": { algorithm: "aes-192-cbc", keyLength: 24, ivLength: 16, tagLength: 0 },
  "aes256-cbc": { algorithm: "aes-256-cbc", keyLength: 32, ivLength: 16, tagLength: 0 },
  "aes128-gcm@openssh.com": {
    algorithm: "aes-128-gcm",
    keyLength: 16,
    ivLength: 12,
    tagLength: 16,
  },
  "aes256-gcm@openssh.com": {
    algorithm: "aes-256-gcm",
    keyLength: 32,
    ivLength: 12,
    tagLength: 16,
  },
};

/** The private half of an OpenSSH key, once decrypted. */
type OpenSshSecret =
  | { type: "ssh-ed25519"; seed: Uint8Array; comment: string }
  | { type: "ssh-rsa"; privateKey: KeyObject; comment: string };

/** An OpenSSH private key file whose public half is known and private half not yet opened. */
interface OpenSshKeyFile {
  readonly publicKey: SshPublicKey;
  readonly encrypted: boolean;
  /** Decrypts (when needed) and checks the private section. Throws `E_AGE_KEY`. */
  open(passphrase: (() => string) | undefined): OpenSshSecret;
}

/** Parses the outer structure of an OpenSSH private key; the private section stays closed. */
export function parseOpenSshKeyFile(text: string, where: string): OpenSshKeyFile {
  const fail = (problem: string) => new AgeError("E_AGE_KEY", `${where}: ${problem}`);
  const begin = text.indexOf(OPENSSH_BEGIN);
  const end = text.indexOf(OPENSSH_END, begin);
  if (begin < 0 || end < 0) throw fail("not an OpenSSH private key (missing BEGIN/END lines)");
  const data = decodeBase64Padded(
    text.slice(begin + OPENSSH_BEGIN.length, end).replace(/\s+/g, ""),
  );
  if (!data) throw fail("the OpenSSH private key is not valid base64");

  const reader = new SshReader(data, "E_AGE_KEY", `${where}: malformed OpenSSH private key`);
  if (latin1(reader.bytes(MAGIC.length)) !== MAGIC) throw fail("not an openssh-key-v1 private key");
  const cipherName = reader.text();
  const kdfName = reader.text();
  const kdfOptions = reader.string();
  const keyCount = reader.uint32();
  if (keyCount !== 1) {
    throw fail(`the file holds ${keyCount} keys; only files with one key are supported`);
  }
  const publicKey = parseSshPublicBlob(reader.string(), "E_AGE_KEY", `${where}: the public key`);
  const sealed = reader.string();

  if (cipherName === "none") {
    if (kdfName !== "none" || kdfOptions.length !== 0) {
      throw fail("an unencrypted key must have no KDF");
    }
    reader.end();
    return {
      publicKey,
      encrypted: false,
      open: () => parsePrivateSection(sealed, 8, publicKey, where),
    };
  }

  const spec = CIPHERS[cipherName];
  if (!spec) {
    throw fail(
      `the key is encrypted with ${JSON.stringify(cipherName.slice(0, 40))}, which is not supported ` +
        `(use ssh-keygen -p -Z aes256-ctr to re-encrypt it)`,
    );
  }
  if (kdfName !== "bcrypt") {
    throw fail(`unsupported key derivation ${JSON.stringify(kdfName.slice(0, 40))}`);
  }
  const kdf = new SshReader(kdfOptions, "E_AGE_KEY", `${where}: malformed bcrypt options`);
  const salt = kdf.string();
  const rounds = kdf.uint32();
  kdf.end();
  if (salt.length === 0 || rounds === 0 || rounds > MAX_BCRYPT_ROUNDS) {
    throw fail(`bcrypt parameters out of range (${rounds} rounds, ${salt.length}-byte salt)`);
  }
  const tag = reader.bytes(spec.tagLength);
  reader.end();
  if (sealed.length === 0 || sealed.length % 16 !== 0) {
    throw fail("the encrypted section is not whole cipher blocks");
  }

  return {
    publicKey,
    encrypted: true,
    open(passphrase) {
      if (!passphrase) {
        throw fail(
          `the key ${sshFingerprint(publicKey.blob)} is passphrase-protected and no passphrase was given`,
        );
      }
      const derived = bcryptPbkdf(utf8(passphrase()), salt, rounds, spec.keyLength + spec.ivLength);
      const plain = decryptSection(spec, derived, sealed, tag);
      derived.fill(0);
      if (!plain) throw fail(`wrong passphrase for the key ${sshFingerprint(publicKey.blob)}`);
      try {
        return parsePrivateSection(plain, 16, publicKey, where);
      } finally {
        plain.fill(0);
      }
    },
  };
}

function decryptSection(
  spec: CipherSpec,
  derived: Uint8Array,
  sealed: Uint8Array,
  tag: Uint8Array,
): Uint8Array | undefined {
  const key = derived.subarray(0, spec.keyLength);
  const iv = derived.subarray(spec.keyLength);
  // The GCM type is the widest node offers; CTR and CBC simply never reach setAuthTag.
  const decipher = createDecipheriv(spec.algorithm, key, iv) as DecipherGCM;
  if (spec.tagLength > 0) decipher.setAuthTag(tag);
  else decipher.setAutoPadding(false);
  const plain = decipher.update(sealed);
  try {
    decipher.final();
  } catch {
    // Only GCM can fail here: a wrong passphrase gives a wrong key and the tag does not verify.
    plain.fill(0);
    return undefined;
  }
  return toBytes(plain);
}

function parsePrivateSection(
  section: Uint8Array,
  blockSize: number,
  publicKey: SshPublicKey,
  where: string,
): OpenSshSecret {
  const fail = (problem: string) => new AgeError("E_AGE_KEY", `${where}: ${problem}`);
  if (section.length % blockSize !== 0) {
    throw fail("the private section is not padded to whole blocks");
  }
  const reader = new SshReader(section, "E_AGE_KEY", `${where}: malformed private section`);
  // Two copies of a random number: they differ when the decryption key (passphrase) is wrong.
  const check = reader.uint32();
  if (check !== reader.uint32()) {
    throw fail(`wrong passphrase for the key ${sshFingerprint(publicKey.blob)}`);
  }
  const type = reader.text();
  if (type !== publicKey.type) {
    throw fail(
      `the private key is ${JSON.stringify(type.slice(0, 40))} but the public key is ${publicKey.type}`,
    );
  }

  let secret: OpenSshSecret;
  if (publicKey.type === "ssh-ed25519") {
    const pub = reader.string();
    const pair = reader.string();
    if (pub.length !== 32 || pair.length !== 64) throw fail("malformed ssh-ed25519 private key");
    const seed = pair.slice(0, 32);
    // The three copies of the public key must agree with the seed; otherwise a file could
    // present one public key (and so match stanzas) while holding another private key.
    if (
      !bytesEqual(pub, publicKey.key) ||
      !bytesEqual(pair.subarray(32), pub) ||
      !bytesEqual(ed25519PublicFromSeed(seed), pub)
    ) {
      throw fail("the ssh-ed25519 private key does not match its public key");
    }
    secret = { type: "ssh-ed25519", seed, comment: "" };
  } else {
    const [n, e, d, iqmp, p, q] = [
      reader.mpint(),
      reader.mpint(),
      reader.mpint(),
      reader.mpint(),
      reader.mpint(),
      reader.mpint(),
    ];
    if (!bytesEqual(n, publicKey.n) || !bytesEqual(e, publicKey.e)) {
      throw fail("the ssh-rsa private key does not match its public key");
    }
    secret = { type: "ssh-rsa", privateKey: rsaPrivateKey(n, e, d, iqmp, p, q, fail), comment: "" };
  }
  secret.comment = Buffer.from(reader.string()).toString("utf8");
  // Padding is 1, 2, 3, … up to the block size; anything else means a corrupt section.
  const padding = reader.bytes(reader.remaining);
  if (padding.length >= blockSize || padding.some((byte, i) => byte !== i + 1)) {
    throw fail("bad padding in the private section");
  }
  return secret;
}

function toBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${toBuffer(bytes).toString("hex")}`);
}

function toBase64Url(value: bigint): string {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return Buffer.from(hex, "hex").toString("base64url");
}

/** Builds the RSA KeyObject from OpenSSH's fields; JWK also wants d mod (p-1) and d mod (q-1). */
function rsaPrivateKey(
  n: Uint8Array,
  e: Uint8Array,
  d: Uint8Array,
  iqmp: Uint8Array,
  p: Uint8Array,
  q: Uint8Array,
  fail: (problem: string) => AgeError,
): KeyObject {
  const [N, D, P, Q] = [toBigInt(n), toBigInt(d), toBigInt(p), toBigInt(q)];
  if (P < 2n || Q < 2n || P * Q !== N) throw fail("inconsistent ssh-rsa private key (p * q != n)");
  try {
    return createPrivateKey({
      key: {
        kty: "RSA",
        n: toBase64Url(N),
        e: toBuffer(e).toString("base64url"),
        d: toBase64Url(D),
        p: toBase64Url(P),
        q: toBase64Url(Q),
        dp: toBase64Url(D % (P - 1n)),
        dq: toBase64Url(D % (Q - 1n)),
        qi: toBuffer(iqmp).toString("base64url"),
      },
      format: "jwk",
    });
  } catch (cause) {
    throw new AgeError("E_AGE_KEY", "the ssh-rsa private key is not a valid RSA key", { cause });
  }
}

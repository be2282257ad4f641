import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { generateKeyPairSync } from "node:crypto";
import { describe, test } from "node:test";
import fc from "fast-check";
import { armor, unarmor } from "./armor.ts";
import { concatBytes } from "./encoding.ts";
import {
  AgeError,
  decrypt,
  encrypt,
  generateHybridIdentity,
  generateX25519Identity,
  type Identity,
  parseIdentities,
  parseRecipient,
  type Recipient,
  scryptIdentity,
  scryptRecipient,
} from "./index.ts";
import { sshString } from "./ssh-wire.ts";

// Properties: encrypt then decrypt is the identity for every recipient type and for payload
// sizes around the 64 KiB chunk boundaries; every parser fed random or mutated input either
// succeeds or throws an AgeError, never anything else (the fuzz half of "bad input gets a
// clear error").

const CHUNK = 64 * 1024;

/** An unencrypted openssh-key-v1 file for an Ed25519 key, built by hand (PROTOCOL.key). */
function openSshKeyFile(seed: Uint8Array, pub: Uint8Array): string {
  const publicBlob = concatBytes(sshString("ssh-ed25519"), sshString(pub));
  let section = concatBytes(
    new Uint8Array([1, 2, 3, 4, 1, 2, 3, 4]),
    sshString("ssh-ed25519"),
    sshString(pub),
    sshString(concatBytes(seed, pub)),
    sshString("fuzz@host"),
  );
  for (let pad = 1; section.length % 8 !== 0; pad++)
    section = concatBytes(section, new Uint8Array([pad]));
  const body = concatBytes(
    new TextEncoder().encode("openssh-key-v1\0"),
    sshString("none"),
    sshString("none"),
    sshString(new Uint8Array(0)),
    new Uint8Array([0, 0, 0, 1]),
    sshString(publicBlob),
    sshString(section),
  );
  const lines =
    Buffer.from(body)
      .toString("base64")
      .match(/.{1,70}/g) ?? [];
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join("\n")}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

const ed = generateKeyPairSync("ed25519").privateKey.export({ format: "jwk" });
const edKeyFile = openSshKeyFile(
  Buffer.from(ed.d as string, "base64url"),
  Buffer.from(ed.x as string, "base64url"),
);
const rsaPem = generateKeyPairSync("rsa", { modulusLength: 2048 })
  .privateKey.export({ format: "pem", type: "pkcs1" })
  .toString();

const pairs: { kind: string; recipient: Recipient; identity: Identity }[] = [];
for (const text of [generateX25519Identity(), generateHybridIdentity(), edKeyFile, rsaPem]) {
  const [identity] = parseIdentities(text);
  pairs.push({
    kind: identity.kind,
    recipient: parseRecipient(identity.toRecipient().toString()),
    identity,
  });
}
pairs.push({ kind: "scrypt", recipient: scryptRecipient("pw", 2), identity: scryptIdentity("pw") });

/** Deterministic bytes, so a failing case can be replayed from fast-check's seed. */
function bytesOf(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed | 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const sizes = fc.oneof(
  fc.integer({ min: 0, max: 300 }),
  fc
    .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: -2, max: 2 }))
    .map(([n, d]) => n * CHUNK + d),
);

/** Runs `fn` and requires it to return or throw an AgeError. */
function onlyAgeErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof AgeError)) throw new Error(`expected an AgeError, got ${e}`, { cause: e });
  }
}

describe("encrypt and decrypt", () => {
  test("have the same kinds of keys under test as the module supports", () => {
    assert.deepEqual(
      pairs.map((p) => p.kind),
      ["x25519", "mlkem768x25519", "ssh-ed25519", "ssh-rsa", "scrypt"],
    );
  });

  test("decrypt(encrypt(p)) is p for every recipient type, size and armor", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...pairs),
        sizes,
        fc.integer(),
        fc.boolean(),
        (pair, size, seed, armored) => {
          const plaintext = bytesOf(size, seed);
          const file = encrypt(plaintext, [pair.recipient], { armor: armored });
          assert.deepEqual(decrypt(file, [pair.identity]), plaintext);
        },
      ),
      { numRuns: 60 },
    );
  });

  test("any single changed byte of a binary file makes decrypt throw an AgeError", () => {
    const { recipient, identity } = pairs[0];
    const file = encrypt(bytesOf(CHUNK + 100, 7), [recipient]);
    fc.assert(
      fc.property(fc.nat(file.length - 1), fc.integer({ min: 1, max: 255 }), (at, change) => {
        const copy = new Uint8Array(file);
        copy[at] ^= change;
        assert.throws(() => decrypt(copy, [identity]), AgeError);
      }),
      { numRuns: 300 },
    );
  });

  test("any truncation of a file makes decrypt throw an AgeError", () => {
    const { recipient, identity } = pairs[2];
    const file = encrypt(bytesOf(2 * CHUNK, 9), [recipient]);
    fc.assert(
      fc.property(fc.nat(file.length - 1), (length) => {
        assert.throws(() => decrypt(file.subarray(0, length), [identity]), AgeError);
      }),
      { numRuns: 200 },
    );
  });
});

describe("parsers fed random input", () => {
  const identities = pairs.map((p) => p.identity);
  const header = new TextEncoder().encode("age-encryption.org/v1\n");
  const lines = fc
    .array(
      fc.constantFrom(
        "-> X25519 ",
        "-> ssh-ed25519 ",
        "-> scrypt ",
        "---",
        " ",
        "\n",
        "A",
        "AAAA",
        "=",
        "\r",
      ),
      {
        maxLength: 30,
      },
    )
    .map((parts) => new TextEncoder().encode(parts.join("")));

  test("decrypt throws only AgeErrors on random bytes, random headers and random armor", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }),
          fc
            .tuple(lines, fc.uint8Array({ maxLength: 100 }))
            .map(([l, rest]) => concatBytes(header, l, rest)),
          fc.uint8Array({ maxLength: 300 }).map((bytes) => armor(bytes)),
        ),
        (input) => onlyAgeErrors(() => decrypt(input, identities)),
      ),
      { numRuns: 500 },
    );
  });

  test("parseRecipient throws only AgeErrors", () => {
    const blob = fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString("base64"));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `age1${s}`),
          fc.string().map((s) => `age1pq1${s}`),
          blob.map((b) => `ssh-ed25519 ${b}`),
          blob.map((b) => `ssh-rsa ${b}`),
          fc
            .uint8Array({ minLength: 32, maxLength: 32 })
            .map(
              (k) =>
                `ssh-ed25519 ${Buffer.from(concatBytes(sshString("ssh-ed25519"), sshString(k))).toString("base64")}`,
            ),
        ),
        (line) => onlyAgeErrors(() => parseRecipient(line)),
      ),
      { numRuns: 500 },
    );
  });

  test("parseIdentities throws only AgeErrors on random and mutated key files", () => {
    const mutate = (text: string) =>
      fc.tuple(fc.nat(text.length - 1), fc.integer({ min: 1, max: 127 })).map(([at, change]) => {
        const bytes = Buffer.from(text, "latin1");
        bytes[at] = (bytes[at] ^ change) & 0x7f;
        return bytes.toString("latin1");
      });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.uint8Array({ maxLength: 300 }),
          fc.string().map((s) => `AGE-SECRET-KEY-1${s}`),
          fc
            .uint8Array({ maxLength: 300 })
            .map(
              (b) =>
                `-----BEGIN OPENSSH PRIVATE KEY-----\n${Buffer.from(b).toString("base64")}\n-----END OPENSSH PRIVATE KEY-----\n`,
            ),
          mutate(edKeyFile),
          mutate(rsaPem),
        ),
        (input) =>
          onlyAgeErrors(() => {
            // Also unwrap, so that lazily opened keys are exercised too.
            for (const id of parseIdentities(input, { passphrase: () => "pw" })) id.unwrap([]);
          }),
      ),
      { numRuns: 400 },
    );
  });

  test("unarmor throws only AgeErrors, and undoes armor", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.string(), (bytes, noise) => {
        assert.deepEqual(unarmor(armor(bytes)), bytes);
        onlyAgeErrors(() => unarmor(new TextEncoder().encode(noise)));
      }),
      { numRuns: 300 },
    );
  });
});

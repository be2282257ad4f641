import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { createHash, randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { ml_kem768_x25519 } from "@noble/post-quantum/hybrid.js";
import { armor, unarmor } from "./armor.ts";
import { bech32Decode, bech32Encode } from "./bech32.ts";
import { encodeHeader, parseHeader } from "./header.ts";
import {
  decrypt,
  encrypt,
  generateHybridIdentity,
  identityToRecipient,
  parseIdentities,
} from "./index.ts";

describe("bech32", () => {
  test("bech32Decode accepts BIP 173's valid strings and round-trips them", () => {
    for (const text of ["A12UEL5L", "a12uel5l", "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw"]) {
      const decoded = bech32Decode(text);
      assert.ok(decoded, text);
      assert.equal(bech32Encode(decoded.hrp, decoded.data), text.toLowerCase());
    }
  });

  test("bech32Decode refuses mixed case, a bad checksum and characters outside the alphabet", () => {
    for (const text of [
      "A12uEL5L",
      "a12uel5m",
      "a1b2uel5l",
      "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxb",
      "1qqqqqq",
    ]) {
      assert.equal(bech32Decode(text), undefined, text);
    }
  });

  test("bech32 has no length limit (age1pq recipients are ~2,000 characters)", () => {
    const data = randomBytes(1216);
    const text = bech32Encode("age1pq", data);
    assert.ok(text.length > 1900);
    assert.deepEqual(Buffer.from(bech32Decode(text)?.data ?? []), data);
  });
});

describe("header", () => {
  test("encodeHeader wraps bodies at 64 columns and always ends a body with a short line", () => {
    const key = randomBytes(16);
    for (const size of [0, 1, 47, 48, 49, 96, 200]) {
      const stanza = { args: ["test", "arg"], body: new Uint8Array(randomBytes(size)) };
      const bytes = encodeHeader(key, [stanza]);
      const lines = Buffer.from(bytes).toString("latin1").split("\n");
      const bodyLines = lines.slice(2, -2);
      assert.ok(bodyLines.slice(0, -1).every((l) => l.length === 64));
      assert.ok(bodyLines[bodyLines.length - 1].length < 64, `size ${size}`);
      const parsed = parseHeader(concatPayload(bytes));
      assert.deepEqual(parsed.stanzas, [stanza]);
      assert.equal(parsed.payloadOffset, bytes.length);
    }
  });

  test("parseHeader refuses a header without stanzas", () => {
    const text = "age-encryption.org/v1\n--- WyJp9F/9FOZh7gJdheq2WIJcwHgYc8NIVh3ddwhrcNg\n";
    assert.throws(() => parseHeader(Buffer.from(text)), { code: "E_AGE_HEADER" });
  });
});

function concatPayload(header: Uint8Array): Uint8Array {
  return new Uint8Array(Buffer.concat([header, Buffer.alloc(32)]));
}

describe("armor", () => {
  test("armor writes 64-column lines that unarmor reads back, also with CRLF", () => {
    const data = randomBytes(1000);
    const text = Buffer.from(armor(data)).toString("latin1");
    assert.ok(text.startsWith("-----BEGIN AGE ENCRYPTED FILE-----\n"));
    assert.ok(text.endsWith("-----END AGE ENCRYPTED FILE-----\n"));
    assert.ok(text.split("\n").every((line) => line.length <= 64 || line.startsWith("-----")));
    assert.deepEqual(Buffer.from(unarmor(Buffer.from(text))), data);
    assert.deepEqual(Buffer.from(unarmor(Buffer.from(text.replaceAll("\n", "\r\n")))), data);
  });
});

describe("mlkem768x25519", () => {
  test("identityToRecipient matches the example key pair of the age specification", () => {
    const recipient = identityToRecipient(
      "AGE-SECRET-KEY-PQ-1XX76JRALNLXDMEW0CRK45QMCCH4X06SE84UN3VPM33W6HWDX0H3SK3ZQFR",
    ).toString();
    // The spec's recipient is 1,959 characters; its SHA-256 stands in for it here.
    assert.equal(recipient.length, 1959);
    assert.ok(
      recipient.startsWith("age1pq1x34nzsvr0rxjsgdn8zgyhfe8j7ceq5r9rdelkjuh3y235jzxshfg87pzf5z"),
    );
    assert.ok(recipient.endsWith("k3tlhl53k2ykx3qheyty7saeq0d3fzv49zc0k"));
    assert.equal(
      createHash("sha256").update(recipient).digest("hex"),
      "a091dd7e0ee9d62b75173dcc98441a0424baa941e66a8776e570a4ae60ff61ea",
    );
  });

  test("the X-Wing public key matches @noble/post-quantum's ml_kem768_x25519 for random seeds", () => {
    for (let i = 0; i < 5; i++) {
      const secret = generateHybridIdentity();
      const seed = bech32Decode(secret)?.data;
      assert.ok(seed);
      const expected = ml_kem768_x25519.keygen(seed).publicKey;
      assert.deepEqual(bech32Decode(identityToRecipient(secret).toString())?.data, expected);
    }
  });

  test("encrypt refuses to mix post-quantum and classic recipients", () => {
    const pq = identityToRecipient(generateHybridIdentity());
    const [classic] = parseIdentities(
      "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX",
    );
    assert.throws(() => encrypt(new Uint8Array(1), [pq, classic.toRecipient()]), {
      code: "E_AGE_RECIPIENT",
    });
    const [id] = parseIdentities(generateHybridIdentity());
    assert.deepEqual(
      decrypt(encrypt(new Uint8Array([5]), [id.toRecipient(), pq]), [id]),
      new Uint8Array([5]),
    );
  });
});

import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { generateKeyPairSync } from "node:crypto";
import { describe, test } from "node:test";
import { inspect } from "node:util";
import { ConfedError } from "../../errors/index.ts";
import { bech32Decode } from "./bech32.ts";
import {
  AgeError,
  type AgeErrorCode,
  decrypt,
  encrypt,
  generateX25519Identity,
  type Identity,
  identityToRecipient,
  parseIdentities,
  parseRecipient,
  scryptIdentity,
  scryptRecipient,
} from "./index.ts";

// Every error code, checked for its code, for naming the identity involved, and for never
// containing key material (the secret string, its raw bytes in hex or base64, a passphrase).

const secret = generateX25519Identity();
const [identity] = parseIdentities(secret);
const recipient = identityToRecipient(secret);
const { privateKey: edKey } = generateKeyPairSync("ed25519");
const edPem = edKey.export({ format: "pem", type: "pkcs8" }).toString();
const [edIdentity] = parseIdentities(edPem, { source: "host key" });
const PASSPHRASE = "tr0ub4dor&3";

/** Every textual form in which a key's material could leak. */
function secretForms(): string[] {
  const raw = Buffer.from(bech32Decode(secret)?.data ?? []);
  const seed = Buffer.from(edKey.export({ format: "jwk" }).d as string, "base64url");
  const forms = [secret, secret.toLowerCase(), secret.slice(15, 40), PASSPHRASE];
  for (const bytes of [raw, seed]) {
    forms.push(
      bytes.toString("hex"),
      bytes.toString("base64").slice(0, 20),
      bytes.toString("base64url").slice(0, 20),
    );
  }
  return forms;
}

function assertClean(e: unknown, code: AgeErrorCode, mentions: string[] = []): true {
  assert.ok(e instanceof AgeError, `expected an AgeError, got ${e}`);
  assert.ok(e instanceof ConfedError);
  assert.equal(e.code, code, e.message);
  const text = `${e.message}\n${inspect(e, { depth: 5 })}\n${JSON.stringify(e)}`;
  for (const form of secretForms())
    assert.ok(!text.includes(form), `the error leaks ${form.slice(0, 8)}…`);
  for (const mention of mentions)
    assert.ok(e.message.includes(mention), `the message should name ${mention}: ${e.message}`);
  return true;
}

const plaintext = new TextEncoder().encode("the launch codes");
const file = encrypt(plaintext, [recipient]);

function tamper(bytes: Uint8Array, at: number, change = 1): Uint8Array {
  const copy = new Uint8Array(bytes);
  copy[at < 0 ? copy.length + at : at] ^= change;
  return copy;
}

describe("AgeError", () => {
  test("decrypt with the wrong keys is E_AGE_NO_MATCH listing each identity and each stanza", () => {
    const other = parseIdentities(generateX25519Identity())[0];
    assert.throws(
      () => decrypt(file, [other, edIdentity, scryptIdentity(PASSPHRASE)]),
      (e: unknown) =>
        assertClean(e, "E_AGE_NO_MATCH", [
          other.label,
          edIdentity.label,
          "scrypt passphrase",
          "X25519",
        ]) &&
        (e as AgeError).identities.length === 3 &&
        (e as AgeError).stanzas[0] === "X25519",
    );
    assert.ok(edIdentity.label.includes("SHA256:") && edIdentity.label.includes("host key"));
  });

  test("decrypt with no identities is E_AGE_NO_MATCH", () => {
    assert.throws(
      () => decrypt(file, []),
      (e: unknown) => assertClean(e, "E_AGE_NO_MATCH"),
    );
  });

  test("a modified header is E_AGE_MAC naming the identity that unwrapped the file key", () => {
    // Re-wrapping the same file under a new stanza list changes the header but not the key:
    // simplest is to append a grease stanza before the MAC line.
    const text = Buffer.from(file).toString("latin1");
    const modified = Buffer.from(text.replace("\n---", "\n-> grease\n\n---"), "latin1");
    assert.throws(
      () => decrypt(modified, [identity]),
      (e: unknown) => assertClean(e, "E_AGE_MAC", [identity.label]),
    );
  });

  test("a flipped payload byte is E_AGE_PAYLOAD naming the identity, and releases nothing", () => {
    assert.throws(
      () => decrypt(tamper(file, -1), [identity]),
      (e: unknown) => assertClean(e, "E_AGE_PAYLOAD", [identity.label]),
    );
  });

  test("a truncated file is E_AGE_PAYLOAD", () => {
    assert.throws(
      () => decrypt(file.subarray(0, file.length - 5), [identity]),
      (e: unknown) => assertClean(e, "E_AGE_PAYLOAD"),
    );
  });

  test("a corrupt header is E_AGE_HEADER", () => {
    assert.throws(
      () => decrypt(tamper(file, 3, 0x20), [identity]),
      (e: unknown) => assertClean(e, "E_AGE_HEADER"),
    );
    assert.throws(
      () => decrypt(new Uint8Array(0), [identity]),
      (e: unknown) => assertClean(e, "E_AGE_HEADER"),
    );
  });

  test("a malformed stanza of the identity's own type is E_AGE_HEADER naming that identity", () => {
    const text = Buffer.from(file).toString("latin1");
    const share = /-> X25519 (\S+)/.exec(text)?.[1] ?? "";
    const lowOrder = Buffer.from(text.replace(share, "A".repeat(43)), "latin1");
    assert.throws(
      () => decrypt(lowOrder, [identity]),
      (e: unknown) => assertClean(e, "E_AGE_HEADER", [identity.label]),
    );
  });

  test("bad ASCII armor is E_AGE_ARMOR", () => {
    const armored = Buffer.from(encrypt(plaintext, [recipient], { armor: true })).toString(
      "latin1",
    );
    const spaced = Buffer.from(armored.replace("\n", "\n "), "latin1");
    assert.throws(
      () => decrypt(spaced, [identity]),
      (e: unknown) => assertClean(e, "E_AGE_ARMOR"),
    );
  });

  test("a malformed identity line is E_AGE_KEY naming the line, not its content", () => {
    const typo = `${secret.slice(0, -1)}${secret.endsWith("Q") ? "P" : "Q"}`;
    assert.throws(
      () => parseIdentities(`# keys\n${typo}\n`, { source: "keys.txt" }),
      (e: unknown) =>
        assertClean(e, "E_AGE_KEY", ["keys.txt, line 2"]) && !(e as Error).message.includes(typo),
    );
    assert.throws(
      () => parseIdentities("hello\n"),
      (e: unknown) => assertClean(e, "E_AGE_KEY", ["line 1"]),
    );
  });

  test("a secret key given as a recipient is E_AGE_RECIPIENT without repeating it", () => {
    assert.throws(
      () => parseRecipient(secret),
      (e: unknown) => assertClean(e, "E_AGE_RECIPIENT"),
    );
    assert.throws(
      () => parseRecipient(edPem),
      (e: unknown) => assertClean(e, "E_AGE_RECIPIENT"),
    );
    assert.throws(
      () => parseRecipient("age1notvalid"),
      (e: unknown) => assertClean(e, "E_AGE_RECIPIENT"),
    );
  });

  test("encrypt refuses an scrypt recipient next to others, and no recipients at all", () => {
    assert.throws(
      () => encrypt(plaintext, [recipient, scryptRecipient(PASSPHRASE, 10)]),
      (e: unknown) => assertClean(e, "E_AGE_RECIPIENT"),
    );
    assert.throws(
      () => encrypt(plaintext, []),
      (e: unknown) => assertClean(e, "E_AGE_RECIPIENT"),
    );
  });

  test("an identity shows no key material when printed or serialised", () => {
    const identities: Identity[] = [identity, edIdentity, scryptIdentity(PASSPHRASE)];
    for (const id of identities) {
      const shown = `${id} ${inspect(id, { showHidden: true, depth: 5 })} ${JSON.stringify(id)}`;
      for (const form of secretForms())
        assert.ok(!shown.includes(form), `${id.kind} identity leaks ${form.slice(0, 8)}…`);
    }
  });
});

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { inflateSync } from "node:zlib";
import {
  type AgeErrorCode,
  decrypt,
  type Identity,
  parseIdentities,
  scryptIdentity,
} from "./index.ts";

// The community age test vectors (C2SP/CCTV age/testdata), shared read-only beside the
// repository. Each file is a header of `key: value` lines, a blank line, then the age file.

const TESTKIT = fileURLToPath(new URL("../../../../shared/testdata/age/testkit", import.meta.url));

const OUTCOMES: Record<string, AgeErrorCode | "success"> = {
  success: "success",
  "no match": "E_AGE_NO_MATCH",
  "HMAC failure": "E_AGE_MAC",
  "header failure": "E_AGE_HEADER",
  "payload failure": "E_AGE_PAYLOAD",
  "armor failure": "E_AGE_ARMOR",
};
const KNOWN_KEYS = new Set([
  "expect",
  "payload",
  "identity",
  "passphrase",
  "armored",
  "compressed",
  "file key",
  "comment",
]);

interface Vector {
  name: string;
  expect: string;
  payload?: string;
  identities: string[];
  passphrases: string[];
  file: Uint8Array;
}

function readVector(name: string): Vector | undefined {
  const raw = readFileSync(`${TESTKIT}/${name}`);
  const split = raw.indexOf("\n\n");
  assert.ok(split >= 0, `${name}: no blank line after the vector header`);
  const vector: Vector = {
    name,
    expect: "",
    identities: [],
    passphrases: [],
    file: raw.subarray(split + 2),
  };
  let compressed = false;
  for (const line of raw.subarray(0, split).toString("utf8").split("\n")) {
    const colon = line.indexOf(": ");
    const key = line.slice(0, colon);
    const value = line.slice(colon + 2);
    // The README says to skip vectors with keys we do not know (future extensions).
    if (!KNOWN_KEYS.has(key)) return undefined;
    if (key === "expect") vector.expect = value;
    else if (key === "payload") vector.payload = value;
    else if (key === "identity") vector.identities.push(value);
    else if (key === "passphrase") vector.passphrases.push(value);
    else if (key === "compressed") compressed = value === "zlib";
  }
  if (compressed) vector.file = inflateSync(vector.file);
  return vector;
}

const names = existsSync(TESTKIT)
  ? readdirSync(TESTKIT)
      .filter((name) => name !== "README.md")
      .sort()
  : [];

describe("age testkit (C2SP/CCTV)", {
  skip: names.length === 0 && `testkit not found at ${TESTKIT}`,
}, () => {
  test("the testkit has all 143 vectors", () => {
    assert.equal(names.length, 143);
  });

  for (const name of names) {
    const vector = readVector(name);
    if (!vector) continue;
    const outcome = OUTCOMES[vector.expect];
    test(`decrypt gives ${vector.expect} for ${name}`, () => {
      assert.ok(outcome, `unknown expectation ${vector.expect}`);
      const identities: Identity[] = [
        ...vector.identities.flatMap((line) => parseIdentities(line)),
        ...vector.passphrases.map((passphrase) => scryptIdentity(passphrase)),
      ];
      if (outcome === "success") {
        const plaintext = decrypt(vector.file, identities);
        assert.equal(createHash("sha256").update(plaintext).digest("hex"), vector.payload);
      } else {
        // We release nothing on failure, so the partial-payload hash of failure vectors does
        // not apply (the README allows skipping it).
        assert.throws(() => decrypt(vector.file, identities), { code: outcome });
      }
    });
  }
});

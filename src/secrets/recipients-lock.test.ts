import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { realSecretFiles } from "../system/secret-files.ts";
import {
  emptyRecipientsLock,
  lockEntry,
  parseRecipientsLock,
  RECIPIENTS_LOCK,
  readRecipientsLock,
  sameRecipients,
  serializeRecipientsLock,
  sha256Hex,
  withEntry,
  writeRecipientsLock,
} from "./recipients-lock.ts";
import { SecretsError } from "./secrets-error.ts";

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const HASH = "a".repeat(64);

function lockError(text: string, pattern: RegExp): void {
  assert.throws(
    () => parseRecipientsLock(text),
    (e: unknown) =>
      e instanceof SecretsError && e.code === "E_SECRET_LOCK" && pattern.test(e.message),
  );
}

describe("recipients lock", () => {
  test("serializeRecipientsLock writes sorted, versioned JSON that parses back", () => {
    let lock = emptyRecipientsLock();
    lock = withEntry(lock, "secrets/z.age", { sha256: HASH, recipients: ["b", "a"] });
    lock = withEntry(lock, "secrets/a.age", lockEntry(new Uint8Array([1, 2, 3]), ["x"]));
    const text = serializeRecipientsLock(lock);
    assert.ok(text.endsWith("}\n"));
    assert.ok(text.indexOf("secrets/a.age") < text.indexOf("secrets/z.age"));
    const parsed = parseRecipientsLock(text);
    assert.equal(parsed.version, 1);
    assert.deepEqual(parsed.files["secrets/z.age"].recipients, ["a", "b"]);
    assert.equal(parsed.files["secrets/a.age"].sha256, sha256Hex(new Uint8Array([1, 2, 3])));
    assert.equal(serializeRecipientsLock(parsed), text, "stable");
  });

  test("sha256Hex is the hex digest sha256sum prints", () => {
    assert.equal(
      sha256Hex(new TextEncoder().encode("abc")),
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });

  test("parseRecipientsLock refuses unknown versions with a clear message", () => {
    lockError('{"version":2,"files":{}}', /version 2, written by a newer confed.*Upgrade/);
    lockError('{"files":{}}', /unknown version \(none\)/);
    lockError('{"version":"1","files":{}}', /unknown version "1"/);
  });

  test("parseRecipientsLock refuses malformed content, naming the entry", () => {
    lockError("{", /not valid JSON/);
    lockError("[]", /JSON object/);
    lockError('{"version":1}', /"files" must be an object/);
    lockError(
      '{"version":1,"files":{"a.age":{"sha256":"xyz","recipients":["r"]}}}',
      /`a\.age'.*sha256/,
    );
    lockError(
      `{"version":1,"files":{"a.age":{"sha256":"${HASH}","recipients":[]}}}`,
      /`a\.age'.*recipients/,
    );
    lockError(
      `{"version":1,"files":{"a.age":{"sha256":"${HASH}","recipients":[1]}}}`,
      /recipients/,
    );
  });

  test("parseRecipientsLock treats a path named __proto__ as an ordinary key", () => {
    const lock = parseRecipientsLock(
      `{"version":1,"files":{"__proto__":{"sha256":"${HASH}","recipients":["r"]}}}`,
    );
    assert.deepEqual(Object.keys(lock.files), ["__proto__"]);
    assert.equal(Object.getPrototypeOf(lock.files), null);
  });

  test("readRecipientsLock gives an empty lock when there is none; write then read round-trips", () => {
    const root = mkdtempSync(join(tmpdir(), "confed-lock-"));
    dirs.push(root);
    assert.deepEqual(readRecipientsLock(root, realSecretFiles).files, {});
    const lock = withEntry(emptyRecipientsLock(), "secrets/a.age", {
      sha256: HASH,
      recipients: ["r"],
    });
    writeRecipientsLock(root, lock, realSecretFiles);
    assert.equal(statSync(join(root, RECIPIENTS_LOCK)).mode & 0o777, 0o644);
    assert.deepEqual(
      readRecipientsLock(root, realSecretFiles),
      parseRecipientsLock(readFileSync(join(root, RECIPIENTS_LOCK), "utf8")),
    );
    const removed = withEntry(lock, "secrets/a.age", undefined);
    assert.deepEqual(Object.keys(removed.files), []);
    assert.deepEqual(Object.keys(lock.files), ["secrets/a.age"], "withEntry copies");
  });

  test("sameRecipients ignores order and repetition", () => {
    assert.ok(sameRecipients(["a", "b"], ["b", "a", "a"]));
    assert.ok(!sameRecipients(["a"], ["a", "b"]));
  });
});

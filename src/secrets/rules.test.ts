import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  generateHybridIdentity,
  generateX25519Identity,
  identityToRecipient,
} from "./age/index.ts";
import { abbreviateKey, canonicalRecipient, defineSecrets, parseRules, ruleFor } from "./rules.ts";
import { SecretsError } from "./secrets-error.ts";

// Public keys only (made for these tests); the X25519 ones are generated per run.
const ED = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINMArZFFn/WbDG4agbTnym2UYNsmEL7p2fMzc8CrWhci";
const RSA =
  "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC26BKlmXPaj++c9xkcWFMA6wEKlh8XwcrfGYHvItETHBqKxAUgfEywH8QNhM7l6MHDNCSQumf5INxDtk2p7pcGFzM25X1/XJfoKmaXtfOI9EAJIFYMzuywEiR93YPREqxwOlhXDso3F4tjksD8rzsSFg5EYxJxlzKF3DyvYdUp+PD+ZMRpbcdPtsni9xuE1E+inJahEP5RQ7rAOvvdbd5CIjqo+tBh5kuVQx0JwTbpRu477ujrI0bQE06dso34jAdRrEeUHauLv1/XVUCoR6SxQGUvLcfVX8lsuKfjGdIAg5DAj8Mv3TtulP8wbK3G3qTjoAdGv/Lj4zckXkxRlzf7";
const AGE_SECRET = generateX25519Identity();
const AGE = identityToRecipient(AGE_SECRET).toString();

function rulesError(value: unknown, pattern: RegExp): SecretsError {
  let caught: unknown;
  try {
    parseRules(value, "secrets.ts");
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof SecretsError, `expected a SecretsError, got ${String(caught)}`);
  assert.equal(caught.code, "E_SECRET_RULES");
  assert.match(caught.message, pattern);
  assert.match(caught.message, /secrets\.ts/, "the message names the rules file");
  return caught;
}

describe("parseRules", () => {
  test("parseRules reads groups of keys, canonicalises, deduplicates and sorts", () => {
    const hostKeys = { map: `${ED} root@map` };
    const userKeys = { me: AGE, work: `${RSA} me@work` };
    const rules = parseRules(
      defineSecrets({
        "secrets/z.age": { publicKeys: [userKeys.me] },
        "secrets/./ssh.age": {
          publicKeys: [hostKeys.map, userKeys.me, userKeys.work, ED],
          armor: true,
        },
      }),
    );
    assert.deepEqual([...rules.files.keys()], ["secrets/ssh.age", "secrets/z.age"]);
    const ssh = ruleFor(rules, "secrets/ssh.age");
    assert.equal(ssh.recipients.length, 3, "the same key with and without comment counts once");
    assert.deepEqual(ssh.publicKeys, [AGE, ED, RSA].sort());
    assert.equal(ssh.armor, true);
    assert.equal(ruleFor(rules, "secrets/z.age").armor, false);
  });

  test("parseRules refuses a default export that is not an object", () => {
    rulesError(undefined, /must default-export an object.*but its default export is undefined/s);
    rulesError([AGE], /default export is a list/);
    rulesError("x", /default export is a string/);
  });

  test("parseRules refuses file names that are not relative .age paths", () => {
    rulesError(
      { "secrets/ssh.txt": { publicKeys: [AGE] } },
      /`secrets\/ssh\.txt'.*must end in \.age/,
    );
    rulesError({ "/etc/x.age": { publicKeys: [AGE] } }, /relative to the repository root/);
    rulesError({ "../x.age": { publicKeys: [AGE] } }, /inside the repository/);
    rulesError({ "a/../../x.age": { publicKeys: [AGE] } }, /inside the repository/);
    rulesError({ "secrets\\x.age": { publicKeys: [AGE] } }, /use \//);
    rulesError(
      { "secrets/x.age": { publicKeys: [AGE] }, "./secrets/x.age": { publicKeys: [AGE] } },
      /same file as another entry/,
    );
  });

  test("parseRules says what is wrong with publicKeys", () => {
    rulesError(
      { "s/a.age": {} },
      /secret `s\/a\.age': publicKeys must be a non-empty list.*missing/,
    );
    rulesError({ "s/a.age": { publicKeys: [] } }, /non-empty list.*an empty list/);
    rulesError({ "s/a.age": { publicKeys: AGE } }, /non-empty list.*a string/);
    rulesError({ "s/a.age": [AGE] }, /must be \{ publicKeys: \[\.\.\.\] \}, not a list/);
    rulesError({ "s/a.age": { publicKeys: [AGE, 42] } }, /publicKeys\[1\] is a number/);
  });

  test("parseRules hints at a misspelled group member (an undefined entry)", () => {
    const hostKeys: Record<string, string> = { map: ED };
    rulesError(
      { "s/a.age": { publicKeys: [AGE, hostKeys.mpa] } },
      /publicKeys\[1\] is undefined, not a recipient string \(a misspelled key group member\?\)/,
    );
  });

  test("parseRules names a bad key by position and abbreviates it", () => {
    const broken = `${ED.slice(0, -6)}AAAAAA`;
    const e = rulesError(
      { "s/a.age": { publicKeys: [AGE, broken] } },
      /secret `s\/a\.age': publicKeys\[1\] \(ssh-ed25519 AAAAC3Nz…\w+\) is not a valid recipient/,
    );
    assert.ok(!e.message.includes(broken), "the whole key is not echoed");
    rulesError({ "s/a.age": { publicKeys: ["gpg:ABCDEF"] } }, /publicKeys\[0\].*unknown recipient/);
  });

  test("parseRules never shows a private key put in place of a public one", () => {
    const e = rulesError(
      { "s/a.age": { publicKeys: [AGE_SECRET] } },
      /publicKeys\[0\] \(a private key\) is not a valid recipient: this is a private key/,
    );
    assert.ok(!e.message.includes(AGE_SECRET.slice(16)), "no part of the secret key");
  });

  test("parseRules refuses unknown fields with a suggestion, and a non-boolean armor", () => {
    rulesError(
      { "s/a.age": { publickeys: [AGE] } },
      /unknown field `publickeys'.*Did you mean `publicKeys'/,
    );
    rulesError({ "s/a.age": { publicKeys: [AGE], armor: "yes" } }, /armor must be true or false/);
  });

  test("parseRules refuses mixing post-quantum and classic recipients", () => {
    const pq = identityToRecipient(generateHybridIdentity()).toString();
    rulesError({ "s/a.age": { publicKeys: [AGE, pq] } }, /secret `s\/a\.age' mixes post-quantum/);
    assert.equal(
      parseRules({ "s/a.age": { publicKeys: [pq] } }).files.get("s/a.age")?.recipients[0].kind,
      "mlkem768x25519",
    );
  });

  test("ruleFor suggests a listed file for a near miss", () => {
    const rules = parseRules({ "secrets/ssh.age": { publicKeys: [AGE] } });
    assert.throws(
      () => ruleFor(rules, "secrets/shh.age"),
      (e: unknown) =>
        e instanceof SecretsError &&
        e.code === "E_SECRET_UNLISTED" &&
        /not listed in secrets\.ts.*Did you mean `secrets\/ssh\.age'/.test(e.message),
    );
  });
});

describe("keys in messages", () => {
  test("canonicalRecipient drops SSH comments and keeps age recipients", () => {
    const rules = parseRules({ "a.age": { publicKeys: [`${ED} some comment`, AGE] } });
    const [ed, age] = ruleFor(rules, "a.age").recipients;
    assert.equal(canonicalRecipient(ed), ED);
    assert.equal(canonicalRecipient(age), AGE);
  });

  test("abbreviateKey shows the start and the end, and nothing of private keys", () => {
    assert.equal(abbreviateKey(`${ED} c`), `${ED.slice(0, 20)}…${ED.slice(-8)}`);
    assert.equal(abbreviateKey("age1short"), "age1short");
    assert.equal(abbreviateKey(AGE_SECRET), "a private key");
    assert.equal(abbreviateKey("-----BEGIN OPENSSH PRIVATE KEY-----"), "a private key");
  });
});

describe("defineSecrets", () => {
  test("defineSecrets returns its argument and types the file names", () => {
    const spec = { "secrets/a.age": { publicKeys: [AGE] } } as const;
    assert.equal(defineSecrets(spec), spec);
    // @ts-expect-error a secret file name must end in .age
    defineSecrets({ "secrets/a.txt": { publicKeys: [AGE] } });
    // @ts-expect-error publicKeys is required
    defineSecrets({ "secrets/a.age": {} });
  });
});

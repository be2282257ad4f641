import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import {
  AgeError,
  decrypt,
  encrypt,
  generateHybridIdentity,
  generateX25519Identity,
  identityToRecipient,
  parseIdentities,
  parseRecipient,
  parseRecipients,
  scryptIdentity,
  scryptRecipient,
  sshRecipientFromPrivateKey,
} from "./index.ts";

const haveSshKeygen = spawnSync("ssh-keygen", ["-?"], { stdio: "ignore" }).error === undefined;

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args);
  assert.equal(result.status, 0, `${command} ${args.join(" ")}: ${result.stderr}`);
}

describe("age identity files", () => {
  test("parseIdentities reads identity lines and skips comments and blank lines", () => {
    const a = generateX25519Identity();
    const b = generateHybridIdentity();
    const ids = parseIdentities(`# created: today\n# public key: age1…\n${a}\n\n  ${b}  \r\n`);
    assert.deepEqual(
      ids.map((id) => id.kind),
      ["x25519", "mlkem768x25519"],
    );
    assert.equal(ids[0].toRecipient().toString(), identityToRecipient(a).toString());
  });

  test("identityToRecipient of an X25519 identity is the age1 recipient age-keygen prints", () => {
    // The example key pair from the age specification.
    const identity = "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX";
    assert.equal(
      identityToRecipient(identity).toString(),
      "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj",
    );
  });

  test("parseIdentities decrypts a passphrase-protected identity file given as bytes", () => {
    const secret = generateX25519Identity();
    const file = encrypt(new TextEncoder().encode(`${secret}\n`), [scryptRecipient("pw", 10)]);
    const [id] = parseIdentities(file, { passphrase: () => "pw" });
    assert.equal(id.toRecipient().toString(), identityToRecipient(secret).toString());
    assert.throws(() => parseIdentities(file, { passphrase: () => "wrong" }), {
      code: "E_AGE_KEY",
    });
    assert.throws(() => parseIdentities(file), { code: "E_AGE_KEY" });
  });

  test("an encrypted recipient round trip works for every generated identity kind", () => {
    for (const secret of [generateX25519Identity(), generateHybridIdentity()]) {
      const [id] = parseIdentities(secret);
      const plaintext = randomBytes(100);
      const file = encrypt(plaintext, [parseRecipient(id.toRecipient().toString())]);
      assert.deepEqual(decrypt(file, [id]), new Uint8Array(plaintext));
    }
  });

  test("parseRecipients reads a recipients list and names the bad line", () => {
    const good = identityToRecipient(generateX25519Identity()).toString();
    assert.equal(parseRecipients(`# team\n${good}\n\n${good}\n`).length, 2);
    assert.throws(
      () => parseRecipients(`${good}\nnot-a-key\n`, "secrets.ts"),
      (e: unknown) =>
        e instanceof AgeError &&
        e.code === "E_AGE_RECIPIENT" &&
        e.context[0] === "secrets.ts, line 2",
    );
  });
});

describe("PKCS#8 keys read by node:crypto", () => {
  test("an Ed25519 PKCS#8 key is an ssh-ed25519 identity", () => {
    const { privateKey } = generateKeyPairSync("ed25519");
    const pem = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    const [id] = parseIdentities(pem, { source: "ed.pem" });
    assert.equal(id.kind, "ssh-ed25519");
    const plaintext = randomBytes(64);
    assert.deepEqual(
      decrypt(encrypt(plaintext, [id.toRecipient()]), [id]),
      new Uint8Array(plaintext),
    );
  });

  test("a passphrase-protected PKCS#8 RSA key needs its passphrase when parsed", () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pem = privateKey
      .export({ format: "pem", type: "pkcs8", cipher: "aes-256-cbc", passphrase: "pw" })
      .toString();
    assert.throws(() => parseIdentities(pem), { code: "E_AGE_KEY" });
    assert.throws(() => parseIdentities(pem, { passphrase: () => "nope" }), { code: "E_AGE_KEY" });
    const [id] = parseIdentities(pem, { passphrase: () => "pw" });
    assert.equal(id.kind, "ssh-rsa");
    const plaintext = randomBytes(64);
    assert.deepEqual(
      decrypt(encrypt(plaintext, [id.toRecipient()]), [id]),
      new Uint8Array(plaintext),
    );
  });

  test("an RSA key below 2048 bits is refused, as age does", () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
    const pem = privateKey.export({ format: "pem", type: "pkcs1" }).toString();
    assert.throws(() => parseIdentities(pem), { code: "E_AGE_KEY" });
  });
});

describe("OpenSSH private keys from ssh-keygen", {
  skip: !haveSshKeygen && "ssh-keygen is not installed",
}, () => {
  let dir = "";
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "confed-age-keys-"));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const cases = [
    { name: "ed25519, unencrypted", args: ["-t", "ed25519"], passphrase: "" },
    { name: "ed25519, aes256-ctr", args: ["-t", "ed25519"], passphrase: "s3cret pass" },
    {
      name: "ed25519, aes256-gcm@openssh.com",
      args: ["-t", "ed25519", "-Z", "aes256-gcm@openssh.com"],
      passphrase: "pw",
    },
    { name: "ed25519, aes128-cbc", args: ["-t", "ed25519", "-Z", "aes128-cbc"], passphrase: "pw" },
    { name: "rsa 2048, unencrypted", args: ["-t", "rsa", "-b", "2048"], passphrase: "" },
    { name: "rsa 3072, aes256-ctr", args: ["-t", "rsa", "-b", "3072"], passphrase: "pw" },
    {
      name: "rsa 2048, PEM with passphrase",
      args: ["-t", "rsa", "-b", "2048", "-m", "PEM"],
      passphrase: "pem pass",
    },
  ];

  for (const { name, args, passphrase } of cases) {
    test(`parseIdentities opens an OpenSSH key (${name}) only when a file needs it`, () => {
      const file = join(dir, name.replace(/\W+/g, "_"));
      run("ssh-keygen", ["-q", ...args, "-N", passphrase, "-C", "me@host", "-f", file]);
      const keyText = readFileSync(file, "utf8");
      const publicLine = readFileSync(`${file}.pub`, "utf8").trim();
      let asked = 0;
      const ask = () => {
        asked++;
        return passphrase;
      };
      const pem = args.includes("PEM");
      const [id] = parseIdentities(keyText, { passphrase: ask, source: file });
      // OpenSSH keys expose their public half, so the passphrase waits for a matching file.
      assert.equal(asked, pem && passphrase ? 1 : 0);
      const recipient = sshRecipientFromPrivateKey(keyText, { passphrase: ask });
      assert.equal(
        recipient.toString().split(" ").slice(0, 2).join(" "),
        publicLine.split(" ").slice(0, 2).join(" "),
      );

      const other = identityToRecipient(generateX25519Identity());
      assert.throws(() => decrypt(encrypt(randomBytes(10), [other]), [id]), {
        code: "E_AGE_NO_MATCH",
      });
      const before = asked;
      const plaintext = randomBytes(1000);
      const encrypted = encrypt(plaintext, [parseRecipient(publicLine)]);
      assert.deepEqual(decrypt(encrypted, [id]), new Uint8Array(plaintext));
      assert.deepEqual(decrypt(encrypted, [id]), new Uint8Array(plaintext));
      assert.equal(
        asked - before,
        passphrase && !pem ? 1 : 0,
        "the passphrase is asked once, on first use",
      );
    });
  }

  test("a wrong or missing passphrase is E_AGE_KEY naming the key, not the passphrase", () => {
    const file = join(dir, "wrong");
    run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "right horse", "-f", file]);
    const fingerprint = spawnSync("ssh-keygen", ["-l", "-f", file]).stdout.toString().split(" ")[1];
    const encrypted = encrypt(randomBytes(10), [
      parseRecipient(readFileSync(`${file}.pub`, "utf8")),
    ]);
    for (const passphrase of [() => "wrong horse", undefined]) {
      const [id] = parseIdentities(readFileSync(file, "utf8"), { passphrase });
      assert.throws(
        () => decrypt(encrypted, [id]),
        (e: unknown) =>
          e instanceof AgeError &&
          e.code === "E_AGE_KEY" &&
          e.message.includes(fingerprint) &&
          !e.message.includes("horse"),
      );
    }
  });

  test("a key encrypted with chacha20-poly1305@openssh.com is refused with a way out", () => {
    const file = join(dir, "chacha");
    run("ssh-keygen", [
      "-q",
      "-t",
      "ed25519",
      "-N",
      "pw",
      "-Z",
      "chacha20-poly1305@openssh.com",
      "-f",
      file,
    ]);
    assert.throws(() => parseIdentities(readFileSync(file, "utf8")), /ssh-keygen -p -Z aes256-ctr/);
  });
});

describe("scrypt identities", () => {
  test("scryptIdentity opens what scryptRecipient encrypted, and no other passphrase does", () => {
    const file = encrypt(new Uint8Array([1, 2, 3]), [scryptRecipient("pw", 10)]);
    assert.deepEqual(decrypt(file, [scryptIdentity("pw")]), new Uint8Array([1, 2, 3]));
    assert.throws(() => decrypt(file, [scryptIdentity("pw2")]), { code: "E_AGE_NO_MATCH" });
  });

  test("scryptIdentity refuses work factors above its limit before computing anything", () => {
    const file = encrypt(new Uint8Array([1]), [scryptRecipient("pw", 12)]);
    assert.throws(() => decrypt(file, [scryptIdentity("pw", { maxLogN: 11 })]), {
      code: "E_AGE_HEADER",
    });
  });
});

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import {
  decrypt,
  encrypt,
  generateX25519Identity,
  type Identity,
  identityToRecipient,
  parseIdentities,
  parseRecipient,
  type Recipient,
  scryptIdentity,
  scryptRecipient,
} from "./index.ts";

// Interoperability with the real `age` CLI (Debian's age 1.1.1 here, installed in CI), in both
// directions, for every recipient type it shares with us. age 1.1.1 predates post-quantum
// recipients (age 1.3), so those are covered by the testkit vectors instead.

function available(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: "ignore" }).status === 0;
}

const haveAge = available("age", ["--version"]) && available("age-keygen", ["--version"]);
const haveSshKeygen = spawnSync("ssh-keygen", ["-?"], { stdio: "ignore" }).error === undefined;
const haveScript = available("script", ["--version"]);

function run(command: string, args: string[], input?: Uint8Array | string): Buffer {
  const result = spawnSync(command, args, { input, maxBuffer: 64 * 1024 * 1024 });
  assert.equal(
    result.status,
    0,
    `${command} ${args.join(" ")} failed: ${result.stderr?.toString()}`,
  );
  return result.stdout;
}

const SIZES = [0, 1000, 2 * 64 * 1024, 1024 * 1024 + 17];

interface KeyCase {
  name: string;
  /** age CLI arguments naming the recipient. */
  recipientArgs: string[];
  /** age CLI arguments naming the identity. */
  identityArgs: string[];
  recipient: () => Recipient;
  identities: () => Identity[];
}

describe("interop with the age CLI", {
  skip: !haveAge && "the age CLI is not installed (apt install age)",
}, () => {
  let dir = "";
  const keys: KeyCase[] = [];

  before(() => {
    dir = mkdtempSync(join(tmpdir(), "confed-age-interop-"));
    const ageKey = join(dir, "age.key");
    run("age-keygen", ["-o", ageKey]);
    const ageRecipient = run("age-keygen", ["-y", ageKey]).toString().trim();
    keys.push({
      name: "X25519",
      recipientArgs: ["-r", ageRecipient],
      identityArgs: ["-i", ageKey],
      recipient: () => parseRecipient(ageRecipient),
      identities: () => parseIdentities(readFileSync(ageKey, "utf8")),
    });
    if (!haveSshKeygen) return;
    for (const [name, args] of [
      ["ssh-ed25519", ["-t", "ed25519"]],
      ["ssh-rsa", ["-t", "rsa", "-b", "2048"]],
      ["ssh-rsa (PEM key)", ["-t", "rsa", "-b", "3072", "-m", "PEM"]],
    ] as const) {
      const file = join(dir, name.replace(/\W+/g, "_"));
      run("ssh-keygen", ["-q", ...args, "-N", "", "-C", "test@interop", "-f", file]);
      keys.push({
        name,
        recipientArgs: ["-R", `${file}.pub`],
        identityArgs: ["-i", file],
        recipient: () => parseRecipient(readFileSync(`${file}.pub`, "utf8")),
        identities: () => parseIdentities(readFileSync(file, "utf8"), { source: file }),
      });
    }
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("key types under test", () => {
    assert.deepEqual(
      keys.map((k) => k.name),
      haveSshKeygen ? ["X25519", "ssh-ed25519", "ssh-rsa", "ssh-rsa (PEM key)"] : ["X25519"],
    );
  });

  for (const armor of [false, true]) {
    const form = armor ? "armored" : "binary";
    test(`decrypt reads ${form} files the age CLI wrote, for every key type and size`, () => {
      for (const key of keys) {
        for (const size of SIZES) {
          const plaintext = randomBytes(size);
          const file = run(
            "age",
            ["-e", ...(armor ? ["-a"] : []), ...key.recipientArgs],
            plaintext,
          );
          assert.deepEqual(
            decrypt(file, key.identities()),
            new Uint8Array(plaintext),
            `${key.name}, ${size} bytes`,
          );
        }
      }
    });

    test(`the age CLI reads ${form} files encrypt wrote, for every key type and size`, () => {
      for (const key of keys) {
        for (const size of SIZES) {
          const plaintext = randomBytes(size);
          const file = encrypt(plaintext, [key.recipient()], { armor });
          assert.deepEqual(
            run("age", ["-d", ...key.identityArgs], file),
            plaintext,
            `${key.name}, ${size} bytes`,
          );
        }
      }
    });
  }

  test("generateX25519Identity writes identities that age-keygen and age accept", () => {
    const secret = generateX25519Identity();
    const file = join(dir, "ours.key");
    writeFileSync(file, `# made by confed\n${secret}\n`);
    const recipient = identityToRecipient(secret).toString();
    assert.equal(run("age-keygen", ["-y", file]).toString().trim(), recipient);
    const plaintext = randomBytes(300);
    assert.deepEqual(
      run("age", ["-d", "-i", file], encrypt(plaintext, [parseRecipient(recipient)])),
      plaintext,
    );
  });

  test("decrypt opens a file the age CLI wrote to several recipients, with each identity alone", () => {
    const plaintext = randomBytes(5000);
    const file = run("age", ["-e", ...keys.flatMap((k) => k.recipientArgs)], plaintext);
    for (const key of keys)
      assert.deepEqual(decrypt(file, key.identities()), new Uint8Array(plaintext), key.name);
  });

  test("the age CLI opens a file encrypt wrote to several recipients, with each identity alone", () => {
    const plaintext = randomBytes(70_000);
    const file = encrypt(
      plaintext,
      keys.map((k) => k.recipient()),
    );
    for (const key of keys)
      assert.deepEqual(run("age", ["-d", ...key.identityArgs], file), plaintext, key.name);
  });

  // age reads passphrases from the terminal only, so these run it under script(1), which gives
  // it a pseudo-terminal fed from our stdin.
  describe("scrypt", { skip: !haveScript && "script(1) is not installed (util-linux)" }, () => {
    const passphrase = "correct horse battery staple";
    const inTerminal = (command: string, input: string) => {
      const result = spawnSync("script", ["-qec", command, "/dev/null"], { input });
      assert.equal(result.status, 0, `${command}: ${result.stdout}`);
    };

    test("decrypt reads a passphrase file the age CLI wrote", () => {
      for (const size of [0, 100_000]) {
        const plaintext = randomBytes(size);
        writeFileSync(join(dir, "scrypt.in"), plaintext);
        inTerminal(
          `age -p -o '${dir}/scrypt.age' '${dir}/scrypt.in'`,
          `${passphrase}\n${passphrase}\n`,
        );
        const file = readFileSync(join(dir, "scrypt.age"));
        assert.deepEqual(decrypt(file, [scryptIdentity(passphrase)]), new Uint8Array(plaintext));
      }
    });

    test("the age CLI reads a passphrase file encrypt wrote", () => {
      for (const armor of [false, true]) {
        const plaintext = randomBytes(100_000);
        writeFileSync(
          join(dir, "ours.age"),
          encrypt(plaintext, [scryptRecipient(passphrase, 12)], { armor }),
        );
        inTerminal(`age -d -o '${dir}/ours.out' '${dir}/ours.age'`, `${passphrase}\n`);
        assert.deepEqual(readFileSync(join(dir, "ours.out")), plaintext);
      }
    });
  });
});

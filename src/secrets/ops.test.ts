import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { realSecretFiles } from "../system/secret-files.ts";
import { generateX25519Identity, type Identity, identityToRecipient } from "./age/index.ts";
import { loadIdentities } from "./identities.ts";
import {
  generateHomeIdentity,
  recipientFromString,
  recipientsFromKeyFile,
  sshKeyRecipients,
  sshPublicKeyPaths,
} from "./keygen.ts";
import { check, decryptFile, encryptFile, rekey } from "./ops.ts";
import { RECIPIENTS_LOCK, readRecipientsLock, sha256Hex } from "./recipients-lock.ts";
import { parseRules } from "./rules.ts";
import { SecretsError } from "./secrets-error.ts";

// The operations against real files, real ssh keys from ssh-keygen and the real age CLI.

const haveAge = spawnSync("age", ["--version"]).status === 0;
const haveSshKeygen = spawnSync("ssh-keygen", ["-?"]).error === undefined;
const CANARY = "canary-7f3a9c-plaintext";

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "confed-ops-"));
  dirs.push(d);
  return d;
}

function sh(cmd: string, args: string[], input?: Uint8Array | string): Buffer {
  const r = spawnSync(cmd, args, { input });
  assert.equal(r.status, 0, `${cmd} ${args.join(" ")}: ${r.stderr?.toString()}`);
  return r.stdout;
}

/** An ssh key pair made by ssh-keygen: the private key path and the public key line. */
function sshKey(dir: string, name: string, type: "ed25519" | "rsa", passphrase = "") {
  const path = join(dir, name);
  mkdirSync(dirname(path), { recursive: true });
  sh("ssh-keygen", [
    "-q",
    "-t",
    type,
    ...(type === "rsa" ? ["-b", "2048"] : []),
    "-N",
    passphrase,
    "-C",
    `${name}@test`,
    "-f",
    path,
  ]);
  return { path, pub: readFileSync(`${path}.pub`, "utf8").trim() };
}

/** An age identity file: its path and recipient. */
function ageKey(dir: string, name: string) {
  const secret = generateX25519Identity();
  const path = join(dir, name);
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  return { path, recipient: identityToRecipient(secret).toString() };
}

function ids(...paths: string[]): Identity[] {
  return loadIdentities({ env: {}, explicit: paths, defaults: false }).identities;
}

const text = (s: string) => new TextEncoder().encode(s);
const str = (b: Uint8Array) => new TextDecoder().decode(b);

function writeRepoFile(root: string, rel: string, data: Uint8Array | string): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), data);
}

describe("secret operations", {
  skip: (!haveAge || !haveSshKeygen) && "needs age and ssh-keygen",
}, () => {
  let keys: string;
  let ed: { path: string; pub: string };
  let rsa: { path: string; pub: string };
  let host: { path: string; recipient: string };
  let other: { path: string; recipient: string };
  before(() => {
    keys = tempDir();
    ed = sshKey(keys, "ed", "ed25519");
    rsa = sshKey(keys, "rsa", "rsa");
    host = ageKey(keys, "host.txt");
    other = ageKey(keys, "other.txt");
  });

  function repo(spec: Record<string, string[]>, extra: Record<string, { armor: boolean }> = {}) {
    const root = tempDir();
    const value = Object.fromEntries(
      Object.entries(spec).map(([f, publicKeys]) => [f, { publicKeys, ...extra[f] }]),
    );
    return { root, rules: parseRules(value) };
  }

  test("encryptFile writes a file the age CLI opens with each listed key, and locks it", () => {
    const r = repo({ "secrets/a.age": [ed.pub, rsa.pub, host.recipient] });
    const entry = encryptFile(r, "secrets/a.age", text(CANARY));
    const file = join(r.root, "secrets/a.age");
    for (const key of [ed.path, rsa.path, host.path]) {
      assert.equal(sh("age", ["-d", "-i", key, file]).toString(), CANARY);
    }
    assert.equal(entry.sha256, sha256Hex(readFileSync(file)));
    const lock = readRecipientsLock(r.root, realSecretFiles);
    assert.deepEqual(lock.files["secrets/a.age"], entry);
    assert.deepEqual(entry.recipients, r.rules.files.get("secrets/a.age")?.publicKeys);
    assert.ok(
      !readFileSync(join(r.root, RECIPIENTS_LOCK), "utf8").includes("@test"),
      "no comments",
    );
  });

  test("encryptFile armors when the rule says so; decryptFile opens age CLI files", () => {
    const r = repo({ "secrets/a.age": [host.recipient] }, { "secrets/a.age": { armor: true } });
    encryptFile(r, "secrets/a.age", text(CANARY));
    assert.match(
      readFileSync(join(r.root, "secrets/a.age"), "utf8"),
      /^-----BEGIN AGE ENCRYPTED FILE-----/,
    );
    const fromAge = sh("age", ["-e", "-a", "-R", `${ed.path}.pub`], CANARY);
    writeRepoFile(r.root, "secrets/b.age", fromAge);
    assert.equal(str(decryptFile(r, "secrets/b.age", ids(ed.path))), CANARY);
    assert.throws(
      () => decryptFile(r, "secrets/b.age", ids(host.path)),
      (e: unknown) =>
        e instanceof SecretsError &&
        e.code === "E_SECRET_CRYPTO" &&
        /cannot decrypt `secrets\/b\.age': none of the identities/.test(e.message) &&
        !e.message.includes(CANARY),
    );
    assert.throws(
      () => decryptFile(r, "secrets/none.age", []),
      /`secrets\/none\.age' does not exist/,
    );
  });

  test("rekey re-encrypts to changed recipients and skips files whose lock matches", () => {
    const r1 = repo({ "secrets/a.age": [host.recipient], "secrets/b.age": [host.recipient] });
    encryptFile(r1, "secrets/a.age", text(CANARY));
    encryptFile(r1, "secrets/b.age", text("b"));
    const before = readFileSync(join(r1.root, "secrets/b.age"));
    const r2 = {
      root: r1.root,
      rules: parseRules({
        "secrets/a.age": { publicKeys: [host.recipient, ed.pub] },
        "secrets/b.age": { publicKeys: [host.recipient] },
        "secrets/c.age": { publicKeys: [host.recipient] },
      }),
    };
    const results = rekey(r2, ids(host.path));
    assert.deepEqual(results, [
      { file: "secrets/a.age", action: "rekeyed" },
      { file: "secrets/b.age", action: "unchanged" },
      { file: "secrets/c.age", action: "missing" },
    ]);
    assert.equal(
      sh("age", ["-d", "-i", ed.path, join(r1.root, "secrets/a.age")]).toString(),
      CANARY,
    );
    assert.deepEqual(readFileSync(join(r1.root, "secrets/b.age")), before, "byte-identical");
    const lock = readRecipientsLock(r1.root, realSecretFiles);
    assert.deepEqual(
      lock.files["secrets/a.age"].recipients,
      [host.recipient, ed.pub.split(" ").slice(0, 2).join(" ")].sort(),
    );
    assert.deepEqual(
      rekey(r2, ids(host.path)).map((x) => x.action),
      ["unchanged", "unchanged", "missing"],
    );
    const forced = rekey(r2, ids(host.path), { only: ["secrets/b.age"], force: true });
    assert.deepEqual(forced, [{ file: "secrets/b.age", action: "rekeyed" }]);
    assert.notDeepEqual(readFileSync(join(r1.root, "secrets/b.age")), before, "a fresh file key");
    assert.throws(() => rekey(r2, [], { only: ["secrets/x.age"] }), /not listed in secrets\.ts/);
  });

  test("rekey drops lock entries of unlisted files and follows a change of armor", () => {
    const r1 = repo({ "secrets/a.age": [host.recipient], "secrets/gone.age": [host.recipient] });
    encryptFile(r1, "secrets/a.age", text(CANARY));
    encryptFile(r1, "secrets/gone.age", text("x"));
    const r2 = repo({ "secrets/a.age": [host.recipient] }, { "secrets/a.age": { armor: true } });
    const r = { root: r1.root, rules: r2.rules };
    assert.deepEqual(rekey(r, ids(host.path)), [{ file: "secrets/a.age", action: "rekeyed" }]);
    assert.deepEqual(Object.keys(readRecipientsLock(r1.root, realSecretFiles).files), [
      "secrets/a.age",
    ]);
    assert.match(readFileSync(join(r1.root, "secrets/a.age"), "utf8"), /^-----BEGIN AGE/);
  });

  test("rekey records the files it re-encrypted before a failure", () => {
    const r1 = repo({ "secrets/a.age": [host.recipient], "secrets/b.age": [other.recipient] });
    encryptFile(r1, "secrets/a.age", text("a"));
    encryptFile(r1, "secrets/b.age", text("b"));
    const r2 = {
      root: r1.root,
      rules: parseRules({
        "secrets/a.age": { publicKeys: [host.recipient, other.recipient] },
        "secrets/b.age": { publicKeys: [host.recipient, other.recipient] },
      }),
    };
    assert.throws(
      () => rekey(r2, ids(host.path)),
      (e: unknown) =>
        e instanceof SecretsError && e.code === "E_SECRET_CRYPTO" && e.file === "secrets/b.age",
    );
    const lock = readRecipientsLock(r1.root, realSecretFiles);
    assert.equal(
      lock.files["secrets/a.age"].sha256,
      sha256Hex(readFileSync(join(r1.root, "secrets/a.age"))),
    );
    assert.equal(lock.files["secrets/a.age"].recipients.length, 2);
    assert.equal(lock.files["secrets/b.age"].recipients.length, 1, "b as it still is");
  });

  test("check passes a consistent repository", () => {
    const r = repo({ "secrets/a.age": [host.recipient, ed.pub] });
    encryptFile(r, "secrets/a.age", text(CANARY));
    writeRepoFile(r.root, "node_modules/pkg/x.age", "ignored");
    writeRepoFile(r.root, ".git/x.age", "ignored");
    const report = check(r, ids(ed.path));
    assert.deepEqual(report, {
      ok: true,
      files: [{ file: "secrets/a.age", ok: true }],
      problems: [],
    });
  });

  test("check finds unlisted, missing, undecryptable, unlocked, modified, changed and stale", () => {
    const r1 = repo({
      "secrets/ok.age": [host.recipient],
      "secrets/modified.age": [host.recipient],
      "secrets/changed.age": [host.recipient],
      "secrets/stale.age": [host.recipient],
    });
    for (const f of ["ok", "modified", "changed", "stale"])
      encryptFile(r1, `secrets/${f}.age`, text(CANARY));
    writeRepoFile(r1.root, "secrets/modified.age", sh("age", ["-e", "-r", host.recipient], CANARY));
    writeRepoFile(r1.root, "secrets/foreign.age", sh("age", ["-e", "-r", other.recipient], CANARY));
    writeRepoFile(
      r1.root,
      "deep/dir/unlisted.age",
      sh("age", ["-e", "-r", host.recipient], CANARY),
    );
    const r = {
      root: r1.root,
      rules: parseRules({
        "secrets/ok.age": { publicKeys: [host.recipient] },
        "secrets/modified.age": { publicKeys: [host.recipient] },
        "secrets/changed.age": { publicKeys: [other.recipient] },
        "secrets/foreign.age": { publicKeys: [other.recipient] },
        "secrets/missing.age": { publicKeys: [host.recipient] },
      }),
    };
    const report = check(r, ids(host.path));
    assert.equal(report.ok, false);
    const found = report.problems.map((p) => `${p.kind} ${p.file}`).sort();
    assert.deepEqual(found, [
      "missing secrets/missing.age",
      "modified secrets/modified.age",
      "recipients secrets/changed.age",
      "stale secrets/stale.age",
      "undecryptable secrets/foreign.age",
      "unlisted deep/dir/unlisted.age",
      "unlisted secrets/stale.age",
      "unlocked secrets/foreign.age",
    ]);
    const byKind = Object.fromEntries(report.problems.map((p) => [p.kind, p.message]));
    assert.match(byKind.recipients, /to add: age1.*; to remove: age1.*rekey secrets\/changed\.age/);
    assert.match(byKind.undecryptable, /^cannot decrypt: none of the identities/);
    assert.match(byKind.unlisted, /not listed in secrets\.ts/);
    assert.deepEqual(
      report.files.find((f) => f.file === "secrets/ok.age"),
      { file: "secrets/ok.age", ok: true },
    );
    for (const p of report.problems) assert.ok(!p.message.includes(CANARY));
    const noDecrypt = check(r, [], { decrypt: false });
    assert.ok(!noDecrypt.problems.some((p) => p.kind === "undecryptable"));
  });
});

describe("identities", { skip: !haveSshKeygen && "needs ssh-keygen" }, () => {
  test("loadIdentities finds ~/.ssh keys, $CONFED_IDENTITY and named files, in order", () => {
    const home = tempDir();
    sshKey(home, ".ssh/id_ed25519", "ed25519");
    const named = ageKey(home, "named.txt");
    const env1 = ageKey(home, "env1.txt");
    const warnings: string[] = [];
    const loaded = loadIdentities({
      env: { HOME: home, CONFED_IDENTITY: env1.path },
      explicit: [named.path],
      warn: (m) => warnings.push(m),
    });
    assert.deepEqual(
      loaded.identities.map((i) => i.kind),
      ["x25519", "x25519", "ssh-ed25519"],
    );
    assert.deepEqual(loaded.looked, [
      "~/named.txt",
      "~/env1.txt",
      "~/.ssh/id_ed25519",
      "~/.ssh/id_rsa",
      "~/.config/confed/identity.txt",
    ]);
    assert.deepEqual(warnings, []);
  });

  test("loadIdentities refuses a named file that is missing, and skips an unusable usual one", () => {
    const home = tempDir();
    writeRepoFile(home, ".ssh/id_rsa", "not a key\n");
    assert.throws(
      () => loadIdentities({ env: { HOME: home }, explicit: [join(home, "nope")] }),
      (e: unknown) =>
        e instanceof SecretsError &&
        e.code === "E_SECRET_MISSING" &&
        /~\/nope does not exist/.test(e.message),
    );
    mkdirSync(join(home, ".ssh/id_ed25519"));
    const warnings: string[] = [];
    const loaded = loadIdentities({ env: { HOME: home }, warn: (m) => warnings.push(m) });
    assert.equal(loaded.identities.length, 0);
    assert.equal(warnings.length, 2);
    assert.equal(warnings[0], "skipping ~/.ssh/id_ed25519: it is a directory (EISDIR)");
    assert.match(warnings[1], /skipping ~\/\.ssh\/id_rsa: .*not an age identity/);
    assert.ok(!warnings[1].includes("not a key"), "the content is not echoed");
  });

  test("a protected key asks only for files addressed to it, once, and never without a prompt", {
    skip: !haveAge && "needs age",
  }, () => {
    const home = tempDir();
    const key = sshKey(home, ".ssh/id_ed25519", "ed25519", "correct horse");
    const forKey = sh("age", ["-e", "-R", `${key.path}.pub`], CANARY);
    const notForKey = sh("age", ["-e", "-r", ageKey(home, "x.txt").recipient], "x");
    const quiet = loadIdentities({ env: { HOME: home } }).identities;
    const r = { root: home };
    writeRepoFile(home, "for.age", forKey);
    writeRepoFile(home, "not.age", notForKey);
    assert.throws(
      () => decryptFile(r, "not.age", quiet),
      (e: unknown) => e instanceof SecretsError && e.code === "E_SECRET_CRYPTO",
    );
    assert.throws(
      () => decryptFile(r, "for.age", quiet),
      (e: unknown) =>
        e instanceof SecretsError &&
        e.code === "E_SECRET_PASSPHRASE" &&
        /~\/\.ssh\/id_ed25519 is passphrase-protected and there is no terminal/.test(e.message),
    );
    let asked = 0;
    const interactive = loadIdentities({
      env: { HOME: home },
      askPassphrase: (what) => {
        asked++;
        assert.equal(what, "~/.ssh/id_ed25519");
        return "correct horse";
      },
    }).identities;
    assert.equal(str(decryptFile(r, "for.age", interactive)), CANARY);
    assert.equal(str(decryptFile(r, "for.age", interactive)), CANARY);
    assert.equal(asked, 1);
  });
});

describe("keygen and recipients", {
  skip: (!haveAge || !haveSshKeygen) && "needs age and ssh-keygen",
}, () => {
  test("generateHomeIdentity writes a 0600 identity the age CLI uses, and refuses to overwrite", () => {
    const home = tempDir();
    const made = generateHomeIdentity({ env: { HOME: home } });
    assert.equal(made.path, join(home, ".config/confed/identity.txt"));
    assert.equal(statSync(made.path).mode & 0o777, 0o600);
    assert.equal(statSync(dirname(made.path)).mode & 0o777, 0o700);
    assert.match(
      readFileSync(made.path, "utf8"),
      new RegExp(`^# created: .*\\n# public key: ${made.recipient}\\nAGE-SECRET-KEY-1`),
    );
    const file = sh("age", ["-e", "-r", made.recipient], CANARY);
    assert.equal(sh("age", ["-d", "-i", made.path], file).toString(), CANARY);
    const before = readFileSync(made.path);
    assert.throws(
      () => generateHomeIdentity({ env: { HOME: home } }),
      (e: unknown) => e instanceof SecretsError && e.code === "E_SECRET_EXISTS",
    );
    assert.deepEqual(readFileSync(made.path), before);
    const elsewhere = generateHomeIdentity({
      env: { HOME: home, XDG_CONFIG_HOME: join(home, "cfg") },
    });
    assert.equal(elsewhere.path, join(home, "cfg/confed/identity.txt"));
  });

  test("sshKeyRecipients reads a host's or a user's public keys", () => {
    const root = tempDir();
    const hostKey = sshKey(root, "etc/ssh/ssh_host_ed25519_key", "ed25519");
    const found = sshKeyRecipients(sshPublicKeyPaths({ kind: "host", root }));
    assert.deepEqual(found, [{ source: `${hostKey.path}.pub`, recipient: hostKey.pub }]);
    assert.throws(
      () => sshKeyRecipients(sshPublicKeyPaths({ kind: "user", env: { HOME: root } })),
      /no ssh public key found \(looked for .*id_ed25519\.pub, .*id_rsa\.pub\).*ssh-keygen -t ed25519/,
    );
  });

  test("recipientsFromKeyFile reads public keys, private keys (even protected) and age identities", () => {
    const dir = tempDir();
    const prot = sshKey(dir, "prot", "ed25519", "secret pass");
    const age = ageKey(dir, "age.txt");
    const read = (p: string) => recipientsFromKeyFile(readFileSync(p), p).map(String);
    assert.deepEqual(read(`${prot.path}.pub`), [prot.pub]);
    assert.deepEqual(read(prot.path), [prot.pub.split(" ").slice(0, 2).join(" ")]);
    assert.deepEqual(read(age.path), [age.recipient]);
    writeRepoFile(dir, "junk", "hello world\n");
    assert.throws(
      () => read(join(dir, "junk")),
      (e: unknown) =>
        e instanceof SecretsError &&
        e.code === "E_SECRET_KEY" &&
        !e.message.includes("hello world"),
    );
    assert.equal(recipientFromString(age.recipient)?.toString(), age.recipient);
    assert.equal(recipientFromString("not a key"), undefined);
    assert.throws(() => recipientFromString("age1broken"), /not a valid recipient/);
  });
});

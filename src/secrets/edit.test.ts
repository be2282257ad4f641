import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { realSecretFiles } from "../system/secret-files.ts";
import { filesystemType } from "../system/secure-tmp.ts";
import {
  generateX25519Identity,
  type Identity,
  identityToRecipient,
  parseIdentities,
} from "./age/index.ts";
import { editSecret } from "./edit.ts";
import { decryptFile, encryptFile } from "./ops.ts";
import { RECIPIENTS_LOCK, readRecipientsLock, sha256Hex } from "./recipients-lock.ts";
import { parseRules } from "./rules.ts";
import { SecretsError } from "./secrets-error.ts";

// editSecret with real editor processes (shell scripts standing in for an editor) and the real
// RAM directory; each fake editor logs what it saw (never the text) to a file of the test.

const CANARY = "canary-edit-5d1e0b-plaintext";
const shmIsRam = ["tmpfs", "ramfs"].includes(filesystemType("/dev/shm") ?? "");
const haveAge = spawnSync("age", ["--version"]).status === 0;

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "confed-edit-"));
  dirs.push(d);
  return d;
}

const secret = generateX25519Identity();
const recipient = identityToRecipient(secret).toString();
const identities: Identity[] = parseIdentities(secret);
const str = (b: Uint8Array) => new TextDecoder().decode(b);

interface Setup {
  root: string;
  rules: ReturnType<typeof parseRules>;
  log: string;
  editor(body: string, name?: string): string;
  logged(): Record<string, string>;
}

function setup(): Setup {
  const root = tempDir();
  const bin = tempDir();
  const log = join(bin, "log");
  return {
    root,
    rules: parseRules({
      "secrets/ssh.age": { publicKeys: [recipient] },
      "secrets/new.age": { publicKeys: [recipient] },
    }),
    log,
    editor(body, name = "fake-editor") {
      const path = join(bin, name);
      // Records the editor's view: its arguments, the modes, the umask, $TMPDIR and the fs type.
      writeFileSync(
        path,
        `#!/bin/sh
for last; do :; done
{ echo "file=$last"; echo "dir=$(dirname "$last")"; echo "args=$*"
  echo "filemode=$(stat -c %a "$last")"; echo "dirmode=$(stat -c %a "$(dirname "$last")")"
  echo "umask=$(umask)"; echo "tmpdir=$TMPDIR"; echo "fstype=$(stat -f -c %T "$last")"; } > ${log}
${body}
`,
        { mode: 0o755 },
      );
      return path;
    },
    logged() {
      return Object.fromEntries(
        readFileSync(log, "utf8")
          .trim()
          .split("\n")
          .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
      );
    },
  };
}

function edit(
  s: Setup,
  env: Record<string, string>,
  extra: Partial<Parameters<typeof editSecret>[0]> = {},
) {
  return editSecret({
    root: s.root,
    rules: s.rules,
    file: "secrets/ssh.age",
    identities,
    env: { PATH: process.env.PATH, ...env },
    ...extra,
  });
}

/** No file under the test's directories holds the canary (the ciphertext does not either). */
function assertNoCanary(...roots: string[]): void {
  for (const root of roots) {
    for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const path = join(entry.parentPath, entry.name);
      assert.ok(!readFileSync(path).includes(CANARY), `the canary is in ${path}`);
    }
  }
}

describe("editSecret", { skip: !shmIsRam && "/dev/shm is not a RAM file system here" }, () => {
  test("editSecret re-encrypts changed text to the rules and updates the lock", async () => {
    const s = setup();
    encryptFile(s, "secrets/ssh.age", new TextEncoder().encode(`${CANARY}\n`));
    const warnings: string[] = [];
    const r = await edit(
      s,
      { EDITOR: s.editor('echo "more" >> "$last"') },
      { warn: (m) => warnings.push(m) },
    );
    assert.equal(r.outcome, "changed");
    assert.equal(str(decryptFile(s, "secrets/ssh.age", identities)), `${CANARY}\nmore\n`);
    const bytes = readFileSync(join(s.root, "secrets/ssh.age"));
    assert.equal(
      readRecipientsLock(s.root, realSecretFiles).files["secrets/ssh.age"].sha256,
      sha256Hex(bytes),
    );
    assert.deepEqual(r.lock?.recipients, [recipient]);
    const seen = s.logged();
    assert.match(seen.dir, /^\/dev\/shm\/confed-secret-/);
    assert.equal(seen.file, `${seen.dir}/ssh`);
    assert.deepEqual(
      [seen.filemode, seen.dirmode, seen.umask, seen.tmpdir],
      ["600", "700", "0077", seen.dir],
    );
    assert.match(seen.fstype, /^(tmpfs|ramfs)$/);
    assert.ok(!existsSync(seen.dir), "the directory is gone");
    assert.match(warnings.join("\n"), /knows no settings to stop .*fake-editor/);
    assertNoCanary(s.root, join(s.log, ".."));
  });

  test("editSecret leaves an unchanged file byte-identical", async () => {
    const s = setup();
    encryptFile(s, "secrets/ssh.age", new TextEncoder().encode(CANARY));
    const before = readFileSync(join(s.root, "secrets/ssh.age"));
    const lockBefore = readFileSync(join(s.root, RECIPIENTS_LOCK));
    const r = await edit(s, { VISUAL: s.editor("true"), EDITOR: "false" });
    assert.equal(r.outcome, "unchanged");
    assert.deepEqual(readFileSync(join(s.root, "secrets/ssh.age")), before);
    assert.deepEqual(readFileSync(join(s.root, RECIPIENTS_LOCK)), lockBefore);
    assert.ok(!existsSync(s.logged().dir));
  });

  test("editSecret refuses to re-encrypt when the editor fails, and says nothing changed", async () => {
    const s = setup();
    encryptFile(s, "secrets/ssh.age", new TextEncoder().encode(CANARY));
    const before = readFileSync(join(s.root, "secrets/ssh.age"));
    await assert.rejects(
      edit(s, { EDITOR: s.editor('echo "half" >> "$last"; exit 1') }),
      (e: unknown) =>
        e instanceof SecretsError &&
        e.code === "E_SECRET_EDITOR" &&
        /exited with status 1, so nothing was changed: `secrets\/ssh\.age' is unchanged/.test(
          e.message,
        ) &&
        !e.message.includes(CANARY),
    );
    assert.deepEqual(readFileSync(join(s.root, "secrets/ssh.age")), before);
    assert.ok(!existsSync(s.logged().dir));
  });

  test("editSecret refuses when the editor removes the file or cannot start", async () => {
    const s = setup();
    encryptFile(s, "secrets/ssh.age", new TextEncoder().encode(CANARY));
    const before = readFileSync(join(s.root, "secrets/ssh.age"));
    await assert.rejects(
      edit(s, { EDITOR: s.editor('rm "$last"') }),
      /the editor removed the file/,
    );
    assert.ok(!existsSync(s.logged().dir));
    await assert.rejects(
      edit(s, { EDITOR: "/nonexistent/editor --flag" }),
      /cannot run the editor `\/nonexistent\/editor --flag': not found; `secrets\/ssh\.age' is unchanged/,
    );
    assert.deepEqual(readFileSync(join(s.root, "secrets/ssh.age")), before);
  });

  test("editSecret starts a new file empty, and creates it only with content", async () => {
    const s = setup();
    const file = "secrets/new.age";
    const none = await edit(s, { EDITOR: s.editor('test ! -s "$last" || exit 9') }, { file });
    assert.equal(none.outcome, "not-created");
    assert.ok(!existsSync(join(s.root, file)));
    assert.ok(!existsSync(join(s.root, RECIPIENTS_LOCK)));
    const made = await edit(s, { EDITOR: s.editor(`printf '${CANARY}' > "$last"`) }, { file });
    assert.equal(made.outcome, "created");
    assert.equal(str(decryptFile(s, file, identities)), CANARY);
    assert.deepEqual(Object.keys(readRecipientsLock(s.root, realSecretFiles).files), [file]);
    if (haveAge) {
      const key = join(tempDir(), "key");
      writeFileSync(key, secret);
      const r = spawnSync("age", ["-d", "-i", key, join(s.root, file)]);
      assert.equal(r.stdout.toString(), CANARY, "the age CLI reads it");
    }
  });

  test("editSecret refuses a file secrets.ts does not list, before running anything", async () => {
    const s = setup();
    await assert.rejects(
      edit(s, { EDITOR: s.editor("true") }, { file: "secrets/other.age" }),
      (e: unknown) => e instanceof SecretsError && e.code === "E_SECRET_UNLISTED",
    );
    assert.ok(!existsSync(s.log));
  });

  test("editSecret does not run the editor when the file cannot be decrypted", async () => {
    const s = setup();
    encryptFile(s, "secrets/ssh.age", new TextEncoder().encode(CANARY));
    await assert.rejects(
      edit(
        s,
        { EDITOR: s.editor("true") },
        { identities: parseIdentities(generateX25519Identity()) },
      ),
      (e: unknown) => e instanceof SecretsError && e.code === "E_SECRET_CRYPTO",
    );
    assert.ok(!existsSync(s.log));
  });

  test("editSecret gives vim its hardening arguments", async () => {
    const s = setup();
    encryptFile(s, "secrets/ssh.age", new TextEncoder().encode(CANARY));
    const vim = s.editor("true", "vim");
    const warnings: string[] = [];
    await edit(
      s,
      { EDITOR: "vim", PATH: `${join(vim, "..")}:${process.env.PATH}` },
      { warn: (m) => warnings.push(m) },
    );
    const { args, file } = s.logged();
    assert.equal(
      args,
      `-n -i NONE --cmd set noswapfile noundofile nobackup nowritebackup viminfo= -c set noswapfile noundofile nobackup nowritebackup viminfo= ${file}`,
    );
    assert.deepEqual(warnings, []);
  });

  test("editSecret re-raises a SIGINT the editor died of, after removing the directory", async () => {
    const s = setup();
    encryptFile(s, "secrets/ssh.age", new TextEncoder().encode(CANARY));
    const before = readFileSync(join(s.root, "secrets/ssh.age"));
    const raised: string[] = [];
    await assert.rejects(
      edit(
        s,
        { EDITOR: s.editor('echo x >> "$last"; kill -INT $$') },
        {
          deps: {
            raiseSignal: (sig) => {
              raised.push(sig);
              assert.ok(!existsSync(s.logged().dir), "removed before the signal is raised");
            },
          },
        },
      ),
      /the editor was ended by SIGINT; `secrets\/ssh\.age' is unchanged/,
    );
    assert.deepEqual(raised, ["SIGINT"]);
    assert.deepEqual(readFileSync(join(s.root, "secrets/ssh.age")), before);
  });
});

describe("editSecret without a RAM file system", () => {
  test("editSecret refuses a disk directory unless --insecure-tmpdir", async () => {
    const s = setup();
    const noRam = () => ({
      rejected: [{ path: "/dev/shm", reason: "on ext4, not tmpfs or ramfs" }],
    });
    await assert.rejects(
      edit(s, { EDITOR: s.editor("true") }, { deps: { findRamDir: noRam } }),
      (e: unknown) =>
        e instanceof SecretsError &&
        e.code === "E_SECRET_TMPDIR" &&
        /no RAM-backed directory to decrypt into \(\/dev\/shm: on ext4, not tmpfs or ramfs\).*--insecure-tmpdir/s.test(
          e.message,
        ),
    );
    assert.ok(!existsSync(s.log), "the editor did not run");
    const disk = tempDir();
    const warnings: string[] = [];
    encryptFile(s, "secrets/ssh.age", new TextEncoder().encode(CANARY));
    const r = await edit(
      s,
      { EDITOR: s.editor('echo more >> "$last"') },
      {
        insecureTmpdir: true,
        warn: (m) => warnings.push(m),
        deps: { findRamDir: noRam, diskTmpDir: () => disk },
      },
    );
    assert.equal(r.outcome, "changed");
    assert.ok(s.logged().dir.startsWith(`${disk}/confed-secret-`));
    assert.deepEqual(readdirSync(disk), [], "removed");
    assert.match(warnings[0], /decrypting into .* on disk as asked \(--insecure-tmpdir\)/);
    assert.equal(statSync(join(s.root, "secrets/ssh.age")).mode & 0o777, 0o644);
  });
});

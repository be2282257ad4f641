import assert from "node:assert/strict";
import { type SpawnSyncReturns, spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
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
import { fileURLToPath } from "node:url";
import { filesystemType } from "../src/system/secure-tmp.ts";

// `confed secret …` as a user runs it: a child process (a small entry script standing in for
// bin/confed), a temporary HOME, repository, TMPDIR and XDG directories, keys made by
// ssh-keygen and age-keygen, the real age CLI, and shell scripts standing in for the editor.

const ENTRY = fileURLToPath(new URL("./secret-cli-entry.ts", import.meta.url));
const TSX = import.meta.resolve("tsx");
const CANARY = "canary-cli-93be41-plaintext";
const haveTools =
  spawnSync("age", ["--version"]).status === 0 &&
  spawnSync("ssh-keygen", ["-?"]).error === undefined;
/** Whether the package exports defineSecrets yet (user files import it from "confed"). */
const exported = "defineSecrets" in (await import("../src/index.ts"));
const shmIsRam = ["tmpfs", "ramfs"].includes(filesystemType("/dev/shm") ?? "");

const roots: string[] = [];
after(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** Every stdout/stderr of verbs that must not print plaintext, checked for the canary at the end. */
const quietOutputs: string[] = [];

interface World {
  root: string;
  home: string;
  repo: string;
  bin: string;
  log: string;
  env: NodeJS.ProcessEnv;
  user: { key: string; pub: string };
  host: { key: string; recipient: string };
}

function sh(cmd: string, args: string[], input?: string | Uint8Array): Buffer {
  const r = spawnSync(cmd, args, { input });
  assert.equal(r.status, 0, `${cmd} ${args.join(" ")}: ${r.stderr?.toString()}`);
  return r.stdout;
}

function world(rules?: (w: World) => string): World {
  const root = mkdtempSync(join(tmpdir(), "confed-secret-cli-"));
  roots.push(root);
  const home = join(root, "home");
  const repo = join(root, "repo");
  const bin = join(root, "bin");
  for (const d of [home, repo, bin, join(root, "tmp"), join(home, ".ssh")]) {
    mkdirSync(d, { recursive: true });
  }
  const userKey = join(home, ".ssh", "id_ed25519");
  sh("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "me@laptop", "-f", userKey]);
  const hostKey = join(root, "host.txt");
  sh("age-keygen", ["-o", hostKey]);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    TMPDIR: join(root, "tmp"),
    XDG_CACHE_HOME: join(root, "cache"),
    XDG_CONFIG_HOME: join(root, "config"),
    XDG_DATA_HOME: join(root, "data"),
    NO_COLOR: "1",
    // The host's key, as a machine deploying its own secrets would name it.
    CONFED_IDENTITY: hostKey,
    LANG: "C.UTF-8",
  };
  const w: World = {
    root,
    home,
    repo,
    bin,
    log: join(root, "editor.log"),
    env,
    user: { key: userKey, pub: readFileSync(`${userKey}.pub`, "utf8").trim() },
    host: { key: hostKey, recipient: sh("age-keygen", ["-y", hostKey]).toString().trim() },
  };
  writeFileSync(join(repo, "confed.ts"), "export default {};\n");
  writeFileSync(
    join(repo, "secrets.ts"),
    rules?.(w) ??
      `const users = { me: ${JSON.stringify(w.user.pub)} };
const hosts = { map: ${JSON.stringify(w.host.recipient)} };
export default {
  "secrets/ssh.age": { publicKeys: [users.me, hosts.map] },
  "secrets/host-only.age": { publicKeys: [hosts.map] },
};
`,
  );
  return w;
}

/** A fake editor: logs its file, directory and pid (never the text), then runs `body`. */
function editor(w: World, body: string, name = "fake-editor"): string {
  const path = join(w.bin, name);
  writeFileSync(
    path,
    `#!/bin/sh
for last; do :; done
{ echo "file=$last"; echo "dir=$(dirname "$last")"; echo "pid=$$"; echo "args=$*"; } > ${w.log}
${body}
`,
    { mode: 0o755 },
  );
  return path;
}

function logged(w: World): Record<string, string> {
  return Object.fromEntries(
    readFileSync(w.log, "utf8")
      .trim()
      .split("\n")
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  bytes: Buffer;
}

function confed(
  w: World,
  args: string[],
  opts: {
    input?: string | Uint8Array;
    env?: NodeJS.ProcessEnv;
    cwd?: string;
    quiet?: boolean;
  } = {},
): Run {
  const options = {
    cwd: opts.cwd ?? w.repo,
    env: { ...w.env, ...opts.env },
    input: opts.input ?? "",
    // A new session without a controlling terminal, as in CI or a service: confed must never
    // prompt. (spawnSync honours `detached` though its type does not list it.)
    detached: true,
    timeout: 60000,
  };
  const r: SpawnSyncReturns<Buffer> = spawnSync(
    process.execPath,
    ["--import", TSX, ENTRY, ...args],
    options,
  );
  const run = {
    code: r.status,
    signal: r.signal,
    stdout: r.stdout.toString(),
    stderr: r.stderr.toString(),
    bytes: r.stdout,
  };
  if (opts.quiet !== false) quietOutputs.push(run.stdout, run.stderr);
  return run;
}

function ok(r: Run): Run {
  assert.equal(r.code, 0, `exit ${r.code} ${r.signal ?? ""}\n${r.stderr}`);
  return r;
}

function decryptWithAge(key: string, file: string): string {
  return sh("age", ["-d", "-i", key, file]).toString();
}

/** Creates secrets/ssh.age with the canary through `confed secret edit`. */
function createSsh(w: World): void {
  ok(
    confed(w, ["edit", "secrets/ssh.age"], {
      // The canary in two pieces, so that the editor script itself does not hold it.
      env: {
        EDITOR: editor(
          w,
          `printf '%s%s\\n' '${CANARY.slice(0, 8)}' '${CANARY.slice(8)}' > "$last"`,
        ),
      },
    }),
  );
}

describe("confed secret (CLI)", { skip: !haveTools && "needs age and ssh-keygen" }, () => {
  test("help and unknown verbs", () => {
    const w = world();
    assert.match(ok(confed(w, ["help"])).stdout, /Usage: confed secret <verb>/);
    const bad = confed(w, ["frobnicate"]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /error: unknown verb `frobnicate'/);
    assert.match(confed(w, ["edit", "--bogus", "x"]).stderr, /error: Unknown option '--bogus'/);
  });

  test("keygen prints the user's and the host's recipients; keygen --home writes an identity once", () => {
    const w = world();
    assert.equal(ok(confed(w, ["keygen"])).stdout, `${w.user.pub}\n`);
    const etc = join(w.root, "target");
    mkdirSync(join(etc, "etc/ssh"), { recursive: true });
    sh("ssh-keygen", [
      "-q",
      "-t",
      "ed25519",
      "-N",
      "",
      "-C",
      "root@map",
      "-f",
      join(etc, "etc/ssh/ssh_host_ed25519_key"),
    ]);
    const hostPub = readFileSync(join(etc, "etc/ssh/ssh_host_ed25519_key.pub"), "utf8").trim();
    const json = JSON.parse(ok(confed(w, ["--json", "keygen", "--host", "--root", etc])).stdout);
    assert.deepEqual(json, [
      { source: join(etc, "etc/ssh/ssh_host_ed25519_key.pub"), recipient: hostPub },
    ]);
    const made = ok(confed(w, ["keygen", "--home"]));
    const path = join(w.root, "config/confed/identity.txt");
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.match(made.stdout, /^age1[0-9a-z]+\n$/);
    assert.match(made.stderr, /wrote a new identity to .*identity\.txt \(mode 0600/);
    const file = sh("age", ["-e", "-r", made.stdout.trim()], CANARY);
    assert.equal(sh("age", ["-d", "-i", path], file).toString(), CANARY);
    const again = confed(w, ["keygen", "--home"]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists; confed does not replace an identity/);
    rmSync(join(w.home, ".ssh"), { recursive: true });
    assert.match(confed(w, ["keygen"]).stderr, /no ssh public key found/);
  });

  test("recipient prints the recipient of a public key, a private key, an age identity or a string", () => {
    const w = world();
    const bare = w.user.pub.split(" ").slice(0, 2).join(" ");
    assert.equal(ok(confed(w, ["recipient", `${w.user.key}.pub`])).stdout, `${w.user.pub}\n`);
    assert.equal(ok(confed(w, ["recipient", w.user.key])).stdout, `${bare}\n`);
    assert.equal(ok(confed(w, ["recipient", w.host.key])).stdout, `${w.host.recipient}\n`);
    assert.equal(ok(confed(w, ["recipient", w.host.recipient])).stdout, `${w.host.recipient}\n`);
    const bad = confed(w, ["recipient", "nonsense"]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /nonsense is neither a key file nor a recipient/);
  });

  test("encrypt and decrypt interoperate with the age CLI both ways, with age's flags", () => {
    const w = world();
    // confed encrypts (stdin → stdout, armored), age decrypts.
    const armored = ok(
      confed(w, ["encrypt", "-a", "-r", w.host.recipient], { input: CANARY, quiet: false }),
    );
    assert.match(armored.stdout, /^-----BEGIN AGE ENCRYPTED FILE-----/);
    assert.equal(sh("age", ["-d", "-i", w.host.key], armored.bytes).toString(), CANARY);
    // -R recipients file and -i identity file (as recipients), binary to -o.
    writeFileSync(join(w.root, "recipients.txt"), `# people\n${w.user.pub}\n`);
    writeFileSync(join(w.root, "plain.txt"), CANARY);
    ok(
      confed(w, [
        "encrypt",
        "-R",
        join(w.root, "recipients.txt"),
        "-i",
        w.host.key,
        "-o",
        join(w.root, "out.age"),
        join(w.root, "plain.txt"),
      ]),
    );
    rmSync(join(w.root, "plain.txt"));
    assert.equal(decryptWithAge(w.user.key, join(w.root, "out.age")), CANARY);
    assert.equal(decryptWithAge(w.host.key, join(w.root, "out.age")), CANARY);
    // age encrypts to the user's ssh key; confed decrypts with ~/.ssh/id_ed25519 by default.
    const fromAge = sh("age", ["-e", "-R", `${w.user.key}.pub`], CANARY);
    assert.equal(ok(confed(w, ["decrypt"], { input: fromAge, quiet: false })).stdout, CANARY);
    writeFileSync(join(w.root, "in.age"), fromAge);
    ok(confed(w, ["decrypt", "-o", join(w.root, "dec.txt"), join(w.root, "in.age")]));
    assert.equal(readFileSync(join(w.root, "dec.txt"), "utf8"), CANARY);
    assert.equal(
      statSync(join(w.root, "dec.txt")).mode & 0o777,
      0o600,
      "plaintext output is private",
    );
    rmSync(join(w.root, "dec.txt"));
    // `encrypt -d` decrypts, as `age -d` does; -i replaces the usual keys.
    assert.equal(
      ok(confed(w, ["encrypt", "-d", "-i", w.user.key, join(w.root, "in.age")], { quiet: false }))
        .stdout,
      CANARY,
    );
    const wrong = confed(w, ["decrypt", "-i", w.host.key, join(w.root, "in.age")]);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /none of the identities can decrypt this file/);
    assert.match(confed(w, ["encrypt"], { input: "x" }).stderr, /no recipients: give -r RECIPIENT/);
  });

  test("encrypt -o a file listed in secrets.ts uses its rules and records the lock", () => {
    const w = world();
    ok(confed(w, ["encrypt", "-o", "secrets/host-only.age"], { input: CANARY }));
    assert.equal(decryptWithAge(w.host.key, join(w.repo, "secrets/host-only.age")), CANARY);
    const lock = JSON.parse(readFileSync(join(w.repo, "secrets/.recipients.lock"), "utf8"));
    assert.deepEqual(lock.files["secrets/host-only.age"].recipients, [w.host.recipient]);
    assert.equal(lock.version, 1);
  });

  test("a passphrase-protected key is never prompted for without a terminal; the error names it", () => {
    const w = world();
    rmSync(join(w.home, ".ssh"), { recursive: true });
    mkdirSync(join(w.home, ".ssh"));
    sh("ssh-keygen", ["-q", "-t", "ed25519", "-N", "a passphrase", "-f", w.user.key]);
    const file = sh("age", ["-e", "-R", `${w.user.key}.pub`], CANARY);
    const r = confed(w, ["decrypt"], { input: file });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /~\/\.ssh\/id_ed25519 is passphrase-protected and there is no terminal/);
  });

  test("interactive verbs ask once per protected key on the terminal, without echo", {
    skip: spawnSync("script", ["--version"]).status !== 0 && "needs script(1) for a terminal",
  }, async () => {
    const w = world();
    rmSync(join(w.home, ".ssh"), { recursive: true });
    mkdirSync(join(w.home, ".ssh"));
    const passphrase = "correct horse battery";
    sh("ssh-keygen", [
      "-q",
      "-t",
      "ed25519",
      "-N",
      passphrase,
      "-C",
      "me@laptop",
      "-f",
      w.user.key,
    ]);
    const pub = readFileSync(`${w.user.key}.pub`, "utf8").trim();
    mkdirSync(join(w.repo, "secrets"));
    for (const f of ["a", "b"]) {
      writeFileSync(
        join(w.repo, `secrets/${f}.age`),
        sh("age", ["-e", "-r", pub.split(" ").slice(0, 2).join(" ")], CANARY),
      );
    }
    writeFileSync(
      join(w.repo, "secrets.ts"),
      `const me = ${JSON.stringify(pub)};\nconst host = ${JSON.stringify(w.host.recipient)};\n` +
        `export default { "secrets/a.age": { publicKeys: [me, host] }, "secrets/b.age": { publicKeys: [me, host] } };\n`,
    );
    // script(1) gives confed a terminal of its own; the test types on it when asked.
    const command = [process.execPath, "--import", TSX, ENTRY, "rekey"]
      .map((a) => `'${a}'`)
      .join(" ");
    const child = spawn("script", ["-qec", command, "/dev/null"], {
      cwd: w.repo,
      env: { ...w.env, CONFED_IDENTITY: "" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let screen = "";
    child.stdout.on("data", (d: Buffer) => {
      const before = screen;
      screen += d.toString();
      if (!before.includes("Enter passphrase") && screen.includes("Enter passphrase")) {
        child.stdin.write(`${passphrase}\r`);
      }
    });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.stdin.end();
    quietOutputs.push(screen);
    assert.equal(code, 0, screen);
    assert.equal(screen.split("Enter passphrase for ~/.ssh/id_ed25519:").length - 1, 1, screen);
    assert.ok(!screen.includes(passphrase), "the passphrase is not echoed");
    assert.match(screen, /secrets\/a\.age: rekeyed\r?\nsecrets\/b\.age: rekeyed/);
    for (const f of ["a", "b"])
      assert.equal(decryptWithAge(w.host.key, join(w.repo, `secrets/${f}.age`)), CANARY);
  });

  test("edit with the real vim in a terminal writes no undo, swap or viminfo file", {
    skip:
      (spawnSync("script", ["--version"]).status !== 0 ||
        spawnSync("vim", ["--version"]).status !== 0 ||
        !shmIsRam) &&
      "needs script(1), vim and tmpfs",
  }, async () => {
    const w = world();
    mkdirSync(join(w.home, "undo"));
    // A vimrc that asks for every copy vim can make.
    writeFileSync(
      join(w.home, ".vimrc"),
      "set undofile undodir=~/undo swapfile backup backupdir=~/undo\nset viminfo='100,<50\n",
    );
    const command = [process.execPath, "--import", TSX, ENTRY, "edit", "secrets/host-only.age"]
      .map((a) => `'${a}'`)
      .join(" ");
    const child = spawn("script", ["-qec", command, "/dev/null"], {
      cwd: w.repo,
      env: { ...w.env, EDITOR: "vim", TERM: "xterm" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let screen = "";
    let typed = false;
    child.stdout.on("data", (d: Buffer) => {
      screen += d.toString();
      if (!typed && screen.includes("confed-secret-")) {
        typed = true;
        const [a, b] = [CANARY.slice(0, 8), CANARY.slice(8)];
        setTimeout(() => child.stdin.write(`i${a}`), 200);
        setTimeout(() => child.stdin.write(`${b}\x1b:wq\r`), 400);
      }
    });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.stdin.end();
    assert.equal(code, 0, screen);
    assert.match(screen, /created secrets\/host-only\.age for 1 recipient/);
    assert.equal(decryptWithAge(w.host.key, join(w.repo, "secrets/host-only.age")), `${CANARY}\n`);
    assert.deepEqual(readdirSync(join(w.home, "undo")), []);
    assert.deepEqual(readdirSync(w.home).sort(), [".ssh", ".vimrc", "undo"]);
  });

  test("edit creates, changes and keeps a secret; the RAM directory is always gone", {
    skip: !shmIsRam && "/dev/shm is not tmpfs",
  }, () => {
    const w = world();
    createSsh(w);
    const created = logged(w);
    assert.match(created.dir, /^\/dev\/shm\/confed-secret-/);
    assert.ok(!existsSync(created.dir));
    assert.equal(decryptWithAge(w.host.key, join(w.repo, "secrets/ssh.age")), `${CANARY}\n`);
    assert.equal(decryptWithAge(w.user.key, join(w.repo, "secrets/ssh.age")), `${CANARY}\n`);

    const changed = ok(
      confed(w, ["edit", "secrets/ssh.age"], {
        env: { VISUAL: editor(w, 'echo "Host extra" >> "$last"') },
      }),
    );
    assert.match(changed.stderr, /encrypted secrets\/ssh\.age for 2 recipient\(s\)/);
    assert.equal(
      decryptWithAge(w.host.key, join(w.repo, "secrets/ssh.age")),
      `${CANARY}\nHost extra\n`,
    );
    const lock = JSON.parse(readFileSync(join(w.repo, "secrets/.recipients.lock"), "utf8"));
    assert.equal(
      lock.files["secrets/ssh.age"].sha256,
      sh("sha256sum", [join(w.repo, "secrets/ssh.age")])
        .toString()
        .split(" ")[0],
    );

    const before = readFileSync(join(w.repo, "secrets/ssh.age"));
    const kept = ok(
      confed(w, ["edit", "ssh.age"], {
        cwd: join(w.repo, "secrets"),
        env: { EDITOR: editor(w, "true") },
      }),
    );
    assert.match(kept.stderr, /secrets\/ssh\.age unchanged/);
    assert.deepEqual(readFileSync(join(w.repo, "secrets/ssh.age")), before);

    const failed = confed(w, ["edit", "secrets/ssh.age"], {
      env: { EDITOR: editor(w, 'echo oops >> "$last"; exit 1') },
    });
    assert.equal(failed.code, 1);
    assert.match(
      failed.stderr,
      /error: the editor exited with status 1, so nothing was changed: `secrets\/ssh\.age' is unchanged/,
    );
    assert.deepEqual(readFileSync(join(w.repo, "secrets/ssh.age")), before);
    assert.ok(!existsSync(logged(w).dir));

    const unlisted = confed(w, ["edit", "secrets/shh.age"], { env: { EDITOR: editor(w, "true") } });
    assert.match(
      unlisted.stderr,
      /`secrets\/shh\.age' is not listed in secrets\.ts.*Did you mean `secrets\/ssh\.age'/,
    );
  });

  test("edit with vim as $EDITOR passes the hardening arguments", {
    skip: !shmIsRam && "/dev/shm is not tmpfs",
  }, () => {
    const w = world();
    editor(w, 'echo x >> "$last"', "vim");
    ok(
      confed(w, ["edit", "secrets/host-only.age"], {
        env: { EDITOR: "vim", PATH: `${w.bin}:${process.env.PATH}` },
      }),
    );
    assert.match(
      logged(w).args,
      /^-n -i NONE --cmd set noswapfile noundofile nobackup nowritebackup viminfo= -c set .* \/dev\/shm\/confed-secret-\w+\/host-only$/,
    );
  });

  for (const how of [
    "SIGTERM to confed",
    "SIGHUP to confed",
    "SIGINT to the process group",
  ] as const) {
    test(`edit removes the directory and leaves the file on ${how}`, {
      skip: !shmIsRam && "/dev/shm is not tmpfs",
    }, async () => {
      const w = world();
      createSsh(w);
      const before = readFileSync(join(w.repo, "secrets/ssh.age"));
      const ed = editor(w, `echo "changed" >> "$last"; echo ready > ${w.log}.ready; exec sleep 30`);
      const child = spawn(process.execPath, ["--import", TSX, ENTRY, "edit", "secrets/ssh.age"], {
        cwd: w.repo,
        env: { ...w.env, EDITOR: ed },
        stdio: "ignore",
        detached: true,
      });
      const exited = new Promise<[number | null, string | null]>((resolve) =>
        child.once("exit", (c, s) => resolve([c, s])),
      );
      for (let i = 0; i < 600 && !existsSync(`${w.log}.ready`); i++)
        await new Promise((r) => setTimeout(r, 50));
      const seen = logged(w);
      assert.ok(existsSync(seen.file), "the plaintext is there while editing");
      const signal = how.split(" ")[0] as NodeJS.Signals;
      if (how.includes("group")) process.kill(-(child.pid as number), signal);
      else child.kill(signal);
      assert.deepEqual(await exited, [null, signal]);
      assert.ok(!existsSync(seen.dir), "the directory is gone");
      assert.deepEqual(readFileSync(join(w.repo, "secrets/ssh.age")), before);
      await new Promise((r) => setTimeout(r, 100));
      assert.throws(() => process.kill(Number(seen.pid), 0), /ESRCH/, "the editor is gone too");
    });
  }

  test("a Ctrl-C the editor ignores does not stop the edit (like git)", {
    skip: !shmIsRam && "/dev/shm is not tmpfs",
  }, async () => {
    const w = world();
    createSsh(w);
    const ed = editor(
      w,
      `trap '' INT; echo ready > ${w.log}.ready; sleep 1; echo "after" >> "$last"`,
    );
    const child = spawn(process.execPath, ["--import", TSX, ENTRY, "edit", "secrets/ssh.age"], {
      cwd: w.repo,
      env: { ...w.env, EDITOR: ed },
      stdio: "ignore",
      detached: true,
    });
    const exited = new Promise<[number | null, string | null]>((resolve) =>
      child.once("exit", (c, s) => resolve([c, s])),
    );
    for (let i = 0; i < 600 && !existsSync(`${w.log}.ready`); i++)
      await new Promise((r) => setTimeout(r, 50));
    process.kill(-(child.pid as number), "SIGINT");
    assert.deepEqual(await exited, [0, null]);
    assert.equal(decryptWithAge(w.host.key, join(w.repo, "secrets/ssh.age")), `${CANARY}\nafter\n`);
    assert.ok(!existsSync(logged(w).dir));
  });

  test("rekey re-encrypts to new recipients and then skips; check finds what is wrong", {
    skip: !shmIsRam && "/dev/shm is not tmpfs",
  }, () => {
    const w = world();
    createSsh(w);
    ok(confed(w, ["encrypt", "-o", "secrets/host-only.age"], { input: CANARY }));
    const clean = ok(confed(w, ["check"]));
    assert.equal(clean.stdout, "secrets/host-only.age: ok\nsecrets/ssh.age: ok\n");
    assert.match(clean.stderr, /2 secret file\(s\) checked, no problems/);

    // A new reader for host-only, a stray file, a file only others can read.
    const extra = join(w.root, "extra.txt");
    sh("age-keygen", ["-o", extra]);
    const extraRecipient = sh("age-keygen", ["-y", extra]).toString().trim();
    writeFileSync(
      join(w.repo, "secrets.ts"),
      `export default {
  "secrets/ssh.age": { publicKeys: [${JSON.stringify(w.user.pub)}, ${JSON.stringify(w.host.recipient)}] },
  "secrets/host-only.age": { publicKeys: [${JSON.stringify(w.host.recipient)}, ${JSON.stringify(extraRecipient)}] },
  "secrets/theirs.age": { publicKeys: [${JSON.stringify(extraRecipient)}] },
};
`,
    );
    writeFileSync(
      join(w.repo, "secrets/stray.age"),
      sh("age", ["-e", "-r", w.host.recipient], CANARY),
    );
    writeFileSync(
      join(w.repo, "secrets/theirs.age"),
      sh("age", ["-e", "-r", extraRecipient], CANARY),
    );
    const bad = confed(w, ["check"]);
    assert.equal(bad.code, 1);
    assert.match(
      bad.stdout,
      /secrets\/host-only\.age: recipients: is encrypted to other keys than secrets\.ts lists \(to add: age1/,
    );
    assert.match(
      bad.stdout,
      /secrets\/theirs\.age: undecryptable: cannot decrypt: none of the identities/,
    );
    assert.match(bad.stdout, /secrets\/theirs\.age: unlocked: has no entry/);
    assert.match(bad.stdout, /secrets\/stray\.age: unlisted: not listed in secrets\.ts/);
    const report = JSON.parse(confed(w, ["--json", "check"]).stdout);
    assert.equal(report.ok, false);
    assert.deepEqual(report.problems.map((p: { kind: string }) => p.kind).sort(), [
      "recipients",
      "undecryptable",
      "unlisted",
      "unlocked",
    ]);
    assert.equal(confed(w, ["check", "--no-decrypt"]).stdout.includes("undecryptable"), false);

    const rekeyed = ok(confed(w, ["rekey", "secrets/host-only.age"]));
    assert.equal(rekeyed.stdout, "secrets/host-only.age: rekeyed\n");
    assert.equal(decryptWithAge(extra, join(w.repo, "secrets/host-only.age")), CANARY);
    const ssh = readFileSync(join(w.repo, "secrets/ssh.age"));
    const all = confed(w, ["rekey"]);
    assert.equal(all.code, 1, "theirs.age cannot be decrypted here");
    assert.match(all.stderr, /cannot decrypt `secrets\/theirs\.age'/);
    assert.deepEqual(
      readFileSync(join(w.repo, "secrets/ssh.age")),
      ssh,
      "up-to-date files are skipped",
    );
    const withKey = ok(confed(w, ["rekey", "-i", extra]));
    assert.equal(
      withKey.stdout,
      "secrets/host-only.age: unchanged\nsecrets/ssh.age: unchanged\nsecrets/theirs.age: rekeyed\n",
    );
  });

  test("bad rules files give clear errors that name the file, the secret and the key", () => {
    const keyless = world(
      (w) =>
        `export default { "secrets/a.age": { publicKeys: [${JSON.stringify(w.host.recipient)}, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBROKENBROKENBROKENBROKENBROKENBROKENBROKEN"] } };\n`,
    );
    const r = confed(keyless, ["check"]);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /error: secrets\.ts: secret `secrets\/a\.age': publicKeys\[1\] \(ssh-ed25519 AAAAC3Nz…\w+\) is not a valid recipient/,
    );
    assert.ok(!r.stderr.includes("BROKENBROKENBROKENBROKEN"), "the key is abbreviated");
    const typo = world(
      (w) =>
        `const hosts = { map: ${JSON.stringify(w.host.recipient)} };\nexport default { "secrets/a.age": { publicKeys: [(hosts as any).mpa] } };\n`,
    );
    assert.match(
      confed(typo, ["check"]).stderr,
      /publicKeys\[0\] is undefined, not a recipient string \(a misspelled key group member\?\)/,
    );
    const syntax = world(() => "export default { oops\n");
    assert.match(confed(syntax, ["check"]).stderr, /error: secrets\.ts:\d+:\d+: syntax error/);
    const shape = world(() => `export default { "secrets/a.txt": { publicKeys: [] } };\n`);
    assert.match(
      confed(shape, ["check"]).stderr,
      /`secrets\/a\.txt' is not a valid secret file name: it must end in \.age/,
    );
    const none = world();
    rmSync(join(none.repo, "secrets.ts"));
    assert.match(confed(none, ["check"]).stderr, /there is no secrets\.ts in .*Create one/s);
  });

  test("secrets.ts may import defineSecrets from confed", {
    skip: !exported && "defineSecrets is not exported from src/index.ts yet",
  }, () => {
    const w = world(
      (w) => `import { defineSecrets } from "confed";
const hosts = { map: ${JSON.stringify(w.host.recipient)} };
export default defineSecrets({ "secrets/a.age": { publicKeys: [hosts.map] } });
`,
    );
    const r = confed(w, ["check"]);
    assert.match(r.stdout, /secrets\/a\.age: missing: listed in secrets\.ts but does not exist/);
  });

  test("the canary plaintext is nowhere but in the secrets' ciphertext and decrypt's output", () => {
    for (const out of quietOutputs)
      assert.ok(!out.includes(CANARY), `printed: ${out.slice(0, 200)}`);
    for (const root of roots) {
      for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile()) continue;
        const path = join(entry.parentPath, entry.name);
        assert.ok(!readFileSync(path).includes(CANARY), `the canary is in ${path}`);
      }
    }
  });
});

/**
 * A home's secrets through the built CLI: decrypted at `home switch` into a tmpfs directory
 * (/dev/shm here, standing in for /run/user/<uid>), all or nothing, re-decrypted by
 * `confed activate-secrets` after /run was emptied, and never anywhere else: a canary secret is
 * searched for in every other place the switch could have written.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import {
  encrypt,
  generateX25519Identity,
  identityToRecipient,
  scryptRecipient,
} from "../src/secrets/age/index.ts";
import { confed, exampleDir, repoRoot, tempRepo, testInputStore } from "./helpers.ts";

const cleanups: (() => void)[] = [];
after(() => {
  for (const c of cleanups.reverse()) c();
});

const shmUsable = (() => {
  try {
    const d = mkdtempSync("/dev/shm/confed-probe-");
    rmSync(d, { recursive: true });
    return spawnSync("stat", ["-f", "-c", "%T", "/dev/shm"], { encoding: "utf8" }).stdout.trim() ===
      "tmpfs"
      ? true
      : "/dev/shm is not a tmpfs here";
  } catch {
    return "/dev/shm is not writable here";
  }
})();
const skip = shmUsable === true ? false : shmUsable;

const FLAKE = `import { defineFlake } from "confed";\nexport default defineFlake({ description: "t" });\n`;
const enc = (s: string) => new TextEncoder().encode(s);

/** A home whose module text is `body` (a function of config and self). */
function machine(body: string) {
  return `export default { users: { users: { me: { isNormalUser: true } } }, home: { users: { me: ({ config, self }: any) => (${body}) } } };\n`;
}

function setup(opts: { identity?: "home" | "none" } = {}) {
  const identity = generateX25519Identity();
  const recipient = identityToRecipient(identity);
  const r = tempRepo({ "confed.ts": FLAKE });
  cleanups.push(r.cleanup);
  const shm = mkdtempSync("/dev/shm/confed-test-");
  cleanups.push(() => rmSync(shm, { recursive: true, force: true }));
  const userHome = join(r.dir, "userhome"); // where the user's keys are ($HOME)
  const tmp = join(r.dir, "tmp"); // the CLI's $TMPDIR
  mkdirSync(tmp);
  if (opts.identity !== "none") {
    mkdirSync(join(userHome, ".config/confed"), { recursive: true });
    writeFileSync(join(userHome, ".config/confed/identity.txt"), `${identity}\n`, { mode: 0o600 });
  }
  const dest = join(r.dir, "dest");
  mkdirSync(dest);
  const dir = join(shm, "secrets");
  const secret = (name: string, text: string, to = [recipient]) => {
    mkdirSync(join(r.dir, "secrets"), { recursive: true });
    writeFileSync(join(r.dir, "secrets", `${name}.age`), encrypt(enc(text), to));
  };
  const write = (body: string) => writeFileSync(join(r.dir, "machines/box.ts"), machine(body));
  mkdirSync(join(r.dir, "machines"));
  const env = { HOME: userHome, TMPDIR: tmp, CONFED_IDENTITY: "" };
  const home = (...args: string[]) =>
    confed(["home", ...args, "me@box", "--flake", r.dir, "--destination", dest], { env });
  const stateDir = join(dest, ".local/state/confed/activation/home-me");
  return { r, shm, dir, dest, userHome, tmp, secret, write, home, env, stateDir, identity };
}

const BASIC = (dir: string) => `{
  secrets: {
    dir: ${JSON.stringify(dir)},
    ssh: { file: \`\${self.outPath}/secrets/ssh.age\`, restartUnits: ["ssh-agent.service"] },
    templates: { netrc: { get content() { return \`machine example.org password \${config.secrets.placeholder.ssh}\\n\`; } } },
  },
  programs: { ssh: { enable: true, get includes() { return [config.secrets.ssh.path]; } } },
}`;

describe("home secrets", { skip }, () => {
  test("a switch decrypts into <dir>.d/N behind the <dir> link; only a change makes a new generation", () => {
    const s = setup();
    s.secret("ssh", "Host one\n");
    s.write(BASIC(s.dir));
    const a = s.home("switch");
    assert.equal(a.code, 0, a.stderr);
    assert.match(a.stdout, /\+ secret ssh/);
    assert.equal(readlinkSync(s.dir), "secrets.d/1");
    assert.equal(readFileSync(join(s.dir, "ssh"), "utf8"), "Host one\n");
    assert.equal(lstatSync(join(s.dir, "ssh")).mode & 0o777, 0o400);
    assert.equal(lstatSync(`${s.dir}.d`).mode & 0o777, 0o700);
    assert.equal(
      readFileSync(join(s.dir, "templates/netrc"), "utf8"),
      "machine example.org password Host one\n\n",
    );
    const sshConfig = readFileSync(join(s.dest, ".ssh/config"), "utf8");
    assert.match(sshConfig, new RegExp(`Include ${join(s.dir, "ssh")}`));
    // The re-decryption hook is a user unit of the generation.
    const unit = readFileSync(join(s.dest, ".config/systemd/user/confed-secrets.service"), "utf8");
    assert.match(
      unit,
      /ExecStart=confed activate-secrets --state-dir \S+activation\/home-me --quiet/,
    );
    assert.ok(
      existsSync(join(s.dest, ".config/systemd/user/default.target.wants/confed-secrets.service")),
    );
    // Nothing changed: no new generation, no restart.
    const b = s.home("switch");
    assert.equal(b.code, 0, b.stderr);
    assert.deepEqual(readdirSync(`${s.dir}.d`), ["1"]);
    assert.doesNotMatch(b.stderr, /restart/);
    // A changed value: a new generation, the old one deleted after the commit, units restarted
    // (here no user manager runs, so a note says so).
    s.secret("ssh", "Host two\n");
    const c = s.home("switch");
    assert.equal(c.code, 0, c.stderr);
    assert.match(c.stdout, /~ secret ssh/);
    assert.deepEqual(readdirSync(`${s.dir}.d`), ["2"]);
    assert.equal(readFileSync(join(s.dir, "ssh"), "utf8"), "Host two\n");
    assert.match(c.stdout, /run: restart ssh-agent\.service \(secrets changed\)/);
    assert.match(
      `${c.stdout}${c.stderr}`,
      /ssh-agent\.service|no systemd user manager runs; not restarting: ssh-agent\.service/,
    );
  });

  test("a secret that does not decrypt stops the switch before any write; the old secrets stay", () => {
    const s = setup();
    s.secret("ssh", "Host one\n");
    s.write(BASIC(s.dir));
    assert.equal(s.home("switch").code, 0);
    const other = identityToRecipient(generateX25519Identity());
    s.secret("ssh", "Host new\n", [other]);
    s.write(`{ ...${BASIC(s.dir)}, home: { file: { ".added": { text: "x" } } } }`);
    const f = s.home("switch");
    assert.equal(f.code, 1);
    assert.match(f.stderr, /cannot decrypt `secrets\.ssh'/);
    assert.match(f.stderr, /identity\.txt/);
    assert.match(f.stderr, /Nothing was changed; the previous secrets stay in place/);
    assert.equal(readFileSync(join(s.dir, "ssh"), "utf8"), "Host one\n");
    assert.deepEqual(readdirSync(`${s.dir}.d`), ["1"]);
    assert.equal(existsSync(join(s.dest, ".added")), false, "no home file written either");
  });

  test("a secrets directory on disk, or with a wrong mode, is refused with the fix", () => {
    const s = setup();
    s.secret("ssh", "Host one\n");
    const disk = join(s.r.dir, "on-disk/secrets");
    s.write(BASIC(disk));
    const a = s.home("switch");
    assert.equal(a.code, 1);
    assert.match(
      a.stderr,
      /not on RAM \(tmpfs or ramfs\): decrypted secrets must never reach a disk/,
    );
    assert.match(a.stderr, /Set secrets\.dir/);
    assert.equal(existsSync(join(s.r.dir, "on-disk")), false);
    s.write(BASIC(s.dir));
    mkdirSync(`${s.dir}.d`, { mode: 0o755 });
    chmodSync(`${s.dir}.d`, 0o755);
    const b = s.home("switch");
    assert.equal(b.code, 1);
    assert.match(b.stderr, /has mode 0755, not 0700: fix it with `chmod 700 /);
    assert.equal(existsSync(join(s.dest, ".ssh/config")), false);
  });

  test("a home with secrets and neither home.uid nor secrets.dir names home.uid", () => {
    const s = setup();
    s.secret("ssh", "x\n");
    s.write(`{ secrets: { ssh: { file: \`\${self.outPath}/secrets/ssh.age\` } } }`);
    const a = s.home("switch");
    assert.equal(a.code, 1);
    assert.match(a.stderr, /set `home\.uid'/);
    // With home.uid the path is /run/user/<uid>/…, fixed at evaluation.
    s.write(
      `{ home: { uid: 4242 }, secrets: { ssh: { file: \`\${self.outPath}/secrets/ssh.age\` } } }`,
    );
    const e = confed(["eval", 'homes."me@box".config.secrets.ssh.path', "--flake", s.r.dir], {
      env: s.env,
    });
    assert.equal(e.code, 0, e.stderr);
    assert.match(e.stdout, /\/run\/user\/4242\/confed\/secrets\/ssh/);
  });

  test("a passphrase-protected key that is needed fails before the write boundary, naming it", () => {
    const s = setup({ identity: "none" });
    const protectedKey = join(s.userHome, "protected.age");
    mkdirSync(s.userHome, { recursive: true });
    writeFileSync(protectedKey, encrypt(enc(`${s.identity}\n`), [scryptRecipient("pw", 2)]));
    s.secret("ssh", "Host one\n");
    s.write(BASIC(s.dir));
    const a = confed(["home", "switch", "me@box", "--flake", s.r.dir, "--destination", s.dest], {
      env: { ...s.env, CONFED_IDENTITY: protectedKey },
    });
    assert.equal(a.code, 1);
    assert.match(a.stderr, /protected\.age is passphrase-protected and there is no terminal/);
    assert.equal(existsSync(s.dir), false);
    assert.equal(existsSync(join(s.dest, ".ssh")), false);
  });

  test("activate-secrets brings the secrets back after /run was emptied, without restarts", () => {
    const s = setup();
    s.secret("ssh", "Host one\n");
    s.write(BASIC(s.dir));
    assert.equal(s.home("switch").code, 0);
    rmSync(s.shm, { recursive: true }); // a logout or reboot empties /run/user
    mkdirSync(s.shm);
    const a = confed(["activate-secrets", "--state-dir", s.stateDir], { env: s.env });
    assert.equal(a.code, 0, a.stderr);
    assert.match(a.stdout, /decrypted 1 secret\(s\) and 1 template\(s\)/);
    assert.equal(readFileSync(join(s.dir, "ssh"), "utf8"), "Host one\n");
    assert.doesNotMatch(a.stderr, /restart/);
    const b = confed(["activate-secrets", "--state-dir", s.stateDir], { env: s.env });
    assert.match(b.stdout, /secrets already in place/);
    // The session file's fallback does the same where no systemd runs, once the link dangles.
    rmSync(s.shm, { recursive: true });
    mkdirSync(s.shm);
    const vars = readFileSync(join(s.dest, ".config/confed/session-vars.sh"), "utf8");
    assert.match(
      vars,
      /if \[ ! -e '.*\/secrets' \] && \[ ! -d \/run\/systemd\/system \]; then confed activate-secrets/,
    );
    if (!existsSync("/run/systemd/system")) {
      // A login shell sourcing it, with `confed' on PATH: the secrets come back.
      const bin = join(s.r.dir, "bin");
      mkdirSync(bin);
      writeFileSync(
        join(bin, "confed"),
        `#!/bin/sh\nexec ${process.execPath} ${join(repoRoot, "bin/confed.js")} "$@"\n`,
        { mode: 0o755 },
      );
      const login = spawnSync(
        "sh",
        ["-c", '. "$1"', "sh", join(s.dest, ".config/confed/session-vars.sh")],
        {
          encoding: "utf8",
          env: { ...process.env, ...s.env, PATH: `${bin}:${process.env.PATH}` },
        },
      );
      assert.equal(login.status, 0, login.stderr);
      assert.equal(readFileSync(join(s.dir, "ssh"), "utf8"), "Host one\n");
      assert.equal(login.stdout + login.stderr, "", "a login prints nothing");
    }
    const c = confed(["activate-secrets"], { env: s.env });
    assert.equal(c.code, 1);
    assert.match(c.stderr, /needs --state-dir DIR/);
    const d = confed(["activate-secrets", "--state-dir", join(s.r.dir, "nope")], { env: s.env });
    assert.equal(d.code, 1);
    assert.match(d.stderr, /nope' is not a directory: this home has not been switched here yet/);
    const empty = join(s.r.dir, "empty-state");
    mkdirSync(empty);
    const e = confed(["activate-secrets", "--state-dir", empty], { env: s.env });
    assert.equal(e.code, 0, e.stderr);
    assert.match(e.stdout, /no generation is active: nothing to decrypt/);
  });

  test("activate-secrets loads no configuration: its imports reach neither the module system nor a loader", () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*"(\.[^"]+)"/g))
        visit(join(file, "..", m[1]));
      for (const m of text.matchAll(/from\s+"([^."][^"]*)"/g)) seen.add(`pkg:${m[1]}`);
    };
    visit(join(repoRoot, "dist/cli/activate-secrets.js"));
    const bad = [...seen].filter((f) => /\/module-system\/|\/flake\/|pkg:jiti|pkg:tsx/.test(f));
    assert.deepEqual(bad, []);
  });

  test("the canary: plaintext is found only in the secrets directory after switches", () => {
    const s = setup();
    const canary = `CANARY-${randomBytes(12).toString("hex")}`;
    s.secret("ssh", `Host ${canary}\n`);
    s.write(BASIC(s.dir));
    const outputs: string[] = [];
    for (const args of [["switch"], ["plan"], ["switch", "--json"], ["status"]]) {
      const r = s.home(...args);
      outputs.push(r.stdout, r.stderr);
    }
    rmSync(s.shm, { recursive: true });
    mkdirSync(s.shm);
    const a = confed(["activate-secrets", "--state-dir", s.stateDir, "--json"], { env: s.env });
    outputs.push(a.stdout, a.stderr);
    assert.equal(readFileSync(join(s.dir, "ssh"), "utf8"), `Host ${canary}\n`);
    // Everything the switch may write besides the secrets directory: the repository, the home
    // (with its store, profiles, state and journal), the user's home and $TMPDIR.
    const grep = spawnSync("grep", ["-rFal", canary, s.r.dir, s.tmp, testInputStore], {
      encoding: "utf8",
    });
    const found = grep.stdout.split("\n").filter((l) => l !== "" && !l.startsWith(s.shm));
    assert.deepEqual(found, []);
    for (const o of outputs) assert.ok(!o.includes(canary), "no output holds the plaintext");
    const inShm = spawnSync("grep", ["-rFal", canary, s.shm], { encoding: "utf8" }).stdout;
    assert.deepEqual(
      inShm.trim().split("\n").sort(),
      [join(s.dir, "ssh"), join(s.dir, "templates/netrc")].map((p) =>
        p.replace("/secrets/", `/secrets.d/${readlinkSync(s.dir).split("/")[1]}/`),
      ),
    );
  });

  test("the example home decrypts secrets/ssh.age with the example key and includes it", () => {
    const r = tempRepo({});
    cleanups.push(r.cleanup);
    const shm = mkdtempSync("/dev/shm/confed-test-");
    cleanups.push(() => rmSync(shm, { recursive: true, force: true }));
    const dir = join(shm, "secrets");
    const s = confed(
      [
        "home",
        "switch",
        "myme@map",
        "--flake",
        exampleDir,
        "--destination",
        r.dir,
        "--secrets-dir",
        dir,
      ],
      { env: { HOME: r.dir, CONFED_IDENTITY: join(exampleDir, "keys/myme.txt") } },
    );
    assert.equal(s.code, 0, s.stderr);
    assert.match(
      readFileSync(join(r.dir, ".ssh/config"), "utf8"),
      new RegExp(`^Include ${dir}/ssh$`, "m"),
    );
    assert.match(readFileSync(join(dir, "ssh"), "utf8"), /^Host nuckie$/m);
  });
});

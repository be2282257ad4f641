import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { HomeManifest, SecretsSection } from "../manifest/index.ts";
import { encrypt, generateX25519Identity, identityToRecipient } from "../secrets/age/index.ts";
import { Crash, FaultySystem } from "../system/faulty-system.ts";
import { MemorySystem } from "../system/memory-system.ts";
import { FsError } from "../system/system.ts";
import { HOME, STATE } from "./_test-home.ts";
import { applyPlan, recover } from "./apply.ts";
import { prepareHomeSecrets } from "./home-secrets.ts";
import type { Plan } from "./plan-types.ts";
import { prepareSecrets, withSecrets } from "./secrets.ts";
import { SecretContents } from "./secrets-ops.ts";
import { activateSystemSecrets, prepareSystemSecrets } from "./system-secrets.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const identity = generateX25519Identity();
const recipient = identityToRecipient(identity);
const DIR = "/run/user/1000/confed/secrets";

function section(files: Record<string, string>, extra: Partial<SecretsSection> = {}) {
  const s: SecretsSection = { dir: DIR, identityPaths: ["/keys/id.txt"], files: {}, templates: {} };
  for (const name of Object.keys(files))
    s.files[name] = {
      source: `/gen/${name}.age`,
      path: `${DIR}/${name}`,
      mode: "0400",
      symlink: true,
      restartUnits: [`${name}.service`],
      reloadUnits: [],
    };
  return { ...s, ...extra };
}

function machine(): MemorySystem {
  const sys = new MemorySystem();
  sys.put(HOME, { dir: true });
  sys.put(STATE, { dir: true });
  sys.put("/run/user/1000", { dir: true, mode: 0o700 });
  sys.mounts.set("/run", "tmpfs");
  sys.put("/keys/id.txt", `${identity}\n`);
  return sys;
}

function ciphertexts(sys: MemorySystem, files: Record<string, string>) {
  for (const [name, text] of Object.entries(files))
    sys.put(`/gen/${name}.age`, encrypt(enc(text), [recipient]));
}

const emptyPlan = (): Plan => ({
  version: 1,
  home: HOME,
  generation: "/gen",
  files: [],
  unchanged: 0,
  notices: [],
  collisions: [],
  ops: [],
  createdDirectories: [],
  pending: [],
});

function manifest(s: SecretsSection): HomeManifest {
  return {
    version: 3,
    kind: "home",
    user: "me",
    homeDirectory: HOME,
    files: {},
    activation: [],
    packages: [],
    units: {},
    secrets: s,
  };
}

function switchTo(sys: MemorySystem | FaultySystem, files: Record<string, string>) {
  const s = prepareHomeSecrets(sys, { manifest: manifest(section(files)), env: {} })!;
  return applyPlan(sys, withSecrets(emptyPlan(), s), { stateDir: STATE, secrets: s.contents });
}

describe("home secrets activation", () => {
  test("`prepareSecrets` decrypts in memory; the ops and the plan hold names and modes only", () => {
    const sys = machine();
    ciphertexts(sys, { ssh: "Host secret-value\n" });
    const s = prepareHomeSecrets(sys, { manifest: manifest(section({ ssh: "" })), env: {} })!;
    assert.deepEqual(s.changes, [{ name: "ssh", action: "add" }]);
    const plan = withSecrets(emptyPlan(), s);
    const json = JSON.stringify({ plan, contents: s.contents });
    assert.ok(!json.includes("secret-value"));
    assert.match(json, /\[secret contents\]/);
    assert.deepEqual(
      plan.ops.map((o) => o.op),
      ["writeSecrets", "flip"],
    );
    assert.match(plan.pending[0].script, /systemctl --user restart -- 'ssh\.service'/);
  });

  test("a switch fills <dir>.d/1 (0700, files 0400) and swaps the link; an equal value changes nothing", () => {
    const sys = machine();
    ciphertexts(sys, { ssh: "one" });
    switchTo(sys, { ssh: "" });
    assert.deepEqual(sys.snapshot("/run/user/1000/confed"), {
      secrets: "link secrets.d/1",
      "secrets.d": "dir 700",
      "secrets.d/1": "dir 700",
      "secrets.d/1/ssh": "file 400 one",
    });
    ciphertexts(sys, { ssh: "one" }); // re-encrypted, same plaintext
    const again = prepareHomeSecrets(sys, { manifest: manifest(section({ ssh: "" })), env: {} })!;
    assert.deepEqual(again.ops, []);
    assert.deepEqual(again.pending, []);
  });

  test("a crash at any point of a switch leaves the old secrets or the new ones, never a mix", () => {
    const base = machine();
    ciphertexts(base, { ssh: "PLAIN-old", other: "PLAIN-o1" });
    switchTo(base, { ssh: "", other: "" });
    ciphertexts(base, { ssh: "PLAIN-new" });
    for (let k = 1; ; k++) {
      const s = base.clone();
      try {
        switchTo(new FaultySystem(s, { crashAt: k }), { ssh: "" });
      } catch (e) {
        if (!(e instanceof Crash)) throw e;
        // What a crash leaves outside the secrets directory (the journal) holds no plaintext.
        const state = JSON.stringify(s.snapshot(STATE));
        assert.ok(!state.includes("PLAIN-"), `crash at ${k}: ${state}`);
        s.processId++; // the next run is another process; the crashed one is gone
        recover(s, { stateDir: STATE });
        const snap = s.snapshot("/run/user/1000/confed");
        const old = {
          secrets: "link secrets.d/1",
          "secrets.d": "dir 700",
          "secrets.d/1": "dir 700",
          "secrets.d/1/other": "file 400 PLAIN-o1",
          "secrets.d/1/ssh": "file 400 PLAIN-old",
        };
        const now = {
          secrets: "link secrets.d/2",
          "secrets.d": "dir 700",
          "secrets.d/2": "dir 700",
          "secrets.d/2/ssh": "file 400 PLAIN-new",
        };
        assert.ok(
          JSON.stringify(snap) === JSON.stringify(old) ||
            JSON.stringify(snap) === JSON.stringify(now),
          `crash at ${k}: ${JSON.stringify(snap)}`,
        );
        continue;
      }
      assert.ok(k > 5, "the switch made several mutating calls");
      break;
    }
  });

  test("the secrets directory must be on RAM, the user's, mode 0700", () => {
    const disk = machine();
    disk.mounts.clear();
    ciphertexts(disk, { ssh: "x" });
    assert.throws(
      () => prepareHomeSecrets(disk, { manifest: manifest(section({ ssh: "" })), env: {} }),
      /would be on a ext4 file system \(`\/run\/user\/1000'\), not on RAM/,
    );
    const s2 = new MemorySystem();
    s2.put("/run", { dir: true });
    s2.put("/keys/id.txt", `${identity}\n`);
    ciphertexts(s2, { ssh: "x" });
    assert.throws(
      () => prepareHomeSecrets(s2, { manifest: manifest(section({ ssh: "" })), env: {} }),
      /\/run\/user\/1000 does not exist \(no login session of uid 1000 made it\): log in through systemd-logind, or `loginctl enable-linger'/,
    );
    const tmpfsRun = new MemorySystem();
    tmpfsRun.put("/run/user", { dir: true });
    tmpfsRun.mounts.set("/run", "tmpfs");
    tmpfsRun.put("/keys/id.txt", `${identity}\n`);
    ciphertexts(tmpfsRun, { ssh: "x" });
    assert.throws(
      () => prepareHomeSecrets(tmpfsRun, { manifest: manifest(section({ ssh: "" })), env: {} }),
      /secrets\.dir `\/run\/user\/1000\/confed\/secrets' cannot be made: \/run\/user\/1000 does not exist/,
    );
    const owned = machine();
    ciphertexts(owned, { ssh: "x" });
    owned.put(`${DIR}.d`, { dir: true, mode: 0o700 });
    owned.chown(`${DIR}.d`, 0, 0);
    assert.throws(
      () => prepareHomeSecrets(owned, { manifest: manifest(section({ ssh: "" })), env: {} }),
      /is owned by uid 0, not 1000: .* `chown 1000 /,
    );
    const other = machine();
    other.userId = 1001;
    ciphertexts(other, { ssh: "x" });
    assert.throws(
      () => prepareHomeSecrets(other, { manifest: manifest(section({ ssh: "" })), env: {} }),
      /is under \/run\/user\/1000, but this is uid 1001: .* Set home\.uid to 1001/,
    );
    class Denied extends MemorySystem {
      override lstatOrNull(path: string) {
        if (path.startsWith("/run/user/1000/")) throw new FsError("EACCES", "lstat", path);
        return super.lstatOrNull(path);
      }
    }
    const denied = new Denied();
    denied.put("/run/user/1000", { dir: true, mode: 0o700 });
    denied.mounts.set("/run", "tmpfs");
    denied.put("/keys/id.txt", `${identity}\n`);
    ciphertexts(denied, { ssh: "x" });
    assert.throws(
      () => prepareHomeSecrets(denied, { manifest: manifest(section({ ssh: "" })), env: {} }),
      /permission denied at `\/run\/user\/1000\/confed\/secrets\.d' while checking the secrets directory/,
    );
    const notDir = machine();
    ciphertexts(notDir, { ssh: "x" });
    notDir.put(`${DIR}.d`, "a file");
    assert.throws(
      () => prepareHomeSecrets(notDir, { manifest: manifest(section({ ssh: "" })), env: {} }),
      /secrets\.d' is a file, where confed keeps its secrets generations: remove it/,
    );
    const notLink = machine();
    ciphertexts(notLink, { ssh: "x" });
    notLink.put(DIR, { dir: true });
    assert.throws(
      () => prepareHomeSecrets(notLink, { manifest: manifest(section({ ssh: "" })), env: {} }),
      /is a directory, where confed keeps its link to the active secrets: remove it/,
    );
  });

  test("no key, a missing key file, a missing ciphertext: errors before any write, naming them", () => {
    const sys = machine();
    ciphertexts(sys, { ssh: "x" });
    sys.put("/keys/other.txt", `${generateX25519Identity()}\n`);
    const before = JSON.stringify(sys.snapshot("/"));
    assert.throws(
      () =>
        prepareHomeSecrets(sys, {
          manifest: manifest(section({ ssh: "" }, { identityPaths: ["/keys/nope.txt"] })),
          env: {},
        }),
      /identity file \/keys\/nope\.txt does not exist \(secrets\.identityPaths\)\. Nothing was changed\./,
    );
    assert.throws(
      () =>
        prepareHomeSecrets(sys, {
          manifest: manifest(section({ ssh: "" }, { identityPaths: ["/keys/other.txt"] })),
          env: {},
        }),
      /cannot decrypt `secrets\.ssh'.*Keys looked for: \/keys\/other\.txt\. Nothing was changed/s,
    );
    assert.throws(
      () => prepareHomeSecrets(sys, { manifest: manifest(section({ gone: "" })), env: {} }),
      /secrets\.gone: its ciphertext `\/gen\/gone\.age' cannot be read \(ENOENT\); rebuild the generation/,
    );
    assert.equal(JSON.stringify(sys.snapshot("/")), before);
  });

  test("templates, a link elsewhere, a copy elsewhere (on RAM only), and the link removed with its secret", () => {
    const sys = machine();
    ciphertexts(sys, { db: "hunter2" });
    sys.put("/run/app", { dir: true });
    sys.put(`${HOME}/.config`, { dir: true });
    const s = section({ db: "" });
    s.files.db.path = `${HOME}/.config/db-password`;
    s.templates.conf = {
      parts: ["user=me\npassword=", { secret: "db" }, "\n"],
      path: "/run/app/conf",
      mode: "0440",
      symlink: false,
      restartUnits: ["app.service"],
      reloadUnits: ["web.service"],
    };
    const p = prepareHomeSecrets(sys, { manifest: manifest(s), env: {} })!;
    assert.deepEqual(
      p.pending.map((x) => x.name),
      ["restart app.service db.service (secrets changed)", "reload web.service (secrets changed)"],
    );
    applyPlan(sys, withSecrets(emptyPlan(), p), { stateDir: STATE, secrets: p.contents });
    assert.equal(sys.readlink(`${HOME}/.config/db-password`), `${DIR}/db`);
    assert.equal(dec(sys.readFile(`${HOME}/.config/db-password`)), "hunter2");
    assert.equal(dec(sys.readFile("/run/app/conf")), "user=me\npassword=hunter2\n");
    assert.equal(sys.lstatOrNull("/run/app/conf")?.mode, 0o440);
    assert.equal(dec(sys.readFile(`${DIR}/templates/conf`)), "user=me\npassword=hunter2\n");
    // Dropped from the configuration: its link goes, the copy stays only until replaced.
    const next = prepareHomeSecrets(sys, {
      manifest: manifest(section({})),
      previous: manifest(s),
      env: {},
    })!;
    assert.deepEqual(
      next.changes.map((c) => `${c.action} ${c.name}`),
      ["remove db", "remove templates.conf"],
    );
    applyPlan(sys, withSecrets(emptyPlan(), next), { stateDir: STATE, secrets: next.contents });
    assert.equal(sys.lstatOrNull(`${HOME}/.config/db-password`), null);
    // Something confed did not place is in the way: refused.
    sys.put(`${HOME}/.config/db-password`, "mine");
    assert.throws(
      () => prepareHomeSecrets(sys, { manifest: manifest(s), env: {} }),
      /secrets\.db\.path: `\/home\/me\/\.config\/db-password' is in the way \(a file confed did not create\)/,
    );
    // A link's directory must exist; a copy's path must be a file.
    sys.unlink(`${HOME}/.config/db-password`);
    const deep = structuredClone(s);
    deep.files.db.path = `${HOME}/nowhere/db`;
    assert.throws(
      () => prepareHomeSecrets(sys, { manifest: manifest(deep), env: {} }),
      /secrets\.db\.path: the directory `\/home\/me\/nowhere' does not exist; create it first/,
    );
    sys.put("/run/app/conf", { dir: true });
    assert.throws(
      () => prepareHomeSecrets(sys, { manifest: manifest(s), env: {} }),
      /secrets\.templates\.conf\.path: `\/run\/app\/conf' is a directory; move it away/,
    );
    sys.rmdir("/run/app/conf");
    sys.put(`${HOME}/.config/db-password`, "mine");
    // A copy on disk is refused.
    sys.mounts.set("/run/app", "ext4");
    sys.unlink(`${HOME}/.config/db-password`);
    assert.throws(
      () => prepareHomeSecrets(sys, { manifest: manifest(s), env: {} }),
      /secrets\.templates\.conf\.path: `\/run\/app\/conf' is on a ext4 file system; a copy \(symlink = false\) must be on RAM/,
    );
  });

  test("`SecretContents` never prints its bytes and wipes them", () => {
    const c = new SecretContents();
    const b = enc("plain");
    c.set("x", b);
    assert.equal(JSON.stringify({ c }), '{"c":"[secret contents]"}');
    assert.equal(String(c), "[secret contents]");
    c.wipe();
    assert.deepEqual([...b], [0, 0, 0, 0, 0]);
    assert.equal(c.size, 0);
  });
});

describe("machine secrets step", () => {
  function host(): MemorySystem {
    const sys = new MemorySystem();
    sys.userId = 0;
    const R = "/target";
    sys.put(`${R}/etc/passwd`, "root:x:0:0::/root:/bin/sh\nmyme:x:1000:100::/home/myme:/bin/sh\n");
    sys.put(`${R}/etc/group`, "root:x:0:\nusers:x:100:\nwheel:x:10:myme\n");
    sys.put(`${R}/etc/ssh/ssh_host_ed25519_key`, `${identity}\n`);
    sys.put(`${R}/run`, { dir: true });
    sys.put(`${R}/var/lib/confed/activation/secrets`, { dir: true });
    sys.mounts.set(`${R}/run`, "tmpfs");
    return sys;
  }
  const sysSection = (): SecretsSection => ({
    dir: "/run/confed/secrets",
    identityPaths: ["/etc/ssh/ssh_host_ed25519_key", "/etc/ssh/ssh_host_rsa_key"],
    files: {
      wifi: {
        source: "/gen/wifi.age",
        path: "/run/confed/secrets/wifi",
        mode: "0440",
        owner: "myme",
        group: "wheel",
        symlink: true,
        restartUnits: ["wpa.service"],
        reloadUnits: [],
      },
      hash: {
        source: "/gen/hash.age",
        path: "/run/confed/secrets-for-users/hash",
        mode: "0400",
        owner: "root",
        symlink: true,
        restartUnits: [],
        reloadUnits: [],
        neededForUsers: true,
      },
    },
    templates: {},
  });

  test("neededForUsers first (root's), then the others owned by ids from the target's /etc", () => {
    const sys = host();
    ciphertexts(sys, { wifi: "psk", hash: "$6$hash" });
    const a = { stateDir: "/target/var/lib/confed/activation/secrets" };
    activateSystemSecrets(sys, { section: sysSection(), root: "/target", phase: "forUsers" }, a);
    assert.deepEqual(sys.snapshot("/target/run/confed"), {
      "secrets-for-users": "link secrets-for-users.d/1",
      "secrets-for-users.d": "dir 751",
      "secrets-for-users.d/1": "dir 751",
      "secrets-for-users.d/1/hash": "file 400 $6$hash",
    });
    const scripts: string[] = [];
    activateSystemSecrets(
      sys,
      { section: sysSection(), root: "/target", phase: "main" },
      { ...a, runScript: (s) => scripts.push(s.script) },
    );
    assert.equal(dec(sys.readFile("/target/run/confed/secrets/wifi")), "psk");
    assert.deepEqual(sys.ownerOf("/target/run/confed/secrets.d/1/wifi"), { uid: 1000, gid: 10 });
    assert.equal(sys.lstatOrNull("/target/run/confed/secrets.d/1")?.mode, 0o751);
    assert.match(
      scripts[0],
      /^if systemctl show-environment .* systemctl restart -- 'wpa\.service'/,
    );
  });

  test("each step drops only the links it placed: templates in the main step, neededForUsers ones in their own", () => {
    const sys = host();
    ciphertexts(sys, { wifi: "psk", hash: "$6$hash" });
    sys.put("/target/etc/app", { dir: true });
    const s1 = sysSection();
    s1.files.hash.path = "/etc/app/hash"; // a link out of the for-users directory
    s1.templates.conf = {
      parts: ["psk=", { secret: "wifi" }],
      path: "/etc/app/conf",
      mode: "0400",
      symlink: true,
      restartUnits: [],
      reloadUnits: [],
    };
    const a = { stateDir: "/target/var/lib/confed/activation/secrets" };
    for (const phase of ["forUsers", "main"] as const)
      activateSystemSecrets(sys, { section: s1, root: "/target", phase }, a);
    assert.equal(sys.readlink("/target/etc/app/hash"), "/run/confed/secrets-for-users/hash");
    assert.equal(sys.readlink("/target/etc/app/conf"), "/run/confed/secrets/templates/conf");
    const unlinks = (section: SecretsSection, phase: "forUsers" | "main") =>
      prepareSystemSecrets(sys, { section, previous: s1, root: "/target", phase })
        .ops.filter((op) => op.op === "unlinkSecret")
        .map((op) => (op as { target: string }).target);
    // The same configuration again: the for-users step leaves the template's link alone.
    assert.deepEqual(unlinks(s1, "forUsers"), []);
    assert.deepEqual(unlinks(s1, "main"), []);
    // A neededForUsers secret dropped: its link goes in its own step, and only there.
    const s2 = sysSection();
    delete s2.files.hash;
    s2.templates.conf = s1.templates.conf;
    assert.deepEqual(unlinks(s2, "forUsers"), ["/target/etc/app/hash"]);
    assert.deepEqual(unlinks(s2, "main"), []);
  });

  test("an owner or group the target does not have, or no host key, is refused before any write", () => {
    const sys = host();
    ciphertexts(sys, { wifi: "psk", hash: "h" });
    const bad = sysSection();
    bad.files.wifi.owner = "nobody-here";
    assert.throws(
      () => prepareSystemSecrets(sys, { section: bad, root: "/target", phase: "main" }),
      /secrets\.wifi\.owner: no user `nobody-here' in \/target\/etc\/passwd/,
    );
    bad.files.wifi.owner = "myme";
    bad.files.wifi.group = "nogroup";
    assert.throws(
      () => prepareSystemSecrets(sys, { section: bad, root: "/target", phase: "main" }),
      /secrets\.wifi\.group: no group `nogroup' in \/target\/etc\/group/,
    );
    sys.put("/target/etc/ssh/ssh_host_rsa_key", "not a key");
    assert.throws(
      () => prepareSystemSecrets(sys, { section: sysSection(), root: "/target", phase: "main" }),
      /\/etc\/ssh\/ssh_host_rsa_key \(secrets\.identityPaths\) cannot be used: /,
    );
    sys.unlink("/target/etc/ssh/ssh_host_rsa_key");
    sys.unlink("/target/etc/ssh/ssh_host_ed25519_key");
    assert.throws(
      () => prepareSystemSecrets(sys, { section: sysSection(), root: "/target", phase: "main" }),
      /cannot decrypt `secrets\.wifi'.*Keys looked for: \/etc\/ssh\/ssh_host_ed25519_key, \/etc\/ssh\/ssh_host_rsa_key/s,
    );
    assert.equal(sys.lstatOrNull("/target/run/confed"), null);
  });

  test("`prepareSecrets` without secrets of a phase still plans an empty generation", () => {
    const sys = host();
    const s = prepareSecrets(sys, {
      section: { dir: "/run/x", identityPaths: [], files: {}, templates: {} },
      identities: [],
      dirMode: 0o751,
      ownerUid: 0,
      root: "/target",
      units: "system",
    });
    assert.deepEqual(
      s.ops.map((o) => o.op),
      ["writeSecrets", "flip"],
    );
  });
});

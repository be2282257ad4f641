/**
 * The machine secrets step on a real file system, as root, in a private mount namespace with a
 * tmpfs on /run (nothing of the host's /run or /etc is touched): once with the real paths (an
 * overlay on /etc holds the test host key and user), once under a `--root`-style directory.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { systemSecretsUnit } from "../src/activation/index.ts";
import { encrypt, parseRecipient } from "../src/secrets/age/index.ts";
import { repoRoot } from "./helpers.ts";

const canNamespace = (() => {
  if (process.geteuid?.() !== 0) return "needs root";
  const r = spawnSync("unshare", [
    "-m",
    "--propagation",
    "private",
    "sh",
    "-c",
    "mount -t tmpfs tmpfs /mnt",
  ]);
  return r.status === 0 ? false : `unshare -m with a tmpfs mount fails here: ${r.stderr}`;
})();

const T = mkdtempSync(join(tmpdir(), "confed-syssecrets-"));
after(() => rmSync(T, { recursive: true, force: true }));

function fixture(dirName: string) {
  const d = join(T, dirName);
  mkdirSync(join(d, "gen"), { recursive: true });
  const key = join(d, "host_key");
  const k = spawnSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "", "-f", key]);
  assert.equal(k.status, 0, String(k.stderr));
  const to = [parseRecipient(readFileSync(`${key}.pub`, "utf8"))];
  const enc = (s: string) => encrypt(new TextEncoder().encode(s), to);
  writeFileSync(join(d, "gen/wifi.age"), enc("psk=hunter2\n"));
  writeFileSync(join(d, "gen/hash.age"), enc("$6$salt$hash\n"));
  const target = (name: string) => ({
    path: `/run/confed/secrets/${name}`,
    mode: "0440",
    owner: "confedtest",
    group: "confedgrp",
    symlink: true,
    restartUnits: [],
    reloadUnits: [],
  });
  const section = {
    dir: "/run/confed/secrets",
    identityPaths: ["/etc/ssh/ssh_host_ed25519_key", "/etc/ssh/ssh_host_rsa_key"],
    files: {
      wifi: { ...target("wifi"), source: join(d, "gen/wifi.age") },
      hash: {
        ...target("hash"),
        path: "/run/confed/secrets-for-users/hash",
        mode: "0400",
        owner: "root",
        group: undefined,
        neededForUsers: true,
        source: join(d, "gen/hash.age"),
      },
    },
    templates: {
      conf: {
        ...target("conf"),
        path: "/run/confed/secrets/templates/conf",
        parts: ["x=", { secret: "wifi" }],
      },
    },
  };
  writeFileSync(join(d, "section.json"), JSON.stringify(section));
  mkdirSync(join(d, "state"));
  return { d, key };
}

const USERS = "confedtest:x:4321:4321::/nonexistent:/usr/sbin/nologin";
const GROUPS = "confedgrp:x:4400:";

/** A fixture under its own root directory: /etc with the users, the host key, and /run. */
function rootedFixture(name: string) {
  const { d, key } = fixture(name);
  const root = join(d, "root");
  mkdirSync(join(root, "etc/ssh"), { recursive: true });
  mkdirSync(join(root, "run"));
  writeFileSync(join(root, "etc/passwd"), `root:x:0:0::/root:/bin/sh\n${USERS}\n`);
  writeFileSync(join(root, "etc/group"), `root:x:0:\n${GROUPS}\n`);
  writeFileSync(join(root, "etc/ssh/ssh_host_ed25519_key"), readFileSync(key), { mode: 0o600 });
  return { d, root };
}

function inNamespace(script: string) {
  const r = spawnSync("unshare", ["-m", "--propagation", "private", "sh", "-ec", script], {
    encoding: "utf8",
    cwd: repoRoot,
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.slice(r.stdout.indexOf("{")));
}

function check(report: any) {
  assert.equal(report.error, undefined);
  assert.match(report["/run/confed/secrets"], /^secrets\.d\/1$/);
  assert.deepEqual(report["/run/confed/secrets/wifi"], {
    uid: 4321,
    gid: 4400,
    mode: "440",
    text: "psk=hunter2\n",
  });
  assert.deepEqual(report["/run/confed/secrets-for-users/hash"], {
    uid: 0,
    gid: 0,
    mode: "400",
    text: "$6$salt$hash\n",
  });
  assert.equal(report.genMode, "751");
  assert.equal(report.template, "x=psk=hunter2\n");
  assert.equal(report.fsType, "tmpfs");
  assert.equal(report.generationsFsType, "ramfs", "as root, on a ramfs of their own");
}

describe("machine secrets as root", { skip: canNamespace }, () => {
  test("with the host's paths: tmpfs /run, an overlay /etc with the host key and the owner", () => {
    const { d, key } = fixture("real");
    const rig = `node --import tsx test/_system-secrets-rig.ts ${d}/section.json / ${d}/state`;
    const report = inNamespace(`
      mkdir -p ${d}/up ${d}/wk
      mount -t overlay overlay -o lowerdir=/etc,upperdir=${d}/up,workdir=${d}/wk /etc
      mount -t tmpfs -o mode=755 tmpfs /run
      cp ${key} /etc/ssh/ssh_host_ed25519_key
      rm -f /etc/ssh/ssh_host_rsa_key
      echo '${USERS}' >> /etc/passwd
      echo '${GROUPS}' >> /etc/group
      ${rig}`);
    check(report);
    assert.equal(
      readFileSync("/etc/passwd", "utf8").includes("confedtest"),
      false,
      "the host's /etc is untouched",
    );
  });

  test("after a reboot (a fresh /run), activate-secrets --system decrypts them again, owners included", () => {
    const { d, root } = rootedFixture("reboot");
    const report = inNamespace(`
      mount -t tmpfs -o mode=755 tmpfs ${root}/run
      node --import tsx test/_system-secrets-rig.ts ${d}/section.json ${root} ${d}/state >/dev/null
      umount -R ${root}/run
      mount -t tmpfs -o mode=755 tmpfs ${root}/run
      test ! -e ${root}/run/confed
      node bin/confed.js activate-secrets --system --state-dir ${d}/state >&2
      node --import tsx test/_system-secrets-rig.ts --report-only - ${root} ${d}/state`);
    check(report);
    const recorded = readFileSync(join(d, "state/secrets-section.json"), "utf8");
    assert.doesNotMatch(recorded, /hunter2|\$6\$salt/, "the record holds no plaintext");
    const none = spawnSync(
      "node",
      ["bin/confed.js", "activate-secrets", "--system", "--state-dir", join(d, "nothing")],
      { encoding: "utf8", cwd: repoRoot },
    );
    assert.equal(none.status, 0, none.stderr);
    assert.match(none.stdout, /nothing recorded/);
  });

  test("the boot unit runs activate-secrets --system for each state directory before sysinit", () => {
    const unit = systemSecretsUnit("/usr/local/bin/confed", ["/var/lib/a", "/var/lib/b"]);
    assert.match(unit, /^Before=sysinit\.target shutdown\.target$/m);
    assert.match(unit, /^DefaultDependencies=no$/m);
    assert.match(
      unit,
      /^ExecStart=\/usr\/local\/bin\/confed activate-secrets --system --state-dir \/var\/lib\/a --quiet\nExecStart=.*\/var\/lib\/b --quiet$/m,
    );
    const dir = mkdtempSync(join(tmpdir(), "confed-unit-"));
    after(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, "confed-secrets.service"), unit);
    const v = spawnSync("systemd-analyze", ["verify", join(dir, "confed-secrets.service")], {
      encoding: "utf8",
    });
    const problems = (v.stderr ?? "")
      .split("\n")
      .filter((l) => l.trim() && !/is not executable|No such file or directory/.test(l));
    assert.deepEqual(problems, []);
  });

  test("under a --root directory with its own /etc and a tmpfs on <root>/run", () => {
    const { d, root } = rootedFixture("rooted");
    const report = inNamespace(`
      mount -t tmpfs -o mode=755 tmpfs ${root}/run
      node --import tsx test/_system-secrets-rig.ts ${d}/section.json ${root} ${d}/state`);
    check(report);
    // Without the tmpfs, <root>/run is on disk: refused, nothing written.
    const r = spawnSync(
      "node",
      ["--import", "tsx", "test/_system-secrets-rig.ts", `${d}/section.json`, root, `${d}/state`],
      {
        encoding: "utf8",
        cwd: repoRoot,
      },
    );
    assert.match(JSON.parse(r.stdout).error, /not on RAM \(tmpfs or ramfs\)/);
    assert.deepEqual(spawnSync("ls", ["-A", join(root, "run")], { encoding: "utf8" }).stdout, "");
  });
});

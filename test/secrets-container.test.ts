/**
 * The re-decryption hook in a booted systemd container: a home with a secret is switched as its
 * user (who lingers, so a user manager runs from boot), the container reboots — /run is empty
 * again — and the home's confed-secrets.service user unit decrypts the secret back into
 * /run/user/1000. A real systemd 252 (Debian bookworm) in systemd-nspawn, per ../RIGS.md.
 *
 * Needs root, systemd-nspawn and the Debian template test/rigs/container.ts makes once (with
 * debootstrap). The template is never changed: the container runs on an overlay of it that
 * survives the reboot.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { encrypt, generateX25519Identity, identityToRecipient } from "../src/secrets/age/index.ts";
import { repoRoot } from "./helpers.ts";
import {
  bootContainer,
  CONTAINER_TEMPLATE,
  type Container,
  containerSkip,
} from "./rigs/container.ts";

const TEMPLATE = CONTAINER_TEMPLATE;
const has = (cmd: string) => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
// The template is made (once, cached) by the container rig; its reasons to skip are ours.
const skip = containerSkip() || (!has("nsenter") && "needs nsenter (util-linux)");

const sh = (cmd: string) => spawnSync("sh", ["-ec", cmd], { encoding: "utf8" });

describe("the re-decryption hook in a booted container", { skip }, () => {
  const T = skip ? "" : mkdtempSync("/var/tmp/confed-nspawn-run-");
  const ROOT = join(T, "root");
  const containers: Container[] = [];
  after(async () => {
    for (const c of containers) await c.kill();
    sh(`umount ${ROOT} 2>/dev/null || true`);
    rmSync(T, { recursive: true, force: true });
  });

  const repo = realpathSync(repoRoot);
  const modules = realpathSync(join(repoRoot, "node_modules"));
  /** Boots ROOT as it is (what it holds survives a reboot), with confed's files and node. */
  const boot = async () => {
    const c = await bootContainer({
      root: ROOT,
      binds: [repo, modules, `${process.execPath}:/usr/local/bin/node`],
    });
    containers.push(c);
    return c;
  };
  const inside = (c: Container, cmd: string) => {
    const r = c.sh(`set -e\n${cmd}`);
    return { status: r.code, stdout: r.out, stderr: r.err };
  };
  /** The output of `probe` once it prints something (empty after ~30 s). */
  const waitFor = (c: Container, probe: string) => {
    for (let i = 0; i < 150; i++) {
      const r = inside(c, `${probe} 2>/dev/null || true`);
      if (r.stdout !== "") return r.stdout;
      sh("sleep 0.2");
    }
    return "";
  };

  test("a reboot empties /run/user; the user unit decrypts the secret again", async () => {
    mkdirSync(join(T, "up"));
    mkdirSync(join(T, "wk"));
    mkdirSync(ROOT);
    const m = sh(
      `mount -t overlay overlay -o lowerdir=${TEMPLATE},upperdir=${T}/up,workdir=${T}/wk ${ROOT}`,
    );
    assert.equal(m.status, 0, m.stderr);
    // A user who lingers (a user manager from boot), confed on PATH, a repository with a secret.
    const u = sh(`chroot ${ROOT} useradd -m -u 1000 -s /bin/sh me`);
    assert.equal(u.status, 0, u.stderr);
    mkdirSync(join(ROOT, "var/lib/systemd/linger"), { recursive: true });
    writeFileSync(join(ROOT, "var/lib/systemd/linger/me"), "");
    writeFileSync(
      join(ROOT, "usr/local/bin/confed"),
      `#!/bin/sh\nexec /usr/local/bin/node ${repo}/bin/confed.js "$@"\n`,
      { mode: 0o755 },
    );
    writeFileSync(join(ROOT, "usr/local/bin/node"), "");
    const identity = generateX25519Identity();
    const home = join(ROOT, "home/me");
    mkdirSync(join(home, ".config/confed"), { recursive: true });
    writeFileSync(join(home, ".config/confed/identity.txt"), `${identity}\n`, { mode: 0o600 });
    mkdirSync(join(home, "repo/machines"), { recursive: true });
    mkdirSync(join(home, "repo/secrets"));
    writeFileSync(
      join(home, "repo/confed.ts"),
      'import { defineFlake } from "confed";\nexport default defineFlake({ description: "c" });\n',
    );
    writeFileSync(
      join(home, "repo/machines/box.ts"),
      `export default { users: { users: { me: { isNormalUser: true } } }, home: { users: { me: ({ self }: any) => ({
  home: { uid: 1000 },
  secrets: { ssh: { file: \`\${self.outPath}/secrets/ssh.age\` } },
}) } } };\n`,
    );
    writeFileSync(
      join(home, "repo/secrets/ssh.age"),
      encrypt(new TextEncoder().encode("Host rebooted\n"), [identityToRecipient(identity)]),
    );
    assert.equal(sh(`chroot ${ROOT} chown -R me:me /home/me`).status, 0);

    const leader = await boot();
    // logind starts the lingering user's manager (and makes /run/user/1000) soon after boot.
    assert.ok(
      waitFor(leader, "test -d /run/user/1000 && echo up") !== "",
      inside(leader, "journalctl -u user@1000.service --no-pager 2>&1 | tail -20 || true").stdout,
    );
    const as = "runuser -u me -- env HOME=/home/me XDG_RUNTIME_DIR=/run/user/1000";
    const s = inside(
      leader,
      `cd /home/me && ${as} confed home switch me@box --flake /home/me/repo 2>&1`,
    );
    assert.equal(s.status, 0, s.stdout + s.stderr);
    assert.equal(waitFor(leader, "cat /run/user/1000/confed/secrets/ssh"), "Host rebooted\n");

    inside(leader, "systemctl reboot || true");
    assert.ok(await leader.exited(20_000), "the container went down for the reboot");
    const again = await boot();
    assert.equal(
      waitFor(again, "cat /run/user/1000/confed/secrets/ssh"),
      "Host rebooted\n",
      inside(again, "journalctl --no-pager -n 40 2>&1 || true").stdout,
    );
    const unit = inside(
      again,
      "systemctl --user -M me@ is-active confed-secrets.service 2>&1 || runuser -u me -- env XDG_RUNTIME_DIR=/run/user/1000 systemctl --user is-active confed-secrets.service",
    );
    assert.match(unit.stdout, /^active$/m, unit.stdout + unit.stderr);
    inside(again, "systemctl poweroff || true");
    assert.ok(await again.exited(20_000), "the container powered off");
  });

  test("a reboot empties /run; the machine's boot unit decrypts its secrets again, owners included", async () => {
    // Runs on the root the test above made (a user `me`, confed on PATH), powered off.
    const host = generateX25519Identity();
    mkdirSync(join(ROOT, "etc/confed"), { recursive: true });
    writeFileSync(join(ROOT, "etc/confed/host.txt"), `${host}\n`, { mode: 0o600 });
    mkdirSync(join(ROOT, "var/lib/confed/gen"), { recursive: true });
    writeFileSync(
      join(ROOT, "var/lib/confed/gen/wifi.age"),
      encrypt(new TextEncoder().encode("psk=hunter2\n"), [identityToRecipient(host)]),
    );
    const section = {
      dir: "/run/confed/secrets",
      identityPaths: ["/etc/confed/host.txt"],
      files: {
        wifi: {
          path: "/run/confed/secrets/wifi",
          mode: "0440",
          owner: "me",
          group: "me",
          symlink: true,
          restartUnits: [],
          reloadUnits: [],
          source: "/var/lib/confed/gen/wifi.age",
        },
      },
      templates: {},
    };
    const stateDir = "/var/lib/confed/activation/secrets";
    // What system activation will do: the step, then the boot unit installed and enabled.
    writeFileSync(
      join(ROOT, "root/activate.mjs"),
      `import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { activateSystemSecrets, systemSecretsUnit } from "${repo}/dist/activation/index.js";
import { RealSystem } from "${repo}/dist/system/real-system.js";
const section = ${JSON.stringify(section)};
const sys = new RealSystem();
mkdirSync("${stateDir}", { recursive: true, mode: 0o700 });
for (const phase of ["forUsers", "main"]) activateSystemSecrets(sys, { section, phase }, { stateDir: "${stateDir}" });
writeFileSync("/etc/systemd/system/confed-secrets.service", systemSecretsUnit("/usr/local/bin/confed", ["${stateDir}"]));
mkdirSync("/etc/systemd/system/sysinit.target.wants", { recursive: true });
symlinkSync("/etc/systemd/system/confed-secrets.service", "/etc/systemd/system/sysinit.target.wants/confed-secrets.service");
`,
    );
    const leader = await boot();
    const a = inside(leader, "/usr/local/bin/node /root/activate.mjs 2>&1");
    assert.equal(a.status, 0, a.stdout + a.stderr);
    assert.equal(inside(leader, "cat /run/confed/secrets/wifi").stdout, "psk=hunter2\n");

    inside(leader, "systemctl reboot || true");
    assert.ok(await leader.exited(20_000), "the container went down for the reboot");
    const again = await boot();
    assert.equal(
      waitFor(again, "cat /run/confed/secrets/wifi"),
      "psk=hunter2\n",
      inside(again, "journalctl -u confed-secrets.service --no-pager 2>&1 || true").stdout,
    );
    assert.equal(
      inside(again, "stat -L -c '%U %G %a' /run/confed/secrets/wifi").stdout,
      "me me 440\n",
    );
    assert.match(
      inside(again, "systemctl is-active confed-secrets.service || true").stdout,
      /^active$/m,
    );
    inside(again, "systemctl poweroff || true");
    assert.ok(await again.exited(20_000), "the container powered off");
  });
});

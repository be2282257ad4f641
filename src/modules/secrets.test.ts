import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { buildHomeGeneration, homeInputs } from "../configuration/home-generation.ts";
import { evalModules } from "../module-system/index.ts";
import { makePkgs } from "../packages/index.ts";
import { openStore } from "../store/index.ts";
import { homeModules, systemModules } from "./index.ts";

const tmp = mkdtempSync(join(tmpdir(), "confed-secrets-mod-"));
after(() => rmSync(tmp, { recursive: true, force: true }));
const ssh = join(tmp, "ssh.age");
writeFileSync(ssh, "age-encryption.org/v1\n-> X25519 ciphertext-only\n");

const home = (...modules: unknown[]): any =>
  evalModules({
    class: "home",
    modules: [
      ...homeModules,
      {
        _module: { args: { pkgs: makePkgs() } },
        home: { username: "me", homeDirectory: "/home/me", storeDir: join(tmp, "store") },
      },
      ...modules,
    ],
  }).config;
const machine = (...modules: unknown[]): any =>
  evalModules({ class: "system", modules: [...systemModules, ...modules] }).config;
const failed = (c: any) =>
  (c.assertions as { assertion: boolean; message: string }[])
    .filter((a) => !a.assertion)
    .map((a) => a.message);

describe("secrets options", () => {
  test("`secrets.<name>.path` is fixed at evaluation under /run/user/<uid> and usable elsewhere", () => {
    const c = home(({ config }: any) => ({
      home: { uid: 1000 },
      secrets: { ssh: { file: ssh } },
      programs: {
        ssh: {
          enable: true,
          get includes() {
            return [config.secrets.ssh.path];
          },
        },
      },
    }));
    assert.equal(c.secrets.ssh.path, "/run/user/1000/confed/secrets/ssh");
    assert.equal(c.secrets.ssh.mode, "0400");
    assert.equal(c.secrets.ssh.symlink, true);
    assert.match(
      c.home.file[".ssh/config"].text,
      /^Include \/run\/user\/1000\/confed\/secrets\/ssh$/m,
    );
    assert.deepEqual(failed(c), []);
  });

  test("a home with secrets but no `home.uid` names the option; a home without secrets needs none", () => {
    const c = home({ secrets: { ssh: { file: ssh } } });
    assert.throws(() => c.secrets.ssh.path, /set `home\.uid'/);
    assert.throws(() => homeInputs(c), /set `home\.uid'/);
    assert.equal(homeInputs(home({})).secrets, undefined);
    assert.equal(home({}).secrets.dir, null, "`confed check` reads it: no error without secrets");
  });

  test("templates get placeholders; the build cuts them into parts", () => {
    const c = home(({ config }: any) => ({
      secrets: {
        dir: "/dev/shm/s",
        db: { file: ssh, restartUnits: ["app.service"] },
        templates: {
          conf: {
            mode: "0440",
            get content() {
              return `user=me\npassword=${config.secrets.placeholder.db}\n`;
            },
          },
        },
      },
    }));
    assert.equal(c.secrets.templates.conf.path, "/dev/shm/s/templates/conf");
    assert.deepEqual(homeInputs(c).secrets?.templates[0].parts, [
      "user=me\npassword=",
      { secret: "db" },
      "\n",
    ]);
  });

  test("assertions: owner in a home, a bad name, a placeholder naming no secret", () => {
    const c = home({
      secrets: {
        dir: "/dev/shm/s",
        "bad name": { file: ssh },
        ssh: { file: ssh, owner: "root" },
        templates: { t: { content: "<confed-secret:nope>" } },
      },
    });
    assert.deepEqual(failed(c), [
      [
        "secrets.bad name: the name must be a file name (letters, digits, . _ + -).",
        "secrets.ssh.owner/group: a home's secrets belong to its user; leave them unset (they are for machines).",
        "secrets.templates.t.content: a placeholder names `nope', no secret.",
      ].join("\n"),
    ]);
  });

  test("machines: host keys by default, /run/confed/secrets, root's neededForUsers secrets apart", () => {
    const c = machine({
      secrets: {
        wifi: { file: ssh, owner: "myme", group: "wheel" },
        hash: { file: ssh, neededForUsers: true },
        bad: { file: ssh, neededForUsers: true, owner: "myme" },
      },
    });
    assert.deepEqual(c.secrets.identityPaths, [
      "/etc/ssh/ssh_host_ed25519_key",
      "/etc/ssh/ssh_host_rsa_key",
    ]);
    assert.equal(c.secrets.wifi.path, "/run/confed/secrets/wifi");
    assert.equal(c.secrets.hash.path, "/run/confed/secrets-for-users/hash");
    assert.deepEqual(failed(c), [
      "secrets.bad.neededForUsers: decrypted before users exist, so it is owned by root; unset owner and group.",
    ]);
  });

  test("the generation holds the ciphertext and a version 3 manifest; without secrets it stays version 2", () => {
    const c = home({
      secrets: { dir: "/dev/shm/s", ssh: { file: ssh, reloadUnits: ["x.service"] } },
    });
    const store = openStore({ storeDir: join(tmp, "store") });
    const { path, manifest } = buildHomeGeneration(store, homeInputs(c));
    assert.equal(manifest.version, 3);
    assert.deepEqual(manifest.secrets?.files.ssh, {
      source: `${path}/secrets/ssh.age`,
      path: "/dev/shm/s/ssh",
      mode: "0400",
      symlink: true,
      restartUnits: [],
      reloadUnits: ["x.service"],
    });
    assert.equal(readFileSync(`${path}/secrets/ssh.age`, "utf8"), readFileSync(ssh, "utf8"));
    // The ciphertext is part of the recipe: a re-encrypted file is a new generation.
    writeFileSync(ssh, "age-encryption.org/v1\n-> X25519 other\n");
    assert.notEqual(buildHomeGeneration(store, homeInputs(c)).path, path);
    assert.equal(buildHomeGeneration(store, homeInputs(home({}))).manifest.version, 2);
    const missing = home({ secrets: { dir: "/dev/shm/s", gone: { file: join(tmp, "gone.age") } } });
    assert.throws(
      () => buildHomeGeneration(store, homeInputs(missing)),
      /secrets\.gone\.file: `.*gone\.age' cannot be read/,
    );
  });
});

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { assertFixture as assertFixtureOf, evalHome, fileText } from "./_test-home.ts";

const home = (...modules: unknown[]) => evalHome(modules);
const text = fileText;
const assertFixture = (name: string, actual: string | undefined) =>
  assertFixtureOf("ssh", name, actual);

const hasSsh = spawnSync("ssh", ["-V"]).status === 0;

/** `ssh -G` for `host` with the config text: the keywords ssh resolved, lower-cased. */
function sshG(config: string, host: string): Map<string, string[]> {
  const dir = mkdtempSync(join(tmpdir(), "confed-ssh-"));
  try {
    writeFileSync(join(dir, "config"), config);
    const r = spawnSync("ssh", ["-G", "-F", join(dir, "config"), host], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    const m = new Map<string, string[]>();
    for (const line of r.stdout.trimEnd().split("\n")) {
      const sp = line.indexOf(" ");
      const k = line.slice(0, sp);
      m.set(k, [...(m.get(k) ?? []), line.slice(sp + 1)]);
    }
    return m;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const options = {
  programs: {
    ssh: {
      enable: true,
      includes: ["~/.ssh/config.d/*"],
      controlMaster: "auto",
      controlPersist: "10m",
      serverAliveInterval: 30,
      extraConfig: "StrictHostKeyChecking accept-new",
      extraOptionOverrides: { VisualHostKey: "yes" },
      matchBlocks: {
        "*.example.org": { user: "admin", port: 2222, identityFile: ["~/.ssh/a", "~/.ssh/b"] },
        gh: {
          host: "github.com",
          hostname: "ssh.github.com",
          port: 443,
          user: "git",
          identityFile: "~/.ssh/github",
          identitiesOnly: true,
          before: ["*.example.org"],
        },
        jump: {
          host: "inner",
          proxyJump: "bastion.example.org",
          forwardAgent: true,
          setEnv: { FOO: 'a "b"' },
        },
        m: { match: "user root", compression: true, extraOptions: { RequestTTY: "yes" } },
      },
    },
  },
};

test("programs.ssh writes ~/.ssh/config: overrides, Include, blocks in DAG order, then Host *", () => {
  const c = home(options);
  assertFixture("config", text(c, ".ssh/config"));
  assert.deepEqual(c.home.packages, [], "the system's ssh is used unless a package is given");
});

test("programs.ssh's config means to ssh -G what the options say", {
  skip: !hasSsh && "openssh-client (ssh) is not installed",
}, () => {
  const file = text(home(options), ".ssh/config")!;
  const gh = sshG(file, "github.com");
  assert.deepEqual(gh.get("hostname"), ["ssh.github.com"]);
  assert.deepEqual(gh.get("port"), ["443"]);
  assert.deepEqual(gh.get("user"), ["git"]);
  assert.deepEqual(gh.get("identitiesonly"), ["yes"]);
  assert.deepEqual(gh.get("identityfile"), ["~/.ssh/github"]);
  assert.deepEqual(gh.get("controlmaster"), ["auto"]);
  assert.deepEqual(gh.get("controlpersist"), ["600"]);
  assert.deepEqual(gh.get("serveraliveinterval"), ["30"]);
  assert.deepEqual(gh.get("visualhostkey"), ["yes"]);
  assert.deepEqual(gh.get("stricthostkeychecking"), ["accept-new"]);
  const ex = sshG(file, "www.example.org");
  assert.deepEqual(ex.get("user"), ["admin"]);
  assert.deepEqual(ex.get("port"), ["2222"]);
  assert.deepEqual(ex.get("identityfile"), ["~/.ssh/a", "~/.ssh/b"]);
  assert.deepEqual(ex.get("forwardagent"), ["no"]);
  const inner = sshG(file, "inner");
  assert.deepEqual(inner.get("proxyjump"), ["bastion.example.org"]);
  assert.deepEqual(inner.get("forwardagent"), ["yes"]);
  assert.deepEqual(inner.get("setenv"), ['FOO=a "b"']);
  // ssh expands ~ with the home directory of the user running the test.
  assert.match(inner.get("userknownhostsfile")![0], /\/\.ssh\/known_hosts$/);
});

test("programs.ssh: with no options the file holds only home-manager's Host * defaults", () => {
  const c = home({ programs: { ssh: { enable: true } } });
  assertFixture("defaults", text(c, ".ssh/config"));
  assert.equal(
    text(home({ programs: { ssh: { matchBlocks: { a: {} } } } }), ".ssh/config"),
    undefined,
  );
});

test("programs.ssh: a cycle in after/before names the blocks", () => {
  const c = home({
    programs: { ssh: { enable: true, matchBlocks: { a: { after: ["b"] }, b: { after: ["a"] } } } },
  });
  assert.throws(() => text(c, ".ssh/config"), /matchBlocks.*cycle: (a -> b -> a|b -> a -> b)/);
});

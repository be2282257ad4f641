import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { test } from "node:test";
import { makePkgs } from "../../packages/index.ts";
import { assertFixture, evalHome, fileText, have, run, tempHome } from "./_test-home.ts";

const shells = {
  programs: { bash: { enable: true, enableCompletion: false }, zsh: { enable: true } },
};

test("programs.keychain adds nothing when disabled", () => {
  const c = evalHome([shells, { programs: { keychain: { keys: ["id_ed25519"] } } }]);
  assert.doesNotMatch(fileText(c, ".bashrc")!, /keychain/);
  assert.deepEqual(c.home.packages.map(String), ["zsh", "bash"]);
});

test("programs.keychain runs keychain --eval in bash and zsh", () => {
  const c = evalHome([
    shells,
    {
      programs: {
        keychain: {
          enable: true,
          keys: ["id_ed25519", "~/.ssh/work"],
          agents: ["ssh"],
          inheritType: "any",
        },
      },
    },
  ]);
  assertFixture("keychain", "bashrc", fileText(c, ".bashrc"));
  assert.match(
    fileText(c, ".zshrc")!,
    /eval "\$\(SHELL=zsh keychain --eval --quiet --agents ssh --inherit any id_ed25519 ~\/.ssh\/work\)"/,
  );
  assert.deepEqual(c.warnings, []);
  assert.ok(c.home.packages.map(String).includes("keychain"));
});

test("programs.keychain warns about --agents and --inherit with keychain 2.9 or later", () => {
  const pkg = makePkgs({ family: "apt" }).keychain.override({ version: "2.9.0-1" });
  const c = evalHome([
    { programs: { keychain: { enable: true, package: pkg, agents: ["ssh"], inheritType: "any" } } },
  ]);
  assert.equal(c.warnings.length, 2);
  assert.match(
    c.warnings.join("\n"),
    /programs\.keychain\.agents.*\n.*programs\.keychain\.inheritType/,
  );
});

test("real bash: the keychain line starts an agent in a temporary home", {
  skip:
    have("keychain") && have("ssh-agent") ? false : "keychain or ssh-agent is not installed here",
}, () => {
  const t = tempHome();
  try {
    t.write(
      evalHome([shells, { programs: { keychain: { enable: true, keys: [] } } }], { home: t.dir }),
    );
    const r = run(
      "bash",
      ["-i", "-c", 'echo "sock=$SSH_AUTH_SOCK"; ssh-agent -k >/dev/null'],
      t.dir,
    );
    assert.match(r.stdout, /sock=\/\S+/, r.stderr);
  } finally {
    rmSync(t.dir, { recursive: true, force: true });
  }
});

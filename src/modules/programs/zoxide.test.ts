import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { evalHome, fileText, have, run, tempHome } from "./_test-home.ts";

const shells = {
  programs: {
    bash: { enable: true, enableCompletion: false },
    zsh: { enable: true },
    fish: { enable: true, generateCompletions: false },
  },
};

test("programs.zoxide starts in every enabled shell, last in bash and zsh", () => {
  const c = evalHome([shells, { programs: { zoxide: { enable: true, options: ["--cmd", "j"] } } }]);
  assert.deepEqual(c.home.packages.map(String).sort(), ["bash", "fish", "zoxide", "zsh"]);
  assert.match(fileText(c, ".bashrc")!, /eval "\$\(zoxide init bash --cmd j\)"\nfi\n$/);
  assert.match(fileText(c, ".zshrc")!, /eval "\$\(zoxide init zsh --cmd j\)"\nfi\n$/);
  assert.match(fileText(c, ".config/fish/config.fish")!, /zoxide init fish --cmd j \| source/);
  const off = evalHome([
    shells,
    { programs: { zoxide: { enable: true, enableFishIntegration: false } } },
  ]);
  assert.doesNotMatch(fileText(off, ".config/fish/config.fish")!, /zoxide/);
  assert.deepEqual(Object.keys(evalHome([shells]).home.shell.init.bash), []);
});

test("real shells: with zoxide missing, each shell still starts cleanly; the init code parses", () => {
  const t = tempHome();
  try {
    t.write(evalHome([shells, { programs: { zoxide: { enable: true } } }], { home: t.dir }));
    const env = { PATH: "/usr/bin:/bin" };
    const b = run("bash", ["-i", "-c", "echo ok"], t.dir, env);
    assert.equal(b.stdout, "ok\n", b.stderr);
    assert.doesNotMatch(b.stderr, /zoxide/);
    if (have("zsh")) assert.equal(run("zsh", ["-i", "-c", "echo ok"], t.dir, env).stdout, "ok\n");
    if (have("fish")) {
      const f = run("fish", ["--no-execute", join(t.dir, ".config/fish/config.fish")], t.dir);
      assert.equal(f.status, 0, f.stderr);
    }
  } finally {
    rmSync(t.dir, { recursive: true, force: true });
  }
});

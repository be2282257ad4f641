import assert from "node:assert/strict";
import { chmodSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { isStorePackage } from "../../packages/index.ts";
import { evalHome, run, tempHome } from "./_test-home.ts";

test("programs.confed puts a built `confed` wrapper in the home's packages and PATH", () => {
  assert.deepEqual(evalHome([]).home.packages, []);
  const c = evalHome([{ programs: { confed: { enable: true, path: "$HOME/src/dotfiles" } } }]);
  const [wrapper] = c.home.packages as any[];
  assert.ok(isStorePackage(wrapper));
  const recipe = wrapper.recipe as { destination: string; text: string };
  assert.equal(recipe.destination, "bin/confed");
  assert.match(recipe.text, /configured="\$HOME\/src\/dotfiles"/);
  const vars = c.home.managedFiles.find((f: any) => f.target === ".config/confed/session-vars.sh");
  assert.match(vars.text, /profiles\/home-me\/home-path\/bin/); // the profile's bin is on PATH
});

test("real bash: the wrapper runs the repository's confed, from inside it or from anywhere", () => {
  const t = tempHome();
  try {
    const repo = join(t.dir, "src/dotfiles");
    mkdirSync(join(repo, "node_modules/.bin"), { recursive: true });
    mkdirSync(join(repo, "machines"), { recursive: true });
    writeFileSync(join(repo, "confed.ts"), "");
    const fake = join(repo, "node_modules/.bin/confed");
    writeFileSync(fake, '#!/bin/sh\necho "confed in $PWD: $*"\n');
    chmodSync(fake, 0o755);
    const write = (path: string | null) => {
      const c = evalHome([{ programs: { confed: { enable: true, path } } }], { home: t.dir });
      const file = join(t.dir, "confed");
      writeFileSync(file, c.programs.confed.package.recipe.text);
      chmodSync(file, 0o755);
      return file;
    };
    const anywhere = write("$HOME/src/dotfiles");
    let r = run(anywhere, ["home", "switch"], t.dir);
    assert.equal(r.stdout, `confed in ${repo}: home switch\n`, r.stderr);
    const here = write(null);
    r = run("sh", ["-c", `cd ${repo}/machines && ${here} check`], t.dir);
    assert.equal(r.stdout, `confed in ${repo}/machines: check\n`, r.stderr);
    r = run(here, ["check"], t.dir);
    assert.equal(r.status, 127);
    assert.match(r.stderr, /set programs\.confed\.path/);
  } finally {
    rmSync(t.dir, { recursive: true, force: true });
  }
});

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { mkForce } from "../../module-system/index.ts";
import { evalHome, fileText } from "../programs/_test-home.ts";
import { shellQuote, versionAtLeast } from "./shell-integration.ts";

const shells = {
  programs: { bash: { enable: true, enableCompletion: false }, zsh: { enable: true } },
};
const tools = {
  programs: { fzf: { enable: true }, direnv: { enable: true }, keychain: { enable: true } },
};

test("home.shell flags: one global switch, one per shell, one per program", () => {
  const c = evalHome([tools]);
  assert.equal(c.programs.direnv.enableBashIntegration, true);
  const noZsh = evalHome([tools, { home: { shell: { enableZshIntegration: false } } }]);
  assert.equal(noZsh.programs.direnv.enableZshIntegration, false);
  assert.equal(noZsh.programs.direnv.enableBashIntegration, true);
  const none = evalHome([tools, { home: { shell: { enableShellIntegration: false } } }]);
  assert.deepEqual(Object.keys(none.home.shell.init.bash), []);
  const one = evalHome([
    tools,
    {
      home: { shell: { enableShellIntegration: false } },
      programs: { direnv: { enableBashIntegration: true } },
    },
  ]);
  assert.deepEqual(Object.keys(one.home.shell.init.bash), ["direnv"]);
});

test("home.shell.init: entries are ordered by `order`, and a user can replace one by name", () => {
  const c = evalHome([
    shells,
    tools,
    {
      programs: { fzf: { version: "0.60.0" } },
      home: { shell: { init: { bash: { keychain: mkForce({ text: "MY_KEYCHAIN=1" }) } } } },
    },
  ]);
  const rc = fileText(c, ".bashrc")!;
  const at = (s: string) => rc.indexOf(s);
  assert.ok(
    at("fzf --bash") < at("MY_KEYCHAIN=1") && at("MY_KEYCHAIN=1") < at("direnv hook bash"),
    rc,
  );
  assert.doesNotMatch(rc, /keychain --eval/);
});

test("home.shellAliases reach every enabled shell", () => {
  const c = evalHome([shells, { home: { shellAliases: { "l.": "ls -d .*" } } }]);
  assert.match(fileText(c, ".bashrc")!, /alias -- l\.='ls -d \.\*'/);
  assert.match(fileText(c, ".zshrc")!, /alias -- l\.='ls -d \.\*'/);
});

test("versionAtLeast reads distro versions; unknown ones are undefined", () => {
  assert.equal(versionAtLeast("0.38.0-1+b1", "0.48"), false);
  assert.equal(versionAtLeast("1:0.48.1-2", "0.48"), true);
  assert.equal(versionAtLeast("0.48", "0.48.0"), true);
  assert.equal(versionAtLeast("2.36.0-1", "2.36"), true);
  assert.equal(versionAtLeast(undefined, "1"), undefined);
  assert.equal(versionAtLeast("git-abc", "1"), undefined);
});

test("shellQuote gives back the same word through sh", () => {
  for (const w of ["plain", "with space", "it's", "$HOME", "a\nb", "", "'", "\\", "*"]) {
    const r = spawnSync("sh", ["-c", `printf %s ${shellQuote(w)}`], { encoding: "utf8" });
    assert.equal(r.stdout, w);
  }
});

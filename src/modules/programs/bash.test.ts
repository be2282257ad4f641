import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { assertFixture, evalHome, fileText, run, targets, tempHome } from "./_test-home.ts";

const full = {
  home: { shellAliases: { ll: "ls -l" }, sessionVariables: { EDITOR: "vim" } },
  programs: {
    bash: {
      enable: true,
      shellAliases: { "..": "cd ..", say: "echo 'it''s' $HOME" },
      shellOptions: ["extglob", "-cdspell", "globstar"],
      historyControl: ["ignoredups", "ignorespace"],
      historyIgnore: ["ls", "cd *", "exit"],
      historyFile: "$HOME/.local/state/bash/history",
      historySize: 5000,
      sessionVariables: { PAGER: "less -R", MAILCHECK: 30, UNSET_ME: null },
      profileExtra: "umask 022",
      bashrcExtra: "export FROM_BASHRC=1",
      initExtra: "PS1='\\u@\\h \\w\\$ '",
      logoutExtra: "clear",
    },
  },
};

test("programs.bash writes nothing when disabled", () => {
  assert.deepEqual(targets(evalHome([])), []);
  assert.deepEqual(evalHome([{ home: { shellAliases: { ll: "ls -l" } } }]).home.packages, []);
});

test("programs.bash writes .bash_profile, .profile and .bashrc, .bash_logout only when set", () => {
  const c = evalHome([{ programs: { bash: { enable: true } } }]);
  assert.deepEqual(targets(c), [".bash_profile", ".bashrc", ".profile"]);
  assertFixture("bash", "default.bashrc", fileText(c, ".bashrc"));
  assertFixture("bash", "default.profile", fileText(c, ".profile"));
  assertFixture("bash", "bash_profile", fileText(c, ".bash_profile"));
  assert.deepEqual(c.home.packages.map(String), ["bash", "bash-completion"]);
});

test("programs.bash options become the files' text", () => {
  const c = evalHome([full]);
  assert.deepEqual(targets(c), [".bash_logout", ".bash_profile", ".bashrc", ".profile"]);
  assertFixture("bash", "full.bashrc", fileText(c, ".bashrc"));
  assertFixture("bash", "full.profile", fileText(c, ".profile"));
  assertFixture("bash", "full.bash_logout", fileText(c, ".bash_logout"));
});

test("programs.bash with a null package and no completion installs nothing", () => {
  const c = evalHome([
    { programs: { bash: { enable: true, package: null, enableCompletion: false } } },
  ]);
  assert.deepEqual(c.home.packages, []);
  assert.doesNotMatch(fileText(c, ".bashrc")!, /bash_completion/);
});

test("home.shell.init.bash entries go into .bashrc by order around initExtra", () => {
  const c = evalHome([
    {
      programs: { bash: { enable: true, enableCompletion: false, initExtra: "USER_CODE=1" } },
      home: {
        shell: {
          init: {
            bash: {
              late: { order: 1500, text: "LATE=1" },
              early: { order: 200, text: "EARLY=1\n" },
            },
          },
        },
      },
    },
  ]);
  const rc = fileText(c, ".bashrc")!;
  assert.match(rc, /EARLY=1\nUSER_CODE=1\nLATE=1\n$/);
});

test("real bash: a login shell gets the session variables, aliases, history settings and shopts", () => {
  const t = tempHome();
  try {
    const c = evalHome([full], { home: t.dir });
    t.write(c);
    for (const f of [".bashrc", ".profile", ".bash_profile", ".bash_logout"]) {
      const r = run("bash", ["-n", join(t.dir, f)], t.dir);
      assert.equal(r.status, 0, `bash -n ${f}: ${r.stderr}`);
    }
    const r = run(
      "bash",
      [
        "-l",
        "-i",
        "-c",
        "declare -p EDITOR PAGER MAILCHECK FROM_BASHRC HISTSIZE HISTFILESIZE HISTCONTROL HISTIGNORE HISTFILE; alias; shopt -p extglob globstar cdspell histappend; echo UNSET=$(printenv UNSET_ME || echo none) umask=$(umask)",
      ],
      t.dir,
    );
    assert.equal(r.status, 0, r.stderr);
    const out = r.stdout;
    for (const want of [
      'declare -x EDITOR="vim"',
      'declare -x PAGER="less -R"',
      'declare -ix MAILCHECK="30"', // bash keeps its own integer attribute,
      'declare -x FROM_BASHRC="1"',
      'declare -- HISTSIZE="5000"',
      'declare -- HISTFILESIZE="100000"',
      'declare -- HISTCONTROL="ignoredups:ignorespace"',
      'declare -- HISTIGNORE="ls:cd *:exit"',
      `declare -- HISTFILE="${t.dir}/.local/state/bash/history"`,
      "alias ..='cd ..'",
      "alias ll='ls -l'",
      "alias say='echo '\\''it'\\'''\\''s'\\'' $HOME'",
      "shopt -s extglob",
      "shopt -s globstar",
      "shopt -u cdspell",
      "shopt -u histappend",
      "UNSET=none umask=0022",
    ])
      assert.ok(out.includes(want), `missing ${JSON.stringify(want)} in:\n${out}`);
  } finally {
    rmSync(t.dir, { recursive: true, force: true });
  }
});

test("real bash: a non-interactive bash runs bashrcExtra only", () => {
  const t = tempHome();
  try {
    t.write(evalHome([full], { home: t.dir }));
    const r = run(
      "bash",
      ["--norc", "-c", `source ${t.dir}/.bashrc; echo $FROM_BASHRC; alias`],
      t.dir,
    );
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, "1\n");
  } finally {
    rmSync(t.dir, { recursive: true, force: true });
  }
});

import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { mkForce } from "../../module-system/index.ts";
import { assertFixture, evalHome, fileText, have, run, targets, tempHome } from "./_test-home.ts";

const full = {
  home: { shellAliases: { ll: "ls -l" }, sessionVariables: { EDITOR: "vim" } },
  programs: {
    zsh: {
      enable: true,
      shellAliases: { gs: "git status" },
      shellGlobalAliases: { G: "| grep" },
      defaultKeymap: "emacs",
      autocd: true,
      history: { size: 20000, ignorePatterns: ["rm *", "pkill *"], share: false },
      setOptions: ["NO_BEEP"],
      sessionVariables: { PAGER: "less -R" },
      autosuggestion: { enable: true, highlight: "fg=8" },
      syntaxHighlighting: { enable: true, highlighters: ["brackets"], styles: { comment: "fg=8" } },
      initContent: "bindkey '^ ' autosuggest-accept",
      envExtra: "export FROM_ZSHENV=1",
      profileExtra: "umask 022",
      loginExtra: "echo hello",
    },
  },
};

test("programs.zsh writes nothing when disabled", () => {
  assert.deepEqual(targets(evalHome([{ programs: { zsh: { initContent: "x" } } }])), []);
});

test("programs.zsh writes .zshenv, .zprofile and .zshrc", () => {
  const c = evalHome([{ programs: { zsh: { enable: true } } }]);
  assert.deepEqual(targets(c), [".zprofile", ".zshenv", ".zshrc"]);
  assertFixture("zsh", "default.zshrc", fileText(c, ".zshrc"));
  assertFixture("zsh", "default.zshenv", fileText(c, ".zshenv"));
  assertFixture("zsh", "default.zprofile", fileText(c, ".zprofile"));
  assert.deepEqual(c.home.packages.map(String), ["zsh"]);
});

test("programs.zsh options become the files' text; plugins are distro packages", () => {
  const c = evalHome([full]);
  assert.deepEqual(targets(c), [".zlogin", ".zprofile", ".zshenv", ".zshrc"]);
  assertFixture("zsh", "full.zshrc", fileText(c, ".zshrc"));
  assertFixture("zsh", "full.zshenv", fileText(c, ".zshenv"));
  assertFixture("zsh", "full.zprofile", fileText(c, ".zprofile"));
  assert.deepEqual(c.home.packages.map(String), [
    "zsh",
    "zsh-autosuggestions",
    "zsh-syntax-highlighting",
  ]);
  // Arch keeps the plugins elsewhere.
  const arch = fileText(evalHome([full], { family: "pacman" }), ".zshrc")!;
  assert.match(
    arch,
    /source \/usr\/share\/zsh\/plugins\/zsh-autosuggestions\/zsh-autosuggestions\.zsh/,
  );
});

test("programs.zsh.dotDir moves the files; ~/.zshenv points there", () => {
  const c = evalHome([{ programs: { zsh: { enable: true, dotDir: "/home/me/.config/zsh" } } }]);
  assert.deepEqual(targets(c), [
    ".config/zsh/.zprofile",
    ".config/zsh/.zshenv",
    ".config/zsh/.zshrc",
    ".zshenv",
  ]);
  assertFixture("zsh", "dotdir.home.zshenv", fileText(c, ".zshenv"));
  assertFixture("zsh", "dotdir.zshenv", fileText(c, ".config/zsh/.zshenv"));
  assert.match(
    fileText(c, ".config/zsh/.zshrc")!,
    /HISTFILE="\/home\/me\/\.config\/zsh\/\.zsh_history"/,
  );
});

test("programs.zsh.initExtra still works, with a rename warning", () => {
  const c = evalHome([{ programs: { zsh: { enable: true, initExtra: "OLD_NAME=1" } } }]);
  assert.match(fileText(c, ".zshrc")!, /OLD_NAME=1/);
  assert.ok(c.warnings.some((w: string) => /programs\.zsh\.initContent/.test(w)));
});

const zsh = have("zsh");
const skip = zsh
  ? false
  : "zsh is not installed here (apt-get install zsh to run the real-zsh checks)";

test("real zsh: the files parse, and a login shell gets variables, aliases and options", {
  skip,
}, () => {
  const t = tempHome();
  try {
    const dot = join(t.dir, ".config/zsh");
    const c = evalHome(
      [
        full,
        {
          programs: {
            zsh: {
              dotDir: dot,
              autosuggestion: { enable: mkForce(false) },
              syntaxHighlighting: { enable: mkForce(false) },
            },
          },
        },
      ],
      { home: t.dir },
    );
    t.write(c);
    for (const f of [
      ".zshenv",
      ".config/zsh/.zshenv",
      ".config/zsh/.zprofile",
      ".config/zsh/.zshrc",
      ".config/zsh/.zlogin",
    ]) {
      const r = run("zsh", ["-n", join(t.dir, f)], t.dir);
      assert.equal(r.status, 0, `zsh -n ${f}: ${r.stderr}`);
    }
    const r = run(
      "zsh",
      [
        "-l",
        "-i",
        "-c",
        "typeset -p EDITOR PAGER FROM_ZSHENV ZDOTDIR HISTSIZE SAVEHIST HISTFILE; alias; setopt",
      ],
      t.dir,
    );
    const out = r.stdout;
    for (const want of [
      "export EDITOR=vim",
      "export PAGER='less -R'",
      "export FROM_ZSHENV=1",
      `export ZDOTDIR=${dot}`,
      "HISTSIZE=20000",
      "SAVEHIST=20000",
      `HISTFILE=${dot}/.zsh_history`,
      "gs='git status'",
      "ll='ls -l'",
      "G='| grep'",
      "autocd",
      "histignorespace",
      "nobeep",
      "hello",
    ])
      assert.ok(out.includes(want), `missing ${JSON.stringify(want)} in:\n${out}\n${r.stderr}`);
    assert.doesNotMatch(out, /sharehistory/);
    // A non-login, non-interactive zsh still gets the session variables from .zshenv.
    const r2 = run("zsh", ["-c", "echo $EDITOR $FROM_ZSHENV"], t.dir);
    assert.equal(r2.stdout, "vim 1\n", r2.stderr);
  } finally {
    rmSync(t.dir, { recursive: true, force: true });
  }
});

test("real zsh: the Debian plugins load from the paths the module names", {
  skip: zsh && have("dpkg") ? false : skip || "not Debian",
}, () => {
  const missing = [
    "/usr/share/zsh-autosuggestions/zsh-autosuggestions.zsh",
    "/usr/share/zsh-syntax-highlighting/zsh-syntax-highlighting.zsh",
  ].filter((p) => run("test", ["-f", p], "/").status !== 0);
  if (missing.length) return; // the plugin packages are not installed: nothing to check
  const t = tempHome();
  try {
    t.write(evalHome([full], { home: t.dir }));
    const r = run(
      "zsh",
      ["-i", "-c", "echo $ZSH_AUTOSUGGEST_STRATEGY; echo ${ZSH_HIGHLIGHT_HIGHLIGHTERS[@]}"],
      t.dir,
    );
    assert.equal(r.stdout, "history\nmain brackets\n", r.stderr);
  } finally {
    rmSync(t.dir, { recursive: true, force: true });
  }
});

import assert from "node:assert/strict";
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fishDoubleQuoted } from "./_fish-syntax.ts";
import { assertFixture, evalHome, fileText, have, run, targets, tempHome } from "./_test-home.ts";

const full = (pluginSrc = "/srv/fish/hello") => ({
  home: {
    shellAliases: { ll: "ls -l" },
    sessionVariables: {
      EDITOR: "vim",
      GREETING: 'it\'s "quoted" $HOME${WHO}x',
      COMPUTED: "$(echo computed)",
      PRICE: "5$",
    },
    sessionPath: ["$HOME/.local/bin", "/opt/tools/bin"],
  },
  programs: {
    fish: {
      enable: true,
      generateCompletions: false,
      shellAliases: { say: "echo 'it''s' $HOME" },
      shellAbbrs: {
        gco: "git checkout",
        "-C": { position: "anywhere", expansion: "--color" },
        L: { position: "anywhere", setCursor: true, expansion: "% | less" },
      },
      shellInit: "set -gx FROM_SHELL_INIT 1",
      loginShellInit: "set -gx FROM_LOGIN 1",
      interactiveShellInit: "set -g FROM_INTERACTIVE 1",
      shellInitLast: "set -g FROM_LAST 1",
      functions: {
        mkcd: "mkdir -p $argv[1]; and cd $argv[1]",
        greet: {
          body: 'echo "hello $who"',
          argumentNames: "who",
          description: "Says hello",
        },
        on_pwd: { body: "set -g PWD_CHANGED 1", onVariable: "PWD", noScopeShadowing: true },
      },
      plugins: [{ name: "hello", src: pluginSrc }],
    },
  },
});

test("programs.fish writes nothing when disabled", () => {
  const c = evalHome([{ home: { shellAliases: { ll: "ls -l" } } }]);
  assert.deepEqual(targets(c), []);
  assert.equal(fileText(c, ".config/confed/session-vars.fish"), undefined);
  assert.deepEqual(c.home.activation.fishCompletions, undefined);
});

test("programs.fish alone writes config.fish and the session file, and updates completions", () => {
  const c = evalHome([{ programs: { fish: { enable: true } } }]);
  assert.deepEqual(targets(c), [".config/fish/config.fish"]);
  assertFixture("fish", "default.config.fish", fileText(c, ".config/fish/config.fish"));
  assertFixture(
    "fish",
    "default.session-vars.fish",
    fileText(c, ".config/confed/session-vars.fish"),
  );
  assert.deepEqual(c.home.packages.map(String), ["fish"]);
  assert.match(c.home.activation.fishCompletions.data, /fish_update_completions/);
});

test("programs.fish options become config.fish, functions and a plugin loader", () => {
  const c = evalHome([full()]);
  assert.deepEqual(targets(c).sort(), [
    ".config/fish/conf.d/plugin-hello.fish",
    ".config/fish/config.fish",
    ".config/fish/functions/greet.fish",
    ".config/fish/functions/mkcd.fish",
    ".config/fish/functions/on_pwd.fish",
    ".local/share/fish/confed-plugins/hello",
  ]);
  assertFixture("fish", "full.config.fish", fileText(c, ".config/fish/config.fish"));
  assertFixture("fish", "full.session-vars.fish", fileText(c, ".config/confed/session-vars.fish"));
  assertFixture("fish", "greet.fish", fileText(c, ".config/fish/functions/greet.fish"));
  assertFixture("fish", "on_pwd.fish", fileText(c, ".config/fish/functions/on_pwd.fish"));
  assertFixture("fish", "plugin-hello.fish", fileText(c, ".config/fish/conf.d/plugin-hello.fish"));
  const plugin = c.home.managedFiles.find(
    (f: any) => f.target === ".local/share/fish/confed-plugins/hello",
  );
  assert.equal(plugin.source, "/srv/fish/hello");
});

test("fishDoubleQuoted keeps $NAME and ${NAME}, and gives up on other expansions", () => {
  const cases: [string, string | null][] = [
    ["plain", '"plain"'],
    ["$HOME/bin", '"$HOME/bin"'],
    ["${HOME}x", '"$HOME""x"'],
    ["$HOME[1]", '"$HOME""[1]"'],
    ['a "b" \\c', '"a \\"b\\" \\\\c"'],
    ["cost 5$", '"cost 5\\$"'],
    ["$ x", '"\\$ x"'],
    ["$(date)", null],
    ["${X:-y}", null],
    ["$1", null],
    ["$$", null],
  ];
  for (const [input, want] of cases) assert.equal(fishDoubleQuoted(input), want, input);
});

test("home.shell.init.fish entries (fzf, direnv, starship) go into the interactive init by order", () => {
  const c = evalHome([
    {
      programs: {
        fish: { enable: true, interactiveShellInit: "set -g USER_CODE 1" },
        fzf: { enable: true },
        direnv: { enable: true },
        starship: { enable: true },
      },
    },
  ]);
  const text = fileText(c, ".config/fish/config.fish")!;
  const at = (s: string) => text.indexOf(s);
  assert.ok(at("fzf_key_bindings") > 0, text);
  assert.ok(at("fzf_key_bindings") < at("USER_CODE"), "fzf (200) before the user's code (1000)");
  assert.ok(at("USER_CODE") < at("direnv hook fish | source"), "direnv (1500) after");
  assert.ok(at("starship init fish | source") > at("USER_CODE"));
  const off = evalHome([
    { programs: { fish: { enable: true }, fzf: { enable: true, enableFishIntegration: false } } },
  ]);
  assert.doesNotMatch(fileText(off, ".config/fish/config.fish")!, /fzf/);
});

test("programs.fish refuses two plugins of one name and a function name with a slash", () => {
  const two = evalHome([
    {
      programs: {
        fish: {
          enable: true,
          plugins: [
            { name: "x", src: "/a" },
            { name: "x", src: "/b" },
          ],
        },
      },
    },
  ]);
  assert.throws(() => two.home.managedFiles, /programs\.fish\.plugins: two plugins are named `x'/);
  const slash = evalHome([{ programs: { fish: { enable: true, functions: { "a/b": "true" } } } }]);
  assert.throws(() => slash.home.managedFiles, /programs\.fish\.functions: `a\/b'/);
  assert.throws(
    () =>
      evalHome([{ programs: { fish: { enable: true, shellAbbrs: { x: 3 } } } }]).home.managedFiles,
    /programs\.fish\.shellAbbrs\.x/,
  );
});

test("real fish: every generated file parses (fish --no-execute)", {
  skip: have("fish") ? false : "fish is not installed here (apt-get install fish)",
}, () => {
  const t = tempHome();
  try {
    const c = evalHome([full()], { home: t.dir });
    t.write(c);
    for (const f of c.home.managedFiles) {
      if (f.text === null || !f.target.endsWith(".fish")) continue;
      const r = run("fish", ["--no-execute", join(t.dir, f.target)], t.dir);
      assert.equal(r.status, 0, `fish --no-execute ${f.target}: ${r.stderr}`);
    }
  } finally {
    rmSync(t.dir, { recursive: true, force: true });
  }
});

test("real fish: a login shell gets the session, aliases, abbreviations, functions and the plugin", {
  skip: have("fish") ? false : "fish is not installed here (apt-get install fish)",
}, () => {
  const t = tempHome();
  try {
    const plugin = join(t.dir, "src/hello");
    mkdirSync(join(plugin, "functions"), { recursive: true });
    writeFileSync(
      join(plugin, "functions/hello_plugin.fish"),
      "function hello_plugin\n  echo hi\nend\n",
    );
    writeFileSync(join(plugin, "init.fish"), "set -g HELLO_INIT 1\n");
    const c = evalHome([full(plugin)], { home: t.dir });
    t.write(c);
    mkdirSync(join(t.dir, ".local/share/fish/confed-plugins"), { recursive: true });
    symlinkSync(plugin, join(t.dir, ".local/share/fish/confed-plugins/hello"));
    const script = [
      "echo EDITOR=$EDITOR",
      "echo GREETING=$GREETING",
      "echo COMPUTED=$COMPUTED",
      "echo PRICE=$PRICE",
      "echo PATH1=$PATH[1] PATH2=$PATH[2]",
      "echo FLAGS=$FROM_SHELL_INIT$FROM_LOGIN$FROM_INTERACTIVE$FROM_LAST",
      "echo HELLO_INIT=$HELLO_INIT (hello_plugin)",
      "greet world",
      "abbr --show",
      "say",
    ].join("; ");
    const r = run("fish", ["--login", "--interactive", "-c", script], t.dir, { WHO: "me" });
    assert.equal(r.status, 0, r.stderr);
    const out = r.stdout;
    for (const want of [
      "EDITOR=vim",
      `GREETING=it's "quoted" ${t.dir}mex`,
      "COMPUTED=computed",
      "PRICE=5$",
      `PATH1=${t.dir}/.local/bin PATH2=/opt/tools/bin`,
      "FLAGS=1111",
      "HELLO_INIT=1 hi",
      "hello world",
      "abbr -a -- gco 'git checkout'",
      "abbr -a --position anywhere -- -C --color",
      `its ${t.dir}`, // sh's meaning of the alias's quotes, as bash reads it
    ])
      assert.ok(out.includes(want), `missing ${JSON.stringify(want)} in:\n${out}\n${r.stderr}`);
    // The same variables as the POSIX session file says, as sh reads it.
    const sh = run(
      "sh",
      [
        "-c",
        `. ${t.dir}/.config/confed/session-vars.sh; printf '%s|' "$GREETING" "$COMPUTED" "$PRICE"`,
      ],
      t.dir,
      { WHO: "me" },
    );
    assert.equal(sh.stdout, `it's "quoted" ${t.dir}mex|computed|5$|`);
  } finally {
    rmSync(t.dir, { recursive: true, force: true });
  }
});

const debianFzf = have("fzf") && have("fish");
test("real fish: fzf's key bindings (Debian's script) and the direnv hook load", {
  skip: debianFzf ? false : "fish or fzf is not installed here (apt-get install fish fzf)",
}, () => {
  const t = tempHome();
  try {
    t.write(
      evalHome(
        [
          {
            programs: {
              fish: { enable: true, generateCompletions: false },
              fzf: { enable: true, version: "0.38.0" },
            },
          },
        ],
        { home: t.dir },
      ),
    );
    const r = run("fish", ["-i", "-c", "bind \\ct"], t.dir);
    assert.match(r.stdout, /fzf-file-widget/, r.stderr);
  } finally {
    rmSync(t.dir, { recursive: true, force: true });
  }
});

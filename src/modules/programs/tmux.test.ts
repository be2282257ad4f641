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
  assertFixtureOf("tmux", name, actual);

/** What a tmux server started with the config reports: global options and prefix bindings. */
function tmuxShow(conf: string): { options: Map<string, string>; keys: string } {
  const dir = mkdtempSync(join(tmpdir(), "confed-tmux-"));
  try {
    writeFileSync(join(dir, "tmux.conf"), conf);
    const r = spawnSync(
      "tmux",
      [
        "-S",
        join(dir, "sock"),
        "-f",
        join(dir, "tmux.conf"),
        "start-server",
        ";",
        "show",
        "-g",
        ";",
        "show",
        "-s",
        ";",
        "show",
        "-gw",
        ";",
        "list-keys",
      ],
      { encoding: "utf8", env: { PATH: process.env.PATH, HOME: dir } },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, "", "tmux reported errors in the configuration");
    const options = new Map<string, string>();
    const keys: string[] = [];
    for (const line of r.stdout.split("\n")) {
      if (line.startsWith("bind-key")) keys.push(line.replace(/\s+/g, " "));
      else {
        const sp = line.indexOf(" ");
        if (sp > 0) options.set(line.slice(0, sp), line.slice(sp + 1));
      }
    }
    return { options, keys: keys.join("\n") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const options = {
  programs: {
    tmux: {
      enable: true,
      shortcut: "a",
      keyMode: "vi",
      terminal: "tmux-256color",
      baseIndex: 1,
      escapeTime: 0,
      historyLimit: 50000,
      mouse: true,
      clock24: true,
      plugins: [
        "/usr/share/tmux-plugins/yank/yank.tmux",
        {
          plugin: "/usr/share/tmux-plugins/resurrect/resurrect.tmux",
          extraConfig: "set -g @resurrect-strategy-nvim 'session'",
        },
      ],
      extraConfig: "set -g status-position top",
    },
  },
};

test("programs.tmux writes ~/.config/tmux/tmux.conf: settings, plugins, then extraConfig", () => {
  const c = home(options);
  assertFixture("shortcut.conf", text(c, ".config/tmux/tmux.conf"));
  assertFixture(
    "prefix.conf",
    text(
      home({ programs: { tmux: { enable: true, prefix: "C-Space" } } }),
      ".config/tmux/tmux.conf",
    ),
  );
  assert.deepEqual(
    c.home.packages.map((p: any) => p.name),
    ["tmux"],
  );
  assert.equal(c.home.sessionVariables.TMUX_TMPDIR, `\${XDG_RUNTIME_DIR:-"/run/user/$(id -u)"}`);
  assert.equal(
    text(home({ programs: { tmux: { mouse: true } } }), ".config/tmux/tmux.conf"),
    undefined,
  );
});

test("programs.tmux's file means to tmux what the options say", {
  skip: spawnSync("tmux", ["-V"]).status !== 0 && "tmux is not installed",
}, () => {
  // The plugin scripts do not exist here: check the file without its run-shell lines.
  const conf = text(home(options), ".config/tmux/tmux.conf")!.replace(/^run-shell .*$/gm, "");
  const { options: o, keys } = tmuxShow(conf);
  assert.equal(o.get("default-terminal"), "tmux-256color");
  assert.equal(o.get("base-index"), "1");
  assert.equal(o.get("pane-base-index"), "1");
  assert.equal(o.get("status-keys"), "vi");
  assert.equal(o.get("mode-keys"), "vi");
  assert.equal(o.get("prefix"), "C-a");
  assert.equal(o.get("mouse"), "on");
  assert.equal(o.get("clock-mode-style"), "24");
  assert.equal(o.get("escape-time"), "0");
  assert.equal(o.get("history-limit"), "50000");
  assert.equal(o.get("status-position"), "top");
  assert.equal(o.get("@resurrect-strategy-nvim"), "session");
  assert.match(keys, /-T prefix a send-prefix/);
  assert.match(keys, /-T prefix C-a last-window/);
  assert.doesNotMatch(keys, /-T prefix C-b send-prefix/);
});

test("programs.tmux: sensibleOnTop fails with what to do instead", () => {
  const c = home({ programs: { tmux: { enable: true, sensibleOnTop: true } } });
  assert.ok(
    c.assertions.some(
      (a: any) => !a.assertion && /sensible\.tmux first in programs\.tmux\.plugins/.test(a.message),
    ),
  );
});

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { mkOptionDefault } from "../../module-system/index.ts";
import { assertFixture, evalHome, fileText, have } from "./_test-home.ts";

const i3 = (config: unknown, more: Record<string, unknown> = {}) =>
  evalHome([
    { xsession: { enable: true, windowManager: { i3: { enable: true, config, ...more } } } },
  ]);
const text = (c: any) => fileText(c, ".config/i3/config");

/** i3's own parser: `i3 -C` exits non-zero on a config it cannot read. */
function i3Check(conf: string): { status: number | null; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), "confed-i3-"));
  try {
    writeFileSync(join(dir, "config"), conf);
    const r = spawnSync("i3", ["-C", "-c", join(dir, "config")], {
      encoding: "utf8",
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: "1" },
    });
    return { status: r.status, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const noI3 = !have("i3") && "i3 is not installed (apt-get install i3-wm)";

// Most of home-manager's i3 options, as its tests use them (stateVersion 25.05 defaults).
const full = {
  modifier: "Mod4",
  terminal: "alacritty",
  menu: "rofi -show run",
  fonts: {
    names: ["DejaVu Sans Mono", "FontAwesome5Free"],
    style: "Bold Semi-Condensed",
    size: 11,
  },
  // Added to the defaults, as home-manager's documentation suggests.
  keybindings: mkOptionDefault({ "Mod4+Shift+x": "exec i3lock -n" }),
  keycodebindings: { "214": "exec /bin/script.sh" },
  defaultWorkspace: "workspace number 1",
  window: {
    titlebar: false,
    border: 1,
    commands: [{ command: "border pixel 1", criteria: { class: "XTerm" } }],
  },
  floating: {
    criteria: [{ title: "Steam - Update News" }, { class: "Pavucontrol", floating: true }],
  },
  focus: { followMouse: false, wrapping: "workspace" },
  assigns: {
    "1: web": [{ class: "^Firefox$" }],
    "0: extra": [{ class: "^Firefox$", window_role: "About" }],
  },
  gaps: { inner: 12, outer: 5, smartGaps: true, smartBorders: "on" },
  bars: [
    {
      position: "top",
      statusCommand: "i3status",
      fonts: { names: ["monospace"], size: 9 },
      colors: {
        background: "#222222",
        focusedWorkspace: { border: "#4c7899", background: "#285577", text: "#ffffff" },
      },
      extraConfig: 'separator_symbol "|"',
    },
  ],
  startup: [
    { command: "systemctl --user restart polybar", always: true, notification: false },
    { command: "dropbox start", notification: false },
    { command: "firefox" },
  ],
  workspaceOutputAssign: [{ workspace: "1", output: ["HDMI-1", "eDP-1"] }],
};

test("xsession.windowManager.i3 writes home-manager's default i3 config, which i3 reads", () => {
  const c = i3({});
  assertFixture("i3", "default.config", text(c));
  assert.equal(c.xsession.windowManager.command, "/usr/bin/i3");
  assert.deepEqual(
    c.home.packages.map((p: any) => p.name),
    ["i3", "i3status"],
  );
});

test("xsession.windowManager.i3 renders every kind of setting as home-manager does", () => {
  assertFixture("i3", "full.config", text(i3(full, { extraConfig: "workspace_layout tabbed" })));
});

test("i3 -C accepts the generated configurations", { skip: noI3 }, () => {
  for (const c of [i3({}), i3(full, { extraConfig: "workspace_layout tabbed" })]) {
    const r = i3Check(text(c)!);
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /CONFIG: /, r.stderr);
  }
  // and the check is real: a misspelt directive fails
  assert.notEqual(i3Check("# i3 config file (v4)\nfloating_modifer Mod4\n").status, 0);
});

test("xsession.windowManager.i3: keybindings given plainly replace the defaults; null drops one", () => {
  const t = text(
    i3({ keybindings: { "Mod1+Return": "exec xterm", "Mod1+d": null }, bars: [], modes: {} }),
  )!;
  assert.deepEqual(
    t.split("\n").filter((l) => l.startsWith("bind")),
    ["bindsym Mod1+Return exec xterm"],
  );
});

test("xsession.windowManager.i3: config = null writes only extraConfig; disabled, nothing", () => {
  assert.equal(
    text(i3(null, { extraConfig: "bindsym Mod4+q kill" })),
    "# i3 config file (v4)\n\nbindsym Mod4+q kill\n",
  );
  assert.equal(text(i3(null)), undefined);
  const off = evalHome([{ xsession: { windowManager: { i3: { config: { modifier: "Mod4" } } } } }]);
  assert.equal(text(off), undefined);
});

test("xsession.windowManager.i3: a bad modifier is an error naming the option", () => {
  assert.throws(
    () => text(i3({ modifier: "Super" })),
    (e: any) =>
      /xsession\.windowManager\.i3\.config\.modifier/.test(e.message) && /Mod4/.test(e.message),
  );
});

import assert from "node:assert/strict";
import { test } from "node:test";
import { assertFixture, evalHome, fileText, targets } from "./_test-home.ts";

// kitty itself is not installed for the tests (a large graphical package that needs OpenGL to
// start), so kitty.conf is compared with its fixture only.
test("programs.kitty writes nothing without settings; the shells load its integration", () => {
  const c = evalHome([{ programs: { bash: { enable: true }, kitty: { enable: true } } }]);
  assert.deepEqual(
    targets(c).filter((t: string) => t.includes("kitty")),
    [],
  );
  assert.match(fileText(c, ".bashrc")!, /KITTY_SHELL_INTEGRATION="no-rc"/);
});

test("programs.kitty: font, theme, settings, aliases, keys and environment in kitty.conf", () => {
  const c = evalHome([
    {
      programs: {
        kitty: {
          enable: true,
          font: { name: "Fira Code", size: 11 },
          themeFile: "/home/me/themes/Dracula.conf",
          settings: { scrollback_lines: 10000, enable_audio_bell: false, background_opacity: 0.9 },
          actionAliases: { launch_tab: "launch --cwd=current --type=tab" },
          keybindings: { "ctrl+shift+t": "launch_tab", "ctrl+c": "copy_or_interrupt" },
          environment: { EDITOR: "nvim" },
          shellIntegration: { mode: "no-cursor" },
          extraConfig: "cursor_shape beam",
        },
      },
    },
  ]);
  assertFixture("kitty", "kitty.conf", fileText(c, ".config/kitty/kitty.conf"));
  const f = c.home.managedFiles.find((m: any) => m.target === ".config/kitty/kitty.conf");
  assert.match(f.onChange, /pkill -USR1/);
});

test("programs.kitty: a null mode with an integration on fails its assertion", () => {
  const c = evalHome([
    {
      programs: {
        kitty: { enable: true, shellIntegration: { mode: null, enableBashIntegration: true } },
      },
    },
  ]);
  assert.ok(
    c.assertions.some((a: any) => !a.assertion && /shellIntegration\.mode is null/.test(a.message)),
  );
});

import assert from "node:assert/strict";
import { test } from "node:test";
import { assertFixture, evalHome, fileText, targets } from "./_test-home.ts";

test("programs.btop writes btop.conf only with settings, and the themes", () => {
  assert.deepEqual(targets(evalHome([{ programs: { btop: { enable: true } } }])), []);
  const c = evalHome([
    {
      programs: {
        btop: {
          enable: true,
          settings: {
            color_theme: "Default",
            theme_background: false,
            update_ms: 1000,
            rounded_corners: true,
          },
          extraConfig: 'shown_boxes = "cpu mem"',
          themes: { mine: 'theme[main_bg]="#282a36"\n', file: "/srv/btop/file.theme" },
        },
      },
    },
  ]);
  assertFixture("btop", "btop.conf", fileText(c, ".config/btop/btop.conf"));
  assert.equal(fileText(c, ".config/btop/themes/mine.theme"), 'theme[main_bg]="#282a36"\n');
  const f = c.home.managedFiles.find((m: any) => m.target === ".config/btop/themes/file.theme");
  assert.equal(f.source, "/srv/btop/file.theme");
  assert.throws(
    () =>
      evalHome([{ programs: { btop: { enable: true, settings: { x: [1] } } } }]).home.managedFiles,
    /programs\.btop\.settings\.x/,
  );
});

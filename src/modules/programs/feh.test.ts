import assert from "node:assert/strict";
import { test } from "node:test";
import { evalHome, fileText, targets } from "./_test-home.ts";

test("programs.feh writes keys, buttons and themes only when set; null unbinds first", () => {
  assert.deepEqual(targets(evalHome([{ programs: { feh: { enable: true } } }])), []);
  const c = evalHome([
    {
      programs: {
        feh: {
          enable: true,
          keybindings: { zoom_in: "plus", prev_img: ["h", "Left"], save_image: null },
          buttons: { zoom_in: 4, prev_img: [3, "C-3"], pan: null },
          themes: { present: ["--full-screen", "--info", "%n %wx%h"] },
        },
      },
    },
  ]);
  assert.deepEqual(targets(c).sort(), [
    ".config/feh/buttons",
    ".config/feh/keys",
    ".config/feh/themes",
  ]);
  assert.equal(fileText(c, ".config/feh/keys"), "save_image\nprev_img h Left\nzoom_in plus\n");
  assert.equal(fileText(c, ".config/feh/buttons"), "pan\nprev_img 3 C-3\nzoom_in 4\n");
  assert.equal(fileText(c, ".config/feh/themes"), "present --full-screen --info '%n %wx%h'\n");
});

test("programs.feh: an empty key is an error that says to use null", () => {
  const c = evalHome([{ programs: { feh: { enable: true, keybindings: { zoom_in: "" } } } }]);
  assert.throws(() => c.home.managedFiles, /programs\.feh\.keybindings\.zoom_in: .*use null/);
});

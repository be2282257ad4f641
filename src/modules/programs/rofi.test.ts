import assert from "node:assert/strict";
import { test } from "node:test";
import { assertFixture, evalHome, fileText, targets } from "./_test-home.ts";

const lit = (value: string) => ({ _type: "literal" as const, value });

test("programs.rofi writes config.rasi with the configuration section and the theme's name", () => {
  assert.deepEqual(targets(evalHome([])), []);
  const c = evalHome([
    {
      programs: {
        rofi: {
          enable: true,
          font: "Fira Code 12",
          terminal: "alacritty",
          cycle: false,
          location: "top",
          yoffset: 20,
          modes: ["drun", "ssh", { name: "emoji", path: "/usr/bin/rofi-emoji" }],
          theme: "gruvbox-dark",
          extraConfig: { "kb-primary-paste": "Control+V,Shift+Insert", "show-icons": true },
        },
      },
    },
  ]);
  assert.deepEqual(targets(c), [".config/rofi/config.rasi"]);
  assertFixture("rofi", "config.rasi", fileText(c, ".config/rofi/config.rasi"));
  assert.deepEqual(c.home.packages.map(String), ["rofi"]);
});

test("programs.rofi: a theme given as sections is custom.rasi, a path is linked by its name", () => {
  const c = evalHome([
    {
      programs: {
        rofi: {
          enable: true,
          theme: {
            "*": { "background-color": lit("#000000"), width: 512, "border-color": null },
            "#inputbar": { children: [lit("prompt"), lit("entry")] },
            "@import": "default",
          },
        },
      },
    },
  ]);
  assert.match(fileText(c, ".config/rofi/config.rasi")!, /\n@theme "custom"\n$/);
  assertFixture("rofi", "custom.rasi", fileText(c, ".local/share/rofi/themes/custom.rasi"));
  const p = evalHome([{ programs: { rofi: { enable: true, theme: "/srv/themes/nord.rasi" } } }]);
  const f = p.home.managedFiles.find((m: any) => m.target === ".local/share/rofi/themes/nord.rasi");
  assert.equal(f.source, "/srv/themes/nord.rasi");
  assert.match(fileText(p, ".config/rofi/config.rasi")!, /@theme "nord"/);
});

test("programs.rofi refuses a value rasi cannot hold, naming the option", () => {
  assert.throws(
    () =>
      evalHome([{ programs: { rofi: { enable: true, extraConfig: { x: { a: 1 } } } } }]).home
        .managedFiles,
    /programs\.rofi\.extraConfig/,
  );
});

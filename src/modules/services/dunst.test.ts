import assert from "node:assert/strict";
import { test } from "node:test";
import { hasPython, pythonParse } from "../../formats/_parse-check.ts";
import { makePkgs } from "../../packages/index.ts";
import { assertFixture, evalHome, fileText, noVerify, verifyUnits } from "./_test-home.ts";

const pkgs = makePkgs({ family: "apt" }) as any;
const dunst = {
  services: {
    dunst: {
      enable: true,
      iconTheme: { package: pkgs["adwaita-icon-theme"], name: "Adwaita", size: "16x16" },
      settings: {
        global: {
          width: 300,
          height: 300,
          offset: "30x50",
          origin: "top-right",
          transparency: 10,
          frame_color: "#eceff1",
          font: "Droid Sans 9",
          follow: "mouse",
          sticky_history: true,
        },
        urgency_normal: { background: "#37474f", foreground: "#eceff1", timeout: 10 },
      },
    },
  },
};

test("services.dunst writes dunstrc as home-manager does (quoted strings, yes/no, icon_path)", () => {
  const c = evalHome([dunst]);
  const rc = fileText(c, ".config/dunst/dunstrc");
  assertFixture("dunst", "dunstrc", rc);
  assertFixture("dunst", "dunst.service", fileText(c, ".config/systemd/user/dunst.service"));
  if (hasPython("configparser")) {
    const [p] = pythonParse("ini", [rc!]) as any;
    assert.equal(p.ok.global.font, '"Droid Sans 9"');
    assert.equal(p.ok.global.sticky_history, "yes");
    assert.match(p.ok.global.icon_path, /^"\/usr\/share\/icons\/Adwaita\/16x16\/actions:/);
    assert.match(p.ok.global.icon_path, /\/usr\/share\/icons\/hicolor\/16x16\/actions:/);
  }
  assert.deepEqual(
    c.home.packages.map((p: any) => p.name),
    ["dunst", "adwaita-icon-theme", "hicolor-icon-theme"],
  );
});

test("services.dunst: the user's icon_path wins; the unit passes systemd-analyze verify", {
  skip: noVerify,
}, () => {
  const c = evalHome([
    dunst,
    { services: { dunst: { settings: { global: { icon_path: "/x" } } } } },
  ]);
  assert.match(fileText(c, ".config/dunst/dunstrc")!, /^icon_path="\/x"$/m);
  assert.deepEqual(verifyUnits(c, ["dunst.service"]), []);
});

test("services.dunst: a line break in a value is an error naming it", () => {
  assert.throws(
    () =>
      fileText(
        evalHome([
          { services: { dunst: { enable: true, settings: { global: { format: "a\nb" } } } } },
        ]),
        ".config/dunst/dunstrc",
      ),
    /services\.dunst\.settings\.global\.format/,
  );
});

import assert from "node:assert/strict";
import { test } from "node:test";
import { evalHome, fileText, targets } from "./_test-home.ts";

const hs = 'import XMonad\nimport Tools\nmain = xmonad def { terminal = "alacritty" }\n';

test("xsession.windowManager.xmonad: xmonad.hs and lib files, recompiled on change", () => {
  const c = evalHome([
    {
      xsession: {
        enable: true,
        windowManager: {
          xmonad: {
            enable: true,
            enableContribAndExtras: true,
            config: hs,
            libFiles: { "Tools.hs": 'module Tools where\nscreenshot = "scrot"\n' },
          },
        },
      },
    },
  ]);
  assert.equal(fileText(c, ".xmonad/xmonad.hs"), hs);
  assert.equal(fileText(c, ".xmonad/lib/Tools.hs"), 'module Tools where\nscreenshot = "scrot"\n');
  const file = c.home.managedFiles.find((f: any) => f.target === ".xmonad/xmonad.hs");
  assert.match(file.onChange, /\/usr\/bin\/xmonad --recompile/);
  assert.match(file.onChange, /--restart/);
  assert.equal(c.xsession.windowManager.command, "/usr/bin/xmonad");
  assert.deepEqual(
    c.home.packages.map((p: any) => p.name),
    ["xmonad", "ghc", "xmonad-lib", "xmonad-contrib", "xmonad-extras"],
  );
});

test("xsession.windowManager.xmonad: a path is linked; no config, no file; extras only where packaged", () => {
  const c = evalHome(
    [
      {
        xsession: {
          enable: true,
          windowManager: {
            xmonad: {
              enable: true,
              config: "/home/me/src/xmonad.hs",
              enableContribAndExtras: true,
            },
          },
        },
      },
    ],
    { family: "pacman" },
  );
  const f = c.home.managedFiles.find((m: any) => m.target === ".xmonad/xmonad.hs");
  assert.equal(f.source, "/home/me/src/xmonad.hs");
  assert.ok(!c.home.packages.some((p: any) => p.name === "xmonad-extras"));
  const bare = evalHome([
    { xsession: { enable: true, windowManager: { xmonad: { enable: true } } } },
  ]);
  assert.deepEqual(
    targets(bare).filter((t: string) => t.startsWith(".xmonad")),
    [],
  );
});

test("xsession.windowManager.xmonad: extraPackages must be packages", () => {
  assert.throws(
    () =>
      evalHome([
        { xsession: { windowManager: { xmonad: { enable: true, extraPackages: ["split"] } } } },
      ]).home.packages,
    /xsession\.windowManager\.xmonad\.extraPackages/,
  );
});

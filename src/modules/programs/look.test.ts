// gtk, home.pointerCursor, fonts.fontconfig, xdg.mimeApps and xresources: the desktop's look,
// each against its fixtures and the parser that reads the file (configparser, xmllint with
// fontconfig's DTD).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { test } from "node:test";
import { hasPython, pythonParse } from "../../formats/_parse-check.ts";
import { evalModules } from "../../module-system/index.ts";
import { makePkgs } from "../../packages/index.ts";
import { homeModules } from "../index.ts";
import { assertFixture, evalHome, fileText, have, targets } from "./_test-home.ts";

const pkgs = makePkgs({ family: "apt" }) as any;
const noPython = !hasPython("configparser") && "python3 is not installed";
const look = {
  xsession: { enable: true },
  home: {
    pointerCursor: {
      package: pkgs["vanilla-dmz"],
      name: "DMZ-White",
      size: 24,
      x11: { enable: true },
      gtk: { enable: true },
    },
  },
  gtk: {
    enable: true,
    theme: { name: "Adwaita-dark", package: pkgs["gnome-themes-extra"] },
    iconTheme: { name: "Adwaita", package: pkgs["adwaita-icon-theme"] },
    font: { name: "DejaVu Sans", size: 11 },
    gtk2: { extraConfig: "gtk-can-change-accels = 1" },
    gtk3: {
      bookmarks: ["file:///home/me/src"],
      extraConfig: { "gtk-cursor-blink": false, "gtk-recent-files-limit": 20 },
      extraCss: "headerbar { min-height: 0; }",
    },
    gtk4: { extraConfig: { "gtk-hint-font-metrics": true } },
  },
  xdg: {
    mimeApps: {
      enable: true,
      associations: {
        added: { mimetype1: ["foo1.desktop", "foo2.desktop"], mimetype2: "foo4.desktop" },
        removed: { mimetype1: "foo5.desktop" },
      },
      defaultApplications: {
        "text/html": "firefox.desktop",
        "application/pdf": ["zathura.desktop", "evince.desktop"],
      },
    },
  },
  fonts: {
    fontconfig: {
      enable: true,
      defaultFonts: {
        monospace: ["JetBrains Mono", "DejaVu Sans Mono"],
        emoji: ["Noto Color Emoji"],
      },
    },
  },
  xresources: {
    properties: {
      "XTerm*faceName": "DejaVu Sans Mono",
      "XTerm*charClass": ["37:48", "45-47:48"],
      "Emacs*toolBar": 0,
    },
    extraConfig: "! comment",
  },
};

test("gtk writes ~/.gtkrc-2.0 and the settings.ini of GTK 3 and 4 as home-manager does", () => {
  const c = evalHome([look]);
  assertFixture("gtk", "gtkrc-2.0", fileText(c, ".gtkrc-2.0"));
  assertFixture("gtk", "gtk3-settings.ini", fileText(c, ".config/gtk-3.0/settings.ini"));
  assertFixture("gtk", "gtk4-settings.ini", fileText(c, ".config/gtk-4.0/settings.ini"));
  assertFixture("gtk", "gtk4.css", fileText(c, ".config/gtk-4.0/gtk.css"));
  assert.equal(fileText(c, ".config/gtk-3.0/gtk.css"), "headerbar { min-height: 0; }");
  assert.equal(fileText(c, ".config/gtk-3.0/bookmarks"), "file:///home/me/src\n");
  assert.equal(c.home.sessionVariables.GTK2_RC_FILES, "/home/me/.gtkrc-2.0");
});

test("GTK's settings.ini reads as INI", { skip: noPython }, () => {
  const c = evalHome([look]);
  const [g3] = pythonParse("ini", [fileText(c, ".config/gtk-3.0/settings.ini")!]) as any;
  assert.deepEqual(g3.ok.Settings, {
    "gtk-cursor-blink": "false",
    "gtk-cursor-theme-name": "DMZ-White",
    "gtk-cursor-theme-size": "24",
    "gtk-font-name": "DejaVu Sans 11",
    "gtk-icon-theme-name": "Adwaita",
    "gtk-recent-files-limit": "20",
    "gtk-theme-name": "Adwaita-dark",
  });
});

test("home.pointerCursor: session variables, index.theme, X root cursor and Xcursor resources", () => {
  const c = evalHome([look]);
  assert.equal(c.home.sessionVariables.XCURSOR_THEME, "DMZ-White");
  assert.equal(c.home.sessionVariables.XCURSOR_SIZE, 24);
  assert.equal(fileText(c, ".icons/default/index.theme"), "[Icon Theme]\nInherits=DMZ-White\n");
  assert.equal(
    fileText(c, ".local/share/icons/default/index.theme"),
    "[Icon Theme]\nInherits=DMZ-White\n",
  );
  assert.match(
    fileText(c, ".xprofile")!,
    /^\/usr\/bin\/xsetroot -xcf \/usr\/share\/icons\/DMZ-White\/cursors\/left_ptr 24$/m,
  );
  assert.match(fileText(c, ".Xresources")!, /^Xcursor\.theme: DMZ-White$/m);
  const off = evalHome([{ home: { pointerCursor: { name: "DMZ-White", enable: false } } }]);
  assert.deepEqual(targets(off), []);
});

test("xdg.mimeApps writes mimeapps.list (and its old copy) as home-manager does", () => {
  const c = evalHome([look]);
  assertFixture("mime-apps", "mimeapps.list", fileText(c, ".config/mimeapps.list"));
  assert.equal(
    fileText(c, ".local/share/applications/mimeapps.list"),
    fileText(c, ".config/mimeapps.list"),
  );
});

test("mimeapps.list reads as INI", { skip: noPython }, () => {
  const [m] = pythonParse("ini", [fileText(evalHome([look]), ".config/mimeapps.list")!]) as any;
  assert.deepEqual(m.ok["Default Applications"], {
    "application/pdf": "zathura.desktop;evince.desktop",
    "text/html": "firefox.desktop",
  });
  assert.deepEqual(m.ok["Removed Associations"], { mimetype1: "foo5.desktop" });
});

test("fonts.fontconfig writes fontconfig files that fontconfig's DTD accepts", {
  skip:
    !(have("xmllint") && existsSync("/usr/share/xml/fontconfig/fonts.dtd")) &&
    "xmllint or fontconfig's DTD is missing (apt-get install libxml2-utils fontconfig-config)",
}, () => {
  const c = evalHome([look]);
  const files = [
    ".config/fontconfig/conf.d/10-confed-fonts.conf",
    ".config/fontconfig/conf.d/52-confed-default-fonts.conf",
  ];
  assertFixture("fontconfig", "52-confed-default-fonts.conf", fileText(c, files[1]!));
  for (const f of files) {
    const r = spawnSync(
      "xmllint",
      ["--noout", "--dtdvalid", "/usr/share/xml/fontconfig/fonts.dtd", "-"],
      { input: fileText(c, f), encoding: "utf8" },
    );
    assert.equal(r.status, 0, `${f}: ${r.stderr}`);
  }
  assert.ok(
    !targets(evalHome([{ fonts: { fontconfig: { enable: true } } }])).some((t: string) =>
      t.includes("52-confed"),
    ),
  );
});

test("xresources writes .Xresources as home-manager does, merged by the session", () => {
  const c = evalHome([look]);
  assertFixture("xresources", "Xresources", fileText(c, ".Xresources"));
  assert.match(fileText(c, ".xprofile")!, /^\/usr\/bin\/xrdb -merge \/home\/me\/\.Xresources$/m);
  assert.deepEqual(targets(evalHome([{ xresources: { properties: {} } }])), []);
  assert.throws(
    () => fileText(evalHome([{ xresources: { properties: { a: "x\ny" } } }]), ".Xresources"),
    /xresources\.properties\."a"/,
  );
});

test("every option of the desktop modules has a description", () => {
  const { options } = evalModules({
    class: "home",
    modules: [
      ...homeModules,
      { home: { username: "me", homeDirectory: "/home/me" }, _module: { args: { pkgs } } },
    ],
  }) as any;
  const missing: string[] = [];
  let seen = 0;
  const walk = (o: any, path: string, depth: number) => {
    if (depth > 8 || o === null || typeof o !== "object") return;
    if (o._type === "option" || ("loc" in o && "declarations" in o)) {
      seen++;
      if (!o.description) missing.push(path);
      const sub = o.type?.getSubOptions?.([]);
      if (sub) walk(sub, `${path}.<>`, depth + 1);
      return;
    }
    for (const k of Object.keys(o)) walk(o[k], path ? `${path}.${k}` : k, depth + 1);
  };
  for (const root of ["xsession", "services", "gtk", "fonts", "xresources"])
    walk(options[root], root, 0);
  walk(options.home.pointerCursor, "home.pointerCursor", 0);
  walk(options.home.keyboard, "home.keyboard", 0);
  walk(options.xdg.mimeApps, "xdg.mimeApps", 0);
  assert.deepEqual(missing, []);
  assert.ok(seen > 150, `only ${seen} options seen`);
});

import assert from "node:assert/strict";
import { test } from "node:test";
import { hasPython, pythonParse } from "../../formats/_parse-check.ts";
import { makePkgs } from "../../packages/index.ts";
import { assertFixture, evalHome, fileText, targets } from "./_test-home.ts";

const pkgs = makePkgs({ family: "apt" });
const settings = {
  window: { dimensions: { lines: 3, columns: 200 }, opacity: 0.9 },
  font: { normal: { family: "JetBrains Mono" }, size: 11 },
  keyboard: { bindings: [{ key: "K", mods: "Control", chars: "\u000c" }] },
};
const at = (version: string | undefined, extra: Record<string, unknown> = {}) =>
  evalHome([
    {
      programs: {
        alacritty: {
          enable: true,
          settings,
          ...(version === undefined ? {} : { package: pkgs.alacritty.override({ version }) }),
          ...extra,
        },
      },
    },
  ]);

test("programs.alacritty writes nothing without settings", () => {
  assert.deepEqual(targets(evalHome([{ programs: { alacritty: { enable: true } } }])), []);
  assert.deepEqual(
    evalHome([{ programs: { alacritty: { enable: true } } }]).home.packages.map(String),
    ["alacritty"],
  );
});

test("programs.alacritty from 0.13 writes TOML, before it YAML (Debian 12's 0.11), unknown both", () => {
  const modern = at("0.13.2-1");
  assert.deepEqual(targets(modern), [".config/alacritty/alacritty.toml"]);
  assertFixture(
    "alacritty",
    "alacritty.toml",
    fileText(modern, ".config/alacritty/alacritty.toml"),
  );
  const old = at("0.11.0-4");
  assert.deepEqual(targets(old), [".config/alacritty/alacritty.yml"]);
  assertFixture("alacritty", "alacritty.yml", fileText(old, ".config/alacritty/alacritty.yml"));
  assert.deepEqual(targets(at(undefined)).sort(), [
    ".config/alacritty/alacritty.toml",
    ".config/alacritty/alacritty.yml",
  ]);
  assert.deepEqual(targets(at(undefined, { version: "0.15.1" })), [
    ".config/alacritty/alacritty.toml",
  ]);
});

test("programs.alacritty: the theme is general.import from 0.14, import before", () => {
  const theme = "/usr/share/themes/dark.toml";
  assert.match(
    fileText(at("0.14.0", { theme }), ".config/alacritty/alacritty.toml")!,
    /\[general\]\nimport = \["\/usr\/share\/themes\/dark\.toml"\]/,
  );
  assert.match(
    fileText(at("0.13.0", { theme }), ".config/alacritty/alacritty.toml")!,
    /^import = \["\/usr\/share\/themes\/dark\.toml"\]/m,
  );
  assert.throws(
    () => at("0.13.0", { theme, settings: { import: "x" } }).home.managedFiles,
    /programs\.alacritty\.settings\.import must be a list/,
  );
});

test("tomllib and PyYAML read the files back as the settings", {
  skip:
    hasPython("tomllib") && hasPython("yaml") ? false : "python3 with tomllib and PyYAML is needed",
}, () => {
  const [t] = pythonParse("toml", [fileText(at("0.13.0"), ".config/alacritty/alacritty.toml")!]);
  assert.deepEqual(t, { ok: settings });
  const [y] = pythonParse("yaml", [fileText(at("0.11.0"), ".config/alacritty/alacritty.yml")!]);
  assert.deepEqual(y, { ok: settings });
});

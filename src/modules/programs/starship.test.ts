import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { test } from "node:test";
import { pythonParse } from "../../formats/_parse-check.ts";
import {
  assertFixture as assertFixtureOf,
  evalHome,
  fileText,
  run,
  tempHome,
} from "./_test-home.ts";

const home = (...modules: unknown[]) => evalHome(modules);
const text = fileText;
const assertFixture = (name: string, actual: string | undefined) =>
  assertFixtureOf("starship", name, actual);

// home-manager's starship settings test (release-25.05), split over two modules to show merging.
const settings = {
  add_newline: false,
  format: "$line_break$package$line_break$character",
  scan_timeout: 10,
  character: { success_symbol: "➜", error_symbol: "➜" },
  package: { disabled: true },
  memory_usage: { threshold: -1 },
  aws: { style: "bold blue" },
  battery: {
    charging_symbol: "⚡️",
    display: [
      { threshold: 10, style: "bold red" },
      { threshold: 30, style: "bold yellow" },
    ],
  },
};

test("programs.starship writes settings as TOML that tomllib reads back, merged across modules", () => {
  const c = home(
    { programs: { starship: { enable: true, settings } } },
    { programs: { starship: { settings: { aws: { disabled: true } } } } },
  );
  const file = text(c, ".config/starship.toml");
  assertFixture("settings.toml", file);
  const [parsed] = pythonParse("toml", [file!]);
  assert.deepEqual(parsed, { ok: { ...settings, aws: { style: "bold blue", disabled: true } } });
  assert.deepEqual(
    c.home.packages.map((p: any) => p.name),
    ["starship"],
  );
});

test("programs.starship: no settings, no file; the init lines for the enabled shells", () => {
  const c = home({ programs: { starship: { enable: true, enableFishIntegration: false } } });
  assert.equal(text(c, ".config/starship.toml"), undefined);
  assert.deepEqual(Object.keys(c.programs.starship.shellInit), ["bash", "zsh"]);
  assert.match(
    c.programs.starship.shellInit.bash,
    /eval "\$\(starship init bash --print-full-init\)"/,
  );
  assert.deepEqual(
    Object.keys(home({ programs: { starship: { settings } } }).programs.starship.shellInit),
    [],
  );
  assert.equal(
    text(home({ programs: { starship: { settings } } }), ".config/starship.toml"),
    undefined,
  );
});

test("a shell starts cleanly when the starship package is not installed yet", () => {
  const c = evalHome([{ programs: { bash: { enable: true }, starship: { enable: true } } }]);
  const h = tempHome();
  try {
    h.write(c);
    // TERM is not "dumb", so only the command -v guard keeps the missing starship quiet.
    const r = run("bash", ["--login", "-i", "-c", "echo started"], h.dir, {
      TERM: "xterm",
      PATH: "/nonexistent:/usr/bin:/bin",
    });
    assert.equal(r.stdout.trim(), "started");
    assert.doesNotMatch(r.stderr, /starship/);
  } finally {
    rmSync(h.dir, { recursive: true, force: true });
  }
});

import assert from "node:assert/strict";
import { test } from "node:test";
import { hasPython, pythonParse } from "../../formats/_parse-check.ts";
import { evalHome, fileText } from "./_test-home.ts";

test("programs.eza: ls aliases in each shell, an `eza` alias with the options, the home's aliases win", () => {
  const c = evalHome([
    {
      home: { shellAliases: { ll: "ls -lh" } },
      programs: {
        bash: { enable: true },
        eza: {
          enable: true,
          icons: "auto",
          git: true,
          extraOptions: ["--group-directories-first"],
        },
      },
    },
  ]);
  assert.deepEqual(
    { ...c.programs.bash.shellAliases },
    {
      eza: "eza --icons auto --git --group-directories-first",
      la: "eza -a",
      ll: "ls -lh",
      lla: "eza -la",
      ls: "eza",
      lt: "eza --tree",
    },
  );
  assert.match(fileText(c, ".bashrc")!, /alias -- ls=eza\n/);
  assert.deepEqual(c.home.packages.map(String).sort(), ["bash", "bash-completion", "eza"]);
});

test("programs.eza: no options, no `eza` alias; fish gets abbreviations with preferAbbrs", () => {
  const c = evalHome([
    {
      programs: {
        fish: { enable: true, preferAbbrs: true },
        eza: { enable: true, enableBashIntegration: false },
      },
    },
  ]);
  assert.deepEqual({ ...c.programs.bash.shellAliases }, {});
  assert.deepEqual({ ...c.programs.fish.shellAliases }, {});
  assert.deepEqual(Object.keys(c.programs.fish.shellAbbrs).sort(), ["la", "ll", "lla", "ls", "lt"]);
  assert.match(fileText(c, ".config/fish/config.fish")!, /abbr --add -- lt 'eza --tree'/);
  assert.throws(
    () =>
      evalHome([{ programs: { eza: { enable: true, icons: "sometimes" } } }]).programs.eza.icons,
    /programs\.eza\.icons/,
  );
  const removed = evalHome([{ programs: { eza: { enableAliases: true } } }]).assertions;
  assert.ok(
    removed.some((a: any) => !a.assertion && /programs\.eza\.enableAliases/.test(a.message)),
  );
});

test("programs.eza: theme.yml as PyYAML reads it", {
  skip: hasPython("yaml") ? false : "python3 with PyYAML is needed",
}, () => {
  const theme = { colourful: true, filekinds: { directory: { foreground: "Blue" } } };
  const c = evalHome([{ programs: { eza: { enable: true, theme } } }]);
  assert.deepEqual(pythonParse("yaml", [fileText(c, ".config/eza/theme.yml")!]), [{ ok: theme }]);
});

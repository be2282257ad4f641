import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { evalModules } from "../../module-system/index.ts";
import { makePkgs } from "../../packages/index.ts";
import { homeModules } from "../index.ts";
import bat from "./bat.ts";

const home = (family: "apt" | "dnf", ...modules: unknown[]) =>
  evalModules({
    class: "home",
    modules: [
      ...homeModules,
      bat,
      {
        home: { username: "me", homeDirectory: "/home/me" },
        _module: { args: { pkgs: makePkgs({ family }) } },
      },
      ...modules,
    ],
  }).config as any;

const files = (c: any): Record<string, any> =>
  Object.fromEntries(
    c.home.managedFiles
      .filter((f: any) => f.target.startsWith(".config/bat/"))
      .map((f: any) => [f.target, f.text ?? { source: f.source }]),
  );
const fixtureDir = join(import.meta.dirname, "__fixtures__/bat");
/** `actual` equals the fixture; CONFED_UPDATE_FIXTURES=1 rewrites the fixture instead. */
function assertFixture(name: string, actual: string | undefined) {
  if (process.env.CONFED_UPDATE_FIXTURES === "1")
    writeFileSync(join(fixtureDir, name), actual ?? "");
  else
    assert.equal(
      actual,
      readFileSync(join(fixtureDir, name), "utf8"),
      `differs from __fixtures__/bat/${name}`,
    );
}

const options = {
  programs: {
    bat: {
      enable: true,
      config: {
        theme: "TwoDark",
        pager: "less -FR",
        "map-syntax": ["*.jenkinsfile:Groovy", "*.props:Java Properties"],
        "show-all": true,
        wrap: false,
      },
      themes: { dracula: { src: "/srv/themes/dracula", file: "Dracula.tmTheme" } },
      syntaxes: { gleam: "%YAML 1.2\n---\nname: Gleam\n" },
    },
  },
};

test("programs.bat writes flags, themes and syntaxes, and rebuilds the cache with batcat on apt", () => {
  const c = home("apt", options);
  const f = files(c);
  assertFixture("config", f[".config/bat/config"]);
  assert.deepEqual(f[".config/bat/themes/dracula.tmTheme"], {
    source: "/srv/themes/dracula/Dracula.tmTheme",
  });
  assert.equal(f[".config/bat/syntaxes/gleam.sublime-syntax"], "%YAML 1.2\n---\nname: Gleam\n");
  assert.match(c.home.activation.batCache.data, /cd \/ && batcat cache --build/);
  assert.deepEqual(c.home.activation.batCache.after, ["linkGeneration"]);
  assert.match(home("dnf", options).home.activation.batCache.data, /&& bat cache --build/);
});

test("programs.bat: the config's flags split back into the options, as bat reads them", () => {
  const text: string = files(home("apt", options))[".config/bat/config"];
  // bat splits its config file with shell-words rules; python's shlex follows the same ones.
  const args = spawnSync(
    "python3",
    ["-c", "import shlex,sys,json; print(json.dumps(shlex.split(sys.stdin.read())))"],
    {
      input: text,
      encoding: "utf8",
    },
  );
  assert.deepEqual(JSON.parse(args.stdout), [
    "--map-syntax=*.jenkinsfile:Groovy",
    "--map-syntax=*.props:Java Properties",
    "--pager=less -FR",
    "--theme=TwoDark",
    "--show-all",
  ]);
});

test("programs.bat: nothing set, nothing written and no cache step", () => {
  const c = home("apt", { programs: { bat: { enable: true } } });
  assert.deepEqual(files(c), {});
  assert.equal("batCache" in c.home.activation, false);
  assert.deepEqual(
    c.home.packages.map((p: any) => p.name),
    ["bat"],
  );
});

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { makePkgs } from "../../packages/index.ts";
import { assertFixture, evalHome, fileText, have, run, targets, tempHome } from "./_test-home.ts";
import { direnvTomlText } from "./direnv.ts";

const shells = {
  programs: { bash: { enable: true, enableCompletion: false }, zsh: { enable: true } },
};
const full = {
  programs: {
    direnv: {
      enable: true,
      config: {
        global: { hide_env_diff: true, warn_timeout: "1m", load_dotenv: false },
        whitelist: { prefix: ["/home/me/src", 'C:\\odd "dir"'] },
      },
      stdlib: 'layout_poetry() { PATH_add "$PWD/.venv/bin"; }',
      confed: { enable: true },
    },
  },
};

test("programs.direnv writes nothing extra when enabled with no settings", () => {
  assert.deepEqual(targets(evalHome([{ programs: { direnv: { enable: true } } }])), []);
  assert.deepEqual(
    targets(evalHome([{ programs: { direnv: { config: { global: { x: 1 } } } } }])),
    [],
  );
});

test("programs.direnv writes direnv.toml, direnvrc and the `use confed' hook", () => {
  const c = evalHome([full]);
  assert.deepEqual(targets(c), [
    ".config/direnv/direnv.toml",
    ".config/direnv/direnvrc",
    ".config/direnv/lib/confed.sh",
  ]);
  assertFixture("direnv", "direnv.toml", fileText(c, ".config/direnv/direnv.toml"));
  assertFixture("direnv", "direnvrc", fileText(c, ".config/direnv/direnvrc"));
  assertFixture("direnv", "confed.sh", fileText(c, ".config/direnv/lib/confed.sh"));
});

test("direnv.toml reads back as the same data with a TOML parser", {
  skip: have("python3") ? false : "python3 is not installed",
}, () => {
  const text = direnvTomlText({ top: "x", ...full.programs.direnv.config });
  const r = spawnSync(
    "python3",
    [
      "-c",
      "import json,sys,tomllib; print(json.dumps(tomllib.loads(sys.stdin.read()), sort_keys=True))",
    ],
    { input: text, encoding: "utf8" },
  );
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { top: "x", ...full.programs.direnv.config });
});

test("programs.direnv hooks in late through home.shell.init", () => {
  const c = evalHome([shells, full, { programs: { bash: { initExtra: "USER=1" } } }]);
  assert.match(fileText(c, ".bashrc")!, /USER=1\neval "\$\(direnv hook bash\)"\n$/);
  assert.match(fileText(c, ".zshrc")!, /eval "\$\(direnv hook zsh\)"/);
  const off = evalHome([shells, full, { programs: { direnv: { enableZshIntegration: false } } }]);
  assert.doesNotMatch(fileText(off, ".zshrc")!, /direnv/);
});

test("programs.direnv.silent: direnv.toml from 2.36, DIRENV_LOG_FORMAT before or when unknown", () => {
  const pkgs = makePkgs({ family: "apt" });
  const silent = { programs: { direnv: { enable: true, silent: true } } };
  const newer = evalHome([
    silent,
    { programs: { direnv: { package: pkgs.direnv.override({ version: "2.36.0-1" }) } } },
  ]);
  assert.equal(
    fileText(newer, ".config/direnv/direnv.toml"),
    '[global]\nlog_filter = "^$"\nlog_format = "-"\n',
  );
  assert.equal(newer.home.sessionVariables.DIRENV_LOG_FORMAT, undefined);
  const older = evalHome([silent]);
  assert.deepEqual(targets(older), []);
  assert.equal(older.home.sessionVariables.DIRENV_LOG_FORMAT, "");
});

test("real direnv: `use confed' fails with its message; the config file is read", {
  skip: have("direnv") ? false : "direnv is not installed here (apt-get install direnv)",
}, () => {
  const t = tempHome();
  try {
    t.write(evalHome([full], { home: t.dir }));
    const project = join(t.dir, "p");
    mkdirSync(project);
    writeFileSync(join(project, ".envrc"), "use confed\n");
    const env = { XDG_CONFIG_HOME: join(t.dir, ".config") };
    assert.equal(run("direnv", ["allow", project], t.dir, env).status, 0);
    const r = run("sh", ["-c", `cd ${project} && direnv export bash`], t.dir, env);
    assert.match(r.stderr, /use confed: confed has no dev shells yet/);
    const s = run("direnv", ["status"], t.dir, env);
    // direnv reports the settings it read from direnv.toml.
    assert.match(s.stdout, /warn_timeout 1m0s/, s.stderr);
    assert.match(s.stdout, /whitelist\.prefix \[\/home\/me\/src C:\\odd "dir"\]/, s.stderr);
  } finally {
    rmSync(t.dir, { recursive: true, force: true });
  }
});

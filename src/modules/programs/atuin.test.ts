import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { hasPython, pythonParse } from "../../formats/_parse-check.ts";
import { assertFixture, evalHome, fileText, have, run, targets, tempHome } from "./_test-home.ts";

const settings = {
  auto_sync: true,
  sync_frequency: "5m",
  search_mode: "prefix",
  stats: { common_prefix: ["sudo"] },
};
const shells = {
  programs: {
    bash: { enable: true, enableCompletion: false },
    zsh: { enable: true },
    fish: { enable: true, generateCompletions: false },
  },
};

test("programs.atuin: no settings, no file; atuin init in each shell", () => {
  const c = evalHome([
    shells,
    { programs: { atuin: { enable: true, package: null, flags: ["--disable-up-arrow"] } } },
  ]);
  assert.deepEqual(
    targets(c).filter((t: string) => t.includes("atuin")),
    [],
  );
  assertFixture("atuin", "bash-init", c.home.shell.init.bash.atuin.text);
  assert.match(fileText(c, ".zshrc")!, /eval "\$\(atuin init zsh --disable-up-arrow\)"/);
  assert.match(
    fileText(c, ".config/fish/config.fish")!,
    /atuin init fish --disable-up-arrow \| source/,
  );
  assert.deepEqual(c.home.packages.map(String).sort(), ["bash", "fish", "zsh"]);
});

test("programs.atuin: config.toml and themes read back by tomllib", {
  skip: hasPython("tomllib") ? false : "python3 with tomllib is needed",
}, () => {
  const c = evalHome([
    {
      programs: {
        atuin: {
          enable: true,
          package: null,
          settings,
          themes: {
            mine: { theme: { name: "Mine" }, colors: { Base: "#000000" } },
            text: 'theme.name = "T"\n',
          },
        },
      },
    },
  ]);
  const parsed = pythonParse("toml", [
    fileText(c, ".config/atuin/config.toml")!,
    fileText(c, ".config/atuin/themes/mine.toml")!,
    fileText(c, ".config/atuin/themes/text.toml")!,
  ]);
  assert.deepEqual(parsed, [
    { ok: settings },
    { ok: { theme: { name: "Mine" }, colors: { Base: "#000000" } } },
    { ok: { theme: { name: "T" } } },
  ]);
});

test("programs.atuin.daemon: the settings say so, a socket-activated user service", () => {
  const c = evalHome([
    {
      programs: {
        atuin: { enable: true, package: null, daemon: { enable: true, logLevel: "info" } },
      },
    },
  ]);
  assert.match(
    fileText(c, ".config/atuin/config.toml")!,
    /\[daemon\]\nenabled = true\nsystemd_socket = true/,
  );
  assertFixture(
    "atuin",
    "atuin-daemon.service",
    fileText(c, ".config/systemd/user/atuin-daemon.service"),
  );
  assertFixture(
    "atuin",
    "atuin-daemon.socket",
    fileText(c, ".config/systemd/user/atuin-daemon.socket"),
  );
});

test("real shells: the init code parses and a missing atuin stays quiet", () => {
  const t = tempHome();
  try {
    t.write(
      evalHome([shells, { programs: { atuin: { enable: true, package: null } } }], { home: t.dir }),
    );
    const b = run("bash", ["-i", "-c", "echo ok"], t.dir);
    assert.equal(b.stdout, "ok\n", b.stderr);
    if (have("fish")) {
      const f = run("fish", ["--no-execute", join(t.dir, ".config/fish/config.fish")], t.dir);
      assert.equal(f.status, 0, f.stderr);
    }
  } finally {
    rmSync(t.dir, { recursive: true, force: true });
  }
});

import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { test } from "node:test";
import { makePkgs } from "../../packages/index.ts";
import { assertFixture, evalHome, fileText, have, run, tempHome } from "./_test-home.ts";
import { fzfInit } from "./fzf.ts";

const pkgs = makePkgs({ family: "apt" });
const shells = {
  programs: { bash: { enable: true, enableCompletion: false }, zsh: { enable: true } },
};
const settings = {
  programs: {
    fzf: {
      enable: true,
      defaultCommand: "fd --type f",
      defaultOptions: ["--height 40%", "--border"],
      colors: { bg: "#1e1e1e", "bg+": "#262626" },
      fileWidget: { command: "fd --type f", options: ["--preview 'head {}'"] },
      changeDirWidgetCommand: "fd --type d",
      historyWidget: { options: ["--sort", "--exact"] },
    },
  },
};

test("programs.fzf writes nothing and adds no init code when disabled", () => {
  const c = evalHome([shells]);
  assert.doesNotMatch(fileText(c, ".bashrc")!, /fzf/);
  assert.deepEqual(Object.keys(c.home.shell.init.bash), []);
});

test("programs.fzf puts its settings in the session variables, old flat names included", () => {
  const c = evalHome([settings]);
  assert.deepEqual(
    { ...c.home.sessionVariables },
    {
      FZF_ALT_C_COMMAND: "fd --type d",
      FZF_CTRL_R_OPTS: "--sort --exact",
      FZF_CTRL_T_COMMAND: "fd --type f",
      FZF_CTRL_T_OPTS: "--preview 'head {}'",
      FZF_DEFAULT_COMMAND: "fd --type f",
      FZF_DEFAULT_OPTS: "--height 40% --border --color bg:#1e1e1e,bg+:#262626",
    },
  );
  assert.deepEqual(c.home.packages.map(String), ["fzf"]);
  assertFixture("fzf", "session-vars.sh", fileText(c, ".config/confed/session-vars.sh"));
});

test("programs.fzf before 0.48 (Debian 12's 0.38) sources the distro's scripts", () => {
  const c = evalHome([
    shells,
    settings,
    { programs: { fzf: { package: pkgs.fzf.override({ version: "0.38.0-1+b1" }) } } },
  ]);
  assert.equal(c.programs.fzf.version, "0.38.0-1+b1");
  assertFixture("fzf", "legacy.bashrc", fileText(c, ".bashrc"));
  assertFixture("fzf", "legacy.zshrc", fileText(c, ".zshrc"));
});

test("programs.fzf from 0.48 evaluates `fzf --bash` / `fzf --zsh`", () => {
  const c = evalHome([shells, settings, { programs: { fzf: { version: "0.60.3" } } }]);
  assertFixture("fzf", "modern.bashrc", fileText(c, ".bashrc"));
  assertFixture("fzf", "modern.zshrc", fileText(c, ".zshrc"));
  assert.match(fzfInit("bash", "1:0.48.0-1"), /fzf --bash/);
  assert.match(fzfInit("bash", "0.47.9"), /key-bindings\.bash/);
});

test("programs.fzf with an unknown version sources the scripts every version ships, per family", () => {
  assert.equal(evalHome([settings]).programs.fzf.version, null);
  assert.match(
    fzfInit("bash", null, "apt"),
    /\/usr\/share\/doc\/fzf\/examples\/key-bindings\.bash/,
  );
  assert.match(fzfInit("zsh", null, "dnf"), /\/usr\/share\/fzf\/shell\/key-bindings\.zsh/);
  assert.match(fzfInit("bash", null, "pacman"), /\/usr\/share\/fzf\/key-bindings\.bash/);
});

test("programs.fzf integrations follow home.shell and the per-shell flags", () => {
  const off = evalHome([shells, settings, { home: { shell: { enableShellIntegration: false } } }]);
  assert.doesNotMatch(fileText(off, ".bashrc")!, /fzf/);
  const zshOnly = evalHome([
    shells,
    settings,
    { programs: { fzf: { enableBashIntegration: false } } },
  ]);
  assert.doesNotMatch(fileText(zshOnly, ".bashrc")!, /fzf/);
  assert.match(fileText(zshOnly, ".zshrc")!, /key-bindings\.zsh/);
});

const debianFzf =
  have("fzf") &&
  run("test", ["-f", "/usr/share/doc/fzf/examples/key-bindings.bash"], "/").status === 0;
test("real bash and zsh: the legacy branch loads Debian's fzf key bindings", {
  skip: debianFzf ? false : "Debian's fzf is not installed here (apt-get install fzf)",
}, () => {
  const t = tempHome();
  try {
    t.write(
      evalHome([shells, settings, { programs: { fzf: { version: "0.38.0" } } }], { home: t.dir }),
    );
    const b = run(
      "bash",
      ["-i", "-c", "declare -F __fzf_select__ __fzf_history__; bind -X | grep -c fzf"],
      t.dir,
    );
    assert.match(b.stdout, /__fzf_select__\n__fzf_history__\n[1-9]/, b.stderr);
    if (have("zsh")) {
      const z = run("zsh", ["-i", "-c", "bindkey '^T'; bindkey '^R'"], t.dir);
      assert.match(z.stdout, /"\^T" fzf-file-widget\n"\^R" fzf-history-widget/, z.stderr);
    }
  } finally {
    rmSync(t.dir, { recursive: true, force: true });
  }
});

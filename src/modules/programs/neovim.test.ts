import assert from "node:assert/strict";
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { makePkgs, writeText } from "../../packages/index.ts";
import { assertFixture, evalHome, fileText, have, run, targets, tempHome } from "./_test-home.ts";
import { luaLongString } from "./neovim.ts";

const pkgs = makePkgs({ family: "apt" });

const full = (dir = "/srv/vim") => ({
  programs: {
    neovim: {
      enable: true,
      viAlias: true,
      vimAlias: true,
      vimdiffAlias: true,
      defaultEditor: true,
      withPython3: false,
      extraPackages: [pkgs.ripgrep],
      extraConfig: "set expandtab shiftwidth=2\nlet g:from_viml = 'yes]]'",
      extraLuaConfig: "vim.g.from_lua = 2",
      plugins: [
        `${dir}/hello`,
        {
          plugin: `${dir}/greeter`,
          type: "lua",
          config: "vim.g.greeter_cfg = require('greeter').name",
        },
        { plugin: `${dir}/later`, optional: true, config: "let g:later_cfg = 1" },
      ],
    },
  },
});

test("programs.neovim writes nothing when disabled, and no init.lua without configuration", () => {
  assert.deepEqual(targets(evalHome([])), []);
  const c = evalHome([{ programs: { neovim: { enable: true } } }]);
  assert.deepEqual(targets(c), []);
  assert.deepEqual(c.home.packages.map(String), ["neovim", "pynvim"]);
  assert.deepEqual({ ...c.home.shellAliases }, {});
});

test("programs.neovim: init.lua runs the Vim script, then the Lua; plugins go to the pack dir", () => {
  const c = evalHome([full()]);
  assert.deepEqual(targets(c).sort(), [
    ".config/nvim/init.lua",
    ".local/share/nvim/site/pack/confed/opt/later",
    ".local/share/nvim/site/pack/confed/start/greeter",
    ".local/share/nvim/site/pack/confed/start/hello",
  ]);
  assertFixture("neovim", "init.lua", fileText(c, ".config/nvim/init.lua"));
  assert.deepEqual({ ...c.home.shellAliases }, { vi: "nvim", vim: "nvim", vimdiff: "nvim -d" });
  assert.equal(c.home.sessionVariables.EDITOR, "nvim");
  assert.deepEqual(c.home.packages.map(String), ["neovim", "ripgrep"]);
  assert.deepEqual(
    { ...c.programs.neovim.generatedConfigs },
    { viml: "let g:later_cfg = 1", lua: "vim.g.greeter_cfg = require('greeter').name" },
  );
});

test("programs.neovim: a store package is a plugin named after the package", () => {
  const plugin = writeText("my-colors", "x");
  const c = evalHome([{ programs: { neovim: { enable: true, plugins: [plugin] } } }]);
  const f = c.home.managedFiles.find((m: any) => m.target.includes("pack/confed"));
  assert.equal(f.target, ".local/share/nvim/site/pack/confed/start/my-colors");
  assert.equal(f.source, plugin);
});

test("programs.neovim refuses a distribution package as a plugin and clashing names", () => {
  const distro = evalHome([{ programs: { neovim: { enable: true, plugins: [pkgs.vim] } } }]);
  assert.throws(
    () => distro.home.managedFiles,
    /programs\.neovim\.plugins\.\[0\]: `vim' is a distribution package.*home\.packages/,
  );
  const twice = evalHome([
    { programs: { neovim: { enable: true, plugins: ["/a/foo", "/b/foo"] } } },
  ]);
  assert.throws(() => twice.home.managedFiles, /plugins\.\[1\]: the plugin name `foo'/);
  assert.throws(
    () =>
      evalHome([
        { programs: { neovim: { enable: true, plugins: [{ plugin: "/a", type: "fennel" }] } } },
      ]).home.managedFiles,
    /programs\.neovim\.plugins/,
  );
});

test("luaLongString picks a level no closing bracket inside the text matches", () => {
  assert.equal(luaLongString("a\n"), "[[\na\n]]");
  assert.equal(luaLongString("x ]] y ]=] z\n"), "[==[\nx ]] y ]=] z\n]==]");
});

test("real nvim: init.lua runs and the pack directory's plugins load", {
  skip: have("nvim") ? false : "Neovim is not installed here (apt-get install neovim)",
}, () => {
  const t = tempHome();
  try {
    const src = join(t.dir, "src");
    const put = (file: string, text: string) => {
      mkdirSync(dirname(join(src, file)), { recursive: true });
      writeFileSync(join(src, file), text);
    };
    put("hello/plugin/hello.vim", "let g:hello_loaded = 1\n");
    put("greeter/lua/greeter.lua", "return { name = 'greeter' }\n");
    put("later/plugin/later.vim", "let g:later_loaded = 1\n");
    const c = evalHome([full(src)], { home: t.dir });
    t.write(c);
    for (const f of c.home.managedFiles) {
      if (f.source === null) continue;
      mkdirSync(dirname(join(t.dir, f.target)), { recursive: true });
      symlinkSync(f.source, join(t.dir, f.target));
    }
    const show =
      "lua local g = vim.g; io.stdout:write(table.concat(vim.tbl_map(tostring, { g.hello_loaded, g.greeter_cfg, tostring(g.later_loaded), g.later_cfg, g.from_viml, g.from_lua, vim.o.shiftwidth }), ','))";
    const r = run(
      "nvim",
      [
        "--headless",
        "-u",
        join(t.dir, ".config/nvim/init.lua"),
        "-c",
        show,
        "-c",
        "packadd later",
        "-c",
        "lua io.stdout:write(' ' .. vim.g.later_loaded)",
        "+qa!",
      ],
      t.dir,
    );
    assert.equal(r.status, 0, r.stderr);
    // `later` is optional: not loaded at startup, loaded by :packadd.
    assert.equal(r.stdout, "1,greeter,nil,1,yes]],2,2 1");
  } finally {
    rmSync(t.dir, { recursive: true, force: true });
  }
});

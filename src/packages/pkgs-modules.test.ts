import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ModuleError } from "../errors/index.ts";
import { evalModules, mkOption, mkPackageOption, types } from "../module-system/index.ts";
import { makePkgs, PackagesError, resolve } from "./index.ts";

const pkgs = makePkgs({
  family: "apt",
  overlays: [
    (_final, prev) => ({ agenix: prev.distro("agenix", { apt: "agenix-cli" }) }),
    (final) => ({
      myme: {
        apps: {
          get gitSync() {
            return final.distro("git-sync");
          },
        },
      },
    }),
  ],
});

const homeOptions = {
  options: {
    home: {
      packages: mkOption({ type: types.listOf(types.package), default: [] }),
    },
  },
};

describe("pkgs in modules", () => {
  test("`types.package` accepts a reference and keeps it as a leaf", () => {
    const { config } = evalModules({
      modules: [
        { options: { editor: mkOption({ type: types.package }) } },
        { editor: pkgs.neovim },
      ],
    });
    assert.equal(config.editor, pkgs.neovim);
    assert.ok(types.package.check(pkgs.git));
    assert.ok(!types.package.check({ name: "git" }));
  });

  test("`home.packages = with pkgs; [ mosh ]` through `_module.args.pkgs`", () => {
    const { config } = evalModules({
      modules: [
        homeOptions,
        { _module: { args: { pkgs } } },
        ({ pkgs }: any) => ({ home: { packages: [pkgs.mosh, pkgs.agenix] } }),
        ({ pkgs }: any) => ({ home: { packages: [pkgs.myme.apps.gitSync] } }),
      ],
    });
    const names = config.home.packages.map((p: any) => p.name).sort();
    assert.deepEqual(names, ["agenix", "git-sync", "mosh"]);
    assert.deepEqual(config.home.packages.map((p: any) => resolve(p, "apt")).sort(), [
      "agenix-cli",
      "git-sync",
      "mosh",
    ]);
    // What a manifest would hold: plain JSON, stable.
    const json = JSON.parse(JSON.stringify(config.home.packages));
    assert.ok(json.every((p: any) => p.kind === "distro" && typeof p.names.apt === "string"));
  });

  test("`pkgs` passed as a specialArg works the same", () => {
    const { config } = evalModules({
      specialArgs: { pkgs },
      modules: [homeOptions, ({ pkgs }: any) => ({ home: { packages: [pkgs.tmux] } })],
    });
    assert.equal(config.home.packages[0], pkgs.tmux);
  });

  test("a non-package in `listOf(package)` is a type error", () => {
    const { config } = evalModules({
      modules: [homeOptions, { home: { packages: ["mosh"] } }],
    });
    assert.throws(
      () => config.home.packages[0],
      (e: unknown) => e instanceof ModuleError && e.code === "E_TYPE",
    );
  });

  test("an unknown package read by a module fails with the package error", () => {
    const { config } = evalModules({
      modules: [
        homeOptions,
        { _module: { args: { pkgs } } },
        ({ pkgs }: any) => ({
          home: {
            get packages() {
              return [pkgs.moshh];
            },
          },
        }),
      ],
    });
    assert.throws(
      () => config.home.packages,
      (e: unknown) => {
        assert.ok(e instanceof PackagesError, String(e));
        assert.equal(e.code, "E_PKG_UNKNOWN");
        assert.match(e.message, /Did you mean `mosh'/);
        return true;
      },
    );
  });

  test("`mkPackageOption` defaults to the pkgs entry", () => {
    const { config } = evalModules({
      modules: [{ options: { programs: { git: { package: mkPackageOption(pkgs, "git") } } } }],
    });
    assert.equal(config.programs.git.package, pkgs.git);
  });
});

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { FlakeError, ModuleError } from "../src/errors/index.ts";
import { loadFlake, readDependency, readLock } from "../src/flake/index.ts";
import * as api from "../src/index.ts";
import { fetchLockGraph, inputStore, lockFlake } from "../src/inputs/index.ts";
import { exampleDir, tempRepo, testInputStore } from "./helpers.ts";

// The example's inputs are fetched into a temporary store (inputs.<name> reads it).
process.env.CONFED_STORE_DIR = testInputStore;

const cleanups: (() => void)[] = [];
after(() => {
  for (const c of cleanups) c();
});
function repo(files: Record<string, string>) {
  const r = tempRepo(files);
  cleanups.push(r.cleanup);
  return loadFlake(r.dir, { api });
}
const FLAKE = `import { defineFlake } from "confed";\nexport default defineFlake({ description: "t" });\n`;

describe("the example fleet", () => {
  const flake = loadFlake(exampleDir, { api });
  before(async () => {
    await fetchLockGraph(exampleDir, readLock(exampleDir) as never, { store: inputStore() });
  });

  test("its confed.lock is current: locking again moves nothing", async () => {
    const lock = readLock(exampleDir);
    assert.ok(lock);
    const r = await lockFlake(exampleDir, flake.spec.inputs, {
      store: inputStore(),
      lock,
      readFlake: (dir, input) => readDependency(dir, input, { api }),
    });
    assert.deepEqual(r.changes, []);
    assert.deepEqual(r.graph, { nodes: lock.nodes, root: lock.root });
  });

  test("a home gets programs.nixon from the nixon input and the wallpapers input as a source", () => {
    const map = flake.home("myme@map").config;
    assert.equal(map.programs.nixon.enable, true);
    assert.deepEqual(JSON.parse(map.xdg.configFile["nixon/config.json"].text).projectDirs, [
      "~/code",
      "~/src",
    ]);
    assert.ok(map.home.packages.some((p: { name: string }) => p.name === "nixon"));
    const walls = flake.inputs.wallpapers;
    assert.equal(walls.flake, false);
    assert.equal(flake.home("myme@Tuple").config.xdg.dataFile.wallpapers.source, walls.outPath);
    assert.match(readFileSync(join(walls.outPath, "fjord.svg"), "utf8"), /^<svg/);
    // The same input object wherever it is read; its own outputs are there too.
    assert.equal(flake.inputs.nixon, flake.inputs.nixon);
    assert.deepEqual(Object.keys(flake.inputs.nixon.homeModules).sort(), ["default", "nixon"]);
    assert.equal(flake.inputs.nixon.packages.nixon.name, "nixon");
    assert.equal(flake.pkgs.nixon.name, "nixon");
  });

  test("discovers the six machines of the seed", () => {
    assert.deepEqual(
      [...flake.machineNames],
      ["Tuple", "map", "nuckie", "qemu-server", "qemu-vm", "vmware"],
    );
  });

  test("gives exactly the seed's eight homes", () => {
    assert.deepEqual(flake.homeNames(), [
      "myme@Tuple",
      "myme@map",
      "myme@nuckie",
      "myme@vmware",
      "nixos@qemu-server",
      "nixos@qemu-vm",
      "nixos@vmware",
      "user@qemu-server",
    ]);
  });

  test("hostName defaults to the machine's name; flavor decides the distro", () => {
    const map = flake.machine("map").config;
    assert.equal(map.networking.hostName, "map");
    assert.equal(map.system.distro, "wsl-debian");
    assert.equal(flake.machine("Tuple").config.system.distro, "ubuntu");
    assert.deepEqual([...map.deployment.tags], ["desktop", "wsl"]);
  });

  test("the user profile becomes the home, with username and directory from users.users", () => {
    const home = flake.home("myme@map").config;
    assert.equal(home.home.username, "myme");
    assert.equal(home.home.homeDirectory, "/home/myme");
    const pkgs = home.home.packages.map((p: { name: string }) => p.name);
    assert.ok(pkgs.includes("mosh"), pkgs.join(" "));
    assert.ok(pkgs.includes("ghc"));
    assert.ok(!pkgs.includes("haskell-language-server"), "lsp = false");
  });

  test("definitions name the user file they come from, also files imported by other files", () => {
    const files = flake.home("myme@map").options.home.packages.files as string[];
    assert.ok(files.includes("home/index.ts"), files.join(", "));
  });

  test("a home is the machine's embedded home (one evaluation)", () => {
    assert.equal(flake.home("myme@map").config, flake.machine("map").config.home.users.myme);
  });

  test("every machine and home evaluates without failed assertions", () => {
    for (const m of flake.machineNames) {
      const c = flake.machine(m).config;
      assert.deepEqual(
        c.assertions.filter((a: any) => !a.assertion),
        [],
        m,
      );
      JSON.stringify(c.users);
    }
    for (const h of flake.homeNames()) JSON.stringify(flake.home(h).config.home);
  });

  test("evaluating one machine does not evaluate the others", () => {
    const fresh = loadFlake(exampleDir, { api });
    fresh.machine("nuckie").config.networking.hostName;
    // machine objects are created on demand; only nuckie was asked for
    assert.equal(fresh.machine("nuckie").config.networking.hostName, "nuckie");
  });
});

describe("discovery and loading errors", () => {
  test("a syntax error names file:line:column and shows the line", () => {
    assert.throws(
      () =>
        repo({
          "confed.ts": FLAKE,
          "machines/a.ts": "export default {\n  users: { users: { x: { uid: } } },\n};\n",
        }).machine("a").config,
      (e: unknown) => {
        assert.ok(e instanceof FlakeError);
        assert.equal(e.code, "E_FLAKE_SYNTAX");
        assert.equal(e.file, "machines/a.ts");
        assert.equal(e.line, 2);
        assert.match(e.message, /machines\/a\.ts:2:\d+/);
        assert.match(e.message, /uid: \}/);
        return true;
      },
    );
  });

  test("a machine defined both as file and directory is an error naming both", () => {
    assert.throws(
      () =>
        repo({
          "confed.ts": FLAKE,
          "machines/a.ts": "export default {};",
          "machines/a/index.ts": "export default {};",
        }),
      (e: unknown) =>
        e instanceof FlakeError &&
        e.code === "E_FLAKE_DISCOVERY" &&
        /machines\/a\.ts/.test(e.message) &&
        /a\/index\.ts/.test(e.message),
    );
  });

  test("a machine directory without index.ts is an error", () => {
    assert.throws(
      () => repo({ "confed.ts": FLAKE, "machines/b/hardware.ts": "export default {};" }),
      (e: unknown) =>
        e instanceof FlakeError &&
        e.code === "E_FLAKE_DISCOVERY" &&
        /machines\/b\/index\.ts/.test(e.message),
    );
  });

  test("names starting with _ or ., tests and declaration files are skipped", () => {
    const f = repo({
      "confed.ts": FLAKE,
      "machines/a.ts": "export default {};",
      "machines/_shared.ts": "export default 1;",
      "machines/.hidden.ts": "export default 1;",
      "machines/a.test.ts": "export default 1;",
      "machines/types.d.ts": "export {};",
    });
    assert.deepEqual([...f.machineNames], ["a"]);
  });

  test("a machine file that does not export a module is an error naming the file", () => {
    assert.throws(
      () => repo({ "confed.ts": FLAKE, "machines/a.ts": "export default 42;" }).machine("a").config,
      (e: unknown) =>
        e instanceof FlakeError && e.code === "E_FLAKE_EXPORT" && e.file === "machines/a.ts",
    );
  });

  test("a missing confed.ts is an error that says how to start", () => {
    const r = tempRepo({ "x.txt": "" });
    cleanups.push(r.cleanup);
    assert.throws(
      () => loadFlake(r.dir, { api }),
      (e: unknown) =>
        e instanceof FlakeError && e.code === "E_FLAKE_NOT_FOUND" && /confed init/.test(e.message),
    );
  });

  test("an unknown machine gets did-you-mean", () => {
    const f = repo({ "confed.ts": FLAKE, "machines/map.ts": "export default {};" });
    assert.throws(
      () => f.machine("mpa"),
      (e: unknown) =>
        e instanceof FlakeError && e.code === "E_FLAKE_UNKNOWN" && /`map'/.test(e.message),
    );
  });

  test("errors inside a machine name its file and the option path", () => {
    const f = repo({
      "confed.ts": FLAKE,
      "machines/a.ts": 'export default { networking: { hostNmae: "x" } };',
    });
    assert.throws(
      () => f.machine("a").config,
      (e: unknown) =>
        e instanceof ModuleError &&
        e.code === "E_OPTION_UNDECLARED" &&
        e.files.includes("machines/a.ts") &&
        /networking\.hostName/.test(e.message),
    );
    const g = repo({
      "confed.ts": FLAKE,
      "machines/a.ts": "export default { security: { sudo: { wheelNeedsPassword: 1 } } };",
    });
    assert.throws(
      () => g.machine("a").config.security.sudo.wheelNeedsPassword,
      (e: unknown) =>
        e instanceof ModuleError && e.code === "E_TYPE" && e.files.includes("machines/a.ts"),
    );
  });

  test("imports by path resolve against the importing file", () => {
    const f = repo({
      "confed.ts": FLAKE,
      "machines/a.ts": 'export default { imports: ["../common/net.ts", "../common/dir"] };',
      "common/net.ts": 'export default { networking: { domain: "home.arpa" } };',
      "common/dir/index.ts":
        "export default { security: { sudo: { wheelNeedsPassword: false } } };",
    });
    assert.equal(f.machine("a").config.networking.domain, "home.arpa");
    assert.equal(f.machine("a").config.security.sudo.wheelNeedsPassword, false);
  });

  test("a standalone home (host is not a machine) evaluates alone, without osConfig", () => {
    const f = repo({
      "confed.ts": FLAKE,
      "homes/me@laptop.ts":
        "export default ({ osConfig, pkgs }: any) => ({ home: { packages: osConfig === undefined ? [pkgs.git] : [] } });",
    });
    assert.deepEqual(f.homeNames(), ["me@laptop"]);
    const h = f.home("me@laptop").config;
    assert.equal(h.home.username, "me");
    assert.equal(h.home.homeDirectory, "/home/me");
    assert.deepEqual(
      h.home.packages.map((p: any) => p.name),
      ["git"],
    );
  });

  test("homes/<user>@<machine>.ts adds to the machine's embedded home", () => {
    const f = repo({
      "confed.ts": FLAKE,
      "machines/box.ts": "export default { users: { users: { me: { isNormalUser: true } } } };",
      "homes/me@box.ts": "export default ({ pkgs }: any) => ({ home: { packages: [pkgs.tmux] } });",
    });
    assert.deepEqual(f.homeNames(), ["me@box"]);
    assert.deepEqual(
      f.home("me@box").config.home.packages.map((p: any) => p.name),
      ["tmux"],
    );
  });

  test("home assertions are lifted into the machine with the user's name", () => {
    const f = repo({
      "confed.ts": FLAKE,
      "machines/box.ts":
        'export default { home: { users: { me: { assertions: [{ assertion: false, message: "nope" }] } } } };',
    });
    const failed = f
      .machine("box")
      .config.assertions.filter((a: any) => !a.assertion)
      .map((a: any) => a.message);
    assert.deepEqual(failed, ["me profile: nope"]);
  });

  test("a home module imported into a machine is a class error naming the file", () => {
    const f = repo({
      "confed.ts": FLAKE,
      "machines/box.ts": 'export default { imports: ["../h.ts"] };',
      "h.ts": 'export default { _class: "home", home: { packages: [] } };',
    });
    assert.throws(
      () => f.machine("box").config,
      (e: unknown) => e instanceof ModuleError && e.code === "E_CLASS" && /h\.ts/.test(e.message),
    );
  });
});

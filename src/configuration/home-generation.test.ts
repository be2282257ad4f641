import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { evalModules } from "../module-system/index.ts";
import { homeModules } from "../modules/index.ts";
import { makePkgs } from "../packages/index.ts";
import { openStore } from "../store/index.ts";
import { buildHomeGeneration, homeInputs } from "./home-generation.ts";

const tmp = mkdtempSync(join(tmpdir(), "confed-homegen-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

const src = join(tmp, "src");
mkdirSync(join(src, "vim", "colors"), { recursive: true });
writeFileSync(join(src, "vim", "vimrc"), "set nu\n");
writeFileSync(join(src, "vim", "colors", "x.vim"), "hi x\n");
writeFileSync(join(src, "settings.json"), '{"a":1}\n');

/** me's home at /home/me with its store in `storeDir`, `home` options and more modules. */
const evalHome = (storeDir: string, home: object, ...modules: unknown[]) =>
  evalModules({
    class: "home",
    modules: [
      ...homeModules,
      {
        _module: { args: { pkgs: makePkgs() } },
        home: { username: "me", homeDirectory: "/home/me", storeDir, ...home },
      },
      ...modules,
    ],
  }).config as any;

const home = (storeDir: string) =>
  evalHome(
    storeDir,
    {
      file: {
        ".vim": { source: join(src, "vim"), recursive: true },
        ".local/bin/hello": { text: "#!/bin/sh\necho hi\n", executable: true },
        ".config/app/settings.json": { source: join(src, "settings.json"), mode: "copy" },
      },
      activation: { greet: { after: ["linkGeneration"], before: [], data: "echo done" } },
    },
    ({ pkgs }: any) => ({ home: { packages: [pkgs.bat] } }),
  );

test("a home builds into a generation with home-files and a manifest", () => {
  const storeDir = join(tmp, "a", "store");
  const store = openStore({ storeDir });
  const { path, manifest } = buildHomeGeneration(store, homeInputs(home(storeDir)));
  assert.ok(path.startsWith(`${storeDir}/`));
  const hf = join(path, "home-files");
  assert.equal(readFileSync(join(hf, ".local/bin/hello"), "utf8"), "#!/bin/sh\necho hi\n");
  assert.equal(lstatSync(join(hf, ".local/bin/hello")).mode & 0o111, 0o111);
  // A recursive directory nothing else lies below is one link to its source in the store.
  assert.ok(lstatSync(join(hf, ".vim")).isSymbolicLink());
  assert.ok(readlinkSync(join(hf, ".vim")).startsWith(`${storeDir}/`));
  assert.equal(readFileSync(join(hf, ".vim/colors/x.vim"), "utf8"), "hi x\n");
  assert.ok(lstatSync(join(hf, ".config/app/settings.json")).isFile(), "copy mode is a real file");
  const m = JSON.parse(readFileSync(join(path, "manifest.json"), "utf8"));
  assert.deepEqual(m, JSON.parse(JSON.stringify(manifest)));
  assert.equal(m.user, "me");
  assert.equal(m.files[".config/app/settings.json"].mode, "copy");
  assert.match(m.files[".config/app/settings.json"].sha256, /^[0-9a-f]{64}$/);
  assert.equal(m.files[".vim"].recursive, true);
  // Every file below it, with its content id (its SHA-256).
  assert.deepEqual(Object.keys(m.files[".vim"].entries).sort(), ["colors/x.vim", "vimrc"]);
  assert.equal(
    m.files[".vim"].entries["colors/x.vim"],
    createHash("sha256").update("hi x\n").digest("hex"),
  );
  assert.equal(m.version, 2);
  assert.equal(m.files[".local/bin/hello"].source, `${path}/home-files/.local/bin/hello`);
  assert.deepEqual(
    m.activation.map((e: any) => e.name),
    ["greet"],
  );
  assert.deepEqual(m.packages, [{ name: "bat", apt: "bat", dnf: "bat", pacman: "bat" }]);
  // Building again finds the same path (input-addressed) and the same manifest.
  const again = buildHomeGeneration(store, homeInputs(home(storeDir)));
  assert.equal(again.path, path);
  assert.deepEqual(again.manifest, manifest);
});

test("the same configuration and storeDir give byte-identical generations in two stores", () => {
  const storeDir = "/home/me/.local/state/confed/store";
  const a = openStore({ storeDir, realDir: join(tmp, "x", "store"), stateDir: join(tmp, "x") });
  const b = openStore({ storeDir, realDir: join(tmp, "y", "store"), stateDir: join(tmp, "y") });
  const ga = buildHomeGeneration(a, homeInputs(home(storeDir)));
  const gb = buildHomeGeneration(b, homeInputs(home(storeDir)));
  assert.equal(ga.path, gb.path);
  const name = ga.path.slice(storeDir.length + 1);
  assert.equal(
    readFileSync(join(tmp, "x", "store", name, "manifest.json"), "utf8"),
    readFileSync(join(tmp, "y", "store", name, "manifest.json"), "utf8"),
  );
});

test("a changed source gives a new generation; an unchanged one is found from the source cache", () => {
  const dir = join(tmp, "cached");
  mkdirSync(join(dir, "conf"), { recursive: true });
  writeFileSync(join(dir, "conf", "a"), "one\n");
  const storeDir = join(tmp, "c", "store");
  const store = openStore({ storeDir });
  const cfg = () => evalHome(storeDir, { file: { conf: { source: join(dir, "conf") } } });
  const g1 = buildHomeGeneration(store, homeInputs(cfg()));
  assert.ok(readFileSync(join(tmp, "c", "sources.json"), "utf8").includes(join(dir, "conf")));
  assert.equal(buildHomeGeneration(store, homeInputs(cfg())).path, g1.path);
  writeFileSync(join(dir, "conf", "a"), "two\n");
  const g2 = buildHomeGeneration(store, homeInputs(cfg()));
  assert.notEqual(g2.path, g1.path);
  assert.equal(readFileSync(join(g2.path, "home-files", "conf", "a"), "utf8"), "two\n");
});

test("a file placed inside a recursive directory splits it along the way, in a relocated store too", () => {
  const dir = join(tmp, "nested");
  mkdirSync(join(dir, "a", "b", "c"), { recursive: true });
  writeFileSync(join(dir, "a", "b", "c", "keep"), "keep\n");
  writeFileSync(join(dir, "a", "b", "mine"), "from source\n");
  writeFileSync(join(dir, "a", "sibling"), "sib\n");
  const storeDir = "/home/me/.local/state/confed/store";
  const realDir = join(tmp, "reloc", "store");
  const store = openStore({ storeDir, realDir, stateDir: join(tmp, "reloc") });
  const cfg = evalHome(storeDir, {
    file: {
      ".d": { source: dir, recursive: true },
      ".d/a/b/mine": { text: "explicit\n" },
    },
  });
  const { path, manifest } = buildHomeGeneration(store, homeInputs(cfg));
  const hf = join(realDir, path.slice(storeDir.length + 1), "home-files", ".d");
  // Real directories down to the explicit file; everything else links into the split source.
  assert.ok(lstatSync(hf).isDirectory());
  assert.ok(lstatSync(join(hf, "a")).isDirectory());
  assert.ok(lstatSync(join(hf, "a", "b")).isDirectory());
  assert.ok(lstatSync(join(hf, "a", "sibling")).isSymbolicLink());
  assert.ok(lstatSync(join(hf, "a", "b", "c")).isSymbolicLink());
  assert.ok(readlinkSync(join(hf, "a", "b", "c")).startsWith(`${storeDir}/`));
  assert.ok(lstatSync(join(hf, "a", "b", "mine")).isFile());
  assert.deepEqual(Object.keys(manifest.files[".d"].entries ?? {}).sort(), [
    "a/b/c/keep",
    "a/sibling",
  ]);
});

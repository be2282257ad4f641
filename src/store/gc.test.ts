import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { tempDir, tempStore } from "./_fixtures/stores.ts";
import { addTextToStore, addTreeToStore } from "./add.ts";
import { addRoot, addTempRoots, findRoots, gc } from "./gc.ts";
import { addGeneration, deleteGenerations, openProfile, setActiveGeneration } from "./profiles.ts";
import { isValidPath, listValidPaths, openStore, realPath } from "./store.ts";
import { StoreError } from "./store-error.ts";

const isCode = (code: string) => (e: unknown) => e instanceof StoreError && e.code === code;

/** gen1 -> lib1; gen2 -> lib2 -> shared; loose (no root). */
function graph() {
  const store = tempStore();
  const shared = addTextToStore(store, "shared", "shared\n");
  const lib1 = addTextToStore(store, "lib1", "lib1\n");
  const lib2 = addTextToStore(store, "lib2", `${shared}\n`, [shared]);
  const gen1 = addTextToStore(store, "gen1", `${lib1}\n`, [lib1]);
  const gen2 = addTextToStore(store, "gen2", `${lib2}\n`, [lib2]);
  const loose = addTextToStore(store, "loose", "loose\n");
  const profile = openProfile(store, "home-me");
  addGeneration(profile, gen1);
  addGeneration(profile, gen2);
  return { store, profile, shared, lib1, lib2, gen1, gen2, loose };
}

describe("gc", () => {
  test("gc keeps the closures of profile generations and deletes the rest", () => {
    const { store, loose, ...kept } = graph();
    const result = gc(store);
    assert.deepEqual(result.deleted, [loose]);
    assert.equal(result.bytesFreed, "loose\n".length);
    assert.equal(existsSync(realPath(store, loose)), false);
    assert.equal(isValidPath(store, loose), false);
    for (const p of [kept.shared, kept.lib1, kept.lib2, kept.gen1, kept.gen2]) {
      assert.equal(isValidPath(store, p), true, p);
    }
  });

  test("gc --dry-run reports the same and deletes nothing", () => {
    const { store, loose } = graph();
    const before = listValidPaths(store);
    const dry = gc(store, { dryRun: true });
    assert.deepEqual(dry.deleted, [loose]);
    assert.equal(dry.dryRun, true);
    assert.deepEqual(listValidPaths(store), before);
    assert.deepEqual(gc(store).deleted, dry.deleted);
  });

  test("gc after deleting a generation frees its closure, keeping what newer ones share", () => {
    const { store, profile, lib1, gen1, loose } = graph();
    deleteGenerations(profile);
    assert.deepEqual(gc(store).deleted, [gen1, lib1, loose].sort());
  });

  test("gc keeps the active generation even when its link is gone", () => {
    const { store, profile, gen1, lib1 } = graph();
    setActiveGeneration(profile, 1);
    rmSync(`${profile.dir}/home-me-1-link`);
    const deleted = gc(store).deleted;
    assert.ok(!deleted.includes(gen1) && !deleted.includes(lib1));
  });

  test("addRoot keeps a result link's path until the link is removed", () => {
    const { store, loose } = graph();
    const result = join(tempDir(), "result");
    symlinkSync(loose, result);
    addRoot(store, result);
    assert.deepEqual(findRoots(store).paths.get(loose), [result]);
    assert.deepEqual(gc(store).deleted, []);
    rmSync(result);
    const after = gc(store);
    assert.deepEqual(after.deleted, [loose]);
    assert.equal(after.garbage.length, 1, "the dangling auto root is removed");
    assert.deepEqual(readdirSync(`${store.stateDir}/gcroots/auto`), []);
    assert.throws(() => addRoot(store, result), isCode("E_STORE_INVALID"));
  });

  test("addTempRoots protects paths of a switch in progress until released", () => {
    const { store, loose } = graph();
    const roots = addTempRoots(store, [loose]);
    assert.deepEqual(gc(store).deleted, []);
    roots.release();
    assert.deepEqual(gc(store).deleted, [loose]);
  });

  test("temp roots of a dead process do not count", () => {
    const { store, loose } = graph();
    addTempRoots(store, [loose]);
    const [file] = readdirSync(`${store.stateDir}/gcroots/temp`);
    writeFileSync(
      `${store.stateDir}/gcroots/temp/${file}`,
      JSON.stringify({ pid: 2 ** 22 + 1, paths: [loose] }),
    );
    assert.deepEqual(gc(store).deleted, [loose]);
  });

  test("gc removes debris of interrupted adds: temp dirs and paths without metadata", () => {
    const { store, loose } = graph();
    writeFileSync(`${store.realDir}/.tmp-0123-x`, "half");
    const orphan = addTextToStore(store, "orphan", "o");
    rmSync(`${store.realDir}/.meta/${orphan.slice(3)}.json`);
    const result = gc(store);
    assert.deepEqual(result.deleted, [loose]);
    assert.deepEqual(
      result.garbage.sort(),
      [`${store.realDir}/.tmp-0123-x`, realPath(store, orphan)].sort(),
    );
    assert.deepEqual(
      readdirSync(store.realDir).filter((e) => e.startsWith(".tmp")),
      [],
    );
  });
});

describe("gc and concurrent adds", () => {
  test("gc cannot run inside an add (it would take the add's output for debris)", () => {
    const store = tempStore();
    assert.throws(
      () =>
        addTreeToStore(store, "x", {
          build(out) {
            writeFileSync(out, "x");
            gc(store);
          },
        }),
      (e: unknown) =>
        isCode("E_STORE_LOCKED")(e) ||
        (isCode("E_STORE_BUILD")(e) && isCode("E_STORE_LOCKED")((e as Error).cause)),
    );
  });

  test("gc waits for another process's add and never deletes its temporary output", async () => {
    const store = tempStore();
    const marker = join(tempDir(), "building");
    const index = new URL("./index.ts", import.meta.url).pathname;
    // The child adds a path whose build takes 600 ms; gc starts while it builds.
    const script = `
      import { openStore, addTreeToStore } from ${JSON.stringify(index)};
      import { writeFileSync } from "node:fs";
      const store = openStore({ storeDir: "/s", realDir: ${JSON.stringify(store.realDir)} });
      const p = addTreeToStore(store, "slow", { build(out) {
        writeFileSync(out, "slow");
        writeFileSync(${JSON.stringify(marker)}, "");
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 600);
      } });
      process.stdout.write(p);
    `;
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    const done = new Promise((resolve) => child.on("exit", resolve));
    while (!existsSync(marker)) await new Promise((r) => setTimeout(r, 10));
    const impatient = openStore({ storeDir: "/s", realDir: store.realDir, lockTimeoutMs: 50 });
    assert.throws(() => gc(impatient), isCode("E_STORE_LOCKED"));
    const patient = openStore({ storeDir: "/s", realDir: store.realDir, lockTimeoutMs: 10_000 });
    const result = gc(patient, { dryRun: true });
    assert.equal(await done, 0);
    // gc ran after the add committed: the new path is valid (unrooted, so collectable), no debris.
    assert.equal(result.garbage.length, 0);
    assert.deepEqual(result.deleted, [out]);
    assert.equal(isValidPath(store, out as never), true);
  });
});

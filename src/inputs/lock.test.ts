import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { gc, listValidPaths, narHash, realPath, type StorePath } from "../store/index.ts";
import { commit, git, makeRepo, tempDir, tempStore, write } from "./_test-repos.ts";
import { fetchLockGraph } from "./fetch-graph.ts";
import { InputError } from "./input-error.ts";
import { checkGraph, type DependencyInfo, lockFlake } from "./lock.ts";

const T0 = 1_700_000_000;

/** A dependency as these tests write one: its inputs in inputs.json, its own lock in lock.json. */
function readFlake(dir: string): DependencyInfo {
  const json = (f: string) =>
    existsSync(join(dir, f)) ? JSON.parse(readFileSync(join(dir, f), "utf8")) : undefined;
  return { inputs: json("inputs.json"), lock: json("lock.json") };
}

describe("lockFlake", () => {
  test("lockFlake locks new inputs in flake.lock's shape and leaves them until asked", async () => {
    const store = tempStore();
    const repo = tempDir();
    const lib = makeRepo({ "lib.ts": "1\n" }, T0);
    const walls = makeRepo({ "a.png": "png\n" }, T0);
    const first = git(lib, ["rev-parse", "HEAD"]);
    const inputs = {
      lib: `git+file://${lib}`,
      walls: { url: `git+file://${walls}`, flake: false },
    };
    const a = await lockFlake(repo, inputs, { store });
    assert.deepEqual(a.graph.nodes.root, { inputs: { lib: "lib", walls: "walls" } });
    assert.deepEqual(a.graph.nodes.lib?.original, { type: "git", url: `file://${lib}` });
    assert.equal(a.graph.nodes.lib?.locked?.rev, first);
    assert.equal(a.graph.nodes.lib?.flake, undefined);
    assert.equal(a.graph.nodes.walls?.flake, false);
    assert.deepEqual(
      a.changes.map((c) => c.text),
      [
        `lib: (none) → ${first.slice(0, 7)} (2023-11-14)`,
        `walls: (none) → ${git(walls, ["rev-parse", "HEAD"]).slice(0, 7)} (2023-11-14)`,
      ],
    );

    write(lib, { "lib.ts": "2\n" });
    const second = commit(lib, "two", T0 + 86_400 * 40);
    const b = await lockFlake(repo, inputs, { store, lock: a.graph });
    assert.deepEqual(b.graph, a.graph);
    assert.deepEqual(b.changes, []);

    const c = await lockFlake(repo, inputs, { store, lock: b.graph, update: ["lib"] });
    assert.equal(c.graph.nodes.lib?.locked?.rev, second);
    assert.deepEqual(c.graph.nodes.walls, a.graph.nodes.walls);
    assert.deepEqual(
      c.changes.map((x) => x.text),
      [`lib: ${first.slice(0, 7)} (2023-11-14) → ${second.slice(0, 7)} (2023-12-24)`],
    );

    const d = await lockFlake(
      repo,
      { lib: `git+file://${lib}?rev=${first}` },
      { store, lock: c.graph },
    );
    assert.equal(d.graph.nodes.lib?.locked?.rev, first);
    assert.deepEqual(
      d.changes.map((x) => [x.input, x.kind]),
      [
        ["lib", "updated"],
        ["walls", "removed"],
      ],
    );
    assert.match(d.changes[1]?.text ?? "", /^walls: \w{7} \(2023-11-14\) → \(removed\)$/);
    assert.equal(d.graph.nodes.walls, undefined);
  });

  test("lockFlake records follows as paths, names duplicates name_2, and refuses bad follows", async () => {
    const store = tempStore();
    const repo = tempDir();
    const y = makeRepo({ "y.ts": "y\n" });
    const z = makeRepo({ "z.ts": "z\n" });
    const x = makeRepo({
      "inputs.json": JSON.stringify({
        a: { url: `git+file://${y}`, flake: false },
        b: `git+file://${z}`,
      }),
    });
    const r = await lockFlake(
      repo,
      {
        a: { url: `git+file://${x}`, inputs: { b: { follows: "b" } } },
        b: `git+file://${y}`,
        c: { follows: "a/a" },
      },
      { store, readFlake },
    );
    assert.deepEqual(r.graph.nodes.root?.inputs, { a: "a", b: "b", c: ["a", "a"] });
    assert.deepEqual(r.graph.nodes.a?.inputs, { a: "a_2", b: ["b"] });
    assert.equal(r.graph.nodes.a_2?.flake, false);
    assert.equal(r.graph.nodes.a_2?.locked?.narHash, r.graph.nodes.b?.locked?.narHash);
    // z, which only the overridden a/b named, is not locked at all.
    assert.deepEqual(Object.keys(r.graph.nodes).sort(), ["a", "a_2", "b", "root"]);
    await assert.rejects(
      lockFlake(repo, { a: `git+file://${y}`, b: { follows: "a/zz" } }, { store }),
      (e: unknown) =>
        e instanceof InputError &&
        e.code === "E_INPUT_FOLLOWS" &&
        e.input === "b" &&
        e.message === "input 'b' follows 'a/zz', but there is no input 'a/zz'",
    );
    await assert.rejects(
      lockFlake(repo, { a: { follows: "b" }, b: { follows: "a" } }, { store }),
      (e: unknown) =>
        e instanceof InputError &&
        e.code === "E_INPUT_FOLLOWS" &&
        e.input === "a" &&
        e.message === "input 'a': follows form a cycle (a → b → a)",
    );
  });

  test("lockFlake seeds a dependency's inputs from its own lock unless followed, overridden or updated", async () => {
    const store = tempStore();
    const repo = tempDir();
    const lib = makeRepo({ "lib.ts": "1\n" }, T0);
    const r1 = git(lib, ["rev-parse", "HEAD"]);
    const own = await lockFlake(tempDir(), { lib: `git+file://${lib}` }, { store });
    write(lib, { "lib.ts": "2\n" });
    const r2 = commit(lib, "two", T0 + 86_400);
    // x pins lib at r1 in its own lock; lib has moved on since.
    const x = makeRepo({
      "inputs.json": JSON.stringify({ lib: `git+file://${lib}` }),
      "lock.json": JSON.stringify(own.graph),
    });
    const seeded = await lockFlake(repo, { x: `git+file://${x}` }, { store, readFlake });
    assert.equal(seeded.graph.nodes.lib?.locked?.rev, r1);
    assert.deepEqual(
      seeded.changes.map((c) => [c.input, c.kind]),
      [
        ["x", "added"],
        ["x/lib", "added"],
      ],
    );
    // Kept as it is the next time, without reading x's confed.ts again.
    let reads = 0;
    const counting = (dir: string) => {
      reads++;
      return readFlake(dir);
    };
    const again = await lockFlake(
      repo,
      { x: `git+file://${x}` },
      { store, lock: seeded.graph, readFlake: counting },
    );
    assert.deepEqual(again.graph, seeded.graph);
    assert.equal(reads, 0);
    // --update x/lib moves only the nested input.
    const moved = await lockFlake(
      repo,
      { x: `git+file://${x}` },
      { store, lock: seeded.graph, readFlake, update: ["x/lib"] },
    );
    assert.equal(moved.graph.nodes.lib?.locked?.rev, r2);
    assert.equal(moved.graph.nodes.x?.locked?.rev, seeded.graph.nodes.x?.locked?.rev);
    assert.deepEqual(
      moved.changes.map((c) => c.text),
      [`x/lib: ${r1.slice(0, 7)} (2023-11-14) → ${r2.slice(0, 7)} (2023-11-15)`],
    );
    // Followed: x's lib is the root's lib.
    const followed = await lockFlake(
      repo,
      {
        lib: `git+file://${lib}`,
        x: { url: `git+file://${x}`, inputs: { lib: { follows: "lib" } } },
      },
      { store, readFlake },
    );
    assert.deepEqual(followed.graph.nodes.x?.inputs, { lib: ["lib"] });
    assert.equal(followed.graph.nodes.lib?.locked?.rev, r2);
    // Overridden with another URL: locked fresh from it.
    const overridden = await lockFlake(
      repo,
      { x: { url: `git+file://${x}`, inputs: { lib: { url: `git+file://${lib}?ref=main` } } } },
      { store, readFlake },
    );
    assert.equal(overridden.graph.nodes.lib?.locked?.rev, r2);
    assert.deepEqual(overridden.graph.nodes.lib?.original, {
      type: "git",
      url: `file://${lib}`,
      ref: "main",
    });
  });

  test("lockFlake makes a dependency's follows paths from the root and applies nested overrides", async () => {
    const store = tempStore();
    const repo = tempDir();
    const lib = makeRepo({ "lib.ts": "1\n" });
    const other = makeRepo({ "other.ts": "1\n" });
    const m = makeRepo({ "inputs.json": JSON.stringify({ lib: `git+file://${other}` }) });
    const x = makeRepo({
      "inputs.json": JSON.stringify({
        lib: `git+file://${lib}`,
        m: { url: `git+file://${m}`, inputs: { lib: { follows: "lib" } } },
      }),
    });
    const r = await lockFlake(repo, { x: `git+file://${x}` }, { store, readFlake });
    // x's `follows: "lib"` is x's own lib: the path from the root is x/lib.
    assert.deepEqual(r.graph.nodes.m?.inputs, { lib: ["x", "lib"] });
    // An override three levels down, from the root, wins over x's.
    const deep = await lockFlake(
      repo,
      {
        top: { url: `git+file://${other}`, flake: false },
        x: { url: `git+file://${x}`, inputs: { m: { inputs: { lib: { follows: "top" } } } } },
      },
      { store, readFlake },
    );
    assert.deepEqual(deep.graph.nodes.m?.inputs, { lib: ["top"] });
    // An override of an input x does not have is ignored with a warning, as in Nix.
    const warned = await lockFlake(
      repo,
      { x: { url: `git+file://${x}`, inputs: { nope: { follows: "x" } } } },
      { store, readFlake },
    );
    assert.deepEqual(warned.warnings, [
      "input 'x' has no input 'nope': the override of 'x/nope' is ignored",
    ]);
  });

  test("lockFlake refuses a repository that imports itself, naming the input", async () => {
    const store = tempStore();
    const x = makeRepo({ "a.ts": "1\n" });
    write(x, { "inputs.json": JSON.stringify({ again: `git+file://${x}` }) });
    commit(x, "self", T0 + 5);
    await assert.rejects(
      lockFlake(tempDir(), { x: `git+file://${x}` }, { store, readFlake }),
      (e: unknown) =>
        e instanceof InputError && e.input === "x/again" && /imports itself/.test(e.message),
    );
  });

  test("lockFlake resolves a dependency's relative path: inputs in its tree, and fetchLockGraph refetches them", async () => {
    const store = tempStore();
    const repo = tempDir();
    write(repo, {
      "inputs/n/inputs.json": JSON.stringify({ w: { url: "path:./walls", flake: false } }),
      "inputs/n/walls/a.txt": "a\n",
    });
    const r = await lockFlake(repo, { n: "path:./inputs/n" }, { store, readFlake });
    assert.deepEqual(r.graph.nodes.w?.parent, ["n"]);
    assert.deepEqual(r.graph.nodes.w?.locked, {
      type: "path",
      path: "./walls",
      narHash: narHash(join(repo, "inputs/n/walls")),
    });
    const fresh = tempStore();
    const paths = await fetchLockGraph(repo, r.graph, { store: fresh });
    assert.deepEqual(paths, r.paths);
    assert.equal(readFileSync(join(realPath(fresh, paths.w as StorePath), "a.txt"), "utf8"), "a\n");
    // Fetched for a lock, the trees are gc roots of the repository.
    gc(fresh);
    assert.deepEqual(listValidPaths(fresh).sort(), Object.values(paths).sort());
  });

  test("lockFlake reads a dependency's inputs from ?dir= inside its tree and records dir", async () => {
    const store = tempStore();
    const y = makeRepo({ "y.txt": "y\n" });
    const x = makeRepo({
      "sub/inputs.json": JSON.stringify({ y: { url: `git+file://${y}`, flake: false } }),
    });
    const r = await lockFlake(tempDir(), { x: `git+file://${x}?dir=sub` }, { store, readFlake });
    assert.equal(r.graph.nodes.x?.locked?.dir, "sub");
    assert.deepEqual(r.graph.nodes.x?.inputs, { y: "y" });
    await assert.rejects(
      lockFlake(tempDir(), { x: `git+file://${x}?dir=../up` }, { store, readFlake }),
      (e: unknown) =>
        e instanceof InputError && e.input === "x" && /inside the tree/.test(e.message),
    );
  });

  test("lockFlake refuses --update and --override-input of unknown inputs, and overrides known ones", async () => {
    const store = tempStore();
    const repo = tempDir();
    const x = makeRepo({ "x.ts": "x\n" });
    const y = makeRepo({ "y.ts": "y\n" });
    await assert.rejects(
      lockFlake(repo, { lib: `git+file://${x}` }, { store, update: ["lbi"] }),
      (e: unknown) =>
        e instanceof InputError &&
        e.code === "E_INPUT_UNKNOWN" &&
        e.message === "--update lbi: confed.ts has no input 'lbi' (inputs: lib)",
    );
    const o = await lockFlake(
      repo,
      { lib: `git+file://${x}` },
      { store, overrideInputs: { lib: `git+file://${y}` } },
    );
    assert.equal(o.graph.nodes.lib?.locked?.rev, git(y, ["rev-parse", "HEAD"]));
  });

  test("lockFlake keeps the locked trees alive through gc as roots of the repository", async () => {
    const store = tempStore();
    const repo = tempDir();
    const x = makeRepo({ "x.ts": "x\n" });
    const r = await lockFlake(repo, { lib: `git+file://${x}` }, { store });
    gc(store);
    assert.deepEqual(listValidPaths(store), [r.paths.lib]);
    await lockFlake(repo, {}, { store, lock: r.graph });
    gc(store);
    assert.deepEqual(listValidPaths(store), []);
  });

  test("checkGraph refuses an input pointing to a missing node", () => {
    assert.throws(
      () => checkGraph({ root: "root", nodes: { root: { inputs: { lib: "lib" } } } }),
      (e: unknown) => e instanceof InputError && e.code === "E_INPUT_LOCK" && e.input === "lib",
    );
  });
});

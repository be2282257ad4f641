import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { gc, listValidPaths } from "../store/index.ts";
import { commit, git, makeRepo, tempDir, tempStore, write } from "./_test-repos.ts";
import { InputError } from "./input-error.ts";
import { checkGraph, lockFlake } from "./lock.ts";

const T0 = 1_700_000_000;

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
    const x = makeRepo({ "x.ts": "x\n" });
    const y = makeRepo({ "y.ts": "y\n" });
    const r = await lockFlake(
      repo,
      {
        a: {
          url: `git+file://${x}`,
          inputs: { a: { url: `git+file://${y}`, flake: false }, b: { follows: "b" } },
        },
        b: `git+file://${y}`,
        c: { follows: "a/a" },
      },
      { store },
    );
    assert.deepEqual(r.graph.nodes.root?.inputs, { a: "a", b: "b", c: ["a", "a"] });
    assert.deepEqual(r.graph.nodes.a?.inputs, { a: "a_2", b: ["b"] });
    assert.equal(r.graph.nodes.a_2?.flake, false);
    assert.equal(r.graph.nodes.a_2?.locked?.narHash, r.graph.nodes.b?.locked?.narHash);
    await assert.rejects(
      lockFlake(repo, { a: `git+file://${x}`, b: { follows: "a/zz" } }, { store }),
      (e: unknown) =>
        e instanceof InputError &&
        e.code === "E_INPUT_FOLLOWS" &&
        e.message === "input 'b' follows 'a/zz', but there is no input 'a/zz'",
    );
    await assert.rejects(
      lockFlake(repo, { a: { follows: "b" }, b: { follows: "a" } }, { store }),
      (e: unknown) =>
        e instanceof InputError && e.code === "E_INPUT_FOLLOWS" && e.message.includes("cycle"),
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

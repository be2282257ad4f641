import assert from "node:assert/strict";
import { readlinkSync } from "node:fs";
import { describe, test } from "node:test";
import { realStoreFs } from "../system/store-fs.ts";
import { Crash, CrashingFs, tempStore } from "./_fixtures/stores.ts";
import { addTextToStore } from "./add.ts";
import {
  activeGeneration,
  addGeneration,
  currentGeneration,
  deleteGenerations,
  listGenerations,
  openProfile,
  rollback,
  setActiveGeneration,
  switchGeneration,
} from "./profiles.ts";
import { isValidPath } from "./store.ts";
import { StoreError } from "./store-error.ts";

const isCode = (code: string) => (e: unknown) => e instanceof StoreError && e.code === code;

function withGenerations(count: number) {
  const store = tempStore();
  const profile = openProfile(store, "home-me");
  const paths = Array.from({ length: count }, (_, i) =>
    addTextToStore(store, `gen${i + 1}`, `${i + 1}`),
  );
  for (const p of paths) addGeneration(profile, p);
  return { store, profile, paths };
}

describe("generations", () => {
  test("addGeneration links profile -> <name>-N-link -> store path", () => {
    const { store, profile, paths } = withGenerations(2);
    const dir = `${store.stateDir}/profiles`;
    assert.equal(readlinkSync(`${dir}/home-me`), "home-me-2-link");
    assert.equal(readlinkSync(`${dir}/home-me-1-link`), paths[0]);
    assert.equal(readlinkSync(`${dir}/home-me-2-link`), paths[1]);
    assert.deepEqual(
      listGenerations(profile).map((g) => [g.number, g.path, g.current]),
      [
        [1, paths[0], false],
        [2, paths[1], true],
      ],
    );
    assert.ok(listGenerations(profile).every((g) => g.time > 0));
  });

  test("addGeneration of the current path makes no new generation; another profile is separate", () => {
    const { store, profile, paths } = withGenerations(2);
    assert.equal(addGeneration(profile, paths[1]), 2);
    assert.equal(listGenerations(profile).length, 2);
    const other = openProfile(store, "home");
    assert.deepEqual(listGenerations(other), []);
    assert.equal(addGeneration(other, paths[0]), 1);
    assert.equal(listGenerations(profile).length, 2);
  });

  test("addGeneration refuses a path that is not valid", () => {
    const store = tempStore();
    const other = tempStore();
    const p = addTextToStore(other, "x", "x");
    assert.throws(() => addGeneration(openProfile(store, "system"), p), isCode("E_STORE_INVALID"));
  });

  test("rollback and switchGeneration move the profile link, keeping every generation", () => {
    const { profile } = withGenerations(3);
    assert.equal(rollback(profile), 2);
    assert.equal(currentGeneration(profile), 2);
    assert.equal(rollback(profile), 1);
    assert.throws(() => rollback(profile), isCode("E_PROFILE"));
    switchGeneration(profile, 3);
    assert.equal(currentGeneration(profile), 3);
    assert.throws(
      () => switchGeneration(profile, 9),
      (e: unknown) => isCode("E_PROFILE")(e) && /has 1, 2, 3/.test((e as Error).message),
    );
    assert.equal(listGenerations(profile).length, 3);
  });

  test("a crash at any point of addGeneration leaves the profile on a complete generation", () => {
    const counter = new CrashingFs(Number.POSITIVE_INFINITY);
    const { store, profile, paths } = withGenerations(1);
    const next = addTextToStore(store, "next", "next");
    addGeneration({ ...profile, store: { ...store, fs: counter.fs } }, next);
    const total = counter.calls;
    for (let k = 1; k <= total; k++) {
      const { store, profile } = withGenerations(1);
      const next = addTextToStore(store, "next", "next");
      const crashing = { ...profile, store: { ...store, fs: new CrashingFs(k).fs } };
      assert.throws(
        () => addGeneration(crashing, next),
        (e: unknown) => e instanceof Crash || (e instanceof StoreError && e.cause instanceof Crash),
      );
      const current = listGenerations(profile).find((g) => g.current);
      assert.ok(current, `k=${k}: the profile points at a generation`);
      assert.ok([paths[0].slice(-5), next.slice(-5)].includes(current.path.slice(-5)));
      assert.equal(isValidPath(store, current.path), true);
    }
    assert.ok(total >= 3);
  });
});

describe("deleteGenerations", () => {
  const day = 24 * 3600 * 1000;

  test("deleteGenerations without rules keeps only the current, newest and active", () => {
    const { profile } = withGenerations(5);
    switchGeneration(profile, 3);
    setActiveGeneration(profile, 2);
    assert.deepEqual(deleteGenerations(profile), [1, 4]);
    assert.deepEqual(
      listGenerations(profile).map((g) => g.number),
      [2, 3, 5],
    );
  });

  test("deleteGenerations keep: N keeps the N newest besides the protected ones", () => {
    const { profile } = withGenerations(6);
    switchGeneration(profile, 2);
    assert.deepEqual(deleteGenerations(profile, { keep: 2 }), [1, 3, 4]);
    assert.deepEqual(deleteGenerations(profile, { keep: 0 }), [5]);
    assert.deepEqual(
      listGenerations(profile).map((g) => g.number),
      [2, 6],
    );
  });

  test("deleteGenerations olderThan spares younger generations, and never the newest", () => {
    const { profile } = withGenerations(3);
    const now = realStoreFs.now();
    assert.deepEqual(deleteGenerations(profile, { olderThan: day, now }), []);
    assert.deepEqual(deleteGenerations(profile, { olderThan: day, now: now + 2 * day }), [1, 2]);
    assert.deepEqual(
      listGenerations(profile).map((g) => g.number),
      [3],
    );
  });

  test("generation numbers are not reused after deletion", () => {
    const { store, profile } = withGenerations(3);
    deleteGenerations(profile);
    assert.equal(addGeneration(profile, addTextToStore(store, "n", "n")), 4);
  });
});

describe("the active generation", () => {
  test("setActiveGeneration records what the target matches, apart from the newest link", () => {
    const { profile, paths } = withGenerations(3);
    assert.equal(activeGeneration(profile), undefined);
    setActiveGeneration(profile, 2);
    assert.deepEqual(activeGeneration(profile), { number: 2, path: paths[1] });
    assert.equal(currentGeneration(profile), 3);
    assert.deepEqual(
      listGenerations(profile).map((g) => [g.number, g.current, g.active]),
      [
        [1, false, false],
        [2, false, true],
        [3, true, false],
      ],
    );
    assert.throws(() => setActiveGeneration(profile, 7), isCode("E_PROFILE"));
  });
});

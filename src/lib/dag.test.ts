import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { DagCycleError, dagSort } from "./dag.ts";

test("dagSort orders by after and before, stably by name otherwise", () => {
  assert.deepEqual(dagSort({ c: {}, b: {}, a: {} }), ["a", "b", "c"]);
  assert.deepEqual(dagSort({ link: { after: ["check"] }, check: {}, hook: { after: ["link"] } }), [
    "check",
    "link",
    "hook",
  ]);
  assert.deepEqual(dagSort({ z: { before: ["a"] }, a: {} }), ["z", "a"]);
  assert.deepEqual(dagSort({ a: { after: ["missing"] } }), ["a"]);
});

test("dagSort names the cycle", () => {
  assert.throws(
    () => dagSort({ a: { after: ["b"] }, b: { after: ["c"] }, c: { after: ["a"] } }),
    (e: unknown) => e instanceof DagCycleError && e.cycle.length === 4 && e.cycle[0] === e.cycle[3],
  );
});

test("every constraint holds in the result (property)", () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat(9), fc.nat(9)), { maxLength: 15 }), (edges) => {
      // Only forward edges (i < j), so there is no cycle.
      const entries: Record<string, { after: string[] }> = {};
      for (let i = 0; i < 10; i++) entries[`n${i}`] = { after: [] };
      for (const [x, y] of edges) if (x < y) entries[`n${y}`].after.push(`n${x}`);
      const order = dagSort(entries);
      for (const [x, y] of edges)
        if (x < y) assert.ok(order.indexOf(`n${x}`) < order.indexOf(`n${y}`));
    }),
  );
});

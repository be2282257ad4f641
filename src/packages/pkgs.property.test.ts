import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { catalogNames, makePkgs, type Overlay } from "./index.ts";

// Package-like names, sometimes a catalog name (then the overlay replaces it). Names pkgs
// keeps for itself are left out: overlays may not define them.
const RESERVED = new Set(["then", "length", "inspect", "prototype", "distro", "family"]);
const name = fc.oneof(
  fc.stringMatching(/^[a-z][a-z0-9-]{0,7}$/).filter((n) => !RESERVED.has(n)),
  fc.constantFrom("git", "mosh", "fd", "bat"),
);

test("overlays that each add one name compose, in order, to the union", () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(name, fc.integer()), { maxLength: 8 }), (adds) => {
      const prevKeys: string[][] = [];
      const overlays: Overlay[] = adds.map(([n, v]) => (_final, prev) => {
        prevKeys.push(Object.keys(prev));
        return { [n]: v };
      });
      const pkgs: any = makePkgs({ overlays });
      const expected = new Map<string, number>();
      for (const [n, v] of adds) expected.set(n, v);
      // The union, sorted; the last overlay to name a package wins.
      assert.deepEqual(
        Object.keys(pkgs),
        [...new Set([...catalogNames, ...expected.keys()])].sort(),
      );
      for (const [n, v] of expected) assert.equal(pkgs[n], v);
      // Each overlay's prev holds the catalog and exactly the names added before it.
      adds.forEach((_, i) => {
        const before = new Set([...catalogNames, ...adds.slice(0, i).map(([n]) => n)]);
        assert.deepEqual(prevKeys[i], [...before].sort());
      });
    }),
  );
});

import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { ModuleError } from "../errors/index.ts";
import { evalModules, mkDefault, mkForce, mkOption, mkOverride, types } from "./index.ts";

const names = fc.constantFrom("a", "b", "c", "d", "e");
const prio = fc.constantFrom<"plain" | "default" | "force" | number>(
  "plain",
  "default",
  "force",
  10,
  200,
  1500,
);
const wrap = (p: "plain" | "default" | "force" | number, v: unknown) =>
  p === "plain"
    ? v
    : p === "default"
      ? mkDefault(v)
      : p === "force"
        ? mkForce(v)
        : mkOverride(p, v);
const prioNum = (p: "plain" | "default" | "force" | number) =>
  p === "plain" ? 100 : p === "default" ? 1000 : p === "force" ? 50 : p;

/** Permutes a list with a seed (Fisher–Yates). */
function permute<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

test("attrsOf merges are independent of module order (keys and values)", () => {
  fc.assert(
    fc.property(
      fc.array(fc.dictionary(names, fc.integer()), { maxLength: 6 }),
      fc.nat(),
      (defs, seed) => {
        // Give each key one value so the merge is well defined, then permute the modules.
        const value = (k: string) => k.charCodeAt(0);
        const mods = defs.map((d) => ({
          m: Object.fromEntries(Object.keys(d).map((k) => [k, value(k)])),
        }));
        const decl = { options: { m: mkOption({ type: types.attrsOf(types.int), default: {} }) } };
        const a = JSON.stringify(evalModules({ modules: [decl, ...mods] }).config.m);
        const b = JSON.stringify(evalModules({ modules: [decl, ...permute(mods, seed)] }).config.m);
        assert.equal(a, b);
      },
    ),
  );
});

test("only the definitions at the best priority count, whatever their order", () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(prio, fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 6 }),
      fc.nat(),
      (defs, seed) => {
        const decl = { options: { x: mkOption({ type: types.listOf(types.int) }) } };
        const mods = defs.map(([p, v]) => ({ x: wrap(p, [v]) }));
        const best = Math.min(...defs.map(([p]) => prioNum(p)));
        const expected = defs
          .filter(([p]) => prioNum(p) === best)
          .map(([, v]) => v)
          .sort();
        for (const order of [mods, permute(mods, seed)]) {
          const ev = evalModules({ modules: [decl, ...order] });
          assert.deepEqual([...(ev.config.x as number[])].sort(), expected);
          assert.equal((ev.options as any).x.highestPrio, best);
        }
      },
    ),
  );
});

test("str definitions merge only when equal; a conflict is E_CONFLICT in any order", () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom("x", "y"), { minLength: 1, maxLength: 5 }), (vals) => {
      const decl = { options: { s: mkOption({ type: types.str }) } };
      const ev = () => evalModules({ modules: [decl, ...vals.map((s) => ({ s }))] }).config.s;
      if (new Set(vals).size === 1) assert.equal(ev(), vals[0]);
      else assert.throws(ev, (e: unknown) => e instanceof ModuleError && e.code === "E_CONFLICT");
    }),
  );
});

test("types check what they claim", () => {
  fc.assert(
    fc.property(fc.anything(), (v) => {
      assert.equal(types.str.check(v), typeof v === "string");
      assert.equal(types.bool.check(v), typeof v === "boolean");
      assert.equal(types.int.check(v), Number.isSafeInteger(v));
      assert.equal(types.listOf(types.int).check(v), Array.isArray(v));
      assert.equal(types.nullOr(types.str).check(v), v === null || typeof v === "string");
      assert.equal(
        types.port.check(v),
        Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= 65535,
      );
    }),
  );
});

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { StoreError } from "./store-error.ts";
import {
  canonicalJson,
  checkStoreDir,
  checkStoreName,
  parseStorePath,
  recipeHash,
  storeNameProblem,
  storePath,
  storePathFor,
} from "./store-path.ts";

const isCode = (code: string) => (e: unknown) =>
  e instanceof StoreError && e.code === code && /\S/.test(e.message);

describe("storePathFor", () => {
  const recipe = { kind: "text", name: "greeting", text: "hi\n" };

  test("storePathFor gives the same path for the same recipe and storeDir", () => {
    const a = storePathFor("/s", recipe);
    const b = storePathFor("/s", { text: "hi\n", name: "greeting", kind: "text" });
    assert.equal(a, b);
    assert.match(a, /^\/s\/[0-9a-df-np-sv-z]{32}-greeting$/);
  });

  test("storePathFor gives another path for another storeDir, recipe or input", () => {
    const a = storePathFor("/s", recipe);
    assert.notEqual(storePathFor("/t", recipe).slice(3), a.slice(3));
    assert.notEqual(storePathFor("/s", { ...recipe, text: "ho\n" }), a);
    assert.notEqual(storePathFor("/s", { ...recipe, kind: "file" }), a);
    const input = storePath(`/s/${"1".repeat(32)}-dep`);
    assert.notEqual(storePathFor("/s", { ...recipe, inputs: [input] }), a);
  });

  test("storePathFor is stable across releases (a fixed expected value)", () => {
    // If this changes, every existing store path changes: bump the recipe version instead.
    assert.equal(storePathFor("/s", recipe), "/s/wlhgh7y514dm2lrqcbr67pknnwsbgk2n-greeting");
    assert.equal(recipeHash("/s", recipe).length, "sha256-".length + 44);
  });

  test("storePathFor refuses a bad name, store dir, input or non-JSON field", () => {
    assert.throws(() => storePathFor("/s", { ...recipe, name: "a b" }), isCode("E_STORE_NAME"));
    assert.throws(() => storePathFor("s", recipe), isCode("E_STORE_DIR"));
    assert.throws(
      () => storePathFor("/s", { ...recipe, inputs: ["/s/x" as never] }),
      isCode("E_STORE_PATH"),
    );
    assert.throws(() => storePathFor("/s", { ...recipe, when: new Date() }), isCode("E_RECIPE"));
    assert.throws(() => storePathFor("/s", { ...recipe, n: Number.NaN }), isCode("E_RECIPE"));
  });
});

describe("store names", () => {
  const cases: [string, boolean][] = [
    ["hello-1.0", true],
    ["a+b=c?d_e.f", true],
    ["x".repeat(211), true],
    ["x".repeat(212), false],
    ["", false],
    [".hidden", false],
    ["..", false],
    ["has space", false],
    ["slash/", false],
    ["ünïcode", false],
  ];
  for (const [name, ok] of cases) {
    test(`storeNameProblem ${ok ? "accepts" : "refuses"} '${name.slice(0, 20)}'`, () => {
      assert.equal(storeNameProblem(name) === undefined, ok);
      if (!ok) assert.throws(() => checkStoreName(name), isCode("E_STORE_NAME"));
    });
  }
});

describe("parseStorePath", () => {
  const hash = "0c6kzph7l0dcbfmjap64f0czdafn3b7x";

  test("parseStorePath splits a good path", () => {
    assert.deepEqual(parseStorePath(`/var/lib/confed/store/${hash}-hello`), {
      storeDir: "/var/lib/confed/store",
      hash,
      name: "hello",
    });
  });

  const bad: [string, RegExp][] = [
    ["hello", /absolute/],
    [`/${hash}-hello`, /absolute|store directory/],
    [`/s/../${hash}-x`, /store directory/],
    [`/s/${hash.slice(1)}-hello`, /32 characters/],
    [`/s/${hash.replace("0", "e")}-hello`, /32 characters/],
    [`/s/${hash}hello`, /'-' must follow/],
    [`/s/${hash}-`, /name '' is not valid: it is empty/],
    [`/s/${hash}-.x`, /starts with '.'/],
  ];
  for (const [path, why] of bad) {
    test(`parseStorePath refuses '${path}' saying why`, () => {
      assert.throws(
        () => parseStorePath(path),
        (e: unknown) =>
          e instanceof StoreError &&
          e.code === "E_STORE_PATH" &&
          e.path === path &&
          why.test(e.message),
      );
      assert.throws(() => storePath(path), isCode("E_STORE_PATH"));
    });
  }

  test("checkStoreDir refuses relative, trailing-slash and root directories", () => {
    for (const d of ["s", "/s/", "/", "/a//b", "/a/./b"]) {
      assert.throws(() => checkStoreDir(d), isCode("E_STORE_DIR"), d);
    }
    checkStoreDir("/home/u/.local/state/confed/store");
  });
});

describe("canonicalJson", () => {
  test("canonicalJson sorts keys at every depth and leaves out undefined fields", () => {
    assert.equal(
      canonicalJson({ b: 1, a: [{ y: 2, x: null }], c: undefined }),
      '{"a":[{"x":null,"y":2}],"b":1}',
    );
  });

  test("canonicalJson names the place of a value it refuses", () => {
    assert.throws(
      () => canonicalJson({ a: [1, () => 0] }),
      (e: unknown) => isCode("E_RECIPE")(e) && /recipe\.a\[1\]/.test((e as Error).message),
    );
  });
});

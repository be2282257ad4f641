import assert from "node:assert/strict";
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { tempStore } from "./_fixtures/stores.ts";
import { addTextToStore, addTreeToStore } from "./add.ts";
import { dumpNar } from "./nar.ts";
import { closure, hashPart, scanNar, verify } from "./references.ts";
import { queryPathInfo, realPath } from "./store.ts";
import { StoreError } from "./store-error.ts";
import { storePath } from "./store-path.ts";

describe("references", () => {
  test("addTreeToStore records the paths a tree mentions in files, symlinks and names", () => {
    const store = tempStore();
    const a = addTextToStore(store, "a", "a\n");
    const b = addTextToStore(store, "b", "b\n");
    const c = addTextToStore(store, "c", "c\n");
    const unused = addTextToStore(store, "unused", "u\n");
    const p = addTreeToStore(store, "mixed", {
      inputs: [a, b, c, unused],
      build(out) {
        mkdirSync(out);
        writeFileSync(join(out, "script"), `#!/bin/sh\nexec ${a}/bin/x\n`);
        symlinkSync(b, join(out, "link"));
        writeFileSync(join(out, `${hashPart(c)}-named`), "");
      },
    });
    assert.deepEqual(queryPathInfo(store, p)?.references, [a, b, c].sort());
  });

  test("addTreeToStore records a self-reference", () => {
    const store = tempStore();
    const p = addTreeToStore(store, "self", {
      build(out, path) {
        writeFileSync(out, `I am ${path}\n`);
      },
    });
    assert.deepEqual(queryPathInfo(store, p)?.references, [p]);
  });

  test("scanNar finds a hash that straddles two NAR chunks", () => {
    const store = tempStore();
    const dep = addTextToStore(store, "dep", "d");
    const file = join(store.realDir, "..", "big");
    // Chunks are 256 KiB and the NAR header before the contents is 96 bytes: the hash starts
    // 16 bytes before the first boundary.
    const pad = Buffer.alloc(256 * 1024 - 96 - 16, 0x20);
    writeFileSync(file, Buffer.concat([pad, Buffer.from(hashPart(dep)), Buffer.alloc(1000, 0x20)]));
    const chunks = [...dumpNar(file)];
    assert.equal(chunks[0].length, 256 * 1024);
    assert.ok(
      chunks[0]
        .subarray(-16)
        .toString()
        .startsWith(dep.slice(0, 3 + 16).slice(3)),
    );
    const found = scanNar(store.fs.reader, file, new Set([hashPart(dep)])).found;
    assert.deepEqual([...found], [hashPart(dep)]);
  });
});

describe("closure", () => {
  test("closure follows references transitively and stops at the leaves", () => {
    const store = tempStore();
    const leaf = addTextToStore(store, "leaf", "leaf\n");
    const mid = addTextToStore(store, "mid", `${leaf}\n`, [leaf]);
    const other = addTextToStore(store, "other", "other\n");
    const top = addTextToStore(store, "top", `${mid} ${other}\n`, [mid, other]);
    const lone = addTextToStore(store, "lone", "lone\n");
    assert.deepEqual(closure(store, [top]), [leaf, mid, other, top].sort());
    assert.deepEqual(closure(store, [mid, lone]), [leaf, mid, lone].sort());
    assert.deepEqual(closure(store, []), []);
  });

  test("closure refuses a starting path that is not valid", () => {
    const store = tempStore();
    const missing = storePath(`/s/${"1".repeat(32)}-missing`);
    assert.throws(
      () => closure(store, [missing]),
      (e: unknown) => e instanceof StoreError && e.code === "E_STORE_INVALID" && e.path === missing,
    );
  });
});

describe("verify", () => {
  test("verify accepts an untouched path and detects a tampered file", () => {
    const store = tempStore();
    const src = join(store.realDir, "..", "src");
    mkdirSync(src);
    writeFileSync(join(src, "config"), "safe = true\n");
    const p = addTreeToStore(store, "cfg", src);
    assert.equal(verify(store, p).ok, true);
    const file = join(realPath(store, p), "config");
    chmodSync(realPath(store, p), 0o755);
    chmodSync(file, 0o644);
    writeFileSync(file, "safe = false\n");
    const result = verify(store, p);
    assert.equal(result.ok, false);
    assert.notEqual(result.actual, result.expected);
  });

  test("verify detects a changed executable bit", () => {
    const store = tempStore();
    const p = addTextToStore(store, "script", "#!/bin/sh\n");
    chmodSync(realPath(store, p), 0o555);
    assert.equal(verify(store, p).ok, false);
  });
});

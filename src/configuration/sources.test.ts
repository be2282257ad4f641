import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { after, test } from "node:test";
import { addTreeToStore, isValidPath, narHash, openStore, realLocation } from "../store/index.ts";
import { importSource, SourceCache } from "./sources.ts";

const tmp = mkdtempSync(join(tmpdir(), "confed-sources-"));
after(() => rmSync(tmp, { recursive: true, force: true }));
const sha = (s: string) => createHash("sha256").update(s).digest("hex");

function tree(dir: string, files: Record<string, string>) {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, ".."), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
}

test("a changed source is imported again, hard-linking the files that did not change", () => {
  const store = openStore({ storeDir: join(tmp, "a", "store") });
  const src = join(tmp, "a", "dotfiles");
  tree(src, { "a.conf": "a\n", "sub/b.conf": "b\n", "sub/deep/c.conf": "c\n" });
  symlinkSync("a.conf", join(src, "link"));
  const cache = new SourceCache(store);
  const first = importSource(store, src, cache);
  cache.save();
  // The same path a plain copy gets: named by the NAR hash of the tree.
  assert.equal(first.path, addTreeToStore(store, basename(src), src));
  assert.deepEqual(first.ids(), {
    "a.conf": sha("a\n"),
    link: "->a.conf",
    "sub/b.conf": sha("b\n"),
    "sub/deep/c.conf": sha("c\n"),
  });
  const real1 = realLocation(store, first.path);
  assert.equal(importSource(store, src, cache).path, first.path, "unchanged: found, not copied");

  writeFileSync(join(src, "sub/b.conf"), "b2\n");
  const second = importSource(store, src, cache);
  cache.save();
  assert.notEqual(second.path, first.path);
  const real2 = realLocation(store, second.path);
  assert.equal(lstatSync(join(real2, "a.conf")).ino, lstatSync(join(real1, "a.conf")).ino);
  assert.equal(
    lstatSync(join(real2, "sub/deep/c.conf")).ino,
    lstatSync(join(real1, "sub/deep/c.conf")).ino,
  );
  assert.notEqual(
    lstatSync(join(real2, "sub/b.conf")).ino,
    lstatSync(join(real1, "sub/b.conf")).ino,
  );
  assert.equal(readFileSync(join(real2, "sub/b.conf"), "utf8"), "b2\n");
  assert.equal(lstatSync(join(real2, "a.conf")).mode & 0o777, 0o444, "shared files stay read-only");
  assert.equal(second.ids()["sub/b.conf"], sha("b2\n"));
  assert.equal(narHash(real2), narHash(src), "the new path holds exactly the source");
  // Its listing survives while the path is valid, and goes when the path does.
  const listing = join(store.stateDir, "sources", `${basename(first.path)}.json`);
  assert.ok(existsSync(listing));
  // As gc collects a path: its metadata first (then it is no longer valid), then its content.
  rmSync(join(store.realDir, ".meta", `${basename(first.path)}.json`));
  rmSync(real1, { recursive: true, force: true });
  assert.equal(isValidPath(store, first.path), false);
  writeFileSync(join(src, "a.conf"), "a2\n");
  const c = new SourceCache(store);
  importSource(store, src, c);
  c.save();
  assert.equal(existsSync(listing), false, "the collected path's listing was removed");
});

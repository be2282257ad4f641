import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, statfsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { realStoreFs, storeFsFor } from "./store-fs.ts";

const TMPFS_MAGIC = 0x01021994;
const disk = mkdtempSync(join(tmpdir(), "confed-storefs-"));
after(() => rmSync(disk, { recursive: true, force: true }));

test("a store on a disk flushes; one on tmpfs skips flushes, and still writes", (t) => {
  if (statfsSync(disk).type !== TMPFS_MAGIC) assert.equal(storeFsFor(disk), realStoreFs);
  let shm: string;
  try {
    if (statfsSync("/dev/shm").type !== TMPFS_MAGIC) throw new Error("not tmpfs");
    shm = mkdtempSync("/dev/shm/confed-storefs-");
  } catch {
    t.skip("no tmpfs at /dev/shm");
    return;
  }
  try {
    const fs = storeFsFor(shm);
    assert.notEqual(fs, realStoreFs);
    fs.writeFile(join(shm, "f"), Buffer.from("data"), 0o444);
    fs.fsync(join(shm, "f"));
    fs.fsync(join(shm, "missing")); // nothing to flush: not even looked at
    assert.equal(readFileSync(join(shm, "f"), "utf8"), "data");
    assert.equal(fs.lstat(join(shm, "f"))?.mode, 0o444);
    // Anything else is the real file system.
    assert.equal(fs.lstat, realStoreFs.lstat);
  } finally {
    rmSync(shm, { recursive: true, force: true });
  }
  // A directory that cannot be asked: the real one, flushes and all.
  assert.equal(storeFsFor(join(disk, "nope")), realStoreFs);
});

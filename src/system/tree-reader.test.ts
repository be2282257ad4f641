import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { realTreeReader } from "./tree-reader.ts";

const scratch = mkdtempSync(join(tmpdir(), "confed-tree-reader-"));
// rm, not rmSync: node's recursive removal cannot delete names that are not UTF-8.
after(() => spawnSync("rm", ["-rf", scratch]));

const at = (...parts: (string | Buffer)[]): Buffer =>
  Buffer.concat(
    parts.flatMap((p, i) => (i ? [Buffer.from("/"), Buffer.from(p)] : [Buffer.from(p)])),
  );
const RAW = Buffer.from([0x72, 0xff, 0x80]); // "r\xff\x80", not UTF-8

mkdirSync(at(scratch, "dir"));
writeFileSync(at(scratch, "plain"), "12345");
chmodSync(at(scratch, "plain"), 0o654);
writeFileSync(at(scratch, "tool"), "");
chmodSync(at(scratch, "tool"), 0o744);
writeFileSync(at(scratch, RAW), "raw");
symlinkSync(Buffer.from([0x2f, 0xfe]), at(scratch, "link"));
const fifo = spawnSync("mkfifo", [join(scratch, "fifo")]).status === 0;

test("realTreeReader.readdir lists raw name bytes with their kinds", () => {
  const entries = realTreeReader.readdir(Buffer.from(scratch));
  const byHex = new Map(entries.map((e) => [e.name.toString("hex"), e.kind]));
  assert.equal(byHex.get(RAW.toString("hex")), "file");
  assert.equal(byHex.get(Buffer.from("dir").toString("hex")), "directory");
  assert.equal(byHex.get(Buffer.from("link").toString("hex")), "symlink");
  if (fifo) assert.equal(byHex.get(Buffer.from("fifo").toString("hex")), "unsupported");
  assert.ok(entries.every((e) => Buffer.isBuffer(e.name)));
});

test("realTreeReader.lstat keeps only the owner-executable bit and the size", () => {
  assert.deepEqual(realTreeReader.lstat(at(scratch, "plain")), {
    kind: "file",
    executable: false,
    size: 5,
  });
  assert.deepEqual(realTreeReader.lstat(at(scratch, "tool")), {
    kind: "file",
    executable: true,
    size: 0,
  });
  assert.deepEqual(realTreeReader.lstat(at(scratch, "link")), { kind: "symlink" });
  if (fifo) {
    assert.deepEqual(realTreeReader.lstat(at(scratch, "fifo")), {
      kind: "unsupported",
      type: "fifo",
    });
  }
});

test("realTreeReader.readlink returns the raw target of a dangling symlink", () => {
  assert.ok(realTreeReader.readlink(at(scratch, "link")).equals(Buffer.from([0x2f, 0xfe])));
});

test("realTreeReader.openFile reads a file whose name is not UTF-8", () => {
  const f = realTreeReader.openFile(at(scratch, RAW));
  try {
    assert.deepEqual(f.stat(), { kind: "file", executable: false, size: 3 });
    const into = Buffer.alloc(8);
    assert.equal(f.read(into, 1, 7), 3);
    assert.equal(into.subarray(1, 4).toString(), "raw");
    assert.equal(f.read(into, 0, 8), 0);
  } finally {
    f.close();
  }
});

test("realTreeReader.openFile does not follow a symlink", () => {
  assert.throws(() => realTreeReader.openFile(at(scratch, "link")), { code: "ELOOP" });
});

test(
  "realTreeReader.openFile does not hang on a fifo and stat says what it is",
  fifo ? {} : { skip: "mkfifo not found" },
  () => {
    const f = realTreeReader.openFile(at(scratch, "fifo"));
    try {
      assert.deepEqual(f.stat(), { kind: "unsupported", type: "fifo" });
    } finally {
      f.close();
    }
  },
);

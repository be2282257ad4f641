import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { Crash, FaultySystem } from "./faulty-system.ts";
import { MemorySystem } from "./memory-system.ts";
import { RealSystem } from "./real-system.ts";
import { isFsError, type System } from "./system.ts";

// One behaviour table, run against the real file system and the in-memory one, so that unit
// tests on MemorySystem mean what they would mean on disk.
const tmp = mkdtempSync(join(tmpdir(), "confed-system-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

const impls: [string, () => { sys: System; root: string }][] = [
  ["RealSystem", () => ({ sys: new RealSystem(), root: mkdtempSync(join(tmp, "r-")) })],
  [
    "MemorySystem",
    () => {
      const sys = new MemorySystem();
      sys.put("/root", { dir: true });
      return { sys, root: "/root" };
    },
  ],
];

const code = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (isFsError(e)) return e.code;
    throw e;
  }
  return "ok";
};
const text = (b: Uint8Array) => new TextDecoder().decode(b);

for (const [name, make] of impls) {
  describe(name, () => {
    test("lstatOrNull reports kinds and returns null for missing paths and broken parents", () => {
      const { sys, root } = make();
      assert.equal(sys.lstatOrNull(`${root}/nope`), null);
      sys.writeFileExclusive(`${root}/f`, "hi", 0o640);
      assert.deepEqual(sys.lstatOrNull(`${root}/f`), { kind: "file", mode: 0o640, size: 2 });
      assert.equal(sys.lstatOrNull(`${root}/f/below`), null);
      assert.equal(sys.lstatOrNull(`${root}/missing/below`), null);
      sys.mkdir(`${root}/d`);
      assert.equal(sys.lstatOrNull(`${root}/d`)?.kind, "directory");
      sys.symlink(`${root}/d`, `${root}/l`);
      assert.equal(sys.lstatOrNull(`${root}/l`)?.kind, "symlink");
      assert.equal(sys.readlink(`${root}/l`), `${root}/d`);
    });

    test("creation calls fail on an existing entry (wx semantics)", () => {
      const { sys, root } = make();
      sys.writeFileExclusive(`${root}/f`, "a");
      assert.equal(
        code(() => sys.writeFileExclusive(`${root}/f`, "b")),
        "EEXIST",
      );
      assert.equal(
        code(() => sys.symlink("/x", `${root}/f`)),
        "EEXIST",
      );
      assert.equal(
        code(() => sys.mkdir(`${root}/f`)),
        "EEXIST",
      );
      sys.symlink("/nowhere", `${root}/dangling`);
      assert.equal(
        code(() => sys.writeFileExclusive(`${root}/dangling`, "b")),
        "EEXIST",
      );
      assert.equal(text(sys.readFile(`${root}/f`)), "a");
    });

    test("parents that are symlinks are followed; files read through links", () => {
      const { sys, root } = make();
      sys.mkdir(`${root}/real`);
      sys.symlink(`${root}/real`, `${root}/via`);
      sys.writeFileExclusive(`${root}/via/f`, "through");
      assert.equal(text(sys.readFile(`${root}/real/f`)), "through");
      sys.symlink("real/f", `${root}/rel`);
      assert.equal(text(sys.readFile(`${root}/rel`)), "through");
      assert.equal(sys.sha256(`${root}/rel`), sys.sha256(`${root}/real/f`));
      assert.deepEqual(sys.readdir(`${root}/via`), ["f"]);
    });

    test("rename replaces files, refuses non-empty directories; rmdir, unlink", () => {
      const { sys, root } = make();
      sys.writeFileExclusive(`${root}/a`, "new");
      sys.writeFileExclusive(`${root}/b`, "old");
      sys.rename(`${root}/a`, `${root}/b`);
      assert.equal(sys.lstatOrNull(`${root}/a`), null);
      assert.equal(text(sys.readFile(`${root}/b`)), "new");
      sys.mkdir(`${root}/d`);
      sys.writeFileExclusive(`${root}/d/x`, "");
      sys.mkdir(`${root}/e`);
      sys.mkdir(`${root}/e/y`);
      assert.equal(
        code(() => sys.rename(`${root}/e`, `${root}/d`)),
        "ENOTEMPTY",
      );
      assert.equal(
        code(() => sys.rmdir(`${root}/d`)),
        "ENOTEMPTY",
      );
      assert.equal(
        code(() => sys.unlink(`${root}/nope`)),
        "ENOENT",
      );
      sys.unlink(`${root}/d/x`);
      sys.rmdir(`${root}/d`);
      assert.equal(sys.lstatOrNull(`${root}/d`), null);
      sys.symlink(`${root}/e`, `${root}/l`);
      sys.unlink(`${root}/l`);
      assert.equal(sys.lstatOrNull(`${root}/e`)?.kind, "directory");
    });

    test("appendFile, chmod, fsync and sha256", () => {
      const { sys, root } = make();
      sys.appendFile(`${root}/j`, "one\n");
      sys.appendFile(`${root}/j`, "two\n");
      assert.equal(text(sys.readFile(`${root}/j`)), "one\ntwo\n");
      sys.chmod(`${root}/j`, 0o755);
      assert.equal(sys.lstatOrNull(`${root}/j`)?.mode, 0o755);
      sys.fsyncFile(`${root}/j`);
      sys.fsyncDir(root);
      sys.writeFileExclusive(`${root}/abc`, "abc");
      assert.equal(
        sys.sha256(`${root}/abc`),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
      );
      assert.ok(sys.processAlive(sys.pid()));
    });
  });
}

describe("FaultySystem", () => {
  test("counts mutating calls and not reads", () => {
    const mem = new MemorySystem();
    const sys = new FaultySystem(mem);
    sys.mkdir("/a");
    sys.lstatOrNull("/a");
    sys.readdir("/a");
    sys.writeFileExclusive("/a/f", "x");
    assert.equal(sys.calls, 2);
    assert.deepEqual(sys.log, ["mkdir /a", "writeFileExclusive /a/f"]);
  });

  test("crashes at the k-th mutating call, performs nothing from then on", () => {
    const mem = new MemorySystem();
    const sys = new FaultySystem(mem, { crashAt: 2 });
    sys.mkdir("/a");
    assert.throws(() => sys.mkdir("/b"), Crash);
    assert.equal(mem.lstatOrNull("/b"), null);
    assert.throws(() => sys.lstatOrNull("/a"), Crash);
    assert.throws(() => sys.unlink("/a"), Crash);
    assert.equal(mem.lstatOrNull("/a")?.kind, "directory");
  });
});

describe("MemorySystem", () => {
  test("clone is independent and snapshot shows the tree", () => {
    const a = new MemorySystem();
    a.put("/h/.bashrc", "hi");
    a.put("/h/.vimrc", { link: "/s/v" });
    const b = a.clone();
    b.unlink("/h/.bashrc");
    assert.deepEqual(a.snapshot("/h"), { ".bashrc": "file 644 hi", ".vimrc": "link /s/v" });
    assert.deepEqual(b.snapshot("/h"), { ".vimrc": "link /s/v" });
  });
});

describe("file system type and ownership", () => {
  test("RealSystem.fileSystemType names tmpfs (statfs), ownerOf and chown use ids", {
    skip: (() => {
      try {
        return new RealSystem().fileSystemType("/dev/shm") === "tmpfs" ? false : "no tmpfs";
      } catch {
        return "no /dev/shm";
      }
    })(),
  }, () => {
    const sys = new RealSystem();
    assert.equal(sys.fileSystemType("/dev/shm"), "tmpfs");
    assert.notEqual(sys.fileSystemType(tmp), "ramfs");
    const f = join(tmp, "owned");
    sys.writeFileExclusive(f, "x", 0o400);
    const me = sys.euid();
    assert.equal(sys.ownerOf(f).uid, me);
    sys.chown(f, me, sys.ownerOf(f).gid);
    assert.equal(sys.lstatOrNull(f)?.mode, 0o400);
  });

  test("MemorySystem: mounts by longest prefix, owners default to userId, chown is counted", () => {
    const mem = new MemorySystem();
    mem.put("/run/user/1000/x", "x");
    mem.mounts.set("/run", "tmpfs");
    mem.mounts.set("/run/user/1000/x", "ramfs");
    assert.equal(mem.fileSystemType("/run/user"), "tmpfs");
    assert.equal(mem.fileSystemType("/run/user/1000/x"), "ramfs");
    assert.equal(mem.fileSystemType("/"), "ext4");
    assert.deepEqual(mem.ownerOf("/run/user/1000/x"), { uid: 1000, gid: 1000 });
    const f = new FaultySystem(mem);
    f.chown("/run/user/1000/x", 0, 5);
    assert.deepEqual(mem.ownerOf("/run/user/1000/x"), { uid: 0, gid: 5 });
    assert.deepEqual(f.log, ["chown /run/user/1000/x 0 5"]);
  });
});

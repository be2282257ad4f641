import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import {
  filesystemType,
  findRamDir,
  fsTypeAt,
  parseMountInfo,
  withSecureTempDir,
} from "./secure-tmp.ts";

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const shmIsRam = (() => {
  try {
    return ["tmpfs", "ramfs"].includes(filesystemType("/dev/shm") ?? "");
  } catch {
    return false;
  }
})();

const MOUNTINFO = `22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
25 22 0:23 / /dev/shm rw,nosuid,nodev shared:2 - tmpfs tmpfs rw
26 22 0:24 / /run rw shared:3 - tmpfs tmpfs rw,mode=755
27 26 0:25 / /run/user/1000 rw shared:4 - tmpfs tmpfs rw,mode=700
28 22 8:2 / /mnt/my\\040disk rw - ext4 /dev/sdb1 rw
29 25 0:30 / /dev/shm rw - ramfs ramfs rw
`;

describe("RAM-backed directories", () => {
  test("parseMountInfo reads mount points (unescaped) and file system types", () => {
    const mounts = parseMountInfo(MOUNTINFO);
    assert.equal(mounts.length, 6);
    assert.deepEqual(mounts[4], { mountPoint: "/mnt/my disk", fsType: "ext4" });
  });

  test("fsTypeAt takes the longest mount point, and the last of stacked mounts", () => {
    const mounts = parseMountInfo(MOUNTINFO);
    assert.equal(fsTypeAt("/run/user/1000/x", mounts), "tmpfs");
    assert.equal(fsTypeAt("/run/user/1000", mounts), "tmpfs");
    assert.equal(fsTypeAt("/home/me", mounts), "ext4");
    assert.equal(fsTypeAt("/dev/shmx", mounts), "ext4", "not a prefix by characters");
    assert.equal(fsTypeAt("/dev/shm/confed", mounts), "ramfs", "mounted over the tmpfs");
    assert.equal(fsTypeAt("/mnt/my disk/a", mounts), "ext4");
    assert.equal(fsTypeAt("/x", []), undefined);
  });

  test("findRamDir refuses $XDG_RUNTIME_DIR on disk or shared, and takes /dev/shm", {
    skip: !shmIsRam && "/dev/shm is not tmpfs here",
  }, () => {
    const disk = mkdtempSync(join(tmpdir(), "confed-xdg-"));
    dirs.push(disk);
    chmodSync(disk, 0o700);
    const diskType = filesystemType(disk);
    const onDisk = findRamDir({ XDG_RUNTIME_DIR: disk });
    if (diskType !== "tmpfs" && diskType !== "ramfs") {
      assert.deepEqual(onDisk.dir, { path: "/dev/shm", fsType: filesystemType("/dev/shm") });
      assert.match(onDisk.rejected[0].reason, /not tmpfs or ramfs/);
    }
    chmodSync(disk, 0o755);
    assert.match(
      findRamDir({ XDG_RUNTIME_DIR: disk }).rejected[0].reason,
      /not a private \(0700\) directory/,
    );
    assert.deepEqual(findRamDir({}).rejected[0], { path: "$XDG_RUNTIME_DIR", reason: "not set" });
    const runtime = mkdtempSync("/dev/shm/confed-test-xdg-");
    dirs.push(runtime);
    assert.equal(findRamDir({ XDG_RUNTIME_DIR: runtime }).dir?.path, runtime);
    assert.equal(
      findRamDir({ XDG_RUNTIME_DIR: join(runtime, "none") }).rejected[0].reason,
      "does not exist",
    );
  });

  test("withSecureTempDir gives a 0700 directory under umask 077 and removes it after", async () => {
    const parent = mkdtempSync(join(tmpdir(), "confed-parent-"));
    dirs.push(parent);
    const listeners = process.listenerCount("SIGTERM");
    let seen = "";
    const value = await withSecureTempDir(parent, async (dir) => {
      seen = dir.path;
      assert.equal(statSync(dir.path).mode & 0o777, 0o700);
      dir.writeFile("a", new Uint8Array([1]));
      assert.equal(statSync(join(dir.path, "a")).mode & 0o777, 0o600);
      assert.throws(() => dir.writeFile("a", new Uint8Array([2])), /EEXIST/);
      writeFileSync(join(dir.path, "b"), "x"); // as an editor would, without a mode
      assert.equal(statSync(join(dir.path, "b")).mode & 0o777, 0o600);
      mkdirSync(join(dir.path, "sub"));
      assert.deepEqual(dir.readFile("a"), new Uint8Array([1]));
      assert.equal(dir.readFile("none"), undefined);
      assert.equal(process.listenerCount("SIGTERM"), listeners + 1);
      return 42;
    });
    assert.equal(value, 42);
    assert.ok(seen.startsWith(join(parent, "confed-secret-")));
    assert.ok(!existsSync(seen));
    assert.equal(process.listenerCount("SIGTERM"), listeners);
    const outside = join(parent, "after");
    writeFileSync(outside, "x");
    const mask = process.umask(0);
    process.umask(mask);
    assert.equal(statSync(outside).mode & 0o777, 0o666 & ~mask, "umask restored");
  });

  test("withSecureTempDir removes the directory when the body throws", async () => {
    const parent = mkdtempSync(join(tmpdir(), "confed-parent-"));
    dirs.push(parent);
    let seen = "";
    await assert.rejects(
      withSecureTempDir(parent, async (dir) => {
        seen = dir.path;
        throw new Error("boom");
      }),
      /boom/,
    );
    assert.ok(seen !== "" && !existsSync(seen));
  });

  for (const signal of ["SIGTERM", "SIGHUP", "SIGINT"] as const) {
    test(`withSecureTempDir removes the directory and dies of ${signal}`, async () => {
      const parent = mkdtempSync(join(tmpdir(), "confed-parent-"));
      dirs.push(parent);
      const script = `
        const { withSecureTempDir } = await import(${JSON.stringify(fileURLToPath(new URL("./secure-tmp.ts", import.meta.url)))});
        await withSecureTempDir(${JSON.stringify(parent)}, async (dir) => {
          dir.writeFile("secret", new TextEncoder().encode("x"));
          console.log(dir.path);
          await new Promise((r) => setTimeout(r, 20000));
        });`;
      const child = spawn(
        process.execPath,
        ["--import", import.meta.resolve("tsx"), "--input-type=module", "-e", script],
        {
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
      const path = await new Promise<string>((resolve) =>
        child.stdout.once("data", (d: Buffer) => resolve(d.toString().trim())),
      );
      assert.ok(existsSync(join(path, "secret")));
      child.kill(signal);
      const [code, sig] = await new Promise<[number | null, string | null]>((resolve) =>
        child.once("exit", (c, s) => resolve([c, s])),
      );
      assert.deepEqual([code, sig], [null, signal]);
      assert.ok(!existsSync(path));
    });
  }
});

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { realStoreFs } from "../system/store-fs.ts";
import { Crash, CrashingFs, tempDir, tempStore, withFs } from "./_fixtures/stores.ts";
import { addDirectoryToStore, addTextToStore, addTreeToStore } from "./add.ts";
import { narHash } from "./nar.ts";
import { ScanCandidates, verify } from "./references.ts";
import { repair } from "./repair.ts";
import {
  flushStore,
  isValidPath,
  openStore,
  queryPathInfo,
  realPath,
  systemStore,
} from "./store.ts";
import { StoreError } from "./store-error.ts";

const mode = (p: string) => lstatSync(p).mode & 0o7777;
const isCode = (code: string) => (e: unknown) => e instanceof StoreError && e.code === code;

function sourceTree(): string {
  const src = join(tempDir(), "src");
  mkdirSync(join(src, "bin"), { recursive: true });
  writeFileSync(join(src, "README"), "read me\n", { mode: 0o664 });
  writeFileSync(join(src, "bin", "hello"), "#!/bin/sh\necho hi\n", { mode: 0o775 });
  symlinkSync("bin/hello", join(src, "run"));
  return src;
}

describe("addTextToStore", () => {
  test("addTextToStore writes a read-only file and commits its metadata", () => {
    const store = tempStore();
    const p = addTextToStore(store, "greeting", "hello\n");
    assert.match(p, /^\/s\/[0-9a-z]{32}-greeting$/);
    const real = realPath(store, p);
    assert.equal(readFileSync(real, "utf8"), "hello\n");
    assert.equal(mode(real), 0o444);
    assert.equal(isValidPath(store, p), true);
    const info = queryPathInfo(store, p);
    assert.equal(info?.narHash, narHash(real));
    assert.deepEqual(info?.references, []);
    assert.equal(
      mode(
        addTextToStore(store, "x", "#!/bin/sh\n", [], { executable: true }).replace(
          "/s",
          store.realDir,
        ),
      ),
      0o555,
    );
  });

  test("addTextToStore is idempotent: the same text gives the same path, added once", () => {
    const store = tempStore();
    const p = addTextToStore(store, "greeting", "hello\n");
    const first = queryPathInfo(store, p)?.registrationTime;
    assert.equal(addTextToStore(store, "greeting", "hello\n"), p);
    assert.equal(queryPathInfo(store, p)?.registrationTime, first);
    assert.notEqual(addTextToStore(store, "greeting", "hello!\n"), p);
    assert.deepEqual(
      readdirSync(store.realDir).filter((e) => e.startsWith(".tmp")),
      [],
    );
  });

  test("addTextToStore refuses a reference that is not valid", () => {
    const store = tempStore();
    const other = tempStore();
    const p = addTextToStore(other, "elsewhere", "x");
    assert.throws(() => addTextToStore(store, "uses", `${p}\n`, [p]), isCode("E_STORE_INVALID"));
  });
});

describe("addTreeToStore", () => {
  test("addTreeToStore copies a tree with store permissions (0444/0555, symlinks kept)", () => {
    const store = tempStore();
    const p = addTreeToStore(store, "tree", sourceTree());
    const real = realPath(store, p);
    assert.equal(mode(real), 0o555);
    assert.equal(mode(join(real, "bin")), 0o555);
    assert.equal(mode(join(real, "README")), 0o444);
    assert.equal(mode(join(real, "bin", "hello")), 0o555);
    assert.equal(readlinkSync(join(real, "run")), "bin/hello");
    assert.equal(verify(store, p).ok, true);
  });

  test("addTreeToStore gives the same path and NAR hash in two stores with one storeDir", () => {
    const src = sourceTree();
    const a = tempStore("/home/me/.local/state/confed/store");
    const b = tempStore("/home/me/.local/state/confed/store");
    const pa = addTreeToStore(a, "tree", src);
    const pb = addTreeToStore(b, "tree", src);
    assert.equal(pa, pb);
    assert.notEqual(a.realDir, b.realDir);
    assert.equal(narHash(realPath(a, pa)), narHash(realPath(b, pb)));
    assert.equal(narHash(realPath(a, pa)), narHash(src));
    const other = tempStore("/home/you/.local/state/confed/store");
    assert.notEqual(addTreeToStore(other, "tree", src).slice(-40), pa.slice(-40));
  });

  test("addTreeToStore runs a build callback once and hashes its recipe and inputs", () => {
    const store = tempStore();
    const dep = addTextToStore(store, "dep", "dep\n");
    let runs = 0;
    const source = {
      recipe: { kind: "runCommand", script: "ln -s dep" },
      inputs: [dep],
      build(out: string) {
        runs++;
        mkdirSync(out);
        symlinkSync(dep, join(out, "dep"));
      },
    };
    const p = addTreeToStore(store, "joined", source);
    assert.equal(addTreeToStore(store, "joined", source), p);
    assert.equal(runs, 1);
    assert.deepEqual(queryPathInfo(store, p)?.references, [dep]);
  });

  test("addTreeToStore reports a failing build and one that creates nothing, leaving no debris", () => {
    const store = tempStore();
    assert.throws(
      () =>
        addTreeToStore(store, "bad", {
          build(out) {
            writeFileSync(out, "half");
            throw new Error("compiler exploded");
          },
        }),
      (e: unknown) => isCode("E_STORE_BUILD")(e) && /compiler exploded/.test((e as Error).message),
    );
    assert.throws(
      () => addTreeToStore(store, "none", { recipe: { v: 2 }, build() {} }),
      (e: unknown) => isCode("E_STORE_BUILD")(e) && /did not create/.test((e as Error).message),
    );
    assert.deepEqual(readdirSync(store.realDir).sort(), [".meta"]);
  });
});

describe("store directories", () => {
  test("openStore creates a user store 0700", () => {
    const real = join(tempDir(), "state", "confed", "store");
    openStore({ storeDir: "/home/me/.local/state/confed/store", realDir: real });
    assert.equal(mode(real), 0o700);
  });

  test("systemStore lives under --root and names paths /var/lib/confed/store", () => {
    const root = tempDir();
    const store = systemStore({ root });
    assert.equal(store.realDir, `${root}/var/lib/confed/store`);
    assert.equal(store.stateDir, `${root}/var/lib/confed`);
    assert.equal(mode(store.realDir), 0o755);
    const p = addTextToStore(store, "motd", "hi\n");
    assert.ok(p.startsWith("/var/lib/confed/store/"));
    assert.equal(readFileSync(`${root}${p}`, "utf8"), "hi\n");
  });
});

describe("adds that fail or crash", () => {
  test("a full disk is a StoreError naming the path, not a raw stack", () => {
    const fs = withFs({
      writeFile(path, data, mode, opts) {
        if (path.endsWith("/.lock")) return realStoreFs.writeFile(path, data, mode, opts);
        throw Object.assign(new Error("ENOSPC: no space left on device, write"), {
          code: "ENOSPC",
        });
      },
    });
    const store = tempStore("/s", fs);
    assert.throws(
      () => addTextToStore(store, "big", "x"),
      (e: unknown) =>
        isCode("E_STORE_IO")(e) &&
        /cannot write '.*\.tmp-[0-9a-f]+-[0-9]+-big': no space left on device \(ENOSPC\)/.test(
          (e as Error).message,
        ) &&
        typeof (e as StoreError).path === "string",
    );
  });

  test("a store directory without write permission gives 'permission denied'", (t) => {
    if (process.getuid?.() === 0) return t.skip("root ignores permissions");
    const store = tempStore();
    chmodSync(store.realDir, 0o500);
    try {
      assert.throws(
        () => addTextToStore(store, "x", "x"),
        (e: unknown) => isCode("E_STORE_IO")(e) && /permission denied/.test((e as Error).message),
      );
    } finally {
      chmodSync(store.realDir, 0o700);
    }
  });

  test("a crash at every mutating call leaves the path valid and whole, or invalid and repairable", () => {
    const src = sourceTree();
    const counter = new CrashingFs(Number.POSITIVE_INFINITY);
    const reference = tempStore("/s", counter.fs);
    const dep = addTextToStore(reference, "dep", "dep\n");
    writeFileSync(join(src, "uses-dep"), dep);
    counter.calls = 0;
    const expected = addTreeToStore(reference, "tree", src);
    const total = counter.calls;
    const expectedHash = queryPathInfo(reference, expected)?.narHash;
    assert.ok(total > 10, `an add makes ${total} mutating calls`);
    for (let k = 1; k <= total + 1; k++) {
      const crashing = new CrashingFs(Number.POSITIVE_INFINITY);
      const store = tempStore("/s", crashing.fs);
      addTextToStore(store, "dep", "dep\n");
      const crasher = new CrashingFs(k);
      const during = { ...store, fs: crasher.fs };
      try {
        addTreeToStore(during, "tree", src);
      } catch (e) {
        if (!(e instanceof Crash || (e instanceof StoreError && e.cause instanceof Crash))) throw e;
      }
      const after = { ...store, fs: realStoreFs };
      if (isValidPath(after, expected)) {
        assert.equal(queryPathInfo(after, expected)?.narHash, expectedHash, `k=${k}`);
        assert.equal(verify(after, expected).ok, true, `k=${k}`);
        assert.deepEqual(queryPathInfo(after, expected)?.references, [dep]);
      }
      repair(after);
      const left = readdirSync(after.realDir).filter((e) => e.startsWith("."));
      assert.deepEqual(left.sort(), [".meta"], `k=${k}`);
      assert.deepEqual(
        readdirSync(`${after.realDir}/.meta`).filter((e) => e.startsWith(".")),
        [],
      );
      assert.equal(addTreeToStore(after, "tree", src), expected);
      assert.equal(verify(after, expected).ok, true);
    }
  });
});

describe("the store lock", () => {
  test("an add waits for a live holder and then fails with E_STORE_LOCKED", () => {
    const store = tempStore();
    writeFileSync(`${store.realDir}/.lock`, `${process.ppid}\n`);
    assert.throws(
      () => addTextToStore(store, "x", "x"),
      (e: unknown) =>
        isCode("E_STORE_LOCKED")(e) && new RegExp(`${process.ppid}`).test((e as Error).message),
    );
  });

  test("a lock left by a dead process is broken", () => {
    const store = tempStore();
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
      encoding: "utf8",
    });
    writeFileSync(`${store.realDir}/.lock`, `${dead.stdout}\n`);
    const p = addTextToStore(store, "x", "x");
    assert.equal(isValidPath(store, p), true);
    assert.equal(realStoreFs.lstat(`${store.realDir}/.lock`), undefined);
  });
});

describe("addDirectoryToStore", () => {
  test("gives the path and NAR a copy of the same directory gets, linking what it can", () => {
    const store = tempStore();
    const src = join(tempDir(), "flat");
    mkdirSync(src);
    writeFileSync(join(src, "a.conf"), "a\n", { mode: 0o644 });
    writeFileSync(join(src, "run"), "#!/bin/sh\n", { mode: 0o755 });
    writeFileSync(join(src, "z-empty"), "");
    symlinkSync("a.conf", join(src, "link"));
    const copy = addTreeToStore(store, "flat", src);
    const real = realPath(store, copy);
    const asked: string[] = [];
    const content = (name: string) => () => {
      asked.push(name);
      return readFileSync(join(src, name));
    };
    const path = addDirectoryToStore(store, "flat", [
      // Linked from the copy: its bytes and its executable bit are what count.
      {
        name: "run",
        kind: "file",
        executable: false,
        linkFrom: join(real, "run"),
        contents: content("run"),
      },
      { name: "link", kind: "symlink", target: "a.conf" },
      // Nothing to link from any more: written from its content.
      {
        name: "a.conf",
        kind: "file",
        executable: false,
        linkFrom: join(real, "gone"),
        contents: content("a.conf"),
      },
      { name: "z-empty", kind: "file", executable: false, contents: content("z-empty") },
    ]);
    assert.deepEqual(asked.sort(), ["a.conf", "z-empty"]);
    const p = realPath(store, path);
    assert.equal(narHash(p), narHash(src));
    // Named by content: a copy of the same directory is the same path.
    assert.equal(path, copy);
    // A size and executable bit given for a linked file are used; a wrong size is noticed and
    // the file looked at instead.
    const store2 = tempStore();
    const copy2 = addTreeToStore(store2, "flat", src);
    const real2 = realPath(store2, copy2);
    const linkedEntry = (name: string, size: number, executable: boolean) => ({
      name,
      kind: "file" as const,
      executable,
      size,
      linkFrom: join(real2, name),
      contents: content(name),
    });
    const again = addDirectoryToStore(store2, "flat", [
      linkedEntry("run", 1, true), // wrong size: read with its fstat
      linkedEntry("a.conf", 2, false),
      linkedEntry("z-empty", 0, false),
      { name: "link", kind: "symlink", target: "a.conf" },
    ]);
    assert.equal(again, copy2);
    assert.equal(queryPathInfo(store, path)?.narHash, narHash(src));
    assert.equal(verify(store, path).ok, true);
  });

  test("finds references among its candidates and names a failed entry", () => {
    const store = tempStore();
    const dep = addTextToStore(store, "dep", "x\n");
    const candidates = new ScanCandidates([dep]);
    const path = addDirectoryToStore(
      store,
      "uses",
      [
        { name: "to-dep", kind: "symlink", target: dep },
        { name: "f", kind: "file", executable: true, contents: () => Buffer.from("y\n") },
      ],
      { candidates },
    );
    assert.deepEqual(queryPathInfo(store, path)?.references, [dep]);
    assert.equal(mode(join(realPath(store, path), "f")), 0o555);
    assert.equal(mode(realPath(store, path)), 0o555);
    assert.throws(
      () =>
        addDirectoryToStore(store, "bad", [
          {
            name: "f",
            kind: "file",
            executable: false,
            contents: () => {
              throw new Error("source vanished");
            },
          },
        ]),
      (e: unknown) =>
        e instanceof StoreError &&
        e.code === "E_STORE_BUILD" &&
        /bad.*source vanished/.test(e.message),
    );
    for (const bad of ["", ".", "..", "a/b", "x\0"])
      assert.throws(
        () =>
          addDirectoryToStore(store, "names", [{ name: bad, kind: "symlink", target: "anywhere" }]),
        (e: unknown) =>
          e instanceof StoreError &&
          e.code === "E_STORE_BUILD" &&
          /is not a file name/.test(e.message),
        JSON.stringify(bad),
      );
    // Nothing is left behind by the failed add.
    assert.deepEqual(
      readdirSync(store.realDir).filter((n) => n.startsWith(".tmp-")),
      [],
    );
  });
});

test("a batch of adds flushes the store's directories once, when the caller says", () => {
  const flushed: string[] = [];
  const store = tempStore(
    "/s",
    withFs({
      fsync(path) {
        flushed.push(path);
        realStoreFs.fsync(path);
      },
    }),
  );
  const dirs = [store.realDir, `${store.realDir}/.meta`];
  const entry = (n: string) => ({
    name: n,
    kind: "file" as const,
    executable: false,
    contents: () => Buffer.from(`${n}\n`),
  });
  const a = addDirectoryToStore(store, "a", [entry("x")], { batch: true });
  const b = addDirectoryToStore(store, "b", [entry("y")], { batch: true });
  assert.deepEqual(
    flushed.filter((p) => dirs.includes(p)),
    [],
    "no flush of the store's directories within the batch",
  );
  // Each path's own content and record are flushed before they are renamed.
  assert.ok(flushed.some((p) => p.includes(".tmp-") && p.endsWith("-a")));
  flushStore(store);
  assert.deepEqual(
    flushed.filter((p) => dirs.includes(p)),
    dirs,
  );
  for (const p of [a, b]) assert.equal(verify(store, p).ok, true);
  // Without `batch`, each add flushes both itself.
  flushed.length = 0;
  addDirectoryToStore(store, "c", [entry("z")]);
  assert.deepEqual(
    flushed.filter((p) => dirs.includes(p)),
    dirs,
  );
});

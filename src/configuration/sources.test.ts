import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { after, test } from "node:test";
import { Crash, CrashingFs } from "../store/_fixtures/stores.ts";
import {
  addRoot,
  addTreeToStore,
  closure,
  gc,
  isValidPath,
  narHash,
  openStore,
  queryPathInfo,
  realLocation,
  repair,
  type StorePath,
  verify,
} from "../store/index.ts";
import { importSource, SourceCache, SPLIT_DEPTH } from "./sources.ts";

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
  // Builds leave it; pruning after a gc removes it.
  writeFileSync(join(src, "a.conf"), "a2\n");
  const c = new SourceCache(store);
  importSource(store, src, c);
  c.save();
  assert.ok(existsSync(listing));
  c.prune();
  assert.equal(existsSync(listing), false, "the collected path's listing was removed");
  assert.ok(importSource(store, src, new SourceCache(store)).path, "the cache still works");
});

/** Every file and symlink below `dir`, following the store's links between split directories. */
function contents(dir: string, storeDir: string, rel = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const r = rel ? `${rel}/${name}` : name;
    const st = lstatSync(p);
    if (st.isSymbolicLink() && readlinkSync(p).startsWith(`${storeDir}/`))
      Object.assign(out, contents(readlinkSync(p), storeDir, r));
    else if (st.isSymbolicLink()) out[r] = `-> ${readlinkSync(p)}`;
    else if (st.isDirectory()) Object.assign(out, contents(p, storeDir, r));
    else out[r] = readFileSync(p, "utf8");
  }
  return out;
}

test("a split import gives each directory its own path; a change rebuilds only its directory and those above", () => {
  const store = openStore({ storeDir: join(tmp, "split", "store") });
  const src = join(tmp, "split", "dotfiles");
  const files = {
    "a.conf": "a\n",
    "sub/b.conf": "b\n",
    "sub/deep/c.conf": "c\n",
    "other/d.conf": "d\n",
  };
  tree(src, files);
  symlinkSync("a.conf", join(src, "link"));
  const cache = new SourceCache(store);
  const first = importSource(store, src, cache, { split: true });
  cache.save();
  const real1 = realLocation(store, first.path);
  // Subdirectories are symlinks to store paths of their own; files are files.
  const sub1 = readlinkSync(join(real1, "sub"));
  const other1 = readlinkSync(join(real1, "other"));
  const deep1 = readlinkSync(join(sub1, "deep"));
  for (const p of [sub1, other1, deep1]) assert.ok(isValidPath(store, p as StorePath), p);
  assert.ok(lstatSync(join(real1, "a.conf")).isFile());
  assert.deepEqual(contents(real1, store.storeDir), { ...files, link: "-> a.conf" });
  assert.deepEqual(first.ids(), {
    "a.conf": sha("a\n"),
    link: "->a.conf",
    "other/d.conf": sha("d\n"),
    "sub/b.conf": sha("b\n"),
    "sub/deep/c.conf": sha("c\n"),
  });
  // A directory refers to its subdirectories' paths, so the closure (what gc keeps and a copy
  // to another host takes) is the whole tree.
  assert.deepEqual(queryPathInfo(store, first.path)?.references, [sub1, other1].sort());
  assert.deepEqual(closure(store, [first.path]), [first.path, sub1, other1, deep1].sort());
  assert.equal(importSource(store, src, cache, { split: true }).path, first.path);

  writeFileSync(join(src, "sub/deep/c.conf"), "c2\n");
  const second = importSource(store, src, cache, { split: true });
  cache.save();
  const real2 = realLocation(store, second.path);
  assert.notEqual(second.path, first.path);
  assert.equal(readlinkSync(join(real2, "other")), other1, "an untouched directory is kept");
  const sub2 = readlinkSync(join(real2, "sub"));
  assert.notEqual(sub2, sub1);
  assert.notEqual(readlinkSync(join(sub2, "deep")), deep1);
  // Unchanged files of a rebuilt directory are hard links to the earlier ones.
  assert.equal(lstatSync(join(sub2, "b.conf")).ino, lstatSync(join(sub1, "b.conf")).ino);
  assert.equal(lstatSync(join(real2, "a.conf")).ino, lstatSync(join(real1, "a.conf")).ino);
  assert.deepEqual(contents(real2, store.storeDir), {
    ...files,
    "sub/deep/c.conf": "c2\n",
    link: "-> a.conf",
  });
  assert.equal(second.ids()["sub/deep/c.conf"], sha("c2\n"));

  // A lost listing only makes the next import slower: the same paths come out.
  rmSync(join(store.stateDir, "sources", `${basename(second.path)}.json`));
  const c2 = new SourceCache(store);
  const again = importSource(store, src, c2, { split: true });
  assert.equal(again.path, second.path);
  assert.deepEqual(again.ids(), second.ids());

  // gc with the second import as its root keeps its whole tree, shared directories included,
  // and collects what only the first one used.
  const root = join(tmp, "split", "result");
  symlinkSync(second.path, root);
  addRoot(store, root);
  const { deleted } = gc(store);
  assert.deepEqual(deleted.sort(), [first.path, sub1, deep1].sort());
  for (const p of closure(store, [second.path])) assert.ok(isValidPath(store, p));
  assert.deepEqual(contents(real2, store.storeDir)["other/d.conf"], "d\n");
});

test("a split import keeps directories deeper than SPLIT_DEPTH inside their ancestor's path", () => {
  const store = openStore({ storeDir: join(tmp, "deep", "store") });
  const src = join(tmp, "deep", "src");
  const levels = Array.from({ length: SPLIT_DEPTH + 3 }, (_, i) => `d${i + 1}`);
  tree(src, { [`${levels.join("/")}/leaf.conf`]: "leaf\n", "d1/top.conf": "top\n" });
  const cache = new SourceCache(store);
  const { path } = importSource(store, src, cache, { split: true });
  // Walk down: levels 1..SPLIT_DEPTH are links to paths of their own, deeper ones real ones.
  let dir = realLocation(store, path);
  for (let i = 0; i < levels.length; i++) {
    const p = join(dir, levels[i]);
    const link = lstatSync(p).isSymbolicLink();
    assert.equal(link, i < SPLIT_DEPTH, `level ${i + 1}`);
    dir = link ? readlinkSync(p) : p;
  }
  assert.equal(readFileSync(join(dir, "leaf.conf"), "utf8"), "leaf\n");
  // The kernel follows the links in one lookup (fewer than its limit of 40).
  const full = join(realLocation(store, path), ...levels, "leaf.conf");
  assert.equal(readFileSync(full, "utf8"), "leaf\n");
  // A change below the cut rebuilds the path that holds it.
  writeFileSync(join(src, ...levels, "leaf.conf"), "leaf2\n");
  const second = importSource(store, src, cache, { split: true });
  assert.notEqual(second.path, path);
  assert.equal(
    readFileSync(join(realLocation(store, second.path), ...levels, "leaf.conf"), "utf8"),
    "leaf2\n",
  );
  assert.equal(second.ids()[`${levels.join("/")}/leaf.conf`], sha("leaf2\n"));
});

test("the first split import of a source lends the files of its earlier plain import", () => {
  const store = openStore({ storeDir: join(tmp, "upgrade", "store") });
  const src = join(tmp, "upgrade", "src");
  tree(src, { "x.conf": "x\n", "sub/y.conf": "y\n" });
  const cache = new SourceCache(store);
  const plain = importSource(store, src, cache);
  cache.save();
  writeFileSync(join(src, "x.conf"), "x2\n");
  const split = importSource(store, src, new SourceCache(store), { split: true });
  const realPlain = realLocation(store, plain.path);
  const sub = readlinkSync(join(realLocation(store, split.path), "sub"));
  assert.equal(lstatSync(join(sub, "y.conf")).ino, lstatSync(join(realPlain, "sub/y.conf")).ino);
  assert.equal(readFileSync(join(realLocation(store, split.path), "x.conf"), "utf8"), "x2\n");
  // The plain import is still there, a tree of real directories.
  assert.ok(lstatSync(join(realPlain, "sub")).isDirectory());
});

test("a split import drops files that are gone, and survives a listing that lost entries", () => {
  const store = openStore({ storeDir: join(tmp, "gone", "store") });
  const src = join(tmp, "gone", "src");
  tree(src, { "a/x": "x\n", "a/y": "y\n", "b/z": "z\n" });
  const cache = new SourceCache(store);
  const first = importSource(store, src, cache, { split: true });
  cache.save();
  rmSync(join(src, "a/y"));
  const second = importSource(store, src, cache, { split: true });
  cache.save();
  assert.deepEqual(Object.keys(second.ids()).sort(), ["a/x", "b/z"]);
  assert.deepEqual(contents(realLocation(store, second.path), store.storeDir), {
    "a/x": "x\n",
    "b/z": "z\n",
  });
  // A listing with an entry missing (damaged by hand): the next import starts from nothing and
  // still gives the right tree and ids.
  const file = join(store.stateDir, "sources", `${basename(second.path)}.json`);
  const listing = JSON.parse(readFileSync(file, "utf8"));
  delete listing.entries["b/z"];
  writeFileSync(file, JSON.stringify(listing));
  writeFileSync(join(src, "a/x"), "x2\n");
  const third = importSource(store, src, new SourceCache(store), { split: true });
  assert.deepEqual(third.ids(), { "a/x": sha("x2\n"), "b/z": sha("z\n") });
  assert.deepEqual(contents(realLocation(store, third.path), store.storeDir), {
    "a/x": "x2\n",
    "b/z": "z\n",
  });
  assert.notEqual(first.path, third.path);
});

test("a split import stopped at any call is finished by the next one, with nothing lost or wrong", () => {
  const A = { "a.conf": "a\n", "sub/b.conf": "b\n", "sub/deep/c.conf": "c\n", "o/d": "d\n" };
  const B = { ...A, "sub/deep/c.conf": "c2\n", "sub/new.conf": "n\n" };
  const setup = (name: string) => {
    const dir = join(tmp, "crash", name);
    const src = join(dir, "src");
    tree(src, A);
    symlinkSync("a.conf", join(src, "link"));
    const storeDir = join(dir, "store");
    const store = openStore({ storeDir });
    const cache = new SourceCache(store);
    importSource(store, src, cache, { split: true });
    cache.save();
    tree(src, B);
    return { src, storeDir };
  };
  // How many mutating calls the import of B makes.
  const counting = new CrashingFs(Number.POSITIVE_INFINITY);
  const ref = setup("count");
  const refCache = new SourceCache(openStore({ storeDir: ref.storeDir }));
  const refStore = openStore({ storeDir: ref.storeDir, fs: counting.fs });
  const expected = importSource(refStore, ref.src, refCache, { split: true });
  const total = counting.calls;
  assert.ok(total > 10, `the import makes ${total} mutating calls`);
  for (let k = 1; k <= total; k++) {
    const { src, storeDir } = setup(`k${k}`);
    const crasher = new CrashingFs(k);
    try {
      importSource(
        openStore({ storeDir, fs: crasher.fs }),
        src,
        new SourceCache(openStore({ storeDir })),
        {
          split: true,
        },
      );
      assert.fail(`k=${k}: no crash`);
    } catch (e) {
      if (!(e instanceof Crash || (e as { cause?: unknown })?.cause instanceof Crash)) throw e;
    }
    const store = openStore({ storeDir });
    const again = importSource(store, src, new SourceCache(store), { split: true });
    assert.deepEqual(again.ids(), expected.ids(), `k=${k}: the ids of an uninterrupted import`);
    assert.deepEqual(
      contents(realLocation(store, again.path), store.storeDir),
      { ...B, link: "-> a.conf" },
      `k=${k}`,
    );
    for (const p of closure(store, [again.path]))
      assert.equal(verify(store, p).ok, true, `k=${k} ${p}`);
    repair(store);
    assert.deepEqual(
      readdirSync(store.realDir).filter((n) => n.startsWith(".tmp-")),
      [],
      `k=${k}: repair leaves no debris`,
    );
    rmSync(join(tmp, "crash", `k${k}`), { recursive: true, force: true });
  }
});

test("a split import follows a directory that became a file, a file that became a directory, and a symlink that became a file", () => {
  const store = openStore({ storeDir: join(tmp, "kinds", "store") });
  const src = join(tmp, "kinds", "src");
  tree(src, { "d/x": "x\n", f: "f\n", "keep/k": "k\n" });
  symlinkSync("f", join(src, "l"));
  const cache = new SourceCache(store);
  importSource(store, src, cache, { split: true });
  cache.save();
  rmSync(join(src, "d"), { recursive: true });
  writeFileSync(join(src, "d"), "now a file\n");
  rmSync(join(src, "f"));
  tree(src, { "f/inner": "now a dir\n" });
  rmSync(join(src, "l"));
  writeFileSync(join(src, "l"), "now a file too\n");
  const next = importSource(store, src, cache, { split: true });
  const want = {
    d: "now a file\n",
    "f/inner": "now a dir\n",
    l: "now a file too\n",
    "keep/k": "k\n",
  };
  assert.deepEqual(contents(realLocation(store, next.path), store.storeDir), want);
  assert.deepEqual(
    next.ids(),
    Object.fromEntries(Object.entries(want).map(([k, v]) => [k, sha(v)])),
  );
});

test("an unchanged source's listing is read only when its ids are asked for, and made again if lost", () => {
  const store = openStore({ storeDir: join(tmp, "lazy", "store") });
  const src = join(tmp, "lazy", "src");
  tree(src, { "a/x": "x\n", y: "y\n" });
  const cache = new SourceCache(store);
  const first = importSource(store, src, cache, { split: true });
  cache.save();
  const listing = join(store.stateDir, "sources", `${basename(first.path)}.json`);
  const hit = importSource(store, src, new SourceCache(store), { split: true });
  assert.equal(hit.path, first.path);
  rmSync(listing); // lost after the import found the path
  assert.deepEqual(hit.ids(), { "a/x": sha("x\n"), y: sha("y\n") });
  assert.ok(existsSync(listing), "the listing was made again");
});

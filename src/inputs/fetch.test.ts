import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { listValidPaths, narHash, realPath } from "../store/index.ts";
import { commit, git, makeRepo, startForge, tempDir, tempStore, write } from "./_test-repos.ts";
import { fetchInput, fetchLocked } from "./fetch.ts";
import { InputError } from "./input-error.ts";
import { parseInputUrl } from "./url.ts";

const T0 = 1_700_000_000;

function repoWithTree(): string {
  const dir = makeRepo({
    "README.md": "hello\n",
    "src/a.txt": "a\n",
    ".gitattributes": "secret.txt export-ignore\n",
    "secret.txt": "kept by git+file\n",
  });
  write(dir, { "bin/run": "#!/bin/sh\necho hi\n" });
  chmodSync(join(dir, "bin/run"), 0o755);
  symlinkSync("src/a.txt", join(dir, "link"));
  commit(dir, "second", T0 + 100);
  return dir;
}

describe("fetchInput", () => {
  test("fetchInput copies a path: tree into the store with its NAR hash", async () => {
    const store = tempStore();
    const dir = tempDir();
    write(dir, { "a/b.txt": "b\n" });
    const f = await fetchInput("p", parseInputUrl(`path:${dir}`, "p"), { store, root: "/" });
    assert.equal(f.locked.narHash, narHash(dir));
    assert.equal(readFileSync(join(realPath(store, f.storePath), "a/b.txt"), "utf8"), "b\n");
  });

  test("fetchInput locks a clean git+file: repo at HEAD without .git, with rev, ref, revCount and lastModified", async () => {
    const store = tempStore();
    const dir = repoWithTree();
    const f = await fetchInput("dots", parseInputUrl(`git+file://${dir}`, "dots"), {
      store,
      root: "/",
    });
    const head = git(dir, ["rev-parse", "HEAD"]);
    assert.equal(f.locked.rev, head);
    assert.equal(f.locked.ref, "main");
    assert.equal(f.locked.revCount, 2);
    assert.equal(f.locked.lastModified, T0 + 100);
    const out = realPath(store, f.storePath);
    assert.deepEqual(readdirSync(out).sort(), [
      ".gitattributes",
      "README.md",
      "bin",
      "link",
      "secret.txt",
      "src",
    ]);
    assert.equal(readlinkSync(join(out, "link")), "src/a.txt");
    assert.ok(lstatSync(join(out, "bin/run")).mode & 0o100);
    assert.ok(!(lstatSync(join(out, "README.md")).mode & 0o100));
    // The same tree checked out and hashed without .git gives the same hash.
    const copy = join(tempDir(), "copy");
    execFileSync("git", ["clone", "-q", dir, copy]);
    execFileSync("rm", ["-rf", join(copy, ".git")]);
    assert.equal(f.locked.narHash, narHash(copy));
  });

  test("fetchInput resolves ?ref= to a tag or branch and ?rev= to that commit", async () => {
    const store = tempStore();
    const dir = makeRepo({ "v.txt": "1\n" });
    const first = git(dir, ["rev-parse", "HEAD"]);
    git(dir, ["tag", "v1"]);
    write(dir, { "v.txt": "2\n" });
    const second = commit(dir, "two", T0 + 50);
    git(dir, ["branch", "old", first]);
    const byTag = await fetchInput("x", parseInputUrl(`git+file://${dir}?ref=v1`, "x"), {
      store,
      root: "/",
    });
    assert.equal(byTag.locked.rev, first);
    assert.equal(byTag.locked.ref, "v1");
    const byBranch = await fetchInput("x", parseInputUrl(`git+file://${dir}?ref=old`, "x"), {
      store,
      root: "/",
    });
    assert.equal(byBranch.locked.rev, first);
    const byRev = await fetchInput("x", parseInputUrl(`git+file://${dir}?rev=${second}`, "x"), {
      store,
      root: "/",
    });
    assert.equal(readFileSync(join(realPath(store, byRev.storePath), "v.txt"), "utf8"), "2\n");
    assert.equal(byRev.locked.revCount, 2);
    await assert.rejects(
      fetchInput("x", parseInputUrl(`git+file://${dir}?ref=nope`, "x"), { store, root: "/" }),
      (e: unknown) =>
        e instanceof InputError && e.code === "E_INPUT_FETCH" && /'x'.*'nope'/.test(e.message),
    );
  });

  test("fetchInput refuses a dirty git+file: repo listing the files, and locks it by hash with allowDirty", async () => {
    const store = tempStore();
    const dir = makeRepo({ "a.txt": "a\n", ".gitignore": "ignored\n" });
    write(dir, { "a.txt": "changed\n", "new.txt": "new\n", ignored: "x\n" });
    await assert.rejects(
      fetchInput("dots", parseInputUrl(`git+file://${dir}`, "dots"), { store, root: "/" }),
      (e: unknown) =>
        e instanceof InputError &&
        e.code === "E_INPUT_DIRTY" &&
        e.message.includes("a.txt") &&
        e.message.includes("new.txt") &&
        !e.message.includes("ignored") &&
        e.message.includes("--allow-dirty"),
    );
    const f = await fetchInput("dots", parseInputUrl(`git+file://${dir}`, "dots"), {
      store,
      root: "/",
      allowDirty: true,
    });
    assert.equal(f.locked.rev, undefined);
    assert.equal(f.locked.dirtyRev, `${git(dir, ["rev-parse", "HEAD"])}-dirty`);
    const out = realPath(store, f.storePath);
    assert.deepEqual(readdirSync(out).sort(), [".gitignore", "a.txt", "new.txt"]);
    assert.equal(readFileSync(join(out, "a.txt"), "utf8"), "changed\n");
  });

  test("fetchInput includes submodules only with submodules=1", async () => {
    const store = tempStore();
    const sub = makeRepo({ "inner.txt": "inner\n" });
    const dir = makeRepo({ "top.txt": "top\n" });
    git(dir, ["submodule", "add", "-q", sub, "vendor/sub"]);
    commit(dir, "add sub", T0 + 10);
    const without = await fetchInput("m", parseInputUrl(`git+file://${dir}`, "m"), {
      store,
      root: "/",
    });
    assert.deepEqual(readdirSync(join(realPath(store, without.storePath), "vendor/sub")), []);
    const withSubs = await fetchInput("m", parseInputUrl(`git+file://${dir}?submodules=1`, "m"), {
      store,
      root: "/",
    });
    assert.equal(
      readFileSync(join(realPath(store, withSubs.storePath), "vendor/sub/inner.txt"), "utf8"),
      "inner\n",
    );
    assert.equal(withSubs.locked.submodules, true);
    assert.notEqual(without.locked.narHash, withSubs.locked.narHash);
  });

  test("fetchInput downloads github: and gitlab: archives from the forge, strips the top directory, sends the token", async () => {
    const store = tempStore();
    const dir = repoWithTree();
    const forge = await startForge({ "me/dots": dir });
    const env = {
      CONFED_GITHUB_URL: forge.url,
      CONFED_GITLAB_URL: forge.url,
      CONFED_ACCESS_TOKENS: "github.com=sekrit,other=x",
    };
    const gh = await fetchInput("dots", parseInputUrl("github:me/dots", "dots"), {
      store,
      root: "/",
      env,
    });
    const head = git(dir, ["rev-parse", "HEAD"]);
    assert.equal(gh.locked.rev, head);
    assert.equal(gh.locked.lastModified, T0 + 100);
    const out = realPath(store, gh.storePath);
    assert.ok(existsSync(join(out, "README.md")));
    // The forge applies export-ignore, so the hash differs from git+file's, as in Nix.
    assert.ok(!existsSync(join(out, "secret.txt")));
    const viaGit = await fetchInput("dots", parseInputUrl(`git+file://${dir}`, "dots"), {
      store,
      root: "/",
    });
    assert.notEqual(gh.locked.narHash, viaGit.locked.narHash);
    assert.ok(forge.seen.some((s) => s.headers.authorization === "Bearer sekrit"));
    assert.ok(!JSON.stringify(gh.locked).includes("sekrit"));
    const gl = await fetchInput("dots", parseInputUrl("gitlab:me/dots/main", "dots"), {
      store,
      root: "/",
      env: { CONFED_GITLAB_URL: forge.url },
    });
    assert.equal(gl.locked.narHash, gh.locked.narHash);
    assert.equal(gl.locked.type, "gitlab");
    await assert.rejects(
      fetchInput("dots", parseInputUrl("github:me/nope", "dots"), { store, root: "/", env }),
      (e: unknown) =>
        e instanceof InputError &&
        e.code === "E_INPUT_FETCH" &&
        e.message.includes("input 'dots'") &&
        !e.message.includes("sekrit"),
    );
  });

  test("fetchInput unpacks a file: tarball", async () => {
    const store = tempStore();
    const dir = repoWithTree();
    const tgz = join(tempDir(), "x.tar.gz");
    writeFileSync(
      tgz,
      execFileSync("git", ["archive", "--format=tar.gz", "--prefix=x-1/", "HEAD"], { cwd: dir }),
    );
    const f = await fetchInput("x", parseInputUrl(`file://${tgz}`, "x"), { store, root: "/" });
    assert.equal(f.locked.type, "tarball");
    assert.ok(existsSync(join(realPath(store, f.storePath), "README.md")));
    assert.equal(f.locked.lastModified, T0 + 100);
  });
});

describe("fetchLocked", () => {
  test("fetchLocked reuses a valid store path without the network", async () => {
    const store = tempStore();
    const forge = await startForge({ "me/dots": repoWithTree() });
    const env = { CONFED_GITHUB_URL: forge.url };
    const f = await fetchInput("dots", parseInputUrl("github:me/dots", "dots"), {
      store,
      root: "/",
      env,
    });
    await forge.close();
    const again = await fetchLocked("dots", f.locked, { store, root: "/", env });
    assert.equal(again.storePath, f.storePath);
    // A store that never fetched it cannot reach the closed forge: a clear error naming the input.
    await assert.rejects(
      fetchLocked("dots", f.locked, { store: tempStore(), root: "/", env }),
      (e: unknown) =>
        e instanceof InputError &&
        e.code === "E_INPUT_FETCH" &&
        e.message.startsWith("input 'dots': cannot reach"),
    );
  });

  test("fetchLocked refuses content whose hash differs from the lock, naming both hashes, and adds nothing", async () => {
    const dir = repoWithTree();
    const f = await fetchInput("dots", parseInputUrl(`git+file://${dir}`, "dots"), {
      store: tempStore(),
      root: "/",
    });
    const store = tempStore();
    const wrong = "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    await assert.rejects(
      fetchLocked("dots", { ...f.locked, narHash: wrong }, { store, root: "/" }),
      (e: unknown) =>
        e instanceof InputError &&
        e.code === "E_INPUT_HASH" &&
        e.message.includes(wrong) &&
        e.message.includes(f.locked.narHash) &&
        e.message.includes("'dots'"),
    );
    assert.deepEqual(listValidPaths(store), []);
    const ok = await fetchLocked("dots", f.locked, { store, root: "/" });
    assert.equal(ok.storePath, f.storePath);
  });
});

// Inputs fetched over the network from real servers on loopback: git http-backend behind HTTPS,
// sshd; and what happens when they are gone.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { realPath } from "../store/index.ts";
import {
  commit,
  freePort,
  git,
  makeRepo,
  startGitHttp,
  startSshd,
  tempDir,
  tempStore,
  write,
} from "./_test-repos.ts";
import { fetchInput, fetchLocked } from "./fetch.ts";
import { InputError } from "./input-error.ts";
import { lockFlake } from "./lock.ts";
import { parseInputUrl } from "./url.ts";

const T0 = 1_700_000_000;

/** Sets an environment variable for the rest of this file's tests (git reads them). */
function setEnv(name: string, value: string) {
  const old = process.env[name];
  process.env[name] = value;
  after(() => {
    if (old === undefined) delete process.env[name];
    else process.env[name] = old;
  });
}

/**
 * Bare repositories under a server root: `top.git` (a tag v1, a branch old, and a submodule
 * vendor/sub whose URL is relative: ../sub.git) and `sub.git`.
 */
function serverRoot() {
  const root = tempDir("confed-git-root-");
  const sub = makeRepo({ "inner.txt": "inner\n" }, T0);
  git(root, ["clone", "-q", "--bare", sub, "sub.git"]);
  const top = makeRepo({ "top.txt": "1\n", "bin/x": "#!/bin/sh\n" }, T0);
  const first = git(top, ["rev-parse", "HEAD"]);
  git(top, ["tag", "v1"]);
  git(top, ["branch", "old"]);
  git(top, ["submodule", "add", "-q", sub, "vendor/sub"]);
  git(top, ["config", "-f", ".gitmodules", "submodule.vendor/sub.url", "../sub.git"]);
  write(top, { "top.txt": "2\n" });
  const head = commit(top, "two", T0 + 86_400);
  git(root, ["clone", "-q", "--bare", top, "top.git"]);
  return { root, first, head };
}

describe("remote inputs", () => {
  test("git+https: against git http-backend locks a branch, a tag and a rev, includes submodules with submodules=1, and is reused offline", async () => {
    const { root, first, head } = serverRoot();
    const server = await startGitHttp(root, true);
    setEnv("GIT_SSL_CAINFO", server.caFile as string);
    const store = tempStore();
    const url = `git+${server.url}/top.git`;
    const opts = { store, root: "/" };
    const f = await fetchInput("remote", parseInputUrl(`${url}?submodules=1`, "remote"), opts);
    assert.equal(f.locked.rev, head);
    assert.equal(f.locked.ref, "main");
    assert.equal(f.locked.revCount, 2);
    assert.equal(f.locked.lastModified, T0 + 86_400);
    const out = realPath(store, f.storePath);
    assert.equal(readFileSync(join(out, "vendor/sub/inner.txt"), "utf8"), "inner\n");
    assert.ok(!existsSync(join(out, ".git")));
    // The same tree read from the bare repositories on disk hashes the same.
    const local = await fetchInput(
      "remote",
      parseInputUrl(`git+file://${root}/top.git?submodules=1`, "remote"),
      opts,
    );
    assert.equal(f.locked.narHash, local.locked.narHash);
    const without = await fetchInput("remote", parseInputUrl(url, "remote"), opts);
    assert.deepEqual(
      readFileSync(join(realPath(store, without.storePath), "top.txt"), "utf8"),
      "2\n",
    );
    assert.notEqual(without.locked.narHash, f.locked.narHash);

    for (const q of ["?ref=v1", "?ref=old", `?rev=${first}`]) {
      const r = await fetchInput("remote", parseInputUrl(`${url}${q}`, "remote"), opts);
      assert.equal(r.locked.rev, first, q);
    }
    await assert.rejects(
      fetchInput("remote", parseInputUrl(`${url}?ref=nope`, "remote"), opts),
      (e: unknown) =>
        e instanceof InputError &&
        e.code === "E_INPUT_FETCH" &&
        e.input === "remote" &&
        e.message.startsWith("input 'remote': ") &&
        e.message.includes("nope"),
    );

    // Locked while the server runs; then the server goes away.
    const lock = await lockFlake("/", { remote: `${url}?submodules=1` }, { store });
    await server.stop();
    const again = await fetchLocked("remote", f.locked, opts);
    assert.equal(again.storePath, f.storePath);
    const relocked = await lockFlake(
      "/",
      { remote: `${url}?submodules=1` },
      { store, lock: lock.graph },
    );
    assert.deepEqual(relocked.graph, lock.graph);
    // A store that never fetched it: a clear error naming the input.
    await assert.rejects(
      fetchLocked("remote", f.locked, { store: tempStore(), root: "/" }),
      (e: unknown) =>
        e instanceof InputError &&
        e.code === "E_INPUT_FETCH" &&
        e.input === "remote" &&
        e.message.startsWith("input 'remote': git fetch ") &&
        e.message.includes("Couldn't connect"),
    );
  });

  test("git+https: to a closed loopback port is an error naming the input", async () => {
    const port = await freePort();
    await assert.rejects(
      fetchInput("gone", parseInputUrl(`git+https://127.0.0.1:${port}/x.git`, "gone"), {
        store: tempStore(),
        root: "/",
      }),
      (e: unknown) =>
        e instanceof InputError &&
        e.code === "E_INPUT_FETCH" &&
        e.input === "gone" &&
        /^input 'gone': git ls-remote .*failed: .*(connect|Connection refused)/.test(e.message),
    );
  });

  test("git+ssh: against a real sshd on loopback locks the same tree as git+file:", async (t) => {
    const sshd = await startSshd();
    if (typeof sshd === "string") {
      t.skip(sshd);
      return;
    }
    setEnv("GIT_SSH_COMMAND", sshd.sshCommand);
    const { root, head } = serverRoot();
    const store = tempStore();
    const f = await fetchInput(
      "viaSsh",
      parseInputUrl(`git+ssh://root@127.0.0.1:${sshd.port}${root}/top.git`, "viaSsh"),
      { store, root: "/" },
    );
    assert.equal(f.locked.rev, head);
    const local = await fetchInput(
      "viaSsh",
      parseInputUrl(`git+file://${root}/top.git`, "viaSsh"),
      { store, root: "/" },
    );
    assert.equal(f.locked.narHash, local.locked.narHash);
    await sshd.stop();
    await assert.rejects(
      fetchLocked("viaSsh", f.locked, { store: tempStore(), root: "/" }),
      (e: unknown) => e instanceof InputError && e.input === "viaSsh",
    );
  });
});

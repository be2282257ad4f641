// The lock's narHash of a git+file: input equals what Nix computes for the same tree.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { commit, makeRepo, tempDir, tempStore, write } from "./_test-repos.ts";
import { lockFlake } from "./lock.ts";

// The hash of the tree below, as `nix hash path` printed it; kept so the test means something
// where nix is not installed.
const EXPECTED = "sha256-KbS3LCDIY0TdEptNxLNr2ar7EchoKyQMqn33L/pNEEo=";

test("lockFlake's narHash of a git+file: repo equals nix hash path of its tree", async (t) => {
  const repo = makeRepo({
    "README.md": "hello\n",
    "sub/dir/deep.txt": "deep\n",
    "～": "fullwidth tilde\n",
    "😀": "emoji\n",
  });
  write(repo, { "bin/tool": "#!/bin/sh\nexit 0\n" });
  chmodSync(join(repo, "bin/tool"), 0o755);
  symlinkSync("../README.md", join(repo, "sub/readme-link"));
  symlinkSync("sub/dir", join(repo, "dir-link"));
  symlinkSync("nowhere", join(repo, "dangling"));
  commit(repo, "tree", 1_700_000_100);
  const { graph } = await lockFlake(
    tempDir(),
    { src: { url: `git+file://${repo}`, flake: false } },
    { store: tempStore() },
  );
  const hash = graph.nodes.src?.locked?.narHash;
  assert.equal(hash, EXPECTED);
  if (spawnSync("nix", ["--version"]).status !== 0) {
    t.diagnostic("nix is not installed: compared with the committed hash only");
    return;
  }
  const copy = join(tempDir(), "tree");
  mkdirSync(copy);
  execFileSync("git", ["clone", "-q", repo, copy]);
  rmSync(join(copy, ".git"), { recursive: true });
  const nix = execFileSync(
    "nix",
    ["--extra-experimental-features", "nix-command", "hash", "path", copy],
    { encoding: "utf8" },
  ).trim();
  assert.equal(hash, nix);
});

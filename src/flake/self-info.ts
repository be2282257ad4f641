/**
 * `self`: the repository's revision, from git. A clean tree has `rev`; a tree with changes has
 * `dirtyRev` (`<rev>-dirty`) and no `rev`, as Nix does, so `self.rev` is only set when the
 * configuration can be reproduced from a commit.
 */
import { run } from "../system/fs.ts";
import type { SelfInfo } from "./define.ts";

/** Reads git metadata of `root` on first access of each field. */
export function selfInfo(root: string): SelfInfo {
  let cached: { rev?: string; dirtyRev?: string; lastModified: number } | undefined;
  const info = () => {
    if (cached) return cached;
    const head = run("git", ["-C", root, "rev-parse", "--verify", "-q", "HEAD"]);
    if (head.status !== 0) return (cached = { lastModified: 0 });
    const rev = head.stdout.trim();
    const time = run("git", ["-C", root, "log", "-1", "--format=%ct", rev]);
    const lastModified = Number(time.stdout.trim()) || 0;
    const status = run("git", ["-C", root, "status", "--porcelain", "--untracked-files=normal"]);
    const dirty = status.status === 0 && status.stdout.trim() !== "";
    return (cached = dirty ? { dirtyRev: `${rev}-dirty`, lastModified } : { rev, lastModified });
  };
  return {
    get rev() {
      return info().rev;
    },
    get dirtyRev() {
      return info().dirtyRev;
    },
    get lastModified() {
      return info().lastModified;
    },
    outPath: root,
    toJSON() {
      const i = info();
      return { ...i, outPath: root };
    },
  } as SelfInfo;
}

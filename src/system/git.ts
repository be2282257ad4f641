/**
 * The git command line, for fetching inputs: run git, and write the tree of a commit (or the
 * files of a working tree) to a directory. Trees are exported from git's objects, not checked
 * out, so no attribute (`export-ignore`, `eol`, filters) changes a byte, as in Nix's git fetcher;
 * paths stay bytes from end to end (git allows names that are not UTF-8).
 */
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  lstatSync,
  mkdirSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";

/** What a git run produced; `stdout` as bytes. */
export interface GitRun {
  status: number | null;
  stdout: Buffer;
  stderr: string;
  error?: Error;
}

/**
 * Git's environment for confed: never prompt on a terminal (a fetch must fail, not hang), C
 * locale for parseable messages, and no global or system configuration unless asked for (a
 * user's `url.*.insteadOf` must still work for ssh, so `keepUserConfig` keeps it).
 */
function gitEnv(extra: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_TERMINAL_PROMPT: "0",
    GIT_ASKPASS: "",
    SSH_ASKPASS: "",
    LC_ALL: "C",
    ...extra,
  };
}

/**
 * Runs git with `args` (never through a shell); `input` is written to its stdin.
 *
 * @example
 * const r = gitRun(["rev-parse", "HEAD"], { cwd: "/src/lib" });
 * if (r.status === 0) console.log(r.stdout.toString().trim());
 */
export function gitRun(
  args: readonly string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; input?: Buffer | string } = {},
): GitRun {
  const r = spawnSync("git", args, {
    cwd: opts.cwd,
    env: gitEnv(opts.env),
    input: opts.input,
    maxBuffer: 1 << 30,
  });
  return {
    status: r.status,
    stdout: r.stdout ?? Buffer.alloc(0),
    stderr: r.stderr?.toString("utf8") ?? "",
    error: r.error,
  };
}

/** Splits NUL-terminated output into its records (as bytes). */
export function splitNul(buf: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < buf.length; i++) {
    if (buf[i] === 0) {
      out.push(buf.subarray(start, i));
      start = i + 1;
    }
  }
  if (start < buf.length) out.push(buf.subarray(start));
  return out;
}

function join(dir: Buffer, rel: Buffer): Buffer {
  return Buffer.concat([dir, Buffer.from("/"), rel]);
}

/** A submodule met while exporting a tree: where it goes and the commit it is pinned to. */
export interface GitLink {
  path: Buffer;
  rev: string;
}

/**
 * Writes the tree of `rev` in the repository `gitDir` (a `.git` or bare directory) to `out`,
 * which may exist empty (the place of a submodule). Submodules become empty directories and are returned, so a caller that
 * wants them can fetch and export each into its place.
 */
export function exportGitTree(gitDir: string, rev: string, out: string): GitLink[] {
  const ls = gitRun(["--git-dir", gitDir, "ls-tree", "-r", "-t", "-z", "--full-tree", rev]);
  if (ls.status !== 0) throw new Error(`git ls-tree ${rev}: ${ls.stderr.trim() || ls.error}`);
  const root = Buffer.from(out);
  mkdirSync(root, { recursive: true, mode: 0o755 });
  const blobs: { path: Buffer; mode: string; oid: string }[] = [];
  const links: GitLink[] = [];
  for (const rec of splitNul(ls.stdout)) {
    const tab = rec.indexOf(9);
    const [mode, type, oid] = rec.subarray(0, tab).toString("latin1").split(" ") as [
      string,
      string,
      string,
    ];
    const path = rec.subarray(tab + 1);
    if (type === "tree") mkdirSync(join(root, path), { recursive: true, mode: 0o755 });
    else if (type === "commit") {
      mkdirSync(join(root, path), { recursive: true, mode: 0o755 });
      links.push({ path, rev: oid });
    } else blobs.push({ path, mode, oid });
  }
  if (blobs.length === 0) return links;
  // One cat-file for every blob: "<oid> blob <size>\n<bytes>\n" each, in the order asked.
  const cat = gitRun(["--git-dir", gitDir, "cat-file", "--batch"], {
    input: `${blobs.map((b) => b.oid).join("\n")}\n`,
  });
  if (cat.status !== 0) throw new Error(`git cat-file: ${cat.stderr.trim() || cat.error}`);
  let at = 0;
  for (const b of blobs) {
    const nl = cat.stdout.indexOf(10, at);
    const header = cat.stdout.subarray(at, nl).toString("latin1").split(" ");
    if (header[1] !== "blob") throw new Error(`git cat-file: object ${b.oid} is ${header[1]}`);
    const size = Number(header[2]);
    const data = cat.stdout.subarray(nl + 1, nl + 1 + size);
    at = nl + 1 + size + 1;
    const dest = join(root, b.path);
    if (b.mode === "120000") symlinkSync(data, dest);
    else {
      writeFileSync(dest, data);
      chmodSync(dest, b.mode === "100755" ? 0o755 : 0o644);
    }
  }
  return links;
}

/**
 * Copies `files` (paths relative to `workTree`, as bytes) into `out`, keeping symlinks and the
 * executable bit; a listed file that no longer exists (deleted, not yet committed) is skipped.
 * A directory in the list (a submodule) becomes an empty directory.
 */
export function copyWorkingFiles(workTree: string, files: readonly Buffer[], out: string): void {
  const src = Buffer.from(workTree);
  const dst = Buffer.from(out);
  mkdirSync(dst, { mode: 0o755 });
  for (const rel of files) {
    const from = join(src, rel);
    let st: ReturnType<typeof lstatSync>;
    try {
      st = lstatSync(from);
    } catch {
      continue;
    }
    const to = join(dst, rel);
    const slash = rel.lastIndexOf(47);
    if (slash !== -1)
      mkdirSync(join(dst, rel.subarray(0, slash)), { recursive: true, mode: 0o755 });
    if (st.isSymbolicLink()) symlinkSync(readlinkSync(from, { encoding: "buffer" }), to);
    else if (st.isDirectory()) mkdirSync(to, { recursive: true, mode: 0o755 });
    else if (st.isFile()) {
      copyFileSync(from, to);
      chmodSync(to, st.mode & 0o100 ? 0o755 : 0o644);
    }
  }
}

/**
 * Fetchers: an input reference in, a source tree in the store and its locked attributes out,
 * in Nix's flake.lock `locked` shape. A locked input whose store path is already valid is
 * reused without touching the network; anything fetched is hashed before it enters the store,
 * and a hash that differs from the lock's is an error that changes nothing.
 */
import { createHash } from "node:crypto";
import { isAbsolute, resolve } from "node:path";
import {
  addTreeToStore,
  isValidPath,
  narHash,
  type Store,
  type StorePath,
  storePathFor,
} from "../store/index.ts";
import { copyWorkingFiles, exportGitTree, gitRun, splitNul } from "../system/git.ts";
import { download, getJson, HttpError } from "../system/http.ts";
import {
  copyFile,
  newestMtime,
  scratchSync,
  unpackArchive,
  withScratch,
} from "../system/scratch.ts";
import { InputError } from "./input-error.ts";
import type { InputRef } from "./url.ts";

/** What the lock records about a fetched input (Nix's `locked`). */
export interface Locked {
  type: InputRef["type"];
  url?: string;
  path?: string;
  owner?: string;
  repo?: string;
  host?: string;
  ref?: string;
  rev?: string;
  dirtyRev?: string;
  /** `?dir=`: where in the tree the input's confed.ts is (the hash covers the whole tree). */
  dir?: string;
  submodules?: boolean;
  revCount?: number;
  lastModified?: number;
  /** NAR SHA-256 of the tree, SRI form: the value `nix hash path` prints. */
  narHash: string;
}

export interface FetchOptions {
  store: Store;
  /** The repository whose confed.ts names the input: relative `path:` inputs start there. */
  root: string;
  /** Lock a `git+file:` input with uncommitted changes (narHash and dirtyRev, no rev). */
  allowDirty?: boolean;
  /** Where CONFED_GITHUB_URL, CONFED_GITLAB_URL and CONFED_ACCESS_TOKENS are read. */
  env?: NodeJS.ProcessEnv;
}

export interface Fetched {
  locked: Locked;
  storePath: StorePath;
}

/** Every fetched tree is stored under this name, as Nix does. */
const NAME = "source";

/** The store path a tree with this NAR hash has (addTreeToStore is addressed by it). */
export function sourcePath(store: Store, hash: string): StorePath {
  return storePathFor(store.storeDir, { kind: "source", name: NAME, narHash: hash });
}

function fetchError(input: string, what: string, cause?: unknown): InputError {
  return new InputError("E_INPUT_FETCH", `input '${input}': ${what}`, { input, cause });
}

function git(input: string, args: string[], cwd?: string): string {
  const r = gitRun(args, { cwd });
  if (r.status !== 0) {
    const why = r.error
      ? String(r.error.message)
      : r.stderr.trim().split("\n").slice(-3).join("; ");
    // Named by its subcommand (and first operand), without options or the cache's git dir.
    const words = args.filter((a, i) => !a.startsWith("-") && args[i - 1] !== "--git-dir");
    throw fetchError(input, `git ${words.slice(0, 2).join(" ")} failed: ${why}`);
  }
  return r.stdout.toString("utf8").trim();
}

/** Adds an exported tree, checking it against the lock's hash first. */
function store(input: string, dir: string, opts: FetchOptions, expected?: string) {
  const hash = narHash(dir);
  if (expected !== undefined && hash !== expected)
    throw new InputError(
      "E_INPUT_HASH",
      `input '${input}': the fetched tree has NAR hash ${hash}, but confed.lock says ${expected}; the source changed under the same name (a moved tag, a rewritten archive) — check it, then run \`confed lock --update ${input}\``,
      { input },
    );
  return { hash, storePath: addTreeToStore(opts.store, NAME, dir) };
}

/** Host -> token from CONFED_ACCESS_TOKENS (`github.com=ghp_…,gitlab.example.org=…`). */
function accessToken(env: NodeJS.ProcessEnv, host: string): string | undefined {
  for (const pair of (env.CONFED_ACCESS_TOKENS ?? "").split(/[,\s]+/)) {
    const eq = pair.indexOf("=");
    if (eq > 0 && pair.slice(0, eq) === host) return pair.slice(eq + 1);
  }
  return undefined;
}

/**
 * Fetches `ref` (what confed.ts says) and locks it: resolves a branch to its current commit,
 * copies the tree into the store and returns its locked attributes.
 *
 * @example
 * const { locked, storePath } = await fetchInput("dots", parseInputUrl("git+file:///src/dots", "dots"), { store, root });
 */
export async function fetchInput(
  name: string,
  ref: InputRef,
  opts: FetchOptions,
): Promise<Fetched> {
  switch (ref.type) {
    case "path":
      return fetchPath(name, ref.path, opts);
    case "git":
      return fetchGit(name, ref, opts);
    case "github":
    case "gitlab":
      return fetchForge(name, ref, opts);
    case "tarball":
    case "file":
      return fetchUrl(name, ref.type, ref.url, opts);
  }
}

/**
 * Makes the tree a lock pins available: the store path when it is already valid (no network),
 * else a fetch of exactly the locked rev or URL, refused when its hash differs from the lock's.
 */
export async function fetchLocked(
  name: string,
  locked: Locked,
  opts: FetchOptions,
): Promise<Fetched> {
  const known = sourcePath(opts.store, locked.narHash);
  if (isValidPath(opts.store, known)) return { locked, storePath: known };
  let f: Fetched;
  switch (locked.type) {
    case "path":
      f = fetchPath(name, locked.path as string, opts, locked.narHash);
      break;
    case "git":
      if (!locked.rev)
        throw fetchError(
          name,
          `confed.lock pins a dirty tree (${locked.dirtyRev ?? "no rev"}) that is no longer in the store; commit it and run \`confed lock --update ${name}\``,
        );
      f = fetchGit(
        name,
        {
          type: "git",
          url: locked.url as string,
          rev: locked.rev,
          ref: locked.ref,
          submodules: locked.submodules,
        },
        opts,
        locked.narHash,
      );
      break;
    case "github":
    case "gitlab":
      f = await fetchForge(
        name,
        {
          type: locked.type,
          owner: locked.owner as string,
          repo: locked.repo as string,
          rev: locked.rev,
          host: locked.host,
        },
        opts,
        locked,
      );
      break;
    default:
      f = await fetchUrl(name, locked.type, locked.url as string, opts, locked.narHash);
  }
  return { locked: { ...locked }, storePath: f.storePath };
}

function fetchPath(name: string, path: string, opts: FetchOptions, expected?: string): Fetched {
  const abs = isAbsolute(path) ? path : resolve(opts.root, path);
  const r = (() => {
    try {
      return store(name, abs, opts, expected);
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw fetchError(name, `cannot read ${abs}: ${(e as Error).message}`, e);
    }
  })();
  return { locked: { type: "path", path, narHash: r.hash }, storePath: r.storePath };
}

type GitRef = Extract<InputRef, { type: "git" }>;

/** Resolves a ref name in a repository: a full ref, a branch, a tag, or anything rev-parse takes. */
function resolveRef(name: string, gitDir: string, ref: string): string {
  for (const c of ref.startsWith("refs/")
    ? [ref]
    : [`refs/heads/${ref}`, `refs/tags/${ref}`, ref]) {
    const r = gitRun(["--git-dir", gitDir, "rev-parse", "--verify", "-q", `${c}^{commit}`]);
    if (r.status === 0) return r.stdout.toString().trim();
  }
  throw fetchError(name, `no branch or tag '${ref}' in the repository`);
}

function fetchGit(name: string, ref: GitRef, opts: FetchOptions, expected?: string): Fetched {
  let gitDir: string;
  let rev = ref.rev;
  let resolvedRef = ref.ref;
  let dirty: { files: Buffer[]; workTree: string } | undefined;
  if (ref.url.startsWith("file://")) {
    // A local repository is read where it is, like Nix's git+file: for a working tree.
    const path = ref.url.slice("file://".length);
    gitDir = git(name, ["rev-parse", "--absolute-git-dir"], path);
    const bare = git(name, ["rev-parse", "--is-bare-repository"], path) === "true";
    if (rev === undefined && resolvedRef !== undefined) rev = resolveRef(name, gitDir, resolvedRef);
    if (rev === undefined) {
      const status = bare
        ? []
        : splitNul(gitRun(["status", "--porcelain=v1", "-z"], { cwd: path }).stdout);
      if (status.length > 0) {
        const names = status.map((s) => s.subarray(3).toString("utf8"));
        if (!opts.allowDirty)
          throw new InputError(
            "E_INPUT_DIRTY",
            `input '${name}': ${path} has uncommitted changes:\n${names.map((n) => `  ${n}`).join("\n")}\ncommit them, or lock with --allow-dirty (the lock then pins a hash, not a commit)`,
            { input: name },
          );
        const files = splitNul(
          gitRun(["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: path })
            .stdout,
        );
        dirty = { files, workTree: git(name, ["rev-parse", "--show-toplevel"], path) };
      }
      rev = resolveRef(name, gitDir, "HEAD");
      const head = gitRun(["--git-dir", gitDir, "symbolic-ref", "--short", "-q", "HEAD"]);
      if (head.status === 0) resolvedRef = head.stdout.toString().trim();
    }
  } else {
    gitDir = remoteCache(name, ref, opts);
    const have = (r: string) =>
      gitRun(["--git-dir", gitDir, "cat-file", "-e", `${r}^{commit}`]).status === 0;
    if (rev === undefined) {
      if (resolvedRef === undefined) {
        const sym = git(name, ["ls-remote", "--symref", ref.url, "HEAD"]);
        const m = /^ref: refs\/heads\/(\S+)\tHEAD/m.exec(sym);
        resolvedRef = m?.[1] ?? "HEAD";
      }
      git(name, ["--git-dir", gitDir, "fetch", "-q", "--force", "--no-tags", ref.url, resolvedRef]);
      rev = git(name, ["--git-dir", gitDir, "rev-parse", "FETCH_HEAD^{commit}"]);
    } else if (!have(rev)) {
      git(name, ["--git-dir", gitDir, "fetch", "-q", "--no-tags", ref.url, rev]);
    }
  }
  const commit = rev as string;
  const lastModified = Number(
    git(name, ["--git-dir", gitDir, "log", "-1", "--format=%ct", commit]),
  );
  return withScratchSync(opts, (tmp) => {
    const out = `${tmp}/tree`;
    if (dirty) copyWorkingFiles(dirty.workTree, dirty.files, out);
    else exportTree(name, gitDir, commit, out, ref, opts);
    const r = store(name, out, opts, expected);
    const locked: Locked = { type: "git", url: ref.url, narHash: r.hash, lastModified };
    if (resolvedRef !== undefined) locked.ref = resolvedRef;
    if (dirty) locked.dirtyRev = `${commit}-dirty`;
    else {
      locked.rev = commit;
      locked.revCount = Number(git(name, ["--git-dir", gitDir, "rev-list", "--count", commit]));
    }
    if (ref.submodules) locked.submodules = true;
    return { locked, storePath: r.storePath };
  });
}

/** The tree of `rev`, and with `submodules=1` each submodule's tree in its place. */
function exportTree(
  name: string,
  gitDir: string,
  rev: string,
  out: string,
  ref: GitRef,
  opts: FetchOptions,
) {
  const links = exportGitTree(gitDir, rev, out);
  if (!ref.submodules || links.length === 0) return;
  const cfg = gitRun([
    "--git-dir",
    gitDir,
    "config",
    "--blob",
    `${rev}:.gitmodules`,
    "-z",
    "--get-regexp",
    "^submodule\\..*\\.(path|url)$",
  ]);
  const paths = new Map<string, string>();
  const urls = new Map<string, string>();
  for (const rec of splitNul(cfg.stdout)) {
    const s = rec.toString("utf8");
    const nl = s.indexOf("\n");
    const key = s.slice(0, nl);
    const m = /^submodule\.(.*)\.(path|url)$/.exec(key);
    if (m) (m[2] === "path" ? paths : urls).set(m[1] as string, s.slice(nl + 1));
  }
  for (const link of links) {
    const p = link.path.toString("utf8");
    const sub = [...paths].find(([, v]) => v === p)?.[0];
    let url = sub === undefined ? undefined : urls.get(sub);
    if (url === undefined) throw fetchError(name, `submodule '${p}' has no url in .gitmodules`);
    if (url.startsWith("./") || url.startsWith("../"))
      url = new URL(url, `${ref.url.replace(/\/?$/, "/")}`).href;
    else if (url.startsWith("/")) url = `file://${url}`;
    const subRef: GitRef = { type: "git", url, rev: link.rev, submodules: true };
    const subDir = subRef.url.startsWith("file://")
      ? git(name, ["rev-parse", "--absolute-git-dir"], subRef.url.slice(7))
      : remoteCache(name, subRef, opts);
    if (gitRun(["--git-dir", subDir, "cat-file", "-e", `${link.rev}^{commit}`]).status !== 0)
      git(name, ["--git-dir", subDir, "fetch", "-q", "--no-tags", url, link.rev]);
    exportTree(`${name}/${p}`, subDir, link.rev, `${out}/${p}`, subRef, opts);
  }
}

/** A bare repository under the store's state directory that caches one remote URL. */
function remoteCache(name: string, ref: GitRef, opts: FetchOptions): string {
  const key = createHash("sha256").update(ref.url).digest("hex").slice(0, 32);
  const dir = `${opts.store.stateDir}/cache/git/${key}`;
  if (gitRun(["--git-dir", dir, "rev-parse", "--git-dir"]).status !== 0)
    git(name, ["init", "-q", "--bare", dir]);
  return dir;
}

function withScratchSync<T>(opts: FetchOptions, f: (dir: string) => T): T {
  return scratchSync(f, `${opts.store.stateDir}/tmp`);
}

type ForgeRef = Extract<InputRef, { type: "github" | "gitlab" }>;

async function fetchForge(
  name: string,
  ref: ForgeRef,
  opts: FetchOptions,
  pinned?: Locked,
): Promise<Fetched> {
  const env = opts.env ?? process.env;
  const host = ref.host ?? (ref.type === "github" ? "github.com" : "gitlab.com");
  const base = (
    ref.type === "github"
      ? (env.CONFED_GITHUB_URL ??
        (ref.host ? `https://${ref.host}/api/v3` : "https://api.github.com"))
      : `${env.CONFED_GITLAB_URL ?? `https://${host}`}/api/v4`
  ).replace(/\/+$/, "");
  const token = accessToken(env, host);
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  const project = encodeURIComponent(`${ref.owner}/${ref.repo}`);
  const wrap = (e: unknown): never => {
    if (e instanceof HttpError)
      throw fetchError(
        name,
        e.status === 404
          ? `${ref.type}:${ref.owner}/${ref.repo} has no ${ref.rev ?? ref.ref ?? "default branch"} (or is private: set CONFED_ACCESS_TOKENS=${host}=<token>)`
          : e.message,
        e,
      );
    throw e;
  };
  let rev = ref.rev;
  let lastModified = pinned?.lastModified;
  if (rev === undefined || lastModified === undefined) {
    const what = rev ?? ref.ref ?? "HEAD";
    const url =
      ref.type === "github"
        ? `${base}/repos/${ref.owner}/${ref.repo}/commits/${encodeURIComponent(what)}`
        : `${base}/projects/${project}/repository/commits/${encodeURIComponent(what)}`;
    const info = (await getJson(url, headers).catch(wrap)) as Record<string, any>;
    rev = ref.type === "github" ? info.sha : info.id;
    const date = ref.type === "github" ? info.commit?.committer?.date : info.committed_date;
    if (typeof rev !== "string" || !/^[0-9a-f]{40}$/.test(rev))
      throw fetchError(name, `${url} did not name a commit`);
    lastModified = Math.floor(Date.parse(date) / 1000) || undefined;
  }
  const archive =
    ref.type === "github"
      ? `${base}/repos/${ref.owner}/${ref.repo}/tarball/${rev}`
      : `${base}/projects/${project}/repository/archive.tar.gz?sha=${rev}`;
  return withScratch(async (tmp) => {
    await download(archive, headers, `${tmp}/archive`).catch(wrap);
    const top = unpack(name, `${tmp}/archive`, `${tmp}/unpacked`);
    const r = store(name, top, opts, pinned?.narHash);
    const locked: Locked = {
      type: ref.type,
      owner: ref.owner,
      repo: ref.repo,
      rev: rev as string,
      narHash: r.hash,
    };
    if (ref.host) locked.host = ref.host;
    if (lastModified !== undefined) locked.lastModified = lastModified;
    return { locked, storePath: r.storePath };
  }, `${opts.store.stateDir}/tmp`);
}

function unpack(name: string, file: string, out: string): string {
  try {
    return unpackArchive(file, out);
  } catch (e) {
    throw fetchError(name, (e as Error).message, e);
  }
}

async function fetchUrl(
  name: string,
  type: "tarball" | "file" | Locked["type"],
  url: string,
  opts: FetchOptions,
  expected?: string,
): Promise<Fetched> {
  return withScratch(async (tmp) => {
    const file = `${tmp}/download`;
    try {
      if (url.startsWith("file://")) copyFile(decodeURIComponent(url.slice(7)), file);
      else await download(url, {}, file);
    } catch (e) {
      throw fetchError(name, (e as Error).message, e);
    }
    let tree = file;
    let lastModified: number | undefined;
    if (type === "tarball") {
      tree = unpack(name, file, `${tmp}/unpacked`);
      lastModified = newestMtime(tree);
    }
    const r = store(name, tree, opts, expected);
    const locked: Locked = { type: type as Locked["type"], url, narHash: r.hash };
    if (lastModified !== undefined) locked.lastModified = lastModified;
    return { locked, storePath: r.storePath };
  }, `${opts.store.stateDir}/tmp`);
}

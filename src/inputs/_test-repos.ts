// Helpers for the inputs' tests (not part of the API): real git repositories in temp dirs, a
// store, and a loopback forge serving `git archive` output the way GitHub and GitLab do.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after } from "node:test";
import { openStore, type Store } from "../store/index.ts";

export function tempDir(prefix = "confed-inputs-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function tempStore(): Store {
  return openStore({ storeDir: "/s", realDir: join(tempDir(), "store") });
}

const ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: "T",
  GIT_AUTHOR_EMAIL: "t@example.org",
  GIT_COMMITTER_NAME: "T",
  GIT_COMMITTER_EMAIL: "t@example.org",
  GIT_CONFIG_NOSYSTEM: "1",
  HOME: tmpdir(),
};

/** Runs git in `cwd`; `date` (seconds) fixes author and committer time. */
export function git(cwd: string, args: string[], date?: number): string {
  const env =
    date === undefined
      ? ENV
      : { ...ENV, GIT_AUTHOR_DATE: `@${date} +0000`, GIT_COMMITTER_DATE: `@${date} +0000` };
  return execFileSync("git", ["-c", "protocol.file.allow=always", ...args], {
    cwd,
    env,
    encoding: "utf8",
  }).trim();
}

/** Writes files (path -> content) under `dir`. */
export function write(dir: string, files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
}

/** A new repository on branch main with `files` committed at `date`; returns its path. */
export function makeRepo(files: Record<string, string>, date = 1_700_000_000): string {
  const dir = join(tempDir(), "repo");
  mkdirSync(dir);
  git(dir, ["init", "-q", "-b", "main"]);
  write(dir, files);
  git(dir, ["add", "-A"]);
  git(dir, ["commit", "-q", "-m", "first"], date);
  return dir;
}

/** Commits everything in `dir`; returns the new rev. */
export function commit(dir: string, msg: string, date: number): string {
  git(dir, ["add", "-A"]);
  git(dir, ["commit", "-q", "-m", msg], date);
  return git(dir, ["rev-parse", "HEAD"]);
}

/**
 * A loopback forge: `repos` maps "owner/repo" to a repository. Serves GitHub's
 * /repos/o/r/commits/<ref> and /repos/o/r/tarball/<rev>, and GitLab's /api/v4/projects/o%2Fr/…,
 * archives made with `git archive --prefix=<repo>-<rev>/`. Records each request's headers.
 */
export async function startForge(repos: Record<string, string>) {
  const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    seen.push({ url: req.url ?? "", headers: req.headers });
    let m =
      /^\/(?:repos\/([^/]+)\/([^/]+)|api\/v4\/projects\/([^/]+)\/repository)\/(commits|tarball|archive\.tar\.gz)\/?(.*)$/.exec(
        url.pathname,
      );
    if (!m) m = null;
    const key = m ? (m[1] ? `${m[1]}/${m[2]}` : decodeURIComponent(m[3] as string)) : "";
    const dir = repos[key];
    if (!m || !dir) {
      res.writeHead(404).end("{}");
      return;
    }
    const what = m[5] ? decodeURIComponent(m[5]) : (url.searchParams.get("sha") ?? "HEAD");
    let rev: string;
    try {
      rev = git(dir, ["rev-parse", "--verify", `${what}^{commit}`]);
    } catch {
      res.writeHead(404).end("{}");
      return;
    }
    if (m[4] === "commits") {
      const date = new Date(
        Number(git(dir, ["log", "-1", "--format=%ct", rev])) * 1000,
      ).toISOString();
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify(
          m[1] ? { sha: rev, commit: { committer: { date } } } : { id: rev, committed_date: date },
        ),
      );
      return;
    }
    const repo = key.split("/")[1];
    const tgz = execFileSync(
      "git",
      ["archive", "--format=tar.gz", `--prefix=${repo}-${rev}/`, rev],
      { cwd: dir },
    );
    res.writeHead(200, { "content-type": "application/gzip" });
    res.end(tgz);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  const close = () => new Promise<void>((r) => server.close(() => r()));
  after(close);
  return { url: `http://127.0.0.1:${port}`, seen, close };
}

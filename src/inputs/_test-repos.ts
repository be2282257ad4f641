// Helpers for the inputs' tests (not part of the API): real git repositories in temp dirs, a
// store, and a loopback forge serving `git archive` output the way GitHub and GitLab do.
import { execFileSync, spawn } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import { type AddressInfo, connect, createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after } from "node:test";
import { fileURLToPath } from "node:url";
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

/** Waits until `port` on 127.0.0.1 answers with a line starting with `banner` (or accepts). */
async function waitForPort(port: number, banner = "", timeoutMs = 5000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, "127.0.0.1");
      s.setTimeout(500);
      s.once("connect", () => {
        if (!banner) {
          s.destroy();
          resolve(true);
        }
      });
      s.once("data", (d) => {
        s.destroy();
        resolve(d.toString().startsWith(banner));
      });
      s.once("error", () => resolve(false));
      s.once("timeout", () => {
        s.destroy();
        resolve(false);
      });
    });
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

/** A free loopback port (bound, then released). */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/**
 * `git http-backend` serving the bare repositories under `root` over loopback HTTP, or HTTPS
 * with a fresh self-signed certificate (`caFile`, to trust through GIT_SSL_CAINFO). It runs as
 * its own process: confed runs git synchronously, which would stall a server in this one.
 */
export async function startGitHttp(root: string, tls = false) {
  const args = [join(dirname(fileURLToPath(import.meta.url)), "_git-http-server.mjs"), root];
  let caFile: string | undefined;
  if (tls) {
    const dir = tempDir("confed-tls-");
    caFile = join(dir, "cert.pem");
    execFileSync(
      "openssl",
      [
        ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"],
        ...["-keyout", join(dir, "key.pem"), "-out", caFile],
        ...["-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
      ],
      { stdio: "ignore" },
    );
    args.push(caFile, join(dir, "key.pem"));
  }
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once("data", (d) => resolve(Number(d.toString().trim())));
    child.once("exit", (code) => reject(new Error(`git http server exited with ${code}`)));
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    child.kill();
    await new Promise((r) => child.once("exit", r));
  };
  after(stop);
  return { url: `${tls ? "https" : "http"}://127.0.0.1:${port}`, port, caFile, stop };
}

/**
 * A real sshd on a loopback port that lets in the returned key as root, or the reason it
 * cannot run here (not root, sshd not installed, it did not start).
 */
export async function startSshd(): Promise<
  { port: number; sshCommand: string; stop: () => Promise<void> } | string
> {
  if (process.getuid?.() !== 0) return "sshd on loopback needs root";
  if (!existsSync("/usr/sbin/sshd"))
    return "/usr/sbin/sshd is missing (apt-get install openssh-server)";
  const dir = tempDir("confed-sshd-");
  for (const k of ["host_key", "client_key"])
    execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", join(dir, k)]);
  copyFileSync(join(dir, "client_key.pub"), join(dir, "authorized_keys"));
  chmodSync(join(dir, "authorized_keys"), 0o600);
  mkdirSync("/run/sshd", { recursive: true, mode: 0o755 });
  const port = await freePort();
  writeFileSync(
    join(dir, "sshd_config"),
    [
      `Port ${port}`,
      "ListenAddress 127.0.0.1",
      `HostKey ${join(dir, "host_key")}`,
      `AuthorizedKeysFile ${join(dir, "authorized_keys")}`,
      `PidFile ${join(dir, "sshd.pid")}`,
      "PermitRootLogin prohibit-password",
      "PasswordAuthentication no",
      "KbdInteractiveAuthentication no",
      "UsePAM no",
      "StrictModes no",
      "LogLevel ERROR",
      "",
    ].join("\n"),
  );
  const child = spawn("/usr/sbin/sshd", ["-D", "-e", "-f", join(dir, "sshd_config")], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  child.stderr?.on("data", (d) => {
    err += d;
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill();
    await new Promise((r) => child.once("exit", r));
  };
  after(stop);
  if (!(await waitForPort(port, "SSH-2.0"))) {
    await stop();
    return `sshd did not start: ${err.trim() || "no answer on its port"}`;
  }
  const sshCommand = [
    "ssh",
    ...["-i", join(dir, "client_key"), "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes"],
    ...[
      "-o",
      "StrictHostKeyChecking=no",
      "-o",
      "UserKnownHostsFile=/dev/null",
      "-o",
      "LogLevel=ERROR",
    ],
  ].join(" ");
  return { port, sshCommand, stop };
}

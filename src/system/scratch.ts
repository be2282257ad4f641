/**
 * Scratch space and small file operations for fetching inputs: temporary directories,
 * unpacking archives, and a directory of symlinks kept equal to a map (gc roots).
 */
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Runs `f` with a fresh temporary directory under `parent` (default: the system's), removed
 * afterwards whatever happens.
 *
 * @example
 * await withScratch(async (dir) => { … }, store.stateDir);
 */
export async function withScratch<T>(
  f: (dir: string) => Promise<T> | T,
  parent?: string,
): Promise<T> {
  if (parent) mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent ?? tmpdir(), "confed-fetch-"));
  try {
    return await f(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** withScratch for synchronous work. */
export function scratchSync<T>(f: (dir: string) => T, parent?: string): T {
  if (parent) mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent ?? tmpdir(), "confed-fetch-"));
  try {
    return f(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Unpacks an archive (tar in any compression GNU tar knows, or zip) into `out` and returns the
 * directory that holds its content: the single top-level directory when there is one (as a
 * forge's archive has), else `out` itself.
 */
export function unpackArchive(file: string, out: string): string {
  mkdirSync(out, { recursive: true });
  const zip = readFileSync(file).subarray(0, 4).equals(Buffer.from("PK\x03\x04", "latin1"));
  const r = zip
    ? spawnSync("unzip", ["-q", file, "-d", out], { encoding: "utf8" })
    : spawnSync(
        "tar",
        ["-x", "--no-same-owner", "--delay-directory-restore", "-f", file, "-C", out],
        {
          encoding: "utf8",
        },
      );
  if (r.status !== 0)
    throw new Error(`cannot unpack the archive: ${(r.stderr || String(r.error)).trim()}`);
  const top = readdirSync(out);
  if (top.length === 1 && lstatSync(join(out, top[0] as string)).isDirectory())
    return join(out, top[0] as string);
  return out;
}

/** The newest modification time (seconds) of any entry under `dir`, as Nix's lastModified of a tarball. */
export function newestMtime(dir: string): number {
  let max = 0;
  const walk = (p: string) => {
    const st = lstatSync(p);
    max = Math.max(max, Math.floor(st.mtimeMs / 1000));
    if (st.isDirectory()) for (const n of readdirSync(p)) walk(join(p, n));
  };
  walk(dir);
  return max;
}

/** Copies one file to `dest` (creating its directory). */
export function copyFile(src: string, dest: string): void {
  mkdirSync(join(dest, ".."), { recursive: true });
  copyFileSync(src, dest);
}

/**
 * Makes `dir` hold exactly the symlinks `links` (name -> target): new ones created, changed
 * ones replaced atomically, others removed. Returns the absolute paths of the links.
 */
export function syncLinks(dir: string, links: Record<string, string>): string[] {
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir))
    if (!(name in links)) rmSync(join(dir, name), { force: true });
  const made: string[] = [];
  for (const [name, target] of Object.entries(links)) {
    const p = join(dir, name);
    let current: string | undefined;
    try {
      current = readlinkSync(p);
    } catch {}
    if (current !== target) {
      const tmp = `${p}.tmp-${process.pid}`;
      rmSync(tmp, { force: true });
      symlinkSync(target, tmp);
      renameSync(tmp, p);
    }
    made.push(p);
  }
  return made;
}

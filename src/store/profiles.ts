import { randomBytes } from "node:crypto";
import { io, isValidPath, type Store } from "./store.ts";
import { StoreError } from "./store-error.ts";
import { checkStoreName, type StorePath, storePath } from "./store-path.ts";

// A profile is Nix's: `profiles/<name>` -> `<name>-N-link` -> a store path. Each generation is
// its own link (a gc root); the profile link is switched by renaming a new symlink over it, so
// a reader always sees a complete generation, old or new. Which generation the target (a home,
// the machine) really matches is kept apart in `<name>.active`: a switch that failed half-way
// or a `build` leaves the newest link ahead of what is applied.

/**
 * A named profile of a store, its links in `<stateDir>/profiles`.
 *
 * @example
 * const home = openProfile(store, "home-me");
 */
export interface Profile {
  store: Store;
  name: string;
  /** The directory holding the profile link and its generation links. */
  dir: string;
}

/** One generation of a profile. */
export interface Generation {
  number: number;
  path: StorePath;
  /** When the generation link was made, milliseconds since the epoch. */
  time: number;
  /** The profile link points at it. */
  current: boolean;
  /** The target matches it (see setActiveGeneration). */
  active: boolean;
}

/**
 * Opens (creating its directory when missing) the profile `name` of a store. Names follow the
 * store name rules.
 *
 * @example
 * const system = openProfile(store, "system");
 */
export function openProfile(store: Store, name: string): Profile {
  checkStoreName(name);
  const dir = `${store.stateDir}/profiles`;
  if (store.fs.lstat(dir) === undefined) {
    io("create", dir, () => store.fs.mkdir(dir, 0o755));
  }
  return { store, name, dir };
}

function linkName(profile: Profile, n: number): string {
  return `${profile.name}-${n}-link`;
}

function generationNumbers(profile: Profile): number[] {
  const re = new RegExp(`^${profile.name.replace(/[.+?=]/g, "\\$&")}-(\\d+)-link$`);
  const out: number[] = [];
  for (const entry of io("list", profile.dir, () => profile.store.fs.readdir(profile.dir))) {
    const m = re.exec(entry);
    if (m) out.push(Number(m[1]));
  }
  return out.sort((a, b) => a - b);
}

/**
 * The number of the generation the profile link points at, or undefined for a new profile.
 *
 * @example
 * currentGeneration(openProfile(store, "system")); // 7
 */
export function currentGeneration(profile: Profile): number | undefined {
  const link = `${profile.dir}/${profile.name}`;
  const target = io("read", link, () => profile.store.fs.readlink(link));
  if (target === undefined) return undefined;
  const m = /-(\d+)-link$/.exec(target);
  return m ? Number(m[1]) : undefined;
}

/**
 * The generations of a profile, oldest first.
 *
 * @example
 * for (const g of listGenerations(profile)) console.log(g.number, g.path, g.current ? "(current)" : "");
 */
export function listGenerations(profile: Profile): Generation[] {
  const { fs } = profile.store;
  const current = currentGeneration(profile);
  const active = activeGeneration(profile)?.number;
  return generationNumbers(profile).map((number) => {
    const link = `${profile.dir}/${linkName(profile, number)}`;
    const target = io("read", link, () => fs.readlink(link)) ?? "";
    return {
      number,
      path: storePath(target),
      time: fs.lstat(link)?.mtimeMs ?? 0,
      current: number === current,
      active: number === active,
    };
  });
}

/**
 * Makes `path` the profile's new current generation: a new `<name>-N-link`, then an atomic swap
 * of the profile link. When the current generation is already `path`, nothing changes. Returns
 * the generation number. The path must be valid.
 *
 * @example
 * const n = addGeneration(profile, generationPath); // profiles/home-me -> home-me-3-link
 */
export function addGeneration(profile: Profile, path: StorePath): number {
  const { store } = profile;
  if (!isValidPath(store, path)) {
    throw new StoreError(
      "E_STORE_INVALID",
      `cannot make '${path}' a generation of ${profile.name}: it is not a valid store path`,
      { path },
    );
  }
  const current = currentGeneration(profile);
  if (current !== undefined) {
    const link = `${profile.dir}/${linkName(profile, current)}`;
    if (store.fs.readlink(link) === path) return current;
  }
  const numbers = generationNumbers(profile);
  const n = (numbers.at(-1) ?? 0) + 1;
  const link = `${profile.dir}/${linkName(profile, n)}`;
  io("create the generation link", link, () => store.fs.symlink(path, link));
  swapProfileLink(profile, n);
  return n;
}

/**
 * Points the profile at generation `n` (a rollback, or forward again). Throws `E_PROFILE` when
 * there is no such generation.
 *
 * @example
 * switchGeneration(profile, 4);
 */
export function switchGeneration(profile: Profile, n: number): void {
  if (!generationNumbers(profile).includes(n)) {
    throw new StoreError(
      "E_PROFILE",
      `profile ${profile.name} has no generation ${n} (it has ${generationNumbers(profile).join(", ") || "none"})`,
      { path: `${profile.dir}/${profile.name}` },
    );
  }
  swapProfileLink(profile, n);
}

/**
 * Points the profile at the generation before the current one and returns its number; throws
 * `E_PROFILE` when there is none.
 *
 * @example
 * rollback(profile); // 3, when 4 was current
 */
export function rollback(profile: Profile): number {
  const current = currentGeneration(profile);
  const older = generationNumbers(profile).filter((n) => current === undefined || n < current);
  const previous = older.at(-1);
  if (previous === undefined) {
    throw new StoreError(
      "E_PROFILE",
      `profile ${profile.name} has no generation before ${current ?? "the current one"} to roll back to`,
      { path: `${profile.dir}/${profile.name}` },
    );
  }
  swapProfileLink(profile, previous);
  return previous;
}

function swapProfileLink(profile: Profile, n: number): void {
  const { fs } = profile.store;
  const link = `${profile.dir}/${profile.name}`;
  const tmp = `${profile.dir}/.${profile.name}-${randomBytes(6).toString("hex")}.tmp`;
  // Relative, so the profile directory can move (or be seen under --root) as a whole.
  io("create", tmp, () => fs.symlink(linkName(profile, n), tmp));
  io("switch", link, () => fs.rename(tmp, link));
  io("flush", profile.dir, () => fs.fsync(profile.dir));
}

/** Which generations deleteGenerations removes. */
export interface DeleteGenerationsOptions {
  /** Keep this many of the newest generations. */
  keep?: number;
  /** Delete only generations older than this many milliseconds. */
  olderThan?: number;
  /** The time to measure age from (milliseconds); default now. */
  now?: number;
}

/**
 * Deletes generation links (the store paths go at the next gc) and returns the numbers deleted.
 * Never deleted: the current, the newest and the active generation. With neither `keep` nor
 * `olderThan` every other generation goes; with both, only those both rules select.
 *
 * @example
 * deleteGenerations(profile, { keep: 5 });
 * deleteGenerations(profile, { olderThan: 30 * 24 * 3600 * 1000 });
 */
export function deleteGenerations(profile: Profile, opts: DeleteGenerationsOptions = {}): number[] {
  const { fs } = profile.store;
  const generations = listGenerations(profile);
  const now = opts.now ?? fs.now();
  const newest = generations.at(-1)?.number;
  const kept = new Set(
    opts.keep === undefined
      ? []
      : generations.slice(Math.max(0, generations.length - opts.keep)).map((g) => g.number),
  );
  const deleted: number[] = [];
  for (const g of generations) {
    if (g.current || g.active || g.number === newest) continue;
    if (kept.has(g.number)) continue;
    if (opts.olderThan !== undefined && now - g.time <= opts.olderThan) continue;
    const link = `${profile.dir}/${linkName(profile, g.number)}`;
    io("delete the generation link", link, () => fs.remove(link));
    deleted.push(g.number);
  }
  if (deleted.length) io("flush", profile.dir, () => fs.fsync(profile.dir));
  return deleted;
}

/** The generation a target matches, as recorded by setActiveGeneration. */
export interface ActiveGeneration {
  number: number;
  path: StorePath;
}

/**
 * Records that the target (a home, the machine) now matches generation `n`, atomically
 * (`<name>.active`: temp file, flush, rename). Throws `E_PROFILE` for a missing generation.
 *
 * @example
 * // after activation finished
 * setActiveGeneration(profile, n);
 */
export function setActiveGeneration(profile: Profile, n: number): void {
  const g = listGenerations(profile).find((x) => x.number === n);
  if (g === undefined) {
    throw new StoreError("E_PROFILE", `profile ${profile.name} has no generation ${n}`, {
      path: `${profile.dir}/${profile.name}`,
    });
  }
  const { fs } = profile.store;
  const file = `${profile.dir}/${profile.name}.active`;
  const tmp = `${profile.dir}/.${profile.name}-${randomBytes(6).toString("hex")}.active.tmp`;
  const data = Buffer.from(`${JSON.stringify({ version: 1, generation: n, path: g.path })}\n`);
  io("write", tmp, () => fs.writeFile(tmp, data, 0o644));
  io("record the active generation in", file, () => fs.rename(tmp, file));
  io("flush", profile.dir, () => fs.fsync(profile.dir));
}

/**
 * The generation the target matches, or undefined when nothing was recorded.
 *
 * @example
 * activeGeneration(profile)?.path;
 */
export function activeGeneration(profile: Profile): ActiveGeneration | undefined {
  const file = `${profile.dir}/${profile.name}.active`;
  const bytes = io("read", file, () => profile.store.fs.readFile(file));
  if (bytes === undefined) return undefined;
  try {
    const data = JSON.parse(bytes.toString("utf8"));
    if (data.version !== 1) throw new Error(`unknown version ${JSON.stringify(data.version)}`);
    return { number: data.generation, path: storePath(data.path) };
  } catch (e) {
    throw new StoreError(
      "E_STORE_METADATA",
      `cannot read the active generation of ${profile.name}: ${(e as Error).message}`,
      { path: file, cause: e },
    );
  }
}

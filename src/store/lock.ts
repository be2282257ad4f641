import { io, type Store } from "./store.ts";
import { StoreError } from "./store-error.ts";

// One exclusive lock per store, taken by every add and by gc, so gc never sees (or deletes) a
// path that is being added, and two adds never write the same temporary names. It is a file
// created with O_EXCL holding the holder's pid; a lock whose process is gone is stale and broken.
//
// Within one process the lock is re-entrant (a build callback may add its inputs). The count is
// dropped before the file is removed, so a process that "crashed" in a test (every later call
// throws) does not believe it still holds the lock: its own pid in a lock it does not hold is
// stale, like any dead holder's.
//
// Known limit: two processes that find the same stale lock at once may both break it; the
// second then removes the first one's fresh lock. Breaking a stale lock needs a dead holder
// (a crash), so the window is small; an flock(2) binding would close it.

const held = new Map<string, number>();
// A lock file read back empty is being written right now; older than this, it is debris.
const EMPTY_LOCK_GRACE_MS = 5_000;
const POLL_MS = 25;

/**
 * Runs `f` holding the store's exclusive lock; waits up to `store.lockTimeoutMs` (or
 * `timeoutMs`) for another process's lock, then throws StoreError `E_STORE_LOCKED` naming the
 * holder. Re-entrant within a process, unless `notNested` names an operation that must not run
 * inside another one (gc).
 *
 * @example
 * withStoreLock(store, () => gcUnlocked(store));
 */
export function withStoreLock<T>(
  store: Store,
  f: () => T,
  opts: { timeoutMs?: number; notNested?: string } = {},
): T {
  const file = `${store.realDir}/.lock`;
  const depth = held.get(file) ?? 0;
  if (depth > 0 && opts.notNested !== undefined) {
    // gc inside an add's build would take the add's own temporary output for garbage.
    throw new StoreError(
      "E_STORE_LOCKED",
      `${opts.notNested} cannot run while this process holds the lock of ${store.storeDir} (inside an add)`,
      { path: file },
    );
  }
  if (depth > 0) {
    held.set(file, depth + 1);
    try {
      return f();
    } finally {
      held.set(file, depth);
    }
  }
  acquire(store, file, opts.timeoutMs ?? store.lockTimeoutMs);
  held.set(file, 1);
  try {
    return f();
  } finally {
    held.delete(file);
    io("release the lock", file, () => store.fs.remove(file));
  }
}

function acquire(store: Store, file: string, timeoutMs: number): void {
  const { fs } = store;
  const deadline = fs.now() + timeoutMs;
  const me = Buffer.from(`${fs.pid()}\n`);
  for (;;) {
    try {
      fs.writeFile(file, me, 0o644, { exclusive: true });
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException)?.code !== "EEXIST") {
        io("take the lock", file, () => {
          throw e;
        });
      }
    }
    const holder = lockHolder(store, file);
    if (holder === "stale") {
      io("break the stale lock", file, () => fs.remove(file));
      continue;
    }
    if (fs.now() >= deadline) {
      throw new StoreError(
        "E_STORE_LOCKED",
        `the store ${store.storeDir} is locked by process ${holder} (${file}); another confed is adding or collecting garbage`,
        { path: file },
      );
    }
    fs.sleep(POLL_MS);
  }
}

function lockHolder(store: Store, file: string): number | "stale" | "unknown" {
  const { fs } = store;
  const text = io("read the lock", file, () => fs.readFile(file))?.toString("utf8") ?? "";
  const pid = Number.parseInt(text, 10);
  if (!Number.isSafeInteger(pid) || pid <= 0) {
    const st = fs.lstat(file);
    if (st === undefined) return "unknown"; // released meanwhile: try again
    return fs.now() - st.mtimeMs > EMPTY_LOCK_GRACE_MS ? "stale" : "unknown";
  }
  if (pid === fs.pid()) return "stale"; // ours but not held: left by an interrupted call
  return fs.processAlive(pid) ? pid : "stale";
}

import { withStoreLock } from "./lock.ts";
import { io, type Store } from "./store.ts";
import { storeNameProblem } from "./store-path.ts";

/** Debris of interrupted adds, as real file-system paths. */
export interface Garbage {
  /** `.tmp-*` entries of the store directory and of `.meta`. */
  temporary: string[];
  /** Store paths on disk whose metadata was never committed. */
  unregistered: string[];
  /** Metadata records whose content is gone (a deletion cut short). */
  orphanMetadata: string[];
}

/**
 * Lists what interrupted adds and deletions left behind. Only meaningful under the store lock:
 * without it, an add in progress looks like debris.
 *
 * @example
 * withStoreLock(store, () => findGarbage(store).temporary); // [".../.tmp-1f2e…-hello"]
 */
export function findGarbage(store: Store): Garbage {
  const { fs, realDir } = store;
  const garbage: Garbage = { temporary: [], unregistered: [], orphanMetadata: [] };
  const meta = `${realDir}/.meta`;
  const records = new Set(
    io("list", meta, () => fs.readdir(meta)).filter((f) => !f.startsWith(".")),
  );
  for (const f of io("list", meta, () => fs.readdir(meta))) {
    if (f.startsWith(".tmp-")) garbage.temporary.push(`${meta}/${f}`);
  }
  const entries = new Set<string>();
  for (const entry of io("list", realDir, () => fs.readdir(realDir))) {
    if (entry.startsWith(".tmp-")) garbage.temporary.push(`${realDir}/${entry}`);
    if (entry.startsWith(".")) continue;
    entries.add(entry);
    if (!records.has(`${entry}.json`)) garbage.unregistered.push(`${realDir}/${entry}`);
  }
  for (const f of records) {
    const base = f.slice(0, -".json".length);
    if (
      f.endsWith(".json") &&
      storeNameProblem(base.slice(33)) === undefined &&
      !entries.has(base)
    ) {
      garbage.orphanMetadata.push(`${meta}/${f}`);
    }
  }
  return garbage;
}

/**
 * Removes the debris of interrupted adds and deletions (see `findGarbage`), under the store
 * lock, and returns what was removed. Valid paths are never touched.
 *
 * @example
 * repair(store); // after a crash: { temporary: [".../.tmp-…"], unregistered: [], orphanMetadata: [] }
 */
export function repair(store: Store): Garbage {
  return withStoreLock(store, () => {
    const garbage = findGarbage(store);
    for (const path of [...garbage.temporary, ...garbage.unregistered, ...garbage.orphanMetadata]) {
      io("remove", path, () => store.fs.remove(path));
    }
    return garbage;
  });
}

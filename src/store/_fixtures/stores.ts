// Helpers for the store's tests (not part of the API): stores in temp dirs and a file system
// that fails or "crashes" at the k-th mutating call.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";
import { realStoreFs, type StoreFs } from "../../system/store-fs.ts";
import { openStore, type Store } from "../store.ts";

const MUTATING = [
  "mkdir",
  "writeFile",
  "copyTree",
  "symlink",
  "link",
  "rename",
  "chmod",
  "fsync",
  "remove",
] as const;

/** A fresh temp directory, removed after the test file. */
export function tempDir(prefix = "confed-store-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => realStoreFs.remove(dir));
  return dir;
}

/** A store whose paths say `storeDir` and whose bytes live in a fresh temp dir. */
export function tempStore(storeDir = "/s", fs: StoreFs = realStoreFs): Store {
  const base = tempDir();
  return openStore({ storeDir, realDir: join(base, "store"), fs, lockTimeoutMs: 200 });
}

/** Thrown by CrashingFs at the chosen call: the process "dies" there. */
export class Crash extends Error {}

/**
 * The real file system, except that the k-th mutating call (1-based) and every one after it
 * throw Crash, as if the process had been killed there: no clean-up runs after a crash.
 * With `k` = Infinity it only counts.
 */
export class CrashingFs {
  calls = 0;
  crashed = false;
  readonly fs: StoreFs;
  constructor(k: number) {
    const fs: StoreFs = { ...realStoreFs };
    for (const m of MUTATING) {
      const real = realStoreFs[m] as (...args: unknown[]) => void;
      (fs as unknown as Record<string, unknown>)[m] = (...args: unknown[]) => {
        this.calls++;
        if (this.crashed || this.calls >= k) {
          this.crashed = true;
          throw new Crash(`crash at call ${this.calls} (${m})`);
        }
        return real(...args);
      };
    }
    this.fs = fs;
  }
}

/** The real file system with one method replaced. */
export function withFs(overrides: Partial<StoreFs>): StoreFs {
  return { ...realStoreFs, ...overrides };
}

/** Removes a temp dir now (tests that make many stores). */
export function removeDir(dir: string): void {
  realStoreFs.remove(dir);
  rmSync(dir, { force: true, recursive: true });
}

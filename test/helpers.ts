/** Shared test helpers: temporary repositories and running the built CLI. */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The store the CLI fetches inputs into during tests (the example's pinned inputs, among
 * others): one temporary directory per test process, never ~/.local/state.
 */
export const testInputStore = mkdtempSync(join(tmpdir(), "confed-test-store-"));
process.on("exit", () => rmSync(testInputStore, { recursive: true, force: true }));
export const exampleDir = join(repoRoot, "examples", "confederation");

/** A temporary directory holding `files` (path → content); removed by the returned cleanup. */
export function tempRepo(files: Record<string, string>): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "confed-test-"));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs the built `confed` binary; the suite builds dist/ first (npm test). */
export function confed(
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {},
) {
  const r = spawnSync(process.execPath, [join(repoRoot, "bin", "confed.js"), ...args], {
    cwd: opts.cwd ?? repoRoot,
    env: {
      ...process.env,
      NO_COLOR: "1",
      XDG_CACHE_HOME: join(tmpdir(), "confed-test-cache"),
      CONFED_STORE_DIR: testInputStore,
      ...opts.env,
    },
    encoding: "utf8",
    input: opts.input,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

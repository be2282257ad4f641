/**
 * Realising store packages (writeText, symlinkJoin, runCommand, …) into a store: each recipe
 * becomes an input-addressed store path, its inputs realised first. A recipe that fails (a
 * runCommand script exiting non-zero) is an error naming the package and its output; nothing
 * half-built is kept.
 */
import { ConfedError } from "../errors/index.ts";
import type { StorePackage } from "../packages/index.ts";
import {
  addTreeToStore,
  parseStorePath,
  realLocation,
  type Store,
  type StorePath,
} from "../store/index.ts";
import { run } from "../system/fs.ts";

const enc = new TextEncoder();

/**
 * The store path of a store package, building it (and its inputs) when missing.
 *
 * @example
 * const path = realise(store, pkgs.writeShellScriptBin("hello", "echo hello"));
 */
export function realise(
  store: Store,
  pkg: StorePackage,
  memo = new Map<StorePackage, StorePath>(),
): StorePath {
  const hit = memo.get(pkg);
  if (hit) return hit;
  const inputs = pkg.inputs.map((p) => realise(store, p, memo));
  const r = pkg.recipe;
  const fs = store.fs;
  let path: StorePath;
  switch (r.builder) {
    case "text":
      path = addTreeToStore(store, pkg.name, {
        recipe: {
          builder: "text",
          text: r.text,
          executable: r.executable,
          destination: r.destination,
        },
        build: (out) => {
          const file = r.destination ? `${out}/${r.destination}` : out;
          if (r.destination) fs.mkdir(file.slice(0, file.lastIndexOf("/")), 0o755);
          fs.writeFile(file, enc.encode(r.text), r.executable ? 0o755 : 0o644);
        },
      });
      break;
    case "symlinkJoin":
      path = addTreeToStore(store, pkg.name, {
        recipe: { builder: "symlinkJoin", paths: inputs },
        inputs,
        build: (out) => {
          fs.mkdir(out, 0o755);
          for (const input of inputs) join(store, input, out);
        },
      });
      break;
    case "fetchurl":
      // Fixed-output: named by its hash, whatever the URL. Downloading is asynchronous, so
      // `prefetch` puts it in the store first; here it is only found.
      path = addTreeToStore(store, pkg.name, {
        recipe: fetchurlRecipe(r),
        build: () => {
          throw new ConfedError(
            "E_BUILD",
            `fetchurl ${r.url} was not downloaded before the build (prefetch it first).`,
          );
        },
      });
      break;
    case "runCommand":
      path = addTreeToStore(store, pkg.name, {
        recipe: { builder: "runCommand", script: r.script, env: r.env },
        build: (out) => {
          const cwd = `${out}.build`;
          fs.mkdir(cwd, 0o755);
          try {
            const res = run("sh", ["-ec", r.script], {
              cwd,
              env: { ...r.env, out, PATH: "/usr/bin:/bin", HOME: "/homeless-shelter", TMPDIR: cwd },
            });
            if (res.status !== 0) {
              throw new ConfedError(
                "E_BUILD",
                `runCommand ${pkg.name}: the script exited with ${res.status ?? res.error?.message}:\n${(res.stderr || res.stdout).trim().slice(-2000)}`,
              );
            }
            if (fs.lstat(out) === undefined) {
              throw new ConfedError(
                "E_BUILD",
                `runCommand ${pkg.name}: the script did not create $out.`,
              );
            }
          } finally {
            fs.remove(cwd);
          }
        },
      });
      break;
  }
  memo.set(pkg, path);
  return path;
}

/** What a fetchurl's store path is computed from: its hash, never its URL. */
export function fetchurlRecipe(r: { hash: string; executable: boolean }): Record<string, unknown> {
  return { builder: "fetchurl", hash: r.hash, executable: r.executable };
}

/** Links every file of `from` into `out` (directories merged), as symlinkJoin does. */
function join(store: Store, from: string, out: string, root = out): void {
  const st = store.fs.lstat(realLocation(store, from));
  if (st?.kind !== "directory") {
    // A single-file package joins as a link named after its store name.
    store.fs.symlink(from, `${out}/${parseStorePath(from).name}`);
    return;
  }
  for (const name of store.fs.readdir(realLocation(store, from))) {
    const src = `${from}/${name}`;
    const dest = `${out}/${name}`;
    const kind = store.fs.lstat(realLocation(store, src))?.kind;
    if (kind === "directory") {
      if (store.fs.lstat(dest) === undefined) store.fs.mkdir(dest, 0o755);
      join(store, src, dest, root);
    } else if (store.fs.lstat(dest) === undefined) {
      store.fs.symlink(src, dest);
    } else {
      throw new ConfedError(
        "E_BUILD",
        `symlinkJoin: two packages provide ${dest.slice(root.length + 1)}.`,
      );
    }
  }
}

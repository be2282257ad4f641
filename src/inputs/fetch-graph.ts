/**
 * Making every tree a lock pins available before evaluation: reused from the store when there
 * (no network), else fetched exactly as pinned and checked against the lock's hash. A relative
 * `path:` input starts from the tree of the repository that declared it (its node's `parent`).
 */
import { isAbsolute } from "node:path";
import { realPath, type Store, type StorePath } from "../store/index.ts";
import { fetchLocked, type Locked } from "./fetch.ts";
import { InputError } from "./input-error.ts";
import { checkGraph, type LockGraph, registerLockRoots, resolveFollows } from "./lock.ts";

/**
 * The store path of every node of `graph` (node name -> path), fetching what is missing, and
 * the locked trees registered as gc roots of `root` (unless `registerRoots` is false).
 *
 * @example
 * const paths = await fetchLockGraph("/home/me/dotfiles", lock, { store });
 */
export async function fetchLockGraph(
  root: string,
  graph: LockGraph,
  opts: { store: Store; env?: NodeJS.ProcessEnv; registerRoots?: boolean },
): Promise<Record<string, StorePath>> {
  checkGraph(graph);
  // Each node's input path from the root, for errors and for `parent` lookups.
  const labels = new Map<string, string[]>();
  const queue: [string, string[]][] = [[graph.root, []]];
  while (queue.length) {
    const [name, at] = queue.shift() as [string, string[]];
    for (const [k, v] of Object.entries(graph.nodes[name]?.inputs ?? {})) {
      if (typeof v !== "string" || labels.has(v)) continue;
      labels.set(v, [...at, k]);
      queue.push([v, [...at, k]]);
    }
  }
  const done = new Map<string, Promise<StorePath>>();
  const ensure = (name: string): Promise<StorePath> => {
    const hit = done.get(name);
    if (hit) return hit;
    const p = (async () => {
      const node = graph.nodes[name];
      const locked = node?.locked as unknown as Locked;
      const label = (labels.get(name) ?? [name]).join("/");
      let dir = root;
      if (locked.type === "path" && !isAbsolute(locked.path ?? "") && node?.parent?.length) {
        const parentNode = resolveFollows(graph, label, node.parent, new Set());
        if (parentNode === name)
          throw new InputError("E_INPUT_LOCK", `confed.lock: input '${label}' is its own parent`, {
            input: label,
          });
        dir = realPath(opts.store, await ensure(parentNode));
      }
      return (await fetchLocked(label, locked, { store: opts.store, root: dir, env: opts.env }))
        .storePath;
    })();
    done.set(name, p);
    return p;
  };
  const paths: Record<string, StorePath> = {};
  for (const name of labels.keys()) paths[name] = await ensure(name);
  if (opts.registerRoots !== false) registerLockRoots(opts.store, root, paths);
  return paths;
}

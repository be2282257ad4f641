/**
 * Locking: the inputs of confed.ts and the previous lock graph in, a new graph out, in the shape
 * of Nix's flake.lock v7 (`nodes` keyed by name from `root`; per node `inputs` mapping an input
 * to a node name or, for a follows, to a path of input names from the root; `locked`,
 * `original`, `flake: false`). An input moves only when asked (`update`), when its URL changed,
 * or when it is new; removed inputs drop out. Reading and writing confed.lock (and its version
 * stamp) stays with src/flake: this module never touches the file, so it can also lock in
 * memory for `--override-input` on commands that must not write.
 */
import { createHash } from "node:crypto";
import { addRoot, type Store, type StorePath } from "../store/index.ts";
import { syncLinks } from "../system/scratch.ts";
import { type FetchOptions, fetchInput, fetchLocked, type Locked } from "./fetch.ts";
import { InputError } from "./input-error.ts";
import { type InputRef, type InputSpec, parseInputSpec, parseInputUrl } from "./url.ts";

/** One node of the graph (what confed.lock's `nodes` hold). */
export interface LockGraphNode {
  inputs?: Record<string, string | string[]>;
  locked?: Record<string, unknown>;
  original?: Record<string, unknown>;
  flake?: boolean;
}

/** The graph part of confed.lock. */
export interface LockGraph {
  nodes: Record<string, LockGraphNode>;
  root: string;
}

/** One input that moved, appeared or went away. */
export interface LockChange {
  /** Path from the root, `/`-separated. */
  input: string;
  kind: "added" | "updated" | "removed";
  old?: Locked;
  new?: Locked;
  /** `name: 1a2b3c4 (2024-05-01) → 5d6e7f8 (2024-06-02)` */
  text: string;
}

export interface LockOptions {
  store: Store;
  /** The previous graph (confed.lock's nodes and root), if any. */
  lock?: LockGraph;
  /** Inputs to move to their newest revision (top-level names or paths such as `lib/util`). */
  update?: readonly string[];
  /** Move every input. */
  updateAll?: boolean;
  /** name -> URL used instead of confed.ts's for this lock. */
  overrideInputs?: Record<string, string>;
  allowDirty?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Register the locked trees as gc roots of this repository (default true). */
  registerRoots?: boolean;
}

export interface LockResult {
  graph: LockGraph;
  changes: LockChange[];
  /** Node name -> the store path of its tree. */
  paths: Record<string, StorePath>;
}

function short(l: Locked | undefined): string {
  if (!l) return "(none)";
  const id = l.rev
    ? l.rev.slice(0, 7)
    : l.dirtyRev
      ? `${l.dirtyRev.slice(0, 7)}-dirty`
      : l.narHash.slice(7, 19);
  const date = l.lastModified
    ? new Date(l.lastModified * 1000).toISOString().slice(0, 10)
    : undefined;
  return date ? `${id} (${date})` : id;
}

/** `name: old rev (date) → new rev (date)`, as `confed lock` prints each change. */
export function describeChange(c: Omit<LockChange, "text">): string {
  return `${c.input}: ${short(c.old)} → ${c.kind === "removed" ? "(removed)" : short(c.new)}`;
}

/** The `original` attributes of a ref: the parsed URL, as Nix writes them. */
function originalOf(ref: InputRef): Record<string, unknown> {
  return { ...ref };
}

function sameJson(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): unknown =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, norm((v as Record<string, unknown>)[k])]),
        )
      : v;
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

/**
 * Locks the inputs of confed.ts (`inputs`, as written there) against the previous lock.
 *
 * @example
 * const { graph, changes } = await lockFlake(repo, flake.spec.inputs, { store, lock: readLock(repo), update: ["dots"] });
 * writeLock(repo, { ...emptyLock(), ...graph });
 * for (const c of changes) console.log(c.text);
 */
export async function lockFlake(
  root: string,
  inputs: Record<string, unknown> | undefined,
  opts: LockOptions,
): Promise<LockResult> {
  const old = opts.lock ?? { nodes: { root: { inputs: {} } }, root: "root" };
  checkGraph(old);
  const specs: Record<string, InputSpec> = {};
  for (const [name, raw] of Object.entries(inputs ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (name === "self") continue;
    specs[name] = parseInputSpec(name, raw);
  }
  for (const [name, url] of Object.entries(opts.overrideInputs ?? {})) {
    const [top, ...rest] = name.split("/");
    let s = specs[top as string];
    for (const seg of rest) s = s?.inputs[seg];
    if (!s) throw unknown(name, specs, "--override-input");
    s.ref = parseInputUrl(url, name);
    s.follows = undefined;
  }
  const update = new Set(opts.update ?? []);
  for (const name of update) {
    const [top, ...rest] = name.split("/");
    let s = specs[top as string];
    for (const seg of rest) s = s?.inputs[seg];
    if (!s) throw unknown(name, specs, "--update");
  }
  const fetchOpts: FetchOptions = {
    store: opts.store,
    root,
    allowDirty: opts.allowDirty,
    env: opts.env,
  };
  const nodes: Record<string, LockGraphNode> = { root: { inputs: {} } };
  const paths: Record<string, StorePath> = {};
  const changes: Omit<LockChange, "text">[] = [];
  const taken = new Set(["root"]);
  const fresh = (name: string): string => {
    let n = name;
    for (let i = 2; taken.has(n); i++) n = `${name}_${i}`;
    taken.add(n);
    return n;
  };
  const oldLocked = (nodeName: string | undefined) =>
    nodeName === undefined ? undefined : (old.nodes[nodeName]?.locked as Locked | undefined);

  // Depth first, in name order, so node names (and `_2` suffixes) are stable from run to run.
  const lockOne = async (
    path: string[],
    spec: InputSpec,
    parent: LockGraphNode,
    oldParent: LockGraphNode | undefined,
  ): Promise<void> => {
    const key = path[path.length - 1] as string;
    const label = path.join("/");
    parent.inputs ??= {};
    if (spec.follows) {
      parent.inputs[key] = spec.follows;
      return;
    }
    const ref = spec.ref as InputRef;
    const oldRef = oldParent?.inputs?.[key];
    const oldName = typeof oldRef === "string" ? oldRef : undefined;
    const oldNode = oldName === undefined ? undefined : old.nodes[oldName];
    const original = originalOf(ref);
    const keep =
      oldNode?.locked !== undefined &&
      !opts.updateAll &&
      !update.has(label) &&
      !opts.overrideInputs?.[label] &&
      sameJson(oldNode.original, original) &&
      (oldNode.flake === false) === !spec.flake;
    const fetched = keep
      ? await fetchLocked(label, oldNode?.locked as unknown as Locked, fetchOpts)
      : await fetchInput(label, ref, fetchOpts);
    const nodeName = fresh(key);
    const node: LockGraphNode = {
      locked: fetched.locked as unknown as Record<string, unknown>,
      original,
    };
    if (!spec.flake) node.flake = false;
    nodes[nodeName] = node;
    parent.inputs[key] = nodeName;
    paths[nodeName] = fetched.storePath;
    const before = oldLocked(oldName);
    if (!before) changes.push({ input: label, kind: "added", new: fetched.locked });
    else if (before.rev !== fetched.locked.rev || before.narHash !== fetched.locked.narHash)
      changes.push({ input: label, kind: "updated", old: before, new: fetched.locked });
    for (const [sub, subSpec] of Object.entries(spec.inputs).sort(([a], [b]) => (a < b ? -1 : 1)))
      await lockOne([...path, sub], subSpec, node, oldNode);
  };

  const rootNode = nodes.root as LockGraphNode;
  const oldRoot = old.nodes[old.root];
  for (const [name, spec] of Object.entries(specs)) await lockOne([name], spec, rootNode, oldRoot);
  // Inputs that went away.
  const gone = (
    oldNode: LockGraphNode | undefined,
    newNode: LockGraphNode | undefined,
    prefix: string[],
  ) => {
    for (const [k, v] of Object.entries(oldNode?.inputs ?? {})) {
      if (typeof v !== "string") continue;
      const now = newNode?.inputs?.[k];
      if (now === undefined || Array.isArray(now))
        changes.push({ input: [...prefix, k].join("/"), kind: "removed", old: oldLocked(v) });
      else gone(old.nodes[v], nodes[now], [...prefix, k]);
    }
  };
  gone(oldRoot, rootNode, []);
  const graph: LockGraph = { nodes, root: "root" };
  checkGraph(graph);
  if (opts.registerRoots !== false) registerRoots(opts.store, root, paths);
  return { graph, changes: changes.map((c) => ({ ...c, text: describeChange(c) })), paths };
}

function unknown(name: string, specs: Record<string, InputSpec>, flag: string): InputError {
  const known = Object.keys(specs);
  return new InputError(
    "E_INPUT_UNKNOWN",
    `${flag} ${name}: confed.ts has no input '${name}'${known.length ? ` (inputs: ${known.join(", ")})` : " (it declares no inputs)"}`,
    { input: name },
  );
}

/**
 * Checks a graph: every input names an existing node or a follows path that resolves, without
 * cycles. Errors name the input.
 */
export function checkGraph(graph: LockGraph): void {
  const rootNode = graph.nodes[graph.root];
  if (!rootNode)
    throw new InputError("E_INPUT_LOCK", `confed.lock: the root node '${graph.root}' is missing`);
  for (const [nodeName, node] of Object.entries(graph.nodes)) {
    for (const [k, v] of Object.entries(node.inputs ?? {})) {
      const label = nodeName === graph.root ? k : `${nodeName}/${k}`;
      if (typeof v === "string") {
        if (!graph.nodes[v])
          throw new InputError(
            "E_INPUT_LOCK",
            `confed.lock: input '${label}' points to the missing node '${v}'; run \`confed lock\``,
            { input: label },
          );
        if (!graph.nodes[v]?.locked)
          throw new InputError(
            "E_INPUT_LOCK",
            `confed.lock: node '${v}' (input '${label}') has no \`locked\` attributes; run \`confed lock\``,
            { input: label },
          );
      } else resolveFollows(graph, label, v, new Set([label]));
    }
  }
}

/** The node a follows path leads to; follows through follows are chased, cycles refused. */
export function resolveFollows(
  graph: LockGraph,
  label: string,
  path: readonly string[],
  seen: Set<string>,
): string {
  let node = graph.root;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i] as string;
    const next = graph.nodes[node]?.inputs?.[seg];
    const here = path.slice(0, i + 1).join("/");
    if (next === undefined)
      throw new InputError(
        "E_INPUT_FOLLOWS",
        `input '${label}' follows '${path.join("/")}', but there is no input '${here}'`,
        { input: label },
      );
    if (Array.isArray(next)) {
      if (seen.has(here))
        throw new InputError(
          "E_INPUT_FOLLOWS",
          `input '${label}': follows form a cycle (${[...seen, here].join(" → ")})`,
          { input: label },
        );
      seen.add(here);
      node = resolveFollows(graph, label, next, seen);
    } else node = next;
  }
  return node;
}

/**
 * Keeps one gc root per locked tree of the repository, under the store's state directory, so a
 * gc never removes what a lock uses; trees the lock no longer names lose their root.
 */
function registerRoots(store: Store, repo: string, paths: Record<string, StorePath>): void {
  const dir = `${store.stateDir}/inputs/${createHash("sha256").update(repo).digest("hex").slice(0, 32)}`;
  const real = Object.fromEntries(
    Object.entries(paths).map(([n, p]) => [n, `${store.realDir}${p.slice(store.storeDir.length)}`]),
  );
  for (const link of syncLinks(dir, real)) addRoot(store, link);
}

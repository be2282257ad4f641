/**
 * Locking: the inputs of confed.ts and the previous lock graph in, a new graph out, in the shape
 * of Nix's flake.lock v7 (`nodes` keyed by name from `root`; per node `inputs` mapping an input
 * to a node name or, for a follows, to a path of input names from the root; `locked`,
 * `original`, `flake: false`, `parent` for relative `path:` inputs). An input moves only when
 * asked (`update`), when its URL changed, or when it is new; removed inputs drop out.
 *
 * The walk is the one Nix's lockFlake does (learned from libflake/flake.cc): a confed-repo input
 * brings its own inputs, read from its confed.ts, seeded from its own confed.lock; an ancestor's
 * `inputs.<x>.inputs.<y>` overrides them (the outermost wins); `follows` are stored as paths from
 * the root and resolved once the whole graph is known, so they may point anywhere in it.
 * Reading and writing confed.lock stays with src/flake, and so does loading a dependency's
 * confed.ts (passed in as `readFlake`): this module never touches the file, so it can also
 * lock in memory for `--override-input` on commands that must not write.
 */
import { createHash } from "node:crypto";
import { isAbsolute, join } from "node:path";
import { addRoot, realPath, type Store, type StorePath } from "../store/index.ts";
import { syncLinks } from "../system/scratch.ts";
import { type Fetched, type FetchOptions, fetchInput, fetchLocked, type Locked } from "./fetch.ts";
import { InputError } from "./input-error.ts";
import { type InputRef, type InputSpec, parseInputSpec, parseInputUrl } from "./url.ts";

/** One node of the graph (what confed.lock's `nodes` hold). */
export interface LockGraphNode {
  inputs?: Record<string, string | string[]>;
  locked?: Record<string, unknown>;
  original?: Record<string, unknown>;
  flake?: boolean;
  /** For a relative `path:` input: the input path of the repository it is relative to. */
  parent?: string[];
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

/** What a confed-repo input declares: its confed.ts `inputs` and its own confed.lock. */
export interface DependencyInfo {
  inputs: Record<string, unknown> | undefined;
  lock: LockGraph | undefined;
}

export interface LockOptions {
  store: Store;
  /** The previous graph (confed.lock's nodes and root), if any. */
  lock?: LockGraph;
  /** Inputs to move to their newest revision (top-level names or paths such as `lib/util`). */
  update?: readonly string[];
  /** Move every input (the previous lock is ignored; dependencies' own locks still seed). */
  updateAll?: boolean;
  /** name (or path such as `nixon/lib`) -> URL used instead of what the inputs say. */
  overrideInputs?: Record<string, string>;
  allowDirty?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Register the locked trees as gc roots of this repository (default true). */
  registerRoots?: boolean;
  /**
   * Reads a confed-repo input's confed.ts `inputs` and confed.lock from its fetched tree
   * (`input` names it, for errors). Without it, such inputs are locked as having no inputs.
   */
  readFlake?: (dir: string, input: string) => DependencyInfo | Promise<DependencyInfo>;
}

export interface LockResult {
  graph: LockGraph;
  changes: LockChange[];
  /** Node name -> the store path of its tree. */
  paths: Record<string, StorePath>;
  /** Overrides of inputs a dependency does not have (ignored, as Nix does). */
  warnings: string[];
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

const byName = <T>(o: Record<string, T>): [string, T][] =>
  Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** The inputs a repository at `at` declares, with its follows made paths from the root. */
function declared(
  raw: Record<string, unknown> | undefined,
  at: string[],
): Record<string, InputSpec> {
  const abs = (spec: InputSpec): InputSpec => ({
    ...spec,
    follows: spec.follows && [...at, ...spec.follows],
    inputs: Object.fromEntries(Object.entries(spec.inputs).map(([k, v]) => [k, abs(v)])),
  });
  const out: Record<string, InputSpec> = {};
  for (const [name, v] of byName(raw ?? {})) {
    if (name === "self") continue;
    out[name] = abs(parseInputSpec([...at, name].join("/"), v));
  }
  return out;
}

/** A node while the graph is computed: children are objects, so one node can be shared. */
interface Node {
  locked?: Locked;
  original?: Record<string, unknown>;
  flake?: boolean;
  parent?: string[];
  storePath?: StorePath;
  inputs: Map<string, Node | string[]>;
}

interface Override {
  spec: InputSpec;
  /** The directory relative `path:` URLs of the override start from. */
  dir: string;
  /** Input path of the repository that declared it. */
  declaredBy: string[];
}

const EMPTY: LockGraph = { nodes: { root: { inputs: {} } }, root: "root" };

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
  const old = opts.lock ?? EMPTY;
  checkGraph(old);
  const specs = declared(inputs, []);
  const update = new Set(opts.update ?? []);
  const overrides = new Map<string, Override>();
  const cliOverrides = new Set<string>();
  for (const [name, url] of Object.entries(opts.overrideInputs ?? {})) {
    overrides.set(name, {
      spec: { ref: parseInputUrl(url, name), flake: true, follows: undefined, inputs: {} },
      // A relative path in --override-input starts from the repository, as in Nix.
      dir: root,
      declaredBy: [],
    });
    cliOverrides.add(name);
  }
  // Names of top-level inputs are checked before anything is fetched.
  for (const [name, flag] of [
    ...[...update].map((u) => [u, "--update"]),
    ...[...cliOverrides].map((u) => [u, "--override-input"]),
  ] as [string, string][])
    if (!((name.split("/")[0] as string) in specs)) throw unknown(name, Object.keys(specs), flag);

  const fetchOpts: FetchOptions = {
    store: opts.store,
    root,
    allowDirty: opts.allowDirty,
    env: opts.env,
  };
  const warnings: string[] = [];
  const overridesUsed = new Set<string>();
  const updatesUsed = new Set<string>();
  const parents: Record<string, unknown>[] = [];
  const treeDir = (p: StorePath) => realPath(opts.store, p);

  const readDep = async (label: string, dir: string): Promise<DependencyInfo> => {
    if (!opts.readFlake) return { inputs: undefined, lock: undefined };
    const info = await opts.readFlake(dir, label);
    if (info.lock) {
      try {
        checkGraph(info.lock);
      } catch (e) {
        throw new InputError(
          "E_INPUT_LOCK",
          `input '${label}': its own confed.lock is broken: ${(e as Error).message}`,
          { input: label, cause: e },
        );
      }
    }
    return info;
  };

  const compute = async (
    /** The inputs of this node: from its confed.ts, or (when kept) from the old lock. */
    declaredInputs: Record<string, InputSpec>,
    node: Node,
    /** This node's input path from the root. */
    prefix: string[],
    /** The old node locks may be copied from, in `oldGraph`. */
    oldNode: LockGraphNode | undefined,
    oldGraph: LockGraph,
    /** What follows paths of `oldGraph` are relative to (its root's input path). */
    followsPrefix: string[],
    /** The directory of this node's tree: relative `path:` inputs start there. */
    dir: string,
    /** The inputs come from a lock, whose follows need no check against confed.ts. */
    trustLock: boolean,
  ): Promise<void> => {
    // `inputs.x.inputs.y…` of this repository override its dependencies' own declarations,
    // unless an ancestor already overrode the same path.
    const addOverrides = (spec: InputSpec, path: string[]) => {
      for (const [sub, o] of byName(spec.inputs)) {
        const p = [...path, sub];
        const key = p.join("/");
        if ((o.ref || o.follows) && !overrides.has(key))
          overrides.set(key, { spec: o, dir, declaredBy: prefix });
        addOverrides(o, p);
      }
    };
    for (const [id, spec] of byName(declaredInputs)) addOverrides(spec, [...prefix, id]);
    for (const [key] of overrides) {
      const at = key.split("/");
      const id = at.pop() as string;
      if (at.join("/") === prefix.join("/") && prefix.length > 0 && !(id in declaredInputs)) {
        if (!cliOverrides.has(key))
          warnings.push(
            `input '${prefix.join("/")}' has no input '${id}': the override of '${key}' is ignored`,
          );
      }
    }

    for (const [id, spec2] of byName(declaredInputs)) {
      const path = [...prefix, id];
      const label = path.join("/");
      const ov = overrides.get(label);
      if (ov) overridesUsed.add(label);
      // An override changes where an input comes from, never whether it is a confed repository.
      const spec: InputSpec = ov ? { ...ov.spec, flake: spec2.flake } : spec2;
      const from = ov ? ov.dir : dir;
      if (spec.follows) {
        node.inputs.set(id, spec.follows);
        continue;
      }
      const ref = spec.ref as InputRef;
      const relative = ref.type === "path" && !isAbsolute(ref.path);
      const parent = relative ? (ov ? ov.declaredBy : prefix) : undefined;
      updatesUsed.add(label);
      let oldLock: LockGraphNode | undefined;
      const oldEdge = oldNode && !update.has(label) ? oldNode.inputs?.[id] : undefined;
      if (typeof oldEdge === "string") oldLock = oldGraph.nodes[oldEdge];
      const original = { ...ref } as Record<string, unknown>;
      const at = { ...fetchOpts, root: from };

      if (
        oldLock?.locked &&
        sameJson(oldLock.original, original) &&
        sameJson(oldLock.parent ?? null, parent?.length ? parent : null) &&
        !cliOverrides.has(label) &&
        (oldLock.flake !== false) === spec.flake
      ) {
        // Kept: the tree the lock pins (from the store, or fetched and checked against it).
        const fetched = await fetchLocked(label, oldLock.locked as unknown as Locked, at);
        const child = newNode(fetched, oldLock.original, spec.flake, parent);
        node.inputs.set(id, child);
        if (!spec.flake) continue;
        const childDir = subDir(treeDir(fetched.storePath), oldLock.locked.dir, label);
        let mustRefetch = [...update].some((u) => u.startsWith(`${label}/`));
        const fromLock: Record<string, InputSpec> = {};
        for (const [k, e] of byName(oldLock.inputs ?? {})) {
          if (mustRefetch) break;
          if (typeof e === "string") {
            const n = oldGraph.nodes[e];
            if (!n?.original) mustRefetch = true;
            else
              fromLock[k] = {
                ref: n.original as unknown as InputRef,
                flake: n.flake !== false,
                follows: undefined,
                inputs: {},
              };
          } else {
            // A follows the repository no longer declares: read its confed.ts again.
            if (!trustLock && !overrides.has(`${label}/${k}`)) mustRefetch = true;
            fromLock[k] = {
              ref: undefined,
              flake: true,
              follows: [...followsPrefix, ...e],
              inputs: {},
            };
          }
        }
        if (mustRefetch) {
          const info = await readDep(label, childDir);
          await compute(
            declared(info.inputs, path),
            child,
            path,
            oldLock,
            oldGraph,
            followsPrefix,
            childDir,
            false,
          );
        } else
          await compute(fromLock, child, path, oldLock, oldGraph, followsPrefix, childDir, true);
        continue;
      }

      // New, changed or asked to move: fetch, then lock its own inputs from its confed.ts,
      // seeded from its own confed.lock.
      if (parents.some((p) => sameJson(p, original)))
        throw new InputError(
          "E_INPUT_FOLLOWS",
          `input '${label}': ${ref.type === "path" ? ref.path : JSON.stringify(original)} imports itself (through ${parents.length} repositories); a repository cannot be its own input`,
          { input: label },
        );
      const fetched = await fetchInput(label, ref, at);
      const dirParam = "dir" in ref ? ref.dir : undefined;
      if (dirParam !== undefined) fetched.locked = { ...fetched.locked, dir: dirParam };
      // With --override-input, `original` stays what confed.ts says, so the next plain
      // `confed lock` keeps the overridden revision instead of undoing it (Nix does the same).
      const shown = cliOverrides.has(label) && spec2.ref ? { ...spec2.ref } : original;
      const child = newNode(fetched, shown, spec.flake, parent);
      node.inputs.set(id, child);
      if (!spec.flake) continue;
      parents.push(original);
      try {
        const childDir = subDir(treeDir(fetched.storePath), dirParam, label);
        const info = await readDep(label, childDir);
        const own = info.lock ?? EMPTY;
        await compute(
          declared(info.inputs, path),
          child,
          path,
          own.nodes[own.root],
          own,
          path,
          childDir,
          false,
        );
      } finally {
        parents.pop();
      }
    }
  };

  const rootNode: Node = { inputs: new Map() };
  const start = opts.updateAll ? EMPTY : old;
  await compute(specs, rootNode, [], start.nodes[start.root], start, [], root, false);

  for (const u of update) if (!updatesUsed.has(u)) throw unknown(u, [...updatesUsed], "--update");
  for (const o of cliOverrides)
    if (!overridesUsed.has(o)) throw unknown(o, [...updatesUsed], "--override-input");

  const { graph, paths } = toGraph(rootNode);
  checkGraph(graph);
  const before = flatten(old);
  const after = flatten(graph);
  const changes: Omit<LockChange, "text">[] = [];
  for (const [input, l] of after) {
    const was = before.get(input);
    if (!was) changes.push({ input, kind: "added", new: l });
    else if (was.rev !== l.rev || was.narHash !== l.narHash)
      changes.push({ input, kind: "updated", old: was, new: l });
  }
  for (const [input, l] of before)
    if (!after.has(input)) changes.push({ input, kind: "removed", old: l });
  changes.sort((a, b) => (a.input < b.input ? -1 : a.input > b.input ? 1 : 0));
  if (opts.registerRoots !== false) registerLockRoots(opts.store, root, paths);
  return {
    graph,
    changes: changes.map((c) => ({ ...c, text: describeChange(c) })),
    paths,
    warnings,
  };
}

/** The directory of a repository input's confed.ts: its tree, or `?dir=` inside it. */
function subDir(tree: string, dir: unknown, label: string): string {
  if (dir === undefined || dir === "") return tree;
  const d = String(dir);
  if (isAbsolute(d) || d.split("/").includes(".."))
    throw new InputError(
      "E_INPUT_URL",
      `input '${label}': dir '${d}' must be a path inside the tree`,
      {
        input: label,
      },
    );
  return join(tree, d);
}

function newNode(
  fetched: Fetched,
  original: Record<string, unknown> | undefined,
  flake: boolean,
  parent: string[] | undefined,
): Node {
  const n: Node = {
    locked: fetched.locked,
    original,
    flake,
    storePath: fetched.storePath,
    inputs: new Map(),
  };
  if (parent?.length) n.parent = parent;
  return n;
}

/**
 * The graph as confed.lock stores it: nodes named after their input, depth first in name order
 * from the root, a second node of the same name as `name_2` (as Nix's flake.lock does).
 */
function toGraph(rootNode: Node): { graph: LockGraph; paths: Record<string, StorePath> } {
  const nodes: Record<string, LockGraphNode> = {};
  const paths: Record<string, StorePath> = {};
  const names = new Map<Node, string>();
  const dump = (key: string, node: Node): string => {
    const known = names.get(node);
    if (known) return known;
    let name = key;
    for (let i = 2; name in nodes; i++) name = `${key}_${i}`;
    names.set(node, name);
    const out: LockGraphNode = {};
    nodes[name] = out;
    if (node.inputs.size > 0 || node === rootNode) {
      out.inputs = {};
      for (const [k, v] of [...node.inputs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        out.inputs[k] = Array.isArray(v) ? v : dump(k, v);
    }
    if (node.locked) out.locked = node.locked as unknown as Record<string, unknown>;
    if (node.original) out.original = node.original;
    if (node.flake === false) out.flake = false;
    if (node.parent) out.parent = node.parent;
    if (node.storePath) paths[name] = node.storePath;
    return name;
  };
  dump("root", rootNode);
  return { graph: { nodes, root: "root" }, paths };
}

/** Input path -> locked attributes, through node edges (follows are not inputs of their own). */
function flatten(graph: LockGraph): Map<string, Locked> {
  const out = new Map<string, Locked>();
  const walk = (nodeName: string, prefix: string[], seen: Set<string>) => {
    for (const [k, v] of Object.entries(graph.nodes[nodeName]?.inputs ?? {})) {
      if (typeof v !== "string" || seen.has(v)) continue;
      const locked = graph.nodes[v]?.locked as Locked | undefined;
      if (locked) out.set([...prefix, k].join("/"), locked);
      walk(v, [...prefix, k], new Set([...seen, v]));
    }
  };
  walk(graph.root, [], new Set([graph.root]));
  return out;
}

function unknown(name: string, known: readonly string[], flag: string): InputError {
  const at = name.split("/");
  const top = at.length === 1;
  const list = top ? known.filter((k) => !k.includes("/")) : known;
  return new InputError(
    "E_INPUT_UNKNOWN",
    top
      ? `${flag} ${name}: confed.ts has no input '${name}'${list.length ? ` (inputs: ${list.join(", ")})` : " (it declares no inputs)"}`
      : `${flag} ${name}: there is no input '${name}'${list.length ? ` (inputs: ${[...list].sort().join(", ")})` : ""}`,
    { input: name },
  );
}

/**
 * Checks a graph: every input names an existing node or a follows path that resolves, without
 * cycles. Errors name the input.
 */
export function checkGraph(graph: LockGraph): void {
  if (
    typeof graph !== "object" ||
    graph === null ||
    typeof graph.nodes !== "object" ||
    graph.nodes === null
  )
    throw new InputError("E_INPUT_LOCK", "confed.lock: `nodes` is missing or not an object");
  const rootNode = graph.nodes[graph.root];
  if (!rootNode)
    throw new InputError("E_INPUT_LOCK", `confed.lock: the root node '${graph.root}' is missing`);
  for (const [nodeName, node] of Object.entries(graph.nodes)) {
    for (const [k, v] of Object.entries(node?.inputs ?? {})) {
      const label = nodeName === graph.root ? k : `${nodeName}/${k}`;
      if (typeof v === "string") {
        if (!graph.nodes[v])
          throw new InputError(
            "E_INPUT_LOCK",
            `confed.lock: input '${label}' points to the missing node '${v}'; run \`confed lock\``,
            { input: label },
          );
        const locked = graph.nodes[v]?.locked;
        if (!locked || typeof locked.narHash !== "string" || typeof locked.type !== "string")
          throw new InputError(
            "E_INPUT_LOCK",
            `confed.lock: node '${v}' (input '${label}') has no \`locked\` type and narHash; run \`confed lock\``,
            { input: label },
          );
      } else if (Array.isArray(v) && v.every((s) => typeof s === "string"))
        resolveFollows(graph, label, v, new Set([label]));
      else
        throw new InputError(
          "E_INPUT_LOCK",
          `confed.lock: input '${label}' is neither a node name nor a follows path`,
          { input: label },
        );
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
 *
 * @example
 * registerLockRoots(store, "/home/me/dotfiles", { nixon: "/s/…-source" });
 */
export function registerLockRoots(
  store: Store,
  repo: string,
  paths: Record<string, StorePath>,
): void {
  const dir = `${store.stateDir}/inputs/${createHash("sha256").update(repo).digest("hex").slice(0, 32)}`;
  const real = Object.fromEntries(
    Object.entries(paths).map(([n, p]) => [n, `${store.realDir}${p.slice(store.storeDir.length)}`]),
  );
  for (const link of syncLinks(dir, real)) addRoot(store, link);
}

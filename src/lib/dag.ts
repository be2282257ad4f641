/**
 * Ordering named entries by `after`/`before` constraints (home-manager's DAG of activation
 * steps): a stable topological sort — among entries free to go, the one that comes first by
 * name goes first — with a clear error naming a cycle.
 *
 * @example
 * dagSort({ link: { after: ["check"] }, check: {}, hook: { after: ["link"] } })
 * // ["check", "link", "hook"]
 */
export interface DagEntry {
  after?: readonly string[];
  before?: readonly string[];
}

/** Thrown for a cycle; `cycle` lists the names around it. */
export class DagCycleError extends Error {
  constructor(readonly cycle: string[]) {
    super(`the order has a cycle: ${cycle.join(" -> ")}`);
  }
}

export function dagSort(entries: Record<string, DagEntry>): string[] {
  const names = Object.keys(entries).sort();
  const known = new Set(names);
  const preds = new Map<string, Set<string>>(names.map((n) => [n, new Set()]));
  for (const n of names) {
    for (const a of entries[n].after ?? []) if (known.has(a)) preds.get(n)!.add(a);
    for (const b of entries[n].before ?? []) if (known.has(b)) preds.get(b)!.add(n);
  }
  const out: string[] = [];
  const done = new Set<string>();
  while (out.length < names.length) {
    const next = names.find((n) => !done.has(n) && [...preds.get(n)!].every((p) => done.has(p)));
    if (next === undefined)
      throw new DagCycleError(
        findCycle(
          names.filter((n) => !done.has(n)),
          preds,
        ),
      );
    done.add(next);
    out.push(next);
  }
  return out;
}

function findCycle(left: string[], preds: Map<string, Set<string>>): string[] {
  const inLeft = new Set(left);
  let at = left[0];
  const path: string[] = [];
  const seen = new Map<string, number>();
  while (!seen.has(at)) {
    seen.set(at, path.length);
    path.push(at);
    at = [...preds.get(at)!].filter((p) => inLeft.has(p)).sort()[0];
  }
  return [...path.slice(seen.get(at)!), at].reverse();
}

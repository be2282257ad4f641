/**
 * `confed inputs`: the locked inputs as a table (name, URL, rev, locked date, age, dirty), or
 * as JSON with --json. Reads confed.lock only; nothing is fetched.
 */
import { readLock } from "../flake/index.ts";
import { type InputRef, type Locked, renderInputUrl } from "../inputs/index.ts";
import { parseFlakeRef } from "./flake-arg.ts";
import type { Out } from "./output.ts";

export interface InputRow {
  name: string;
  url: string;
  rev: string;
  date: string;
  age: string;
  dirty: boolean;
}

function age(seconds: number | undefined, now: number): string {
  if (seconds === undefined) return "";
  const days = Math.floor((now - seconds * 1000) / 86_400_000);
  if (days < 1) return "today";
  if (days < 60) return `${days} days`;
  if (days < 730) return `${Math.floor(days / 30)} months`;
  return `${Math.floor(days / 365)} years`;
}

/** The rows `confed inputs` shows, nested inputs as `a/b`, follows as `→ a/b`. */
export function inputRows(dir: string, now = Date.now()): InputRow[] {
  const lock = readLock(dir);
  if (!lock) return [];
  const rows: InputRow[] = [];
  const walk = (nodeName: string, prefix: string[], seen: Set<string>) => {
    const node = lock.nodes[nodeName];
    for (const [k, v] of Object.entries(node?.inputs ?? {})) {
      const name = [...prefix, k].join("/");
      if (Array.isArray(v)) {
        rows.push({
          name,
          url: `follows ${v.join("/")}`,
          rev: "",
          date: "",
          age: "",
          dirty: false,
        });
        continue;
      }
      const n = lock.nodes[v];
      const l = (n?.locked ?? {}) as unknown as Partial<Locked>;
      let url = "";
      try {
        url = renderInputUrl(n?.original as unknown as InputRef);
      } catch {
        url = JSON.stringify(n?.original);
      }
      rows.push({
        name,
        url,
        rev: l.rev?.slice(0, 12) ?? l.dirtyRev?.slice(0, 12) ?? (l.narHash ?? "").slice(0, 19),
        date: l.lastModified ? new Date(l.lastModified * 1000).toISOString().slice(0, 10) : "",
        age: age(l.lastModified, now),
        dirty: l.dirtyRev !== undefined,
      });
      if (!seen.has(v)) walk(v, [...prefix, k], new Set([...seen, v]));
    }
  };
  walk(lock.root, [], new Set([lock.root]));
  return rows;
}

/**
 * Runs `confed inputs`; returns the exit code.
 *
 * @example
 * await run({ flake: "." }, out);
 */
export async function run(opts: { flake?: string }, out: Out): Promise<number> {
  const rows = inputRows(parseFlakeRef(opts.flake).dir);
  if (out.json) {
    out.stdout(JSON.stringify(rows));
    return 0;
  }
  if (rows.length === 0) {
    out.stderr("no inputs are locked (run `confed lock`)");
    return 0;
  }
  const table = [
    ["NAME", "URL", "REV", "LOCKED", "AGE", "DIRTY"],
    ...rows.map((r) => [r.name, r.url, r.rev, r.date, r.age, r.dirty ? "dirty" : ""]),
  ];
  const widths =
    table[0]?.map((_, i) => Math.max(...table.map((r) => (r[i] as string).length))) ?? [];
  out.stdout(
    table
      .map((r) =>
        r
          .map((c, i) => c.padEnd(widths[i] as number))
          .join("  ")
          .trimEnd(),
      )
      .join("\n"),
  );
  return 0;
}

/**
 * Finding machines and homes by convention: `machines/<name>.ts` or `machines/<name>/index.ts`,
 * `homes/<user>@<host>.ts`. Names starting with `_` or `.`, tests and declaration files are
 * skipped; both forms of one machine, or a directory without index.ts, are errors.
 */
import { join } from "node:path";
import { FlakeError } from "../errors/index.ts";
import { isDirectory, listDir } from "../system/fs.ts";

const SKIP = (name: string) =>
  name.startsWith("_") ||
  name.startsWith(".") ||
  name.endsWith(".test.ts") ||
  name.endsWith(".d.ts");

/** machine name → absolute path of its file, sorted by name. */
export function discoverMachines(root: string): Map<string, string> {
  const dir = join(root, "machines");
  const found = new Map<string, string>();
  if (!isDirectory(dir)) return found;
  const seen = new Map<string, string>();
  for (const e of listDir(dir).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (SKIP(e.name)) continue;
    let name: string;
    let file: string;
    if (e.kind === "file" && e.name.endsWith(".ts")) {
      name = e.name.slice(0, -3);
      file = join(dir, e.name);
    } else if (e.kind === "directory") {
      name = e.name;
      file = join(dir, e.name, "index.ts");
      const entries = listDir(join(dir, e.name));
      if (!entries.some((x) => x.name === "index.ts" && x.kind === "file")) {
        throw new FlakeError(
          "E_FLAKE_DISCOVERY",
          `machines/${e.name}/ has no index.ts: a machine directory needs machines/${e.name}/index.ts (or rename it to _${e.name} to skip it).`,
          { file: `machines/${e.name}` },
        );
      }
    } else {
      continue;
    }
    const other = seen.get(name);
    if (other) {
      throw new FlakeError(
        "E_FLAKE_DISCOVERY",
        `The machine \`${name}' is defined twice: machines/${other} and machines/${e.kind === "directory" ? `${e.name}/index.ts` : e.name}. Keep one.`,
        { file: `machines/${e.name}` },
      );
    }
    seen.set(name, e.kind === "directory" ? `${e.name}/index.ts` : e.name);
    found.set(name, file);
  }
  return new Map([...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** "user@host" → absolute path of `homes/user@host.ts`. */
export function discoverHomes(root: string): Map<string, string> {
  const dir = join(root, "homes");
  const found = new Map<string, string>();
  if (!isDirectory(dir)) return found;
  for (const e of listDir(dir)) {
    if (SKIP(e.name) || e.kind !== "file" || !e.name.endsWith(".ts")) continue;
    const name = e.name.slice(0, -3);
    if (!/^[^@/]+@[^@/]+$/.test(name)) {
      throw new FlakeError(
        "E_FLAKE_DISCOVERY",
        `homes/${e.name}: a home file is named <user>@<host>.ts (for example myme@map.ts).`,
        { file: `homes/${e.name}` },
      );
    }
    found.set(name, join(dir, e.name));
  }
  return new Map([...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

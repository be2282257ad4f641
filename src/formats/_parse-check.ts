/**
 * Test helper: parses generated texts with the real parsers installed here (python3's tomllib,
 * PyYAML and configparser; git), all texts in one process, and returns plain JSON values.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PY = `
import sys, json
kind = sys.argv[1]
docs = json.load(sys.stdin)
out = []
for d in docs:
    try:
        if kind == "toml":
            import tomllib; out.append({"ok": tomllib.loads(d)})
        elif kind == "yaml":
            import yaml; out.append({"ok": yaml.safe_load(d)})
        elif kind == "ini":
            import configparser
            p = configparser.ConfigParser(interpolation=None, strict=True)
            p.optionxform = str
            p.read_string(d)
            out.append({"ok": {s: dict(p[s]) for s in p.sections()}})
    except Exception as e:
        out.append({"error": repr(e)})
json.dump(out, sys.stdout)
`;

/** Whether python3 can import `module` (tomllib, yaml, configparser). */
export function hasPython(module: string): boolean {
  return spawnSync("python3", ["-c", `import ${module}`]).status === 0;
}

/** Each text parsed by python3 (`kind`: toml, yaml or ini): `{ ok: value }` or `{ error }`. */
export function pythonParse(
  kind: "toml" | "yaml" | "ini",
  texts: string[],
): { ok?: unknown; error?: string }[] {
  const r = spawnSync("python3", ["-c", PY, kind], {
    input: JSON.stringify(texts),
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** Whether a program answers `--version` (or `-V`). */
export function hasProgram(cmd: string, arg = "--version"): boolean {
  return spawnSync(cmd, [arg]).status === 0;
}

/** `git config -f FILE --list` of a text, as [name, value] pairs in file order. */
export function gitConfigList(text: string): [string, string][] {
  const dir = mkdtempSync(join(tmpdir(), "confed-git-"));
  try {
    const f = join(dir, "config");
    writeFileSync(f, text);
    const r = spawnSync("git", ["config", "-f", f, "--list", "-z"], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`git config failed: ${r.stderr}`);
    return r.stdout
      .split("\0")
      .filter((e) => e !== "")
      .map((e) => {
        const nl = e.indexOf("\n");
        return nl === -1 ? [e, ""] : [e.slice(0, nl), e.slice(nl + 1)];
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

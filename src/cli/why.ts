/**
 * `confed why <machine|user@host> <option>`: every definition of an option with its file and
 * priority, which won, and which lost by priority or by a false mkIf.
 */
import { FlakeError } from "../errors/index.ts";
import { parseAttrPath, showOption, suggest } from "../lib/index.ts";
import { type DefinitionInfo, evaluationOf } from "../module-system/index.ts";
import { colors as c, type Out, reportChecks } from "./output.ts";
import { target } from "./target-arg.ts";

function findOption(options: any, path: string[]): any {
  let node = options;
  const done: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const k = path[i];
    if (node?._type === "option") {
      // Below an option: the options of its submodule value (`submodule`), or of one entry of
      // it (`attrsOf (submodule …)`).
      const value = node.value;
      const whole = evaluationOf(value);
      if (whole) {
        node = whole.options;
        i--;
        continue;
      }
      const entry =
        value !== null && typeof value === "object" && k in value ? value[k] : undefined;
      const inner = evaluationOf(entry);
      if (inner) {
        node = inner.options;
        done.push(k);
        continue;
      }
      throw new FlakeError(
        "E_FLAKE_UNKNOWN",
        `\`${showOption(done)}' is an option without sub-options named \`${k}'.`,
      );
    }
    if (node === null || typeof node !== "object" || !(k in node)) {
      const keys = node && typeof node === "object" ? Object.keys(node) : [];
      const s = suggest(k, keys).map((x) => showOption([...done, x]));
      throw new FlakeError(
        "E_FLAKE_UNKNOWN",
        `There is no option \`${showOption([...done, k])}'.${s.length ? ` Did you mean ${s.map((x) => `\`${x}'`).join(" or ")}?` : ""}`,
        { suggestions: s },
      );
    }
    node = node[k];
    done.push(k);
  }
  if (node?._type !== "option") {
    throw new FlakeError(
      "E_FLAKE_UNKNOWN",
      `\`${showOption(path)}' is a group of options (${Object.keys(node).slice(0, 8).join(", ")}…), not an option.`,
    );
  }
  return node;
}

function shown(v: unknown): string {
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 120 ? `${s.slice(0, 117)}...` : s;
  } catch {
    return "«not printable»";
  }
}

export async function run(
  name: string,
  option: string,
  opts: { flake?: string; overrideInput?: string[] },
  out: Out,
): Promise<number> {
  const { openFlake } = await import("./flake-arg.ts");
  const { flake } = await openFlake(opts.flake, opts.overrideInput);
  const t = target(flake, name);
  reportChecks(t.name, t.config, out);
  const opt = findOption(t.options, parseAttrPath(option));
  const defs = opt.allDefinitions as DefinitionInfo[];
  let value: unknown;
  let error: string | undefined;
  try {
    value = opt.value;
  } catch (e) {
    error = (e as Error).message;
  }
  if (out.json) {
    out.stdout(
      JSON.stringify({
        option: showOption(opt.loc),
        value: error ? undefined : value,
        error,
        highestPrio: opt.highestPrio,
        definitions: defs,
      }),
    );
    return 0;
  }
  const lines = [`${c.bold(showOption(opt.loc))} of ${t.name}`];
  lines.push(
    error
      ? `  ${c.red("value:")} error: ${error.split("\n")[0]}`
      : `  ${c.bold("value:")} ${shown(value)}`,
  );
  if (defs.length === 0) lines.push("  no definitions (and no default)");
  for (const d of defs) {
    const what =
      d.status === "used"
        ? c.green("used")
        : d.status === "overridden"
          ? c.yellow(`lost: priority ${d.priority} > ${opt.highestPrio}`)
          : c.dim("off: mkIf condition is false");
    const prio = d.isDefault
      ? "default (1500)"
      : `priority ${d.priority}${d.order !== 1000 ? `, order ${d.order}` : ""}`;
    lines.push(`  ${what}  ${d.file}  ${c.dim(prio)}`);
    lines.push(`      ${d.error ? c.red(`error: ${d.error.split("\n")[0]}`) : shown(d.value)}`);
  }
  out.stdout(lines.join("\n"));
  return 0;
}

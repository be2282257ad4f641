/**
 * `confed options [machine|user@host] [prefix]`: the declared options with type, default,
 * description and declaring files; `--json` in the shape of nixpkgs' options.json.
 */
import { FlakeError } from "../errors/index.ts";
import { parseAttrPath, showOption } from "../lib/index.ts";
import { isOption } from "../module-system/index.ts";
import { colors as c, type Out, reportChecks } from "./output.ts";
import { target } from "./target-arg.ts";

export interface OptionDoc {
  loc: string[];
  name: string;
  type: string;
  description: string;
  default?: { _type: "literalExpression"; text: string };
  example?: { _type: "literalExpression"; text: string };
  declarations: string[];
  readOnly: boolean;
  internal: boolean;
}

function literal(v: unknown): { _type: "literalExpression"; text: string } {
  try {
    const text = JSON.stringify(v);
    return { _type: "literalExpression", text: text === undefined ? String(v) : text };
  } catch (e) {
    return { _type: "literalExpression", text: `«${(e as Error).message.split("\n")[0]}»` };
  }
}

/** Every visible option under `tree`, sub-options of submodules included (`<name>` placeholders). */
export function optionDocs(
  tree: Record<string, unknown>,
  all = false,
  prefix: readonly string[] = [],
): OptionDoc[] {
  const out: OptionDoc[] = [];
  const visit = (node: Record<string, unknown>, depth: number) => {
    for (const key of Object.keys(node)) {
      if (key === "_module" && !all) continue;
      let v: any;
      try {
        v = node[key];
      } catch {
        continue;
      }
      if (isOption(v) || v?._type === "option") {
        const visible = v.visible;
        if (visible === false && !all) continue;
        if (v.internal === true && !all) continue;
        const loc = (v.loc as string[]).slice(prefix.length);
        const doc: OptionDoc = {
          loc,
          name: showOption(loc),
          type: safe(() => v.type.description, "unspecified"),
          description: v.description ?? "",
          declarations: safe(() => [...v.declarations], []),
          readOnly: v.readOnly === true,
          internal: v.internal === true,
        };
        if (v.defaultText !== undefined)
          doc.default = { _type: "literalExpression", text: String(v.defaultText) };
        else {
          const d = safe(() => v.default, undefined);
          if (d !== undefined) doc.default = literal(d);
        }
        if (v.example !== undefined) doc.example = literal(v.example);
        out.push(doc);
        if (visible !== "shallow" && depth < 8) {
          const sub = safe(() => v.type.getSubOptions(v.loc), {});
          visit(sub, depth + 1);
        }
      } else if (v && typeof v === "object") {
        visit(v, depth);
      }
    }
  };
  visit(tree, 0);
  return out;
}

function safe<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}

export async function run(
  name: string | undefined,
  prefix: string | undefined,
  opts: { flake?: string; overrideInput?: string[]; all?: boolean },
  out: Out,
): Promise<number> {
  const { openFlake } = await import("./flake-arg.ts");
  const { flake, name: refName } = await openFlake(opts.flake, opts.overrideInput);
  const t = target(flake, name ?? refName);
  reportChecks(t.name, t.config, out);
  let docs = optionDocs(t.options, opts.all, t.prefix);
  if (prefix) {
    const p = parseAttrPath(prefix);
    docs = docs.filter((d) =>
      p.every((k, i) => d.loc[i] === k || (d.loc[i]?.startsWith("<") && d.loc[i]?.endsWith(">"))),
    );
    if (docs.length === 0) {
      throw new FlakeError("E_FLAKE_UNKNOWN", `No option of ${t.name} starts with \`${prefix}'.`);
    }
  }
  if (out.json) {
    const obj: Record<string, unknown> = {};
    for (const d of docs) {
      const { name: n, ...rest } = d;
      obj[n] = rest;
    }
    out.stdout(JSON.stringify(obj));
    return 0;
  }
  const lines: string[] = [];
  for (const d of docs) {
    lines.push(c.bold(d.name));
    if (d.description) lines.push(`    ${d.description}`);
    lines.push(`    ${c.dim("type:")} ${d.type}`);
    if (d.default) lines.push(`    ${c.dim("default:")} ${d.default.text}`);
    if (d.example) lines.push(`    ${c.dim("example:")} ${d.example.text}`);
    if (d.declarations.length)
      lines.push(`    ${c.dim("declared in:")} ${d.declarations.join(", ")}`);
    lines.push("");
  }
  out.stdout(lines.join("\n"));
  return 0;
}

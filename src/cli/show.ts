/** `confed show`: the outputs of the repository, like `nix flake show`. */
import type { Flake } from "../flake/index.ts";
import { colors as c, type Out, reportChecks } from "./output.ts";

export interface ShowData {
  root: string;
  description: string;
  machines: Record<
    string,
    { file: string; hostName: string; distro: string; tags: string[]; homes: string[] }
  >;
  homes: string[];
  overlays: number;
  packages: string[];
  devShells: string[];
}

export function showData(flake: Flake, out: Out): ShowData {
  const machines: ShowData["machines"] = {};
  for (const name of flake.machineNames) {
    const m = flake.machine(name);
    const config = m.config;
    reportChecks(name, config, out);
    machines[name] = {
      file: m.file,
      hostName: config.networking.hostName,
      distro: config.system.distro,
      tags: [...config.deployment.tags],
      homes: Object.keys(config.home.users),
    };
  }
  const extra = flake.extraOutputs();
  return {
    root: flake.root,
    description: flake.description,
    machines,
    homes: flake.homeNames(),
    overlays: flake.overlays.length,
    packages: Object.keys(extra.packages ?? {}).sort(),
    devShells: Object.keys(extra.devShells ?? {}).sort(),
  };
}

function tree(title: string, items: string[], last: boolean): string[] {
  const lines = [`${last ? "└───" : "├───"}${c.bold(title)}`];
  items.forEach((it, i) => {
    lines.push(`${last ? "    " : "│   "}${i === items.length - 1 ? "└───" : "├───"}${it}`);
  });
  return lines;
}

export function renderShow(d: ShowData): string {
  const lines = [`${c.bold(d.root)}${d.description ? c.dim(`  ${d.description}`) : ""}`];
  const sections: [string, string[]][] = [
    [
      "machines",
      Object.entries(d.machines).map(
        ([n, m]) =>
          `${c.bold(n)}: machine ${c.dim(`(host ${m.hostName}, ${m.distro}${m.tags.length ? `, tags ${m.tags.join(" ")}` : ""})`)}`,
      ),
    ],
    ["homes", d.homes.map((h) => `${c.bold(h)}: home`)],
  ];
  if (d.overlays) sections.push([`overlays: ${d.overlays}`, []]);
  if (d.packages.length)
    sections.push(["packages", d.packages.map((p) => `${c.bold(p)}: package`)]);
  if (d.devShells.length)
    sections.push(["devShells", d.devShells.map((p) => `${c.bold(p)}: development environment`)]);
  sections.forEach(([t, items], i) => {
    lines.push(...tree(t, items, i === sections.length - 1));
  });
  return lines.join("\n");
}

export async function run(
  opts: { flake?: string; overrideInput?: string[] },
  out: Out,
): Promise<number> {
  const { openFlake } = await import("./flake-arg.ts");
  const { flake } = await openFlake(opts.flake, opts.overrideInput);
  const data = showData(flake, out);
  out.stdout(out.json ? JSON.stringify(data) : renderShow(data));
  return 0;
}

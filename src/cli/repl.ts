/**
 * `confed repl [target]`: a Node REPL with the repository loaded. `machines`, `homes`, `pkgs`,
 * `flake` (and `config`, `options` of the target) are in scope; tab completion walks them, and
 * values print as values (not getters).
 */
import repl from "node:repl";
import { inspect } from "node:util";
import type { Flake } from "../flake/index.ts";
import { flakeRoot } from "./attr-root.ts";
import { colors as c, type Out, reportChecks } from "./output.ts";
import { target } from "./target-arg.ts";

export function replContext(
  flake: Flake,
  name: string | undefined,
  out: Pick<Out, "stderr">,
): Record<string, unknown> {
  const root = flakeRoot(flake);
  const ctx: Record<string, unknown> = {
    flake,
    machines: root.machines,
    homes: root.homes,
    get pkgs() {
      return flake.pkgs;
    },
    inputs: flake.inputs,
    self: flake.self,
  };
  if (name) {
    const t = target(flake, name);
    reportChecks(t.name, t.config, out);
    Object.defineProperty(ctx, "config", { enumerable: true, get: () => t.config });
    Object.defineProperty(ctx, "options", { enumerable: true, get: () => t.options });
  }
  return ctx;
}

export async function run(
  name: string | undefined,
  opts: { flake?: string; overrideInput?: string[] },
  out: Out,
): Promise<number> {
  const { openFlake } = await import("./flake-arg.ts");
  const { flake, name: refName } = await openFlake(opts.flake, opts.overrideInput);
  const ctx = replContext(flake, name ?? refName, out);
  out.stderr(
    `${c.bold("confed repl")} ${flake.root}\n` +
      `  in scope: ${Object.keys(ctx).join(", ")}  (machines: ${flake.machineNames.join(", ")})\n` +
      "  e.g. machines.map.config.networking.hostName, Object.keys(homes)",
  );
  const colors = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  const server = repl.start({
    prompt: "confed> ",
    useGlobal: false,
    breakEvalOnSigint: true,
    // Configuration values are views (proxies): show what they hold, not their machinery.
    writer: (v: unknown) => inspect(v, { showProxy: false, colors, depth: 3 }),
  });
  for (const [k, v] of Object.entries(Object.getOwnPropertyDescriptors(ctx))) {
    Object.defineProperty(server.context, k, { ...v, configurable: true });
  }
  await new Promise<void>((done) => server.on("exit", () => done()));
  return 0;
}

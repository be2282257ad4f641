import type { Plan } from "./plan-types.ts";
import { unitHint } from "./units.ts";

const NOTICE: Record<string, string> = {
  backup: "moved aside to",
  skel: "identical to the distro's skeleton copy; moved aside to",
  forced: "replaced (force)",
  adopted: "adopted: its content already equals the new one",
  "modified-kept": "changed since the last switch; left as it is",
  released: "no longer confed's; left in place",
};

/**
 * The plan as text for people (`confed home plan`, `switch --dry-run`): collisions first (all
 * of them, with what to do), then added / changed (with diffs) / removed files, notices, and
 * the scripts that will run. `JSON.stringify(plan)` is the machine-readable form.
 *
 * @example
 * console.log(renderPlan(planHome(sys, opts)));
 * // + .bashrc
 * // ~ .config/app/settings.json
 * // - .old-tool.conf
 */
export function renderPlan(plan: Plan): string {
  const out: string[] = [];
  if (plan.collisions.length > 0) {
    out.push(`${plan.collisions.length} collision(s); nothing will be written:`);
    for (const c of plan.collisions) out.push(`  ! ${c.target}: ${c.detail}`);
    out.push(
      "Move them away, set `force' on a file, pass -b EXT to keep numbered backups, " +
        "or --adopt to take over files whose content already matches.",
      "",
    );
  }
  const sign = { add: "+", change: "~", remove: "-" } as const;
  for (const f of plan.files) {
    out.push(`${sign[f.action]} ${f.target}`);
    if (f.diff) for (const l of f.diff.trimEnd().split("\n")) out.push(`    ${l}`);
  }
  for (const x of plan.secrets ?? []) out.push(`${sign[x.action]} secret ${x.name}`);
  for (const n of plan.notices)
    out.push(`  note: ${n.target}: ${NOTICE[n.kind]}${n.to ? ` ${n.to}` : ""}`);
  for (const p of plan.pending)
    out.push(
      `  run: ${p.kind === "onChange" ? `onChange of ${p.name}` : p.kind === "units" ? "systemctl --user for the units below" : p.kind === "secrets" ? p.name : `activation step ${p.name}`}`,
    );
  const u = plan.units;
  if (u) {
    const line = (what: string, list: string[]) => {
      if (list.length) out.push(`  units ${what}: ${list.join(" ")}`);
    };
    line(u.run ? "to stop" : "removed", u.stop);
    line(u.run ? "to start" : "installed, not started", u.start);
    line(u.run ? "to restart if running" : "changed, not restarted", u.restart);
    line("installed (nothing wants them)", u.installed);
    if (!u.run) out.push(`  (${u.skipped}; to apply by hand: ${unitHint(u)})`);
  }
  const counts = (a: string) => plan.files.filter((f) => f.action === a).length;
  out.push(
    plan.ops.length === 0 && plan.collisions.length === 0
      ? `Nothing to do (${plan.unchanged} file(s) up to date).`
      : `${counts("add")} to add, ${counts("change")} to change, ${counts("remove")} to remove, ` +
          `${plan.unchanged} unchanged.`,
  );
  return `${out.join("\n")}\n`;
}

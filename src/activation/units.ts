/**
 * systemd user units at a home switch, as home-manager's sd-switch does it: after the commit,
 * units the new generation dropped are stopped, the manager reloads its unit files, new units
 * wanted by an active target are started, and changed units that run are restarted
 * (`try-restart`). Decided from the two manifests alone (contents compared by hash, no
 * manager asked at planning), and run as one post-commit script, so recovery re-runs it
 * after a crash. Without a running user manager (a container without lingering, WSL without
 * systemd, a `--destination` home) nothing is started: the plan says which units were
 * installed and how to start them.
 */
import { singleQuote } from "../lib/index.ts";
import type { HomeManifest } from "../manifest/index.ts";
import type { SystemReader } from "../system/system.ts";

/** What a switch does with user units. */
export interface UnitChanges {
  /** Units the new generation no longer has (stopped). */
  stop: string[];
  /** New units wanted by some target (started when that target is active). */
  start: string[];
  /** Units whose file changed (restarted if running). */
  restart: string[];
  /** New or changed units nothing wants (installed only). */
  installed: string[];
  /**
   * Whether the actions run: false when no user manager runs or `systemd.user.startServices`
   * is off; the plan then lists the units and the command to apply them.
   */
  run: boolean;
  /** Why they do not run, when they do not. */
  skipped?: string;
}

const q = singleQuote;

/**
 * The content hash a manifest records for the file at `source` (a unit's), if it has one (a
 * text's or a source file's SHA-256; a store path as id says nothing about the bytes).
 */
function idOf(m: HomeManifest, source: string): string | undefined {
  for (const f of Object.values(m.files))
    if (f.source === source)
      return f.id !== undefined && /^[0-9a-f]{64}$/.test(f.id) ? f.id : undefined;
  return undefined;
}

/**
 * Whether two unit files hold the same: by the ids their manifests record (no read), else by
 * reading both; a file that cannot be read (its generation is gone) counts as changed.
 */
function sameContent(
  sys: SystemReader,
  a: string,
  ma: HomeManifest,
  b: string,
  mb: HomeManifest,
): boolean {
  const ia = idOf(ma, a);
  const ib = idOf(mb, b);
  if (ia !== undefined && ib !== undefined) return ia === ib;
  try {
    return sys.sha256(a) === sys.sha256(b);
  } catch {
    return false;
  }
}

/**
 * Compares the units of two manifests. `userManager`: a user manager runs for this home (a
 * function is called only when some unit changed).
 *
 * @example
 * const u = planUnits(sys, oldManifest, newManifest, true);
 * if (u && u.run) pending.push({ kind: "units", name: "systemd", script: unitScript(u, newManifest) });
 */
export function planUnits(
  sys: SystemReader,
  oldM: HomeManifest | null,
  newM: HomeManifest,
  userManager: boolean | (() => boolean),
): UnitChanges | undefined {
  const oldU = oldM?.units ?? {};
  const newU = newM.units;
  const stop = Object.keys(oldU)
    .filter((u) => !(u in newU))
    .sort();
  const start: string[] = [];
  const restart: string[] = [];
  const installed: string[] = [];
  for (const u of Object.keys(newU).sort()) {
    const before = oldU[u];
    if (before === undefined) {
      (newU[u].wantedBy.length > 0 ? start : installed).push(u);
      continue;
    }
    if (before.source === newU[u].source) continue;
    if (!sameContent(sys, before.source, oldM!, newU[u].source, newM)) restart.push(u);
  }
  if (stop.length + start.length + restart.length + installed.length === 0) return undefined;
  const enabled = newM.startServices !== false;
  const run = enabled && (typeof userManager === "function" ? userManager() : userManager);
  return {
    stop,
    start,
    restart,
    installed,
    run,
    ...(run
      ? {}
      : {
          skipped: !enabled
            ? "systemd.user.startServices is off"
            : "no systemd user manager runs for this home",
        }),
  };
}

/**
 * The post-commit script: stop what went, reload, start what is new (when a target that
 * wants it is active), restart what changed and runs. Failures of single units are reported
 * and the rest still run; the script fails at the end if any did.
 */
export function unitScript(u: UnitChanges, m: HomeManifest): string {
  const lines = ["failed=0", 'sc() { systemctl --user "$@" || failed=1; }'];
  if (u.stop.length) lines.push(`sc stop ${u.stop.map(q).join(" ")}`);
  lines.push("sc daemon-reload");
  for (const unit of u.start) {
    const targets = m.units[unit].wantedBy.map(q).join(" ");
    lines.push(
      `for t in ${targets}; do if systemctl --user is-active --quiet "$t"; then sc start ${q(unit)}; break; fi; done`,
    );
  }
  if (u.restart.length) lines.push(`sc try-restart ${u.restart.map(q).join(" ")}`);
  lines.push('exit "$failed"');
  return `${lines.join("\n")}\n`;
}

/** What to tell a person when the units were not started. */
export function unitHint(u: UnitChanges): string {
  const parts: string[] = [];
  if (u.stop.length) parts.push(`systemctl --user stop ${u.stop.join(" ")}`);
  parts.push("systemctl --user daemon-reload");
  if (u.start.length) parts.push(`systemctl --user start ${u.start.join(" ")}`);
  if (u.restart.length) parts.push(`systemctl --user try-restart ${u.restart.join(" ")}`);
  return parts.join(" && ");
}

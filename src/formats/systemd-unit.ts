/**
 * systemd unit files (`[Section]` then `Key=value` lines): a list value repeats its key, as
 * systemd reads it (`After=a.target` twice adds both); booleans are `true`/`false`.
 */
import { ConfedError } from "../errors/index.ts";

export type UnitAtom = string | number | boolean;
export type UnitValue = UnitAtom | readonly UnitAtom[];
export type Unit = Record<string, Record<string, UnitValue>>;

/** Section order as systemd documents it; other sections follow in name order. */
const ORDER = ["Unit", "Service", "Timer", "Socket", "Path", "Mount", "Install"];

function atom(section: string, key: string, v: UnitAtom): string {
  const s = typeof v === "boolean" ? (v ? "true" : "false") : String(v);
  if (/[\r\n]/.test(s)) {
    throw new ConfedError(
      "E_UNIT_VALUE",
      `systemd unit: [${section}] ${key} has a line break, which a unit file cannot hold.`,
    );
  }
  return s;
}

/**
 * The text of a unit file.
 *
 * @example
 * unitText({ Unit: { Description: "sync" }, Service: { ExecStart: "/usr/bin/true" } })
 * // "[Unit]\nDescription=sync\n\n[Service]\nExecStart=/usr/bin/true\n"
 */
export function unitText(unit: Unit): string {
  const sections = Object.keys(unit).sort((a, b) => {
    const ia = ORDER.indexOf(a);
    const ib = ORDER.indexOf(b);
    if (ia !== -1 || ib !== -1) return (ia === -1 ? 99 : ia) - (ib === -1 ? 99 : ib);
    return a < b ? -1 : a > b ? 1 : 0;
  });
  const out: string[] = [];
  for (const s of sections) {
    const keys = Object.keys(unit[s]);
    if (keys.length === 0) continue;
    if (out.length) out.push("");
    out.push(`[${s}]`);
    for (const k of keys.sort()) {
      const v = unit[s][k];
      for (const one of Array.isArray(v) ? v : [v]) out.push(`${k}=${atom(s, k, one)}`);
    }
  }
  return `${out.join("\n")}\n`;
}

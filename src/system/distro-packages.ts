/**
 * Asking the distribution's package manager what is installed (dpkg, rpm, pacman). A home switch
 * never installs packages (a normal user cannot): it lists the missing ones with the command that
 * installs them.
 */
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";

export type PackageFamily = "apt" | "dnf" | "pacman";

/** True when `cmd` is an executable on PATH (looked up as a shell would, without one). */
const has = (cmd: string) =>
  (process.env.PATH ?? "/usr/bin:/bin").split(":").some((dir) => {
    try {
      accessSync(`${dir || "."}/${cmd}`, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });

/** The package family of this machine, from the package tools present; undefined if none. */
export function detectFamily(): PackageFamily | undefined {
  if (has("dpkg-query")) return "apt";
  if (has("rpm")) return "dnf";
  if (has("pacman")) return "pacman";
  return undefined;
}

/** Which of `names` are installed (names as the family calls them). */
export function installedPackages(family: PackageFamily, names: readonly string[]): Set<string> {
  const out = new Set<string>();
  if (names.length === 0) return out;
  if (family === "apt") {
    // Unknown names make dpkg-query exit 1 but still list the known ones.
    const r = spawnSync("dpkg-query", ["-W", "-f", "${db:Status-Abbrev} ${Package}\\n", ...names], {
      encoding: "utf8",
    });
    for (const line of (r.stdout ?? "").split("\n")) {
      const m = /^ii\s+(\S+)/.exec(line);
      if (m) out.add(m[1].split(":")[0]);
    }
  } else if (family === "dnf") {
    for (const n of names)
      if (spawnSync("rpm", ["-q", n], { stdio: "ignore" }).status === 0) out.add(n);
  } else {
    for (const n of names)
      if (spawnSync("pacman", ["-Q", n], { stdio: "ignore" }).status === 0) out.add(n);
  }
  return out;
}

/** The command a user runs to install `names`. */
export function installCommand(family: PackageFamily, names: readonly string[]): string {
  const list = names.join(" ");
  return family === "apt"
    ? `sudo apt-get install ${list}`
    : family === "dnf"
      ? `sudo dnf install ${list}`
      : `sudo pacman -S ${list}`;
}

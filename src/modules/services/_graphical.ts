/**
 * What the desktop modules share: where a package's command is, and the shape of a user unit
 * that lives and dies with the graphical session. Private to the modules (the leading `_`).
 *
 * The reference for option names and for what the generated files mean is home-manager's
 * release-25.05 branch at commit 44831a7eaba4360fb81f2acc5ea6de5fde90aaa3 (its modules
 * xsession.nix, services/*.nix, misc/{gtk,fontconfig,xdg-mime-apps}.nix, xresources.nix,
 * config/home-cursor.nix), with `home.stateVersion` 25.05.
 */
import type { Unit, UnitValue } from "../../formats/index.ts";
import { isStorePackage, mainProgram, type Pkgs } from "../../packages/index.ts";

/**
 * The absolute path of a package's command, for `ExecStart=` and scripts that run outside a
 * login shell: a distribution installs into `/usr/bin` (all three families), a package confed
 * builds sits in the home's profile. A null package (the user installs the program) keeps the
 * bare command, which systemd looks up in its own search path.
 *
 * @example
 * commandPath(config, pkgs, cfg.package, "dunst") // "/usr/bin/dunst"
 */
export function commandPath(config: any, pkgs: Pkgs, pkg: unknown, fallback: string): string {
  if (pkg === null || pkg === undefined) return fallback;
  const p = pkg as { name: string };
  if (isStorePackage(pkg)) return packageBin(config, pkg, p.name);
  return `/usr/bin/${mainProgram(p as Parameters<typeof mainProgram>[0], pkgs.family)}`;
}

/**
 * The absolute path of a named command of a package (`i3bar` of `pkgs.i3`), as
 * {@link commandPath} finds the main one.
 *
 * @example
 * packageBin(config, pkgs.i3, "i3bar") // "/usr/bin/i3bar"
 */
export function packageBin(config: any, pkg: unknown, bin: string): string {
  if (pkg === null || pkg === undefined) return bin;
  if (isStorePackage(pkg)) {
    const storeDir = String(config.home.storeDir);
    const profiles = `${storeDir.slice(0, storeDir.lastIndexOf("/"))}/profiles`;
    return `${profiles}/home-${config.home.username}/home-path/bin/${bin}`;
  }
  return `/usr/bin/${bin}`;
}

/** The target every graphical unit is bound to (systemd's own). */
export const GRAPHICAL = "graphical-session.target";
/** The tray target `xsession` defines, for applets that need a system tray. */
export const TRAY = "tray.target";

/**
 * A user service started with the graphical session and stopped with it, as home-manager
 * writes them: `After`/`PartOf` the session (and `Requires` the tray for applets), wanted by
 * `graphical-session.target`.
 *
 * @example
 * graphicalService({ description: "Blueman applet", tray: true, service: { ExecStart: "/usr/bin/blueman-applet" } })
 */
export function graphicalService(opts: {
  description: string;
  service: Record<string, UnitValue>;
  tray?: boolean;
  unit?: Record<string, UnitValue>;
}): Unit {
  return {
    Unit: {
      Description: opts.description,
      ...(opts.tray ? { Requires: [TRAY], After: [GRAPHICAL, TRAY] } : { After: [GRAPHICAL] }),
      PartOf: [GRAPHICAL],
      ...opts.unit,
    },
    Service: opts.service,
    Install: { WantedBy: [GRAPHICAL] },
  };
}

/**
 * One argument of a unit's command line (`ExecStart=`): plain words as they are, others in
 * double quotes; `%` and `$` are doubled so systemd neither expands specifiers nor variables.
 *
 * @example
 * unitArg("-c") // "-c"
 * unitArg("my screen") // "\"my screen\""
 */
export function unitArg(s: string): string {
  const escaped = s.replace(/%/g, "%%").replace(/\$/g, "$$$$");
  if (/^[A-Za-z0-9_@%+=:,./$-]+$/.test(escaped)) return escaped;
  return `"${escaped.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

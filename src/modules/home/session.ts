/**
 * The session environment of a home: `home.sessionVariables`, `home.sessionPath` and
 * `home.shellAliases`. Variables go to one guarded `session-vars.sh` (sourced once per session
 * by every shell module) and to `~/.config/environment.d/10-confed.conf` for systemd's user
 * manager and graphical sessions.
 */
import { mkOption, types } from "../../module-system/index.ts";
import { isStorePackage } from "../../packages/index.ts";

/** A value in double quotes for POSIX sh, keeping `$VAR` expansions (as home-manager does). */
export function shDoubleQuote(v: string): string {
  return `"${v.replace(/["\\`]/g, (c) => `\\${c}`)}"`;
}

/** The text of session-vars.sh. */
export function sessionVarsScript(
  vars: Record<string, unknown>,
  path: readonly string[],
  xdg: Record<string, string> | undefined,
): string {
  const lines = [
    "# Written by confed: the session variables of this home. Sourced once per session.",
    'if [ -n "${__CONFED_SESS_VARS_SOURCED:-}" ]; then return; fi',
    "export __CONFED_SESS_VARS_SOURCED=1",
  ];
  for (const [k, v] of Object.entries(xdg ?? {})) lines.push(`export ${k}=${shDoubleQuote(v)}`);
  for (const k of Object.keys(vars).sort())
    lines.push(`export ${k}=${shDoubleQuote(String(vars[k]))}`);
  if (path.length)
    lines.push(
      `export PATH="${path.map((p) => p.replace(/["\\`]/g, (c) => `\\${c}`)).join(":")}\${PATH:+:}$PATH"`,
    );
  return `${lines.join("\n")}\n`;
}

/** The text of environment.d/10-confed.conf (systemd's KEY=value with ${VAR} expansion). */
export function environmentD(
  vars: Record<string, unknown>,
  path: readonly string[],
  xdg: Record<string, string> | undefined,
): string {
  const lines = ["# Written by confed: the session variables of this home."];
  for (const [k, v] of Object.entries(xdg ?? {})) lines.push(`${k}=${v}`);
  for (const k of Object.keys(vars).sort())
    lines.push(`${k}=${String(vars[k]).replace(/\n/g, " ")}`);
  if (path.length) lines.push(`PATH=${path.join(":")}:\${PATH}`);
  return `${lines.join("\n")}\n`;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The XDG variables a session exports when `xdg.enable` is set, else undefined. Call it in a
 * getter (it reads config).
 */
export function sessionXdgVariables(config: any): Record<string, string> | undefined {
  return config.xdg.enable
    ? {
        XDG_CONFIG_HOME: config.xdg.configHome,
        XDG_DATA_HOME: config.xdg.dataHome,
        XDG_STATE_HOME: config.xdg.stateHome,
        XDG_CACHE_HOME: config.xdg.cacheHome,
      }
    : undefined;
}

/**
 * The directories a session puts in front of PATH: `home.sessionPath`, then the bin directory
 * of the home's profile when confed builds packages for it (they are joined into the
 * generation's home-path; the profile link makes that a stable path). Call it in a getter.
 */
export function sessionPathOf(config: any): string[] {
  const built = (config.home.packages as unknown[]).some(isStorePackage);
  const profileBin = `${homePathOf(config)}/bin`;
  return built ? [...config.home.sessionPath, profileBin] : config.home.sessionPath;
}

/**
 * The stable path of the generation's home-path (the packages confed builds, joined), through
 * the home's profile link. Call it in a getter.
 */
export function homePathOf(config: any): string {
  const storeDir = String(config.home.storeDir);
  return `${storeDir.slice(0, storeDir.lastIndexOf("/"))}/profiles/home-${config.home.username}/home-path`;
}

export default ({ config }: { config: any }) => {
  const xdgVars = () => sessionXdgVariables(config);
  const sessionPath = () => sessionPathOf(config);
  return {
    key: "home/session",
    _file: "<confed>/modules/home/session.ts",
    _class: "home",
    options: {
      home: {
        sessionVariables: mkOption({
          type: types.lazyAttrsOf(types.oneOf([types.str, types.int, types.float])),
          default: {},
          example: { EDITOR: "nvim", GS_OPTIONS: "-sPAPERSIZE=a4" },
          description:
            "Environment variables of every session of this user (login shells and the systemd user manager).",
        }),
        sessionPath: mkOption({
          type: types.listOf(types.str),
          default: [],
          example: ["$HOME/.local/bin"],
          description: "Directories put in front of PATH.",
        }),
        shellAliases: mkOption({
          type: types.attrsOf(types.str),
          default: {},
          example: { ll: "ls -l" },
          description: "Aliases for every shell this home enables.",
        }),
      },
    },
    config: {
      assertions: [
        {
          get assertion() {
            return Object.keys(config.home.sessionVariables).every((k) => NAME.test(k));
          },
          get message() {
            const bad = Object.keys(config.home.sessionVariables).filter((k) => !NAME.test(k));
            return `home.sessionVariables: ${bad.map((k) => `\`${k}'`).join(", ")} cannot be an environment variable name.`;
          },
        },
      ],
      xdg: {
        configFile: {
          "confed/session-vars.sh": {
            get text() {
              return sessionVarsScript(config.home.sessionVariables, sessionPath(), xdgVars());
            },
          },
          "environment.d/10-confed.conf": {
            get enable() {
              return (
                Object.keys(config.home.sessionVariables).length > 0 ||
                config.home.sessionPath.length > 0 ||
                config.xdg.enable
              );
            },
            get text() {
              return environmentD(config.home.sessionVariables, config.home.sessionPath, xdgVars());
            },
          },
        },
      },
    },
  };
};

/**
 * `xsession`: the X session script `~/.xsession` (what a display manager's "default session"
 * or `startx` runs) and the profile `~/.xprofile` it sources, with home-manager's options and
 * order of events. The profile sources the home's session variables and `~/.profile`, stops
 * what a previous session left running, imports the display variables into the systemd user
 * manager and runs `profileExtra`. The script then starts `confed-graphical-session.target`
 * (which binds `graphical-session.target` and `tray.target`, so the desktop services start),
 * runs `initExtra` and the window manager, and stops the session's units when it exits.
 *
 * @example
 * xsession: { enable: true, windowManager: { command: "i3" }, initExtra: "xset b off" }
 */
import { mkEnableOption, mkIf, mkOption, types } from "../../module-system/index.ts";
import { shellQuote } from "../home/shell-integration.ts";

/** The target the session script starts; it binds systemd's graphical-session.target. */
export const SESSION_TARGET = "confed-graphical-session";

const xsessionOptions = {
  xsession: {
    enable: mkEnableOption("the X session (`~/.xsession` and `~/.xprofile`)"),
    scriptPath: mkOption({
      type: types.str,
      default: ".xsession",
      example: ".xsession-confed",
      description: "Where the X session script goes, relative to the home directory.",
    }),
    profilePath: mkOption({
      type: types.str,
      default: ".xprofile",
      example: ".xprofile-confed",
      description: "Where the X profile script goes, relative to the home directory.",
    }),
    windowManager: {
      command: mkOption({
        type: types.str,
        default: 'test -n "$1" && eval "$@"',
        example: "i3",
        description:
          "The command that runs the window manager; the session ends when it exits. The default runs the script's arguments (a display manager's session command). The window manager modules set it.",
      }),
    },
    preferStatusNotifierItems: mkOption({
      type: types.bool,
      default: false,
      example: true,
      description:
        "Whether tray applets should prefer the StatusNotifierItem protocol (app indicators) over the XEmbed tray.",
    }),
    profileExtra: mkOption({
      type: types.lines,
      default: "",
      example: "xrandr --output Virtual-1 --mode 1920x1080",
      description: "Shell commands run by `~/.xprofile`, before the session starts.",
    }),
    initExtra: mkOption({
      type: types.lines,
      default: "",
      example: "xset b off",
      description: "Shell commands run by `~/.xsession`, just before the window manager.",
    }),
    importedVariables: mkOption({
      type: types.listOf(types.strMatching("[a-zA-Z_][a-zA-Z0-9_]*")),
      default: [],
      apply: (vs: string[]) => [...new Set(vs)],
      example: ["GDK_PIXBUF_MODULE_FILE"],
      description:
        "Environment variables imported into the systemd user manager when the session starts (and unset when it ends), so graphical services see them.",
    }),
  },
};

export type XsessionOptions = typeof xsessionOptions;

/** The text of `~/.xprofile`. */
export function xprofileText(sessionVars: string, imported: readonly string[], extra: string) {
  const lines = [
    `. ${shellQuote(sessionVars)}`,
    'if [ -e "$HOME/.profile" ]; then',
    '  . "$HOME/.profile"',
    "fi",
    "",
    "# Units still running from a previous session: the display manager may start",
    "# graphical-session.target before this script runs.",
    "systemctl --user stop graphical-session.target graphical-session-pre.target",
    "",
  ];
  if (imported.length) {
    lines.push(`systemctl --user import-environment ${imported.map(shellQuote).join(" ")}`, "");
  }
  if (extra.trim() !== "") lines.push(extra.replace(/\n+$/, ""), "");
  lines.push("export CONFED_XPROFILE_SOURCED=1");
  return `${lines.join("\n")}\n`;
}

/** The text of `~/.xsession`. */
export function xsessionText(
  profile: string,
  imported: readonly string[],
  init: string,
  wm: string,
) {
  const lines = [
    "#!/bin/sh",
    'if [ -z "$CONFED_XPROFILE_SOURCED" ]; then',
    `  . ${shellQuote(profile)}`,
    "fi",
    "unset CONFED_XPROFILE_SOURCED",
    "",
    `systemctl --user start ${SESSION_TARGET}.target`,
    "",
  ];
  if (init.trim() !== "") lines.push(init.replace(/\n+$/, ""), "");
  lines.push(
    wm,
    "",
    "systemctl --user stop graphical-session.target",
    "systemctl --user stop graphical-session-pre.target",
    "",
    "# Wait until the units have stopped.",
    'while [ -n "$(systemctl --user --no-legend --state=deactivating list-units)" ]; do',
    "  sleep 0.5",
    "done",
  );
  if (imported.length) {
    lines.push("", `systemctl --user unset-environment ${imported.map(shellQuote).join(" ")}`);
  }
  return `${lines.join("\n")}\n`;
}

export default ({ config }: { config: any }) => {
  const cfg = config.xsession;
  return {
    key: "programs/xsession",
    _file: "<confed>/modules/programs/xsession.ts",
    _class: "home",
    options: xsessionOptions,
    config: mkIf(() => cfg.enable, {
      xsession: {
        importedVariables: [
          "DBUS_SESSION_BUS_ADDRESS",
          "DISPLAY",
          "SSH_AUTH_SOCK",
          "XAUTHORITY",
          "XDG_DATA_DIRS",
          "XDG_RUNTIME_DIR",
          "XDG_SESSION_ID",
        ],
      },
      systemd: {
        user: {
          targets: {
            [SESSION_TARGET]: {
              Unit: {
                Description: "confed X session",
                Requires: ["graphical-session-pre.target"],
                BindsTo: ["graphical-session.target", "tray.target"],
              },
            },
            tray: {
              Unit: {
                Description: "confed system tray",
                Requires: ["graphical-session-pre.target"],
              },
            },
          },
        },
      },
      home: {
        // Keyed by the paths, as home-manager does, so `home.file.".xsession"` names them.
        get file() {
          return {
            [cfg.profilePath]: {
              get text() {
                return xprofileText(
                  `${config.xdg.configHome}/confed/session-vars.sh`,
                  cfg.importedVariables,
                  cfg.profileExtra,
                );
              },
            },
            [cfg.scriptPath]: {
              executable: true,
              get text() {
                return xsessionText(
                  `${config.home.homeDirectory}/${cfg.profilePath}`,
                  cfg.importedVariables,
                  cfg.initExtra,
                  cfg.windowManager.command,
                );
              },
            },
          };
        },
      },
    }),
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "programs/xsession": XsessionOptions;
  }
}

/**
 * `services.emacs`: the Emacs daemon as a systemd user service, with home-manager's option
 * names and unit (reference: home-manager release-25.05, commit
 * 44831a7eaba4360fb81f2acc5ea6de5fde90aaa3).
 *
 * - `emacs.service` runs `emacs --fg-daemon` through a login shell (so it sees the session
 *   variables), Type=notify, started with the user session (`default.target`), the graphical
 *   session, or only by its socket (`socketActivation`, `emacs.socket` at
 *   `%t/emacs/server`).
 * - `client.enable` writes `~/.local/share/applications/emacsclient.desktop` (home-manager adds
 *   the same entry as a package); `defaultEditor` sets EDITOR to `emacsclient`, creating a
 *   frame when given no file, as home-manager's wrapper does.
 * - The daemon's Emacs is `programs.emacs.package` when that module is on, as in home-manager.
 *
 * @example
 * services: { emacs: { enable: true, client: { enable: true }, defaultEditor: true } }
 */
import { ini } from "../../formats/index.ts";
import { mkIf, mkOption, types } from "../../module-system/index.ts";
import { mainProgram, type Pkgs } from "../../packages/index.ts";
import { versionAtLeast } from "../home/shell-integration.ts";

const emacsServiceOptions = (pkgs: Pkgs, config: any) => ({
  services: {
    emacs: {
      enable: mkOption({
        type: types.bool,
        default: false,
        example: true,
        description: "Whether to run the Emacs daemon as a user service.",
      }),
      package: mkOption({
        type: types.package,
        get default() {
          const e = config.programs.emacs;
          return e.enable && e.package !== null ? e.package : pkgs.emacs;
        },
        defaultText: "programs.emacs.package when programs.emacs is enabled, else pkgs.emacs",
        description: "The Emacs package the daemon runs.",
      }),
      extraOptions: mkOption({
        type: types.listOf(types.str),
        default: [],
        example: ["-f", "exwm-enable"],
        description: "More arguments for `emacs`.",
      }),
      client: {
        enable: mkOption({
          type: types.bool,
          default: false,
          description: "Whether to write a desktop entry for `emacsclient`.",
        }),
        arguments: mkOption({
          type: types.listOf(types.str),
          default: ["-c"],
          description: "Arguments of `emacsclient` in the desktop entry.",
        }),
      },
      socketActivation: {
        enable: mkOption({
          type: types.bool,
          default: false,
          description: "Whether systemd starts the daemon when a client connects to its socket.",
        }),
      },
      startWithUserSession: mkOption({
        type: types.either(types.bool, types.enum(["graphical"])),
        get default(): boolean {
          return !config.services.emacs.socketActivation.enable;
        },
        defaultText: "!services.emacs.socketActivation.enable",
        example: "graphical",
        description:
          "Whether the daemon starts with the user session (true: default.target), the graphical session (`graphical`), or not.",
      }),
      defaultEditor: mkOption({
        type: types.bool,
        default: false,
        description: "Whether `emacsclient` is the default editor (EDITOR).",
      }),
    },
  },
});

/** The options of `services.emacs`, for the type-level registry. */
export type EmacsServiceOptions = ReturnType<typeof emacsServiceOptions>;

const MIME =
  "text/english;text/plain;text/x-makefile;text/x-c++hdr;text/x-c++src;text/x-chdr;text/x-csrc;text/x-java;text/x-moc;text/x-pascal;text/x-tcl;text/x-tex;application/x-shellscript;text/x-c;text/x-c++;";

const shellArg = (s: string) =>
  /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.services.emacs;
  const bin = (name: string) => {
    const main = mainProgram(cfg.package, pkgs.family);
    return name === "emacs" ? main : `${main}client`;
  };
  const socketPath = "%t/emacs/server";
  return {
    key: "services/emacs",
    _file: "<confed>/modules/services/emacs.ts",
    _class: "home",
    options: emacsServiceOptions(pkgs, config),
    config: mkIf(() => cfg.enable, {
      home: {
        get packages() {
          return [cfg.package];
        },
        sessionVariables: mkIf(() => cfg.defaultEditor, {
          get EDITOR() {
            // emacsclient with no file creates a frame (home-manager's wrapper does the same).
            return `${bin("emacsclient")} --alternate-editor= --create-frame`;
          },
        }),
      },
      systemd: {
        user: {
          services: {
            emacs: {
              get Unit() {
                const graphical = cfg.startWithUserSession === "graphical";
                return {
                  Description: "Emacs text editor",
                  Documentation: "info:emacs man:emacs(1) https://gnu.org/software/emacs/",
                  ...(graphical
                    ? { After: "graphical-session.target", PartOf: "graphical-session.target" }
                    : {}),
                  "X-RestartIfChanged": false,
                  ...(cfg.socketActivation.enable &&
                  versionAtLeast(cfg.package.version, "28") === false
                    ? { RefuseManualStart: true }
                    : {}),
                };
              },
              get Service() {
                const daemon = cfg.socketActivation.enable
                  ? `--fg-daemon=${shellArg(socketPath)}`
                  : "--fg-daemon";
                const args = [bin("emacs"), daemon, ...cfg.extraOptions.map(shellArg)].join(" ");
                return {
                  Type: "notify",
                  // A login shell, so the daemon sees the same environment as a terminal.
                  ExecStart: `/bin/sh -l -c ${JSON.stringify(`exec ${args}`)}`,
                  SuccessExitStatus: 15,
                  Restart: "on-failure",
                };
              },
              get Install() {
                const s = cfg.startWithUserSession;
                return s === false
                  ? {}
                  : { WantedBy: s === true ? "default.target" : "graphical-session.target" };
              },
            },
          },
          sockets: mkIf(() => cfg.socketActivation.enable, {
            emacs: {
              Unit: {
                Description: "Emacs text editor",
                Documentation: "info:emacs man:emacs(1) https://gnu.org/software/emacs/",
              },
              Socket: {
                ListenStream: socketPath,
                FileDescriptorName: "server",
                SocketMode: "0600",
                DirectoryMode: "0700",
                FlushPending: true,
              },
              Install: { WantedBy: "sockets.target", RequiredBy: "emacs.service" },
            },
          }),
        },
      },
      xdg: {
        dataFile: {
          "applications/emacsclient.desktop": {
            get enable() {
              return cfg.client.enable;
            },
            get text() {
              return ini({ listsAsDuplicateKeys: false }).generate("emacsclient.desktop", {
                "Desktop Entry": {
                  Type: "Application",
                  Exec: [bin("emacsclient"), ...cfg.client.arguments, "%F"].join(" "),
                  Terminal: false,
                  Name: "Emacs Client",
                  Icon: "emacs",
                  Comment: "Edit text",
                  GenericName: "Text Editor",
                  MimeType: MIME,
                  Categories: "Development;TextEditor;",
                  Keywords: "Text;Editor;",
                  StartupWMClass:
                    versionAtLeast(cfg.package.version, "28") === false ? "Emacs" : "Emacsd",
                },
              });
            },
          },
        },
      },
    }),
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "services/emacs": EmacsServiceOptions;
  }
}

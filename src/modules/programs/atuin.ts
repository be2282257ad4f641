/**
 * `programs.atuin`: shell history in a database, with home-manager's option names and files
 * (reference: home-manager release-25.05, commit 44831a7eaba4360fb81f2acc5ea6de5fde90aaa3):
 * `settings` as `~/.config/atuin/config.toml` (only when set), `themes` as
 * `~/.config/atuin/themes/<name>.toml`, and `atuin init` in each enabled shell through
 * `home.shell.init` (guarded by `command -v`; in bash and zsh only where line editing is on,
 * bash after loading bash-preexec from its distribution path). `daemon.enable` adds the user
 * service and socket home-manager defines.
 *
 * Debian does not package atuin: on apt the package reference resolves to nothing, so set
 * `package = null` and install it another way (its installer or cargo).
 *
 * @example
 * programs: { atuin: { enable: true, flags: ["--disable-up-arrow"], settings: { search_mode: "prefix" } } }
 */
import { formats } from "../../formats/index.ts";
import { mkIf, mkOption, mkPackageOption, types } from "../../module-system/index.ts";
import { mainProgram, type Pkgs } from "../../packages/index.ts";
import { mkShellIntegrationOption, shellQuote, versionAtLeast } from "../home/shell-integration.ts";

const toml = formats.toml();

/** Where distributions put bash-preexec (Arch and Debian 13's package). */
export const BASH_PREEXEC = "/usr/share/bash-preexec/bash-preexec.sh";

const atuinOptions = (pkgs: Pkgs, config: any) => ({
  programs: {
    atuin: {
      enable: mkOption({
        type: types.bool,
        default: false,
        example: true,
        description: "Whether to enable atuin, shell history in a searchable database.",
      }),
      package: mkPackageOption(pkgs, "atuin", { nullable: true }),
      flags: mkOption({
        type: types.listOf(types.str),
        default: [],
        example: ["--disable-up-arrow", "--disable-ctrl-r"],
        description: "Flags of `atuin init`.",
      }),
      settings: mkOption({
        type: toml.type,
        default: {},
        example: { auto_sync: true, sync_frequency: "5m", search_mode: "prefix" },
        description: "atuin's configuration (~/.config/atuin/config.toml).",
      }),
      themes: mkOption({
        type: types.attrsOf(types.either(types.path, types.either(types.lines, toml.type))),
        default: {},
        example: { "my-theme": { theme: { name: "My Theme" }, colors: { Base: "#000000" } } },
        description:
          "Themes (~/.config/atuin/themes/<name>.toml): settings, TOML text, or a path to a file.",
      }),
      daemon: {
        enable: mkOption({
          type: types.bool,
          default: false,
          description: "Whether to run atuin's daemon as a user service (atuin 18.2 and later).",
        }),
        logLevel: mkOption({
          type: types.nullOr(types.enum(["trace", "debug", "info", "warn", "error"])),
          default: null,
          description: "How much the daemon logs (ATUIN_LOG).",
        }),
      },
      enableBashIntegration: mkShellIntegrationOption(config, "bash", "atuin (binds ctrl-r)"),
      enableZshIntegration: mkShellIntegrationOption(config, "zsh", "atuin (binds ctrl-r and up)"),
      enableFishIntegration: mkShellIntegrationOption(config, "fish", "atuin (binds up)"),
    },
  },
});

/** The options of `programs.atuin`, for the type-level registry. */
export type AtuinOptions = ReturnType<typeof atuinOptions>;

/** atuin's init code per shell. */
export function atuinInit(bin: string, flags: readonly string[]) {
  const f = flags.map(shellQuote).join(" ");
  const init = (shell: string) => `${bin} init ${shell}${f ? ` ${f}` : ""}`;
  return {
    bash: `if [[ :$SHELLOPTS: =~ :(vi|emacs): ]] && command -v ${bin} >/dev/null 2>&1; then\n  [[ -f ${BASH_PREEXEC} ]] && source ${BASH_PREEXEC}\n  eval "$(${init("bash")})"\nfi`,
    zsh: `if [[ $options[zle] = on ]] && command -v ${bin} >/dev/null 2>&1; then\n  eval "$(${init("zsh")})"\nfi`,
    fish: `if type -q ${bin}\n    ${init("fish")} | source\nend`,
  };
}

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.programs.atuin;
  const bin = () => (cfg.package === null ? "atuin" : mainProgram(cfg.package, pkgs.family));
  const entry = (shell: "bash" | "zsh" | "fish", flag: string) => ({
    atuin: mkIf(() => cfg[flag], {
      get text() {
        return atuinInit(bin(), cfg.flags)[shell];
      },
    }),
  });
  return {
    key: "programs/atuin",
    _file: "<confed>/modules/programs/atuin.ts",
    _class: "home",
    options: atuinOptions(pkgs, config),
    config: mkIf(() => cfg.enable, {
      programs: {
        atuin: {
          settings: mkIf(() => cfg.daemon.enable, {
            daemon: { enabled: true, systemd_socket: true },
          }),
        },
      },
      home: {
        get packages() {
          return cfg.package === null ? [] : [cfg.package];
        },
        shell: {
          init: {
            bash: entry("bash", "enableBashIntegration"),
            zsh: entry("zsh", "enableZshIntegration"),
            fish: entry("fish", "enableFishIntegration"),
          },
        },
      },
      systemd: {
        user: mkIf(() => cfg.daemon.enable, {
          services: {
            "atuin-daemon": {
              Unit: { Description: "Atuin daemon", Requires: "atuin-daemon.socket" },
              Install: { Also: "atuin-daemon.socket", WantedBy: "default.target" },
              get Service() {
                return {
                  ExecStart: `/usr/bin/env ${bin()} daemon`,
                  ...(cfg.daemon.logLevel !== null
                    ? { Environment: `ATUIN_LOG=${cfg.daemon.logLevel}` }
                    : {}),
                  Restart: "on-failure",
                  RestartSteps: 3,
                  RestartMaxDelaySec: 6,
                };
              },
            },
          },
          sockets: {
            "atuin-daemon": {
              Unit: { Description: "Atuin daemon socket" },
              Install: { WantedBy: "sockets.target" },
              Socket: {
                // 18.4 moved the socket to the runtime directory; an unknown version gets that.
                get ListenStream() {
                  return versionAtLeast(cfg.package?.version, "18.4") === false
                    ? "%D/atuin/atuin.sock"
                    : "%t/atuin.sock";
                },
                SocketMode: "0600",
                RemoveOnStop: true,
              },
            },
          },
        }),
      },
      xdg: {
        get configFile() {
          const files: Record<string, unknown> = {};
          if (Object.keys(cfg.settings).length)
            files["atuin/config.toml"] = { text: toml.generate("config.toml", cfg.settings) };
          for (const [name, t] of Object.entries(cfg.themes as Record<string, unknown>)) {
            const where = `atuin/themes/${name}.toml`;
            if (typeof t === "string")
              files[where] = t.startsWith("/") && !t.includes("\n") ? { source: t } : { text: t };
            else files[where] = { text: toml.generate(`${name}.toml`, t as never) };
          }
          return files;
        },
      },
    }),
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "programs/atuin": AtuinOptions;
  }
}

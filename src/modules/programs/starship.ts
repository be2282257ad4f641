/**
 * `programs.starship`: `settings` as TOML in `~/.config/starship.toml` (written only when
 * there are settings), and the shell lines that start the prompt. Those lines are offered in
 * `programs.starship.shellInit` (per shell, only for enabled integrations) for the shell
 * modules to run; they are home-manager's: `eval "$(starship init bash --print-full-init)"`
 * (bash), `eval "$(starship init zsh)"` (zsh), `starship init fish | source` (fish), each
 * skipped on a dumb terminal.
 *
 * @example
 * programs: { starship: { enable: true, settings: { add_newline: false, character: { success_symbol: "[➜](bold green)" } } } }
 */
import { formats } from "../../formats/index.ts";
import {
  mkEnableOption,
  mkIf,
  mkOption,
  mkPackageOption,
  types,
} from "../../module-system/index.ts";
import { mainProgram, type Pkgs } from "../../packages/index.ts";

const toml = formats.toml();

const integration = (shell: string) =>
  mkOption({
    type: types.bool,
    default: true,
    description: `Whether to start starship in ${shell}.`,
  });

const starshipOptions = (pkgs: Pkgs) => ({
  programs: {
    starship: {
      enable: mkEnableOption("starship, the cross-shell prompt"),
      package: mkPackageOption(pkgs, "starship", { nullable: true }),
      settings: mkOption({
        type: toml.type,
        default: {},
        example: { add_newline: false, scan_timeout: 10, character: { success_symbol: "➜" } },
        description:
          "Configuration written to `~/.config/starship.toml` (see https://starship.rs/config/).",
      }),
      enableBashIntegration: integration("bash"),
      enableZshIntegration: integration("zsh"),
      enableFishIntegration: integration("fish"),
      shellInit: mkOption({
        type: types.attrsOf(types.str),
        readOnly: true,
        internal: true,
        description:
          "The lines that start starship, by shell (bash, zsh, fish), for the shell modules.",
      }),
    },
  },
});

export type StarshipOptions = ReturnType<typeof starshipOptions>;

/** The init lines for each shell, given the command that runs starship. */
export function starshipInit(bin: string): { bash: string; zsh: string; fish: string } {
  return {
    // Guarded by `command -v`: a distro package may not be installed yet (the switch lists it),
    // and a shell must still start cleanly.
    bash: `if [[ $TERM != "dumb" ]] && command -v ${bin} >/dev/null 2>&1; then\n  eval "$(${bin} init bash --print-full-init)"\nfi\n`,
    zsh: `if [[ $TERM != "dumb" ]] && command -v ${bin} >/dev/null 2>&1; then\n  eval "$(${bin} init zsh)"\nfi\n`,
    fish: `if test "$TERM" != "dumb"; and type -q ${bin}\n  ${bin} init fish | source\nend\n`,
  };
}

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.programs.starship;
  return {
    key: "programs/starship",
    _file: "<confed>/modules/programs/starship.ts",
    _class: "home",
    options: starshipOptions(pkgs),
    config: {
      programs: {
        starship: {
          get shellInit() {
            if (!cfg.enable) return {};
            const bin = cfg.package === null ? "starship" : mainProgram(cfg.package, pkgs.family);
            const init = starshipInit(bin);
            const out: Record<string, string> = {};
            if (cfg.enableBashIntegration) out.bash = init.bash;
            if (cfg.enableZshIntegration) out.zsh = init.zsh;
            if (cfg.enableFishIntegration) out.fish = init.fish;
            return out;
          },
        },
      },
      home: {
        get packages() {
          return cfg.enable && cfg.package !== null ? [cfg.package] : [];
        },
        // The prompt goes in late, after other integrations (as home-manager orders it).
        shell: {
          init: {
            bash: {
              starship: mkIf(() => cfg.shellInit.bash !== undefined, {
                order: 1500,
                get text() {
                  return cfg.shellInit.bash;
                },
              }),
            },
            zsh: {
              starship: mkIf(() => cfg.shellInit.zsh !== undefined, {
                order: 1500,
                get text() {
                  return cfg.shellInit.zsh;
                },
              }),
            },
            fish: {
              starship: mkIf(() => cfg.shellInit.fish !== undefined, {
                order: 1500,
                get text() {
                  return cfg.shellInit.fish;
                },
              }),
            },
          },
        },
      },
      xdg: {
        configFile: {
          "starship.toml": {
            get enable() {
              return cfg.enable && Object.keys(cfg.settings).length > 0;
            },
            get text() {
              return toml.generate("starship.toml", cfg.settings);
            },
          },
        },
      },
    },
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "programs/starship": StarshipOptions;
  }
}

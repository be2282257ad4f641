/**
 * `programs.zoxide`: the smarter `cd`, started in each enabled shell through
 * `home.shell.init` with home-manager's lines (reference: home-manager release-25.05, commit
 * 44831a7eaba4360fb81f2acc5ea6de5fde90aaa3): `eval "$(zoxide init bash …)"` last in bash and
 * zsh (zoxide wants to come after other prompt hooks), `zoxide init fish … | source` in fish.
 * Each is guarded by `command -v`, so a shell starts cleanly before the package is installed.
 *
 * @example
 * programs: { zoxide: { enable: true, options: ["--cmd", "cd"] } }
 */
import { mkIf, mkOption, mkPackageOption, types } from "../../module-system/index.ts";
import { mainProgram, type Pkgs } from "../../packages/index.ts";
import { mkShellIntegrationOption, shellQuote } from "../home/shell-integration.ts";

const zoxideOptions = (pkgs: Pkgs, config: any) => ({
  programs: {
    zoxide: {
      enable: mkOption({
        type: types.bool,
        default: false,
        example: true,
        description: "Whether to enable zoxide, the smarter cd.",
      }),
      package: mkPackageOption(pkgs, "zoxide", { nullable: true }),
      options: mkOption({
        type: types.listOf(types.str),
        default: [],
        example: ["--no-cmd"],
        description: "Options of `zoxide init`.",
      }),
      enableBashIntegration: mkShellIntegrationOption(config, "bash", "zoxide's init"),
      enableZshIntegration: mkShellIntegrationOption(config, "zsh", "zoxide's init"),
      enableFishIntegration: mkShellIntegrationOption(config, "fish", "zoxide's init"),
    },
  },
});

/** The options of `programs.zoxide`, for the type-level registry. */
export type ZoxideOptions = ReturnType<typeof zoxideOptions>;

/** zoxide's init lines per shell. */
export function zoxideInit(bin: string, options: readonly string[]) {
  const args = ["init", "SHELL", ...options.map(shellQuote)].join(" ");
  const posix = (shell: string) =>
    `if command -v ${bin} >/dev/null 2>&1; then\n  eval "$(${bin} ${args.replace("SHELL", shell)})"\nfi`;
  return {
    bash: posix("bash"),
    zsh: posix("zsh"),
    fish: `if type -q ${bin}\n    ${bin} ${args.replace("SHELL", "fish")} | source\nend`,
  };
}

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.programs.zoxide;
  const init = () =>
    zoxideInit(
      cfg.package === null ? "zoxide" : mainProgram(cfg.package, pkgs.family),
      cfg.options,
    );
  return {
    key: "programs/zoxide",
    _file: "<confed>/modules/programs/zoxide.ts",
    _class: "home",
    options: zoxideOptions(pkgs, config),
    config: mkIf(() => cfg.enable, {
      home: {
        get packages() {
          return cfg.package === null ? [] : [cfg.package];
        },
        shell: {
          init: {
            bash: {
              zoxide: mkIf(() => cfg.enableBashIntegration, {
                order: 2000,
                get text() {
                  return init().bash;
                },
              }),
            },
            zsh: {
              zoxide: mkIf(() => cfg.enableZshIntegration, {
                order: 2000,
                get text() {
                  return init().zsh;
                },
              }),
            },
            fish: {
              zoxide: mkIf(() => cfg.enableFishIntegration, {
                get text() {
                  return init().fish;
                },
              }),
            },
          },
        },
      },
    }),
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "programs/zoxide": ZoxideOptions;
  }
}

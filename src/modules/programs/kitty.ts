/**
 * `programs.kitty`: `~/.config/kitty/kitty.conf`, with home-manager's option names and lines
 * (reference: home-manager release-25.05, commit 44831a7eaba4360fb81f2acc5ea6de5fde90aaa3):
 * the font, the theme's `include`, `shell_integration`, `settings` (booleans as yes/no),
 * `action_alias`, `map` and `env` lines, then `extraConfig`. Unlike home-manager, nothing is
 * written when nothing is set. A changed file makes running kittys reload it (SIGUSR1).
 *
 * kitty's shell integration is loaded by the shells' init code (through `home.shell.init`, as
 * home-manager does), so kitty is told `no-rc` and leaves the rc files alone.
 * `themeFile` is a theme file's path: distributions do not package the kitty-themes
 * collection home-manager's theme names refer to.
 *
 * @example
 * programs: { kitty: { enable: true, font: { name: "Fira Code", size: 11 }, settings: { scrollback_lines: 10000 } } }
 */
import { mkIf, mkOption, mkPackageOption, types } from "../../module-system/index.ts";
import type { Pkgs } from "../../packages/index.ts";

const valueType = types.oneOf([types.str, types.bool, types.int, types.float]);

const kittyOptions = (pkgs: Pkgs, config: any) => {
  const integration = (shell: string) =>
    mkOption({
      type: types.bool,
      get default(): boolean {
        const mode = config.programs.kitty.shellIntegration.mode;
        return mode !== null && !mode.split(" ").includes("disabled");
      },
      defaultText: "shellIntegration.mode is set and not `disabled`",
      description: `Whether ${shell} loads kitty's shell integration when it runs inside kitty.`,
    });
  return {
    programs: {
      kitty: {
        enable: mkOption({
          type: types.bool,
          default: false,
          example: true,
          description: "Whether to enable the kitty terminal emulator.",
        }),
        package: mkPackageOption(pkgs, "kitty", { nullable: true }),
        settings: mkOption({
          type: types.attrsOf(valueType),
          default: {},
          example: { scrollback_lines: 10000, enable_audio_bell: false, update_check_interval: 0 },
          description: "kitty.conf settings (see kitty.conf(5)); booleans are written yes/no.",
        }),
        font: mkOption({
          type: types.nullOr(
            types.submodule({
              options: {
                name: mkOption({ type: types.str, description: "The font family." }),
                size: mkOption({
                  type: types.nullOr(types.number),
                  default: null,
                  description: "The font size in points.",
                }),
                package: mkOption({
                  type: types.nullOr(types.package),
                  default: null,
                  description: "The package providing the font.",
                }),
              },
            }),
          ),
          default: null,
          description: "The font.",
        }),
        themeFile: mkOption({
          type: types.nullOr(types.path),
          default: null,
          example: "/home/me/themes/kitty/Dracula.conf",
          description: "A theme file, included by kitty.conf.",
        }),
        keybindings: mkOption({
          type: types.attrsOf(types.str),
          default: {},
          example: { "ctrl+c": "copy_or_interrupt" },
          description: "Key mappings (`map KEY ACTION`).",
        }),
        actionAliases: mkOption({
          type: types.attrsOf(types.str),
          default: {},
          example: { launch_tab: "launch --cwd=current --type=tab" },
          description: "Action aliases (`action_alias NAME ACTION`).",
        }),
        environment: mkOption({
          type: types.attrsOf(types.str),
          default: {},
          example: { LS_COLORS: "1" },
          description: "Environment variables of the programs kitty runs (`env NAME=VALUE`).",
        }),
        shellIntegration: {
          mode: mkOption({
            type: types.nullOr(types.str),
            default: "no-rc",
            example: "no-cursor",
            description:
              "kitty's `shell_integration` setting; `no-rc` is always part of it, since the shells load the integration themselves.",
          }),
          enableBashIntegration: integration("bash"),
          enableZshIntegration: integration("zsh"),
          enableFishIntegration: integration("fish"),
        },
        extraConfig: mkOption({
          type: types.lines,
          default: "",
          description: "Lines at the end of kitty.conf.",
        }),
      },
    },
  };
};

/** The options of `programs.kitty`, for the type-level registry. */
export type KittyOptions = ReturnType<typeof kittyOptions>;

const kittyValue = (v: unknown) => (typeof v === "boolean" ? (v ? "yes" : "no") : String(v));

/** The text of kitty.conf, or "" when nothing is set. */
export function kittyConfText(cfg: any): string {
  const lines = (o: Record<string, unknown>, fn: (k: string, v: unknown) => string) =>
    Object.keys(o)
      .sort()
      .map((k) => fn(k, o[k]));
  const mode = cfg.shellIntegration.mode;
  const blocks = [
    cfg.font === null
      ? []
      : [
          `font_family ${cfg.font.name}`,
          ...(cfg.font.size === null ? [] : [`font_size ${cfg.font.size}`]),
        ],
    cfg.themeFile === null ? [] : [`include ${cfg.themeFile}`],
    mode === null
      ? []
      : [`shell_integration ${mode.split(" ").includes("no-rc") ? mode : `no-rc ${mode}`}`],
    lines(cfg.settings, (k, v) => `${k} ${kittyValue(v)}`),
    lines(cfg.actionAliases, (k, v) => `action_alias ${k} ${v}`),
    lines(cfg.keybindings, (k, v) => `map ${k} ${v}`),
    lines(cfg.environment, (k, v) => `env ${k}=${v}`),
    cfg.extraConfig === "" ? [] : [cfg.extraConfig.replace(/\n+$/, "")],
  ];
  const set =
    cfg.font !== null || cfg.themeFile !== null || blocks.slice(3).some((b) => b.length > 0);
  if (!set) return "";
  return `# Written by confed (programs.kitty). See kitty.conf(5).\n${blocks
    .filter((b) => b.length)
    .map((b) => b.join("\n"))
    .join("\n\n")}\n`;
}

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.programs.kitty;
  const mode = () => cfg.shellIntegration.mode;
  return {
    key: "programs/kitty",
    _file: "<confed>/modules/programs/kitty.ts",
    _class: "home",
    options: kittyOptions(pkgs, config),
    config: mkIf(() => cfg.enable, {
      assertions: [
        {
          get assertion() {
            const s = cfg.shellIntegration;
            return !(
              s.mode === null &&
              (s.enableBashIntegration || s.enableZshIntegration || s.enableFishIntegration)
            );
          },
          message:
            "programs.kitty.shellIntegration.mode is null, so the shells cannot load kitty's integration: set the mode, or turn off shellIntegration.enable<Shell>Integration.",
        },
      ],
      home: {
        get packages() {
          return [
            ...(cfg.package === null ? [] : [cfg.package]),
            ...(cfg.font?.package ? [cfg.font.package] : []),
          ];
        },
        shell: {
          init: {
            bash: {
              kitty: mkIf(() => cfg.shellIntegration.enableBashIntegration, {
                get text() {
                  return `if test -n "$KITTY_INSTALLATION_DIR"; then\n  export KITTY_SHELL_INTEGRATION="${mode()}"\n  source "$KITTY_INSTALLATION_DIR/shell-integration/bash/kitty.bash"\nfi`;
                },
              }),
            },
            zsh: {
              kitty: mkIf(() => cfg.shellIntegration.enableZshIntegration, {
                get text() {
                  return `if test -n "$KITTY_INSTALLATION_DIR"; then\n  export KITTY_SHELL_INTEGRATION="${mode()}"\n  autoload -Uz -- "$KITTY_INSTALLATION_DIR"/shell-integration/zsh/kitty-integration\n  kitty-integration\n  unfunction kitty-integration\nfi`;
                },
              }),
            },
            fish: {
              kitty: mkIf(() => cfg.shellIntegration.enableFishIntegration, {
                get text() {
                  return `if set -q KITTY_INSTALLATION_DIR\n    set --global KITTY_SHELL_INTEGRATION "${mode()}"\n    source "$KITTY_INSTALLATION_DIR/shell-integration/fish/vendor_conf.d/kitty-shell-integration.fish"\n    set --prepend fish_complete_path "$KITTY_INSTALLATION_DIR/shell-integration/fish/vendor_completions.d"\nend`;
                },
              }),
            },
          },
        },
      },
      xdg: {
        configFile: {
          "kitty/kitty.conf": {
            get enable() {
              return kittyConfText(cfg) !== "";
            },
            get text() {
              return kittyConfText(cfg);
            },
            onChange: 'pkill -USR1 -u "$USER" kitty || true',
          },
        },
      },
    }),
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "programs/kitty": KittyOptions;
  }
}

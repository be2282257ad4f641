/**
 * `programs.fzf`: the fuzzy finder's environment (FZF_DEFAULT_COMMAND, FZF_DEFAULT_OPTS, the
 * widgets' commands and options, as session variables) and its key bindings in bash, zsh and fish
 * through `home.shell.init`.
 *
 * The integration depends on fzf's version, taken from `programs.fzf.version` (by default the
 * package reference's pinned version), never from the machine:
 * - 0.48 and later print their own integration: `eval "$(fzf --bash)"`, `source <(fzf --zsh)`,
 *   `fzf --fish | source` (key bindings and completion), as home-manager does.
 * - Older ones (Debian 12 ships 0.38), or an unknown version: the scripts the distro ships are
 *   sourced — on Debian `/usr/share/doc/fzf/examples/key-bindings.{bash,zsh}` (and
 *   `completion.zsh`; bash's completion is loaded by bash-completion), on Fedora
 *   `/usr/share/fzf/shell/`, on Arch `/usr/share/fzf/`. Every fzf version ships those, so this
 *   is also what an unknown version gets; pin the version to get the newer form.
 *
 * @example
 * programs: { fzf: { enable: true, defaultCommand: "fd --type f", defaultOptions: ["--height 40%"] } }
 */
import {
  mkIf,
  mkOption,
  mkPackageOption,
  mkRenamedOptionModule,
  types,
} from "../../module-system/index.ts";
import type { Pkgs } from "../../packages/index.ts";
import { mkShellIntegrationOption, versionAtLeast } from "../home/shell-integration.ts";

/** Where a distro family keeps fzf's shell scripts (before `fzf --bash` existed). */
export function fzfScriptDir(family: string | undefined): string {
  if (family === "dnf") return "/usr/share/fzf/shell";
  if (family === "pacman") return "/usr/share/fzf";
  return "/usr/share/doc/fzf/examples";
}

const widget = (what: string, key: string, commandExample: string, optionsExample: string[]) => ({
  command: mkOption({
    type: types.nullOr(types.str),
    default: null,
    example: commandExample,
    description: `The command whose output fzf lists for ${key} (${what}).`,
  }),
  options: mkOption({
    type: types.listOf(types.str),
    default: [],
    example: optionsExample,
    description: `fzf's options for ${key}.`,
  }),
});

const fzfOptions = (pkgs: Pkgs, config: any) => ({
  programs: {
    fzf: {
      enable: mkOption({
        type: types.bool,
        default: false,
        example: true,
        description: "Whether to enable fzf, a command-line fuzzy finder.",
      }),
      package: mkPackageOption(pkgs, "fzf", { nullable: true }),
      version: mkOption({
        type: types.nullOr(types.str),
        get default(): string | null {
          return config.programs.fzf.package?.version ?? null;
        },
        defaultText: "programs.fzf.package.version",
        example: "0.38.0",
        description:
          "fzf's version, which decides the form of the shell integration (`fzf --bash` from 0.48); null when unknown, which sources the distro's scripts.",
      }),
      defaultCommand: mkOption({
        type: types.nullOr(types.str),
        default: null,
        example: "fd --type f",
        description: "The command fzf reads when its input is a terminal (FZF_DEFAULT_COMMAND).",
      }),
      defaultOptions: mkOption({
        type: types.listOf(types.str),
        default: [],
        example: ["--height 40%", "--border"],
        description: "Options fzf always takes (FZF_DEFAULT_OPTS).",
      }),
      fileWidget: widget("files", "CTRL-T", "fd --type f", ["--preview 'head {}'"]),
      changeDirWidget: widget("directories", "ALT-C", "fd --type d", [
        "--preview 'tree -C {} | head -200'",
      ]),
      historyWidget: widget("history", "CTRL-R", "", ["--sort", "--exact"]),
      colors: mkOption({
        type: types.attrsOf(types.str),
        default: {},
        example: { bg: "#1e1e1e", "bg+": "#1e1e1e", fg: "#d4d4d4" },
        description: "A color scheme, added to FZF_DEFAULT_OPTS as `--color`.",
      }),
      tmux: {
        enableShellIntegration: mkOption({
          type: types.bool,
          default: false,
          description: "Whether the key bindings use fzf-tmux (FZF_TMUX=1).",
        }),
        shellIntegrationOptions: mkOption({
          type: types.listOf(types.str),
          default: [],
          example: ["-d 40%"],
          description: "fzf-tmux's options for the key bindings (FZF_TMUX_OPTS).",
        }),
      },
      enableBashIntegration: mkShellIntegrationOption(config, "bash", "fzf's key bindings"),
      enableZshIntegration: mkShellIntegrationOption(config, "zsh", "fzf's key bindings"),
      enableFishIntegration: mkShellIntegrationOption(config, "fish", "fzf's key bindings"),
    },
  },
});

/** The options of `programs.fzf`, for the type-level registry. */
export type FzfOptions = ReturnType<typeof fzfOptions>;

/** The FZF_* variables of a config (only those with a value), by name. */
export function fzfVariables(cfg: any): Record<string, string> {
  const colors = Object.keys(cfg.colors)
    .sort()
    .map((k) => `${k}:${cfg.colors[k]}`);
  const words = (l: string[]) => (l.length ? l.join(" ") : null);
  const vars: Record<string, string | null> = {
    FZF_ALT_C_COMMAND: cfg.changeDirWidget.command,
    FZF_ALT_C_OPTS: words(cfg.changeDirWidget.options),
    FZF_CTRL_R_COMMAND: cfg.historyWidget.command,
    FZF_CTRL_R_OPTS: words(cfg.historyWidget.options),
    FZF_CTRL_T_COMMAND: cfg.fileWidget.command,
    FZF_CTRL_T_OPTS: words(cfg.fileWidget.options),
    FZF_DEFAULT_COMMAND: cfg.defaultCommand,
    FZF_DEFAULT_OPTS: words([
      ...cfg.defaultOptions,
      ...(colors.length ? [`--color ${colors.join(",")}`] : []),
    ]),
    FZF_TMUX: cfg.tmux.enableShellIntegration ? "1" : null,
    FZF_TMUX_OPTS: words(cfg.tmux.shellIntegrationOptions),
  };
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(vars)) if (v !== null) out[k] = v;
  return out;
}

/** fzf's init code for one shell, by version and family. */
export function fzfInit(
  shell: "bash" | "zsh" | "fish",
  version: string | null,
  family?: string,
): string {
  const bin = "fzf";
  const dir = fzfScriptDir(family);
  if (shell === "fish") {
    // Arch installs the function in fish's vendor directory, where fish autoloads it.
    return versionAtLeast(version, "0.48") === true
      ? `${bin} --fish | source`
      : `if not functions -q fzf_key_bindings; and test -f ${dir}/key-bindings.fish\n    source ${dir}/key-bindings.fish\nend\nif functions -q fzf_key_bindings\n    fzf_key_bindings\nend`;
  }
  if (versionAtLeast(version, "0.48") === true) {
    // Only where line editing is on: the bindings need it.
    return shell === "bash"
      ? `if [[ :$SHELLOPTS: =~ :(vi|emacs): ]]; then\n  eval "$(${bin} --bash)"\nfi`
      : `if [[ $options[zle] = on ]]; then\n  source <(${bin} --zsh)\nfi`;
  }
  return shell === "bash"
    ? `if [[ :$SHELLOPTS: =~ :(vi|emacs): && -f ${dir}/key-bindings.bash ]]; then\n  . ${dir}/key-bindings.bash\nfi`
    : `if [[ $options[zle] = on && -f ${dir}/key-bindings.zsh ]]; then\n  [[ -f ${dir}/completion.zsh ]] && source ${dir}/completion.zsh\n  source ${dir}/key-bindings.zsh\nfi`;
}

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.programs.fzf;
  const renamed = (from: string, to: string[]) =>
    mkRenamedOptionModule(["programs", "fzf", from], ["programs", "fzf", ...to]);
  return {
    key: "programs/fzf",
    _file: "<confed>/modules/programs/fzf.ts",
    _class: "home",
    // home-manager's older flat names, still found in many configurations.
    imports: [
      renamed("fileWidgetCommand", ["fileWidget", "command"]),
      renamed("fileWidgetOptions", ["fileWidget", "options"]),
      renamed("changeDirWidgetCommand", ["changeDirWidget", "command"]),
      renamed("changeDirWidgetOptions", ["changeDirWidget", "options"]),
      renamed("historyWidgetOptions", ["historyWidget", "options"]),
      renamed("historyWidgetCommand", ["historyWidget", "command"]),
    ],
    options: fzfOptions(pkgs, config),
    config: mkIf(() => cfg.enable, {
      home: {
        get sessionVariables() {
          return fzfVariables(cfg);
        },
        get packages() {
          return cfg.package === null ? [] : [cfg.package];
        },
        shell: {
          init: {
            // Early (as in home-manager), so that a history tool loaded later can take CTRL-R.
            bash: {
              fzf: mkIf(() => cfg.enableBashIntegration, {
                order: 200,
                get text() {
                  return fzfInit("bash", cfg.version, pkgs.family);
                },
              }),
            },
            zsh: {
              fzf: mkIf(() => cfg.enableZshIntegration, {
                order: 910,
                get text() {
                  return fzfInit("zsh", cfg.version, pkgs.family);
                },
              }),
            },
            fish: {
              fzf: mkIf(() => cfg.enableFishIntegration, {
                order: 200,
                get text() {
                  return fzfInit("fish", cfg.version, pkgs.family);
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
    "programs/fzf": FzfOptions;
  }
}

/**
 * `programs.tmux`: `~/.config/tmux/tmux.conf` (home-manager's path since 24.05; tmux ≥ 3.1
 * reads it), with home-manager's options (release-25.05) and the same commands: the generated
 * settings first, then the plugins (`run-shell` of each plugin's `.tmux` file, after its
 * `extraConfig`), then `extraConfig`, so the user's lines win. `secureSocket` puts the server
 * socket under `$XDG_RUNTIME_DIR` through `TMUX_TMPDIR`.
 *
 * @example
 * programs: { tmux: { enable: true, prefix: "C-a", keyMode: "vi", mouse: true, baseIndex: 1 } }
 */
import {
  mkEnableOption,
  mkIf,
  mkOption,
  mkPackageOption,
  types,
} from "../../module-system/index.ts";
import type { Pkgs } from "../../packages/index.ts";

const pluginType = types.either(
  types.str,
  types.submodule({
    options: {
      plugin: mkOption({
        type: types.str,
        description: "The plugin's entry script (a `.tmux` file), run with `run-shell`.",
      }),
      extraConfig: mkOption({
        type: types.lines,
        default: "",
        description: "Settings for the plugin, written before it is run.",
      }),
    },
  }),
);

const tmuxOptions = (pkgs: Pkgs) => ({
  programs: {
    tmux: {
      enable: mkEnableOption("tmux"),
      package: mkPackageOption(pkgs, "tmux", { nullable: true }),
      prefix: mkOption({
        type: types.nullOr(types.str),
        default: null,
        example: "C-a",
        description: "The prefix key; overrides `shortcut`.",
      }),
      shortcut: mkOption({
        type: types.str,
        default: "b",
        example: "a",
        description: "The prefix is Ctrl with this key; pressing it twice goes to the last window.",
      }),
      keyMode: mkOption({
        type: types.enum(["emacs", "vi"]),
        default: "emacs",
        description: "Key bindings of copy mode and the status line.",
      }),
      terminal: mkOption({
        type: types.str,
        default: "screen",
        example: "tmux-256color",
        description: "`default-terminal`.",
      }),
      baseIndex: mkOption({
        type: types.ints.unsigned,
        default: 0,
        example: 1,
        description: "First window and pane number.",
      }),
      escapeTime: mkOption({
        type: types.ints.unsigned,
        default: 500,
        example: 0,
        description: "Milliseconds tmux waits after an escape.",
      }),
      historyLimit: mkOption({
        type: types.ints.positive,
        default: 2000,
        description: "Lines kept per pane.",
      }),
      mouse: mkEnableOption("mouse support"),
      clock24: mkOption({ type: types.bool, default: false, description: "A 24-hour clock." }),
      focusEvents: mkOption({
        type: types.bool,
        default: false,
        description: "Pass focus events to applications.",
      }),
      aggressiveResize: mkOption({
        type: types.bool,
        default: false,
        description: "Size windows to the smallest client looking at them.",
      }),
      secureSocket: mkOption({
        type: types.bool,
        default: true,
        description: "Keep the socket under /run/user (private, gone at logout) rather than /tmp.",
      }),
      sensibleOnTop: mkOption({
        type: types.bool,
        default: false,
        description:
          "Run tmux-sensible first. Distributions do not package it: list its `sensible.tmux` first in `plugins` instead.",
      }),
      plugins: mkOption({
        type: types.listOf(pluginType),
        default: [],
        example: ["/usr/share/tmux-plugins/resurrect/resurrect.tmux"],
        description: "Plugins, as paths to their `.tmux` script or `{ plugin, extraConfig }`.",
      }),
      extraConfig: mkOption({
        type: types.lines,
        default: "",
        description: "Lines at the end of tmux.conf.",
      }),
    },
  },
});

export type TmuxOptions = ReturnType<typeof tmuxOptions>;

const onOff = (b: boolean) => (b ? "on" : "off");

/** The generated settings, before the plugins and extraConfig. */
export function tmuxSettings(cfg: any): string {
  const l = [
    `set  -g default-terminal "${cfg.terminal}"`,
    `set  -g base-index      ${cfg.baseIndex}`,
    `setw -g pane-base-index ${cfg.baseIndex}`,
    `set -g status-keys ${cfg.keyMode}`,
    `set -g mode-keys   ${cfg.keyMode}`,
  ];
  if (cfg.prefix !== null) {
    l.push(
      `# rebind main key: ${cfg.prefix}`,
      "unbind C-b",
      `set -g prefix ${cfg.prefix}`,
      `bind -N "Send the prefix key through to the application" ${cfg.prefix} send-prefix`,
    );
  } else if (cfg.shortcut !== "b") {
    l.push(
      `# rebind main key: C-${cfg.shortcut}`,
      "unbind C-b",
      `set -g prefix C-${cfg.shortcut}`,
      `bind -N "Send the prefix key through to the application" ${cfg.shortcut} send-prefix`,
      `bind C-${cfg.shortcut} last-window`,
    );
  }
  l.push(
    `set  -g mouse             ${onOff(cfg.mouse)}`,
    `set  -g focus-events      ${onOff(cfg.focusEvents)}`,
    `setw -g aggressive-resize ${onOff(cfg.aggressiveResize)}`,
    `setw -g clock-mode-style  ${cfg.clock24 ? "24" : "12"}`,
    `set  -s escape-time       ${cfg.escapeTime}`,
    `set  -g history-limit     ${cfg.historyLimit}`,
  );
  return `${l.join("\n")}\n`;
}

/** The plugins' section: each plugin's settings, then its script run. */
export function pluginsText(
  plugins: readonly (string | { plugin: string; extraConfig: string })[],
): string {
  return plugins
    .map((p) => {
      const { plugin, extraConfig } = typeof p === "string" ? { plugin: p, extraConfig: "" } : p;
      const name = plugin.split("/").filter(Boolean).at(-1);
      return [
        `# ${name}`,
        ...(extraConfig ? [extraConfig.replace(/\n$/, "")] : []),
        `run-shell ${plugin}`,
      ].join("\n");
    })
    .map((t) => `${t}\n`)
    .join("\n");
}

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.programs.tmux;
  return {
    key: "programs/tmux",
    _file: "<confed>/modules/programs/tmux.ts",
    _class: "home",
    options: tmuxOptions(pkgs),
    config: mkIf(() => cfg.enable, {
      assertions: [
        {
          get assertion() {
            return !cfg.sensibleOnTop;
          },
          message:
            "programs.tmux.sensibleOnTop: no distribution packages tmux-sensible; put the path of its sensible.tmux first in programs.tmux.plugins.",
        },
      ],
      home: {
        get packages() {
          return cfg.package === null ? [] : [cfg.package];
        },
        sessionVariables: mkIf(() => cfg.secureSocket, {
          // Shell syntax, expanded by the session file: not a template string.
          TMUX_TMPDIR: `\${XDG_RUNTIME_DIR:-"/run/user/$(id -u)"}`,
        }),
      },
      xdg: {
        configFile: {
          "tmux/tmux.conf": {
            get text() {
              return [tmuxSettings(cfg), pluginsText(cfg.plugins), cfg.extraConfig]
                .filter((t) => t !== "")
                .map((t) => (t.endsWith("\n") ? t : `${t}\n`))
                .join("\n");
            },
          },
        },
      },
    }),
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "programs/tmux": TmuxOptions;
  }
}

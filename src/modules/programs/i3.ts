/**
 * `xsession.windowManager.i3`: `~/.config/i3/config` from home-manager's options, in the
 * same order and with the same meaning as home-manager's renderer: fonts, floating modifier,
 * borders, focus settings, colours, key bindings (the default workspace's first), modes,
 * assigns, bars, gaps, `for_window` rules, startup commands, workspace outputs, then
 * `extraConfig`. With `config = null` only `extraConfig` is written. The window manager
 * command of `xsession` becomes i3, and a changed file makes running i3s reload.
 *
 * @example
 * xsession: { enable: true, windowManager: { i3: { enable: true, config: { modifier: "Mod4", terminal: "alacritty" } } } }
 */
import {
  mkEnableOption,
  mkIf,
  mkOption,
  mkPackageOption,
  types,
} from "../../module-system/index.ts";
import type { Pkgs } from "../../packages/index.ts";
import { commandPath } from "../services/_graphical.ts";
import { i3ConfigModule } from "./_i3-options.ts";

const i3Options = (pkgs: Pkgs) => ({
  xsession: {
    windowManager: {
      i3: {
        enable: mkEnableOption("the i3 window manager"),
        package: mkPackageOption(pkgs, "i3", { nullable: true }),
        config: mkOption({
          type: types.nullOr(types.submodule(i3ConfigModule)),
          default: {},
          description:
            "i3's settings, rendered into `~/.config/i3/config`; null writes only `extraConfig`.",
        }),
        extraConfig: mkOption({
          type: types.lines,
          default: "",
          example: "workspace_layout tabbed",
          description: "Lines at the end of `~/.config/i3/config`.",
        }),
      },
    },
  },
});

export type I3Options = ReturnType<typeof i3Options>;

type Criteria = Record<string, string | boolean>;
type Font = { names: string[]; style: string; size: number | string };

const sorted = (o: object) => Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const yesNo = (b: boolean) => (b ? "yes" : "no");

/** `[class="^Firefox$" floating]`: true is a bare criterion, false is left out. */
export function criteriaStr(c: Criteria): string {
  const parts = sorted(c)
    .map((k) => (c[k] === true ? k : c[k] === false ? "" : `${k}="${c[k]}"`))
    .filter((p) => p !== "");
  return `[${parts.join(" ")}]`;
}

/** `font pango:A, B Style 10`, or nothing without names. */
export function fontStr(f: Font): string {
  if (f.names.length === 0) return "";
  return ["font", `pango:${f.names.join(", ")}`, f.style, String(f.size)]
    .filter((p) => p !== "")
    .join(" ");
}

function bindings(kind: "bindsym" | "bindcode", b: Record<string, string | null>, indent = "") {
  return sorted(b)
    .filter((k) => b[k] !== null)
    .map((k) => `${indent}${kind} ${k} ${b[k]}`);
}

const colorSet = (c: any) => [c.border, c.background, c.text, c.indicator, c.childBorder].join(" ");
const barColorSet = (c: any) => [c.border, c.background, c.text].join(" ");

/** One `bar { … }` block. */
export function barStr(b: any): string {
  const l: string[] = [];
  const opt = (cond: boolean, line: string) => {
    if (cond) l.push(line);
  };
  opt(b.id !== null, `id ${b.id}`);
  opt(fontStr(b.fonts) !== "", fontStr(b.fonts));
  opt(b.mode !== null, `mode ${b.mode}`);
  opt(b.hiddenState !== null, `hidden_state ${b.hiddenState}`);
  opt(b.position !== null, `position ${b.position}`);
  opt(b.statusCommand !== null, `status_command ${b.statusCommand}`);
  l.push(`i3bar_command ${b.command}`);
  opt(b.workspaceButtons !== null, `workspace_buttons ${yesNo(b.workspaceButtons)}`);
  opt(b.workspaceNumbers !== null, `strip_workspace_numbers ${yesNo(!b.workspaceNumbers)}`);
  opt(b.trayOutput !== null, `tray_output ${b.trayOutput}`);
  opt(b.trayPadding !== null, `tray_padding ${b.trayPadding}`);
  const c = b.colors;
  const colors: string[] = [];
  const col = (v: unknown, line: () => string) => {
    if (v !== null) colors.push(`    ${line()}`);
  };
  col(c.background, () => `background ${c.background}`);
  col(c.statusline, () => `statusline ${c.statusline}`);
  col(c.separator, () => `separator ${c.separator}`);
  col(c.focusedBackground, () => `focused_background ${c.focusedBackground}`);
  col(c.focusedStatusline, () => `focused_statusline ${c.focusedStatusline}`);
  col(c.focusedSeparator, () => `focused_separator ${c.focusedSeparator}`);
  col(c.focusedWorkspace, () => `focused_workspace ${barColorSet(c.focusedWorkspace)}`);
  col(c.activeWorkspace, () => `active_workspace ${barColorSet(c.activeWorkspace)}`);
  col(c.inactiveWorkspace, () => `inactive_workspace ${barColorSet(c.inactiveWorkspace)}`);
  col(c.urgentWorkspace, () => `urgent_workspace ${barColorSet(c.urgentWorkspace)}`);
  col(c.bindingMode, () => `binding_mode ${barColorSet(c.bindingMode)}`);
  if (colors.length) l.push("colors {", ...colors.map((x) => x.slice(2)), "}");
  const extra = b.extraConfig.replace(/\n+$/, "");
  if (extra !== "") l.push(...extra.split("\n"));
  return ["bar {", ...l.map((x) => `  ${x}`), "}"].join("\n");
}

function gapsStr(g: any): string[] {
  const l: string[] = [];
  for (const k of ["inner", "outer", "horizontal", "vertical", "top", "bottom", "left", "right"]) {
    if (g[k] !== null) l.push(`gaps ${k} ${g[k]}`);
  }
  if (g.smartGaps) l.push("smart_gaps on");
  if (g.smartBorders !== "off") l.push(`smart_borders ${g.smartBorders}`);
  return l;
}

function startupStr(s: any): string {
  return [
    s.always ? "exec_always" : "exec",
    ...(s.notification && s.workspace === null ? [] : ["--no-startup-id"]),
    s.workspace === null ? s.command : `i3-msg 'workspace ${s.workspace}; exec ${s.command}'`,
  ].join(" ");
}

const quoted = (s: string) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;

/** The text of `~/.config/i3/config` for a config (null: none) and extraConfig. */
export function i3ConfigText(c: any, extraConfig: string): string {
  // i3 guesses the syntax of a file without this line, and may take a short one for v3.
  const blocks: string[] = ["# i3 config file (v4)"];
  if (c !== null) {
    const border = (w: any) => `${w.titlebar ? "normal" : "pixel"} ${w.border}`;
    const first: Record<string, string | null> = {};
    const rest: Record<string, string | null> = {};
    for (const k of Object.keys(c.keybindings)) {
      const v = c.keybindings[k];
      (c.defaultWorkspace !== null && v === c.defaultWorkspace ? first : rest)[k] = v;
    }
    blocks.push(
      [
        fontStr(c.fonts),
        `floating_modifier ${c.floating.modifier}`,
        `default_border ${border(c.window)}`,
        `default_floating_border ${border(c.floating)}`,
        `hide_edge_borders ${c.window.hideEdgeBorders}`,
        `focus_wrapping ${c.focus.wrapping}`,
        `focus_follows_mouse ${yesNo(c.focus.followMouse)}`,
        `focus_on_window_activation ${c.focus.newWindow}`,
        `mouse_warping ${c.focus.mouseWarping ? "output" : "none"}`,
        `workspace_layout ${c.workspaceLayout}`,
        `workspace_auto_back_and_forth ${yesNo(c.workspaceAutoBackAndForth)}`,
        `client.focused ${colorSet(c.colors.focused)}`,
        `client.focused_inactive ${colorSet(c.colors.focusedInactive)}`,
        `client.unfocused ${colorSet(c.colors.unfocused)}`,
        `client.urgent ${colorSet(c.colors.urgent)}`,
        `client.placeholder ${colorSet(c.colors.placeholder)}`,
        `client.background ${c.colors.background}`,
      ]
        .filter((l) => l !== "")
        .join("\n"),
    );
    const keys = [
      ...bindings("bindsym", first),
      ...bindings("bindsym", rest),
      ...bindings("bindcode", c.keycodebindings),
    ];
    if (keys.length) blocks.push(keys.join("\n"));
    for (const m of sorted(c.modes)) {
      blocks.push(
        [`mode ${quoted(m)} {`, ...bindings("bindsym", c.modes[m], "  "), "}"].join("\n"),
      );
    }
    const assigns = sorted(c.assigns).flatMap((ws) =>
      c.assigns[ws].map((cr: Criteria) => `assign ${criteriaStr(cr)} ${ws}`),
    );
    if (assigns.length) blocks.push(assigns.join("\n"));
    for (const b of c.bars) blocks.push(barStr(b));
    const tail = [
      ...(c.gaps === null ? [] : gapsStr(c.gaps)),
      ...c.floating.criteria.map((cr: Criteria) => `for_window ${criteriaStr(cr)} floating enable`),
      ...c.window.commands.map((w: any) => `for_window ${criteriaStr(w.criteria)} ${w.command}`),
      ...c.startup.map(startupStr),
      ...c.workspaceOutputAssign.map(
        (w: any) => `workspace ${quoted(w.workspace)} output ${w.output.map(quoted).join(" ")}`,
      ),
    ];
    if (tail.length) blocks.push(tail.join("\n"));
  }
  const extra = extraConfig.replace(/\n+$/, "");
  if (extra !== "") blocks.push(extra);
  return blocks.length > 1 ? `${blocks.join("\n\n")}\n` : "";
}

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.xsession.windowManager.i3;
  const i3msg = () => (cfg.package === null ? "i3-msg" : "/usr/bin/i3-msg");
  return {
    key: "programs/i3",
    _file: "<confed>/modules/programs/i3.ts",
    _class: "home",
    options: i3Options(pkgs),
    config: mkIf(() => cfg.enable, {
      home: {
        get packages() {
          const bars = cfg.config === null ? [] : cfg.config.bars;
          const usesI3status = bars.some((b: any) => /^i3status(\s|$)/.test(b.statusCommand ?? ""));
          return [
            ...(cfg.package === null ? [] : [cfg.package]),
            ...(usesI3status ? [pkgs.i3status] : []),
          ];
        },
      },
      xsession: {
        windowManager: {
          get command() {
            return commandPath(config, pkgs, cfg.package, "i3");
          },
        },
      },
      xdg: {
        configFile: {
          "i3/config": {
            get enable() {
              return i3ConfigText(cfg.config, cfg.extraConfig) !== "";
            },
            get text() {
              return i3ConfigText(cfg.config, cfg.extraConfig);
            },
            // Every i3 of this user reloads; sockets of ended sessions just refuse.
            get onChange() {
              return [
                'for sock in "${XDG_RUNTIME_DIR:-/run/user/$(id -u)}"/i3/ipc-socket.*; do',
                '  if [ -S "$sock" ]; then',
                `    ${i3msg()} -s "$sock" reload >/dev/null 2>&1 || true`,
                "  fi",
                "done",
              ].join("\n");
            },
          },
        },
      },
    }),
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "programs/i3": I3Options;
  }
}

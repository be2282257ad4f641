/**
 * The options of `xsession.windowManager.i3.config`, with home-manager's names, types and
 * defaults (as for `home.stateVersion` 25.05: titlebars on, bars' unset settings null).
 * Private to `i3.ts`, which renders them.
 */
import { mkOption, types } from "../../module-system/index.ts";

const str = types.str;
const nullStr = (description: string, example?: string) =>
  mkOption({ type: types.nullOr(str), default: null, example, description });

/** Window criteria: `{ class: "^Firefox$" }`; `true` is a bare criterion (`[floating]`). */
export const criteriaType = types.attrsOf(types.either(str, types.bool));

const fontType = types.submodule({
  options: {
    names: mkOption({
      type: types.listOf(str),
      default: ["monospace"],
      example: ["FontAwesome", "Terminus"],
      description: "Font names, in order (an icon font goes before the text font).",
    }),
    style: mkOption({
      type: str,
      default: "",
      example: "Bold Semi-Condensed",
      description: "The font style.",
    }),
    size: mkOption({
      type: types.either(types.number, str),
      default: 8,
      example: 11.5,
      description: "The font size.",
    }),
  },
});

const fontsOption = (what: string) =>
  mkOption({
    type: fontType,
    default: {},
    example: { names: ["DejaVu Sans Mono", "FontAwesome5Free"], style: "Bold", size: 11 },
    description: `The font of ${what} (pango).`,
  });

const colorSet = (description: string, d: Record<string, string>) =>
  mkOption({
    type: types.submodule({
      options: Object.fromEntries(
        ["border", "background", "text", "indicator", "childBorder"].map((k) => [
          k,
          mkOption({ type: str, description: `The ${k} colour.` }),
        ]),
      ),
    }),
    default: d,
    description,
  });

const barColorSetType = types.submodule({
  options: Object.fromEntries(
    ["border", "background", "text"].map((k) => [
      k,
      mkOption({ type: str, description: `The ${k} colour.` }),
    ]),
  ),
});
const barColor = (description: string) =>
  mkOption({ type: types.nullOr(barColorSetType), default: null, description });

const barType = types.submodule({
  options: {
    id: nullStr("The bar's id (i3 numbers bars `bar-0`, `bar-1`, … otherwise)."),
    fonts: fontsOption("the bar"),
    mode: mkOption({
      type: types.nullOr(types.enum(["dock", "hide", "invisible"])),
      default: null,
      example: "dock",
      description: "The bar's display mode; null keeps i3's (dock).",
    }),
    hiddenState: mkOption({
      type: types.nullOr(types.enum(["hide", "show"])),
      default: null,
      example: "hide",
      description: "Whether a bar in hide mode starts hidden; null keeps i3's.",
    }),
    position: mkOption({
      type: types.nullOr(types.enum(["top", "bottom"])),
      default: null,
      example: "bottom",
      description: "Where the bar sits; null keeps i3's (bottom).",
    }),
    workspaceButtons: mkOption({
      type: types.nullOr(types.bool),
      default: null,
      example: true,
      description: "Whether the bar shows workspace buttons; null keeps i3's.",
    }),
    workspaceNumbers: mkOption({
      type: types.nullOr(types.bool),
      default: null,
      example: true,
      description: "Whether workspace buttons show numbers (else `strip_workspace_numbers`).",
    }),
    command: mkOption({
      type: str,
      default: "i3bar",
      example: "i3bar -t",
      description: "The command that draws the bar.",
    }),
    statusCommand: nullStr("The command whose output the bar shows.", "i3status"),
    trayOutput: nullStr("The output that shows the tray; null keeps i3's.", "primary"),
    trayPadding: mkOption({
      type: types.nullOr(types.int),
      default: null,
      example: 2,
      description: "Pixels around the tray icons.",
    }),
    colors: mkOption({
      type: types.submodule({
        options: {
          background: nullStr("The bar's background colour.", "#000000"),
          statusline: nullStr("The status line's text colour.", "#ffffff"),
          separator: nullStr("The separator's colour.", "#666666"),
          focusedBackground: nullStr("The background on the focused output."),
          focusedStatusline: nullStr("The status line's colour on the focused output."),
          focusedSeparator: nullStr("The separator's colour on the focused output."),
          focusedWorkspace: barColor("Border, background and text of the focused workspace."),
          activeWorkspace: barColor("Border, background and text of a visible workspace."),
          inactiveWorkspace: barColor("Border, background and text of other workspaces."),
          urgentWorkspace: barColor("Border, background and text of an urgent workspace."),
          bindingMode: barColor("Border, background and text of the binding mode indicator."),
        },
      }),
      default: {},
      description: "The bar's colours; unset ones keep i3's.",
    }),
    extraConfig: mkOption({
      type: types.lines,
      default: "",
      description: "Lines added inside the bar block.",
    }),
  },
});

/** The bar home-manager puts in every i3 configuration unless told otherwise. */
export function defaultBar(statusCommand: string) {
  return {
    mode: "dock" as const,
    hiddenState: "hide" as const,
    position: "bottom" as const,
    workspaceButtons: true,
    workspaceNumbers: true,
    statusCommand,
    fonts: { names: ["monospace"], size: 8 },
    trayOutput: "primary",
    colors: {
      background: "#000000",
      statusline: "#ffffff",
      separator: "#666666",
      focusedWorkspace: { border: "#4c7899", background: "#285577", text: "#ffffff" },
      activeWorkspace: { border: "#333333", background: "#5f676a", text: "#ffffff" },
      inactiveWorkspace: { border: "#333333", background: "#222222", text: "#888888" },
      urgentWorkspace: { border: "#2f343a", background: "#900000", text: "#ffffff" },
      bindingMode: { border: "#2f343a", background: "#900000", text: "#ffffff" },
    },
  };
}

/** i3's default key bindings, as home-manager spells them, for a modifier. */
export function defaultKeybindings(m: string, terminal: string, menu: string) {
  const k: Record<string, string> = {
    [`${m}+Return`]: `exec ${terminal}`,
    [`${m}+Shift+q`]: "kill",
    [`${m}+d`]: `exec ${menu}`,
    [`${m}+Left`]: "focus left",
    [`${m}+Down`]: "focus down",
    [`${m}+Up`]: "focus up",
    [`${m}+Right`]: "focus right",
    [`${m}+Shift+Left`]: "move left",
    [`${m}+Shift+Down`]: "move down",
    [`${m}+Shift+Up`]: "move up",
    [`${m}+Shift+Right`]: "move right",
    [`${m}+h`]: "split h",
    [`${m}+v`]: "split v",
    [`${m}+f`]: "fullscreen toggle",
    [`${m}+s`]: "layout stacking",
    [`${m}+w`]: "layout tabbed",
    [`${m}+e`]: "layout toggle split",
    [`${m}+Shift+space`]: "floating toggle",
    [`${m}+space`]: "focus mode_toggle",
    [`${m}+a`]: "focus parent",
    [`${m}+Shift+minus`]: "move scratchpad",
    [`${m}+minus`]: "scratchpad show",
  };
  for (let i = 1; i <= 10; i++) {
    k[`${m}+${i % 10}`] = `workspace number ${i}`;
    k[`${m}+Shift+${i % 10}`] = `move container to workspace number ${i}`;
  }
  k[`${m}+Shift+c`] = "reload";
  k[`${m}+Shift+r`] = "restart";
  k[`${m}+Shift+e`] =
    "exec i3-nagbar -t warning -m 'Do you want to exit i3?' -b 'Yes' 'i3-msg exit'";
  k[`${m}+r`] = "mode resize";
  return k;
}

const optionalInt = (description: string) =>
  mkOption({ type: types.nullOr(types.int), default: null, example: 5, description });

/**
 * The `config` submodule. It is a function of its own config, so defaults follow the
 * modifier, terminal and menu set beside them.
 */
export const i3ConfigModule = ({ config: c }: { config: any }) => ({
  options: {
    modifier: mkOption({
      type: types.enum(["Shift", "Control", "Mod1", "Mod2", "Mod3", "Mod4", "Mod5"]),
      default: "Mod1",
      example: "Mod4",
      description: "The modifier key of the default key bindings (Mod1 is Alt, Mod4 the logo key).",
    }),
    terminal: mkOption({
      type: str,
      default: "i3-sensible-terminal",
      example: "alacritty",
      description: "The terminal the default bindings start.",
    }),
    menu: mkOption({
      type: str,
      default: "dmenu_run",
      example: "rofi -show run",
      description: "The launcher the default bindings start.",
    }),
    fonts: fontsOption("window titles"),
    keybindings: mkOption({
      type: types.attrsOf(types.nullOr(str)),
      get default() {
        return defaultKeybindings(c.modifier, c.terminal, c.menu);
      },
      defaultText: "i3's default bindings for `modifier`, `terminal` and `menu`",
      example: { "Mod4+Return": "exec alacritty", "Mod4+d": null },
      description:
        "Key symbol bindings (`bindsym`): key combination to command; null drops a binding. Wrap in `mkOptionDefault` to add to the defaults rather than replace them.",
    }),
    keycodebindings: mkOption({
      type: types.attrsOf(types.nullOr(str)),
      default: {},
      example: { "214": "exec /bin/script.sh" },
      description: "Key code bindings (`bindcode`).",
    }),
    modes: mkOption({
      type: types.attrsOf(types.attrsOf(str)),
      default: {
        resize: {
          Left: "resize shrink width 10 px or 10 ppt",
          Down: "resize grow height 10 px or 10 ppt",
          Up: "resize shrink height 10 px or 10 ppt",
          Right: "resize grow width 10 px or 10 ppt",
          Escape: "mode default",
          Return: "mode default",
        },
      },
      description: "Binding modes and the key bindings inside each.",
    }),
    window: {
      titlebar: mkOption({
        type: types.bool,
        default: true,
        description: "Whether windows have a title bar (else a pixel border).",
      }),
      border: mkOption({ type: types.int, default: 2, description: "Window border width." }),
      hideEdgeBorders: mkOption({
        type: types.enum(["none", "vertical", "horizontal", "both", "smart"]),
        default: "none",
        description: "Hide window borders next to the screen edges.",
      }),
      commands: mkOption({
        type: types.listOf(
          types.submodule({
            options: {
              command: mkOption({ type: str, description: "The command run on the windows." }),
              criteria: mkOption({
                type: criteriaType,
                description: "Which windows (`for_window` criteria).",
              }),
            },
          }),
        ),
        default: [],
        example: [{ command: "border pixel 1", criteria: { class: "XTerm" } }],
        description: "Commands run on windows matching criteria (`for_window`).",
      }),
    },
    floating: {
      titlebar: mkOption({
        type: types.bool,
        default: true,
        description: "Whether floating windows have a title bar.",
      }),
      border: mkOption({
        type: types.int,
        default: 2,
        description: "Floating window border width.",
      }),
      modifier: mkOption({
        type: str,
        get default() {
          return c.modifier;
        },
        defaultText: "xsession.windowManager.i3.config.modifier",
        description: "The modifier that drags floating windows.",
      }),
      criteria: mkOption({
        type: types.listOf(criteriaType),
        default: [],
        example: [{ title: "Steam - Update News" }, { class: "Pavucontrol" }],
        description: "Windows that float from the start.",
      }),
    },
    focus: {
      newWindow: mkOption({
        type: types.enum(["smart", "urgent", "focus", "none"]),
        default: "smart",
        description: "What a window asking for focus gets (`focus_on_window_activation`).",
      }),
      followMouse: mkOption({
        type: types.bool,
        default: true,
        description: "Whether focus follows the mouse.",
      }),
      wrapping: mkOption({
        type: types.enum(["yes", "no", "force", "workspace"]),
        default: "yes",
        description: "Whether focus commands wrap around container edges (`focus_wrapping`).",
      }),
      mouseWarping: mkOption({
        type: types.bool,
        default: true,
        description: "Whether the pointer moves to a window focused on another output.",
      }),
    },
    assigns: mkOption({
      type: types.attrsOf(types.listOf(criteriaType)),
      default: {},
      example: { "1: web": [{ class: "^Firefox$" }] },
      description: "Workspaces and the windows assigned to them.",
    }),
    workspaceLayout: mkOption({
      type: types.enum(["default", "stacking", "tabbed"]),
      default: "default",
      description: "The layout of new workspace containers.",
    }),
    workspaceAutoBackAndForth: mkOption({
      type: types.bool,
      default: false,
      example: true,
      description: "Switching to the current workspace goes back to the previous one.",
    }),
    colors: {
      background: mkOption({
        type: str,
        default: "#ffffff",
        description: "The colour behind windows that do not cover their area.",
      }),
      focused: colorSet("Colours of the focused window.", {
        border: "#4c7899",
        background: "#285577",
        text: "#ffffff",
        indicator: "#2e9ef4",
        childBorder: "#285577",
      }),
      focusedInactive: colorSet("Colours of the focused window of an unfocused container.", {
        border: "#333333",
        background: "#5f676a",
        text: "#ffffff",
        indicator: "#484e50",
        childBorder: "#5f676a",
      }),
      unfocused: colorSet("Colours of unfocused windows.", {
        border: "#333333",
        background: "#222222",
        text: "#888888",
        indicator: "#292d2e",
        childBorder: "#222222",
      }),
      urgent: colorSet("Colours of urgent windows.", {
        border: "#2f343a",
        background: "#900000",
        text: "#ffffff",
        indicator: "#900000",
        childBorder: "#900000",
      }),
      placeholder: colorSet("Colours of placeholder windows (restored layouts).", {
        border: "#000000",
        background: "#0c0c0c",
        text: "#ffffff",
        indicator: "#000000",
        childBorder: "#0c0c0c",
      }),
    },
    bars: mkOption({
      type: types.listOf(barType),
      get default() {
        return [defaultBar("i3status")];
      },
      defaultText: "one bar at the bottom running i3status, in i3's colours",
      description: "The bars; an empty list has none.",
    }),
    startup: mkOption({
      type: types.listOf(
        types.submodule({
          options: {
            command: mkOption({ type: str, description: "The command." }),
            always: mkOption({
              type: types.bool,
              default: false,
              description: "Run it on every restart of i3 too (`exec_always`).",
            }),
            notification: mkOption({
              type: types.bool,
              default: true,
              description: "Whether startup notification is on (else `--no-startup-id`).",
            }),
            workspace: nullStr(
              "Start it on this workspace (deprecated in home-manager: use `assigns`).",
            ),
          },
        }),
      ),
      default: [],
      example: [{ command: "systemctl --user restart polybar", always: true, notification: false }],
      description: "Commands run when i3 starts.",
    }),
    gaps: mkOption({
      type: types.nullOr(
        types.submodule({
          options: {
            inner: optionalInt("Gap between windows."),
            outer: optionalInt("Gap at the screen edges."),
            horizontal: optionalInt("Horizontal outer gap."),
            vertical: optionalInt("Vertical outer gap."),
            top: optionalInt("Top outer gap."),
            bottom: optionalInt("Bottom outer gap."),
            left: optionalInt("Left outer gap."),
            right: optionalInt("Right outer gap."),
            smartGaps: mkOption({
              type: types.bool,
              default: false,
              description: "No gaps on a workspace with a single container.",
            }),
            smartBorders: mkOption({
              type: types.enum(["on", "off", "no_gaps"]),
              default: "off",
              description: "No borders on a workspace with a single container.",
            }),
          },
        }),
      ),
      default: null,
      description: "Gaps between windows (i3 ≥ 4.22).",
    }),
    defaultWorkspace: nullStr(
      "The command of the binding that shows the first workspace (e.g. `workspace number 1`): it runs first.",
    ),
    workspaceOutputAssign: mkOption({
      type: types.listOf(
        types.submodule({
          options: {
            workspace: mkOption({ type: str, default: "", description: "The workspace." }),
            output: mkOption({
              type: types.coercedTo(str, (s: string) => [s], types.listOf(str)),
              default: [],
              description: "The output(s), in order of preference (`i3-msg -t get_outputs`).",
            }),
          },
        }),
      ),
      default: [],
      example: [{ workspace: "1", output: "Virtual-1" }],
      description: "Workspaces placed on given outputs.",
    }),
  },
});

/**
 * `gtk`: the GTK theme, icon theme, cursor theme and font of GTK 2, 3 and 4 applications, in
 * the files each version reads, as home-manager writes them: `~/.gtkrc-2.0` (named by
 * `GTK2_RC_FILES` in the session), and `settings.ini` (`[Settings]`) plus optional `gtk.css`
 * under `~/.config/gtk-3.0` and `gtk-4.0`. GTK 4 ignores the theme name, so its `gtk.css`
 * imports the theme's stylesheet from `/usr/share/themes` when a theme package is given.
 * (home-manager also writes the GNOME dconf keys; confed has no dconf module yet.)
 *
 * @example
 * gtk: { enable: true, theme: { name: "Adwaita-dark" }, iconTheme: { name: "Adwaita" }, font: { name: "DejaVu Sans", size: 10 } }
 */
import { formats } from "../../formats/index.ts";
import { mkEnableOption, mkIf, mkOption, types } from "../../module-system/index.ts";

const ini = formats.ini();
const pkgOption = (what: string, example: string) =>
  mkOption({
    type: types.nullOr(types.package),
    default: null,
    example,
    description: `The package that installs the ${what}; null when it is installed otherwise.`,
  });
const theme = (what: string, example: string) =>
  types.submodule({
    options: {
      package: pkgOption(what, `pkgs.${example.toLowerCase()}`),
      name: mkOption({ type: types.str, example, description: `The ${what}'s name.` }),
    },
  });
const cursorThemeType = types.submodule({
  options: {
    package: pkgOption("cursor theme", "pkgs.vanilla-dmz"),
    name: mkOption({
      type: types.str,
      example: "Vanilla-DMZ",
      description: "The cursor theme's name.",
    }),
    size: mkOption({
      type: types.nullOr(types.int),
      default: null,
      example: 16,
      description: "The cursor size; null keeps GTK's.",
    }),
  },
});
const fontType = types.submodule({
  options: {
    package: pkgOption("font", "pkgs.dejavu_fonts"),
    name: mkOption({ type: types.str, example: "DejaVu Sans", description: "The font family." }),
    size: mkOption({
      type: types.nullOr(types.number),
      default: null,
      example: 10,
      description: "The font size; null is 10.",
    }),
  },
});
const settingsType = types.attrsOf(types.oneOf([types.bool, types.int, types.str]));

const gtkOptions = (config: any) => ({
  gtk: {
    enable: mkEnableOption("the GTK 2/3/4 settings"),
    font: mkOption({
      type: types.nullOr(fontType),
      default: null,
      description: "The font of GTK applications.",
    }),
    cursorTheme: mkOption({
      type: types.nullOr(cursorThemeType),
      default: null,
      description: "The cursor theme.",
    }),
    iconTheme: mkOption({
      type: types.nullOr(theme("icon theme", "Adwaita")),
      default: null,
      description: "The icon theme.",
    }),
    theme: mkOption({
      type: types.nullOr(theme("GTK theme", "Adwaita")),
      default: null,
      description: "The GTK 2/3 theme (and GTK 4's, through gtk.css).",
    }),
    gtk2: {
      extraConfig: mkOption({
        type: types.lines,
        default: "",
        example: "gtk-can-change-accels = 1",
        description: "Lines at the end of the GTK 2 file.",
      }),
      configLocation: mkOption({
        type: types.str,
        get default() {
          return `${config.home.homeDirectory}/.gtkrc-2.0`;
        },
        defaultText: "$HOME/.gtkrc-2.0",
        example: "$HOME/.config/gtk-2.0/gtkrc",
        description: "Where the GTK 2 file goes (GTK2_RC_FILES names it).",
      }),
      force: mkEnableOption("replacing an existing GTK 2 file that confed did not write"),
    },
    gtk3: {
      bookmarks: mkOption({
        type: types.listOf(types.str),
        default: [],
        example: ["file:///home/jane/Documents"],
        description: "Bookmarks in the file chooser's sidebar.",
      }),
      extraConfig: mkOption({
        type: settingsType,
        default: {},
        example: { "gtk-cursor-blink": false, "gtk-recent-files-limit": 20 },
        description: "More settings in `~/.config/gtk-3.0/settings.ini`.",
      }),
      extraCss: mkOption({
        type: types.lines,
        default: "",
        description: "`~/.config/gtk-3.0/gtk.css`.",
      }),
    },
    gtk4: {
      extraConfig: mkOption({
        type: settingsType,
        default: {},
        example: { "gtk-cursor-blink": false },
        description: "More settings in `~/.config/gtk-4.0/settings.ini`.",
      }),
      extraCss: mkOption({
        type: types.lines,
        default: "",
        description: "More of `~/.config/gtk-4.0/gtk.css`.",
      }),
    },
  },
});

export type GtkOptions = ReturnType<typeof gtkOptions>;

/** The settings every GTK version gets, by GTK's names. */
export function gtkSettings(cfg: any): Record<string, string | number> {
  const s: Record<string, string | number> = {};
  if (cfg.font !== null) s["gtk-font-name"] = `${cfg.font.name} ${cfg.font.size ?? 10}`;
  if (cfg.theme !== null) s["gtk-theme-name"] = cfg.theme.name;
  if (cfg.iconTheme !== null) s["gtk-icon-theme-name"] = cfg.iconTheme.name;
  if (cfg.cursorTheme !== null) {
    s["gtk-cursor-theme-name"] = cfg.cursorTheme.name;
    if (cfg.cursorTheme.size !== null) s["gtk-cursor-theme-size"] = cfg.cursorTheme.size;
  }
  return s;
}

/** `~/.gtkrc-2.0`: `name = value` lines, strings quoted, then extraConfig. */
export function gtk2Text(
  settings: Record<string, string | number | boolean>,
  extra: string,
): string {
  const lines = Object.keys(settings)
    .sort()
    .map((k) => {
      const v = settings[k];
      return `${k} = ${typeof v === "string" ? `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"` : String(v)}`;
    });
  return `${[...lines, extra.replace(/\n+$/, "")].filter((l) => l !== "").join("\n")}\n`;
}

export default ({ config }: { config: any }) => {
  const cfg = config.gtk;
  const gtk4Css = () => {
    const t = cfg.theme;
    const imp =
      t !== null && t.package !== null
        ? `/* GTK 4 ignores gtk-theme-name but reads this file: import the theme here. */\n@import url("file:///usr/share/themes/${t.name}/gtk-4.0/gtk.css");\n`
        : "";
    return imp + cfg.gtk4.extraCss;
  };
  return {
    key: "programs/gtk",
    _file: "<confed>/modules/programs/gtk.ts",
    _class: "home",
    options: gtkOptions(config),
    config: mkIf(() => cfg.enable, {
      home: {
        get packages() {
          return [cfg.font, cfg.theme, cfg.iconTheme, cfg.cursorTheme]
            .filter((o) => o !== null && o.package !== null)
            .map((o) => o.package);
        },
        sessionVariables: {
          get GTK2_RC_FILES() {
            return cfg.gtk2.configLocation;
          },
        },
        get file() {
          return {
            [cfg.gtk2.configLocation]: {
              get text() {
                return gtk2Text(gtkSettings(cfg), cfg.gtk2.extraConfig);
              },
              get force() {
                return cfg.gtk2.force;
              },
            },
          };
        },
      },
      xdg: {
        configFile: {
          "gtk-3.0/settings.ini": {
            get text() {
              return ini.generate("gtk-3.0/settings.ini", {
                Settings: { ...gtkSettings(cfg), ...cfg.gtk3.extraConfig },
              });
            },
          },
          "gtk-3.0/gtk.css": {
            get enable() {
              return cfg.gtk3.extraCss !== "";
            },
            get text() {
              return cfg.gtk3.extraCss;
            },
          },
          "gtk-3.0/bookmarks": {
            get enable() {
              return cfg.gtk3.bookmarks.length > 0;
            },
            get text() {
              return cfg.gtk3.bookmarks.map((b: string) => `${b}\n`).join("");
            },
          },
          "gtk-4.0/settings.ini": {
            get text() {
              return ini.generate("gtk-4.0/settings.ini", {
                Settings: { ...gtkSettings(cfg), ...cfg.gtk4.extraConfig },
              });
            },
          },
          "gtk-4.0/gtk.css": {
            get enable() {
              return gtk4Css() !== "";
            },
            get text() {
              return gtk4Css();
            },
          },
        },
      },
    }),
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "programs/gtk": GtkOptions;
  }
}

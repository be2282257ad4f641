/**
 * `services.dunst`: `~/.config/dunst/dunstrc` from `settings` (INI, strings quoted, booleans
 * yes/no, as home-manager writes it) and a D-Bus user service: dunst starts when the first
 * notification arrives (the distribution's D-Bus service file names `dunst.service`, which
 * this one replaces). As in home-manager, `global.icon_path` defaults to the icon theme's
 * directories (then hicolor's), so the file always has that one setting.
 *
 * @example
 * services: { dunst: { enable: true, settings: { global: { font: "Droid Sans 9", origin: "top-right" } } } }
 */
import { sectionsText } from "../../formats/index.ts";
import {
  mkDefault,
  mkEnableOption,
  mkIf,
  mkOption,
  mkPackageOption,
  types,
} from "../../module-system/index.ts";
import type { Pkgs } from "../../packages/index.ts";
import { commandPath, GRAPHICAL, unitArg } from "./_graphical.ts";

const atom = types.oneOf([types.str, types.bool, types.int, types.listOf(types.str)]);

const themeType = types.submodule({
  options: {
    package: mkOption({
      type: types.nullOr(types.package),
      default: null,
      example: "pkgs.adwaita-icon-theme",
      description: "The package that installs the theme; null when it is installed otherwise.",
    }),
    name: mkOption({ type: types.str, example: "Adwaita", description: "The theme's name." }),
    size: mkOption({
      type: types.str,
      default: "32x32",
      example: "16x16",
      description: "The icon size (a directory of the theme).",
    }),
  },
});

const dunstOptions = (pkgs: Pkgs) => ({
  services: {
    dunst: {
      enable: mkEnableOption("the dunst notification daemon"),
      package: mkPackageOption(pkgs, "dunst", { nullable: true }),
      configFile: mkOption({
        type: types.nullOr(types.str),
        default: null,
        example: "$HOME/.config/dunst/dunstrc.local",
        description:
          "The file dunst reads (`-config`); the generated dunstrc is still written, so this can be a writable copy of it.",
      }),
      iconTheme: mkOption({
        type: themeType,
        get default() {
          return { package: pkgs["hicolor-icon-theme"], name: "hicolor", size: "32x32" };
        },
        defaultText: '{ package = pkgs.hicolor-icon-theme; name = "hicolor"; size = "32x32"; }',
        description: "The icon theme of notifications.",
      }),
      waylandDisplay: mkOption({
        type: types.str,
        default: "",
        description: "`WAYLAND_DISPLAY` of the service, for a Wayland session.",
      }),
      settings: mkOption({
        type: types.attrsOf(types.attrsOf(atom)),
        default: {},
        example: {
          global: { width: 300, offset: "30x50", origin: "top-right", font: "Droid Sans 9" },
          urgency_normal: { background: "#37474f", foreground: "#eceff1", timeout: 10 },
        },
        description:
          "dunstrc's sections (see dunst(5)); strings are written quoted, booleans as yes/no.",
      }),
    },
  },
});

export type DunstOptions = ReturnType<typeof dunstOptions>;

const CATEGORIES = [
  "actions",
  "animations",
  "apps",
  "categories",
  "devices",
  "emblems",
  "emotes",
  "filesystem",
  "intl",
  "legacy",
  "mimetypes",
  "places",
  "status",
  "stock",
];

/** `icon_path`: every category of the theme (then hicolor) under each base directory. */
export function dunstIconPath(
  bases: readonly string[],
  theme: { name: string; size: string },
): string {
  const hicolor = theme.name !== "hicolor";
  const themes = hicolor ? [theme, { name: "hicolor", size: theme.size }] : [theme];
  return bases
    .flatMap((b) =>
      themes.flatMap((t) => CATEGORIES.map((c) => `${b}/share/icons/${t.name}/${t.size}/${c}`)),
    )
    .join(":");
}

/** dunstrc's text: sections and keys sorted, strings quoted, booleans yes/no. */
export function dunstrcText(settings: Record<string, Record<string, unknown>>): string {
  return sectionsText(
    settings,
    (v) =>
      typeof v === "boolean"
        ? v
          ? "yes"
          : "no"
        : typeof v === "string"
          ? `"${v}"`
          : Array.isArray(v)
            ? v.join(" ")
            : String(v),
    (s, k) => `services.dunst.settings.${s}.${k} has a line break, which dunstrc cannot hold.`,
  );
}

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.services.dunst;
  return {
    key: "services/dunst",
    _file: "<confed>/modules/services/dunst.ts",
    _class: "home",
    options: dunstOptions(pkgs),
    config: mkIf(() => cfg.enable, {
      home: {
        get packages() {
          const theme = cfg.iconTheme.package;
          return [
            ...(cfg.package === null ? [] : [cfg.package]),
            ...(theme === null ? [] : [theme]),
            ...(cfg.iconTheme.name === "hicolor" ? [] : [pkgs["hicolor-icon-theme"]]),
          ];
        },
      },
      services: {
        dunst: {
          settings: {
            global: {
              // A default, not a plain definition: an icon_path of the user's replaces it.
              get icon_path() {
                const bases = ["/usr", `${config.home.homeDirectory}/.local`];
                return mkDefault(dunstIconPath(bases, cfg.iconTheme));
              },
            },
          },
        },
      },
      xdg: {
        configFile: {
          "dunst/dunstrc": {
            get text() {
              return dunstrcText(cfg.settings);
            },
            // A running dunst keeps its settings; the next notification starts a new one.
            onChange: 'pkill -u "$(id -u)" -x dunst || true',
          },
        },
      },
      systemd: {
        user: {
          services: {
            dunst: {
              Unit: {
                Description: "Dunst notification daemon",
                After: [GRAPHICAL],
                PartOf: [GRAPHICAL],
              },
              Service: {
                Type: "dbus",
                BusName: "org.freedesktop.Notifications",
                get ExecStart() {
                  const bin = commandPath(config, pkgs, cfg.package, "dunst");
                  return cfg.configFile === null
                    ? bin
                    : `${bin} -config ${unitArg(cfg.configFile)}`;
                },
                get Environment() {
                  return cfg.waylandDisplay === "" ? [] : [`WAYLAND_DISPLAY=${cfg.waylandDisplay}`];
                },
              },
            },
          },
        },
      },
    }),
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "services/dunst": DunstOptions;
  }
}

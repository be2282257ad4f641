/**
 * `home.pointerCursor`: the mouse cursor theme, as home-manager sets it: `XCURSOR_THEME` and
 * `XCURSOR_SIZE` in the session, a `default` icon theme inheriting the cursor theme (in
 * `~/.local/share/icons` and, with `dotIcons`, `~/.icons`), and optionally the X root
 * window's cursor and `Xcursor.*` resources (`x11.enable`) and GTK's cursor (`gtk.enable`).
 * A distribution installs cursor themes in `/usr/share/icons`, where every toolkit looks, so
 * the theme's own directory is not linked into the home.
 *
 * @example
 * home: { pointerCursor: { package: pkgs["vanilla-dmz"], name: "DMZ-White", size: 32, x11: { enable: true } } }
 */
import {
  mkDefault,
  mkEnableOption,
  mkIf,
  mkMerge,
  mkOption,
  types,
} from "../../module-system/index.ts";
import type { Pkgs } from "../../packages/index.ts";
import { shellQuote } from "../home/shell-integration.ts";
import { commandPath } from "../services/_graphical.ts";

const cursorType = types.submodule({
  options: {
    enable: mkOption({
      type: types.bool,
      default: true,
      description:
        "Whether the cursor settings are written (a set `pointerCursor` is on unless this is false).",
    }),
    package: mkOption({
      type: types.nullOr(types.package),
      default: null,
      example: "pkgs.vanilla-dmz",
      description:
        "The package that installs the cursor theme; null when it is installed otherwise.",
    }),
    name: mkOption({
      type: types.str,
      example: "DMZ-White",
      description: "The cursor theme's name.",
    }),
    size: mkOption({ type: types.int, default: 32, example: 64, description: "The cursor size." }),
    x11: {
      enable: mkEnableOption("the X11 cursor settings (root window cursor, Xcursor resources)"),
      defaultCursor: mkOption({
        type: types.str,
        default: "left_ptr",
        example: "X_cursor",
        description: "The cursor of the X root window.",
      }),
    },
    gtk: { enable: mkEnableOption("GTK's cursor settings (`gtk.cursorTheme`)") },
    dotIcons: {
      enable: mkOption({
        type: types.bool,
        default: true,
        description:
          "Also write `~/.icons/default/index.theme`, for programs that look only there.",
      }),
    },
  },
});

const cursorOptions = () => ({
  home: {
    pointerCursor: mkOption({
      type: types.nullOr(cursorType),
      default: null,
      description: "The pointer cursor theme and size; null leaves the cursor alone.",
    }),
  },
});

export type PointerCursorOptions = ReturnType<typeof cursorOptions>;

/** The `default` icon theme: it inherits the cursor theme. */
export const indexTheme = (name: string) => `[Icon Theme]\nInherits=${name}\n`;

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = () => config.home.pointerCursor;
  const on = () => cfg()?.enable === true;
  return {
    key: "programs/pointer-cursor",
    _file: "<confed>/modules/programs/pointer-cursor.ts",
    _class: "home",
    options: cursorOptions(),
    config: mkIf(
      on,
      mkMerge([
        {
          home: {
            get packages() {
              return cfg().package === null ? [] : [cfg().package];
            },
            sessionVariables: {
              get XCURSOR_SIZE() {
                return mkDefault(cfg().size);
              },
              get XCURSOR_THEME() {
                return mkDefault(cfg().name);
              },
            },
          },
          xdg: {
            dataFile: {
              "icons/default/index.theme": {
                get text() {
                  return indexTheme(cfg().name);
                },
              },
            },
          },
        },
        mkIf(() => cfg().dotIcons.enable, {
          home: {
            file: {
              ".icons/default/index.theme": {
                get text() {
                  return indexTheme(cfg().name);
                },
              },
            },
          },
        }),
        mkIf(() => cfg().x11.enable, {
          home: { packages: [pkgs.xsetroot] },
          xsession: {
            get profileExtra() {
              const c = cfg();
              const cursor = `/usr/share/icons/${c.name}/cursors/${c.x11.defaultCursor}`;
              return `${commandPath(config, pkgs, pkgs.xsetroot, "xsetroot")} -xcf ${shellQuote(cursor)} ${c.size}`;
            },
          },
          xresources: {
            properties: {
              get "Xcursor.theme"() {
                return cfg().name;
              },
              get "Xcursor.size"() {
                return cfg().size;
              },
            },
          },
        }),
        mkIf(() => cfg().gtk.enable, {
          gtk: {
            get cursorTheme() {
              const c = cfg();
              return mkDefault({ package: c.package, name: c.name, size: c.size });
            },
          },
        }),
      ]),
    ),
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "programs/pointer-cursor": PointerCursorOptions;
  }
}

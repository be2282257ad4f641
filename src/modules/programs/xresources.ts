/**
 * `xresources`: `~/.Xresources` from `properties` (`name: value` lines; a list is joined with
 * commas) after `extraConfig`, loaded into the X server by the session's profile and, when the
 * file changes inside a running session, at switch time (`xrdb -merge`).
 *
 * @example
 * xresources: { properties: { "XTerm*faceName": "DejaVu Sans Mono", "Xft.dpi": 96 } }
 */
import { ConfedError } from "../../errors/index.ts";
import { mkIf, mkOption, types } from "../../module-system/index.ts";
import type { Pkgs } from "../../packages/index.ts";
import { shellQuote } from "../home/shell-integration.ts";
import { commandPath } from "../services/_graphical.ts";

const prim = types.oneOf([types.bool, types.int, types.float, types.str]);

const xresourcesOptions = (config: any) => ({
  xresources: {
    properties: mkOption({
      type: types.nullOr(types.attrsOf(types.either(prim, types.listOf(prim)))),
      default: null,
      example: { "Emacs*toolBar": 0, "XTerm*charClass": ["37:48", "45-47:48"] },
      description:
        "X resources, `name: value` (a list is joined with commas); null or empty writes no file.",
    }),
    extraConfig: mkOption({
      type: types.lines,
      default: "",
      example: '#include "/usr/share/themes/solarized/Xresources.dark"',
      description: "Text at the start of the file (xrdb runs it through the C preprocessor).",
    }),
    path: mkOption({
      type: types.str,
      get default() {
        return `${config.home.homeDirectory}/.Xresources`;
      },
      defaultText: "$HOME/.Xresources",
      description: "Where the resources file goes.",
    }),
  },
});

export type XresourcesOptions = ReturnType<typeof xresourcesOptions>;

/** The text of the resources file. */
export function xresourcesText(
  properties: Record<string, unknown> | null,
  extraConfig: string,
): string {
  const value = (name: string, v: unknown): string => {
    if (Array.isArray(v)) return v.map((e) => value(name, e)).join(", ");
    const s = String(v);
    if (/[\r\n]/.test(s)) {
      throw new ConfedError(
        "E_FORMAT_VALUE",
        `xresources.properties."${name}" has a line break, which one resource line cannot hold.`,
      );
    }
    return s;
  };
  const lines = [
    ...(extraConfig === "" ? [] : [extraConfig.replace(/\n+$/, "")]),
    ...Object.keys(properties ?? {})
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((n) => `${n}: ${value(n, properties![n])}`),
  ];
  return `${lines.join("\n")}\n`;
}

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.xresources;
  const merge = () =>
    `${commandPath(config, pkgs, pkgs.xrdb, "xrdb")} -merge ${shellQuote(cfg.path)}`;
  const on = () =>
    (cfg.properties !== null && Object.keys(cfg.properties).length > 0) || cfg.extraConfig !== "";
  return {
    key: "programs/xresources",
    _file: "<confed>/modules/programs/xresources.ts",
    _class: "home",
    options: xresourcesOptions(config),
    config: mkIf(on, {
      home: {
        packages: [pkgs.xrdb],
        get file() {
          return {
            [cfg.path]: {
              get text() {
                return xresourcesText(cfg.properties, cfg.extraConfig);
              },
              get onChange() {
                return `if [ -n "\${DISPLAY:-}" ]; then\n  ${merge()}\nfi`;
              },
            },
          };
        },
      },
      xsession: {
        get profileExtra() {
          return merge();
        },
      },
    }),
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "programs/xresources": XresourcesOptions;
  }
}

/**
 * `fonts.fontconfig`: lets fontconfig find the fonts of the home's packages and sets the
 * default families, with home-manager's options. `~/.config/fontconfig/conf.d/` holds
 * `10-confed-fonts.conf` (the font directories and configuration of the packages confed
 * builds, in the home's profile; distribution fonts in `/usr/share/fonts` and
 * `~/.local/share/fonts` are found anyway) and, when default fonts are given,
 * `52-confed-default-fonts.conf` (`<alias>` preferences for sans-serif, serif, monospace and
 * emoji). The font cache is rebuilt after a switch that changed them.
 *
 * @example
 * fonts: { fontconfig: { enable: true, defaultFonts: { monospace: ["JetBrains Mono"] } } }
 */
import { mkIf, mkOption, types } from "../../module-system/index.ts";
import type { Pkgs } from "../../packages/index.ts";
import { packageBin } from "../services/_graphical.ts";

const families = (generic: string, example: string) =>
  mkOption({
    type: types.listOf(types.str),
    default: [],
    example: [example],
    description: `The preferred ${generic} fonts, in order.`,
  });

const fontconfigOptions = {
  fonts: {
    fontconfig: {
      enable: mkOption({
        type: types.bool,
        default: false,
        description:
          "Whether fontconfig finds the fonts of this home's packages, and the default fonts below apply.",
      }),
      defaultFonts: {
        monospace: families("monospace", "DejaVu Sans Mono"),
        sansSerif: families("sans-serif", "DejaVu Sans"),
        serif: families("serif", "DejaVu Serif"),
        emoji: families("emoji", "Noto Color Emoji"),
      },
    },
  },
};

export type FontconfigOptions = typeof fontconfigOptions;

const xml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!,
  );

/** A fontconfig file around `body`. */
export function fontconfigFile(body: string): string {
  return `<?xml version="1.0"?>\n<!-- Written by confed. -->\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n${body}</fontconfig>\n`;
}

/** `<alias>` preferences of each generic family that has fonts. */
export function defaultFontsBody(d: Record<string, string[]>): string {
  const generic: [string, string][] = [
    ["sansSerif", "sans-serif"],
    ["serif", "serif"],
    ["monospace", "monospace"],
    ["emoji", "emoji"],
  ];
  return generic
    .filter(([k]) => d[k]!.length > 0)
    .map(
      ([k, name]) =>
        `  <alias binding="same">\n    <family>${name}</family>\n    <prefer>\n${d[k]!.map((f) => `      <family>${xml(f)}</family>\n`).join("")}    </prefer>\n  </alias>\n`,
    )
    .join("");
}

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.fonts.fontconfig;
  const profile = () => {
    const storeDir = String(config.home.storeDir);
    return `${storeDir.slice(0, storeDir.lastIndexOf("/"))}/profiles/home-${config.home.username}/home-path`;
  };
  const anyDefault = () => Object.values(cfg.defaultFonts).some((l: any) => l.length > 0);
  const fcCache = () =>
    `${packageBin(config, pkgs.fontconfig, "fc-cache")} -f >/dev/null 2>&1 || true`;
  return {
    key: "programs/fontconfig",
    _file: "<confed>/modules/programs/fontconfig.ts",
    _class: "home",
    options: fontconfigOptions,
    config: mkIf(() => cfg.enable, {
      home: { packages: [pkgs.fontconfig] },
      xdg: {
        configFile: {
          "fontconfig/conf.d/10-confed-fonts.conf": {
            get text() {
              const p = xml(profile());
              return fontconfigFile(
                [
                  "  <description>Fonts of the home's profile</description>",
                  `  <include ignore_missing="yes">${p}/etc/fonts/conf.d</include>`,
                  `  <include ignore_missing="yes">${p}/etc/fonts/fonts.conf</include>`,
                  `  <dir>${p}/lib/X11/fonts</dir>`,
                  `  <dir>${p}/share/fonts</dir>`,
                  "",
                ].join("\n"),
              );
            },
            get onChange() {
              return fcCache();
            },
          },
          "fontconfig/conf.d/52-confed-default-fonts.conf": {
            get enable() {
              return anyDefault();
            },
            get text() {
              return fontconfigFile(defaultFontsBody(cfg.defaultFonts));
            },
          },
        },
      },
    }),
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "programs/fontconfig": FontconfigOptions;
  }
}

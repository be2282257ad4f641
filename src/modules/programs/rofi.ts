/**
 * `programs.rofi`: `~/.config/rofi/config.rasi`, with home-manager's option names and file
 * (reference: home-manager release-25.05, commit 44831a7eaba4360fb81f2acc5ea6de5fde90aaa3):
 * a `configuration { … }` section from `font`, `terminal`, `cycle`, `location`, the offsets,
 * `modes` and `extraConfig`, then `@theme`.
 *
 * `theme` is a theme's name (one rofi ships, see `rofi-theme-selector`), a path to a `.rasi`
 * file (linked at `~/.local/share/rofi/themes/<name>.rasi`), or sections of properties written
 * there as `custom.rasi`. A value that must appear unquoted (a colour, a distance, a
 * reference) is written `{ _type: "literal", value: "#000000" }` — home-manager's `mkLiteral`.
 *
 * @example
 * programs: { rofi: { enable: true, font: "Fira Code 12", terminal: "alacritty", theme: "gruvbox-dark" } }
 */
import { ModuleError } from "../../errors/index.ts";
import { mkIf, mkOption, mkPackageOption, types } from "../../module-system/index.ts";
import type { Pkgs } from "../../packages/index.ts";

const LOCATIONS = {
  center: 0,
  "top-left": 1,
  top: 2,
  "top-right": 3,
  right: 4,
  "bottom-right": 5,
  bottom: 6,
  "bottom-left": 7,
  left: 8,
} as const;

/** A rasi value written as it is (home-manager's `mkLiteral`). */
export interface RasiLiteral {
  _type: "literal";
  value: string;
}

const literal = types.submodule({
  options: {
    _type: mkOption({ type: types.enum(["literal"]), description: "Marks a literal." }),
    value: mkOption({ type: types.str, description: "The text written unquoted." }),
  },
});
const primitive = types.oneOf([types.str, types.int, types.bool, literal]);
const sectionType = types.either(
  types.attrsOf(types.nullOr(types.either(primitive, types.listOf(primitive)))),
  types.str,
);

const rofiOptions = (pkgs: Pkgs, config: any) => ({
  programs: {
    rofi: {
      enable: mkOption({
        type: types.bool,
        default: false,
        example: true,
        description: "Whether to enable rofi, the window switcher and application launcher.",
      }),
      package: mkPackageOption(pkgs, "rofi", { nullable: true }),
      plugins: mkOption({
        type: types.listOf(types.package),
        default: [],
        example: ['pkgs.distro("rofi-calc")'],
        description:
          "Plugin packages (the distribution's rofi finds them in its plugin directory).",
      }),
      font: mkOption({
        type: types.nullOr(types.str),
        default: null,
        example: "Droid Sans Mono 14",
        description: "The font.",
      }),
      terminal: mkOption({
        type: types.nullOr(types.str),
        default: null,
        example: "alacritty",
        description: "The terminal that runs console programs.",
      }),
      cycle: mkOption({
        type: types.nullOr(types.bool),
        default: null,
        description: "Whether moving past the last entry cycles to the first.",
      }),
      location: mkOption({
        type: types.enum(Object.keys(LOCATIONS) as (keyof typeof LOCATIONS)[]),
        default: "center",
        description: "Where the window appears.",
      }),
      xoffset: mkOption({
        type: types.int,
        default: 0,
        description: "Horizontal offset in pixels.",
      }),
      yoffset: mkOption({ type: types.int, default: 0, description: "Vertical offset in pixels." }),
      modes: mkOption({
        type: types.listOf(
          types.either(
            types.str,
            types.submodule({
              options: {
                name: mkOption({ type: types.str, description: "The mode's name." }),
                path: mkOption({ type: types.str, description: "The script behind the mode." }),
              },
            }),
          ),
        ),
        default: [],
        example: ["drun", "ssh", { name: "whatnot", path: "/usr/bin/rofi-whatnot" }],
        description: "The modes offered, a built-in name or a script as `{ name, path }`.",
      }),
      theme: mkOption({
        type: types.nullOr(types.either(types.str, types.attrsOf(sectionType))),
        default: null,
        example: "gruvbox-dark",
        description:
          "A theme's name, a path to a .rasi file, or sections of properties (written as custom.rasi).",
      }),
      configPath: mkOption({
        type: types.str,
        get default(): string {
          return `${config.xdg.configHome}/rofi/config.rasi`;
        },
        defaultText: "$XDG_CONFIG_HOME/rofi/config.rasi",
        description: "Where the configuration file goes.",
      }),
      extraConfig: mkOption({
        type: sectionType,
        default: {},
        example: { "kb-primary-paste": "Control+V,Shift+Insert" },
        description: "More settings of the `configuration` section.",
      }),
    },
  },
});

/** The options of `programs.rofi`, for the type-level registry. */
export type RofiOptions = ReturnType<typeof rofiOptions>;

function rasiValue(v: unknown, where: string): string {
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return `[ ${v.map((x) => rasiValue(x, where)).join(",")} ]`;
  if (typeof v === "object" && v !== null && (v as RasiLiteral)._type === "literal")
    return (v as RasiLiteral).value;
  throw new ModuleError("E_VALUE", `${where}: ${JSON.stringify(v)} is no rasi value.`, {
    optionPath: where,
  });
}

/**
 * Rasi text: `@theme` and `@import` lines first, then one block per section (null values
 * left out). Keys are sorted, as home-manager writes them.
 */
export function toRasi(attrs: Record<string, unknown>, where: string): string {
  const names = Object.keys(attrs).sort();
  const order = [
    ...names.filter((n) => n === "@theme"),
    ...names.filter((n) => n === "@import"),
    ...names.filter((n) => n !== "@theme" && n !== "@import"),
  ];
  return order
    .map((name) => {
      const v = attrs[name];
      if (typeof v === "object" && v !== null && !Array.isArray(v)) {
        const body = Object.keys(v)
          .sort()
          .filter((k) => (v as any)[k] !== null)
          .map((k) => `\t${k}: ${rasiValue((v as any)[k], `${where}.${name}.${k}`)};\n`)
          .join("");
        return `${name} {\n${body}}\n`;
      }
      return `${name} ${rasiValue(v, `${where}.${name}`)}\n`;
    })
    .join("\n");
}

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.programs.rofi;
  const theme = () => {
    const t = cfg.theme;
    if (t === null) return null;
    if (typeof t !== "string")
      return { name: "custom", file: { text: toRasi(t, "programs.rofi.theme") } };
    if (t.startsWith("/")) {
      const name = t
        .split("/")
        .pop()!
        .replace(/\.rasi$/, "");
      return { name, file: { source: t } };
    }
    return { name: t, file: null };
  };
  return {
    key: "programs/rofi",
    _file: "<confed>/modules/programs/rofi.ts",
    _class: "home",
    options: rofiOptions(pkgs, config),
    config: mkIf(() => cfg.enable, {
      home: {
        get packages() {
          return [...(cfg.package === null ? [] : [cfg.package]), ...cfg.plugins];
        },
        get file() {
          if (typeof cfg.extraConfig === "string")
            throw new ModuleError(
              "E_VALUE",
              "programs.rofi.extraConfig: give settings of the configuration section (an attribute set), not text.",
              { optionPath: "programs.rofi.extraConfig" },
            );
          const modes = (cfg.modes as (string | { name: string; path: string })[]).map((m) =>
            typeof m === "string" ? m : `${m.name}:${m.path}`,
          );
          const configuration = {
            font: cfg.font,
            terminal: cfg.terminal,
            cycle: cfg.cycle,
            location: LOCATIONS[cfg.location as keyof typeof LOCATIONS],
            xoffset: cfg.xoffset,
            yoffset: cfg.yoffset,
            ...(modes.length ? { modes } : {}),
            ...cfg.extraConfig,
          };
          const t = theme();
          const text =
            toRasi({ configuration }, "programs.rofi.extraConfig") +
            (t === null ? "" : `\n${toRasi({ "@theme": t.name }, "programs.rofi.theme")}`);
          return { [cfg.configPath]: { text } };
        },
      },
      xdg: {
        get dataFile() {
          const t = theme();
          return t === null || t.file === null ? {} : { [`rofi/themes/${t.name}.rasi`]: t.file };
        },
      },
    }),
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "programs/rofi": RofiOptions;
  }
}

/**
 * `programs.alacritty`: the terminal's settings, with home-manager's option names (reference:
 * home-manager release-25.05, commit 44831a7eaba4360fb81f2acc5ea6de5fde90aaa3, and the YAML
 * it wrote before Alacritty 0.13).
 *
 * The file depends on Alacritty's version, taken from `programs.alacritty.version` (by default
 * the package reference's pinned version), never from the machine:
 * - 0.13 and later read `~/.config/alacritty/alacritty.toml`; from 0.14 a theme is imported
 *   with `general.import`, before with a top-level `import`.
 * - Older ones (Debian 12 ships 0.11) read `~/.config/alacritty/alacritty.yml`.
 * - An unknown version gets both files, each read only by the versions that understand it
 *   (a newer Alacritty ignores the YAML file when the TOML one is there); pin the version to
 *   get one.
 * Nothing is written when there are no settings.
 *
 * `theme` is a theme file (a path) imported by the configuration: distributions do not package
 * the alacritty-theme collection that home-manager's theme names refer to.
 *
 * @example
 * programs: { alacritty: { enable: true, settings: { font: { size: 11 }, window: { opacity: 0.9 } } } }
 */

import { ModuleError } from "../../errors/index.ts";
import { formats } from "../../formats/index.ts";
import { mkIf, mkOption, mkPackageOption, types } from "../../module-system/index.ts";
import type { Pkgs } from "../../packages/index.ts";
import { versionAtLeast } from "../home/shell-integration.ts";

const toml = formats.toml();
const yaml = formats.yaml();

const alacrittyOptions = (pkgs: Pkgs, config: any) => ({
  programs: {
    alacritty: {
      enable: mkOption({
        type: types.bool,
        default: false,
        example: true,
        description: "Whether to enable Alacritty, the GPU-accelerated terminal emulator.",
      }),
      package: mkPackageOption(pkgs, "alacritty", { nullable: true }),
      version: mkOption({
        type: types.nullOr(types.str),
        get default(): string | null {
          return config.programs.alacritty.package?.version ?? null;
        },
        defaultText: "programs.alacritty.package.version",
        example: "0.11.0",
        description:
          "Alacritty's version, which decides the file (YAML before 0.13, TOML from 0.13); null writes both.",
      }),
      theme: mkOption({
        type: types.nullOr(types.path),
        default: null,
        example: "/usr/share/alacritty/themes/solarized_dark.toml",
        description:
          "A theme file imported by the configuration (`general.import`, or `import` before 0.14).",
      }),
      settings: mkOption({
        type: toml.type,
        default: {},
        example: {
          window: { dimensions: { lines: 3, columns: 200 } },
          keyboard: { bindings: [{ key: "K", mods: "Control", chars: "\\u000c" }] },
        },
        description:
          "Alacritty's configuration (alacritty.toml, or alacritty.yml before 0.13); see alacritty(5).",
      }),
    },
  },
});

/** The options of `programs.alacritty`, for the type-level registry. */
export type AlacrittyOptions = ReturnType<typeof alacrittyOptions>;

/** Which files a version gets. */
export function alacrittyFormats(version: string | null): ("toml" | "yaml")[] {
  const v = versionAtLeast(version, "0.13");
  return v === undefined ? ["toml", "yaml"] : v ? ["toml"] : ["yaml"];
}

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.programs.alacritty;
  const wants = (f: "toml" | "yaml") =>
    Object.keys(cfg.settings).length > 0 && alacrittyFormats(cfg.version).includes(f);
  return {
    key: "programs/alacritty",
    _file: "<confed>/modules/programs/alacritty.ts",
    _class: "home",
    options: alacrittyOptions(pkgs, config),
    config: mkIf(() => cfg.enable, {
      home: {
        get packages() {
          return cfg.package === null ? [] : [cfg.package];
        },
      },
      xdg: {
        configFile: {
          "alacritty/alacritty.toml": {
            get enable() {
              return wants("toml");
            },
            get text() {
              return toml.generate("alacritty.toml", withTheme(cfg));
            },
          },
          "alacritty/alacritty.yml": {
            get enable() {
              return wants("yaml");
            },
            get text() {
              return yaml.generate("alacritty.yml", withTheme(cfg) as never);
            },
          },
        },
      },
    }),
  };
};

/**
 * The settings with the theme's import: `general.import` from 0.14, a top-level `import`
 * before (and for an unknown version, which newer versions still accept with a warning).
 */
function withTheme(cfg: any): Record<string, any> {
  const s: Record<string, any> = { ...cfg.settings };
  if (cfg.theme === null) return s;
  const modern = versionAtLeast(cfg.version, "0.14") === true;
  const where = modern ? s.general?.import : s.import;
  if (where !== undefined && !Array.isArray(where)) {
    const path = `programs.alacritty.settings.${modern ? "general.import" : "import"}`;
    throw new ModuleError("E_VALUE", `${path} must be a list of files to import a theme too.`, {
      optionPath: path,
    });
  }
  const imports = [...(where ?? []), cfg.theme];
  return modern ? { ...s, general: { ...s.general, import: imports } } : { ...s, import: imports };
}

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "programs/alacritty": AlacrittyOptions;
  }
}

/**
 * `programs.btop`: the resource monitor's `~/.config/btop/btop.conf` and themes, with
 * home-manager's option names and file (reference: home-manager release-25.05, commit
 * 44831a7eaba4360fb81f2acc5ea6de5fde90aaa3): `key = value` lines, booleans as True/False and
 * strings in double quotes, then `extraConfig`; written only when there are settings. btop
 * rewrites its file on exit; a linked file keeps the options authoritative.
 *
 * @example
 * programs: { btop: { enable: true, settings: { color_theme: "Default", theme_background: false, update_ms: 1000 } } }
 */
import { mkIf, mkOption, mkPackageOption, types } from "../../module-system/index.ts";
import type { Pkgs } from "../../packages/index.ts";

const btopOptions = (pkgs: Pkgs) => ({
  programs: {
    btop: {
      enable: mkOption({
        type: types.bool,
        default: false,
        example: true,
        description: "Whether to enable btop, the resource monitor.",
      }),
      package: mkPackageOption(pkgs, "btop", { nullable: true }),
      settings: mkOption({
        type: types.attrsOf(types.oneOf([types.bool, types.int, types.float, types.str])),
        default: {},
        example: { color_theme: "Default", theme_background: false },
        description: "btop.conf's settings (see btop's own file for the names).",
      }),
      themes: mkOption({
        type: types.lazyAttrsOf(types.either(types.path, types.lines)),
        default: {},
        example: { "my-theme": 'theme[main_bg]="#282a36"' },
        description: "Themes (~/.config/btop/themes/<name>.theme): the text, or a path to a file.",
      }),
      extraConfig: mkOption({
        type: types.lines,
        default: "",
        description: "Lines at the end of btop.conf.",
      }),
    },
  },
});

/** The options of `programs.btop`, for the type-level registry. */
export type BtopOptions = ReturnType<typeof btopOptions>;

const btopValue = (v: unknown) =>
  typeof v === "boolean" ? (v ? "True" : "False") : typeof v === "string" ? `"${v}"` : String(v);

/** The text of btop.conf. */
export function btopConfText(settings: Record<string, unknown>, extra: string): string {
  const lines = Object.keys(settings)
    .sort()
    .map((k) => `${k} = ${btopValue(settings[k])}`);
  return `${[...lines, ...(extra === "" ? [] : [extra.replace(/\n+$/, "")])].join("\n")}\n`;
}

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.programs.btop;
  return {
    key: "programs/btop",
    _file: "<confed>/modules/programs/btop.ts",
    _class: "home",
    options: btopOptions(pkgs),
    config: mkIf(() => cfg.enable, {
      home: {
        get packages() {
          return cfg.package === null ? [] : [cfg.package];
        },
      },
      xdg: {
        get configFile() {
          const files: Record<string, unknown> = {};
          if (Object.keys(cfg.settings).length)
            files["btop/btop.conf"] = { text: btopConfText(cfg.settings, cfg.extraConfig) };
          for (const [name, t] of Object.entries(cfg.themes as Record<string, string>))
            files[`btop/themes/${name}.theme`] =
              t.startsWith("/") && !t.includes("\n") ? { source: t } : { text: t };
          return files;
        },
      },
    }),
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "programs/btop": BtopOptions;
  }
}

/**
 * `programs.bat`: `config` as command-line flags in `~/.config/bat/config` (`--key=value`,
 * shell-quoted as bat splits the file like a shell; `true` is a bare `--key`, `false` leaves it
 * out, a list repeats the flag), `themes` and `syntaxes` as files under `~/.config/bat/`, after
 * which activation rebuilds bat's cache. The command is `batcat` on Debian and Ubuntu (the
 * catalog records it) and `bat` elsewhere.
 *
 * @example
 * programs: { bat: { enable: true, config: { theme: "TwoDark", "map-syntax": ["*.jenkinsfile:Groovy"] } } }
 */
import {
  mkEnableOption,
  mkIf,
  mkOption,
  mkPackageOption,
  types,
} from "../../module-system/index.ts";
import { mainProgram, type Pkgs } from "../../packages/index.ts";
import { entryAfter } from "../home/activation.ts";

const assetType = types.either(
  types.lines,
  types.submodule({
    options: {
      src: mkOption({ type: types.path, description: "A file, or the directory holding `file`." }),
      file: mkOption({
        type: types.nullOr(types.str),
        default: null,
        description: "The file inside `src`.",
      }),
    },
  }),
);

const batOptions = (pkgs: Pkgs) => ({
  programs: {
    bat: {
      enable: mkEnableOption("bat, a cat clone with wings"),
      package: mkPackageOption(pkgs, "bat", { nullable: true }),
      config: mkOption({
        type: types.attrsOf(types.oneOf([types.str, types.listOf(types.str), types.bool])),
        default: {},
        example: { theme: "TwoDark", pager: "less -FR", "map-syntax": ["*.jenkinsfile:Groovy"] },
        description: "bat's options, as its long flags without the dashes.",
      }),
      themes: mkOption({
        type: types.attrsOf(assetType),
        default: {},
        description: "Themes (`.tmTheme`) by name: their text, or `{ src, file }`.",
      }),
      syntaxes: mkOption({
        type: types.attrsOf(assetType),
        default: {},
        description: "Syntaxes (`.sublime-syntax`) by name: their text, or `{ src, file }`.",
      }),
    },
  },
});

export type BatOptions = ReturnType<typeof batOptions>;

/** nixpkgs' escapeShellArg: plain words stay as they are, others go in single quotes. */
export function shellArg(s: string): string {
  return /^[A-Za-z0-9,._+:@%/-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`;
}

/** The text of bat/config: valued flags first (sorted), then switches (sorted). */
export function batConfigText(config: Record<string, string | string[] | boolean>): string {
  const keys = Object.keys(config).sort();
  const lines: string[] = [];
  for (const k of keys) {
    const v = config[k];
    if (typeof v === "boolean") continue;
    for (const e of Array.isArray(v) ? v : [v]) lines.push(`--${k}=${shellArg(e)}`);
  }
  for (const k of keys) if (config[k] === true) lines.push(`--${k}`);
  return lines.length ? `${lines.join("\n")}\n` : "";
}

function assetFile(v: any) {
  return typeof v === "string"
    ? { text: v }
    : { source: v.file === null ? v.src : `${v.src}/${v.file}` };
}

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.programs.bat;
  return {
    key: "programs/bat",
    _file: "<confed>/modules/programs/bat.ts",
    _class: "home",
    options: batOptions(pkgs),
    config: mkIf(() => cfg.enable, {
      home: {
        get packages() {
          return cfg.package === null ? [] : [cfg.package];
        },
        // bat reads themes and syntaxes from its cache only; rebuild it once they are in place.
        activation: mkIf(
          () => Object.keys(cfg.themes).length + Object.keys(cfg.syntaxes).length > 0,
          {
            get batCache() {
              const bin = cfg.package === null ? "bat" : mainProgram(cfg.package, pkgs.family);
              const cache = config.xdg.cacheHome.replace(/'/g, "'\\''");
              // An empty working directory: bat mistakes a ./cache directory for its own (bat#1726).
              return entryAfter(
                ["linkGeneration"],
                `(export XDG_CACHE_HOME='${cache}'; cd / && ${bin} cache --build)`,
              );
            },
          },
        ),
      },
      xdg: {
        get configFile() {
          const files: Record<string, unknown> = {};
          const text = batConfigText(cfg.config);
          if (text) files["bat/config"] = { text };
          for (const n of Object.keys(cfg.themes))
            files[`bat/themes/${n}.tmTheme`] = assetFile(cfg.themes[n]);
          for (const n of Object.keys(cfg.syntaxes))
            files[`bat/syntaxes/${n}.sublime-syntax`] = assetFile(cfg.syntaxes[n]);
          return files;
        },
      },
    }),
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "programs/bat": BatOptions;
  }
}

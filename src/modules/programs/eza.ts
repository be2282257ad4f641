/**
 * `programs.eza`: the modern `ls`, with home-manager's option names and aliases (reference:
 * home-manager release-25.05, commit 44831a7eaba4360fb81f2acc5ea6de5fde90aaa3).
 *
 * With the options (`icons`, `colors`, `git`, `extraOptions`) there is an alias `eza` carrying
 * them; with a shell's integration on, that shell also gets `ls`, `ll`, `la`, `lt` and `lla`
 * (at default priority, so the home's own aliases win). In fish they are abbreviations when
 * `programs.fish.preferAbbrs` is set. `theme` becomes `~/.config/eza/theme.yml`.
 *
 * @example
 * programs: { eza: { enable: true, icons: "auto", git: true } }
 */
import { formats } from "../../formats/index.ts";
import {
  mkDefault,
  mkIf,
  mkMerge,
  mkOption,
  mkPackageOption,
  mkRemovedOptionModule,
  mkRenamedOptionModule,
  types,
} from "../../module-system/index.ts";
import type { Pkgs } from "../../packages/index.ts";
import { mkShellIntegrationOption, shellQuote } from "../home/shell-integration.ts";

const yaml = formats.yaml();

const ezaOptions = (pkgs: Pkgs, config: any) => ({
  programs: {
    eza: {
      enable: mkOption({
        type: types.bool,
        default: false,
        example: true,
        description: "Whether to enable eza, a modern replacement for ls.",
      }),
      package: mkPackageOption(pkgs, "eza", { nullable: true }),
      icons: mkOption({
        type: types.nullOr(types.either(types.bool, types.enum(["auto", "always", "never"]))),
        default: null,
        description: "Icons beside the names (`--icons`); true means `auto` (deprecated).",
      }),
      colors: mkOption({
        type: types.nullOr(types.enum(["auto", "always", "never"])),
        default: null,
        description: "Colours (`--color`).",
      }),
      git: mkOption({
        type: types.bool,
        default: false,
        description: "Whether to show each file's git status (`--git`).",
      }),
      extraOptions: mkOption({
        type: types.listOf(types.str),
        default: [],
        example: ["--group-directories-first", "--header"],
        description: "More options of every eza command.",
      }),
      theme: mkOption({
        type: yaml.type,
        default: {},
        description: "eza's theme (~/.config/eza/theme.yml).",
      }),
      enableBashIntegration: mkShellIntegrationOption(config, "bash", "eza's ls aliases"),
      enableZshIntegration: mkShellIntegrationOption(config, "zsh", "eza's ls aliases"),
      enableFishIntegration: mkShellIntegrationOption(config, "fish", "eza's ls aliases"),
    },
  },
});

/** The options of `programs.eza`, for the type-level registry. */
export type EzaOptions = ReturnType<typeof ezaOptions>;

const LS_ALIASES = { ls: "eza", ll: "eza -l", la: "eza -a", lt: "eza --tree", lla: "eza -la" };

/** The `eza` alias carrying the options, or {} when there are none. */
export function ezaOptionsAlias(cfg: any): Record<string, string> {
  const icons = cfg.icons === true ? "auto" : cfg.icons === false ? null : cfg.icons;
  const args = [
    ...(icons !== null ? ["--icons", icons] : []),
    ...(cfg.colors !== null ? ["--color", cfg.colors] : []),
    ...(cfg.git ? ["--git"] : []),
    ...cfg.extraOptions,
  ];
  return args.length ? { eza: `eza ${args.map(shellQuote).join(" ")}` } : {};
}

const defaults = () =>
  Object.fromEntries(Object.entries(LS_ALIASES).map(([k, v]) => [k, mkDefault(v)]));

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.programs.eza;
  const aliasesFor = (on: () => boolean) =>
    mkMerge([
      {
        get eza() {
          return mkIf(() => ezaOptionsAlias(cfg).eza !== undefined, ezaOptionsAlias(cfg).eza!);
        },
      },
      mkIf(on, defaults()),
    ]);
  return {
    key: "programs/eza",
    _file: "<confed>/modules/programs/eza.ts",
    _class: "home",
    imports: [
      ...["enable", "extraOptions", "icons", "git"].map((o) =>
        mkRenamedOptionModule(["programs", "exa", o], ["programs", "eza", o]),
      ),
      mkRemovedOptionModule(
        ["programs", "eza", "enableAliases"],
        "The aliases follow each shell's integration now: programs.eza.enableBashIntegration and the like (on by default).",
      ),
    ],
    options: ezaOptions(pkgs, config),
    config: mkIf(() => cfg.enable, {
      home: {
        get packages() {
          return cfg.package === null ? [] : [cfg.package];
        },
      },
      programs: {
        bash: { shellAliases: aliasesFor(() => cfg.enableBashIntegration) },
        zsh: { shellAliases: aliasesFor(() => cfg.enableZshIntegration) },
        fish: {
          shellAliases: aliasesFor(
            () => cfg.enableFishIntegration && !config.programs.fish.preferAbbrs,
          ),
          shellAbbrs: mkIf(
            () => cfg.enableFishIntegration && config.programs.fish.preferAbbrs,
            defaults(),
          ),
        },
      },
      xdg: {
        configFile: {
          "eza/theme.yml": {
            get enable() {
              return Object.keys(cfg.theme).length > 0;
            },
            get text() {
              return yaml.generate("theme.yml", cfg.theme);
            },
          },
        },
      },
    }),
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "programs/eza": EzaOptions;
  }
}

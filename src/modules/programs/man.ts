/**
 * `programs.man`: the man page reader, with home-manager's option names (reference:
 * home-manager release-25.05, commit 44831a7eaba4360fb81f2acc5ea6de5fde90aaa3).
 *
 * home-manager turns this on by default because a Nix profile has no man of its own; a
 * distribution installs man-db with the base system and indexes its pages itself, so here it is
 * off by default and only adds the package when asked.
 *
 * `generateCaches` means what it means in home-manager: apropos and whatis also find the pages
 * of the packages confed builds for the home. `~/.manpath` maps their directory (the profile's
 * home-path/share/man) to an index in `~/.cache/man/confed`, and a step after each switch runs
 * `mandb --user-db` to refresh it. (home-manager builds the index into the store instead.)
 *
 * @example
 * programs: { man: { enable: true, generateCaches: true } }
 */
import { mkIf, mkOption, mkPackageOption, types } from "../../module-system/index.ts";
import type { Pkgs } from "../../packages/index.ts";
import { entryAfter } from "../home/activation.ts";
import { homePathOf } from "../home/session.ts";

const manOptions = (pkgs: Pkgs) => ({
  programs: {
    man: {
      enable: mkOption({
        type: types.bool,
        default: false,
        example: true,
        description:
          "Whether to install the man page reader (distributions install it with the base system).",
      }),
      package: mkPackageOption(pkgs, "man-db", { nullable: true }),
      generateCaches: mkOption({
        type: types.bool,
        default: false,
        description:
          "Whether apropos and whatis index the man pages of the packages confed builds (~/.manpath and `mandb --user-db` after a switch).",
      }),
    },
  },
});

/** The options of `programs.man`, for the type-level registry. */
export type ManOptions = ReturnType<typeof manOptions>;

/** The text of ~/.manpath. */
export function manpathText(manDir: string, cacheDir: string): string {
  return `# Written by confed (programs.man.generateCaches).\nMANDB_MAP ${manDir} ${cacheDir}\n`;
}

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.programs.man;
  return {
    key: "programs/man",
    _file: "<confed>/modules/programs/man.ts",
    _class: "home",
    options: manOptions(pkgs),
    config: mkIf(() => cfg.enable, {
      home: {
        get packages() {
          return cfg.package === null ? [] : [cfg.package];
        },
        file: {
          ".manpath": {
            get enable() {
              return cfg.generateCaches;
            },
            get text() {
              return manpathText(
                `${homePathOf(config)}/share/man`,
                `${config.xdg.cacheHome}/man/confed`,
              );
            },
          },
        },
        activation: mkIf(() => cfg.generateCaches, {
          manCache: entryAfter(
            ["linkGeneration"],
            "if command -v mandb >/dev/null 2>&1; then\n  mandb --user-db --quiet >/dev/null 2>&1 || true\nfi",
          ),
        }),
      },
    }),
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "programs/man": ManOptions;
  }
}

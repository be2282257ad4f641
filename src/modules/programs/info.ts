/**
 * `programs.info`: GNU Info, with home-manager's option name (reference: home-manager
 * release-25.05, commit 44831a7eaba4360fb81f2acc5ea6de5fde90aaa3).
 *
 * home-manager installs texinfo's reader and writes a `dir` index for the info files of the
 * home's Nix profile, which the system index does not list. A distribution's packages put
 * their manuals in /usr/share/info and keep its `dir` up to date with install-info, so here the
 * module installs the reader (Debian and Fedora's `info`, Arch's `texinfo`) and, when confed
 * builds packages for the home, puts their share/info in INFOPATH (the trailing `:` keeps
 * info's own directories after it).
 *
 * @example
 * programs: { info: { enable: true } }
 */
import { mkIf, mkOption, mkPackageOption, types } from "../../module-system/index.ts";
import { isStorePackage, type Pkgs } from "../../packages/index.ts";
import { homePathOf } from "../home/session.ts";

const infoOptions = (pkgs: Pkgs) => ({
  programs: {
    info: {
      enable: mkOption({
        type: types.bool,
        default: false,
        example: true,
        description: "Whether to enable GNU Info (the `info` reader).",
      }),
      package: mkPackageOption(pkgs, "texinfo", { nullable: true }),
    },
  },
});

/** The options of `programs.info`, for the type-level registry. */
export type InfoOptions = ReturnType<typeof infoOptions>;

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.programs.info;
  return {
    key: "programs/info",
    _file: "<confed>/modules/programs/info.ts",
    _class: "home",
    options: infoOptions(pkgs),
    config: mkIf(() => cfg.enable, {
      home: {
        get packages() {
          return cfg.package === null ? [] : [cfg.package];
        },
        sessionVariables: mkIf(() => (config.home.packages as unknown[]).some(isStorePackage), {
          get INFOPATH() {
            return `${homePathOf(config)}/share/info:`;
          },
        }),
      },
    }),
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "programs/info": InfoOptions;
  }
}

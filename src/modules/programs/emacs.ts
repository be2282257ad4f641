/**
 * `programs.emacs`: GNU Emacs, with home-manager's option names (reference: home-manager
 * release-25.05, commit 44831a7eaba4360fb81f2acc5ea6de5fde90aaa3).
 *
 * home-manager builds `extraConfig` into the package as the site `default.el`, which Emacs
 * loads after the user's init file, so it never clashes with a configuration framework (Doom,
 * Spacemacs) that owns `~/.emacs.d`. confed keeps that meaning without rebuilding Emacs:
 * `extraConfig` goes to `~/.local/share/emacs/confed/default.el`, and EMACSLOADPATH (a
 * session variable, so also for the systemd user manager and the daemon) puts that directory
 * first on Emacs's load path, where Emacs looks for `default` after the init file. `emacs -q`
 * skips it, as it skips home-manager's.
 *
 * `extraPackages` are distribution packages of Emacs Lisp (Debian's `elpa-magit` …), which
 * the distribution activates for every Emacs; a function receives `pkgs`, like
 * home-manager's `epkgs: [ … ]`.
 *
 * @example
 * programs: { emacs: { enable: true, extraConfig: "(setq standard-indent 2)", extraPackages: (pkgs) => [pkgs.distro("elpa-magit")] } }
 */
import { mkIf, mkOption, mkPackageOption, types } from "../../module-system/index.ts";
import type { Pkgs } from "../../packages/index.ts";

const emacsOptions = (pkgs: Pkgs) => ({
  programs: {
    emacs: {
      enable: mkOption({
        type: types.bool,
        default: false,
        example: true,
        description: "Whether to enable GNU Emacs.",
      }),
      package: mkPackageOption(pkgs, "emacs", { nullable: true, example: "pkgs.emacs-nox" }),
      extraConfig: mkOption({
        type: types.lines,
        default: "",
        example: "(setq standard-indent 2)",
        description:
          "Emacs Lisp loaded after the init file, as the site's default.el (so `inhibit-startup-message` cannot be set here).",
      }),
      extraPackages: mkOption({
        type: types.either(
          types.listOf(types.package),
          types.functionTo(types.listOf(types.package)),
        ),
        default: [],
        example: 'pkgs => [pkgs.distro("elpa-magit")]',
        description:
          "Distribution packages of Emacs Lisp (Debian's elpa-*), or a function of `pkgs` giving them; the distribution makes them available to every Emacs.",
      }),
    },
  },
});

/** The options of `programs.emacs`, for the type-level registry. */
export type EmacsOptions = ReturnType<typeof emacsOptions>;

/** Where default.el goes, relative to `xdg.dataHome`. */
export const EMACS_SITE_DIR = "emacs/confed";

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.programs.emacs;
  return {
    key: "programs/emacs",
    _file: "<confed>/modules/programs/emacs.ts",
    _class: "home",
    options: emacsOptions(pkgs),
    config: mkIf(() => cfg.enable, {
      home: {
        get packages() {
          const extra =
            typeof cfg.extraPackages === "function" ? cfg.extraPackages(pkgs) : cfg.extraPackages;
          return [...(cfg.package === null ? [] : [cfg.package]), ...extra];
        },
        // A trailing `:` keeps Emacs's own load path after ours.
        sessionVariables: mkIf(() => cfg.extraConfig !== "", {
          get EMACSLOADPATH() {
            return `${config.xdg.dataHome}/${EMACS_SITE_DIR}:`;
          },
        }),
      },
      xdg: {
        dataFile: {
          [`${EMACS_SITE_DIR}/default.el`]: {
            get enable() {
              return cfg.extraConfig !== "";
            },
            get text() {
              const text = cfg.extraConfig as string;
              return `;;; default.el --- written by confed (programs.emacs.extraConfig)  -*- lexical-binding: t -*-\n${text}${text.endsWith("\n") ? "" : "\n"}`;
            },
          },
        },
      },
    }),
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "programs/emacs": EmacsOptions;
  }
}

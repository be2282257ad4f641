/**
 * `xsession.windowManager.xmonad`: `~/.xmonad/xmonad.hs` and the modules under
 * `~/.xmonad/lib/`, with home-manager's options. home-manager compiles the configuration
 * while it builds the home; a distribution's xmonad compiles it itself, so here a changed
 * configuration runs `xmonad --recompile` when the home is switched (and `--restart` inside a
 * running session). The Haskell libraries it needs are distribution packages: xmonad's own
 * library, xmonad-contrib (and -extras, Debian only) with `enableContribAndExtras`, and any
 * `extraPackages` (`pkgs.distro({ apt: "libghc-split-dev", … })`).
 *
 * @example
 * xsession: { enable: true, windowManager: { xmonad: { enable: true, enableContribAndExtras: true, config: path(import.meta, "xmonad.hs") } } }
 */
import {
  mkEnableOption,
  mkIf,
  mkMerge,
  mkOption,
  mkPackageOption,
  types,
} from "../../module-system/index.ts";
import type { Pkgs } from "../../packages/index.ts";
import { commandPath } from "../services/_graphical.ts";

/** A file given as a path (linked) or as its text. */
const fileType = types.either(types.path, types.lines);

const xmonadOptions = (pkgs: Pkgs) => ({
  xsession: {
    windowManager: {
      xmonad: {
        enable: mkEnableOption("the xmonad window manager"),
        package: mkPackageOption(pkgs, "xmonad", { nullable: true }),
        config: mkOption({
          type: types.nullOr(fileType),
          default: null,
          example:
            'import XMonad\nmain = xmonad def { terminal = "alacritty", modMask = mod4Mask }\n',
          description:
            "`~/.xmonad/xmonad.hs`: a path to the file or its text; null leaves the file alone (xmonad then runs its own configuration, or its default).",
        }),
        libFiles: mkOption({
          type: types.attrsOf(fileType),
          default: {},
          example: { "Tools.hs": 'module Tools where\nscreenshot = "scrot"\n' },
          description:
            "Haskell modules put in `~/.xmonad/lib/` for the configuration to import, by file name (a path or the text).",
        }),
        enableContribAndExtras: mkOption({
          type: types.bool,
          default: false,
          description:
            "Install the xmonad-contrib and xmonad-extras libraries (xmonad-extras only where the distribution has it: Debian).",
        }),
        extraPackages: mkOption({
          type: types.listOf(types.package),
          default: [],
          example: "[ pkgs.distro({ apt: 'libghc-split-dev', dnf: 'ghc-split-devel' }) ]",
          description:
            "More Haskell libraries the configuration imports, as distribution packages (home-manager takes a function of haskellPackages; a distribution names them `libghc-*-dev`, `ghc-*-devel`, `haskell-*`).",
        }),
      },
    },
  },
});

export type XmonadOptions = ReturnType<typeof xmonadOptions>;

const asFile = (v: string) =>
  v.startsWith("/") && !v.includes("\n") ? { source: v } : { text: v };

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.xsession.windowManager.xmonad;
  const bin = () => commandPath(config, pkgs, cfg.package, "xmonad");
  return {
    key: "programs/xmonad",
    _file: "<confed>/modules/programs/xmonad.ts",
    _class: "home",
    options: xmonadOptions(pkgs),
    config: mkIf(
      () => cfg.enable,
      mkMerge([
        {
          home: {
            get packages() {
              const extras = pkgs["xmonad-extras"] as { names: Record<string, unknown> };
              return [
                ...(cfg.package === null ? [] : [cfg.package]),
                ...(cfg.config === null ? [] : [pkgs.ghc, pkgs["xmonad-lib"]]),
                ...(cfg.enableContribAndExtras
                  ? [
                      pkgs["xmonad-contrib"],
                      ...(pkgs.family !== undefined && extras.names[pkgs.family] === null
                        ? []
                        : [extras]),
                    ]
                  : []),
                ...cfg.extraPackages,
              ];
            },
            get file() {
              const files: Record<string, unknown> = {};
              for (const name of Object.keys(cfg.libFiles)) {
                files[`.xmonad/lib/${name}`] = {
                  ...asFile(cfg.libFiles[name]),
                  onChange: recompile(),
                };
              }
              return files;
            },
          },
          xsession: {
            windowManager: {
              get command() {
                return bin();
              },
            },
          },
        },
        mkIf(() => cfg.config !== null, {
          home: {
            file: {
              ".xmonad/xmonad.hs": {
                get source() {
                  return asFile(cfg.config).source ?? null;
                },
                get text() {
                  return asFile(cfg.config).text ?? null;
                },
                get onChange() {
                  return recompile();
                },
              },
            },
          },
        }),
      ]),
    ),
  };

  // xmonad compiles ~/.xmonad/xmonad.hs into its cache; a running xmonad then restarts into it.
  function recompile(): string {
    return [
      `if ${bin()} --recompile; then`,
      '  if [ -n "${DISPLAY:-}" ]; then',
      `    ${bin()} --restart || true`,
      "  fi",
      "else",
      `  echo "xmonad: the configuration in ~/.xmonad does not compile; the old one stays" >&2`,
      "fi",
    ].join("\n");
  }
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "programs/xmonad": XmonadOptions;
  }
}

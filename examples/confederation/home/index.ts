// The home profile every user shares (the post's home-manager/default.nix): high-level switches
// that each machine's profile sets, and the packages they bring.
import { defineHome, mkIf, mkMerge, mkOption, types } from "confed";

export const options = {
  myme: {
    dev: {
      haskell: {
        enable: mkOption({
          type: types.bool,
          default: false,
          description: "Haskell development tools",
        }),
        lsp: mkOption({
          type: types.bool,
          default: true,
          description: "The Haskell language server",
        }),
      },
    },
    wm: {
      enable: mkOption({ type: types.bool, default: false, description: "A graphical session" }),
      variant: mkOption({
        type: types.enum(["i3", "xmonad"]),
        default: "i3",
        description: "Window manager",
      }),
      conky: mkOption({ type: types.bool, default: true, description: "Conky system monitor" }),
      polybar: {
        monitor: mkOption({
          type: types.nullOr(types.str),
          default: null,
          description: "Polybar's monitor",
        }),
      },
    },
  },
};

declare module "confed" {
  interface ConfedHomeModules {
    "example/home": typeof options;
  }
}

export default defineHome(({ config, pkgs, osConfig }) => {
  const dev = config.myme.dev;
  const wm = config.myme.wm;
  return {
    options,
    config: mkMerge([
      {
        home: {
          packages: [pkgs.git, pkgs.tmux, pkgs.neovim, pkgs.ripgrep, pkgs.fzf],
          sessionVariables: { EDITOR: "nvim", PAGER: "less -R" },
          sessionPath: ["$HOME/.local/bin"],
        },
        xdg: { enable: true },
      },
      mkIf(() => dev.haskell.enable, {
        home: {
          get packages() {
            return dev.haskell.lsp
              ? [pkgs.ghc, pkgs["cabal-install"], pkgs["haskell-language-server"]]
              : [pkgs.ghc, pkgs["cabal-install"]];
          },
        },
      }),
      mkIf(() => wm.enable, {
        home: {
          get packages() {
            const common = [pkgs.rofi, pkgs.dunst, pkgs.feh, pkgs.alacritty];
            return wm.variant === "xmonad"
              ? [...common, pkgs.xmonad]
              : [...common, pkgs.i3, pkgs.polybar];
          },
        },
      }),
      // A server never gets graphical tools, whatever its profile says.
      mkIf(() => osConfig?.myme.machine.role === "server", {
        assertions: [
          {
            get assertion() {
              return !wm.enable;
            },
            message: "a server has no window manager: set myme.wm.enable = false",
          },
        ],
      }),
    ]),
  };
});

// The window manager module with its i3 and xmonad variants (the post's home-manager/wm).
import { defineHome, mkIf, mkOption, types } from "confed";

export const options = {
  myme: {
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
    "example/wm": typeof options;
  }
}

export default defineHome(({ config, pkgs, osConfig, inputs }) => {
  const wm = config.myme.wm;
  return {
    options,
    imports: [
      {
        config: mkIf(() => wm.enable, {
          // The wallpapers input (a plain source tree) as ~/.local/share/wallpapers.
          xdg: { dataFile: { wallpapers: { source: inputs.wallpapers.outPath } } },
          home: {
            get packages() {
              const common = [pkgs.rofi, pkgs.dunst, pkgs.feh, pkgs.alacritty];
              return wm.variant === "xmonad"
                ? [...common, pkgs.xmonad]
                : [...common, pkgs.i3, pkgs.polybar];
            },
          },
        }),
      },
      {
        // A server never gets graphical tools, whatever its profile says.
        config: mkIf(() => osConfig?.myme.machine.role === "server", {
          assertions: [
            {
              get assertion() {
                return !wm.enable;
              },
              message: "a server has no window manager: set myme.wm.enable = false",
            },
          ],
        }),
      },
    ],
  };
});

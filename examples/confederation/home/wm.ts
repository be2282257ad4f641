// The window manager module with its i3 and xmonad variants (the post's home-manager/wm): an X
// session running i3 (the default) or xmonad, polybar with the tray, dunst, picom, flameshot,
// redshift, a screen locker and the applets, a cursor theme and GTK theme.
import { defineHome, mkIf, mkOption, mkOptionDefault, types } from "confed";

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

const MOD = "Mod4";

// The seed's xmonad.hs, trimmed: the Haskell lives beside the module in the real repository.
const XMONAD_HS = `import XMonad
import XMonad.Hooks.EwmhDesktops (ewmh)
import XMonad.Hooks.ManageDocks (avoidStruts, docks)

main :: IO ()
main = xmonad . docks . ewmh $ def
  { modMask = mod4Mask
  , terminal = "alacritty"
  , layoutHook = avoidStruts (layoutHook def)
  }
`;

export default defineHome(({ config, pkgs, osConfig, inputs }) => {
  const wm = config.myme.wm;
  const highDPI = () => osConfig?.myme.machine.highDPI === true;
  return {
    options,
    imports: [
      {
        config: mkIf(() => wm.enable, {
          home: {
            get packages() {
              return [pkgs.rofi, pkgs.feh, pkgs.alacritty, pkgs.i3lock];
            },
            keyboard: { layout: "us,no", options: ["grp:alt_shift_toggle", "caps:escape"] },
            get pointerCursor() {
              return {
                package: pkgs["vanilla-dmz"],
                name: "DMZ-White",
                size: highDPI() ? 48 : 24,
                x11: { enable: true },
                gtk: { enable: true },
              };
            },
          },
          xsession: {
            enable: true,
            initExtra: "xset b off",
          },
          gtk: {
            enable: true,
            get theme() {
              return { name: "Adwaita-dark", package: pkgs["gnome-themes-extra"] };
            },
            iconTheme: { name: "Adwaita" },
            font: { name: "DejaVu Sans", size: 10 },
          },
          fonts: {
            fontconfig: { enable: true, defaultFonts: { monospace: ["DejaVu Sans Mono"] } },
          },
          xdg: {
            // The wallpapers input (a plain source tree) as ~/.local/share/wallpapers.
            dataFile: { wallpapers: { source: inputs.wallpapers.outPath } },
            mimeApps: {
              enable: true,
              defaultApplications: {
                "text/html": "firefox-esr.desktop",
                "x-scheme-handler/https": "firefox-esr.desktop",
                "image/png": "feh.desktop",
              },
            },
          },
          services: {
            polybar: {
              enable: true,
              get script() {
                const monitor = wm.polybar.monitor;
                return monitor === null ? "polybar top &" : `MONITOR=${monitor} polybar top &`;
              },
              settings: {
                "bar/top": {
                  monitor: "${env:MONITOR:}",
                  width: "100%",
                  get height() {
                    return highDPI() ? 40 : 24;
                  },
                  "font-0": "DejaVu Sans Mono:size=10;2",
                  modules: { left: "xworkspaces", right: "cpu memory date" },
                  tray: { position: "right" },
                },
                "module/xworkspaces": { type: "internal/xworkspaces" },
                "module/cpu": { type: "internal/cpu", interval: 2, label: "CPU %percentage%%" },
                "module/memory": {
                  type: "internal/memory",
                  interval: 2,
                  label: "RAM %percentage_used%%",
                },
                "module/date": {
                  type: "internal/date",
                  interval: 5,
                  date: "%Y-%m-%d",
                  time: "%H:%M",
                  label: "%date% %time%",
                },
              },
            },
            dunst: {
              enable: true,
              settings: {
                global: { font: "DejaVu Sans 10", origin: "top-right", offset: "10x40" },
                urgency_normal: { background: "#37474f", foreground: "#eceff1", timeout: 10 },
              },
            },
            picom: { enable: true, fade: true, shadow: true, fadeDelta: 4 },
            flameshot: { enable: true, settings: { General: { showStartupLaunchMessage: false } } },
            redshift: { enable: true, latitude: 59.9, longitude: 10.7 },
            "screen-locker": { enable: true, lockCmd: "i3lock -n -c 000000", inactiveInterval: 10 },
            "network-manager-applet": { enable: true },
          },
        }),
      },
      // The default variant: i3, with polybar instead of i3bar.
      {
        config: mkIf(() => wm.enable && wm.variant === "i3", {
          xsession: {
            windowManager: {
              i3: {
                enable: true,
                config: {
                  modifier: MOD,
                  terminal: "alacritty",
                  menu: "rofi -show run",
                  fonts: { names: ["DejaVu Sans Mono"], size: 10 },
                  bars: [],
                  gaps: { inner: 6, smartGaps: true },
                  keybindings: mkOptionDefault({
                    [`${MOD}+Shift+x`]: "exec loginctl lock-session",
                    [`${MOD}+Print`]: "exec flameshot gui",
                  }),
                  startup: [
                    {
                      command: "systemctl --user restart polybar",
                      always: true,
                      notification: false,
                    },
                  ],
                },
              },
            },
          },
        }),
      },
      // The xmonad variant (qemu-vm's): its Haskell configuration and the contrib library.
      {
        config: mkIf(() => wm.enable && wm.variant === "xmonad", {
          home: { packages: [pkgs.xmobar] },
          xsession: {
            windowManager: {
              xmonad: { enable: true, enableContribAndExtras: true, config: XMONAD_HS },
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

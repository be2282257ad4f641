/**
 * `home.keyboard`: the X keyboard layout of the session, set by a `setxkbmap` user service
 * that starts with the graphical session (home-manager's way: the session script does not
 * run it itself). Null (the default) leaves the keyboard as the X server configured it.
 * home-manager also restarts the service when a keyboard is plugged in (xplugd); no
 * distribution packages xplugd, so that part is left out.
 *
 * @example
 * home: { keyboard: { layout: "us,no", options: ["grp:alt_shift_toggle", "caps:escape"] } }
 */
import { mkIf, mkOption, types } from "../../module-system/index.ts";
import type { Pkgs } from "../../packages/index.ts";
import { commandPath, GRAPHICAL } from "../services/_graphical.ts";

const keyboardType = types.submodule({
  options: {
    layout: mkOption({
      type: types.nullOr(types.str),
      default: null,
      example: "us,no",
      description: "The keyboard layout(s); null keeps the X server's.",
    }),
    model: mkOption({
      type: types.nullOr(types.str),
      default: null,
      example: "pc105",
      description: "The keyboard model; null keeps the X server's.",
    }),
    variant: mkOption({
      type: types.nullOr(types.str),
      default: null,
      example: "colemak",
      description: "The layout variant(s); null keeps the X server's.",
    }),
    options: mkOption({
      type: types.listOf(types.str),
      default: [],
      example: ["grp:caps_toggle", "grp_led:scroll"],
      description: "XKB options; the server's options are cleared first.",
    }),
  },
});

const keyboardOptions = {
  home: {
    keyboard: mkOption({
      type: types.nullOr(keyboardType),
      default: null,
      example: { layout: "us", options: ["caps:escape"] },
      description:
        "The keyboard of the X session (set with setxkbmap when the session starts); null leaves it alone.",
    }),
  },
};

export type KeyboardOptions = typeof keyboardOptions;

const q = (s: string) => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

/** setxkbmap's arguments for a keyboard, as one command line for `ExecStart=`. */
export function setxkbmapArgs(kb: {
  layout: string | null;
  model: string | null;
  variant: string | null;
  options: readonly string[];
}): string {
  const args: string[] = [];
  if (kb.layout !== null) args.push(`-layout ${q(kb.layout)}`);
  if (kb.variant !== null) args.push(`-variant ${q(kb.variant)}`);
  if (kb.model !== null) args.push(`-model ${q(kb.model)}`);
  // An empty -option first clears the options the server was started with.
  args.push("-option ''", ...kb.options.map((o) => `-option ${q(o)}`));
  return args.join(" ");
}

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const kb = () => config.home.keyboard;
  return {
    key: "programs/keyboard",
    _file: "<confed>/modules/programs/keyboard.ts",
    _class: "home",
    options: keyboardOptions,
    config: mkIf(() => config.xsession.enable && kb() !== null, {
      home: {
        get packages() {
          return [pkgs.setxkbmap];
        },
      },
      systemd: {
        user: {
          services: {
            setxkbmap: {
              Unit: {
                Description: "Set up the keyboard in X",
                After: ["graphical-session-pre.target"],
                PartOf: [GRAPHICAL],
              },
              Service: {
                Type: "oneshot",
                RemainAfterExit: true,
                get ExecStart() {
                  const bin = commandPath(config, pkgs, pkgs.setxkbmap, "setxkbmap");
                  return `${bin} ${setxkbmapArgs(kb())}`;
                },
              },
              Install: { WantedBy: [GRAPHICAL] },
            },
          },
        },
      },
    }),
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "programs/keyboard": KeyboardOptions;
  }
}

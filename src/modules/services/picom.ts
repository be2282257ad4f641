/**
 * `services.picom`: `~/.config/picom/picom.conf` (libconfig) and a user service, with
 * home-manager's options. The named options (`fade`, `shadow`, `activeOpacity`, …) become
 * defaults of `settings`, so a setting given there wins, as in home-manager. Settings picom
 * reads as floats are written with a decimal point (JavaScript has one kind of number).
 *
 * @example
 * services: { picom: { enable: true, fade: true, shadow: true, settings: { blur: { method: "gaussian", size: 10, deviation: 5 } } } }
 */
import { libconfig } from "../../formats/index.ts";
import {
  mkDefault,
  mkEnableOption,
  mkIf,
  mkOption,
  mkOptionType,
  mkPackageOption,
  types,
} from "../../module-system/index.ts";
import type { Pkgs } from "../../packages/index.ts";
import { commandPath, graphicalService, unitArg } from "./_graphical.ts";

/** picom(1)'s settings that are floats (at any depth: `opacity` of a window type). */
const FLOATS = [
  "fade-in-step",
  "fade-out-step",
  "shadow-opacity",
  "shadow-red",
  "shadow-green",
  "shadow-blue",
  "inactive-opacity",
  "active-opacity",
  "frame-opacity",
  "inactive-dim",
  "inactive-dim-fixed",
  "opacity",
  "deviation",
  "menu-opacity",
];

const format = libconfig({ floats: FLOATS });

const between = (lo: number, hi: number) =>
  mkOptionType<number>({
    name: "numberBetween",
    description: `a number between ${lo} and ${hi}`,
    check: (v) => typeof v === "number" && Number.isFinite(v) && v >= lo && v <= hi,
  });
const pair = <T>(t: { check: (v: unknown) => boolean; description: string }) =>
  mkOptionType<[T, T]>({
    name: "pair",
    description: `a pair of ${t.description}`,
    check: (v) => Array.isArray(v) && v.length === 2 && v.every((e) => t.check(e)),
  });

const opacity = (description: string, lo = 0, d = 1) =>
  mkOption({ type: between(lo, 1), default: d, example: 0.8, description });
const conditions = (description: string) =>
  mkOption({
    type: types.listOf(types.str),
    default: [],
    example: ["window_type *= 'menu'", "name ~= 'Firefox$'", "focused = 1"],
    description,
  });

const picomOptions = (pkgs: Pkgs, config: any) => ({
  services: {
    picom: {
      enable: mkEnableOption("the picom X11 compositor"),
      package: mkPackageOption(pkgs, "picom", { nullable: true }),
      fade: mkOption({
        type: types.bool,
        default: false,
        description: "Fade windows in and out.",
      }),
      fadeDelta: mkOption({
        type: types.ints.positive,
        default: 10,
        description: "Milliseconds between fade steps.",
      }),
      fadeSteps: mkOption({
        type: pair<number>(between(0.01, 1)),
        default: [0.028, 0.03],
        example: [0.04, 0.04],
        description: "Opacity change per fade step, in and out.",
      }),
      fadeExclude: conditions("Conditions of windows that do not fade (see picom(1))."),
      shadow: mkOption({ type: types.bool, default: false, description: "Draw window shadows." }),
      shadowOffsets: mkOption({
        type: pair<number>(types.int),
        default: [-15, -15],
        example: [-10, -15],
        description: "Left and top offset of shadows, in pixels.",
      }),
      shadowOpacity: opacity("Opacity of shadows.", 0, 0.75),
      shadowExclude: conditions("Conditions of windows that have no shadow (see picom(1))."),
      activeOpacity: opacity("Opacity of the active window."),
      inactiveOpacity: opacity("Opacity of inactive windows.", 0.1),
      menuOpacity: opacity("Opacity of dropdown and popup menus."),
      wintypes: mkOption({
        type: types.attrs,
        get default() {
          const o = config.services.picom.menuOpacity;
          return { popup_menu: { opacity: o }, dropdown_menu: { opacity: o } };
        },
        defaultText: "popup_menu and dropdown_menu at menuOpacity",
        example: {},
        description: "Settings by window type (`wintypes`).",
      }),
      opacityRules: mkOption({
        type: types.listOf(types.str),
        default: [],
        example: ["95:class_g = 'URxvt' && !_NET_WM_STATE@:32a"],
        description: "Opacity rules, `PERCENT:CONDITION`.",
      }),
      backend: mkOption({
        type: types.enum(["egl", "glx", "xrender", "xr_glx_hybrid"]),
        default: "xrender",
        description: "The rendering backend.",
      }),
      vSync: mkOption({
        type: types.bool,
        default: false,
        description: "Vertical synchronisation.",
      }),
      extraArgs: mkOption({
        type: types.listOf(types.str),
        default: [],
        example: ["--legacy-backends"],
        description: "More arguments of the picom command.",
      }),
      settings: mkOption({
        type: format.type,
        default: {},
        example: { blur: { method: "gaussian", size: 10, deviation: 5 } },
        description:
          "picom.conf's settings (see picom(1)): scalars, lists, and groups as nested sets. The options above are defaults of these.",
      }),
    },
  },
});

export type PicomOptions = ReturnType<typeof picomOptions>;

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.services.picom;
  const path = () => `${config.xdg.configHome}/picom/picom.conf`;
  // Each named option is a default of its setting, read only when the setting is.
  const d = (read: () => unknown) => ({
    get value() {
      return mkDefault(read());
    },
  });
  const defaults: Record<string, { value: unknown }> = {
    fading: d(() => cfg.fade),
    "fade-delta": d(() => cfg.fadeDelta),
    "fade-in-step": d(() => cfg.fadeSteps[0]),
    "fade-out-step": d(() => cfg.fadeSteps[1]),
    "fade-exclude": d(() => cfg.fadeExclude),
    shadow: d(() => cfg.shadow),
    "shadow-offset-x": d(() => cfg.shadowOffsets[0]),
    "shadow-offset-y": d(() => cfg.shadowOffsets[1]),
    "shadow-opacity": d(() => cfg.shadowOpacity),
    "shadow-exclude": d(() => cfg.shadowExclude),
    "active-opacity": d(() => cfg.activeOpacity),
    "inactive-opacity": d(() => cfg.inactiveOpacity),
    wintypes: d(() => cfg.wintypes),
    "opacity-rule": d(() => cfg.opacityRules),
    backend: d(() => cfg.backend),
    vsync: d(() => cfg.vSync),
  };
  const settingsDefaults: Record<string, unknown> = {};
  for (const k of Object.keys(defaults)) {
    Object.defineProperty(settingsDefaults, k, {
      enumerable: true,
      get: () => defaults[k]!.value,
    });
  }
  return {
    key: "services/picom",
    _file: "<confed>/modules/services/picom.ts",
    _class: "home",
    options: picomOptions(pkgs, config),
    config: mkIf(() => cfg.enable, {
      home: {
        get packages() {
          return cfg.package === null ? [] : [cfg.package];
        },
      },
      services: { picom: { settings: settingsDefaults } },
      xdg: {
        configFile: {
          "picom/picom.conf": {
            get text() {
              return format.generate("services.picom.settings", cfg.settings);
            },
          },
        },
      },
      systemd: {
        user: {
          services: {
            get picom() {
              const bin = commandPath(config, pkgs, cfg.package, "picom");
              return graphicalService({
                description: "Picom X11 compositor",
                service: {
                  ExecStart: [bin, "--config", unitArg(path()), ...cfg.extraArgs].join(" "),
                  Restart: "always",
                  RestartSec: 3,
                },
              });
            },
          },
        },
      },
    }),
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "services/picom": PicomOptions;
  }
}

/**
 * `programs.htop`: `settings` as `~/.config/htop/htoprc` (`key=value`; booleans 1/0, lists
 * joined by spaces), written only when there are settings. As in home-manager, `fields`
 * defaults to htop's usual columns and `header_layout` comes first (htop reads the meters
 * after it). htop rewrites htoprc on exit; a linked file keeps the options authoritative.
 * `htopFields`, `htopModes` and the meter helpers spell the numbers htoprc wants.
 *
 * @example
 * programs: { htop: { enable: true, settings: { delay: 15, ...leftMeters([bar("AllCPUs2"), text("Memory")]) } } }
 */
import { formats, type IniValue, type Scalar } from "../../formats/index.ts";
import {
  mkEnableOption,
  mkIf,
  mkOption,
  mkPackageOption,
  types,
} from "../../module-system/index.ts";
import type { Pkgs } from "../../packages/index.ts";

/** htop's column numbers by name. */
export const htopFields = {
  PID: 0,
  COMM: 1,
  STATE: 2,
  PPID: 3,
  PGRP: 4,
  SESSION: 5,
  TTY_NR: 6,
  TPGID: 7,
  MINFLT: 9,
  CMINFLT: 10,
  MAJFLT: 11,
  CMAJFLT: 12,
  UTIME: 13,
  STIME: 14,
  CUTIME: 15,
  CSTIME: 16,
  PRIORITY: 17,
  NICE: 18,
  STARTTIME: 20,
  PROCESSOR: 37,
  M_SIZE: 38,
  M_RESIDENT: 39,
  M_SHARE: 40,
  M_TRS: 41,
  M_DRS: 42,
  M_LRS: 43,
  M_DT: 44,
  ST_UID: 45,
  PERCENT_CPU: 46,
  PERCENT_MEM: 47,
  USER: 48,
  TIME: 49,
  NLWP: 50,
  TGID: 51,
  PERCENT_NORM_CPU: 52,
  ELAPSED: 53,
  CTID: 99,
  VPID: 100,
  RCHAR: 102,
  WCHAR: 103,
  SYSCR: 104,
  SYSCW: 105,
  RBYTES: 106,
  WBYTES: 107,
  CNCLWB: 108,
  IO_READ_RATE: 109,
  IO_WRITE_RATE: 110,
  IO_RATE: 111,
  CGROUP: 112,
  OOM: 113,
  IO_PRIORITY: 114,
  M_PSS: 118,
  M_SWAP: 119,
  M_PSSWP: 120,
} as const;

/** The columns htop shows by default. */
export const htopDefaultFields = (
  [
    "PID",
    "USER",
    "PRIORITY",
    "NICE",
    "M_SIZE",
    "M_RESIDENT",
    "M_SHARE",
    "STATE",
    "PERCENT_CPU",
    "PERCENT_MEM",
    "TIME",
    "COMM",
  ] as const
).map((f) => htopFields[f]);

/** Meter modes. */
export const htopModes = { Bar: 1, Text: 2, Graph: 3, LED: 4 } as const;

type Meter = Record<string, number>;
/** A meter shown as a bar (`text`, `graph`, `led` likewise). @example bar("Memory") */
export const bar = (name: string): Meter => ({ [name]: htopModes.Bar });
export const text = (name: string): Meter => ({ [name]: htopModes.Text });
export const graph = (name: string): Meter => ({ [name]: htopModes.Graph });
export const led = (name: string): Meter => ({ [name]: htopModes.LED });
export const blank: Meter = text("Blank");

const meters = (side: string, ms: readonly Meter[]) => ({
  [`${side}_meters`]: ms.flatMap((m) => Object.keys(m)),
  [`${side}_meter_modes`]: ms.flatMap((m) => Object.values(m)),
});
/** The settings of the left column's meters. @example leftMeters([bar("AllCPUs"), text("Tasks")]) */
export const leftMeters = (ms: readonly Meter[]) => meters("left", ms);
/** The settings of the right column's meters. */
export const rightMeters = (ms: readonly Meter[]) => meters("right", ms);

const htoprc = formats.keyValue({
  separator: "=",
  listSeparator: " ",
  mkValue: (v: Scalar) => (typeof v === "boolean" ? (v ? "1" : "0") : String(v)),
});

const htopOptions = (pkgs: Pkgs) => ({
  programs: {
    htop: {
      enable: mkEnableOption("htop"),
      package: mkPackageOption(pkgs, "htop", { nullable: true }),
      settings: mkOption({
        type: types.attrsOf(
          types.oneOf([
            types.bool,
            types.int,
            types.str,
            types.listOf(types.oneOf([types.int, types.str])),
          ]),
        ),
        default: {},
        example: { color_scheme: 6, delay: 15, highlight_base_name: 1 },
        description: "htoprc's settings.",
      }),
    },
  },
});

export type HtopOptions = ReturnType<typeof htopOptions>;

/** The text of htoprc: `header_layout` first, then the rest (with default fields) sorted. */
export function htoprcText(settings: Record<string, IniValue>): string {
  const { header_layout, ...rest } = settings;
  const before = header_layout === undefined ? "" : htoprc.generate("htoprc", { header_layout });
  return before + htoprc.generate("htoprc", { fields: htopDefaultFields, ...rest });
}

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.programs.htop;
  return {
    key: "programs/htop",
    _file: "<confed>/modules/programs/htop.ts",
    _class: "home",
    options: htopOptions(pkgs),
    config: mkIf(() => cfg.enable, {
      home: {
        get packages() {
          return cfg.package === null ? [] : [cfg.package];
        },
      },
      xdg: {
        configFile: {
          "htop/htoprc": {
            get enable() {
              return Object.keys(cfg.settings).length > 0;
            },
            get text() {
              return htoprcText(cfg.settings);
            },
          },
        },
      },
    }),
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "programs/htop": HtopOptions;
  }
}

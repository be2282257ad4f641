/**
 * `services.polybar`: `~/.config/polybar/config.ini` and a user service that runs `script`
 * (which starts the bars in the background) with the tray, as home-manager does. `settings`
 * are flattened the way home-manager flattens them: nested keys join with `-`
 * (`format.volume` → `format-volume`), a nested `text` key names its parent
 * (`label.muted.text` → `label-muted`), lists number their elements (`ramp-volume-0`, …).
 * `config` takes sections as they are (or a file, included as `section/base`'s
 * `include-file`). Values with spaces at either end are quoted, so polybar keeps the spaces.
 *
 * @example
 * services: { polybar: { enable: true, script: "polybar top &", settings: { "bar/top": { modules: { right: "date" } } } } }
 */
import { type Scalar, sectionsText, valueType } from "../../formats/index.ts";
import {
  mkEnableOption,
  mkIf,
  mkOption,
  mkPackageOption,
  types,
} from "../../module-system/index.ts";
import type { Pkgs } from "../../packages/index.ts";
import { TRAY } from "./_graphical.ts";

type PolybarValue = Scalar | PolybarValue[] | { [k: string]: PolybarValue };
const polybarValue = valueType<PolybarValue>("polybarValue", "polybar value", false);
const atom = types.oneOf([types.str, types.bool, types.int, types.listOf(types.str)]);
const sectionsType = types.attrsOf(types.attrsOf(atom));

const polybarOptions = (pkgs: Pkgs) => ({
  services: {
    polybar: {
      enable: mkEnableOption("the polybar status bar"),
      package: mkPackageOption(pkgs, "polybar", { nullable: true }),
      config: mkOption({
        type: types.coercedTo(
          types.path,
          (p: string) => ({ "section/base": { "include-file": p } }),
          sectionsType,
        ),
        default: {},
        example: { "bar/top": { monitor: "${env:MONITOR:eDP1}", width: "100%" } },
        description:
          "Sections of polybar's configuration as they are, or the path of a file to include. `settings` is the friendlier form.",
      }),
      settings: mkOption({
        type: types.attrsOf(types.attrsOf(polybarValue)),
        default: {},
        example: {
          "module/volume": {
            type: "internal/pulseaudio",
            format: { volume: "<ramp-volume> <label-volume>" },
            label: { muted: { text: "🔇", foreground: "#666" } },
            ramp: { volume: ["🔈", "🔉", "🔊"] },
          },
        },
        description:
          "Sections of polybar's configuration, with nested keys joined by `-`, `text` naming the parent key, and lists numbered (`ramp-volume-0`, …).",
      }),
      extraConfig: mkOption({
        type: types.lines,
        default: "",
        example: "[module/date]\ntype = internal/date\ninterval = 5\n",
        description: "Text at the end of `config.ini`.",
      }),
      script: mkOption({
        type: types.nullOr(types.lines),
        default: null,
        example: "polybar top &",
        description:
          "The shell script the service runs: it starts every bar in the background and exits. `polybar` is on its PATH. Required with the service.",
      }),
    },
  },
});

export type PolybarOptions = ReturnType<typeof polybarOptions>;

/** home-manager's flattening of one key of `settings` into polybar's dashed keys. */
export function flattenPolybar(key: string, v: PolybarValue, out: Record<string, Scalar>): void {
  if (Array.isArray(v)) {
    for (const [i, e] of v.entries()) flattenPolybar(`${key}-${i}`, e, out);
  } else if (typeof v === "object") {
    for (const k of Object.keys(v)) flattenPolybar(k === "text" ? key : `${key}-${k}`, v[k]!, out);
  } else out[key] = v;
}

function polybarIni(sections: Record<string, Record<string, unknown>>): string {
  return sectionsText(
    sections,
    (v, k) =>
      typeof v === "boolean"
        ? String(v)
        : typeof v === "string" && k !== "include-file" && (/^ /.test(v) || / $/.test(v))
          ? `"${v}"`
          : Array.isArray(v)
            ? v.join(" ")
            : String(v),
    (s, k) => `services.polybar: [${s}] ${k} has a line break, which polybar's format cannot hold.`,
  );
}

/** The text of `config.ini`: `config`'s sections, then `settings`', then extraConfig. */
export function polybarConfigText(
  configSections: Record<string, Record<string, unknown>>,
  settings: Record<string, Record<string, PolybarValue>>,
  extraConfig: string,
): string {
  const flat: Record<string, Record<string, Scalar>> = {};
  for (const s of Object.keys(settings)) {
    flat[s] = {};
    for (const k of Object.keys(settings[s]!)) flattenPolybar(k, settings[s]![k]!, flat[s]!);
  }
  return [polybarIni(configSections), polybarIni(flat), extraConfig]
    .filter((t) => t !== "")
    .map((t) => (t.endsWith("\n") ? t : `${t}\n`))
    .join("\n");
}

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.services.polybar;
  const text = () => polybarConfigText(cfg.config, cfg.settings, cfg.extraConfig);
  const scriptPath = () => `${config.xdg.configHome}/polybar/confed-start`;
  return {
    key: "services/polybar",
    _file: "<confed>/modules/services/polybar.ts",
    _class: "home",
    options: polybarOptions(pkgs),
    config: mkIf(() => cfg.enable, {
      assertions: [
        {
          get assertion() {
            return cfg.script !== null;
          },
          message:
            "services.polybar.script must be set: the script that starts the bars (e.g. `polybar top &`).",
        },
      ],
      home: {
        get packages() {
          return cfg.package === null ? [] : [cfg.package];
        },
      },
      xdg: {
        configFile: {
          "polybar/config.ini": {
            get enable() {
              return text() !== "";
            },
            get text() {
              return text();
            },
          },
          "polybar/confed-start": {
            executable: true,
            get text() {
              return `#!/usr/bin/env bash\n${(cfg.script ?? "").replace(/\n*$/, "\n")}`;
            },
          },
        },
      },
      systemd: {
        user: {
          services: {
            polybar: {
              Unit: { Description: "Polybar status bar", PartOf: [TRAY] },
              Service: {
                Type: "forking",
                Environment: ["PATH=/usr/local/bin:/usr/bin:/bin"],
                get ExecStart() {
                  return scriptPath();
                },
                Restart: "on-failure",
              },
              Install: { WantedBy: [TRAY] },
            },
          },
        },
      },
    }),
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "services/polybar": PolybarOptions;
  }
}

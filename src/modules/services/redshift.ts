/**
 * `services.redshift`: `~/.config/redshift/redshift.conf` and a user service, with
 * home-manager's options. `temperature`, `provider`, `latitude`/`longitude` and
 * `dawnTime`/`duskTime` fill the `[redshift]` and `[manual]` sections of `settings`, which may
 * add anything else redshift(1) reads. Some way of knowing the time of day is required: a
 * location (manual or geoclue2) or dawn and dusk times.
 *
 * @example
 * services: { redshift: { enable: true, latitude: 59.9, longitude: 10.7, temperature: { night: 3500 } } }
 */
import { formats } from "../../formats/index.ts";
import {
  mkEnableOption,
  mkIf,
  mkOption,
  mkPackageOption,
  types,
} from "../../module-system/index.ts";
import type { Pkgs } from "../../packages/index.ts";
import { commandPath, GRAPHICAL, TRAY, unitArg } from "./_graphical.ts";

const ini = formats.ini();
const coordinate = (what: string, example: number) =>
  mkOption({
    type: types.nullOr(types.either(types.str, types.number)),
    default: null,
    example,
    description: `Your ${what}, in degrees; give it with the other coordinate.`,
  });

const redshiftOptions = (pkgs: Pkgs) => ({
  services: {
    redshift: {
      enable: mkEnableOption("Redshift, which warms the screen's colours at night"),
      package: mkPackageOption(pkgs, "redshift", { nullable: true }),
      dawnTime: mkOption({
        type: types.nullOr(types.str),
        default: null,
        example: "6:00-7:45",
        description: "When dawn is (a time or a range), instead of a location.",
      }),
      duskTime: mkOption({
        type: types.nullOr(types.str),
        default: null,
        example: "18:35-20:15",
        description: "When dusk is (a time or a range), instead of a location.",
      }),
      latitude: coordinate("latitude", 59.9),
      longitude: coordinate("longitude", 10.7),
      provider: mkOption({
        type: types.enum(["manual", "geoclue2"]),
        default: "manual",
        description:
          "Where the location comes from: `manual` (latitude and longitude) or the geoclue2 service.",
      }),
      temperature: {
        day: mkOption({
          type: types.ints.between(1000, 25000),
          default: 5500,
          description: "Colour temperature by day, in kelvin.",
        }),
        night: mkOption({
          type: types.ints.between(1000, 25000),
          default: 3700,
          description: "Colour temperature at night, in kelvin.",
        }),
      },
      enableVerboseLogging: mkEnableOption("verbose logging of the service"),
      tray: mkOption({
        type: types.bool,
        default: false,
        example: true,
        description: "Run redshift-gtk, with a tray icon, instead of redshift.",
      }),
      settings: mkOption({
        type: ini.type,
        default: {},
        example: { redshift: { "adjustment-method": "randr" }, randr: { screen: 0 } },
        description: "redshift.conf's sections (see redshift(1)); the options above fill some.",
      }),
    },
  },
});

export type RedshiftOptions = ReturnType<typeof redshiftOptions>;

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.services.redshift;
  const path = () => `${config.xdg.configHome}/redshift/redshift.conf`;
  const geoclue = () => (cfg.provider === "geoclue2" ? ["geoclue-agent.service"] : []);
  return {
    key: "services/redshift",
    _file: "<confed>/modules/services/redshift.ts",
    _class: "home",
    options: redshiftOptions(pkgs),
    config: mkIf(() => cfg.enable, {
      assertions: [
        {
          get assertion() {
            const main = "redshift" in cfg.settings ? cfg.settings.redshift : {};
            const manual = "manual" in cfg.settings ? cfg.settings.manual : {};
            return (
              "dawn-time" in main ||
              "dusk-time" in main ||
              main["location-provider"] === "geoclue2" ||
              (main["location-provider"] === "manual" && ("lat" in manual || "lon" in manual))
            );
          },
          message:
            'services.redshift needs to know the time of day: set services.redshift.latitude and .longitude, or provider = "geoclue2" (with the geoclue2 service), or dawnTime and duskTime.',
        },
      ],
      home: {
        get packages() {
          return [
            ...(cfg.package === null ? [] : [cfg.package]),
            ...(cfg.tray ? [pkgs["redshift-gtk"]] : []),
          ];
        },
      },
      services: {
        redshift: {
          settings: {
            redshift: {
              get "temp-day"() {
                return cfg.temperature.day;
              },
              get "temp-night"() {
                return cfg.temperature.night;
              },
              get "location-provider"() {
                return cfg.provider;
              },
              get "dawn-time"() {
                return mkIf(cfg.dawnTime !== null, cfg.dawnTime);
              },
              get "dusk-time"() {
                return mkIf(cfg.duskTime !== null, cfg.duskTime);
              },
            },
            get manual() {
              const at: Record<string, string> = {};
              if (cfg.latitude !== null) at.lat = String(cfg.latitude);
              if (cfg.longitude !== null) at.lon = String(cfg.longitude);
              return mkIf(cfg.provider === "manual", at);
            },
          },
        },
      },
      xdg: {
        configFile: {
          "redshift/redshift.conf": {
            get text() {
              return ini.generate("services.redshift.settings", cfg.settings);
            },
          },
        },
      },
      systemd: {
        user: {
          services: {
            redshift: {
              Unit: {
                Description: "Redshift colour temperature adjuster",
                Documentation: "http://jonls.dk/redshift/",
                get After() {
                  return [GRAPHICAL, ...(cfg.tray ? [TRAY] : []), ...geoclue()];
                },
                get Wants() {
                  return geoclue();
                },
                get Requires() {
                  return cfg.tray ? [TRAY] : [];
                },
                PartOf: [GRAPHICAL],
              },
              Service: {
                get ExecStart() {
                  const bin = cfg.tray
                    ? commandPath(config, pkgs, pkgs["redshift-gtk"], "redshift-gtk")
                    : commandPath(config, pkgs, cfg.package, "redshift");
                  return [
                    bin,
                    ...(cfg.enableVerboseLogging ? ["-v"] : []),
                    "-c",
                    unitArg(path()),
                  ].join(" ");
                },
                RestartSec: 3,
                Restart: "on-failure",
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
    "services/redshift": RedshiftOptions;
  }
}

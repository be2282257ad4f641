/**
 * `services.flameshot`: `~/.config/flameshot/flameshot.ini` from `settings` (written only
 * when there are settings) and a user service that starts flameshot's tray icon with the
 * graphical session, confined as home-manager confines it.
 *
 * @example
 * services: { flameshot: { enable: true, settings: { General: { disabledTrayIcon: true, showStartupLaunchMessage: false } } } }
 */
import { formats } from "../../formats/index.ts";
import { mkEnableOption, mkIf, mkOption, mkPackageOption } from "../../module-system/index.ts";
import type { Pkgs } from "../../packages/index.ts";
import { commandPath, graphicalService } from "./_graphical.ts";

const ini = formats.ini();

const flameshotOptions = (pkgs: Pkgs) => ({
  services: {
    flameshot: {
      enable: mkEnableOption("Flameshot, the screenshot tool"),
      package: mkPackageOption(pkgs, "flameshot", { nullable: true }),
      settings: mkOption({
        type: ini.type,
        default: {},
        example: { General: { disabledTrayIcon: true, showStartupLaunchMessage: false } },
        description:
          "flameshot.ini's sections (see flameshot's example flameshot.ini for the keys).",
      }),
    },
  },
});

export type FlameshotOptions = ReturnType<typeof flameshotOptions>;

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.services.flameshot;
  return {
    key: "services/flameshot",
    _file: "<confed>/modules/services/flameshot.ts",
    _class: "home",
    options: flameshotOptions(pkgs),
    config: mkIf(() => cfg.enable, {
      home: {
        get packages() {
          return cfg.package === null ? [] : [cfg.package];
        },
      },
      xdg: {
        configFile: {
          "flameshot/flameshot.ini": {
            get enable() {
              return Object.keys(cfg.settings).length > 0;
            },
            get text() {
              return ini.generate("services.flameshot.settings", cfg.settings);
            },
          },
        },
      },
      systemd: {
        user: {
          services: {
            get flameshot() {
              return graphicalService({
                description: "Flameshot screenshot tool",
                tray: true,
                service: {
                  Environment: ["PATH=/usr/local/bin:/usr/bin:/bin"],
                  ExecStart: commandPath(config, pkgs, cfg.package, "flameshot"),
                  Restart: "on-abort",
                  LockPersonality: true,
                  MemoryDenyWriteExecute: true,
                  NoNewPrivileges: true,
                  PrivateUsers: true,
                  RestrictNamespaces: true,
                  SystemCallArchitectures: "native",
                  SystemCallFilter: "@system-service",
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
    "services/flameshot": FlameshotOptions;
  }
}

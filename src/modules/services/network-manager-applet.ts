/**
 * `services.network-manager-applet`: a user service running nm-applet in the tray for the
 * graphical session (`--indicator` when `xsession.preferStatusNotifierItems` is set).
 *
 * @example
 * services: { network-manager-applet: { enable: true } }
 */
import { mkEnableOption, mkIf, mkPackageOption } from "../../module-system/index.ts";
import type { Pkgs } from "../../packages/index.ts";
import { commandPath, graphicalService } from "./_graphical.ts";

const nmAppletOptions = (pkgs: Pkgs) => ({
  services: {
    "network-manager-applet": {
      enable: mkEnableOption("the NetworkManager applet (nm-applet)"),
      package: mkPackageOption(pkgs, "network-manager-applet", { nullable: true }),
    },
  },
});

export type NetworkManagerAppletOptions = ReturnType<typeof nmAppletOptions>;

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.services["network-manager-applet"];
  return {
    key: "services/network-manager-applet",
    _file: "<confed>/modules/services/network-manager-applet.ts",
    _class: "home",
    options: nmAppletOptions(pkgs),
    config: mkIf(() => cfg.enable, {
      home: {
        get packages() {
          return cfg.package === null ? [] : [cfg.package];
        },
      },
      systemd: {
        user: {
          services: {
            get "network-manager-applet"() {
              const bin = commandPath(config, pkgs, cfg.package, "nm-applet");
              return graphicalService({
                description: "Network Manager applet",
                tray: true,
                service: {
                  ExecStart: config.xsession.preferStatusNotifierItems ? `${bin} --indicator` : bin,
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
    "services/network-manager-applet": NetworkManagerAppletOptions;
  }
}

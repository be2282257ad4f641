/**
 * `services.blueman-applet`: a user service running blueman's Bluetooth applet in the tray
 * for the graphical session. The Bluetooth daemon itself is the machine's business.
 *
 * @example
 * services: { blueman-applet: { enable: true } }
 */
import { mkEnableOption, mkIf, mkPackageOption } from "../../module-system/index.ts";
import type { Pkgs } from "../../packages/index.ts";
import { graphicalService, packageBin } from "./_graphical.ts";

const bluemanOptions = (pkgs: Pkgs) => ({
  services: {
    "blueman-applet": {
      enable: mkEnableOption("the blueman Bluetooth applet"),
      package: mkPackageOption(pkgs, "blueman", { nullable: true }),
    },
  },
});

export type BluemanAppletOptions = ReturnType<typeof bluemanOptions>;

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.services["blueman-applet"];
  return {
    key: "services/blueman-applet",
    _file: "<confed>/modules/services/blueman-applet.ts",
    _class: "home",
    options: bluemanOptions(pkgs),
    config: mkIf(() => cfg.enable, {
      home: {
        get packages() {
          return cfg.package === null ? [] : [cfg.package];
        },
      },
      systemd: {
        user: {
          services: {
            get "blueman-applet"() {
              return graphicalService({
                description: "Blueman applet",
                tray: true,
                service: { ExecStart: packageBin(config, cfg.package, "blueman-applet") },
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
    "services/blueman-applet": BluemanAppletOptions;
  }
}

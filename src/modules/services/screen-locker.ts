/**
 * `services.screen-locker`: lock the X session with `lockCmd` when it is idle or the machine
 * suspends, with home-manager's services: xss-lock runs the locker for the session's lock
 * requests (logind's `lock-session`, suspend), and xautolock asks for a lock after
 * `inactiveInterval` minutes. Without xautolock, the X screen saver's timeout triggers it.
 *
 * @example
 * services: { screen-locker: { enable: true, lockCmd: "i3lock -n -c 000000", inactiveInterval: 5 } }
 */
import {
  mkEnableOption,
  mkIf,
  mkMerge,
  mkOption,
  mkPackageOption,
  types,
} from "../../module-system/index.ts";
import type { Pkgs } from "../../packages/index.ts";
import { commandPath, graphicalService } from "./_graphical.ts";

const screenLockerOptions = (pkgs: Pkgs) => ({
  services: {
    "screen-locker": {
      enable: mkEnableOption("the screen locker of the X session"),
      lockCmd: mkOption({
        type: types.nullOr(types.str),
        default: null,
        example: "i3lock -n -c 000000",
        description:
          "The command that locks the screen (it must not fork: i3lock needs -n); required with the locker.",
      }),
      lockCmdEnv: mkOption({
        type: types.listOf(types.str),
        default: [],
        example: ["XSECURELOCK_PAM_SERVICE=xsecurelock"],
        description: "Environment variables of the locker (`NAME=value`).",
      }),
      inactiveInterval: mkOption({
        type: types.ints.positive,
        default: 10,
        description:
          "Minutes of inactivity before the screen locks (xautolock's `-time`, at most 60; without xautolock, the X screen saver's timeout).",
      }),
      xautolock: {
        enable: mkOption({
          type: types.bool,
          default: true,
          description: "Use xautolock to lock after inactivity (else the X screen saver).",
        }),
        package: mkPackageOption(pkgs, "xautolock", { nullable: true }),
        detectSleep: mkOption({
          type: types.bool,
          default: true,
          description:
            "Reset xautolock's timer after a suspend, so the screen does not lock at once on resume.",
        }),
        extraOptions: mkOption({
          type: types.listOf(types.str),
          default: [],
          description: "More arguments of xautolock.",
        }),
      },
      "xss-lock": {
        package: mkPackageOption(pkgs, "xss-lock", { nullable: true }),
        extraOptions: mkOption({
          type: types.listOf(types.str),
          default: [],
          description: "More arguments of xss-lock.",
        }),
        screensaverCycle: mkOption({
          type: types.int,
          default: 600,
          description:
            "The X screen saver's cycle, in seconds (with its timeout, when xautolock is off).",
        }),
      },
    },
  },
});

export type ScreenLockerOptions = ReturnType<typeof screenLockerOptions>;

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.services["screen-locker"];
  return {
    key: "services/screen-locker",
    _file: "<confed>/modules/services/screen-locker.ts",
    _class: "home",
    options: screenLockerOptions(pkgs),
    config: mkIf(
      () => cfg.enable,
      mkMerge([
        {
          assertions: [
            {
              get assertion() {
                return cfg.lockCmd !== null;
              },
              message:
                "services.screen-locker.lockCmd must be set: the command that locks the screen.",
            },
          ],
          home: {
            get packages() {
              const x = cfg["xss-lock"].package;
              const a = cfg.xautolock.enable ? cfg.xautolock.package : null;
              return [...(x === null ? [] : [x]), ...(a === null ? [] : [a])];
            },
          },
          systemd: {
            user: {
              services: {
                get "xss-lock"() {
                  const bin = commandPath(config, pkgs, cfg["xss-lock"].package, "xss-lock");
                  const unit = graphicalService({
                    description: "xss-lock, session locker service",
                    service: {
                      // ${XDG_SESSION_ID}: systemd expands it from the environment the
                      // session imported into the user manager.
                      ExecStart: [
                        bin,
                        "-s ${XDG_SESSION_ID}",
                        ...cfg["xss-lock"].extraOptions,
                        `-- ${cfg.lockCmd}`,
                      ].join(" "),
                      Environment: cfg.lockCmdEnv,
                      Restart: "always",
                    },
                  });
                  if (!cfg.xautolock.enable) {
                    const xset = commandPath(config, pkgs, pkgs.xset, "xset");
                    unit.Service!.ExecStartPre = `${xset} s ${cfg.inactiveInterval * 60} ${cfg["xss-lock"].screensaverCycle}`;
                  }
                  return unit;
                },
              },
            },
          },
        },
        mkIf(() => !cfg.xautolock.enable, {
          home: {
            get packages() {
              return [pkgs.xset];
            },
          },
        }),
        mkIf(() => cfg.xautolock.enable, {
          systemd: {
            user: {
              services: {
                get "xautolock-session"() {
                  const bin = commandPath(config, pkgs, cfg.xautolock.package, "xautolock");
                  return graphicalService({
                    description: "xautolock, session locker service",
                    service: {
                      ExecStart: [
                        bin,
                        `-time ${cfg.inactiveInterval}`,
                        "-locker '/usr/bin/loginctl lock-session ${XDG_SESSION_ID}'",
                        ...(cfg.xautolock.detectSleep ? ["-detectsleep"] : []),
                        ...cfg.xautolock.extraOptions,
                      ].join(" "),
                      Restart: "always",
                    },
                  });
                },
              },
            },
          },
        }),
      ]),
    ),
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "services/screen-locker": ScreenLockerOptions;
  }
}

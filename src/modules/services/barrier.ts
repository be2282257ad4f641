/**
 * `services.barrier`: the barrier client (`barrierc`), which takes keyboard and mouse from a
 * barrier server, as a user service of the graphical session.
 *
 * @example
 * services: { barrier: { client: { enable: true, server: "desktop.lan" } } }
 */
import {
  mkEnableOption,
  mkIf,
  mkOption,
  mkPackageOption,
  types,
} from "../../module-system/index.ts";
import type { Pkgs } from "../../packages/index.ts";
import { graphicalService, packageBin, unitArg } from "./_graphical.ts";

const barrierOptions = (pkgs: Pkgs) => ({
  services: {
    barrier: {
      package: mkPackageOption(pkgs, "barrier", { nullable: true }),
      client: {
        enable: mkEnableOption("the barrier client daemon"),
        name: mkOption({
          type: types.nullOr(types.str),
          default: null,
          description: "This screen's name on the server; null is the host name.",
        }),
        server: mkOption({
          type: types.nullOr(types.str),
          default: null,
          example: "desktop.lan:24800",
          description:
            "The server, `host[:port]` (port 24800 unless given); required with the client.",
        }),
        enableCrypto: mkOption({
          type: types.bool,
          default: true,
          description: "Whether the connection uses TLS (the server must agree).",
        }),
        enableDragDrop: mkEnableOption("file drag and drop"),
        extraFlags: mkOption({
          type: types.listOf(types.str),
          default: ["-f"],
          description:
            "More arguments of barrierc (see `barrierc --help`); `-f` keeps it in the foreground.",
        }),
      },
    },
  },
});

export type BarrierOptions = ReturnType<typeof barrierOptions>;

/** barrierc's command line. */
export function barriercCommand(bin: string, c: any): string {
  return [
    bin,
    ...(c.name === null ? [] : ["--name", unitArg(c.name)]),
    ...(c.enableCrypto ? [] : ["--disable-crypto"]),
    ...(c.enableDragDrop ? ["--enable-drag-drop"] : []),
    ...c.extraFlags.map(unitArg),
    unitArg(c.server ?? ""),
  ].join(" ");
}

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.services.barrier;
  return {
    key: "services/barrier",
    _file: "<confed>/modules/services/barrier.ts",
    _class: "home",
    options: barrierOptions(pkgs),
    config: mkIf(() => cfg.client.enable, {
      assertions: [
        {
          get assertion() {
            return cfg.client.server !== null;
          },
          message: "services.barrier.client.server must be set: the barrier server to connect to.",
        },
      ],
      home: {
        get packages() {
          return cfg.package === null ? [] : [cfg.package];
        },
      },
      systemd: {
        user: {
          services: {
            get barrierc() {
              const bin = packageBin(config, cfg.package, "barrierc");
              const unit = graphicalService({
                description: "Barrier client daemon",
                service: { ExecStart: barriercCommand(bin, cfg.client) },
              });
              return unit;
            },
          },
        },
      },
    }),
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "services/barrier": BarrierOptions;
  }
}

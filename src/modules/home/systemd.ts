/**
 * `systemd.user.{services,timers,sockets,paths,targets}.<name>`: user units as sections of keys
 * (`Unit`, `Service`, `Install`, …). Each becomes `~/.config/systemd/user/<name>.<kind>`; an
 * `Install.WantedBy` target gets the `<target>.wants/` link systemctl enable would make.
 * Starting and restarting them is activation's business (when a user manager runs).
 */
import { unitText } from "../../formats/index.ts";
import { mkOption, types } from "../../module-system/index.ts";

const atom = types.oneOf([types.str, types.int, types.bool]);
const unitType = types.attrsOf(types.attrsOf(types.either(atom, types.listOf(atom))));
const KINDS = ["service", "timer", "socket", "path", "target"] as const;

export default ({ config }: { config: any }) => ({
  key: "home/systemd",
  _file: "<confed>/modules/home/systemd.ts",
  _class: "home",
  options: {
    systemd: {
      user: {
        startServices: mkOption({
          type: types.bool,
          default: true,
          description:
            "Whether a switch stops removed user units, reloads the manager, starts new units wanted by an active target and restarts changed ones that run (when a user manager runs; otherwise the plan lists them with the commands).",
        }),
        ...(Object.fromEntries(
          KINDS.map((k) => [
            `${k}s`,
            mkOption({
              type: types.attrsOf(unitType),
              default: {},
              example:
                k === "service"
                  ? {
                      sync: {
                        Unit: { Description: "Sync" },
                        Service: { ExecStart: "/usr/bin/true" },
                      },
                    }
                  : undefined,
              description: `User ${k} units, as sections of keys ([Unit], [${k === "target" ? "Install" : k[0].toUpperCase() + k.slice(1)}], …).`,
            }),
          ]),
        ) as Record<`${(typeof KINDS)[number]}s`, ReturnType<typeof mkOption>>),
      },
    },
  },
  config: {
    xdg: {
      get configFile() {
        const files: Record<string, unknown> = {};
        for (const kind of KINDS) {
          const units = config.systemd.user[`${kind}s`] as Record<string, any>;
          for (const name of Object.keys(units)) {
            const file = `${name}.${kind}`;
            const text = unitText(units[name]);
            files[`systemd/user/${file}`] = { text };
            const wantedBy = units[name].Install?.WantedBy;
            for (const target of wantedBy === undefined
              ? []
              : Array.isArray(wantedBy)
                ? wantedBy
                : [wantedBy]) {
              files[`systemd/user/${target}.wants/${file}`] = { text };
            }
          }
        }
        return files;
      },
    },
  },
});

/** What the machine is: its distribution family and the revision it was built from. */
import { mkOption, types } from "../../module-system/index.ts";

export default {
  key: "system/system",
  _file: "<confed>/modules/system/system.ts",
  _class: "system",
  options: {
    system: {
      distro: mkOption({
        type: types.enum(["debian", "ubuntu", "fedora", "arch", "wsl-debian", "wsl-ubuntu"]),
        default: "debian",
        description: "The Linux distribution the machine runs; decides package names and tools.",
      }),
      configurationRevision: mkOption({
        type: types.nullOr(types.str),
        default: null,
        description: "The git revision of the repository this configuration was built from.",
      }),
      stateVersion: mkOption({
        type: types.str,
        default: "1",
        description: "The confed release whose defaults this machine's state was created with.",
      }),
    },
  },
};

/** `networking.hostName` and friends. */
import { mkOption, types } from "../../module-system/index.ts";

export default {
  key: "system/networking",
  _file: "<confed>/modules/system/networking.ts",
  _class: "system",
  options: {
    networking: {
      hostName: mkOption({
        type: types.strMatching("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"),
        description: "The machine's host name; defaults to the name of its file under machines/.",
        example: "map",
      }),
      domain: mkOption({
        type: types.nullOr(types.str),
        default: null,
        description: "The machine's domain name, if any.",
        example: "home.arpa",
      }),
    },
  },
};

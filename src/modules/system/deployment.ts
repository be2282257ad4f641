/** `deployment`: how `confed deploy` reaches the machine. */
import { mkOption, types } from "../../module-system/index.ts";

export default {
  key: "system/deployment",
  _file: "<confed>/modules/system/deployment.ts",
  _class: "system",
  options: {
    deployment: {
      targetHost: mkOption({
        type: types.nullOr(types.str),
        default: null,
        description:
          "Where to deploy over SSH (a host name or ~/.ssh/config alias); the machine's name when null.",
      }),
      targetUser: mkOption({
        type: types.str,
        default: "root",
        description: "The SSH user to deploy as.",
      }),
      targetPort: mkOption({
        type: types.nullOr(types.port),
        default: null,
        description: "The SSH port.",
      }),
      tags: mkOption({
        type: types.listOf(types.str),
        default: [],
        description: "Tags to select machines with `@tag` in `confed deploy`.",
        example: ["desktop", "home"],
      }),
    },
  },
};

/** `security.sudo`. */
import { mkOption, types } from "../../module-system/index.ts";

export default {
  key: "system/security",
  _file: "<confed>/modules/system/security.ts",
  _class: "system",
  options: {
    security: {
      sudo: {
        enable: mkOption({
          type: types.bool,
          default: true,
          description: "Whether to manage sudo.",
        }),
        wheelNeedsPassword: mkOption({
          type: types.bool,
          default: true,
          description: "Whether members of the `wheel` group must type their password for sudo.",
        }),
      },
    },
  },
};

/** The core of a home: whose it is, where it lives, what it installs. */
import { mkOption, types } from "../../module-system/index.ts";

export default ({ config }: { config: any }) => ({
  key: "home/home",
  _file: "<confed>/modules/home/home.ts",
  _class: "home",
  options: {
    home: {
      storeDir: mkOption({
        type: types.path,
        get default() {
          return `${config.home.homeDirectory}/.local/state/confed/store`;
        },
        defaultText: '"${home.homeDirectory}/.local/state/confed/store"',
        description:
          "The home's store. Its path is part of every generation (links and files point into it), so it is fixed here.",
      }),
      username: mkOption({
        type: types.str,
        description: "The user this home belongs to.",
        example: "myme",
      }),
      homeDirectory: mkOption({
        type: types.path,
        description: "The user's home directory.",
        example: "/home/myme",
      }),
      uid: mkOption({
        type: types.nullOr(types.ints.unsigned),
        default: null,
        example: 1000,
        description:
          "The user's numeric id (`id -u`). Needed once the home has secrets: they are decrypted under /run/user/<uid>.",
      }),
      stateVersion: mkOption({
        type: types.str,
        default: "1",
        description: "The confed release whose defaults this home's state was created with.",
      }),
      packages: mkOption({
        type: types.listOf(types.package),
        default: [],
        description:
          "Packages this home wants (distro packages are listed for the administrator to install).",
      }),
    },
  },
});

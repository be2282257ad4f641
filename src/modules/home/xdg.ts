/** The XDG base directories and the files that live in them. */
import { mkOption, types } from "../../module-system/index.ts";
import { fileType } from "./files.ts";

const dir =
  (what: string, rel: string) =>
  ({ config }: { config: any }) =>
    mkOption({
      type: types.path,
      get default() {
        return `${config.home.homeDirectory}/${rel}`;
      },
      defaultText: `"\${home.homeDirectory}/${rel}"`,
      description: `The XDG ${what} directory (XDG_${what.toUpperCase()}_HOME).`,
    });

export default ({ config }: { config: any }) => ({
  key: "home/xdg",
  _file: "<confed>/modules/home/xdg.ts",
  _class: "home",
  options: {
    xdg: {
      enable: mkOption({
        type: types.bool,
        default: false,
        description: "Whether to set the XDG_*_HOME variables in the session to these directories.",
      }),
      configHome: dir("config", ".config")({ config }),
      dataHome: dir("data", ".local/share")({ config }),
      stateHome: dir("state", ".local/state")({ config }),
      cacheHome: dir("cache", ".cache")({ config }),
      configFile: mkOption({
        type: fileType,
        default: {},
        description: "Files in xdg.configHome.",
      }),
      dataFile: mkOption({ type: fileType, default: {}, description: "Files in xdg.dataHome." }),
    },
  },
});

/**
 * `xdg.mimeApps`: `~/.config/mimeapps.list`, which says what opens each file type
 * (`xdg-open`, file managers, browsers): `[Default Applications]` and the added and removed
 * associations, desktop file names joined by `;`. As in home-manager, a copy goes to
 * `~/.local/share/applications/mimeapps.list`, which older programs read.
 *
 * @example
 * xdg: { mimeApps: { enable: true, defaultApplications: { "text/html": "firefox.desktop", "application/pdf": ["zathura.desktop"] } } }
 */
import { formats } from "../../formats/index.ts";
import { mkEnableOption, mkIf, mkOption, types } from "../../module-system/index.ts";

const ini = formats.ini();
const apps = (description: string, example: Record<string, string | string[]>) =>
  mkOption({
    type: types.attrsOf(types.coercedTo(types.str, (s: string) => [s], types.listOf(types.str))),
    default: {},
    example,
    description,
  });

const mimeAppsOptions = {
  xdg: {
    mimeApps: {
      enable: mkEnableOption("the default applications of file types (`mimeapps.list`)"),
      associations: {
        added: apps("More applications for each type, besides what the applications declare.", {
          mimetype1: ["foo1.desktop", "foo2.desktop"],
        }),
        removed: apps("Applications not to offer for a type.", { mimetype1: "foo5.desktop" }),
      },
      defaultApplications: apps(
        "The application (or applications, in order) that opens each type.",
        {
          "text/html": "firefox.desktop",
          "application/pdf": ["zathura.desktop", "evince.desktop"],
        },
      ),
    },
  },
};

export type MimeAppsOptions = typeof mimeAppsOptions;

/** The text of mimeapps.list. */
export function mimeAppsText(cfg: any): string {
  const join = (o: Record<string, string[]>) =>
    Object.fromEntries(Object.keys(o).map((k) => [k, o[k]!.join(";")]));
  return ini.generate("xdg.mimeApps", {
    "Added Associations": join(cfg.associations.added),
    "Removed Associations": join(cfg.associations.removed),
    "Default Applications": join(cfg.defaultApplications),
  });
}

export default ({ config }: { config: any }) => {
  const cfg = config.xdg.mimeApps;
  return {
    key: "programs/mime-apps",
    _file: "<confed>/modules/programs/mime-apps.ts",
    _class: "home",
    options: mimeAppsOptions,
    config: mkIf(() => cfg.enable, {
      xdg: {
        configFile: {
          "mimeapps.list": {
            get text() {
              return mimeAppsText(cfg);
            },
          },
        },
        dataFile: {
          "applications/mimeapps.list": {
            get text() {
              return mimeAppsText(cfg);
            },
          },
        },
      },
    }),
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "programs/mime-apps": MimeAppsOptions;
  }
}

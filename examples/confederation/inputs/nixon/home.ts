// `programs.nixon`: the command on PATH and its ~/.config/nixon/config.json.
import { defineHome, mkEnableOption, mkIf, mkOption, types } from "confed";
import { nixonPackage } from "./package.ts";

export const options = {
  programs: {
    nixon: {
      enable: mkEnableOption("nixon, a project launcher"),
      package: mkOption({
        type: types.nullOr(types.package),
        default: null,
        description: "The nixon package (null: the one this repository builds).",
      }),
      projectDirs: mkOption({
        type: types.listOf(types.str),
        default: ["~/code"],
        description: "Directories whose subdirectories are projects.",
      }),
      terminal: mkOption({
        type: types.str,
        default: "x-terminal-emulator",
        description: "The terminal a project opens in.",
      }),
    },
  },
};

declare module "confed" {
  interface ConfedHomeModules {
    "nixon/home": typeof options;
  }
}

export default defineHome(({ config, pkgs }) => {
  const cfg = config.programs.nixon;
  return {
    options,
    config: mkIf(() => cfg.enable, {
      home: {
        get packages() {
          return [cfg.package ?? nixonPackage(pkgs)];
        },
      },
      xdg: {
        configFile: {
          "nixon/config.json": {
            get text() {
              return `${JSON.stringify({ projectDirs: cfg.projectDirs, terminal: cfg.terminal }, null, 2)}\n`;
            },
          },
        },
      },
    }),
  };
});

// Option trees the type tests register, as built-in and user modules do: one key per module,
// two modules adding options under `programs`. Names and types follow home-manager's, so a
// built-in module declaring the same options merges with these instead of contradicting them.
import { mkEnableOption, mkOption, types } from "../src/index.ts";

export const gitOptions = {
  programs: {
    git: {
      enable: mkEnableOption("Git"),
      userName: mkOption({ type: types.nullOr(types.str), default: null }),
      aliases: mkOption({ type: types.attrsOf(types.str), default: {} }),
      ignores: mkOption({ type: types.listOf(types.str), default: [] }),
    },
  },
};

export const bashOptions = {
  programs: {
    bash: {
      enable: mkEnableOption("Bash"),
      shellAliases: mkOption({ type: types.attrsOf(types.str), default: {} }),
      historySize: mkOption({ type: types.nullOr(types.int), default: 10000 }),
    },
  },
};

export const webOptions = {
  services: {
    web: {
      enable: mkEnableOption("the web server"),
      port: mkOption({ type: types.port, default: 80 }),
      hosts: mkOption({
        type: types.attrsOf(
          types.submodule(({ name }) => ({
            options: {
              serverName: mkOption({ type: types.str, default: name }),
              aliases: mkOption({ type: types.listOf(types.str), default: [] }),
            },
          })),
        ),
        default: {},
      }),
    },
  },
};

// A second declaration of `services.web.hosts`: the submodule gains an option, as
// `users.users.<name>` gains options from several modules.
export const webRootOptions = {
  services: {
    web: {
      hosts: mkOption({
        type: types.attrsOf(
          types.submodule({ options: { root: mkOption({ type: types.nullOr(types.path) }) } }),
        ),
      }),
    },
  },
};

export const homeOptions = {
  home: {
    username: mkOption({ type: types.str }),
    packages: mkOption({ type: types.listOf(types.package), default: [] }),
  },
};

declare module "../src/index.ts" {
  interface ConfedSystemModules {
    "test-d/programs/git": typeof gitOptions;
    "test-d/programs/bash": typeof bashOptions;
    "test-d/services/web": typeof webOptions;
    "test-d/services/web-root": typeof webRootOptions;
  }
  interface ConfedHomeModules {
    "test-d/home": typeof homeOptions;
    "test-d/programs/bash": typeof bashOptions;
  }
}

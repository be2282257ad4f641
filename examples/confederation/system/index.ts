// Defaults of every machine and the high-level feature switches (the post's ./system).
import { defineMachine, mkDefault, mkIf, mkMerge, mkOption, types } from "confed";

export const options = {
  myme: {
    machine: {
      name: mkOption({ type: types.str, default: "nixos", description: "Machine name" }),
      role: mkOption({
        type: types.enum(["desktop", "laptop", "server"]),
        default: "desktop",
        description: "Machine type",
      }),
      flavor: mkOption({
        type: types.enum(["nixos", "generic", "wsl"]),
        default: "nixos",
        description: "Linux flavor",
      }),
      highDPI: mkOption({ type: types.bool, default: false, description: "High-DPI display" }),
      user: {
        name: mkOption({ type: types.str, description: "The machine's main user" }),
        config: mkOption({
          type: types.attrs,
          default: {},
          description: "Maps to `users.users.<name>`",
        }),
        profile: mkOption({
          type: types.deferredModule,
          default: {},
          description: "Maps to `home.users.<name>`: the user's home profile",
        }),
      },
    },
  },
  virtualisation: {
    vmware: {
      guest: {
        enable: mkOption({ type: types.bool, default: false, description: "VMware guest tools" }),
      },
    },
  },
};

// Machines see these options (and autocomplete them) like built-in ones.
declare module "confed" {
  interface ConfedSystemModules {
    "example/system": typeof options;
  }
}

export default defineMachine(({ config }) => {
  const cfg = config.myme.machine;
  return {
    options,
    config: mkMerge([
      {
        myme: {
          machine: {
            get name() {
              return mkDefault(config.networking.hostName);
            },
          },
        },
        users: {
          get users() {
            return { [cfg.user.name]: cfg.user.config };
          },
        },
        home: {
          get users() {
            return { [cfg.user.name]: cfg.user.profile };
          },
        },
        deployment: {
          get tags() {
            return [cfg.role, cfg.flavor];
          },
        },
      },
      // WSL machines run the distribution Windows ships: Debian's WSL image.
      mkIf(() => cfg.flavor === "wsl", {
        system: { distro: "wsl-debian" },
      }),
      mkIf(() => cfg.flavor !== "wsl", {
        deployment: {
          get targetHost() {
            return mkDefault(cfg.name);
          },
        },
      }),
    ]),
  };
});

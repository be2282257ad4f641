//
// `map` is a Windows 11 machine and this configuration is for WSL on that host.
//
import { defineMachine } from "confed";
import home from "../home/index.ts";

export default defineMachine(({ pkgs }) => ({
  myme: {
    machine: {
      role: "desktop",
      flavor: "wsl",
      highDPI: false,
      user: {
        name: "myme",
        // This maps to the `users.users.myme` config
        config: {
          isNormalUser: true,
          initialPassword: "nixos",
          extraGroups: ["wheel", "networkmanager"],
          openssh: { authorizedKeys: { keys: [] } },
        },
        // This maps to the `home.users.myme` config
        profile: {
          imports: [home],
          config: {
            home: { packages: [pkgs.mosh, pkgs.keychain] },
            myme: { dev: { haskell: { enable: true, lsp: false } } },
          },
        },
      },
    },
  },
}));

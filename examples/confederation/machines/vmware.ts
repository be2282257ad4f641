// The daily driver at home: Linux in a VMware guest on a Windows desktop.
import { defineMachine } from "confed";
import home from "../home/index.ts";

export default defineMachine({
  myme: {
    machine: {
      role: "desktop",
      flavor: "generic",
      user: {
        name: "myme",
        config: { isNormalUser: true, extraGroups: ["wheel", "networkmanager"] },
        profile: {
          imports: [home],
          config: { myme: { wm: { enable: true, variant: "i3" } } },
        },
      },
    },
  },
  // A second account for trying things in a clean home.
  users: {
    users: { nixos: { isNormalUser: true, initialPassword: "nixos", extraGroups: ["wheel"] } },
  },
  home: { users: { nixos: { imports: [home] } } },
  // VM
  virtualisation: { vmware: { guest: { enable: true } } },
});

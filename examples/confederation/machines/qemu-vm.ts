// QEmu: a full graphical setup to try things in a throwaway machine.
import { defineMachine } from "confed";
import home from "../home/index.ts";

export default defineMachine({
  myme: {
    machine: {
      role: "desktop",
      flavor: "generic",
      user: {
        name: "nixos",
        // This maps to the `users.users.nixos` config
        config: { isNormalUser: true, initialPassword: "nixos", extraGroups: ["wheel"] },
        // This maps to the `home.users.nixos` config
        profile: {
          imports: [home],
          config: {
            myme: {
              wm: {
                enable: true,
                variant: "xmonad",
                conky: false,
                polybar: { monitor: "Virtual-1" },
              },
            },
          },
        },
      },
    },
  },
  // Security
  security: { sudo: { wheelNeedsPassword: false } },
});

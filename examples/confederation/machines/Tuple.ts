// `Tuple`: the work laptop (a Lenovo P1) running Linux on the hardware.
import { defineMachine } from "confed";
import home from "../home/index.ts";

export default defineMachine({
  myme: {
    machine: {
      role: "laptop",
      flavor: "generic",
      highDPI: true,
      user: {
        name: "myme",
        config: { isNormalUser: true, extraGroups: ["wheel", "networkmanager", "video"] },
        profile: {
          imports: [home],
          config: {
            myme: {
              wm: { enable: true, variant: "xmonad", polybar: { monitor: "eDP-1" } },
              dev: { haskell: { enable: true } },
            },
          },
        },
      },
    },
  },
  system: { distro: "ubuntu" },
});

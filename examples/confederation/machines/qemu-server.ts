// A headless QEmu machine with a second, unprivileged user.
import { defineMachine } from "confed";
import home from "../home/index.ts";

export default defineMachine({
  myme: {
    machine: {
      role: "server",
      flavor: "generic",
      user: {
        name: "nixos",
        config: { isNormalUser: true, initialPassword: "nixos", extraGroups: ["wheel"] },
        profile: { imports: [home] },
      },
    },
  },
  users: { users: { user: { isNormalUser: true, initialPassword: "user" } } },
  home: { users: { user: { imports: [home] } } },
  security: { sudo: { wheelNeedsPassword: false } },
});

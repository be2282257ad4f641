// `nuckie`: the Intel NUC doing home automation; headless.
import { defineMachine } from "confed";
import home from "../home/index.ts";

export default defineMachine({
  myme: {
    machine: {
      role: "server",
      flavor: "generic",
      user: {
        name: "myme",
        config: { isNormalUser: true, extraGroups: ["wheel"] },
        profile: { imports: [home] },
      },
    },
  },
  security: { sudo: { wheelNeedsPassword: false } },
  deployment: { targetHost: "nuckie.home.arpa" },
});

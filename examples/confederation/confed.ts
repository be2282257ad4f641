// myme's machines, re-expressed for confed: every machine under machines/ and every user
// profile on them, from one repository. (The fleet of the "Confederation" post.)
import { defineFlake } from "confed";
import overlay from "./overlay.ts";
import system from "./system/index.ts";
import rootUser from "./users/root.ts";

export default defineFlake({
  description: "myme's machine configurations with confed",
  // Other repositories pinned in confed.lock (doomemacs, wallpapers, …) come with `confed lock`.
  inputs: {},
  overlays: [overlay],
  // What the post's makeNixOS adds to every machine: the shared system tree and the root user.
  modules: { machine: [system, rootUser] },
  outputs: ({ pkgs }) => ({
    // All packages under pkgs.myme.apps from the overlay.
    packages: pkgs.myme.apps,
    devShells: {
      default: { packages: [pkgs.age] },
      xmonad: { packages: [pkgs.ghc] },
    },
  }),
});

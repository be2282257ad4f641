// myme's machines, re-expressed for confed: every machine under machines/ and every user
// profile on them, from one repository. (The fleet of the "Confederation" post.)
import { defineFlake } from "confed";
import overlay from "./overlay.ts";
import system from "./system/index.ts";
import rootUser from "./users/root.ts";

export default defineFlake({
  description: "myme's machine configurations with confed",
  // Other repositories, pinned in confed.lock by `confed lock`. The post's come from GitHub and
  // GitLab; here they ship inside the example (relative path: URLs start from this directory), so
  // it locks and builds offline.
  inputs: {
    // A plain source tree (flake: false): `inputs.wallpapers.outPath` is a directory in the store.
    wallpapers: { url: "path:./inputs/wallpapers", flake: false },
    // A confed repository: its overlays, modules and outputs are `inputs.nixon.*`.
    nixon: "path:./inputs/nixon",
  },
  // The post's overlay list: the inputs' overlays, then this repository's.
  overlays: ({ inputs }) => [...inputs.nixon.overlays, overlay],
  // What the post's makeNixOS adds to every machine: the shared system tree and the root user;
  // every home gets nixon's home module (`programs.nixon`).
  modules: ({ inputs }) => ({
    machine: [system, rootUser],
    home: [inputs.nixon.homeModules.default],
  }),
  outputs: ({ pkgs }) => ({
    // All packages under pkgs.myme.apps from the overlay.
    packages: pkgs.myme.apps,
    devShells: {
      default: { packages: [pkgs.age] },
      xmonad: { packages: [pkgs.ghc] },
    },
  }),
});

// nixon (the post's `github:myme/nixon`), a project launcher, as a confed repository that other
// repositories use as an input: an overlay adding `pkgs.nixon`, and a home module declaring
// `programs.nixon`. Shipped inside the example so it locks and builds with no network.
import { defineFlake } from "confed";
import nixon from "./home.ts";
import overlay from "./overlay.ts";

export default defineFlake({
  description: "nixon: launch projects and commands",
  // A consumer adds them to its own: `overlays: ({ inputs }) => [...inputs.nixon.overlays]`.
  overlays: [overlay],
  // What this repository adds to its own homes; also `inputs.nixon.homeModules.default`.
  modules: { home: [nixon] },
  // Named modules for consumers: `inputs.nixon.homeModules.nixon`.
  outputs: ({ pkgs }) => ({ homeModules: { nixon }, packages: { nixon: pkgs.nixon } }),
});

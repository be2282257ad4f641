// Library functions, apps and packages bundled with the dotfiles (the post's overlay.nix).
import type { Overlay } from "confed";

const overlay: Overlay = (_final, prev) => ({
  myme: {
    apps: {
      "git-sync": prev.distro("git-sync", { apt: "git-sync", dnf: "git-sync", pacman: "git-sync" }),
    },
  },
});

export default overlay;

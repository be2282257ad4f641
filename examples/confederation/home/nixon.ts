// nixon (the post's home-manager/nixon.nix): `programs.nixon` comes from the nixon input's home
// module, which confed.ts adds to every home.
import { defineHome } from "confed";

export default defineHome({
  programs: {
    nixon: { enable: true, projectDirs: ["~/code", "~/src"], terminal: "alacritty" },
  },
});

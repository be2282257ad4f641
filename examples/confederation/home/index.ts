// The home profile every user shares (the post's home-manager/default.nix): one file per area,
// switched by high-level options (myme.dev, myme.wm) that each machine's profile sets.
import { defineHome } from "confed";
import dev from "./dev.ts";
import emacs from "./emacs.ts";
import git from "./git.ts";
import nixon from "./nixon.ts";
import shell from "./shell.ts";
import ssh from "./ssh.ts";
import tmux from "./tmux.ts";
import vim from "./vim.ts";
import wm from "./wm.ts";

export default defineHome(({ pkgs }) => ({
  imports: [dev, emacs, git, nixon, shell, ssh, tmux, vim, wm],
  home: { packages: [pkgs.git, pkgs.tmux] },
}));

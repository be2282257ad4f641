// Git (the post's home-manager/git.nix).
import { defineHome } from "confed";

export default defineHome({
  programs: {
    git: {
      enable: true,
      userName: "Martin Myrseth",
      userEmail: "mm@myme.no",
      aliases: { co: "checkout", st: "status -sb", lg: "log --graph --oneline --decorate" },
      ignores: ["*~", ".direnv/", "result"],
      extraConfig: {
        init: { defaultBranch: "main" },
        pull: { rebase: true },
        rerere: { enabled: true },
      },
    },
  },
});

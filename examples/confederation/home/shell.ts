// The shell: bash with starship, fzf and the session from home.sessionVariables.
import { defineHome } from "confed";

export default defineHome({
  home: {
    sessionVariables: { EDITOR: "nvim", PAGER: "less -R" },
    sessionPath: ["$HOME/.local/bin"],
    shellAliases: { ll: "ls -l", la: "ls -la" },
  },
  xdg: { enable: true },
  programs: {
    bash: { enable: true, historyControl: ["ignoredups", "ignorespace"] },
    starship: {
      enable: true,
      settings: { add_newline: false, character: { success_symbol: "[λ](bold green)" } },
    },
    fzf: { enable: true },
    readline: { enable: true, variables: { "completion-ignore-case": true } },
  },
});

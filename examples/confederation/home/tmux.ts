// tmux (the post's home-manager/tmux.nix).
import { defineHome } from "confed";

export default defineHome({
  programs: {
    tmux: {
      enable: true,
      shortcut: "a",
      keyMode: "vi",
      baseIndex: 1,
      escapeTime: 0,
      terminal: "tmux-256color",
      extraConfig: "bind | split-window -h\nbind - split-window -v\n",
    },
  },
});

// (Neo)vim (the post's home-manager/vim.nix): Neovim with its settings, answering to vi and vim.
import { defineHome } from "confed";

export default defineHome({
  programs: {
    neovim: {
      enable: true,
      viAlias: true,
      vimAlias: true,
      vimdiffAlias: true,
      defaultEditor: true,
      extraConfig: [
        "set number relativenumber",
        "set expandtab shiftwidth=2",
        "let mapleader = ' '",
      ].join("\n"),
    },
  },
});

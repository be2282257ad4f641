// (Neo)vim (the post's home-manager/vim.nix): the config file itself, until a neovim module.
import { defineHome } from "confed";

export default defineHome(({ pkgs }) => ({
  home: { packages: [pkgs.neovim] },
  xdg: {
    configFile: {
      "nvim/init.vim": {
        text: [
          "set number relativenumber",
          "set expandtab shiftwidth=2",
          "let mapleader = ' '",
          "",
        ].join("\n"),
      },
    },
  },
}));

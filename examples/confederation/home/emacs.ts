// Emacs (the post's home-manager/emacs): the editor with a daemon and its client, the full
// Emacs where there is a window manager and emacs-nox elsewhere.
import { defineHome } from "confed";

export default defineHome(({ config, pkgs }) => ({
  programs: {
    emacs: {
      enable: true,
      get package() {
        return config.myme.wm.enable ? pkgs.emacs : pkgs["emacs-nox"];
      },
      extraConfig: ["(setq-default indent-tabs-mode nil)", "(setq make-backup-files nil)"].join(
        "\n",
      ),
    },
  },
  services: {
    emacs: {
      enable: true,
      get client() {
        return { enable: config.myme.wm.enable };
      },
    },
  },
}));

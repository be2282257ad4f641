;;; default.el --- written by confed (programs.emacs.extraConfig)  -*- lexical-binding: t -*-
(setq confed-test-value (+ 40 2))
(defvar confed-test-name "default.el")

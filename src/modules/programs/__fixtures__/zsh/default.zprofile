# Written by confed (programs.zsh).

. "/home/me/.config/confed/session-vars.sh"

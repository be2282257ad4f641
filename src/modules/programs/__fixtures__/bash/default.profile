# Written by confed (programs.bash).
. "/home/me/.config/confed/session-vars.sh"

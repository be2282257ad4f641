# Written by confed (programs.bash).
. "/home/me/.config/confed/session-vars.sh"

export MAILCHECK="30"
export PAGER="less -R"

umask 022

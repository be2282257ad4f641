# Written by confed (programs.zsh).

. "/home/me/.config/confed/session-vars.sh"

if [[ -z "${__CONFED_ZSH_SESS_VARS_SOURCED-}" ]]; then
  export __CONFED_ZSH_SESS_VARS_SOURCED=1
  export PAGER="less -R"
fi

umask 022

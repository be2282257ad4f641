# Written by confed (programs.zsh).

if [[ ! -o login ]]; then
  . "/home/me/.config/confed/session-vars.sh"

  if [[ -z "${__CONFED_ZSH_SESS_VARS_SOURCED-}" ]]; then
    export __CONFED_ZSH_SESS_VARS_SOURCED=1
    export PAGER="less -R"
  fi
fi

export FROM_ZSHENV=1

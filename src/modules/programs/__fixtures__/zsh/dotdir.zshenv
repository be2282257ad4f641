# Written by confed (programs.zsh).

export ZDOTDIR="/home/me/.config/zsh"

if [[ ! -o login ]]; then
  . "/home/me/.config/confed/session-vars.sh"
fi

# Written by confed (programs.zsh).

if [[ ! -o login ]]; then
  . "/home/me/.config/confed/session-vars.sh"
fi

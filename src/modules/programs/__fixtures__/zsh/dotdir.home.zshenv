# Written by confed (programs.zsh).
source /home/me/.config/zsh/.zshenv

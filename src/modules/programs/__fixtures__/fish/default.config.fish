# Written by confed (programs.fish). Run once per shell.

set -q __fish_confed_config_sourced; and exit
set -g __fish_confed_config_sourced 1

source /home/me/.config/confed/session-vars.fish

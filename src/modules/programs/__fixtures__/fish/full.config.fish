# Written by confed (programs.fish). Run once per shell.

set -q __fish_confed_config_sourced; and exit
set -g __fish_confed_config_sourced 1

source /home/me/.config/confed/session-vars.fish

set -gx FROM_SHELL_INIT 1

if status is-login
    # Login shells
set -gx FROM_LOGIN 1
end

if status is-interactive
    # Interactive shells
abbr --add --position anywhere -- -C --color
abbr --add --position anywhere --set-cursor -- L '% | less'
abbr --add -- gco 'git checkout'

alias ll 'ls -l'
alias say 'echo \'it\'\'s\' $HOME'

set -g FROM_INTERACTIVE 1
end

set -g FROM_LAST 1

# Written by confed (programs.bash).

export FROM_BASHRC=1

# The rest is for interactive shells only.
[[ $- == *i* ]] || return

HISTFILESIZE=100000
HISTSIZE=5000
HISTFILE="$HOME/.local/state/bash/history"
HISTCONTROL=ignoredups:ignorespace
HISTIGNORE='ls:cd *:exit'
mkdir -p "$(dirname "$HISTFILE")"

shopt -s extglob
shopt -u cdspell
shopt -s globstar

alias -- ..='cd ..'
alias -- ll='ls -l'
alias -- say='echo '\''it'\'''\''s'\'' $HOME'

if [[ ! -v BASH_COMPLETION_VERSINFO && -f /usr/share/bash-completion/bash_completion ]]; then
  . /usr/share/bash-completion/bash_completion
fi
PS1='\u@\h \w\$ '

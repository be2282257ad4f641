# Written by confed (programs.zsh).

typeset -U path cdpath fpath manpath
autoload -U compinit && compinit
HISTSIZE=10000
SAVEHIST=10000
HISTFILE="/home/me/.zsh_history"
mkdir -p "$(dirname "$HISTFILE")"
if [[ $options[zle] = on ]]; then
  source <(fzf --zsh)
fi
setopt HIST_FCNTL_LOCK NO_APPEND_HISTORY HIST_IGNORE_DUPS NO_HIST_IGNORE_ALL_DUPS NO_HIST_SAVE_NO_DUPS NO_HIST_FIND_NO_DUPS HIST_IGNORE_SPACE NO_HIST_EXPIRE_DUPS_FIRST SHARE_HISTORY NO_EXTENDED_HISTORY

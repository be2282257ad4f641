# Written by confed (programs.zsh).

typeset -U path cdpath fpath manpath
bindkey -e
autoload -U compinit && compinit
source /usr/share/zsh-autosuggestions/zsh-autosuggestions.zsh
ZSH_AUTOSUGGEST_STRATEGY=(history)
ZSH_AUTOSUGGEST_HIGHLIGHT_STYLE="fg=8"
HISTSIZE=20000
SAVEHIST=20000
HISTORY_IGNORE='(rm *|pkill *)'
HISTFILE="/home/me/.zsh_history"
mkdir -p "$(dirname "$HISTFILE")"
setopt HIST_FCNTL_LOCK NO_APPEND_HISTORY HIST_IGNORE_DUPS NO_HIST_IGNORE_ALL_DUPS NO_HIST_SAVE_NO_DUPS NO_HIST_FIND_NO_DUPS HIST_IGNORE_SPACE NO_HIST_EXPIRE_DUPS_FIRST NO_SHARE_HISTORY NO_EXTENDED_HISTORY AUTO_CD NO_BEEP
bindkey '^ ' autosuggest-accept
alias -- gs='git status'
alias -- ll='ls -l'
alias -g -- G='| grep'
source /usr/share/zsh-syntax-highlighting/zsh-syntax-highlighting.zsh
ZSH_HIGHLIGHT_HIGHLIGHTERS=(main brackets)
ZSH_HIGHLIGHT_STYLES[comment]=fg=8

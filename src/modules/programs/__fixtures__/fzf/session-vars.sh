# Written by confed: the session variables of this home. Sourced once per session.
if [ -n "${__CONFED_SESS_VARS_SOURCED:-}" ]; then return; fi
export __CONFED_SESS_VARS_SOURCED=1
export FZF_ALT_C_COMMAND="fd --type d"
export FZF_CTRL_R_OPTS="--sort --exact"
export FZF_CTRL_T_COMMAND="fd --type f"
export FZF_CTRL_T_OPTS="--preview 'head {}'"
export FZF_DEFAULT_COMMAND="fd --type f"
export FZF_DEFAULT_OPTS="--height 40% --border --color bg:#1e1e1e,bg+:#262626"

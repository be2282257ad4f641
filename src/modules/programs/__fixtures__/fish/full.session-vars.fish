# Written by confed: the session variables of this home, for fish. Sourced once per session.
if not set -q __CONFED_SESS_VARS_SOURCED
    set -gx __CONFED_SESS_VARS_SOURCED 1
    set -gx COMPUTED (command sh -c 'printf %s "$(echo computed)"' | string collect)
    set -gx EDITOR "vim"
    set -gx GREETING "it's \"quoted\" $HOME$WHO""x"
    set -gx PRICE "5\$"
    set -gx PATH "$HOME/.local/bin" "/opt/tools/bin" $PATH
end

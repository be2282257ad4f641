# Written by confed: the session variables of this home, for fish. Sourced once per session.
if not set -q __CONFED_SESS_VARS_SOURCED
    set -gx __CONFED_SESS_VARS_SOURCED 1
end

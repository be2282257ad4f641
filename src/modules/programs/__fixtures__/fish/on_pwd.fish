# Written by confed (programs.fish.functions).
function on_pwd --on-variable PWD --no-scope-shadowing
set -g PWD_CHANGED 1
end

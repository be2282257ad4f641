# Written by confed (programs.bash).
clear
# Written by confed (programs.fish.functions).
function greet --description 'Says hello' --argument-names who
echo "hello $who"
end

-- Written by confed (programs.neovim).
vim.cmd([=[
let g:later_cfg = 1

set expandtab shiftwidth=2
let g:from_viml = 'yes]]'
]=])

vim.g.from_lua = 2

vim.g.greeter_cfg = require('greeter').name

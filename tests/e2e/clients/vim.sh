#!/usr/bin/env bash
# Vim 9 + ALE (Debian: vim-nox vim-ale), silent Ex mode, with editors/vim.
set -uo pipefail
source "$(dirname "$0")/../lib.sh"
command -v vim >/dev/null || not_installed vim
[ -f /usr/share/vim-ale/autoload/ale.vim ] || not_installed "vim-ale (/usr/share/vim-ale)"
SEEDLS_BIN="$(seedls_bin)" || exit 2
export SEEDLS_BIN SEEDLS_REPO="$repo_root"
make_scratch vim
vim -N -u "$e2e_dir/vim/vimrc" -i NONE -n -es -S "$e2e_dir/vim/test.vim"

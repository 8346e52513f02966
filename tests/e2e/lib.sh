# Shared helpers for the per-client scripts in tests/e2e/clients/ (sourced, not run).
# Each client script prints `ok - ...` / `not ok - ...` lines and exits 0 when all pass,
# 77 when its editor is not installed, anything else on failure.

e2e_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$e2e_dir/../.." && pwd)"
cache="$repo_root/.ci/cache"

not_installed() {
  echo "not installed: $* (run: bash .ci/install-editors.sh)"
  exit 77
}

# The server under test: $SEEDLS_BIN, else seedls on PATH.
seedls_bin() {
  if [ -n "${SEEDLS_BIN:-}" ]; then
    echo "$SEEDLS_BIN"
  else
    command -v seedls || { echo "seedls not found: set SEEDLS_BIN or put it on PATH" >&2; exit 2; }
  fi
}

# A private temporary home with a fresh copy of the fixture workspace in $scratch/workspace.
# Editors and browsers write their state there, never into the real home.
make_scratch() {
  scratch="$(mktemp -d "${TMPDIR:-/tmp}/seedls-e2e-$1.XXXXXX")"
  mkdir -p "$scratch/home" "$scratch/config" "$scratch/data" "$scratch/state" "$scratch/cache"
  cp -r "$e2e_dir/workspace" "$scratch/workspace"
  export HOME="$scratch/home" XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data"
  export XDG_STATE_HOME="$scratch/state" XDG_CACHE_HOME="$scratch/cache"
  export SEEDLS_E2E_WORKSPACE="$scratch/workspace"
  if [ "${SEEDLS_E2E_KEEP:-0}" != "1" ]; then
    trap 'rm -rf "$scratch"' EXIT
  fi
}

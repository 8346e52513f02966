#!/usr/bin/env bash
# Runs the real-editor end-to-end tests, one client at a time, each under `timeout`
# in its own process group (killed at the end, so no editor or server outlives it).
#
#   tests/e2e/run.sh                 # the clients marked ready below (what .ci/test runs)
#   tests/e2e/run.sh --all           # every client
#   tests/e2e/run.sh nvim emacs      # just these
#
# Environment: SEEDLS_BIN (server binary; default `seedls` on PATH, else target/release,
# else target/debug), SEEDLS_E2E_TIMEOUT (seconds per client, default 240; VS Code:
# SEEDLS_E2E_VSCODE_TIMEOUT, default 600),
# SEEDLS_SKIP_EDITOR_TESTS=1 (a client that is not installed is skipped instead of failing),
# SEEDLS_E2E_KEEP=1 (keep each client's scratch folder). Logs go to test-artifacts/e2e/.
set -uo pipefail
e2e_dir="$(cd "$(dirname "$0")" && pwd)"
repo_root="$(cd "$e2e_dir/../.." && pwd)"

all_clients=(nvim nvim-0.7 emacs vim kakoune vscode)
# Clients whose every assertion passes against main; the rest run with --all or by name.
ready_clients=(nvim nvim-0.7 emacs vim kakoune vscode)

case "${1:-}" in
  --all) clients=("${all_clients[@]}") ;;
  "") clients=("${ready_clients[@]}") ;;
  *) clients=("$@") ;;
esac
if [ ${#clients[@]} -eq 0 ]; then
  echo "e2e: no editor client is marked ready yet (tests/e2e/run.sh --all runs them all)"
  exit 0
fi

if [ -z "${SEEDLS_BIN:-}" ]; then
  for candidate in "$(command -v seedls || true)" "$repo_root/target/release/seedls" "$repo_root/target/debug/seedls"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then SEEDLS_BIN="$candidate"; break; fi
  done
fi
if [ -z "${SEEDLS_BIN:-}" ] || [ ! -x "$SEEDLS_BIN" ]; then
  echo "e2e: no seedls binary (build it with cargo build --release, or set SEEDLS_BIN)"
  exit 1
fi
export SEEDLS_BIN
echo "e2e: server $SEEDLS_BIN"

artifacts="$repo_root/test-artifacts/e2e"
mkdir -p "$artifacts"
timeout_s="${SEEDLS_E2E_TIMEOUT:-240}"
passed=0 failed=0 skipped=0 skipped_names=()

run_client() {
  case "$1" in
    nvim) echo "$e2e_dir/clients/nvim.sh modern" ;;
    nvim-0.7) echo "$e2e_dir/clients/nvim.sh debian" ;;
    emacs|vim|kakoune|vscode) echo "$e2e_dir/clients/$1.sh" ;;
    *) return 1 ;;
  esac
}

for client in "${clients[@]}"; do
  if ! command_line="$(run_client "$client")"; then
    echo "FAIL $client: unknown client (known: ${all_clients[*]})"
    failed=$((failed + 1)); continue
  fi
  log="$artifacts/$client.log"
  started=$(date +%s)
  # setsid: a new process group whose id is the child's pid; nothing reads stdin.
  client_timeout="$timeout_s"
  # A browser, code-server and its extension host: slower, above all on a busy machine.
  [ "$client" != vscode ] || client_timeout="${SEEDLS_E2E_VSCODE_TIMEOUT:-600}"
  setsid timeout --kill-after=10 "$client_timeout" bash $command_line </dev/null >"$log" 2>&1 &
  group=$!
  wait "$group"; status=$?
  kill -KILL -- "-$group" 2>/dev/null || true
  seconds=$(( $(date +%s) - started ))
  checks_ok=$(grep -c '^ok - ' "$log" || true)
  checks_bad=$(grep -c '^not ok - ' "$log" || true)
  version=$(grep -m1 '^# ' "$log" | sed 's/^# //' || true)
  if [ "$status" -eq 0 ] && [ "$checks_bad" -eq 0 ] && [ "$checks_ok" -gt 0 ]; then
    echo "PASS $client ${version:+($version) }$checks_ok checks, ${seconds}s"
    passed=$((passed + 1))
  elif [ "$status" -eq 77 ]; then
    reason=$(grep -m1 '^not installed' "$log")
    if [ "${SEEDLS_SKIP_EDITOR_TESTS:-0}" = "1" ]; then
      echo "SKIP $client: $reason"
      skipped=$((skipped + 1)); skipped_names+=("$client")
    else
      echo "FAIL $client: $reason (set SEEDLS_SKIP_EDITOR_TESTS=1 to skip it)"
      failed=$((failed + 1))
    fi
  else
    if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
      why="timed out after ${client_timeout}s"
    else
      why="$checks_bad of $((checks_ok + checks_bad)) checks failed, exit $status"
      [ $((checks_ok + checks_bad)) -gt 0 ] || why="no check ran, exit $status"
    fi
    echo "FAIL $client ${version:+($version) }$why, ${seconds}s (log: ${log#"$repo_root"/})"
    grep -E '^not ok - |^error|rror:' "$log" | head -8 | sed 's/^/    /'
    failed=$((failed + 1))
  fi
done

[ "$skipped" -eq 0 ] || echo "e2e: skipped ${skipped_names[*]} (SEEDLS_SKIP_EDITOR_TESTS=1)"
if [ "$skipped" -gt 0 ]; then
  echo "e2e: $passed passed, $failed failed, $skipped skipped"
else
  echo "e2e: $passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]

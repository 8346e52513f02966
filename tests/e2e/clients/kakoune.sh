#!/usr/bin/env bash
# Kakoune (Debian) + kak-lsp (crates.io, .ci/cache/cargo), dummy UI, with editors/kakoune/seedls.kak.
# The test talks to the running session with `kak -p` and reads answers from files.
set -uo pipefail
source "$(dirname "$0")/../lib.sh"
command -v kak >/dev/null || not_installed kak
[ -x "$cache/cargo/bin/kak-lsp" ] || not_installed "kak-lsp ($cache/cargo/bin/kak-lsp)"
SEEDLS_BIN="$(seedls_bin)" || exit 2
make_scratch kakoune
# kak-lsp starts `seedls` from PATH, as for a user who ran `cargo install --path .`.
mkdir -p "$scratch/bin" && ln -s "$SEEDLS_BIN" "$scratch/bin/seedls"
export PATH="$scratch/bin:$cache/cargo/bin:$PATH" SEEDLS_REPO="$repo_root"
workspace="$SEEDLS_E2E_WORKSPACE"
session="seedls-e2e-$$"
wait_s="${SEEDLS_E2E_WAIT_S:-20}"
failures=0
check() { # check OK WHAT [DETAIL]
  if [ "$1" = 1 ]; then echo "ok - $2"; else failures=$((failures + 1)); echo "not ok - $2${3:+: $3}"; fi
}
send() { printf '%s\n' "$1" | kak -p "$session"; }
# ask EXPR: the value of a Kakoune expression in the client's context.
ask() {
  rm -f "$scratch/answer"
  send "evaluate-commands -client client0 %{ echo -to-file $scratch/answer $1 }"
  for _ in $(seq 50); do [ -s "$scratch/answer" ] && break; sleep 0.1; done
  cat "$scratch/answer" 2>/dev/null
}
# buffer_text NAME: the text of a (scratch) buffer.
buffer_text() {
  rm -f "$scratch/buffer"
  send "evaluate-commands -buffer '$1' %{ write -force $scratch/buffer }"
  for _ in $(seq 10); do [ -s "$scratch/buffer" ] && break; sleep 0.1; done
  cat "$scratch/buffer" 2>/dev/null
}
finish() {
  send "kill!" 2>/dev/null || true
  echo "# $([ $failures = 0 ] && echo 'all passed' || echo "$failures failed")"
  exit $((failures > 0))
}

echo "# Kakoune $(dpkg-query -W -f='${Version}' kakoune 2>/dev/null || echo '?'), $(kak-lsp --version)"
printf 'Danh sách việc cần làm trong tuần.\n' > "$scratch/plain-notes.txt"
# The user's kakrc, loaded by Kakoune's own startup (with its standard autoload).
mkdir -p "$XDG_CONFIG_HOME/kak" && cp "$e2e_dir/kakoune/kakrc" "$XDG_CONFIG_HOME/kak/kakrc"
kak -s "$session" -ui dummy -e "edit $scratch/plain-notes.txt; edit $workspace/2024-01-tong-ket-nam.txt; edit $workspace/2024-13-sai-ngay.txt" \
  >"$scratch/kak.out" 2>&1 &
for _ in $(seq 100); do kak -l | grep -qx "$session" && break; sleep 0.1; done

[ "$(ask '%opt{filetype}')" = "seed" ]; check $((1 - $?)) "a file with a \`date\` header gets filetype seed"
plain_ft="$(send "evaluate-commands -buffer $scratch/plain-notes.txt %{ echo -to-file $scratch/plain-ft \"ft=%opt{filetype}\" }"; sleep 0.3; cat "$scratch/plain-ft" 2>/dev/null)"
[ "$plain_ft" = "ft=" ]; check $((1 - $?)) "a .txt without a header is not a seed" "$plain_ft"

# Diagnostics: kak-lsp counts them per buffer; the *diagnostics* buffer lists them with codes.
for _ in $(seq $((wait_s * 5))); do
  [ "$(ask '%opt{lsp_diagnostic_error_count}')" -gt 0 ] 2>/dev/null && break; sleep 0.2
done
send "evaluate-commands -client client0 %{ lsp-diagnostics }"
for _ in $(seq $((wait_s * 5))); do
  diagnostics="$(buffer_text '*diagnostics*')"
  grep -q 'percent-change' <<<"$diagnostics" && break; sleep 0.2
done
grep -q 'sai-ngay.txt.*\[header\]' <<<"$diagnostics"; check $((1 - $?)) "kak-lsp lists \`header\` for \`date 2024-13\`" "$(head -c 400 <<<"$diagnostics")"
grep -q 'tong-ket-nam.txt.*\[percent-change\]' <<<"$diagnostics"; check $((1 - $?)) "kak-lsp lists \`percent-change\` for the planted 18,5%" "$(head -c 400 <<<"$diagnostics")"

# Hover on the person, shown in the *hover* buffer.
send "evaluate-commands -client client0 %{ edit $workspace/2024-01-tong-ket-nam.txt; execute-keys gg /Nguyễn<space>Văn<space>Hùng<ret>; lsp-hover-buffer client0 }"
for _ in $(seq $((wait_s * 5))); do
  hover="$(buffer_text '*hover*')"
  grep -q 'Nguyễn Văn Hùng' <<<"$hover" && break; sleep 0.2
done
grep -q 'Nguyễn Văn Hùng' <<<"$hover" && grep -q 'Đại tá' <<<"$hover"; check $((1 - $?)) "hover on a person shows the person card (name, title)" "$(head -c 400 <<<"$hover")"
finish

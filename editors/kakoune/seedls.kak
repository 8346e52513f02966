# seedls for Kakoune through kakoune-lsp (kak-lsp 18 or newer).
# In your kakrc, after `evaluate-commands %sh{kak-lsp}`:
#   source /path/to/seedls/editors/kakoune/seedls.kak
# The server `seedls` must be on PATH (`cargo install --path .` in a clone).

# A seed article starts with `date YYYY-MM` (optional spaces first); malformed
# dates (`date 24-03`) count too, so the server can report them.
hook global BufOpenFile .* %{
    evaluate-commands %sh{
        if head -n 1 -- "$kak_hook_param" 2>/dev/null | grep -Eq '^[[:space:]]*date[[:space:]]'; then
            echo 'set-option buffer filetype seed'
        fi
    }
}

# The server and its settings (same keys as the VS Code settings without the
# `seedls.` prefix: include, exclude, checks, language, inlayHints, ...).
hook -group lsp-filetype-seed global BufSetOption filetype=seed %{
    set-option buffer lsp_servers %{
        [seedls]
        root_globs = ["seedls.json", "entities.json", ".git"]
        settings_section = "seedls"
        [seedls.settings.seedls]
        language = "vi"
    }
}

hook global WinSetOption filetype=seed %{
    lsp-enable-window
}

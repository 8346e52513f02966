//! The command-line adapter.

/// Parses arguments and runs `serve`, `check` or `annotate`; returns the exit code.
pub fn main() -> i32 {
    crate::lsp::run_stdio()
}

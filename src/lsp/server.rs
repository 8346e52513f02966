//! The `LanguageServer` implementation.

/// Serves LSP over stdin/stdout until `exit`; returns the process exit code.
pub fn run_stdio() -> i32 {
    0
}

//! Findings → LSP diagnostics (severity overrides, message language, related information).

use crate::lsp::snapshot::Snapshot;
use tower_lsp_server::ls_types::{Diagnostic, Uri};

/// The diagnostics to publish for one document.
pub fn for_document(_snap: &Snapshot, _uri: &Uri) -> Vec<Diagnostic> {
    Vec::new()
}

//! One pure function per LSP request: snapshot + params in, LSP result out.
//! No I/O, no locking, no `.await`; `server.rs` calls these on a snapshot.

use super::snapshot::Snapshot;
use tower_lsp_server::ls_types::*;

pub mod diagnostics;

pub fn hover(_snap: &Snapshot, _params: &HoverParams) -> Option<Hover> {
    None
}

pub fn definition(
    _snap: &Snapshot,
    _params: &GotoDefinitionParams,
) -> Option<GotoDefinitionResponse> {
    None
}

pub fn references(_snap: &Snapshot, _params: &ReferenceParams) -> Option<Vec<Location>> {
    None
}

pub fn document_highlight(
    _snap: &Snapshot,
    _params: &DocumentHighlightParams,
) -> Option<Vec<DocumentHighlight>> {
    None
}

pub fn document_symbol(
    _snap: &Snapshot,
    _params: &DocumentSymbolParams,
) -> Option<DocumentSymbolResponse> {
    None
}

pub fn workspace_symbol(
    _snap: &Snapshot,
    _params: &WorkspaceSymbolParams,
) -> Option<WorkspaceSymbolResponse> {
    None
}

pub fn prepare_rename(
    _snap: &Snapshot,
    _params: &TextDocumentPositionParams,
) -> Option<PrepareRenameResponse> {
    None
}

/// `Err` carries a message for the user (an LSP `RequestFailed`/`InvalidParams` error).
pub fn rename(_snap: &Snapshot, _params: &RenameParams) -> Result<Option<WorkspaceEdit>, String> {
    Ok(None)
}

/// The legend advertised in `initialize`; token types follow `core::Kind::ALL`.
pub fn semantic_tokens_legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: Vec::new(),
        token_modifiers: Vec::new(),
    }
}

pub fn semantic_tokens_full(
    _snap: &Snapshot,
    _params: &SemanticTokensParams,
) -> Option<SemanticTokensResult> {
    None
}

pub fn semantic_tokens_range(
    _snap: &Snapshot,
    _params: &SemanticTokensRangeParams,
) -> Option<SemanticTokensRangeResult> {
    None
}

pub fn completion(_snap: &Snapshot, _params: &CompletionParams) -> Option<CompletionResponse> {
    None
}

pub fn code_action(_snap: &Snapshot, _params: &CodeActionParams) -> Option<CodeActionResponse> {
    None
}

pub fn inlay_hint(_snap: &Snapshot, _params: &InlayHintParams) -> Option<Vec<InlayHint>> {
    None
}

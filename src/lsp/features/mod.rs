//! One pure function per LSP request: snapshot + params in, LSP result out.
//! No I/O, no locking, no `.await`; `server.rs` calls these on a snapshot.
//!
//! Each feature lives in its own module; this file is the list of entry points.

use super::snapshot::Snapshot;
use tower_lsp_server::ls_types::*;

mod code_actions;
mod common;
mod completion;
pub mod diagnostics;
mod hover;
mod inlay_hints;
mod navigation;
#[cfg(test)]
mod real_text_tests;
mod rename;
#[cfg(test)]
mod scale_tests;
#[cfg(test)]
mod seed_tests;
mod semantic_tokens;
mod symbols;
#[cfg(test)]
mod testkit;

/// Markdown card for the annotation under the cursor (entity, date or number).
pub fn hover(snap: &Snapshot, params: &HoverParams) -> Option<Hover> {
    hover::hover(snap, params)
}

pub fn definition(
    snap: &Snapshot,
    params: &GotoDefinitionParams,
) -> Option<GotoDefinitionResponse> {
    navigation::definition(snap, params)
}

pub fn references(snap: &Snapshot, params: &ReferenceParams) -> Option<Vec<Location>> {
    navigation::references(snap, params)
}

/// [`references`], already encoded as JSON (the server sends it as is), and
/// the number of locations.
pub fn references_json(snap: &Snapshot, params: &ReferenceParams) -> Option<(Vec<u8>, usize)> {
    navigation::references_json(snap, params)
}

pub fn document_highlight(
    snap: &Snapshot,
    params: &DocumentHighlightParams,
) -> Option<Vec<DocumentHighlight>> {
    navigation::document_highlight(snap, params)
}

pub fn document_symbol(
    snap: &Snapshot,
    params: &DocumentSymbolParams,
) -> Option<DocumentSymbolResponse> {
    symbols::document_symbol(snap, params)
}

pub fn workspace_symbol(
    snap: &Snapshot,
    params: &WorkspaceSymbolParams,
) -> Option<WorkspaceSymbolResponse> {
    symbols::workspace_symbol(snap, params)
}

/// `Err` carries a message for the user (sent as an LSP `RequestFailed` error
/// so the editor shows why renaming is refused).
pub fn prepare_rename(
    snap: &Snapshot,
    params: &TextDocumentPositionParams,
) -> Result<Option<PrepareRenameResponse>, String> {
    rename::prepare_rename(snap, params)
}

/// `Err` carries a message for the user (an LSP `RequestFailed`/`InvalidParams` error).
pub fn rename(snap: &Snapshot, params: &RenameParams) -> Result<Option<WorkspaceEdit>, String> {
    rename::rename(snap, params)
}

/// The legend advertised in `initialize`; token types follow `core::Kind::ALL`
/// (see `semantic_tokens.rs` for the list and the modifiers).
pub fn semantic_tokens_legend() -> SemanticTokensLegend {
    semantic_tokens::semantic_tokens_legend()
}

pub fn semantic_tokens_full(
    snap: &Snapshot,
    params: &SemanticTokensParams,
) -> Option<SemanticTokensResult> {
    semantic_tokens::semantic_tokens_full(snap, params)
}

pub fn semantic_tokens_range(
    snap: &Snapshot,
    params: &SemanticTokensRangeParams,
) -> Option<SemanticTokensRangeResult> {
    semantic_tokens::semantic_tokens_range(snap, params)
}

pub fn completion(snap: &Snapshot, params: &CompletionParams) -> Option<CompletionResponse> {
    completion::completion(snap, params)
}

pub fn code_action(snap: &Snapshot, params: &CodeActionParams) -> Option<CodeActionResponse> {
    code_actions::code_action(snap, params)
}

pub fn inlay_hint(snap: &Snapshot, params: &InlayHintParams) -> Option<Vec<InlayHint>> {
    inlay_hints::inlay_hint(snap, params)
}

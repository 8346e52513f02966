//! Semantic tokens: one token type per `core::Kind`, in `Kind::ALL` order.
//!
//! Legend (token type index → name): 0 person, 1 place, 2 organization,
//! 3 document, 4 acronym, 5 date, 6 number, 7 percent, 8 money, 9 ratio,
//! 10 rank, 11 range. Modifiers: bit 0 `inferred` (a title or a given name
//! standing for a named person), bit 1 `declaration` (the header's own date).
//! Clients without an extension map these custom names themselves
//! (Neovim: `@lsp.type.person`; VS Code: `semanticTokenTypes` with a superType).
//!
//! Nested annotations ("Công an tỉnh Lạng Sơn" holding "Lạng Sơn") are
//! flattened innermost-wins: the inner annotation colours its own text and the
//! outer one the rest, so tokens never overlap. Tokens never cross a line
//! break, and lengths are in the negotiated position encoding.

use crate::core::{Annotation, Kind, Span};
use crate::corpus::Document;
use crate::lsp::snapshot::Snapshot;
use tower_lsp_server::ls_types::{
    SemanticToken, SemanticTokenModifier, SemanticTokenType, SemanticTokens, SemanticTokensLegend,
    SemanticTokensParams, SemanticTokensRangeParams, SemanticTokensRangeResult,
    SemanticTokensResult,
};

const MOD_INFERRED: u32 = 1;
const MOD_DECLARATION: u32 = 2;

pub fn semantic_tokens_legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: Kind::ALL
            .iter()
            .map(|k| SemanticTokenType::new(k.as_str()))
            .collect(),
        token_modifiers: vec![
            SemanticTokenModifier::new("inferred"),
            SemanticTokenModifier::DECLARATION,
        ],
    }
}

fn type_index(kind: Kind) -> u32 {
    Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0) as u32
}

pub fn semantic_tokens_full(
    snap: &Snapshot,
    params: &SemanticTokensParams,
) -> Option<SemanticTokensResult> {
    let doc = snap.doc(&params.text_document.uri)?;
    let data = encode(snap, doc, Span::new(0, doc.text.len()));
    Some(SemanticTokensResult::Tokens(SemanticTokens {
        result_id: None,
        data,
    }))
}

pub fn semantic_tokens_range(
    snap: &Snapshot,
    params: &SemanticTokensRangeParams,
) -> Option<SemanticTokensRangeResult> {
    let doc = snap.doc(&params.text_document.uri)?;
    let window = snap.span(doc, params.range);
    Some(SemanticTokensRangeResult::Tokens(SemanticTokens {
        result_id: None,
        data: encode(snap, doc, window),
    }))
}

/// Non-overlapping pieces of text, each owned by its innermost annotation,
/// in text order. Adjacent pieces of the same annotation are merged.
pub fn flatten(annotations: &[Annotation]) -> Vec<(Span, &Annotation)> {
    let mut bounds: Vec<usize> = annotations
        .iter()
        .filter(|a| !a.span.is_empty())
        .flat_map(|a| [a.span.start, a.span.end])
        .collect();
    bounds.sort_unstable();
    bounds.dedup();
    // Sweep: annotations are sorted by start; `active` holds those covering the current piece.
    let mut order: Vec<&Annotation> = annotations.iter().filter(|a| !a.span.is_empty()).collect();
    order.sort_by_key(|a| a.span.start);
    let mut next = 0;
    let mut active: Vec<&Annotation> = Vec::new();
    let mut out: Vec<(Span, &Annotation)> = Vec::new();
    for w in bounds.windows(2) {
        let (from, to) = (w[0], w[1]);
        active.retain(|a| a.span.end > from);
        while next < order.len() && order[next].span.start <= from {
            if order[next].span.end > from {
                active.push(order[next]);
            }
            next += 1;
        }
        let Some(owner) = active
            .iter()
            .min_by_key(|a| (a.span.len(), !a.kind.is_entity(), a.span.start))
        else {
            continue;
        };
        match out.last_mut() {
            Some((span, last)) if span.end == from && std::ptr::eq(*last, *owner) => {
                span.end = to;
            }
            _ => out.push((Span::new(from, to), owner)),
        }
    }
    out
}

/// Delta-encoded tokens for the pieces that meet `window`, clipped to it.
fn encode(snap: &Snapshot, doc: &Document, window: Span) -> Vec<SemanticToken> {
    let header = doc.analysis.header.map(|h| h.span);
    let mut data = Vec::new();
    let (mut prev_line, mut prev_col) = (0u32, 0u32);
    for (span, ann) in flatten(&doc.analysis.annotations) {
        let start = span.start.max(window.start);
        let end = span.end.min(window.end);
        if start >= end {
            continue;
        }
        let mut modifiers = 0;
        if ann.inferred {
            modifiers |= MOD_INFERRED;
        }
        if Some(ann.span) == header {
            modifiers |= MOD_DECLARATION;
        }
        for piece in split_lines(&doc.text, Span::new(start, end)) {
            let a = snap.position(doc, piece.start);
            let b = snap.position(doc, piece.end);
            let length = b.character.saturating_sub(a.character);
            if length == 0 {
                continue;
            }
            let delta_line = a.line - prev_line;
            let delta_start = if delta_line == 0 {
                a.character - prev_col
            } else {
                a.character
            };
            data.push(SemanticToken {
                delta_line,
                delta_start,
                length,
                token_type: type_index(ann.kind),
                token_modifiers_bitset: modifiers,
            });
            prev_line = a.line;
            prev_col = a.character;
        }
    }
    data
}

/// The parts of `span` between line breaks (`\n`, `\r\n`, `\r`), non-empty.
fn split_lines(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = span.start;
    let bytes = text.as_bytes();
    let mut i = span.start;
    while i < span.end {
        if bytes[i] == b'\n' || bytes[i] == b'\r' {
            if i > start {
                out.push(Span::new(start, i));
            }
            start = i + 1;
        }
        i += 1;
    }
    if span.end > start {
        out.push(Span::new(start, span.end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;
    use crate::config::Settings;
    use crate::position::Encoding;
    use tower_lsp_server::ls_types::{Position, Range, TextDocumentIdentifier};

    fn full(snap: &Snapshot, key: &str) -> Vec<SemanticToken> {
        match semantic_tokens_full(
            snap,
            &SemanticTokensParams {
                text_document: TextDocumentIdentifier { uri: uri(key) },
                work_done_progress_params: Default::default(),
                partial_result_params: Default::default(),
            },
        ) {
            Some(SemanticTokensResult::Tokens(t)) => t.data,
            other => panic!("{other:?}"),
        }
    }

    /// Undoes the delta encoding: (line, start, length, type name, modifiers).
    fn decode(tokens: &[SemanticToken]) -> Vec<(u32, u32, u32, String, u32)> {
        let legend = semantic_tokens_legend();
        let (mut line, mut col) = (0, 0);
        tokens
            .iter()
            .map(|t| {
                if t.delta_line > 0 {
                    line += t.delta_line;
                    col = t.delta_start;
                } else {
                    col += t.delta_start;
                }
                (
                    line,
                    col,
                    t.length,
                    legend.token_types[t.token_type as usize]
                        .as_str()
                        .to_string(),
                    t.token_modifiers_bitset,
                )
            })
            .collect()
    }

    #[test]
    fn legend_follows_kinds() {
        let legend = semantic_tokens_legend();
        let names: Vec<&str> = legend.token_types.iter().map(|t| t.as_str()).collect();
        assert_eq!(
            names,
            [
                "person",
                "place",
                "organization",
                "document",
                "acronym",
                "date",
                "number",
                "percent",
                "money",
                "ratio",
                "rank",
                "range"
            ]
        );
        assert_eq!(legend.token_modifiers.len(), 2);
    }

    #[test]
    fn nested_annotations_do_not_overlap() {
        let snap = two_articles();
        let tokens = decode(&full(&snap, A));
        let line0: Vec<_> = tokens
            .iter()
            .filter(|t| t.0 == 0)
            .map(|t| (t.1, t.2, t.3.as_str(), t.4))
            .collect();
        assert_eq!(
            line0,
            [
                (1, 12, "date", 2),
                (19, 4, "date", 0),
                (35, 6, "person", 0),
                // "Ủy viên " is not annotated; "Bộ Chính trị" is.
                (51, 12, "organization", 0),
                (75, 10, "organization", 0),
                // "Công an tỉnh " is the organisation, "Lạng Sơn" the place inside it.
                (100, 13, "organization", 0),
                (113, 8, "place", 0),
            ]
        );
        // The inferred mention carries its modifier.
        assert!(tokens.contains(&(2, 19, 20, "person".to_string(), 1)));
        for w in tokens.windows(2) {
            assert!(
                (w[0].0, w[0].1 + w[0].2) <= (w[1].0, w[1].1),
                "overlap {:?}",
                w
            );
        }
    }

    #[test]
    fn utf8_lengths_and_multi_line_annotations() {
        let text = " date 2023-08 Ông Đặng Văn\r\nHải đến.";
        let doc = Fixture::new(A, text)
            .ann(
                "Đặng Văn\r\nHải",
                0,
                Kind::Person,
                "Đặng Văn Hải",
                "person:đặng văn hải",
            )
            .build();
        let snap = snapshot(vec![doc], Settings::default(), Encoding::Utf8);
        let tokens = decode(&full(&snap, A));
        assert_eq!(
            tokens[1..],
            [
                (0, 19, 12, "person".to_string(), 0),
                (1, 0, 5, "person".to_string(), 0)
            ]
        );
        let doc = Fixture::new(A, text)
            .ann(
                "Đặng Văn\r\nHải",
                0,
                Kind::Person,
                "Đặng Văn Hải",
                "person:đặng văn hải",
            )
            .build();
        let snap = snapshot(vec![doc], Settings::default(), Encoding::Utf16);
        let tokens = decode(&full(&snap, A));
        assert_eq!(
            tokens[1..],
            [
                (0, 18, 8, "person".to_string(), 0),
                (1, 0, 3, "person".to_string(), 0)
            ]
        );
    }

    #[test]
    fn range_request_clips_to_the_window() {
        let snap = two_articles();
        let params = SemanticTokensRangeParams {
            text_document: TextDocumentIdentifier { uri: uri(A) },
            range: Range::new(Position::new(0, 37), Position::new(2, 0)),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        };
        let Some(SemanticTokensRangeResult::Tokens(t)) = semantic_tokens_range(&snap, &params)
        else {
            panic!()
        };
        let tokens = decode(&t.data);
        assert_eq!(tokens[0], (0, 37, 4, "person".to_string(), 0));
        assert!(tokens.iter().all(|t| t.0 == 0));
        assert_eq!(tokens.len(), 5);
    }
}

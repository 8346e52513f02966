//! Definition, references and document highlights: every mention of the
//! entity under the cursor, across the workspace.

use super::common::{entity_at, location, same_entity};
use crate::corpus::{DocKey, Document, Mention};
use crate::lsp::snapshot::Snapshot;
use crate::position::LineCol;
use std::sync::Arc;
use tower_lsp_server::ls_types::{
    DocumentHighlight, DocumentHighlightKind, DocumentHighlightParams, GotoDefinitionParams,
    GotoDefinitionResponse, Location, Position, Range, ReferenceParams, Uri,
};

/// From any mention to the defining one (`Corpus::definition`: the registry
/// entry, else the first named mention in the earliest-dated article).
pub fn definition(
    snap: &Snapshot,
    params: &GotoDefinitionParams,
) -> Option<GotoDefinitionResponse> {
    let at = &params.text_document_position_params;
    let (_, ann) = entity_at(snap, &at.text_document.uri, at.position)?;
    let def = snap.corpus.definition(&ann.entity)?;
    Some(GotoDefinitionResponse::Scalar(location(snap, &def)?))
}

/// Every mention in date order, inferred ones included. With
/// `includeDeclaration` the declaration comes first (the registry entry when
/// the person is declared there); without it the defining mention is left
/// out. At most `settings.max_results`.
pub fn references(snap: &Snapshot, params: &ReferenceParams) -> Option<Vec<Location>> {
    let at = &params.text_document_position;
    let (_, ann) = entity_at(snap, &at.text_document.uri, at.position)?;
    let mentions = snap.corpus.references(&ann.entity);
    let def = snap.corpus.definition(&ann.entity);
    let declaration = def
        .as_ref()
        .filter(|d| params.context.include_declaration && !mentions.contains(d));
    let wanted = declaration.into_iter().chain(
        mentions
            .iter()
            .filter(|m| params.context.include_declaration || Some(*m) != def.as_ref()),
    );
    Some(locations(snap, wanted, snap.settings.max_results))
}

/// LSP locations of mentions, at most `cap`. Mentions come grouped by
/// article, so the document and its URI are looked up once per article, not
/// once per mention.
fn locations<'m>(
    snap: &Snapshot,
    mentions: impl Iterator<Item = &'m Mention>,
    cap: usize,
) -> Vec<Location> {
    let mut out = Vec::new();
    // The article of the previous mention, with its document and URI when known.
    type Article<'a> = (&'a DocKey, Option<(&'a Arc<Document>, Uri)>);
    let mut current: Option<Article> = None;
    let mut cursor: Option<(usize, LineCol)> = None;
    for m in mentions {
        if out.len() >= cap || (out.len() % 1024 == 0 && snap.is_cancelled()) {
            break;
        }
        if current.as_ref().is_none_or(|(k, _)| **k != m.doc) {
            let found = snap.corpus.get(&m.doc).zip(snap.uri(&m.doc));
            current = Some((&m.doc, found));
            cursor = None;
        }
        if let Some((_, Some((doc, uri)))) = &current {
            let start = advance(snap, doc, &mut cursor, m.span.start);
            let end = advance(snap, doc, &mut cursor, m.span.end);
            out.push(Location {
                uri: uri.clone(),
                range: Range { start, end },
            });
        }
    }
    out
}

/// The LSP position of `offset`, counted on from the previous position of
/// the same article (mentions come in text order).
fn advance(
    snap: &Snapshot,
    doc: &Document,
    cursor: &mut Option<(usize, LineCol)>,
    offset: usize,
) -> Position {
    let p = doc
        .lines
        .position_after(&doc.text, *cursor, offset, snap.encoding);
    *cursor = Some((offset, p));
    Position {
        line: p.line,
        character: p.col,
    }
}

/// The mentions of the same entity in this document; the defining mention
/// (when it is in this document) is marked as a write, the others as reads.
pub fn document_highlight(
    snap: &Snapshot,
    params: &DocumentHighlightParams,
) -> Option<Vec<DocumentHighlight>> {
    let at = &params.text_document_position_params;
    let (doc, ann) = entity_at(snap, &at.text_document.uri, at.position)?;
    let def = snap
        .corpus
        .definition(&ann.entity)
        .filter(|m| m.doc == doc.key);
    Some(
        doc.analysis
            .annotations
            .iter()
            .filter(|a| same_entity(snap, &a.entity, &ann.entity))
            .map(|a| DocumentHighlight {
                range: snap.range(doc, a.span),
                kind: Some(if def.as_ref().is_some_and(|d| d.span == a.span) {
                    DocumentHighlightKind::WRITE
                } else {
                    DocumentHighlightKind::READ
                }),
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;
    use crate::config::Settings;
    use crate::core::Kind;
    use crate::position::Encoding;
    use tower_lsp_server::ls_types::{
        Position, Range, ReferenceContext, TextDocumentIdentifier, TextDocumentPositionParams,
    };

    fn tdpp(snap: &Snapshot, key: &str, needle: &str, nth: usize) -> TextDocumentPositionParams {
        TextDocumentPositionParams {
            text_document: TextDocumentIdentifier { uri: uri(key) },
            position: pos(snap, key, needle, nth, 0),
        }
    }

    fn refs(snap: &Snapshot, key: &str, needle: &str, nth: usize, decl: bool) -> Vec<Location> {
        references(
            snap,
            &ReferenceParams {
                text_document_position: tdpp(snap, key, needle, nth),
                work_done_progress_params: Default::default(),
                partial_result_params: Default::default(),
                context: ReferenceContext {
                    include_declaration: decl,
                },
            },
        )
        .unwrap_or_default()
    }

    fn range(line: u32, a: u32, b: u32) -> Range {
        Range::new(Position::new(line, a), Position::new(line, b))
    }

    #[test]
    fn definition_is_the_first_named_mention_of_the_earliest_article() {
        let snap = two_articles();
        let params = GotoDefinitionParams {
            text_document_position_params: tdpp(&snap, B, "Tô Lâm", 1),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        };
        let Some(GotoDefinitionResponse::Scalar(loc)) = definition(&snap, &params) else {
            panic!("no definition");
        };
        assert_eq!(loc.uri, uri(A));
        // " date 2023-08 Sáng 10/8, Đại tướng " is 35 UTF-16 units.
        assert_eq!(loc.range, range(0, 35, 41));
        // From the inferred mention too.
        let params = GotoDefinitionParams {
            text_document_position_params: tdpp(&snap, A, "Bộ trưởng Bộ Công an", 1),
            ..params
        };
        assert!(
            matches!(definition(&snap, &params), Some(GotoDefinitionResponse::Scalar(l)) if l.range == range(0, 35, 41))
        );
        // Not on a number.
        let params = GotoDefinitionParams {
            text_document_position_params: tdpp(&snap, A, "274", 0),
            ..params
        };
        assert!(definition(&snap, &params).is_none());
    }

    #[test]
    fn references_respect_include_declaration_and_the_cap() {
        let snap = two_articles();
        let all = refs(&snap, B, "Tô Lâm", 0, true);
        assert_eq!(all.len(), 4);
        assert_eq!(all[0].uri, uri(A));
        assert_eq!(all[0].range, range(0, 35, 41));
        // The inferred mention on line 2 of A is a reference too.
        assert_eq!(all[1].uri, uri(A));
        assert_eq!(all[1].range.start.line, 2);
        assert_eq!(all[2].uri, uri(B));
        let without = refs(&snap, B, "Tô Lâm", 0, false);
        assert_eq!(without, all[1..].to_vec());

        let capped = snapshot(
            vec![article_a().build(), article_b().build()],
            Settings {
                max_results: 2,
                ..Settings::default()
            },
            Encoding::Utf16,
        );
        assert_eq!(refs(&capped, B, "Tô Lâm", 0, true), all[..2].to_vec());
        assert!(refs(&snap, A, "làm việc", 0, true).is_empty());
    }

    #[test]
    fn utf8_and_utf16_ranges_differ_on_vietnamese_text() {
        let docs = || vec![article_a().build(), article_b().build()];
        let utf8 = snapshot(docs(), Settings::default(), Encoding::Utf8);
        let utf32 = snapshot(docs(), Settings::default(), Encoding::Utf32);
        let r8 = refs(&utf8, A, "Tô Lâm", 0, true);
        let r32 = refs(&utf32, A, "Tô Lâm", 0, true);
        // "Sáng", "Đại", "tướng" have multi-byte letters: 42 bytes, 35 chars; "Tô Lâm" is 8 bytes.
        assert_eq!(r8[0].range, range(0, 42, 50));
        assert_eq!(r32[0].range, range(0, 35, 41));
    }

    #[test]
    fn highlights_stay_in_the_document() {
        let snap = two_articles();
        let params = DocumentHighlightParams {
            text_document_position_params: tdpp(&snap, B, "Tô Lâm", 0),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        };
        let hl = document_highlight(&snap, &params).unwrap();
        assert_eq!(hl.len(), 2);
        assert!(hl
            .iter()
            .all(|h| h.kind == Some(DocumentHighlightKind::READ)));
        let params = DocumentHighlightParams {
            text_document_position_params: tdpp(&snap, A, "Tô Lâm", 0),
            ..params
        };
        let hl = document_highlight(&snap, &params).unwrap();
        assert_eq!(hl.len(), 2);
        assert_eq!(hl[0].kind, Some(DocumentHighlightKind::WRITE));
        assert_eq!(hl[1].kind, Some(DocumentHighlightKind::READ));
    }

    #[test]
    fn cursor_at_the_end_of_a_word_still_counts() {
        let doc = Fixture::new(A, " date 2023-08 Ông Lê Văn Tám.")
            .ann(
                "Lê Văn Tám",
                0,
                Kind::Person,
                "Lê Văn Tám",
                "person:lê văn tám",
            )
            .build();
        let snap = snapshot(vec![doc], Settings::default(), Encoding::Utf16);
        let doc = snap.corpus.get(A).unwrap();
        let end = span_of(&doc.text, "Lê Văn Tám", 0).end;
        let params = GotoDefinitionParams {
            text_document_position_params: TextDocumentPositionParams {
                text_document: TextDocumentIdentifier { uri: uri(A) },
                position: snap.position(doc, end),
            },
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        };
        assert!(definition(&snap, &params).is_some());
    }

    #[test]
    fn the_registry_is_the_definition_and_aliases_are_references() {
        let snap = with_registry(Settings::default());
        let params = GotoDefinitionParams {
            text_document_position_params: tdpp(&snap, C, "To Lam", 0),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        };
        let Some(GotoDefinitionResponse::Scalar(def)) = definition(&snap, &params) else {
            panic!("no definition");
        };
        assert_eq!(def.uri, uri(REGISTRY));
        // The name string on line 3: `      "name": "Tô Lâm",`.
        assert_eq!(def.range, range(3, 15, 21));

        let all = refs(&snap, A, "Tô Lâm", 0, true);
        assert_eq!(all[0], def);
        // A (2), B (2), C (1, the alias spelling) and the declaration.
        assert_eq!(all.len(), 6);
        assert_eq!(all.last().unwrap().uri, uri(C));
        let without = refs(&snap, C, "To Lam", 0, false);
        assert_eq!(without, all[1..].to_vec());

        // Highlights in C find the alias mention as the same entity.
        let hl = document_highlight(
            &snap,
            &DocumentHighlightParams {
                text_document_position_params: tdpp(&snap, C, "To Lam", 0),
                work_done_progress_params: Default::default(),
                partial_result_params: Default::default(),
            },
        )
        .unwrap();
        assert_eq!(hl.len(), 1);
    }
}

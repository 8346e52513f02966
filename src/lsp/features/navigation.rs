//! Definition, references and document highlights: every mention of the
//! entity under the cursor, across the workspace.

use super::common::{entity_at, location, same_entity};
use crate::corpus::{DocKey, Document, Mention};
use crate::lsp::snapshot::Snapshot;
use crate::position::LineCol;
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
    let sites = reference_sites(snap, params)?;
    let mut out = Vec::with_capacity(sites.len());
    let mut current: Option<(&str, Uri)> = None;
    for (key, range) in &sites {
        if current.as_ref().is_none_or(|(k, _)| *k != &**key) {
            // Every site's key parsed as a URI in `reference_sites`.
            current = snap.uri(key).map(|u| (&**key, u));
        }
        if let Some((_, uri)) = &current {
            out.push(Location {
                uri: uri.clone(),
                range: *range,
            });
        }
    }
    Some(out)
}

/// [`references`] encoded as the JSON of its result, byte for byte what
/// `serde_json` makes of the `Vec<Location>`, without building it: a person
/// mentioned 20,000 times makes 2 MB of JSON, and the server sends these
/// bytes as they are (`transport::RawResults`). With the number of locations.
pub fn references_json(snap: &Snapshot, params: &ReferenceParams) -> Option<(Vec<u8>, usize)> {
    let sites = reference_sites(snap, params)?;
    let mut out = Vec::with_capacity(sites.len() * 120 + 2);
    out.push(b'[');
    // The URI as a JSON string, quoted once per article.
    let (mut last_key, mut uri): (&str, Vec<u8>) = ("", Vec::new());
    for (i, (key, r)) in sites.iter().enumerate() {
        if i == 0 || last_key != &**key {
            last_key = key;
            uri = serde_json::to_vec(last_key).unwrap_or_default();
        }
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"uri\":");
        out.extend_from_slice(&uri);
        out.extend_from_slice(br#","range":{"start":{"line":"#);
        push_u32(&mut out, r.start.line);
        out.extend_from_slice(br#","character":"#);
        push_u32(&mut out, r.start.character);
        out.extend_from_slice(br#"},"end":{"line":"#);
        push_u32(&mut out, r.end.line);
        out.extend_from_slice(br#","character":"#);
        push_u32(&mut out, r.end.character);
        out.extend_from_slice(b"}}}");
    }
    out.push(b']');
    Some((out, sites.len()))
}

/// Appends `n` in decimal (`write!` costs more than the rest of a location).
fn push_u32(out: &mut Vec<u8>, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

/// The article key and LSP range of each reference, for [`references`].
/// Only articles whose key is a URI are kept.
fn reference_sites(snap: &Snapshot, params: &ReferenceParams) -> Option<Vec<(DocKey, Range)>> {
    let at = &params.text_document_position;
    let (_, ann) = entity_at(snap, &at.text_document.uri, at.position)?;
    let mentions = snap.corpus.located_references(&ann.entity, snap.encoding);
    let def = snap.corpus.definition(&ann.entity);
    let include = params.context.include_declaration;
    let declaration = def
        .as_ref()
        .filter(|d| include && !mentions.iter().any(|(m, _)| m == *d))
        .map(|d| (d, None));
    let wanted = declaration.into_iter().chain(
        mentions
            .iter()
            .filter(|(m, _)| include || Some(m) != def.as_ref())
            .map(|(m, at)| (m, *at)),
    );
    Some(sites(snap, wanted, snap.settings.max_results))
}

/// The key and range of each mention, at most `cap`. The index usually
/// knows each mention's range; otherwise it is counted on the article's
/// text. Mentions come grouped by article, so each article is looked up
/// once, not once per mention.
fn sites<'m>(
    snap: &Snapshot,
    mentions: impl Iterator<Item = (&'m Mention, Option<(LineCol, LineCol)>)>,
    cap: usize,
) -> Vec<(DocKey, Range)> {
    let mut out = Vec::new();
    // The article of the previous mention, when it exists and its key is a URI.
    let mut current: Option<(&DocKey, bool)> = None;
    let mut cursor: Option<(usize, LineCol)> = None;
    for (m, at) in mentions {
        if out.len() >= cap || (out.len() % 1024 == 0 && snap.is_cancelled()) {
            break;
        }
        if current.is_none_or(|(k, _)| *k != m.doc) {
            let ok = snap.corpus.get(&m.doc).is_some() && snap.uri(&m.doc).is_some();
            current = Some((&m.doc, ok));
            cursor = None;
        }
        if current.is_some_and(|(_, ok)| !ok) {
            continue;
        }
        let (start, end) = match at {
            Some((start, end)) => (lsp_position(start), lsp_position(end)),
            None => {
                let Some(doc) = snap.corpus.get(&m.doc) else {
                    continue;
                };
                let start = advance(snap, doc, &mut cursor, m.span.start);
                (start, advance(snap, doc, &mut cursor, m.span.end))
            }
        };
        out.push((m.doc.clone(), Range { start, end }));
    }
    out
}

fn lsp_position(p: LineCol) -> Position {
    Position {
        line: p.line,
        character: p.col,
    }
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
    lsp_position(p)
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

    /// The references, checking on the way that the JSON the server sends
    /// is exactly serde_json's encoding of them.
    fn refs(snap: &Snapshot, key: &str, needle: &str, nth: usize, decl: bool) -> Vec<Location> {
        let params = ReferenceParams {
            text_document_position: tdpp(snap, key, needle, nth),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
            context: ReferenceContext {
                include_declaration: decl,
            },
        };
        let typed = references(snap, &params);
        let json = references_json(snap, &params);
        assert_eq!(
            json.as_ref()
                .map(|(j, _)| String::from_utf8_lossy(j).into_owned()),
            typed.as_ref().map(|t| serde_json::to_string(t).unwrap())
        );
        assert_eq!(json.map(|(_, n)| n), typed.as_ref().map(Vec::len));
        typed.unwrap_or_default()
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

    /// The server stores each mention's range in the negotiated encoding; an
    /// article indexed without them (the CLI's way) or in another encoding
    /// falls back to counting on its text, with the same answer.
    #[test]
    fn stored_ranges_agree_with_ranges_counted_on_the_text() {
        use crate::corpus::{Corpus, Indexed};
        let docs = || vec![article_a().build(), article_b().build()];
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let located = snapshot(docs(), Settings::default(), enc);
            let expected = refs(&located, B, "Tô Lâm", 0, true);
            assert_eq!(expected.len(), 4);
            let stored = located.corpus.located_references("person:tô lâm", enc);
            assert!(stored.iter().all(|(_, at)| at.is_some()), "{enc:?}");
            for indexed_in in [None, Some(Encoding::Utf8), Some(Encoding::Utf32)] {
                let mut corpus = Corpus::new();
                for d in docs() {
                    corpus.insert_indexed(match indexed_in {
                        Some(other) => Indexed::located(d, other),
                        None => Indexed::new(d),
                    });
                }
                let snap = Snapshot {
                    corpus,
                    ..located.clone()
                };
                let stored = snap.corpus.located_references("person:tô lâm", enc);
                assert_eq!(
                    stored.iter().any(|(_, at)| at.is_some()),
                    indexed_in == Some(enc),
                    "{enc:?} / {indexed_in:?}"
                );
                assert_eq!(
                    refs(&snap, B, "Tô Lâm", 0, true),
                    expected,
                    "{enc:?} / {indexed_in:?}"
                );
            }
        }
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

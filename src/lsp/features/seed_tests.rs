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

pub(super) fn seeds() -> Option<Vec<(String, String)>> {
    // `../shared/seeds` from the repository root (or from a worktree two levels down).
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let Some(entries) = [
        root.join("../shared/seeds"),
        root.join("../../shared/seeds"),
    ]
    .iter()
    .find_map(|dir| std::fs::read_dir(dir).ok()) else {
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
            let _ = prepare_rename(snap, &at);
        }
        // Completion at the end of every fifth word.
        let word_ends: Vec<usize> = crate::core::text::tokens(&doc.text)
            .iter()
            .map(|t| t.span.end)
            .step_by(5)
            .collect();
        for end in word_ends {
            let _ = completion(
                snap,
                &CompletionParams {
                    text_document_position: tdpp(&uri, snap.position(doc, end)),
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
    use Encoding::*;
    let variants: [(&str, Variant, &[Encoding]); 3] = [
        ("nfc", |s| s.to_string(), &[Utf8, Utf16, Utf32]),
        ("nfd", |s| s.nfd().collect(), &[Utf16]),
        ("crlf", |s| s.replace('\n', "\r\n"), &[Utf8]),
    ];
    for (name, variant, encodings) in variants {
        let mut corpus = Corpus::new();
        for (file, text) in &seeds {
            corpus.insert(
                Arc::from(format!("file:///seeds/{name}/{file}")),
                variant(text),
            );
        }
        for &encoding in encodings {
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

#[test]
fn to_lam_through_the_features_on_the_seeds() {
    let Some(seeds) = seeds() else {
        return;
    };
    let mut corpus = Corpus::new();
    for (file, text) in &seeds {
        corpus.insert(Arc::from(format!("file:///seeds/{file}")), text.clone());
    }
    let snap = Snapshot {
        corpus,
        settings: Arc::new(Settings::default()),
        encoding: Encoding::Utf16,
    };
    let Some(WorkspaceSymbolResponse::Flat(found)) = workspace_symbol(
        &snap,
        &WorkspaceSymbolParams {
            query: "to lam".into(),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        },
    ) else {
        panic!()
    };
    assert_eq!(found[0].name, "Tô Lâm");
    // From the definition, every mention in every article that names him.
    let def = found[0].location.clone();
    let refs = references(
        &snap,
        &ReferenceParams {
            text_document_position: tdpp(&def.uri, def.range.start),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
            context: ReferenceContext {
                include_declaration: true,
            },
        },
    )
    .unwrap();
    assert_eq!(refs[0], def);
    let mentioned_in: std::collections::BTreeSet<&str> =
        refs.iter().map(|r| r.uri.as_str()).collect();
    let naming: std::collections::BTreeSet<String> = seeds
        .iter()
        .filter(|(_, t)| t.contains("Tô Lâm"))
        .map(|(f, _)| format!("file:///seeds/{f}"))
        .collect();
    assert_eq!(
        mentioned_in,
        naming.iter().map(String::as_str).collect(),
        "articles linked to Tô Lâm"
    );
    // Every literal "Tô Lâm" is a reference.
    let literal: usize = seeds.iter().map(|(_, t)| t.matches("Tô Lâm").count()).sum();
    let named = refs
        .iter()
        .filter(|r| {
            let doc = snap.doc(&r.uri).unwrap();
            let s = snap.span(doc, r.range);
            &doc.text[s.start..s.end] == "Tô Lâm"
        })
        .count();
    assert_eq!(named, literal);
    // A rename rewrites each of them and nothing else.
    let edit = rename(
        &snap,
        &RenameParams {
            text_document_position: tdpp(&def.uri, def.range.start),
            new_name: "Tô Lâm Mới".into(),
            work_done_progress_params: Default::default(),
        },
    )
    .unwrap()
    .unwrap();
    let edits: usize = edit.changes.unwrap().values().map(Vec::len).sum();
    assert_eq!(edits, literal);
}

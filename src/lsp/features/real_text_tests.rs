//! Handlers on articles analysed by the real core (`Corpus::insert`), written
//! for these tests: what a user sees, end to end.

use super::*;
use crate::config::Settings;
use crate::core::Lang;
use crate::corpus::Corpus;
use crate::position::Encoding;
use std::sync::Arc;

const KEY: &str = "file:///ws/real.txt";

fn snap_of(text: &str, settings: Settings) -> Snapshot {
    let mut corpus = Corpus::new();
    corpus.insert(Arc::from(KEY), text.to_string());
    Snapshot {
        corpus,
        settings: Arc::new(settings),
        encoding: Encoding::Utf16,
    }
}

fn uri() -> Uri {
    KEY.parse().unwrap()
}

fn position_of(snap: &Snapshot, needle: &str) -> Position {
    let doc = snap.corpus.get(KEY).unwrap();
    let at = doc.text.find(needle).unwrap_or_else(|| panic!("{needle}"));
    snap.position(doc, at + 1)
}

fn hover_text(snap: &Snapshot, needle: &str) -> String {
    let h = hover(
        snap,
        &HoverParams {
            text_document_position_params: TextDocumentPositionParams {
                text_document: TextDocumentIdentifier { uri: uri() },
                position: position_of(snap, needle),
            },
            work_done_progress_params: Default::default(),
        },
    )
    .unwrap_or_else(|| panic!("no hover on {needle}"));
    match h.contents {
        HoverContents::Markup(m) => m.value,
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_consistent_fall_shows_its_arithmetic_with_a_tick() {
    let snap = snap_of(
        " date 2023-08 Trong năm, toàn tỉnh ghi nhận 274 vụ trộm cắp, giảm 83 vụ, tương đương 23,25% so với cùng kỳ.",
        Settings::default(),
    );
    let card = hover_text(&snap, "23,25%");
    assert!(card.contains("**Kiểm tra**"), "{card}");
    assert!(card.contains('✓') && !card.contains('✗'), "{card}");
    assert!(card.contains("357"), "{card}");
    // The other numbers of the statement show the same check.
    assert!(hover_text(&snap, "274").contains("✓"));
}

#[test]
fn a_wrong_percentage_is_crossed_and_has_a_quick_fix() {
    let text = " date 2023-08 Trong năm, toàn tỉnh ghi nhận 274 vụ trộm cắp, giảm 83 vụ, tương đương 30% so với cùng kỳ.";
    let snap = snap_of(
        text,
        Settings {
            language: Lang::En,
            ..Settings::default()
        },
    );
    let card = hover_text(&snap, "30%");
    assert!(card.contains('✗') && !card.contains('✓'), "{card}");
    let doc = snap.corpus.get(KEY).unwrap();
    let finding = doc
        .analysis
        .findings
        .iter()
        .find(|f| f.code == "percent-change")
        .expect("percent-change finding");
    let range = snap.range(doc, finding.span);
    let actions = code_action(
        &snap,
        &CodeActionParams {
            text_document: TextDocumentIdentifier { uri: uri() },
            range: Range::new(range.start, range.start),
            context: CodeActionContext::default(),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        },
    )
    .unwrap();
    let Some(CodeActionOrCommand::CodeAction(fix)) = actions.first() else {
        panic!("no quick fix: {actions:?}");
    };
    let edits = &fix.edit.as_ref().unwrap().changes.as_ref().unwrap()[&uri()];
    let mut fixed = text.to_string();
    let span = snap.span(doc, edits[0].range);
    fixed.replace_range(span.start..span.end, &edits[0].new_text);
    // The computed value, at the precision the article wrote (83 / 357 = 23,25 %).
    assert!(fixed.contains("tương đương 23% so với"), "{fixed}");
}

#[test]
fn inlay_hints_on_real_dates_and_ratios() {
    let snap = snap_of(
        " date 2023-08 Sáng 10/8, công an tỉnh cho biết đã kích hoạt 340.000/340.000 tài khoản định danh.",
        Settings {
            inlay_hints: true,
            ..Settings::default()
        },
    );
    let labels: Vec<String> = inlay_hint(
        &snap,
        &InlayHintParams {
            text_document: TextDocumentIdentifier { uri: uri() },
            range: Range::new(Position::new(0, 0), Position::new(1, 0)),
            work_done_progress_params: Default::default(),
        },
    )
    .unwrap()
    .into_iter()
    .map(|h| match h.label {
        InlayHintLabel::String(s) => s,
        other => panic!("{other:?}"),
    })
    .collect();
    assert_eq!(labels, ["2023-08-10", "= 100%"]);
    let card = hover_text(&snap, "10/8");
    assert!(
        card.contains("2023-08-10") && card.contains("Thứ Năm"),
        "{card}"
    );
}

#[test]
fn semantic_tokens_cover_real_quantities() {
    let text = " date 2024-01 Tỉnh đứng thứ 7/63 cả nước, thu 1.500 tỷ đồng, tăng 5% - 10%.";
    let snap = snap_of(text, Settings::default());
    let Some(SemanticTokensResult::Tokens(t)) = semantic_tokens_full(
        &snap,
        &SemanticTokensParams {
            text_document: TextDocumentIdentifier { uri: uri() },
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        },
    ) else {
        panic!()
    };
    let legend = semantic_tokens_legend();
    let kinds: Vec<&str> = t
        .data
        .iter()
        .map(|tok| legend.token_types[tok.token_type as usize].as_str())
        .collect();
    for k in ["date", "rank", "money", "range"] {
        assert!(kinds.contains(&k), "{k} missing in {kinds:?}");
    }
}

const OTHER: &str = "file:///ws/other.txt";

/// Two articles of our own about the same people, analysed by the real core.
fn two_real_articles() -> Snapshot {
    let mut corpus = Corpus::new();
    corpus.insert(
        Arc::from(KEY),
        " date 2023-05 Chiều 12/5, Thượng tướng Lương Tam Quang, Thứ trưởng Bộ Công an, đã làm việc với Công an tỉnh Hà Giang.\n\nThứ trưởng Bộ Công an đề nghị lực lượng công an giữ vững an ninh biên giới.".to_string(),
    );
    corpus.insert(
        Arc::from(OTHER),
        " date 2023-09 Sáng 3/9, Thượng tướng Lương Tam Quang thăm Đồn Biên phòng ở tỉnh Hà Giang và động viên cán bộ, chiến sĩ.".to_string(),
    );
    Snapshot {
        corpus,
        settings: Arc::new(Settings::default()),
        encoding: Encoding::Utf16,
    }
}

#[test]
fn a_person_in_two_real_articles() {
    let snap = two_real_articles();
    let card = hover_text(&snap, "Lương Tam Quang");
    assert!(card.starts_with("**Lương Tam Quang** — _người_"), "{card}");
    assert!(card.contains("Thượng tướng · 2023-05, 2023-09"), "{card}");
    assert!(card.contains("trong 2 bài viết"), "{card}");

    // Workspace symbol without diacritics.
    let Some(WorkspaceSymbolResponse::Flat(found)) = workspace_symbol(
        &snap,
        &WorkspaceSymbolParams {
            query: "luong tam".into(),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        },
    ) else {
        panic!()
    };
    assert_eq!(found[0].name, "Lương Tam Quang");
    assert_eq!(found[0].location.uri, uri());

    // Rename across both articles.
    let edit = rename(
        &snap,
        &RenameParams {
            text_document_position: TextDocumentPositionParams {
                text_document: TextDocumentIdentifier { uri: uri() },
                position: position_of(&snap, "Lương Tam Quang"),
            },
            new_name: "Lương Tam Quảng".into(),
            work_done_progress_params: Default::default(),
        },
    )
    .unwrap()
    .unwrap();
    let changes = edit.changes.unwrap();
    assert_eq!(changes.len(), 2);
    assert!(changes.values().all(|e| e.len() == 1));
}

#[test]
fn completion_on_real_articles() {
    let mut snap = two_real_articles();
    let draft = " date 2023-10 Đoàn công tác do Thượng tướng luong ta";
    snap.corpus
        .insert(Arc::from("file:///ws/draft.txt"), draft.to_string());
    let doc = snap.corpus.get("file:///ws/draft.txt").unwrap();
    let Some(CompletionResponse::List(list)) = completion(
        &snap,
        &CompletionParams {
            text_document_position: TextDocumentPositionParams {
                text_document: TextDocumentIdentifier {
                    uri: "file:///ws/draft.txt".parse().unwrap(),
                },
                position: snap.position(doc, draft.len()),
            },
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
            context: None,
        },
    ) else {
        panic!()
    };
    assert_eq!(list.items[0].label, "Lương Tam Quang");
    assert_eq!(
        list.items[0].detail.as_deref(),
        Some("Thượng tướng, Thứ trưởng Bộ Công an")
    );
}

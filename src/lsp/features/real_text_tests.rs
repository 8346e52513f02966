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

//! Quick fixes: the `Finding::fixes` of the findings under the request range
//! or named by the diagnostics in its context, as `quickfix` code actions
//! carrying their `WorkspaceEdit`.

use super::diagnostics;
use crate::core::Finding;
use crate::lsp::snapshot::Snapshot;
use std::collections::HashMap;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse,
    Diagnostic, NumberOrString, Range, TextEdit, WorkspaceEdit,
};

fn same_code(d: &Diagnostic, code: &str) -> bool {
    matches!(&d.code, Some(NumberOrString::String(c)) if c == code)
}

fn overlaps(a: Range, b: Range) -> bool {
    // Touching counts: a cursor at either end of a finding is on it.
    a.start <= b.end && b.start <= a.end
}

pub fn code_action(snap: &Snapshot, params: &CodeActionParams) -> Option<CodeActionResponse> {
    if let Some(only) = &params.context.only {
        if !only
            .iter()
            .any(|k| k == &CodeActionKind::QUICKFIX || k.as_str().is_empty())
        {
            return Some(Vec::new());
        }
    }
    let uri = &params.text_document.uri;
    let doc = snap.doc(uri)?;
    let lang = snap.settings.language;
    let findings: Vec<Finding> = snap.corpus.findings_with(&doc.key, &snap.settings);
    // Published diagnostics, to attach to actions the client did not name.
    let mut published: Option<Vec<Diagnostic>> = None;

    let mut actions: Vec<CodeActionOrCommand> = Vec::new();
    for f in findings.iter().filter(|f| !f.fixes.is_empty()) {
        let range = snap.range(doc, f.span);
        let named: Vec<Diagnostic> = params
            .context
            .diagnostics
            .iter()
            .filter(|d| same_code(d, f.code) && d.range == range)
            .cloned()
            .collect();
        if named.is_empty() && !overlaps(range, params.range) {
            continue;
        }
        let attached = if named.is_empty() {
            published
                .get_or_insert_with(|| diagnostics::for_document(snap, uri))
                .iter()
                .filter(|d| same_code(d, f.code) && d.range == range)
                .cloned()
                .collect()
        } else {
            named
        };
        let single = f.fixes.len() == 1;
        for fix in &f.fixes {
            let edits: Vec<TextEdit> = fix
                .edits
                .iter()
                .map(|e| TextEdit {
                    range: snap.range(doc, e.span),
                    new_text: e.new_text.clone(),
                })
                .collect();
            let title = fix.title.get(lang).to_string();
            let duplicate = actions.iter().any(|a| {
                matches!(a, CodeActionOrCommand::CodeAction(x)
                    if x.title == title
                        && x.edit.as_ref().and_then(|e| e.changes.as_ref()).and_then(|c| c.get(uri)) == Some(&edits))
            });
            if duplicate {
                continue;
            }
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: (!attached.is_empty()).then(|| attached.clone()),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), edits)])),
                    document_changes: None,
                    change_annotations: None,
                }),
                command: None,
                is_preferred: Some(single),
                disabled: None,
                data: None,
            }));
        }
    }
    Some(actions)
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;
    use crate::config::Settings;
    use crate::position::Encoding;
    use tower_lsp_server::ls_types::{CodeActionContext, Position, TextDocumentIdentifier};

    const TEXT: &str = " date 2023-08 Ông Nguyễn Văn Nam nói rằng rằng Uỷ ban đã họp.";

    fn snap(settings: Settings) -> Snapshot {
        let doc = Fixture::new(A, TEXT)
            .finding(
                "rằng rằng",
                0,
                "repeated-word",
                Some(("Xóa chữ lặp", "Remove the repeated word", " rằng", 1, "")),
            )
            .finding(
                "Uỷ",
                0,
                "tone-mark-style",
                Some(("Đổi thành Ủy", "Change to Ủy", "Uỷ", 0, "Ủy")),
            )
            .finding("Nguyễn Văn Nam", 0, "name-variant", None)
            .build();
        snapshot(vec![doc], settings, Encoding::Utf16)
    }

    fn actions(snap: &Snapshot, range: Range, diags: Vec<Diagnostic>) -> Vec<CodeAction> {
        code_action(
            snap,
            &CodeActionParams {
                text_document: TextDocumentIdentifier { uri: uri(A) },
                range,
                context: CodeActionContext {
                    diagnostics: diags,
                    only: None,
                    trigger_kind: None,
                },
                work_done_progress_params: Default::default(),
                partial_result_params: Default::default(),
            },
        )
        .unwrap()
        .into_iter()
        .map(|a| match a {
            CodeActionOrCommand::CodeAction(a) => a,
            other => panic!("{other:?}"),
        })
        .collect()
    }

    fn finding_range(snap: &Snapshot, needle: &str) -> Range {
        let doc = snap.corpus.get(A).unwrap();
        snap.range(doc, span_of(&doc.text, needle, 0))
    }

    #[test]
    fn fixes_for_the_diagnostics_in_the_context() {
        let snap = snap(Settings::default());
        let range = finding_range(&snap, "rằng rằng");
        let diag = Diagnostic {
            range,
            code: Some(NumberOrString::String("repeated-word".into())),
            message: "lặp từ".into(),
            ..Diagnostic::default()
        };
        // The client asks at the start of the line, naming the diagnostic.
        let got = actions(
            &snap,
            Range::new(Position::new(0, 0), Position::new(0, 0)),
            vec![diag.clone()],
        );
        assert_eq!(got.len(), 1);
        let a = &got[0];
        assert_eq!(a.title, "Xóa chữ lặp");
        assert_eq!(a.kind, Some(CodeActionKind::QUICKFIX));
        assert_eq!(a.diagnostics.as_deref(), Some(&[diag][..]));
        assert_eq!(a.is_preferred, Some(true));
        let edits = &a.edit.as_ref().unwrap().changes.as_ref().unwrap()[&uri(A)];
        let doc = snap.corpus.get(A).unwrap();
        let span = snap.span(doc, edits[0].range);
        let mut fixed = TEXT.to_string();
        fixed.replace_range(span.start..span.end, &edits[0].new_text);
        assert_eq!(
            fixed,
            " date 2023-08 Ông Nguyễn Văn Nam nói rằng Uỷ ban đã họp."
        );
    }

    #[test]
    fn fixes_under_the_cursor_without_diagnostics() {
        let snap = snap(Settings {
            language: crate::core::Lang::En,
            ..Settings::default()
        });
        let r = finding_range(&snap, "Uỷ");
        let cursor = Range::new(r.start, r.start);
        let got = actions(&snap, cursor, Vec::new());
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].title, "Change to Ủy");
        // Findings without fixes and findings elsewhere give nothing.
        let elsewhere = finding_range(&snap, "Nguyễn Văn Nam");
        assert!(actions(&snap, elsewhere, Vec::new()).is_empty());
    }

    #[test]
    fn checks_turned_off_offer_no_fix_and_only_is_respected() {
        let mut settings = Settings::default();
        settings
            .checks
            .insert("repeated-word".into(), crate::config::CheckLevel::Off);
        let snap = snap(settings);
        let r = finding_range(&snap, "rằng rằng");
        assert!(actions(&snap, r, Vec::new()).is_empty());
        let snap2 = self::snap(Settings::default());
        let got = code_action(
            &snap2,
            &CodeActionParams {
                text_document: TextDocumentIdentifier { uri: uri(A) },
                range: finding_range(&snap2, "Uỷ"),
                context: CodeActionContext {
                    diagnostics: Vec::new(),
                    only: Some(vec![CodeActionKind::REFACTOR]),
                    trigger_kind: None,
                },
                work_done_progress_params: Default::default(),
                partial_result_params: Default::default(),
            },
        )
        .unwrap();
        assert!(got.is_empty());
    }
}

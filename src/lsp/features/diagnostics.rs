//! Findings → LSP diagnostics (severity overrides, message language, related information).
//!
//! The findings come from `Corpus::findings_with`, the same call the CLI
//! makes, so `seedls check` and the editor always agree.

use crate::core::{Finding, Severity};
use crate::lsp::snapshot::{doc_key, Snapshot};
use serde_json::json;
use tower_lsp_server::ls_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Uri,
};

/// `source` of every diagnostic.
pub const SOURCE: &str = "seedls";

/// The diagnostics to publish for one document (empty when the document is
/// not a seed file of the corpus).
pub fn for_document(snap: &Snapshot, uri: &Uri) -> Vec<Diagnostic> {
    if snap.doc(uri).is_none() {
        return Vec::new();
    }
    let key = doc_key(uri);
    snap.corpus
        .findings_with(&key, &snap.settings)
        .iter()
        .map(|f| to_diagnostic(snap, uri, f))
        .collect()
}

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// One finding of the document at `uri` as a diagnostic. `data` carries the
/// quick fixes as LSP edits for the published version:
/// `{"fixes": [{"title": "...", "edits": [{"range": ..., "newText": "..."}]}]}`.
pub fn to_diagnostic(snap: &Snapshot, uri: &Uri, f: &Finding) -> Diagnostic {
    let lang = snap.settings.language;
    let doc = snap.doc(uri).expect("for_document checked the document");
    let related: Vec<DiagnosticRelatedInformation> = f
        .related
        .iter()
        .filter_map(|r| {
            let (other_uri, other_doc) = match &r.doc {
                None => (uri.clone(), doc),
                Some(key) => {
                    let other = snap.corpus.get(key)?;
                    (snap.uri(key)?, other)
                }
            };
            Some(DiagnosticRelatedInformation {
                location: Location {
                    uri: other_uri,
                    range: snap.range(other_doc, r.span),
                },
                message: r.message.get(lang).to_string(),
            })
        })
        .collect();
    let fixes: Vec<_> = f
        .fixes
        .iter()
        .map(|fix| {
            json!({
                "title": fix.title.get(lang),
                "edits": fix.edits.iter().map(|e| json!({
                    "range": snap.range(doc, e.span),
                    "newText": e.new_text,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    Diagnostic {
        range: snap.range(doc, f.span),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.code.to_string())),
        source: Some(SOURCE.to_string()),
        message: f.message.get(lang).to_string(),
        related_information: (!related.is_empty()).then_some(related),
        data: (!fixes.is_empty()).then(|| json!({ "fixes": fixes })),
        ..Diagnostic::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{CheckLevel, Settings};
    use crate::core::{Analysis, Edit, Fix, Lang, Message, Related, Span};
    use crate::corpus::{Corpus, Document};
    use crate::position::Encoding;
    use std::sync::Arc;

    fn finding(span: Span, related: Vec<Related>) -> Finding {
        Finding {
            span,
            code: "name-variant",
            severity: Severity::Warning,
            message: Message::new("Tên viết khác", "Name spelled differently"),
            related,
            fixes: vec![Fix {
                title: Message::new("Sửa thành Lâm", "Change to Lâm"),
                edits: vec![Edit {
                    span,
                    new_text: "Lâm".into(),
                }],
            }],
        }
    }

    #[test]
    fn converts_findings_with_settings_language_and_related() {
        let a = "file:///w/a.txt";
        let b = "file:///w/b.txt";
        let text_a = " date 2024-01 Ông Tô Lâm đến Lạng Sơn.".to_string();
        let text_b = "date 2024-02 Ông Tô Lam ở Hà Nội.\nDòng hai".to_string();
        let span_b = Span::new(text_b.find("Lam").unwrap(), text_b.find("Lam").unwrap() + 3);
        let span_a = Span::new(text_a.find("Lâm").unwrap(), text_a.find("Lâm").unwrap() + 4);
        let mut corpus = Corpus::new();
        corpus.insert(a.into(), text_a.clone());
        corpus.insert_document(Document::with_analysis(
            b.into(),
            text_b,
            Analysis {
                findings: vec![finding(
                    span_b,
                    vec![
                        Related {
                            doc: Some(a.into()),
                            span: span_a,
                            message: Message::new("Cách viết ở bài khác", "Spelling elsewhere"),
                        },
                        Related {
                            doc: None,
                            span: Span::new(0, 4),
                            message: Message::new("Tiêu đề", "Header"),
                        },
                    ],
                )],
                ..Analysis::default()
            },
        ));
        let mut settings = Settings {
            language: Lang::En,
            ..Settings::default()
        };
        settings
            .checks
            .insert("name-variant".into(), CheckLevel::On(Severity::Error));
        let snap = Snapshot {
            corpus,
            settings: Arc::new(settings),
            encoding: Encoding::Utf16,
        };
        let uri_b: Uri = b.parse().unwrap();
        let d = for_document(&snap, &uri_b);
        assert_eq!(d.len(), 1);
        let d = &d[0];
        assert_eq!(d.severity, Some(DiagnosticSeverity::ERROR));
        assert_eq!(d.code, Some(NumberOrString::String("name-variant".into())));
        assert_eq!(d.source.as_deref(), Some("seedls"));
        assert_eq!(d.message, "Name spelled differently");
        assert_eq!((d.range.start.line, d.range.start.character), (0, 20));
        let rel = d.related_information.as_ref().unwrap();
        assert_eq!(rel[0].location.uri.as_str(), a);
        // "Lâm" in a: " date 2024-01 Ông Tô " is 21 UTF-16 units.
        assert_eq!(rel[0].location.range.start.character, 21);
        assert_eq!(rel[0].message, "Spelling elsewhere");
        assert_eq!(rel[1].location.uri.as_str(), b);
        let data = d.data.as_ref().unwrap();
        assert_eq!(data["fixes"][0]["title"], "Change to Lâm");
        assert_eq!(data["fixes"][0]["edits"][0]["newText"], "Lâm");

        // Turned off: nothing.
        let mut off = (*snap.settings).clone();
        off.checks.insert("name-variant".into(), CheckLevel::Off);
        let snap = Snapshot {
            settings: Arc::new(off),
            ..snap
        };
        assert!(for_document(&snap, &uri_b).is_empty());
        // Unknown document: nothing.
        assert!(for_document(&snap, &"untitled:Untitled-1".parse().unwrap()).is_empty());
    }

    #[test]
    fn header_finding_in_vietnamese_by_default() {
        let mut corpus = Corpus::new();
        let uri: Uri = "file:///w/x.txt".parse().unwrap();
        corpus.insert(doc_key(&uri), " date 2024-13 Bài viết thử.".into());
        let snap = Snapshot {
            corpus,
            ..Snapshot::default()
        };
        let d = for_document(&snap, &uri);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, Some(NumberOrString::String("header".into())));
        assert!(
            d[0].message.starts_with("Ngày đăng không hợp lệ"),
            "{}",
            d[0].message
        );
        assert_eq!(d[0].range.start.character, 6);
    }
}

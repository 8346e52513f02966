//! Inlay hints (only when `settings.inlay_hints` is on): the resolved ISO date
//! after a day/month date that does not spell out its year, and the
//! percentage after an `A/B` ratio.

use super::common::{ratio_parts, ratio_percent};
use crate::core::Kind;
use crate::lsp::snapshot::Snapshot;
use tower_lsp_server::ls_types::{InlayHint, InlayHintLabel, InlayHintParams};

/// `2023-08-10` (a full date) and no four-digit year already written.
fn date_hint(written: &str, canonical: &str) -> Option<String> {
    let b = canonical.as_bytes();
    let full_date = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && canonical
            .bytes()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    let has_year = written.contains(&canonical[..4.min(canonical.len())]);
    (full_date && !has_year).then(|| canonical.to_string())
}

pub fn inlay_hint(snap: &Snapshot, params: &InlayHintParams) -> Option<Vec<InlayHint>> {
    if !snap.settings.inlay_hints {
        return None;
    }
    let doc = snap.doc(&params.text_document.uri)?;
    let lang = snap.settings.language;
    let window = snap.span(doc, params.range);
    let mut hints = Vec::new();
    for a in &doc.analysis.annotations {
        if a.span.end < window.start || a.span.end > window.end {
            continue;
        }
        let written = a.span.text(&doc.text);
        let label = match a.kind {
            // A lunar date is not converted: a solar-looking hint would mislead.
            Kind::Date if a.attr("calendar").is_some() => None,
            Kind::Date => date_hint(written, &a.canonical),
            Kind::Ratio => ratio_parts(a, written)
                .and_then(|(x, y)| ratio_percent(x, y, lang))
                .map(|p| format!("= {p}")),
            _ => None,
        };
        if let Some(label) = label {
            hints.push(InlayHint {
                position: snap.position(doc, a.span.end),
                label: InlayHintLabel::String(label),
                kind: None,
                text_edits: None,
                tooltip: None,
                padding_left: Some(true),
                padding_right: Some(false),
                data: None,
            });
        }
    }
    Some(hints)
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;
    use crate::config::Settings;
    use crate::core::Lang;
    use crate::position::Encoding;
    use tower_lsp_server::ls_types::{Position, Range, TextDocumentIdentifier};

    fn hints(settings: Settings, range: Range) -> Option<Vec<(Position, String)>> {
        let snap = snapshot(
            vec![article_a().build(), article_b().build()],
            settings,
            Encoding::Utf16,
        );
        inlay_hint(
            &snap,
            &InlayHintParams {
                text_document: TextDocumentIdentifier { uri: uri(A) },
                range,
                work_done_progress_params: Default::default(),
            },
        )
        .map(|hs| {
            hs.into_iter()
                .map(|h| match h.label {
                    InlayHintLabel::String(s) => (h.position, s),
                    other => panic!("{other:?}"),
                })
                .collect()
        })
    }

    fn everything() -> Range {
        Range::new(Position::new(0, 0), Position::new(100, 0))
    }

    #[test]
    fn off_by_default() {
        assert_eq!(hints(Settings::default(), everything()), None);
    }

    #[test]
    fn dates_and_ratios() {
        let on = Settings {
            inlay_hints: true,
            ..Settings::default()
        };
        assert_eq!(
            hints(on.clone(), everything()).unwrap(),
            [
                (Position::new(0, 23), "2023-08-10".to_string()),
                (Position::new(2, 64), "= 100%".to_string()),
            ]
        );
        // Only the first line: no ratio.
        assert_eq!(
            hints(
                on.clone(),
                Range::new(Position::new(0, 0), Position::new(1, 0))
            )
            .unwrap()
            .len(),
            1
        );
        let en = Settings {
            language: Lang::En,
            ..on
        };
        assert_eq!(hints(en, everything()).unwrap()[1].1, "= 100%");
    }

    #[test]
    fn written_years_and_months_get_no_date_hint() {
        assert_eq!(date_hint("10/8/2023", "2023-08-10"), None);
        assert_eq!(date_hint("năm 2023", "2023"), None);
        assert_eq!(date_hint("tháng 8", "2023-08"), None);
        assert_eq!(
            date_hint("10/8", "2023-08-10").as_deref(),
            Some("2023-08-10")
        );
    }
}

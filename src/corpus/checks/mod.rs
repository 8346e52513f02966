//! Cross-article checks: findings that need more than one article. Each check
//! is its own module with its own table of cases. They are computed on demand
//! for the one requested article, from the entity index (never eagerly for the
//! whole corpus), so an edit costs nothing here until diagnostics are asked for.

use crate::core::{Finding, Kind};
use crate::corpus::{Corpus, Document};

pub mod doc_type_conflict;
pub mod name_variant;

/// The kinds of entity the checks below read from the index; the others'
/// mentions never change a cross-article finding.
pub const CHECKED_KINDS: [Kind; 2] = [Kind::Person, Kind::Document];

/// Every cross-article finding for `doc`.
pub fn run(corpus: &Corpus, doc: &Document) -> Vec<Finding> {
    let Some(contribution) = corpus.index().per_doc.get(&doc.key) else {
        return Vec::new();
    };
    let mut out = doc_type_conflict::check(corpus, doc, contribution);
    out.extend(name_variant::check(corpus, doc, contribution));
    out
}

/// How to point at another article in a message: its date and the start of
/// its first line, e.g. `2024-02 “Tại Hội nghị, Bộ trưởng…”`, or its key.
pub(crate) fn describe(corpus: &Corpus, key: &str) -> String {
    let Some(doc) = corpus.get(key) else {
        return key.to_string();
    };
    let first: String = doc.first_line().chars().take(40).collect();
    let ellipsis = if doc.first_line().chars().count() > 40 {
        "…"
    } else {
        ""
    };
    let name = key.rsplit(['/', '\\']).next().unwrap_or(key);
    match doc.date() {
        Some(d) => format!("{name} ({d}, “{first}{ellipsis}”)"),
        None => format!("{name} (“{first}{ellipsis}”)"),
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Hand-made documents for the check tables (the recogniser is not needed).
    use crate::core::{Analysis, Annotation, Header, Kind, Span};
    use crate::corpus::{Corpus, Document};
    use std::sync::Arc;

    /// A mark-up for tests: `[[Tô Lâm|person:tô lâm|title1;title2]]` marks a
    /// person, `{{Quy định 90|document:quy định 90|ban bí thư}}` marks a
    /// document citation with that issuer key. The header is `date YYYY-MM`.
    pub fn doc(key: &str, marked: &str) -> Document {
        let mut text = String::new();
        let mut annotations = Vec::new();
        let mut rest = marked;
        while let Some(i) = rest.find(['[', '{']) {
            let (open, close) = if rest[i..].starts_with("[[") {
                ("[[", "]]")
            } else if rest[i..].starts_with("{{") {
                ("{{", "}}")
            } else {
                text.push_str(&rest[..=i]);
                rest = &rest[i + 1..];
                continue;
            };
            text.push_str(&rest[..i]);
            let body_end = rest[i..].find(close).expect("closed") + i;
            let body = &rest[i + 2..body_end];
            let mut parts = body.split('|');
            let shown = parts.next().unwrap();
            let start = text.len();
            text.push_str(shown);
            let span = Span::new(start, text.len());
            if open == "[[" {
                let id = parts.next().unwrap();
                let mut a =
                    Annotation::new(span, Kind::Person, crate::core::text::canonical_name(shown));
                a.entity = id.to_string();
                if let Some(titles) = parts.next() {
                    a.titles = titles.split(';').map(str::to_string).collect();
                }
                annotations.push(a);
            } else {
                let id = parts.next().unwrap();
                let issuer = parts.next().unwrap_or("");
                let (ty, number) = id.trim_start_matches("document:").rsplit_once(' ').unwrap();
                let mut a = Annotation::new(span, Kind::Document, shown);
                a.entity = format!("{id}|{issuer}");
                a.attrs = vec![("type".into(), ty.into()), ("number".into(), number.into())];
                if !issuer.is_empty() {
                    a.attrs.push(("issuer".into(), issuer.into()));
                }
                annotations.push(a);
            }
            rest = &rest[body_end + 2..];
        }
        text.push_str(rest);
        let header = text.strip_prefix("date ").and_then(|r| {
            let (y, m) = r.get(..7)?.split_once('-')?;
            Some(Header {
                year: y.parse().ok()?,
                month: m.parse().ok()?,
                span: Span::new(0, 12),
            })
        });
        let analysis = Analysis {
            header,
            annotations,
            ..Analysis::default()
        };
        Document::with_analysis(Arc::from(key), text, analysis)
    }

    pub fn corpus(docs: &[(&str, &str)]) -> Corpus {
        let mut c = Corpus::new();
        for (key, marked) in docs {
            c.insert_document(doc(key, marked));
        }
        c
    }
}

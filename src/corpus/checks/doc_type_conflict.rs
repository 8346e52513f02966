//! `doc-type-conflict`: one document number from one issuer cited as two
//! document types one slip apart ("Quy định 90 của Ban Bí thư" and "Quyết
//! định 90 của Ban Bí thư"), within one article or across the workspace.
//!
//! Rule: citations are grouped by (number, issuer) through the index; a
//! citation that names no issuer is never compared (number 90 of different
//! bodies are different documents). In an article, each cited type is reported
//! once, at its first citation, against another type of the same group: within
//! the article only when the other type was cited earlier (so a pair in one
//! article gives one finding, on the later citation), else against the
//! earliest-dated other article that cites it.

use super::describe;
use crate::core::{Finding, Kind, Message, Related, Severity, Span};
use crate::corpus::index::{citation_type, DocEntities};
use crate::corpus::{Corpus, Document};

pub const CODE: &str = "doc-type-conflict";

/// Type names one slip apart. Every other pair is two documents: each type is
/// numbered on its own ("Chỉ thị 35" and "Kết luận 35" of the Politburo both
/// exist).
const CONFUSABLE: &[[&str; 2]] = &[
    ["quy định", "quyết định"],
    ["nghị quyết", "nghị định"],
    ["thông tư", "thông báo"],
];

fn confusable(a: &str, b: &str) -> bool {
    CONFUSABLE
        .iter()
        .any(|[x, y]| (a == *x && b == *y) || (a == *y && b == *x))
}

pub fn check(corpus: &Corpus, doc: &Document, mine: &DocEntities) -> Vec<Finding> {
    let index = corpus.index();
    let mut out = Vec::new();
    for (id, kind, mentions) in &mine.entities {
        if *kind != Kind::Document {
            continue;
        }
        let Some(group) = index.entities.get(id).and_then(|e| e.group.as_ref()) else {
            continue;
        };
        let Some(here) = mentions.spans.first().map(|(s, _)| *s) else {
            continue;
        };
        let my_type = citation_type(id, &mentions.attrs);
        let Some(members) = index.citations.get(group) else {
            continue;
        };
        for (other_id, _) in members.iter() {
            if other_id == id {
                continue;
            }
            let Some(other) = index.entities.get(other_id) else {
                continue;
            };
            let other_type = other
                .docs
                .values()
                .next()
                .map(|m| citation_type(other_id, &m.attrs))
                .unwrap_or_default();
            if other_type == my_type || !confusable(&my_type, &other_type) {
                continue;
            }
            // Prefer the conflict inside this article; report it on the later citation.
            let related = match mine.get(other_id).and_then(|m| m.spans.first()) {
                Some((there, _)) if there.start < here.start => Some((None, *there)),
                Some(_) => None,
                None => other
                    .docs
                    .iter()
                    .find(|(o, _)| o.key != doc.key)
                    .and_then(|(o, m)| Some((Some(o.key.clone()), m.spans.first()?.0))),
            };
            let Some((other_doc, other_span)) = related else {
                continue;
            };
            let other_text = match &other_doc {
                None => other_span.text(&doc.text).to_string(),
                Some(k) => corpus
                    .get(k)
                    .and_then(|d| d.text.get(other_span.start..other_span.end))
                    .unwrap_or_default()
                    .to_string(),
            };
            out.push(finding(
                corpus,
                doc,
                here,
                other_doc.as_deref(),
                other_span,
                &other_text,
                &issuer_of(id, mentions.attrs.as_slice()),
            ));
        }
    }
    out
}

fn issuer_of(id: &str, attrs: &[(String, String)]) -> String {
    attrs
        .iter()
        .find(|(k, _)| k == "issuer")
        .map(|(_, v)| v.clone())
        .or_else(|| id.split_once('|').map(|(_, i)| i.to_string()))
        .unwrap_or_default()
}

fn finding(
    corpus: &Corpus,
    doc: &Document,
    here: Span,
    other_doc: Option<&str>,
    other_span: Span,
    other_text: &str,
    issuer: &str,
) -> Finding {
    let mine = here.text(&doc.text);
    let (where_vi, where_en) = match other_doc {
        None => (
            "ở trên trong bài này".to_string(),
            "earlier in this article".to_string(),
        ),
        Some(k) => {
            let d = describe(corpus, k);
            (format!("trong bài {d}"), format!("in {d}"))
        }
    };
    Finding {
        span: here,
        code: CODE,
        severity: Severity::Warning,
        message: Message::new(
            format!(
                "“{mine}” của {issuer} mâu thuẫn với “{other_text}” {where_vi}: cùng số, cùng cơ quan ban hành nhưng khác loại văn bản."
            ),
            format!(
                "“{mine}” of {issuer} conflicts with “{other_text}” {where_en}: same number and issuer, different document type."
            ),
        ),
        related: vec![Related {
            doc: other_doc.map(str::to_string),
            span: other_span,
            message: Message::new(
                format!("Cùng văn bản được trích là “{other_text}”"),
                format!("The same document cited as “{other_text}”"),
            ),
        }],
        fixes: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use crate::corpus::checks::testing::corpus;

    /// Findings for `target` as `code@text -> related doc:text`.
    fn run(docs: &[(&str, &str)], target: &str) -> Vec<String> {
        let c = corpus(docs);
        let doc = c.get(target).unwrap().clone();
        c.findings(target)
            .into_iter()
            .filter(|f| f.code == super::CODE)
            .map(|f| {
                let r = &f.related[0];
                let other = c.get(r.doc.as_deref().unwrap_or(target)).unwrap();
                format!(
                    "{} -> {}:{}",
                    f.span.text(&doc.text),
                    r.doc.as_deref().unwrap_or("here"),
                    r.span.text(&other.text)
                )
            })
            .collect()
    }

    const QD90: &str = "{{Quy định 90|document:quy định 90|ban bí thư}}";
    const QĐ90: &str = "{{Quyết định 90|document:quyết định 90|ban bí thư}}";

    #[test]
    fn true_cases() {
        // Within one article: reported once, on the later citation.
        let one = format!("date 2024-02 Theo {QD90} và sau đó {QĐ90} nữa.");
        assert_eq!(
            run(&[("a", &one)], "a"),
            ["Quyết định 90 -> here:Quy định 90"]
        );
        // Reversed order in one article.
        let rev = format!("date 2024-02 Theo {QĐ90} và {QD90}.");
        assert_eq!(
            run(&[("a", &rev)], "a"),
            ["Quy định 90 -> here:Quyết định 90"]
        );
        // Across articles: each article hears about the other.
        let a = format!("date 2024-02 Thực hiện {QD90}.");
        let b = format!("date 2024-03 Cụ thể hóa {QĐ90}.");
        let docs = [("a", a.as_str()), ("b", b.as_str())];
        assert_eq!(run(&docs, "a"), ["Quy định 90 -> b:Quyết định 90"]);
        assert_eq!(run(&docs, "b"), ["Quyết định 90 -> a:Quy định 90"]);
        // Across articles, the earliest-dated other article is cited.
        let c = format!("date 2023-01 Sớm nhất {QĐ90}.");
        let docs = [("a", a.as_str()), ("b", b.as_str()), ("c", c.as_str())];
        assert_eq!(run(&docs, "a"), ["Quy định 90 -> c:Quyết định 90"]);
        // Nghị quyết vs Nghị định with the same number and issuer.
        let d = "date 2024-05 {{Nghị định 12|document:nghị định 12|chính phủ}} rồi {{Nghị quyết 12|document:nghị quyết 12|chính phủ}}.";
        assert_eq!(
            run(&[("d", d)], "d"),
            ["Nghị quyết 12 -> here:Nghị định 12"]
        );
        // Three types: only the pair one slip apart.
        let e = format!(
            "date 2024-05 {QD90}, {QĐ90}, {{{{Chỉ thị 90|document:chỉ thị 90|ban bí thư}}}}."
        );
        assert_eq!(
            run(&[("e", &e)], "e"),
            ["Quyết định 90 -> here:Quy định 90"]
        );
    }

    #[test]
    fn consistent_look_alikes_stay_silent() {
        // Same type repeated.
        let a = format!("date 2024-02 {QD90} và lại {QD90}.");
        assert!(run(&[("a", &a)], "a").is_empty());
        // Same number, different issuers.
        let b = "date 2024-02 {{Quy định 90|document:quy định 90|ban bí thư}} và {{Quyết định 90|document:quyết định 90|thủ tướng chính phủ}}.";
        assert!(run(&[("b", b)], "b").is_empty());
        // Different numbers from one issuer.
        let c = "date 2024-02 {{Quy định 90|document:quy định 90|ban bí thư}} và {{Quyết định 91|document:quyết định 91|ban bí thư}}.";
        assert!(run(&[("c", c)], "c").is_empty());
        // Types numbered on their own: the Politburo's Chỉ thị 35 and Kết luận 35.
        let k = "date 2024-10 {{Chỉ thị 35|document:chỉ thị 35|bộ chính trị}} và {{Kết luận 35|document:kết luận 35|bộ chính trị}}.";
        assert!(run(&[("k", k)], "k").is_empty());
        // No issuer stated on one side: not comparable.
        let d = "date 2024-02 {{Quy định 90|document:quy định 90|ban bí thư}} và {{Quyết định 90|document:quyết định 90|}}.";
        assert!(run(&[("d", d)], "d").is_empty());
        // The same type across articles.
        let e1 = format!("date 2024-02 {QĐ90}.");
        let e2 = format!("date 2024-03 {QĐ90} tiếp tục.");
        assert!(run(&[("e1", &e1), ("e2", &e2)], "e2").is_empty());
        // After the conflicting article is removed, the finding disappears.
        let mut c = crate::corpus::checks::testing::corpus(&[
            ("a", &format!("date 2024-02 {QD90}.")),
            ("b", &format!("date 2024-03 {QĐ90}.")),
        ]);
        assert_eq!(c.findings("a").len(), 1);
        c.remove("b");
        assert!(c.findings("a").is_empty());
    }
}

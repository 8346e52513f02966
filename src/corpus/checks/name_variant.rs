//! `name-variant`: a person's name that differs from a person known elsewhere
//! in the workspace only by diacritics ("Tô Lam" / "Tô Lâm") or by one letter
//! ("Nguyễn Xuân Kí" / "Nguyễn Xuân Ký").
//!
//! Distinct real people can differ by one letter or one tone mark (Nguyễn Văn
//! Hà / Nguyễn Văn Hải, Lê Văn Tâm / Lê Văn Tám), so the rule is strict.
//! A name V in this article is reported against a known name K when all hold:
//! 1. V and K have the same number of syllables and the same surname (first
//!    syllable without diacritics), and either the same diacritics-free key
//!    (`search_key`) or keys one letter apart (insert, delete or change; never a space);
//! 2. V is not declared in the registry (a declared name or alias is deliberate);
//! 3. K is established: declared in the registry, or seen in at least 2
//!    articles and in at least 3 times as many articles as V;
//! 4. V and K are not both named in one sentence of this article (two names
//!    in one sentence are two people: "Giám đốc Nguyễn Văn Hải thăm bệnh nhân
//!    Nguyễn Văn Hà");
//! 5. there is evidence that V means K: K also appears in this article (and
//!    V is not introduced there with an age: "(62 tuổi)", "(SN 1985)"), or V
//!    and K share a specific title (3+ syllables, such as "Bộ trưởng Bộ Công
//!    an"; ranks and honorifics like "Đại tá", "ông" do not count), or V is K
//!    with diacritics dropped (every syllable of V is K's syllable or K's
//!    syllable stripped of marks: "Tô Lam" for "Tô Lâm").
//!
//! Each named mention of V gets a finding with the known spelling, where it
//! first appears, and a quick fix replacing the mention with it.

use super::describe;
use crate::core::text::{canonical_name, name_key, search_key};
use crate::core::{Edit, Finding, Fix, Kind, Message, Related, Severity};
use crate::corpus::index::{id_body, DocEntities, DocMentions};
use crate::corpus::{Corpus, Document};
use std::collections::BTreeSet;
use std::sync::Arc;

pub const CODE: &str = "name-variant";

/// Articles the known spelling must appear in, at least.
const MIN_KNOWN_ARTICLES: usize = 2;
/// How many times more articles the known spelling needs than the variant.
const DOMINANCE: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Difference {
    Diacritics,
    OneLetter,
}

pub fn check(corpus: &Corpus, doc: &Document, mine: &DocEntities) -> Vec<Finding> {
    let index = corpus.index();
    let registry = corpus.registry();
    let mut out = Vec::new();
    for (id, kind, mentions) in &mine.entities {
        if *kind != Kind::Person || mentions.named().next().is_none() {
            continue;
        }
        if registry.is_some_and(|r| r.resolve(id).is_some()) {
            continue;
        }
        let variant_key = search_key(id_body(id));
        let entry = index.entities.get(id);
        let variant_articles = entry.map_or(1, |e| e.article_count());
        // The people whose names are one edit or only diacritics away.
        let mut candidates: BTreeSet<Arc<str>> = entry
            .map(|e| e.similar.iter().cloned().collect())
            .unwrap_or_default();
        // Declared people are known even before any article mentions them.
        if let Some(r) = registry {
            for p in &r.people {
                let k = search_key(&p.name);
                if k == variant_key || one_letter_apart(&k, &variant_key) {
                    candidates.insert(p.id.clone());
                }
            }
        }
        let mut best: Option<Known> = None;
        for cand in candidates {
            let resolved = corpus.resolve(&cand);
            if resolved == corpus.resolve(id) {
                continue;
            }
            let Some(known) = Known::of(corpus, resolved, doc, mine, (mentions, variant_articles))
            else {
                continue;
            };
            let Some(diff) = difference(&variant_key, &search_key(&known.name)) else {
                continue;
            };
            let variant_name = mentions
                .names
                .first()
                .map(|(n, _)| n.clone())
                .unwrap_or_else(|| id_body(id).to_string());
            let evidence = (known.in_this_article && !introduced(&doc.text, mentions))
                || shares_specific_title(mentions, &known.titles)
                || (diff == Difference::Diacritics && drops_diacritics(&variant_name, &known.name));
            if !evidence {
                continue;
            }
            if best.as_ref().is_none_or(|b| known.articles > b.articles) {
                best = Some(known);
            }
        }
        let Some(known) = best else {
            continue;
        };
        for span in mentions.named() {
            let shown = span.text(&doc.text);
            let (where_vi, where_en) = match &known.first {
                Some(m) if *m.doc == *doc.key => (
                    "trong chính bài này".to_string(),
                    "in this same article".to_string(),
                ),
                Some(m) => {
                    let d = describe(corpus, &m.doc);
                    (format!("lần đầu trong bài {d}"), format!("first in {d}"))
                }
                None => (
                    "trong danh sách nhân vật".into(),
                    "in the people registry".into(),
                ),
            };
            let articles_vi = if known.declared && known.articles == 0 {
                "được khai báo trong danh sách nhân vật".to_string()
            } else {
                format!("xuất hiện trong {} bài", known.articles)
            };
            let articles_en = if known.declared && known.articles == 0 {
                "is declared in the people registry".to_string()
            } else {
                format!(
                    "appears in {} article{}",
                    known.articles,
                    if known.articles == 1 { "" } else { "s" }
                )
            };
            let (how_vi, how_en) = match difference(&variant_key, &search_key(&known.name)) {
                Some(Difference::Diacritics) => ("chỉ khác dấu", "differs only by diacritics"),
                _ => ("chỉ khác một chữ cái", "differs by one letter"),
            };
            let name = &known.name;
            // Offer the replacement only when the span is exactly the name.
            let fixes = if canonical_name(shown) == canonical_name(&mentions_name(mentions, shown))
            {
                vec![Fix {
                    title: Message::new(
                        format!("Sửa thành “{name}”"),
                        format!("Replace with “{name}”"),
                    ),
                    edits: vec![Edit {
                        span,
                        new_text: name.clone(),
                    }],
                }]
            } else {
                Vec::new()
            };
            out.push(Finding {
                span,
                code: CODE,
                severity: Severity::Warning,
                message: Message::new(
                    format!(
                        "“{shown}” {how_vi} so với “{name}”, tên {articles_vi} ({where_vi}). Có phải viết sai tên?"
                    ),
                    format!(
                        "“{shown}” {how_en} from “{name}”, which {articles_en} ({where_en}). Is the name misspelt?"
                    ),
                ),
                related: known
                    .first
                    .iter()
                    .map(|m| Related {
                        doc: (*m.doc != *doc.key).then(|| m.doc.to_string()),
                        span: m.span,
                        message: Message::new(
                            format!("Cách viết đã biết: “{name}”"),
                            format!("The known spelling: “{name}”"),
                        ),
                    })
                    .collect(),
                fixes,
            });
        }
    }
    out
}

/// The spelling recorded for a mention whose text is `shown`.
fn mentions_name(m: &DocMentions, shown: &str) -> String {
    let key = name_key(shown);
    m.names
        .iter()
        .find(|(n, _)| name_key(n) == key)
        .map(|(n, _)| n.clone())
        .unwrap_or_default()
}

/// What the workspace knows about a candidate spelling.
struct Known {
    name: String,
    articles: usize,
    declared: bool,
    in_this_article: bool,
    titles: Vec<String>,
    /// Where to point: the registry entry, or its first mention outside this
    /// article (inside it when it appears nowhere else).
    first: Option<crate::corpus::Mention>,
}

impl Known {
    /// `None` unless the candidate is established (rule 3) against a
    /// variant seen in `variant_articles` articles: most candidates are
    /// other people about as frequent, so this is asked before anything costly.
    fn of(
        corpus: &Corpus,
        id: &str,
        doc: &Document,
        mine: &DocEntities,
        (variant, variant_articles): (&DocMentions, usize),
    ) -> Option<Known> {
        let declared = corpus.registry().and_then(|r| r.person(id));
        let entries = corpus.entries(id);
        if entries.is_empty() && declared.is_none() {
            return None;
        }
        // From the per-entity summaries, not by walking every article: a
        // national figure is in thousands of them.
        let articles: usize = entries.iter().map(|(e, _)| e.article_count()).sum();
        if declared.is_none()
            && (articles < MIN_KNOWN_ARTICLES || articles < DOMINANCE * variant_articles)
        {
            return None;
        }
        let mut titles: Vec<String> = Vec::new();
        let mut in_this_article = false;
        for (e, raw) in &entries {
            if let Some(here) = mine.get(raw) {
                // "Giám đốc Nguyễn Văn Hải thăm bệnh nhân Nguyễn Văn Hà": two
                // names in one sentence are two people, not one misspelt.
                if here
                    .named()
                    .any(|k| variant.named().any(|v| in_one_sentence(&doc.text, k, v)))
                {
                    return None;
                }
                in_this_article = true;
            }
            for ((t, _), _) in e.title_months.iter() {
                if !titles.iter().any(|x| **x == **t) {
                    titles.push(t.to_string());
                }
            }
        }
        let name = match declared {
            Some(p) => p.name.clone(),
            None => super::super::spellings(&entries).into_iter().next()?,
        };
        let first = match declared {
            Some(_) => corpus.definition(id),
            None => corpus
                .first_mention(&entries, Some(&doc.key))
                .or_else(|| corpus.first_mention(&entries, None)),
        };
        Some(Known {
            name,
            articles,
            declared: declared.is_some(),
            in_this_article,
            titles,
            first,
        })
    }
}

/// Whether a named mention of the variant is introduced with an age or a
/// year of birth in brackets ("bệnh nhân Nguyễn Văn Hà (62 tuổi, …)", "(SN
/// 1985)", "(sinh năm 1985)"): a person presented anew, not a slip for a
/// name the article already gave.
fn introduced(text: &str, variant: &DocMentions) -> bool {
    variant.named().any(|span| {
        let after = text.get(span.end..).unwrap_or("").trim_start();
        let Some(inside) = after.strip_prefix('(') else {
            return false;
        };
        let inside = inside.trim_start();
        let digits = inside.len()
            - inside
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .len();
        (digits > 0 && inside[digits..].trim_start().starts_with("tuổi"))
            || inside.starts_with("SN ")
            || inside.starts_with("sinh năm")
    })
}

/// Whether nothing that ends a sentence lies between two spans.
fn in_one_sentence(text: &str, a: crate::core::Span, b: crate::core::Span) -> bool {
    let (first, second) = if a.start <= b.start { (a, b) } else { (b, a) };
    text.get(first.end.min(second.start)..second.start)
        .is_some_and(|between| !between.contains(['.', '!', '?', ';', '\n']))
}

/// How two diacritics-free keys differ, when they are close enough.
fn difference(variant: &str, known: &str) -> Option<Difference> {
    let sv: Vec<&str> = variant.split(' ').collect();
    let sk: Vec<&str> = known.split(' ').collect();
    if sv.len() != sk.len() || sv.first() != sk.first() {
        return None;
    }
    if variant == known {
        Some(Difference::Diacritics)
    } else if one_letter_apart(variant, known) {
        Some(Difference::OneLetter)
    } else {
        None
    }
}

/// Levenshtein distance exactly 1 over chars, where the edit is not a space.
fn one_letter_apart(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    match long.len() - short.len() {
        0 => {
            let diffs: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
            diffs.len() == 1 && a[diffs[0]] != ' ' && b[diffs[0]] != ' '
        }
        1 => {
            let i = (0..short.len())
                .find(|&i| short[i] != long[i])
                .unwrap_or(short.len());
            long[i] != ' ' && short[i..] == long[i + 1..]
        }
        _ => false,
    }
}

/// Honorifics and bare ranks say nothing about who someone is.
fn is_specific(title: &str) -> bool {
    title.split_whitespace().count() >= 3
}

fn shares_specific_title(variant: &DocMentions, known_titles: &[String]) -> bool {
    variant.titles.iter().filter(|t| is_specific(t)).any(|t| {
        let k = name_key(t);
        known_titles.iter().any(|kt| name_key(kt) == k)
    })
}

/// Whether `variant` is `known` with some diacritics dropped and none changed.
fn drops_diacritics(variant: &str, known: &str) -> bool {
    let v: Vec<String> = variant.split_whitespace().map(name_key).collect();
    let k: Vec<String> = known.split_whitespace().map(name_key).collect();
    v.len() == k.len()
        && v != k
        && v.iter()
            .zip(&k)
            .all(|(vs, ks)| vs == ks || *vs == search_key(ks))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::checks::testing::corpus;
    use crate::corpus::Corpus;

    fn variants(c: &Corpus, target: &str) -> Vec<String> {
        let doc = c.get(target).unwrap().clone();
        c.findings(target)
            .into_iter()
            .filter(|f| f.code == CODE)
            .map(|f| {
                let fix = f
                    .fixes
                    .first()
                    .map(|x| x.edits[0].new_text.clone())
                    .unwrap_or_default();
                let rel = f
                    .related
                    .first()
                    .map(|r| r.doc.clone().unwrap_or_else(|| "here".into()))
                    .unwrap_or_default();
                format!("{} => {fix} @{rel}", f.span.text(&doc.text))
            })
            .collect()
    }

    const BT: &str = "Bộ trưởng Bộ Công an";

    /// Three articles establishing Tô Lâm (with a specific title) and Nguyễn Xuân Ký.
    fn known() -> Vec<(String, String)> {
        (1..=3)
            .map(|i| {
                (
                    format!("k{i}"),
                    format!(
                        "date 2024-0{i} [[Tô Lâm|person:tô lâm|{BT}]] gặp [[Nguyễn Xuân Ký|person:nguyễn xuân ký|Bí thư Tỉnh ủy Quảng Ninh]]."
                    ),
                )
            })
            .collect()
    }

    fn with(extra: &[(&str, &str)]) -> Corpus {
        let base = known();
        let mut docs: Vec<(&str, &str)> =
            base.iter().map(|(k, t)| (k.as_str(), t.as_str())).collect();
        docs.extend_from_slice(extra);
        corpus(&docs)
    }

    #[test]
    fn true_cases() {
        // Diacritics dropped, no title needed.
        let c = with(&[("v", "date 2024-05 Ông [[Tô Lam|person:tô lam]] phát biểu.")]);
        assert_eq!(variants(&c, "v"), ["Tô Lam => Tô Lâm @k1"]);
        // Wrong tone mark with the same specific title.
        let t = format!("date 2024-05 [[Tô Lăm|person:tô lăm|{BT}]] phát biểu.");
        let c = with(&[("v", &t)]);
        assert_eq!(variants(&c, "v"), ["Tô Lăm => Tô Lâm @k1"]);
        // One letter changed, known spelling in the same article.
        let c = with(&[(
            "v",
            "date 2024-05 [[Nguyễn Xuân Ký|person:nguyễn xuân ký]] phát biểu. Sau đó [[Nguyễn Xuân Kí|person:nguyễn xuân kí]] trao quà.",
        )]);
        assert_eq!(variants(&c, "v"), ["Nguyễn Xuân Kí => Nguyễn Xuân Ký @k1"]);
        // In one sentence the two names are two people, even with the
        // diacritics dropped ("nông dân Lê Văn Thanh" beside "Lê Văn Thành").
        let c = with(&[(
            "v",
            "date 2024-05 [[Nguyễn Xuân Ký|person:nguyễn xuân ký]] thăm bệnh nhân [[Nguyễn Xuân Kí|person:nguyễn xuân kí]] (62 tuổi).",
        )]);
        assert!(variants(&c, "v").is_empty());
        let c = with(&[(
            "v",
            "date 2024-05 [[Tô Lâm|person:tô lâm]] gặp nông dân [[Tô Lam|person:tô lam]] tại ruộng.",
        )]);
        assert!(variants(&c, "v").is_empty());
        // Introduced with an age: a new person, whatever else the article says.
        for intro in [
            "(62 tuổi, trú xã Cẩm Bình)",
            "(SN 1962)",
            "( sinh năm 1962)",
        ] {
            let t = format!(
                "date 2024-05 [[Nguyễn Xuân Ký|person:nguyễn xuân ký]] phát biểu. Bệnh nhân [[Nguyễn Xuân Kí|person:nguyễn xuân kí]] {intro} đã khỏi."
            );
            let c = with(&[("v", &t)]);
            assert!(variants(&c, "v").is_empty(), "{intro}");
        }
        // One letter added, same specific title.
        let c = with(&[(
            "v",
            "date 2024-05 [[Nguyễn Xuân Kýs|person:nguyễn xuân kýs|Bí thư Tỉnh ủy Quảng Ninh]] nói.",
        )]);
        assert_eq!(variants(&c, "v"), ["Nguyễn Xuân Kýs => Nguyễn Xuân Ký @k1"]);
        // Every mention of the variant is reported.
        let c = with(&[(
            "v",
            "date 2024-05 [[Tô Lam|person:tô lam]] và [[Tô Lam|person:tô lam]].",
        )]);
        assert_eq!(variants(&c, "v").len(), 2);
        // A registry-declared person is known even with one article.
        let mut c = corpus(&[("v", "date 2024-05 [[Phạm Van Đồng|person:phạm van đồng]].")]);
        c.set_registry(
            Arc::from("entities.json"),
            r#"[{"name": "Phạm Văn Đồng"}]"#.into(),
        );
        assert_eq!(
            variants(&c, "v"),
            ["Phạm Van Đồng => Phạm Văn Đồng @entities.json"]
        );
    }

    #[test]
    fn consistent_look_alikes_stay_silent() {
        // The known spelling itself.
        let c = with(&[("v", "date 2024-05 [[Tô Lâm|person:tô lâm]] đến.")]);
        assert!(variants(&c, "v").is_empty());
        // A different one-letter name without evidence: Nguyễn Xuân Kỳ… is
        // diacritics, but Nguyễn Xuân Kha is two letters away; Hà vs Hải.
        let c = with(&[(
            "v",
            "date 2024-05 Ông [[Nguyễn Văn Hải|person:nguyễn văn hải]].",
        )]);
        assert!(variants(&c, "v").is_empty());
        // One letter apart, no shared title, not in the same article.
        let c = with(&[(
            "v",
            "date 2024-05 Ông [[Nguyễn Xuân Kí|person:nguyễn xuân kí]] nói.",
        )]);
        assert!(variants(&c, "v").is_empty());
        // A different tone (not dropped) with only a rank in common.
        let c = with(&[(
            "v",
            "date 2024-05 Đại tướng [[Tô Lăm|person:tô lăm|Đại tướng]] nói.",
        )]);
        assert!(variants(&c, "v").is_empty());
        // Known spelling not established: only one article each.
        let c = corpus(&[
            ("a", "date 2024-01 [[Tô Lâm|person:tô lâm]]."),
            ("b", "date 2024-02 [[Tô Lam|person:tô lam]]."),
        ]);
        assert!(variants(&c, "b").is_empty());
        // The variant is not rare: 2 articles against 3.
        let c = with(&[
            ("v1", "date 2024-05 [[Tô Lam|person:tô lam]]."),
            ("v2", "date 2024-06 [[Tô Lam|person:tô lam]]."),
        ]);
        assert!(variants(&c, "v1").is_empty());
        // A different surname one letter away.
        let c = with(&[(
            "v",
            "date 2024-05 [[Tô Lâm|person:tô lâm]] và [[Hồ Lâm|person:hồ lâm]].",
        )]);
        assert!(variants(&c, "v").is_empty());
        // A declared alias is deliberate.
        let mut c = with(&[("v", "date 2024-05 [[Tô Lam|person:tô lam]].")]);
        c.set_registry(
            Arc::from("entities.json"),
            r#"[{"name": "Tô Lam", "note": "một người khác"}]"#.into(),
        );
        assert!(variants(&c, "v").is_empty());
        // The established name never flags itself against the rare one.
        let c = with(&[("v", "date 2024-05 [[Tô Lam|person:tô lam]].")]);
        assert!(variants(&c, "k1").is_empty());
    }

    #[test]
    fn edit_distance() {
        assert!(one_letter_apart("nguyen xuan ky", "nguyen xuan ki"));
        assert!(one_letter_apart("nguyen van ha", "nguyen van hai"));
        assert!(one_letter_apart("nguyen van hai", "nguyen van ha"));
        assert!(!one_letter_apart("to lam", "tolam"));
        assert!(!one_letter_apart("to lam", "to lam"));
        assert!(!one_letter_apart("to lam", "to lmo"));
        assert!(drops_diacritics("Tô Lam", "Tô Lâm"));
        assert!(!drops_diacritics("Tô Lăm", "Tô Lâm"));
    }
}

//! A diacritics-insensitive look-up of the entities known in the corpus, for
//! workspace symbols and completion.
//!
//! It walks the analysed documents once per request: entities are grouped by
//! their linking id, named by their most frequent spelling and matched on
//! `core::text::search_key` (`to lam` finds Tô Lâm, `dang` finds Đặng).

use crate::core::text::search_key;
use crate::core::Kind;
use crate::corpus::{DocKey, Mention};
use crate::lsp::snapshot::Snapshot;
use std::collections::HashMap;

/// One entity as the catalogue sees it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: String,
    pub kind: Kind,
    /// The most frequent named spelling.
    pub name: String,
    pub key: String,
    /// The defining mention: first named mention in the earliest-dated article.
    pub first: Mention,
    pub mentions: usize,
    /// Distinct titles, most recent article first.
    pub titles: Vec<String>,
}

/// How a query matched a name, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Match {
    Exact,
    Prefix,
    WordPrefix,
    Contains,
}

/// How `query` (already a search key) matches `key`, if it does.
pub fn matches(key: &str, query: &str) -> Option<Match> {
    if query.is_empty() {
        return Some(Match::Contains);
    }
    if key == query {
        Some(Match::Exact)
    } else if key.starts_with(query) {
        Some(Match::Prefix)
    } else if key
        .char_indices()
        .any(|(i, c)| c == ' ' && key[i + 1..].starts_with(query))
    {
        Some(Match::WordPrefix)
    } else if key.contains(query) {
        Some(Match::Contains)
    } else {
        None
    }
}

/// Every named entity of the given kinds, in no particular order.
pub fn entries(snap: &Snapshot, kinds: &[Kind]) -> Vec<Entry> {
    struct Acc {
        kind: Kind,
        names: HashMap<String, usize>,
        first: Option<(Option<String>, DocKey, Mention)>,
        mentions: usize,
        titles: Vec<(Option<String>, String)>,
    }
    let mut acc: HashMap<&str, Acc> = HashMap::new();
    for doc in snap.corpus.documents() {
        // `$/cancelRequest`: stop walking the corpus; the answer is dropped anyway.
        if snap.is_cancelled() {
            return Vec::new();
        }
        let date = doc.date();
        for a in &doc.analysis.annotations {
            if a.entity.is_empty() || !kinds.contains(&a.kind) {
                continue;
            }
            let e = acc.entry(a.entity.as_str()).or_insert_with(|| Acc {
                kind: a.kind,
                names: HashMap::new(),
                first: None,
                mentions: 0,
                titles: Vec::new(),
            });
            e.mentions += 1;
            for t in &a.titles {
                if !e.titles.iter().any(|(d, x)| x == t && *d == date) {
                    e.titles.push((date.clone(), t.clone()));
                }
            }
            if a.inferred {
                continue;
            }
            *e.names.entry(a.canonical.clone()).or_default() += 1;
            let candidate = (date.clone(), doc.key.clone(), a.span.start);
            let better = match &e.first {
                None => true,
                Some((d, k, m)) => candidate < (d.clone(), k.clone(), m.span.start),
            };
            if better {
                e.first = Some((
                    date.clone(),
                    doc.key.clone(),
                    Mention {
                        doc: doc.key.clone(),
                        span: a.span,
                        inferred: false,
                    },
                ));
            }
        }
    }
    acc.into_iter()
        .filter_map(|(id, a)| {
            let (_, _, first) = a.first?;
            let name = a
                .names
                .into_iter()
                .max_by(|x, y| x.1.cmp(&y.1).then(y.0.cmp(&x.0)))?
                .0;
            let mut titles = a.titles;
            titles.sort_by(|x, y| y.0.cmp(&x.0));
            let mut distinct: Vec<String> = Vec::new();
            for (_, t) in titles {
                if !distinct.contains(&t) {
                    distinct.push(t);
                }
            }
            Some(Entry {
                id: id.to_string(),
                kind: a.kind,
                key: search_key(&name),
                name,
                first,
                mentions: a.mentions,
                titles: distinct,
            })
        })
        .collect()
}

/// Entities whose name matches `query` diacritics-insensitively, best first
/// (match quality, then how often they are mentioned, then name), at most `limit`.
pub fn search(snap: &Snapshot, query: &str, kinds: &[Kind], limit: usize) -> Vec<(Match, Entry)> {
    let query = search_key(query);
    let mut found: Vec<(Match, Entry)> = entries(snap, kinds)
        .into_iter()
        .filter_map(|e| matches(&e.key, &query).map(|m| (m, e)))
        .collect();
    found.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(b.1.mentions.cmp(&a.1.mentions))
            .then(a.1.name.cmp(&b.1.name))
    });
    found.truncate(limit);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cancelled_request_stops_walking_the_corpus() {
        use std::sync::atomic::AtomicBool;
        use std::sync::Arc;
        let mut snap = Snapshot::default();
        snap.corpus.insert(
            Arc::from("file:///a.txt"),
            " date 2024-01 Ông Tô Lâm thăm tỉnh Hà Giang.".to_string(),
        );
        let kinds = [Kind::Person, Kind::Place];
        assert!(!entries(&snap, &kinds).is_empty());
        let flag = Arc::new(AtomicBool::new(true));
        let cancelled = crate::lsp::snapshot::with_cancel_flag(flag, || entries(&snap, &kinds));
        assert!(cancelled.is_empty());
    }

    #[test]
    fn match_quality() {
        assert_eq!(matches("to lam", "to lam"), Some(Match::Exact));
        assert_eq!(matches("to lam", "to la"), Some(Match::Prefix));
        assert_eq!(matches("bo cong an", "cong"), Some(Match::WordPrefix));
        assert_eq!(matches("bo cong an", "ong a"), Some(Match::Contains));
        assert_eq!(matches("to lam", "lan"), None);
    }
}

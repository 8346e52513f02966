//! The entity index: every entity of the corpus with its mentions grouped by
//! article, plus the secondary keys the queries and cross-article checks need.
//!
//! Everything lives in persistent maps (`imbl`), so cloning the index for a
//! snapshot is O(1) and an edit costs O(entities of the edited article × log n):
//! inserting an article first takes back what its previous version contributed
//! (remembered in `per_doc`), then adds what the new version contributes.

use crate::core::text::{name_key, search_key};
use crate::core::{Annotation, Kind, Span};
use crate::corpus::{DocKey, Document};
use crate::position::{Encoding, LineCol};
use std::sync::Arc;

/// Orders articles by publication month (undated last), then by key, so the
/// first article of an entity is the earliest-dated one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocOrder {
    pub month: u32,
    /// The key's place among the keys of every article of the corpus, when
    /// they are all known at once ([`crate::corpus::Indexed::ranked`]);
    /// otherwise 0 for every article. Either way the order is the keys'
    /// order, but integers compare without reading two paths from memory,
    /// which was most of what indexing 10,000 articles cost.
    pub rank: u32,
    pub key: DocKey,
}

impl DocOrder {
    pub fn of(doc: &Document) -> Self {
        DocOrder {
            month: doc
                .analysis
                .header
                .map_or(u32::MAX, |h| h.year.max(0) as u32 * 100 + h.month),
            rank: 0,
            key: doc.key.clone(),
        }
    }
}

/// What one article says about one entity.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DocMentions {
    /// Mentions in text order, with the `inferred` flag.
    pub spans: Vec<(Span, bool)>,
    /// Where each span starts and ends, in `encoding`'s columns, parallel to
    /// `spans`; empty when the article was indexed without positions. With
    /// them, references to a person mentioned in thousands of articles need
    /// not read those articles' texts again.
    pub positions: Vec<(LineCol, LineCol)>,
    pub encoding: Option<Encoding>,
    /// Titles seen with the entity in this article, first-seen order, no
    /// duplicates; shared with the entity's title keys, so indexing an
    /// article copies no title text.
    pub titles: Vec<Arc<str>>,
    /// Canonical spellings of the named (not inferred) mentions, with counts.
    pub names: Vec<(String, u32)>,
    /// Attributes of the first mention (a document's type, number and issuer ...).
    pub attrs: Vec<(String, String)>,
}

impl DocMentions {
    /// The line/column range of each span, when they were stored in `enc`.
    pub fn ranges(&self, enc: Encoding) -> Option<&[(LineCol, LineCol)]> {
        (self.encoding == Some(enc) && self.positions.len() == self.spans.len())
            .then_some(&self.positions[..])
    }

    pub fn named(&self) -> impl Iterator<Item = Span> + '_ {
        self.spans.iter().filter(|(_, i)| !i).map(|(s, _)| *s)
    }
}

/// What one article contributes to the index, kept to undo it on the next edit.
#[derive(Debug, Clone, PartialEq)]
pub struct DocEntities {
    pub order: DocOrder,
    /// Sorted by id.
    pub entities: Vec<(Arc<str>, Kind, Arc<DocMentions>)>,
}

impl DocEntities {
    /// What `doc` contributes; with `located`, each mention's line/column
    /// range in that encoding too (the server's; the CLI needs none).
    pub fn of(doc: &Document, located: Option<Encoding>) -> Self {
        Self::of_kinds(doc, located, |_| true)
    }

    /// [`DocEntities::of`] for the entities of the kinds `keep` accepts.
    pub fn of_kinds(
        doc: &Document,
        located: Option<Encoding>,
        keep: impl Fn(Kind) -> bool,
    ) -> Self {
        let anns = &doc.analysis.annotations;
        let mut by_entity: Vec<usize> = (0..anns.len())
            .filter(|&i| !anns[i].entity.is_empty() && keep(anns[i].kind))
            .collect();
        let positions = located.map(|enc| mention_positions(doc, &by_entity, enc));
        // A stable sort keeps each entity's mentions in text order.
        by_entity.sort_by(|&a, &b| anns[a].entity.cmp(&anns[b].entity));
        let mut entities = Vec::new();
        for group in by_entity.chunk_by(|&a, &b| anns[a].entity == anns[b].entity) {
            // Sized exactly: the article keeps these as long as it is indexed.
            let mut m = DocMentions {
                spans: Vec::with_capacity(group.len()),
                encoding: located,
                ..DocMentions::default()
            };
            for &i in group {
                add_mention(&mut m, &anns[i]);
            }
            if let Some(all) = &positions {
                m.positions = group.iter().map(|&i| all[i]).collect();
            }
            let first = &anns[group[0]];
            entities.push((Arc::from(first.entity.as_str()), first.kind, Arc::new(m)));
        }
        DocEntities {
            order: DocOrder::of(doc),
            entities,
        }
    }

    pub fn get(&self, id: &str) -> Option<&Arc<DocMentions>> {
        self.entities
            .binary_search_by(|(e, _, _)| e.as_ref().cmp(id))
            .ok()
            .map(|i| &self.entities[i].2)
    }
}

/// The line/column range of each annotation `indices` names (in text order),
/// by annotation index, counted on from the previous one instead of from
/// each line's start.
fn mention_positions(doc: &Document, indices: &[usize], enc: Encoding) -> Vec<(LineCol, LineCol)> {
    let mut cursor: Option<(usize, LineCol)> = None;
    let mut locate = |offset: usize| {
        let earlier = cursor.filter(|(at, _)| *at <= offset);
        let p = doc.lines.position_after(&doc.text, earlier, offset, enc);
        if earlier.is_some() || cursor.is_none() {
            cursor = Some((offset, p));
        }
        p
    };
    let mut out = vec![Default::default(); doc.analysis.annotations.len()];
    for &i in indices {
        let span = doc.analysis.annotations[i].span;
        out[i] = (locate(span.start), locate(span.end));
    }
    out
}

/// Pushes onto a list that usually holds one item: the first push makes
/// room for one, not the four a `Vec` reserves.
fn push_small<T>(v: &mut Vec<T>, item: T) {
    if v.capacity() == 0 {
        v.reserve_exact(1);
    }
    v.push(item);
}

fn add_mention(m: &mut DocMentions, a: &Annotation) {
    m.spans.push((a.span, a.inferred));
    for t in &a.titles {
        if !m.titles.iter().any(|x| **x == **t) {
            push_small(&mut m.titles, Arc::from(t.as_str()));
        }
    }
    if !a.inferred {
        match m.names.iter_mut().find(|(n, _)| *n == a.canonical) {
            Some((_, c)) => *c += 1,
            None => push_small(&mut m.names, (a.canonical.clone(), 1)),
        }
    }
    if m.attrs.is_empty() {
        m.attrs = a.attrs.clone();
    }
}

/// One entity across the corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityEntry {
    pub kind: Kind,
    /// Per article, earliest-dated first.
    pub docs: imbl::OrdMap<DocOrder, Arc<DocMentions>>,
    pub mention_count: usize,
    /// Named-mention count per canonical spelling.
    pub names: imbl::OrdMap<String, u32>,
    /// The citation group of a document entity, fixed when the entry is created.
    pub group: Option<String>,
    /// Mentions inferred from a title (not named).
    pub inferred_count: usize,
    /// `(title, article month)` → number of articles seeing the title that
    /// month (`u32::MAX`: undated), so a card lists titles with their dates
    /// without walking the articles.
    pub title_months: imbl::OrdMap<(Arc<str>, u32), u32>,
    /// `(title, article)` → the title's place among that article's titles:
    /// the first entry of a title's range is where it was first seen.
    pub title_first: imbl::OrdMap<(Arc<str>, DocOrder), usize>,
    /// For a person: the other people sharing one of its neighbour keys
    /// ([`neighbour_keys`]), sorted. Kept here because the name-variant check
    /// asks for them in every article that names the person; they change
    /// only when a person enters or leaves the index.
    pub similar: Vec<Arc<str>>,
}

impl EntityEntry {
    /// The most frequent spelling (ties: alphabetical).
    pub fn name(&self) -> Option<&str> {
        let mut best: Option<(&String, u32)> = None;
        for (n, c) in self.names.iter() {
            if best.is_none_or(|(_, bc)| *c > bc) {
                best = Some((n, *c));
            }
        }
        best.map(|(n, _)| n.as_str())
    }

    pub fn article_count(&self) -> usize {
        self.docs.len()
    }
}

/// The key grouping citations of one document number from one issuer:
/// `number|issuer key`, or `None` when the citation names no issuer.
pub fn citation_group(id: &str, attrs: &[(String, String)]) -> Option<String> {
    let attr = |k: &str| {
        attrs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    };
    let rest = id.strip_prefix("document:")?;
    let (head, issuer_in_id) = rest.split_once('|').unwrap_or((rest, ""));
    let issuer = attr("issuer")
        .map(name_key)
        .unwrap_or_else(|| issuer_in_id.trim().to_string());
    if issuer.is_empty() {
        return None;
    }
    let number = match attr("number") {
        Some(n) => n.to_lowercase(),
        None => head.rsplit_once(' ')?.1.to_string(),
    };
    Some(format!("{number}|{issuer}"))
}

/// The document type of a citation: the `type` attribute, else the id's head
/// without its number (`quy định`).
pub fn citation_type(id: &str, attrs: &[(String, String)]) -> String {
    if let Some((_, t)) = attrs
        .iter()
        .find(|(n, v)| n == "type" && !v.trim().is_empty())
    {
        return name_key(t);
    }
    let rest = id.strip_prefix("document:").unwrap_or(id);
    let head = rest.split_once('|').map_or(rest, |(h, _)| h);
    head.rsplit_once(' ').map_or(head, |(t, _)| t).to_string()
}

/// The part of an id after `kind:`.
pub fn id_body(id: &str) -> &str {
    id.split_once(':').map_or(id, |(_, b)| b)
}

/// Keys a person is found under for one-edit neighbours: its search key and
/// every variant with one letter deleted (spaces are never deleted).
pub fn neighbour_keys(key: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_neighbour_key(key, |k| out.push(k.to_string()));
    out.sort();
    out.dedup();
    out
}

/// Calls `f` on each of [`neighbour_keys`] without allocating them (a key
/// may come more than once: deleting either letter of a double gives the same).
fn for_each_neighbour_key(key: &str, mut f: impl FnMut(&str)) {
    f(key);
    let mut k = String::with_capacity(key.len());
    for (i, c) in key.char_indices() {
        if c == ' ' {
            continue;
        }
        k.clear();
        k.push_str(&key[..i]);
        k.push_str(&key[i + c.len_utf8()..]);
        f(&k);
    }
}

/// Search keys an entity name is found under: the whole name and every
/// suffix starting at a word, so `lam` and `to l` both find Tô Lâm.
pub fn word_suffixes(name: &str) -> Vec<String> {
    let key = search_key(name);
    let mut out = vec![key.clone()];
    for (i, c) in key.char_indices() {
        if c == ' ' && i + 1 < key.len() {
            out.push(key[i + 1..].to_string());
        }
    }
    out
}

type IdSet = imbl::OrdMap<Arc<str>, u32>;

/// A persistent hash map under FxHash: the index is looked up by ids and
/// keys on every article and query, and SipHash's resistance to chosen keys
/// buys nothing for a folder of the user's own articles. Never iterated
/// for output without sorting.
pub type FxHashMap<K, V> = imbl::GenericHashMap<
    K,
    V,
    std::hash::BuildHasherDefault<crate::core::fxhash::FxHasher>,
    imbl::shared_ptr::DefaultSharedPtr,
>;

/// The index over all articles.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EntityIndex {
    pub entities: FxHashMap<Arc<str>, EntityEntry>,
    /// `(search key suffix, entity id)` → number of spellings producing it.
    pub search: imbl::OrdMap<(String, Arc<str>), u32>,
    /// Citation group (`number|issuer`) → document entity ids.
    pub citations: FxHashMap<String, IdSet>,
    /// One-deletion neighbour key → person entity ids.
    pub neighbours: FxHashMap<String, IdSet>,
    /// What each article contributed.
    pub per_doc: FxHashMap<DocKey, Arc<DocEntities>>,
    /// Set for `seedls check`: the keys only the editor's queries read (the
    /// name search of symbols and completion, where each title was first
    /// seen for hover cards) are not kept. At 10,000 articles they were a
    /// third of the cost of indexing, which `check` pays while it analyses.
    pub checks_only: bool,
}

fn set_add(map: &mut FxHashMap<String, IdSet>, key: String, id: &Arc<str>) {
    *map.entry(key).or_default().entry(id.clone()).or_insert(0) += 1;
}

fn set_remove(map: &mut FxHashMap<String, IdSet>, key: &str, id: &Arc<str>) {
    if let Some(set) = map.get_mut(key) {
        if let Some(c) = set.get_mut(id) {
            *c -= 1;
            if *c == 0 {
                set.remove(id);
            }
        }
        if set.is_empty() {
            map.remove(key);
        }
    }
}

impl EntityIndex {
    /// Replaces what an article contributes (inserting it when new); the
    /// contribution is computed beforehand, on the thread that analysed it.
    pub fn insert_contribution(&mut self, key: &DocKey, contribution: DocEntities) {
        self.remove(key);
        let contribution = Arc::new(contribution);
        for (id, kind, mentions) in &contribution.entities {
            self.add(id, *kind, &contribution.order, mentions);
        }
        self.per_doc.insert(key.clone(), contribution);
    }

    /// Takes back everything `key` contributed.
    pub fn remove(&mut self, key: &str) {
        let Some(old) = self.per_doc.remove(key) else {
            return;
        };
        for (id, _, mentions) in &old.entities {
            self.take(id, &old.order, mentions);
        }
    }

    fn add(&mut self, id: &Arc<str>, kind: Kind, order: &DocOrder, m: &Arc<DocMentions>) {
        let fresh = !self.entities.contains_key(id);
        if fresh {
            let group = (kind == Kind::Document)
                .then(|| citation_group(id, &m.attrs))
                .flatten();
            if let Some(g) = &group {
                set_add(&mut self.citations, g.clone(), id);
            }
            let mut similar: Vec<Arc<str>> = Vec::new();
            if kind == Kind::Person {
                for k in neighbour_keys(&search_key(id_body(id))) {
                    if let Some(ids) = self.neighbours.get(&k) {
                        similar.extend(ids.keys().filter(|x| *x != id).cloned());
                    }
                    set_add(&mut self.neighbours, k, id);
                }
                similar.sort();
                similar.dedup();
                for other in &similar {
                    if let Some(e) = self.entities.get_mut(other) {
                        if let Err(at) = e.similar.binary_search(id) {
                            e.similar.insert(at, id.clone());
                        }
                    }
                }
            }
            self.entities.insert(
                id.clone(),
                EntityEntry {
                    kind,
                    docs: imbl::OrdMap::new(),
                    mention_count: 0,
                    names: imbl::OrdMap::new(),
                    group,
                    inferred_count: 0,
                    title_months: imbl::OrdMap::new(),
                    title_first: imbl::OrdMap::new(),
                    similar,
                },
            );
        }
        let entry = self.entities.get_mut(id).expect("just inserted");
        entry.docs.insert(order.clone(), m.clone());
        entry.mention_count += m.spans.len();
        entry.inferred_count += m.spans.iter().filter(|(_, i)| *i).count();
        for (place, t) in m.titles.iter().enumerate() {
            *entry
                .title_months
                .entry((t.clone(), order.month))
                .or_insert(0) += 1;
            if !self.checks_only {
                entry.title_first.insert((t.clone(), order.clone()), place);
            }
        }
        let mut new_names = Vec::new();
        for (name, count) in &m.names {
            // Most spellings are already there: no key to allocate.
            match entry.names.get_mut(name.as_str()) {
                Some(c) => *c += count,
                None => {
                    entry.names.insert(name.clone(), *count);
                    if !self.checks_only {
                        new_names.push(name.clone());
                    }
                }
            }
        }
        for name in new_names {
            for s in word_suffixes(&name) {
                *self.search.entry((s, id.clone())).or_insert(0) += 1;
            }
        }
    }

    fn take(&mut self, id: &Arc<str>, order: &DocOrder, m: &Arc<DocMentions>) {
        let Some(entry) = self.entities.get_mut(id) else {
            return;
        };
        entry.docs.remove(order);
        entry.mention_count = entry.mention_count.saturating_sub(m.spans.len());
        entry.inferred_count = entry
            .inferred_count
            .saturating_sub(m.spans.iter().filter(|(_, i)| *i).count());
        for t in &m.titles {
            let k = (t.clone(), order.month);
            if let Some(c) = entry.title_months.get_mut(&k) {
                *c -= 1;
                if *c == 0 {
                    entry.title_months.remove(&k);
                }
            }
            entry.title_first.remove(&(t.clone(), order.clone()));
        }
        let mut gone_names = Vec::new();
        for (name, count) in &m.names {
            if let Some(c) = entry.names.get_mut(name) {
                *c = c.saturating_sub(*count);
                if *c == 0 {
                    entry.names.remove(name);
                    gone_names.push(name.clone());
                }
            }
        }
        let empty = entry.docs.is_empty();
        let kind = entry.kind;
        let group = entry.group.clone();
        for name in gone_names {
            for s in word_suffixes(&name) {
                let k = (s, id.clone());
                if let Some(c) = self.search.get_mut(&k) {
                    *c -= 1;
                    if *c == 0 {
                        self.search.remove(&k);
                    }
                }
            }
        }
        if empty {
            let similar = self.entities.remove(id).map(|e| e.similar);
            if kind == Kind::Person {
                for k in neighbour_keys(&search_key(id_body(id))) {
                    set_remove(&mut self.neighbours, &k, id);
                }
                for other in similar.iter().flatten() {
                    if let Some(e) = self.entities.get_mut(other) {
                        e.similar.retain(|x| x != id);
                    }
                }
            }
            if let Some(g) = group {
                set_remove(&mut self.citations, &g, id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbour_keys_skip_spaces() {
        assert_eq!(
            neighbour_keys("to lam"),
            ["o lam", "t lam", "to am", "to la", "to lam", "to lm"]
        );
    }

    #[test]
    fn suffixes_start_at_words() {
        assert_eq!(
            word_suffixes("Nguyễn Xuân Ký"),
            ["nguyen xuan ky", "xuan ky", "ky"]
        );
    }

    #[test]
    fn citation_keys() {
        let attrs = vec![
            ("type".to_string(), "Quy định".to_string()),
            ("number".to_string(), "90".to_string()),
            ("issuer".to_string(), "Ban Bí thư".to_string()),
        ];
        assert_eq!(
            citation_group("document:quy định 90|ban bí thư", &attrs).as_deref(),
            Some("90|ban bí thư")
        );
        assert_eq!(
            citation_type("document:quy định 90|ban bí thư", &attrs),
            "quy định"
        );
        // Without attributes the id carries the same facts.
        assert_eq!(
            citation_group("document:quyết định 90|ban bí thư", &[]).as_deref(),
            Some("90|ban bí thư")
        );
        assert_eq!(
            citation_type("document:quyết định 90|ban bí thư", &[]),
            "quyết định"
        );
        // No issuer: no group.
        assert_eq!(citation_group("document:quyết định 90|", &[]), None);
        assert_eq!(citation_group("document:quyết định 90", &[]), None);
    }
}

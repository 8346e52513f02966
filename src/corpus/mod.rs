//! The corpus: every article of a workspace (or of a CLI run), analysed, plus
//! the cross-article view — entities linked across files and the checks that
//! need more than one article (`name-variant`, `doc-type-conflict`).
//!
//! Pure like the core: documents come in as text under a key chosen by the
//! adapter (a URI string in the server, a path in the CLI). Cloning a `Corpus`
//! is how adapters take a snapshot: it is O(1), every map inside is persistent
//! (`imbl`). Inserting or removing an article updates the entity index by that
//! article's delta only (see `index`); cross-article findings are computed on
//! demand for the requested article from the index (see `checks`).

use crate::config::Settings;
use crate::core::text::search_key;
use crate::core::{self, Analysis, Annotation, Finding, Kind, Span};
use crate::position::{Encoding, LineCol, LineIndex};
use std::collections::HashSet;
use std::sync::Arc;

pub mod checks;
pub mod index;
pub mod registry;

use index::{EntityEntry, EntityIndex};
pub use registry::{DeclaredPerson, Registry, Role};

/// Identifies a document: a URI string (server) or a path (CLI).
pub type DocKey = Arc<str>;

/// One analysed article.
#[derive(Debug)]
pub struct Document {
    pub key: DocKey,
    pub text: String,
    pub lines: LineIndex,
    pub analysis: Analysis,
    /// True when the annotations and explanations were dropped after
    /// indexing ([`Indexed::findings_only`]); [`Document::annotations`]
    /// recomputes them.
    pub lean: bool,
}

/// A document with what it contributes to the entity index, computed from its
/// full analysis.
#[derive(Debug)]
pub struct Indexed {
    pub doc: Document,
    pub contribution: index::DocEntities,
}

impl Indexed {
    pub fn new(doc: Document) -> Self {
        let contribution = index::DocEntities::of(&doc, None);
        Indexed { doc, contribution }
    }

    /// [`Indexed::new`] keeping only the entities the cross-article checks
    /// read ([`checks::CHECKED_KINDS`]): `seedls check` answers no query, and
    /// leaving out the places and organisations took 12 % off its CPU time
    /// and 54 MB off its memory on 10,000 articles.
    pub fn for_checks(doc: Document) -> Self {
        let contribution =
            index::DocEntities::of_kinds(&doc, None, |k| checks::CHECKED_KINDS.contains(&k));
        Indexed { doc, contribution }
    }

    /// [`Indexed::new`], storing each mention's line/column range in `enc`
    /// (the server's negotiated encoding), which `references` then reads
    /// instead of the article's text.
    pub fn located(doc: Document, enc: Encoding) -> Self {
        let contribution = index::DocEntities::of(&doc, Some(enc));
        Indexed { doc, contribution }
    }

    /// Gives the article its `rank`, its key's place among the keys of all
    /// the articles of the corpus ([`index::DocOrder::rank`]). Either every
    /// article of a corpus is ranked this way or none is.
    pub fn ranked(mut self, rank: u32) -> Self {
        self.contribution.order.rank = rank;
        self
    }

    /// Drops the annotations and explanations, which the index no longer
    /// needs: `seedls check` reports findings only, and the server keeps
    /// articles no editor has open this way. It halves the memory of a
    /// large corpus.
    pub fn findings_only(mut self) -> Self {
        self.doc.analysis.annotations = Vec::new();
        self.doc.analysis.explanations = Vec::new();
        self.doc.lean = true;
        self
    }
}

impl Document {
    pub fn new(key: DocKey, text: String) -> Self {
        Document::with_options(key, text, core::Options::default())
    }

    /// A document analysed with `options` (without explanations for
    /// documents that will be made lean).
    pub fn with_options(key: DocKey, text: String, options: core::Options) -> Self {
        let analysis = core::analyze_with(&text, options);
        Document::with_analysis(key, text, analysis)
    }

    /// A document with a ready-made analysis (tests of adapters use this to
    /// control exactly what the core reported).
    pub fn with_analysis(key: DocKey, text: String, analysis: Analysis) -> Self {
        let lines = LineIndex::new(&text);
        Document {
            key,
            text,
            lines,
            analysis,
            lean: false,
        }
    }

    /// The annotations, recomputed from the text when the document is lean
    /// (about a third of a millisecond for a typical article).
    pub fn annotations(&self) -> std::borrow::Cow<'_, [Annotation]> {
        if self.lean {
            std::borrow::Cow::Owned(core::analyze(&self.text).annotations)
        } else {
            std::borrow::Cow::Borrowed(&self.analysis.annotations)
        }
    }

    /// The innermost annotation under `offset` (entities win over numbers
    /// when they overlap).
    pub fn annotation_at(&self, offset: usize) -> Option<&Annotation> {
        self.analysis
            .annotations
            .iter()
            .filter(|a| a.span.touches(offset))
            .min_by_key(|a| (a.span.len(), !a.kind.is_entity()))
    }

    /// The header date as `YYYY-MM`, when valid.
    pub fn date(&self) -> Option<String> {
        self.analysis
            .header
            .map(|h| format!("{:04}-{:02}", h.year, h.month))
    }

    /// The first line without the header token, for hover cards and lists;
    /// when the header stands alone on its line, the next line with text.
    pub fn first_line(&self) -> &str {
        let mut lines = self.text.lines();
        let line = lines.next().unwrap_or("");
        let rest = match self.analysis.header {
            Some(h) => line.get(h.span.end..).unwrap_or("").trim(),
            None => line.trim(),
        };
        if !rest.is_empty() || self.analysis.header.is_none() {
            return rest;
        }
        lines.map(str::trim).find(|l| !l.is_empty()).unwrap_or("")
    }
}

/// One place an entity is mentioned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub doc: DocKey,
    pub span: Span,
    pub inferred: bool,
}

/// Everything known about one entity across the corpus.
#[derive(Debug, Clone)]
pub struct EntityView {
    /// The resolved id (a registry alias resolves to its declared person).
    pub id: String,
    pub kind: Kind,
    /// The registry name when declared, else the most frequent canonical spelling.
    pub name: String,
    /// Mentions sorted by (article date, document key, offset).
    pub mentions: Vec<Mention>,
    /// Titles seen with the entity, each with the article date (`YYYY-MM`) it was seen in.
    pub titles: Vec<(String, Option<String>)>,
    /// The articles that mention it, in date order.
    pub articles: Vec<DocKey>,
    /// Every spelling seen in the articles (and the registry's aliases), most frequent first.
    pub spellings: Vec<String>,
    /// From the registry: the user's note about the person.
    pub note: Option<String>,
    /// From the registry: declared roles with their dates.
    pub roles: Vec<Role>,
    /// From the registry: where the person is declared (name span in the registry file).
    pub declared: Option<Mention>,
}

/// A short description of an entity, for symbol lists and completion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntitySummary {
    pub id: String,
    pub kind: Kind,
    pub name: String,
    pub mention_count: usize,
    pub article_count: usize,
    /// Where `definition` would go.
    pub definition: Option<Mention>,
}

/// One article on an entity's card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardArticle {
    pub doc: DocKey,
    /// The first named mention in the article (the first mention when all are inferred).
    pub first: Span,
    /// Mentions of the entity in the article.
    pub mentions: usize,
}

/// What a hover card shows about an entity, read from the index without
/// walking its mentions: counts, titles with dates, the first few articles.
#[derive(Debug, Clone)]
pub struct EntityCard {
    /// The resolved id (a registry alias resolves to its declared person).
    pub id: String,
    pub kind: Kind,
    /// The registry name when declared, else the most frequent canonical spelling.
    pub name: String,
    pub mention_count: usize,
    /// Mentions inferred from a title.
    pub inferred_count: usize,
    pub article_count: usize,
    /// Each title once, in first-seen order (articles by date), with the
    /// months (`YYYY-MM`, sorted) of the dated articles it was seen in.
    pub titles: Vec<(String, Vec<String>)>,
    /// The earliest-dated articles, at most the number asked for.
    pub articles: Vec<CardArticle>,
    /// The first mentions in (article date, key, offset) order, at most the number asked for.
    pub first_mentions: Vec<Mention>,
    /// Every spelling seen in the articles (and the registry's aliases), most frequent first.
    pub spellings: Vec<String>,
    /// From the registry: the user's note, declared roles, where it is declared.
    pub note: Option<String>,
    pub roles: Vec<Role>,
    pub declared: Option<Mention>,
}

/// The workspace of analysed articles.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    docs: index::FxHashMap<DocKey, Arc<Document>>,
    index: EntityIndex,
    registry: Option<Arc<Registry>>,
}

impl Corpus {
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty corpus for `seedls check`: it answers the cross-article
    /// checks but keeps none of the keys only the editor's queries read
    /// ([`Corpus::search`] finds nothing, [`Corpus::card`] lists no titles).
    pub fn for_checks() -> Self {
        let mut corpus = Self::default();
        corpus.index.checks_only = true;
        corpus
    }

    /// Adds or replaces a document, analysing its text.
    pub fn insert(&mut self, key: DocKey, text: String) -> Arc<Document> {
        self.insert_document(Document::new(key, text))
    }

    /// Adds or replaces a document whose analysis was made elsewhere (the CLI
    /// analyses files in parallel, then inserts them).
    pub fn insert_document(&mut self, doc: Document) -> Arc<Document> {
        self.insert_indexed(Indexed::new(doc))
    }

    /// [`Corpus::insert_document`] for a document whose index contribution was
    /// computed beforehand (on a worker thread, while others analyse).
    pub fn insert_indexed(&mut self, indexed: Indexed) -> Arc<Document> {
        let doc = Arc::new(indexed.doc);
        self.index
            .insert_contribution(&doc.key, indexed.contribution);
        self.docs.insert(doc.key.clone(), doc.clone());
        doc
    }

    pub fn remove(&mut self, key: &str) -> bool {
        self.index.remove(key);
        self.docs.remove(key).is_some()
    }

    /// An article, or the registry document when `key` is the registry's.
    pub fn get(&self, key: &str) -> Option<&Arc<Document>> {
        self.docs.get(key).or_else(|| {
            self.registry
                .as_ref()
                .filter(|r| &**r.key() == key)
                .map(|r| &r.doc)
        })
    }

    /// Number of articles (the registry is not one).
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The articles, in no particular order (the registry is not one).
    pub fn documents(&self) -> impl Iterator<Item = &Arc<Document>> {
        self.docs.values()
    }

    /// All findings for one document: its own, plus the cross-article ones
    /// (`doc-type-conflict`, `name-variant`), sorted by position.
    pub fn findings(&self, key: &str) -> Vec<Finding> {
        let Some(doc) = self.docs.get(key) else {
            return Vec::new();
        };
        let mut out = doc.analysis.findings.clone();
        out.extend(checks::run(self, doc));
        out.sort_by_key(|f| (f.span.start, f.span.end));
        out
    }

    /// The findings both adapters report for one document: checks the user
    /// turned off are dropped and severities follow the user's settings. The
    /// CLI and the server both call this, so they always agree.
    pub fn findings_with(&self, key: &str, settings: &Settings) -> Vec<Finding> {
        self.findings(key)
            .into_iter()
            .filter_map(|mut f| {
                f.severity = settings.severity(f.code, f.severity)?;
                Some(f)
            })
            .collect()
    }

    // ----- registry -----

    /// Sets (or replaces) the people registry from the text of `entities.json`
    /// stored under `key`. Returns warnings; never fails: invalid entries are
    /// skipped, invalid JSON leaves an empty registry.
    pub fn set_registry(&mut self, key: DocKey, text: String) -> Vec<String> {
        let (registry, warnings) = Registry::parse(key, text);
        self.registry = Some(Arc::new(registry));
        warnings
    }

    /// Forgets the registry (its file was deleted).
    pub fn clear_registry(&mut self) {
        self.registry = None;
    }

    pub fn registry(&self) -> Option<&Registry> {
        self.registry.as_deref()
    }

    /// The id an entity id stands for: a registry alias resolves to its
    /// declared person; anything else to itself.
    pub fn resolve<'a>(&'a self, id: &'a str) -> &'a str {
        self.registry
            .as_ref()
            .and_then(|r| r.resolve(id))
            .map_or(id, |s| &**s)
    }

    /// The raw ids (as the core produced them) merged into a resolved id.
    fn members(&self, resolved: &str) -> Vec<Arc<str>> {
        match &self.registry {
            Some(r) if r.person(resolved).is_some() => r.members(resolved),
            _ => vec![Arc::from(resolved)],
        }
    }

    /// Index entries behind an id (after alias resolution).
    fn entries(&self, id: &str) -> Vec<(&EntityEntry, Arc<str>)> {
        self.members(self.resolve(id))
            .into_iter()
            .filter_map(|raw| self.index.entities.get(&raw).map(|e| (e, raw)))
            .collect()
    }

    pub(crate) fn index(&self) -> &EntityIndex {
        &self.index
    }

    // ----- entity queries -----

    /// Everything known about the entity with this id, or `None`.
    pub fn entity(&self, id: &str) -> Option<EntityView> {
        if id.is_empty() {
            return None;
        }
        let resolved = self.resolve(id);
        let declared = self.registry.as_ref().and_then(|r| r.person(resolved));
        let entries = self.entries(id);
        if entries.is_empty() && declared.is_none() {
            return None;
        }
        let mut mentions = Vec::with_capacity(entries.iter().map(|(e, _)| e.mention_count).sum());
        let mut titles: Vec<(String, Option<String>)> = Vec::new();
        let mut seen_titles: HashSet<(&str, u32)> = HashSet::new();
        let mut articles: Vec<DocKey> = Vec::new();
        for_each_doc(&entries, |order, m| {
            mentions.extend(m.spans.iter().map(|(span, inferred)| Mention {
                doc: order.key.clone(),
                span: *span,
                inferred: *inferred,
            }));
            for t in &m.titles {
                // A form of address is tested once per title and month.
                if seen_titles.insert((t, order.month))
                    && !crate::core::entities::gazetteer::is_form_of_address(t)
                {
                    titles.push((t.to_string(), month_string(order.month)));
                }
            }
            if articles.last() != Some(&order.key) {
                articles.push(order.key.clone());
            }
        });
        if entries.len() > 1 {
            sort_mentions(&mut mentions, &articles);
        }
        let (name, spellings) = names(&entries, declared);
        let kind = entries.first().map_or(Kind::Person, |(e, _)| e.kind);
        Some(EntityView {
            id: resolved.to_string(),
            kind,
            name,
            mentions,
            titles,
            articles,
            spellings,
            note: declared.and_then(|p| p.note.clone()),
            roles: declared.map(|p| p.roles.clone()).unwrap_or_default(),
            declared: declared.map(|p| self.registry_mention(p)),
        })
    }

    /// Every mention of the entity, sorted by (article date, key, offset).
    pub fn references(&self, id: &str) -> Vec<Mention> {
        let mut out = Vec::new();
        self.for_each_reference(id, None, |m, _| out.push(m));
        out
    }

    /// [`Corpus::references`], each with its line/column range in `enc`
    /// when the index stored one (see [`Indexed::located`]).
    pub fn located_references(
        &self,
        id: &str,
        enc: Encoding,
    ) -> Vec<(Mention, Option<(LineCol, LineCol)>)> {
        let mut out = Vec::new();
        self.for_each_reference(id, Some(enc), |m, at| out.push((m, at)));
        out
    }

    fn for_each_reference(
        &self,
        id: &str,
        enc: Option<Encoding>,
        mut f: impl FnMut(Mention, Option<(LineCol, LineCol)>),
    ) {
        let entries = self.entries(id);
        let mut all = Vec::with_capacity(entries.iter().map(|(e, _)| e.mention_count).sum());
        let mut articles: Vec<DocKey> = Vec::new();
        for_each_doc(&entries, |order, m| {
            let ranges = enc.and_then(|enc| m.ranges(enc));
            all.extend(m.spans.iter().enumerate().map(|(i, (span, inferred))| {
                let mention = Mention {
                    doc: order.key.clone(),
                    span: *span,
                    inferred: *inferred,
                };
                (mention, ranges.map(|r| r[i]))
            }));
            if articles.last() != Some(&order.key) {
                articles.push(order.key.clone());
            }
        });
        if entries.len() > 1 {
            sort_mentions_by(&mut all, &articles, |(m, _)| m);
        }
        for (m, at) in all {
            f(m, at);
        }
    }

    /// The defining mention: the registry entry when the person is declared,
    /// else the first named mention in the earliest-dated article.
    pub fn definition(&self, id: &str) -> Option<Mention> {
        let resolved = self.resolve(id);
        if let Some(p) = self.registry.as_ref().and_then(|r| r.person(resolved)) {
            return Some(self.registry_mention(p));
        }
        self.first_mention(&self.entries(id), None)
    }

    /// The first named mention in the earliest-dated article, skipping `except`.
    pub(crate) fn first_mention(
        &self,
        entries: &[(&EntityEntry, Arc<str>)],
        except: Option<&str>,
    ) -> Option<Mention> {
        let mut best: Option<(&index::DocOrder, Span)> = None;
        for (e, _) in entries {
            for (order, m) in e.docs.iter() {
                if best.is_some_and(|(b, _)| b < order) {
                    break;
                }
                if except == Some(&*order.key) {
                    continue;
                }
                if let Some(span) = m.named().min() {
                    if best.is_none_or(|(b, s)| order < b || (order == b && span < s)) {
                        best = Some((order, span));
                    }
                    break;
                }
            }
        }
        best.map(|(order, span)| Mention {
            doc: order.key.clone(),
            span,
            inferred: false,
        })
    }

    fn registry_mention(&self, p: &DeclaredPerson) -> Mention {
        Mention {
            doc: self.registry.as_ref().expect("declared").key().clone(),
            span: p.span,
            inferred: false,
        }
    }

    /// A short description of an entity.
    pub fn summary(&self, id: &str) -> Option<EntitySummary> {
        let resolved = self.resolve(id);
        let declared = self.registry.as_ref().and_then(|r| r.person(resolved));
        let entries = self.entries(id);
        if entries.is_empty() && declared.is_none() {
            return None;
        }
        let name = match declared {
            Some(p) => p.name.clone(),
            None => spellings(&entries).into_iter().next().unwrap_or_default(),
        };
        Some(EntitySummary {
            id: resolved.to_string(),
            kind: entries.first().map_or(Kind::Person, |(e, _)| e.kind),
            name,
            mention_count: entries.iter().map(|(e, _)| e.mention_count).sum(),
            article_count: match entries.as_slice() {
                [(only, _)] => only.article_count(),
                _ => {
                    let mut keys: Vec<&DocKey> = entries
                        .iter()
                        .flat_map(|(e, _)| e.docs.keys().map(|o| &o.key))
                        .collect();
                    keys.sort();
                    keys.dedup();
                    keys.len()
                }
            },
            definition: self.definition(resolved),
        })
    }

    /// The hover card's facts about an entity: at most `max_articles`
    /// articles and `max_mentions` first mentions. Costs O(titles × months +
    /// listed articles), not O(mentions): the index keeps the counts and titles.
    pub fn card(&self, id: &str, max_articles: usize, max_mentions: usize) -> Option<EntityCard> {
        if id.is_empty() {
            return None;
        }
        let resolved = self.resolve(id);
        let declared = self.registry.as_ref().and_then(|r| r.person(resolved));
        let entries = self.entries(id);
        if entries.is_empty() && declared.is_none() {
            return None;
        }
        let mut articles: Vec<CardArticle> = Vec::new();
        let mut first_mentions: Vec<Mention> = Vec::new();
        // The first named span of the last listed article (an article comes
        // once per spelling when registry aliases are merged).
        let mut last_named: Option<Span> = None;
        visit_docs(&entries, |order, m| {
            let same = first_mentions.last().is_some_and(|x| x.doc == order.key)
                || articles.last().is_some_and(|a| a.doc == order.key);
            if !same && articles.len() >= max_articles && first_mentions.len() >= max_mentions {
                return false;
            }
            if same || first_mentions.len() < max_mentions {
                first_mentions.extend(m.spans.iter().map(|(span, inferred)| Mention {
                    doc: order.key.clone(),
                    span: *span,
                    inferred: *inferred,
                }));
                if same {
                    let from = first_mentions
                        .iter()
                        .rposition(|x| x.doc != order.key)
                        .map_or(0, |i| i + 1);
                    first_mentions[from..].sort_by_key(|x| x.span);
                }
            }
            let named = m.named().min();
            let any = m.spans.iter().map(|(s, _)| *s).min();
            let room = articles.len() < max_articles;
            match articles.last_mut() {
                Some(last) if last.doc == order.key => {
                    last.mentions += m.spans.len();
                    last_named = match (last_named, named) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                    last.first = match (last_named, any) {
                        (Some(n), _) => n,
                        (None, Some(a)) => a.min(last.first),
                        (None, None) => last.first,
                    };
                }
                _ if room => {
                    if let Some(first) = named.or(any) {
                        last_named = named;
                        articles.push(CardArticle {
                            doc: order.key.clone(),
                            first,
                            mentions: m.spans.len(),
                        });
                    }
                }
                _ => {}
            }
            true
        });
        first_mentions.truncate(max_mentions);
        let summary = self.summary(resolved);
        let (name, spellings) = names(&entries, declared);
        Some(EntityCard {
            id: resolved.to_string(),
            kind: entries.first().map_or(Kind::Person, |(e, _)| e.kind),
            name,
            mention_count: summary.as_ref().map_or(0, |s| s.mention_count),
            inferred_count: entries.iter().map(|(e, _)| e.inferred_count).sum(),
            article_count: summary.as_ref().map_or(0, |s| s.article_count),
            titles: card_titles(&entries),
            articles,
            first_mentions,
            spellings,
            note: declared.and_then(|p| p.note.clone()),
            roles: declared.map(|p| p.roles.clone()).unwrap_or_default(),
            declared: declared.map(|p| self.registry_mention(p)),
        })
    }

    /// Entities whose name (or registry alias) matches `query` ignoring
    /// diacritics and case: the whole name or any of its words starting with
    /// the query (`to lam`, `lâm`, `nguyen x`). Exact names first, then names
    /// starting with the query, then names with a word starting with it; within
    /// each, most mentioned first. An empty query lists the most mentioned
    /// entities among the first few thousand keys.
    pub fn search(&self, query: &str, limit: usize) -> Vec<EntitySummary> {
        if limit == 0 {
            return Vec::new();
        }
        let q = search_key(query);
        // Bounded scan: a one-letter query may match most of a large corpus.
        let budget = (limit * 20).max(2_000);
        let mut seen: HashSet<&str> = HashSet::new();
        let mut hits: Vec<(u8, &str)> = Vec::new();
        let from = (q.clone(), Arc::<str>::from(""));
        for ((suffix, id), _) in self.index.search.range(from..).take(budget) {
            if !suffix.starts_with(&q) {
                break;
            }
            let resolved = self.resolve(id);
            if seen.insert(resolved) {
                hits.push((rank(&q, resolved, self), resolved));
            }
        }
        if let Some(r) = &self.registry {
            for p in &r.people {
                let matches = std::iter::once(&p.name)
                    .chain(&p.aliases)
                    .flat_map(|n| index::word_suffixes(n))
                    .any(|s| s.starts_with(&q));
                if matches && seen.insert(&p.id) {
                    hits.push((rank(&q, &p.id, self), &p.id));
                }
            }
        }
        let mut out: Vec<(u8, EntitySummary)> = hits
            .into_iter()
            .filter_map(|(r, id)| Some((r, self.summary(id)?)))
            .collect();
        out.sort_by(|(ra, a), (rb, b)| {
            ra.cmp(rb)
                .then(b.mention_count.cmp(&a.mention_count))
                .then(a.name.cmp(&b.name))
                .then(a.id.cmp(&b.id))
        });
        out.truncate(limit);
        out.into_iter().map(|(_, s)| s).collect()
    }
}

/// 0: a name equals the query; 1: a name starts with it; 2: a word does.
fn rank(q: &str, id: &str, corpus: &Corpus) -> u8 {
    let mut names: Vec<String> = corpus
        .entries(id)
        .iter()
        .flat_map(|(e, _)| e.names.keys().cloned().collect::<Vec<_>>())
        .collect();
    if let Some(p) = corpus.registry.as_ref().and_then(|r| r.person(id)) {
        names.push(p.name.clone());
        names.extend(p.aliases.iter().cloned());
    }
    let keys: Vec<String> = names.iter().map(|n| search_key(n)).collect();
    if keys.iter().any(|k| k == q) {
        0
    } else if keys.iter().any(|k| k.starts_with(q)) {
        1
    } else {
        2
    }
}

/// Calls `f` for every article of the entries (registry aliases merged),
/// earliest-dated first; an article mentioning two spellings comes twice in a row.
fn for_each_doc<'a>(
    entries: &[(&'a EntityEntry, Arc<str>)],
    mut f: impl FnMut(&'a index::DocOrder, &'a index::DocMentions),
) {
    if let [(only, _)] = entries {
        for (o, m) in only.docs.iter() {
            f(o, m);
        }
        return;
    }
    let mut all: Vec<(&index::DocOrder, &Arc<index::DocMentions>)> =
        entries.iter().flat_map(|(e, _)| e.docs.iter()).collect();
    all.sort_by(|a, b| a.0.cmp(b.0));
    for (o, m) in all {
        f(o, m);
    }
}

/// Like `for_each_doc`, but stops as soon as `f` returns false; a single
/// entry is walked lazily, so stopping early costs nothing more.
fn visit_docs<'a>(
    entries: &[(&'a EntityEntry, Arc<str>)],
    mut f: impl FnMut(&'a index::DocOrder, &'a index::DocMentions) -> bool,
) {
    if let [(only, _)] = entries {
        for (o, m) in only.docs.iter() {
            if !f(o, m) {
                return;
            }
        }
        return;
    }
    let mut all: Vec<(&index::DocOrder, &Arc<index::DocMentions>)> =
        entries.iter().flat_map(|(e, _)| e.docs.iter()).collect();
    all.sort_by(|a, b| a.0.cmp(b.0));
    for (o, m) in all {
        if !f(o, m) {
            return;
        }
    }
}

/// Titles of the entries in first-seen order with their sorted months, from
/// the index's per-title keys (never the articles).
fn card_titles(entries: &[(&EntityEntry, Arc<str>)]) -> Vec<(String, Vec<String>)> {
    // (where first seen: article order, spelling, place in the article), title, months
    type Seen<'a> = ((&'a index::DocOrder, usize, usize), &'a str, Vec<String>);
    let mut titles: Vec<Seen> = Vec::new();
    let earliest = index::DocOrder {
        month: 0,
        rank: 0,
        key: Arc::from(""),
    };
    for (n, (e, _)) in entries.iter().enumerate() {
        let mut current: Option<usize> = None;
        for ((title, month), _) in e.title_months.iter() {
            // "Ông" is how the article addresses the person, not an office.
            if crate::core::entities::gazetteer::is_form_of_address(title) {
                continue;
            }
            let i = match current.filter(|&i| *titles[i].1 == **title) {
                Some(i) => i,
                None => {
                    let Some(((_, order), place)) = e
                        .title_first
                        .range((title.clone(), earliest.clone())..)
                        .next()
                    else {
                        continue;
                    };
                    let seen = (order, n, *place);
                    let i = match titles.iter().position(|(_, t, _)| **t == **title) {
                        Some(i) => {
                            titles[i].0 = titles[i].0.min(seen);
                            i
                        }
                        None => {
                            titles.push((seen, &**title, Vec::new()));
                            titles.len() - 1
                        }
                    };
                    current = Some(i);
                    i
                }
            };
            if let Some(m) = month_string(*month) {
                if !titles[i].2.contains(&m) {
                    titles[i].2.push(m);
                }
            }
        }
    }
    titles.sort_by(|a, b| a.0.cmp(&b.0));
    titles
        .into_iter()
        .map(|(_, t, mut months)| {
            months.sort();
            (t.to_string(), months)
        })
        .collect()
}

/// `YYYY-MM` from a `DocOrder` month (`None` for undated articles).
fn month_string(month: u32) -> Option<String> {
    (month != u32::MAX).then(|| format!("{:04}-{:02}", month / 100, month % 100))
}

/// Restores (article order, offset) after merging several spellings' mentions.
fn sort_mentions(mentions: &mut [Mention], articles: &[DocKey]) {
    sort_mentions_by(mentions, articles, |m| m);
}

fn sort_mentions_by<T>(items: &mut [T], articles: &[DocKey], mention: impl Fn(&T) -> &Mention) {
    let rank: std::collections::HashMap<&str, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, k)| (&**k, i))
        .collect();
    items.sort_by_key(|x| {
        let m = mention(x);
        (rank.get(&*m.doc).copied(), m.span)
    });
}

/// The display name (the registry name when declared, else the most frequent
/// spelling) and every spelling, registry aliases included.
fn names(
    entries: &[(&EntityEntry, Arc<str>)],
    declared: Option<&registry::DeclaredPerson>,
) -> (String, Vec<String>) {
    let mut all = spellings(entries);
    let name = match declared {
        Some(p) => p.name.clone(),
        None => all.first().cloned().unwrap_or_default(),
    };
    if let Some(p) = declared {
        for a in &p.aliases {
            if !all.contains(a) {
                all.push(a.clone());
            }
        }
    }
    (name, all)
}

/// Spellings of the named mentions, most frequent first (ties alphabetical).
fn spellings(entries: &[(&EntityEntry, Arc<str>)]) -> Vec<String> {
    let mut counts: Vec<(String, u32)> = Vec::new();
    for (e, _) in entries {
        for (n, c) in e.names.iter() {
            match counts.iter_mut().find(|(m, _)| m == n) {
                Some((_, total)) => *total += c,
                None => counts.push((n.clone(), *c)),
            }
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counts.into_iter().map(|(n, _)| n).collect()
}

#[cfg(test)]
mod tests;

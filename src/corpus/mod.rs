//! The corpus: every article of a workspace (or of a CLI run), analysed, plus
//! the cross-article view — entities linked across files and the checks that
//! need more than one article (`name-variant`, `doc-type-conflict`).
//!
//! Pure like the core: documents come in as text under a key chosen by the
//! adapter (a URI string in the server, a path in the CLI). Cloning a `Corpus`
//! is how adapters take a snapshot; it must stay cheap.

use crate::config::Settings;
use crate::core::{self, Analysis, Annotation, Finding, Kind, Span};
use crate::position::LineIndex;
use std::collections::HashMap;
use std::sync::Arc;

/// Identifies a document: a URI string (server) or a path (CLI).
pub type DocKey = Arc<str>;

/// One analysed article.
#[derive(Debug)]
pub struct Document {
    pub key: DocKey,
    pub text: String,
    pub lines: LineIndex,
    pub analysis: Analysis,
}

impl Document {
    pub fn new(key: DocKey, text: String) -> Self {
        let analysis = core::analyze(&text);
        let lines = LineIndex::new(&text);
        Document {
            key,
            text,
            lines,
            analysis,
        }
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

    /// The first line without the header token, for hover cards and lists.
    pub fn first_line(&self) -> &str {
        let line = self.text.lines().next().unwrap_or("");
        match self.analysis.header {
            Some(h) => line.get(h.span.end..).unwrap_or("").trim(),
            None => line.trim(),
        }
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
    pub id: String,
    pub kind: Kind,
    /// The most frequent canonical spelling.
    pub name: String,
    /// Mentions sorted by (article date, document key, offset).
    pub mentions: Vec<Mention>,
    /// Titles seen with the entity, each with the article date (`YYYY-MM`) it was seen in.
    pub titles: Vec<(String, Option<String>)>,
    /// The articles that mention it, in date order.
    pub articles: Vec<DocKey>,
}

/// The workspace of analysed articles.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    docs: HashMap<DocKey, Arc<Document>>,
}

impl Corpus {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds or replaces a document, analysing its text.
    pub fn insert(&mut self, key: DocKey, text: String) -> Arc<Document> {
        let doc = Arc::new(Document::new(key.clone(), text));
        self.docs.insert(key, doc.clone());
        doc
    }

    pub fn remove(&mut self, key: &str) -> bool {
        self.docs.remove(key).is_some()
    }

    pub fn get(&self, key: &str) -> Option<&Arc<Document>> {
        self.docs.get(key)
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    pub fn documents(&self) -> impl Iterator<Item = &Arc<Document>> {
        self.docs.values()
    }

    /// All findings for one document: its own, plus cross-article ones.
    pub fn findings(&self, key: &str) -> Vec<Finding> {
        self.get(key)
            .map(|d| d.analysis.findings.clone())
            .unwrap_or_default()
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

    /// Adds or replaces a document whose analysis was made elsewhere.
    pub fn insert_document(&mut self, doc: Document) -> Arc<Document> {
        let doc = Arc::new(doc);
        self.docs.insert(doc.key.clone(), doc.clone());
        doc
    }

    /// Everything known about the entity with this id, or `None`.
    pub fn entity(&self, id: &str) -> Option<EntityView> {
        if id.is_empty() {
            return None;
        }
        let mut docs: Vec<&Arc<Document>> = self.docs.values().collect();
        docs.sort_by(|a, b| a.date().cmp(&b.date()).then(a.key.cmp(&b.key)));
        let mut view: Option<EntityView> = None;
        let mut names: HashMap<&str, usize> = HashMap::new();
        for doc in docs {
            let mut seen = false;
            for a in doc.analysis.annotations.iter().filter(|a| a.entity == id) {
                let v = view.get_or_insert_with(|| EntityView {
                    id: id.to_string(),
                    kind: a.kind,
                    name: String::new(),
                    mentions: Vec::new(),
                    titles: Vec::new(),
                    articles: Vec::new(),
                });
                v.mentions.push(Mention {
                    doc: doc.key.clone(),
                    span: a.span,
                    inferred: a.inferred,
                });
                for t in &a.titles {
                    let entry = (t.clone(), doc.date());
                    if !v.titles.contains(&entry) {
                        v.titles.push(entry);
                    }
                }
                if !a.inferred {
                    *names.entry(a.canonical.as_str()).or_default() += 1;
                }
                seen = true;
            }
            if seen {
                view.as_mut().unwrap().articles.push(doc.key.clone());
            }
        }
        let mut view = view?;
        view.name = names
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
            .map(|(n, _)| n.to_string())
            .unwrap_or_default();
        Some(view)
    }

    /// The defining mention: the first mention in the earliest-dated article.
    pub fn definition(&self, id: &str) -> Option<Mention> {
        self.entity(id)?.mentions.into_iter().find(|m| !m.inferred)
    }
}

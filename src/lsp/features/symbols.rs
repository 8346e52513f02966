//! Document symbols (the entities of one article, each with its mentions)
//! and workspace symbols (entities by a diacritics-insensitive name).

use super::common::{kind_label, location, pick};
use crate::core::{Kind, Lang};
use crate::lsp::snapshot::Snapshot;
use tower_lsp_server::ls_types::{
    DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, SymbolInformation, SymbolKind,
    WorkspaceSymbolParams, WorkspaceSymbolResponse,
};

/// The kinds listed as symbols.
pub const SYMBOL_KINDS: [Kind; 4] = [
    Kind::Person,
    Kind::Place,
    Kind::Organization,
    Kind::Document,
];

/// How each entity kind shows in outlines and symbol pickers.
pub fn symbol_kind(kind: Kind) -> SymbolKind {
    match kind {
        Kind::Person => SymbolKind::OBJECT,
        Kind::Place => SymbolKind::NAMESPACE,
        Kind::Organization => SymbolKind::CLASS,
        Kind::Document => SymbolKind::FILE,
        Kind::Acronym => SymbolKind::CONSTANT,
        Kind::Date => SymbolKind::EVENT,
        _ => SymbolKind::NUMBER,
    }
}

/// One symbol per entity of the article, in order of first mention. Its
/// range spans from the first to the last mention (so that it contains its
/// children), its selection range is the first named mention, and each
/// mention is a child.
#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be written.
pub fn document_symbol(
    snap: &Snapshot,
    params: &DocumentSymbolParams,
) -> Option<DocumentSymbolResponse> {
    let doc = snap.doc(&params.text_document.uri)?;
    let lang = snap.settings.language;
    let mut groups: Vec<(&str, Vec<&crate::core::Annotation>)> = Vec::new();
    for a in &doc.analysis.annotations {
        if a.entity.is_empty() || !SYMBOL_KINDS.contains(&a.kind) {
            continue;
        }
        let id = snap.corpus.resolve(&a.entity);
        match groups.iter_mut().find(|(g, _)| *g == id) {
            Some((_, list)) => list.push(a),
            None => groups.push((id, vec![a])),
        }
    }
    let symbols = groups
        .into_iter()
        .map(|(_, mentions)| {
            let named = mentions
                .iter()
                .find(|a| !a.inferred)
                .unwrap_or(&mentions[0]);
            let start = mentions.iter().map(|a| a.span.start).min().unwrap_or(0);
            let end = mentions.iter().map(|a| a.span.end).max().unwrap_or(0);
            let mut titles: Vec<&str> = Vec::new();
            for t in mentions.iter().flat_map(|a| a.titles.iter()) {
                if !titles.contains(&t.as_str()) {
                    titles.push(t);
                }
            }
            let count = match lang {
                Lang::Vi => format!("{} lần nhắc", mentions.len()),
                Lang::En => format!(
                    "{} mention{}",
                    mentions.len(),
                    if mentions.len() == 1 { "" } else { "s" }
                ),
            };
            let mut detail = format!("{} · {count}", kind_label(named.kind, lang));
            if !titles.is_empty() {
                detail = format!("{} · {detail}", titles.join(", "));
            }
            let children = mentions
                .iter()
                .map(|a| DocumentSymbol {
                    name: a.span.text(&doc.text).to_string(),
                    detail: a.inferred.then(|| {
                        pick(lang, "suy ra từ chức danh", "inferred from a title").to_string()
                    }),
                    kind: symbol_kind(a.kind),
                    tags: None,
                    deprecated: None,
                    range: snap.range(doc, a.span),
                    selection_range: snap.range(doc, a.span),
                    children: None,
                })
                .collect();
            DocumentSymbol {
                name: named.canonical.clone(),
                detail: Some(detail),
                kind: symbol_kind(named.kind),
                tags: None,
                deprecated: None,
                range: snap.range(doc, crate::core::Span::new(start, end)),
                selection_range: snap.range(doc, named.span),
                children: Some(children),
            }
        })
        .collect();
    Some(DocumentSymbolResponse::Nested(symbols))
}

/// Entities whose name (or registry alias) matches the query without regard
/// to diacritics or case (`to lam` → Tô Lâm), through the corpus search: exact
/// names first, then names starting with the query, then names with a word
/// starting with it; most mentioned first. Each is placed at its definition;
/// at most `settings.max_results`.
#[allow(deprecated)] // `SymbolInformation::deprecated` must still be written.
pub fn workspace_symbol(
    snap: &Snapshot,
    params: &WorkspaceSymbolParams,
) -> Option<WorkspaceSymbolResponse> {
    let lang = snap.settings.language;
    let limit = snap.settings.max_results;
    // Acronyms are found by the search too: ask for more, keep the symbol kinds.
    let found = snap.corpus.search(&params.query, limit.saturating_mul(2));
    let symbols = found
        .into_iter()
        .filter(|e| SYMBOL_KINDS.contains(&e.kind))
        .filter_map(|e| {
            Some(SymbolInformation {
                location: location(snap, e.definition.as_ref()?)?,
                container_name: Some(match lang {
                    Lang::Vi => format!(
                        "{} · {} lần nhắc, {} bài",
                        kind_label(e.kind, lang),
                        e.mention_count,
                        e.article_count
                    ),
                    Lang::En => format!(
                        "{} · {} mentions, {} articles",
                        kind_label(e.kind, lang),
                        e.mention_count,
                        e.article_count
                    ),
                }),
                name: e.name,
                kind: symbol_kind(e.kind),
                tags: None,
                deprecated: None,
            })
        })
        .take(limit)
        .collect();
    Some(WorkspaceSymbolResponse::Flat(symbols))
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;
    use crate::config::Settings;
    use crate::position::Encoding;
    use tower_lsp_server::ls_types::{Position, Range, TextDocumentIdentifier};

    fn outline(snap: &Snapshot, key: &str) -> Vec<DocumentSymbol> {
        match document_symbol(
            snap,
            &DocumentSymbolParams {
                text_document: TextDocumentIdentifier { uri: uri(key) },
                work_done_progress_params: Default::default(),
                partial_result_params: Default::default(),
            },
        ) {
            Some(DocumentSymbolResponse::Nested(s)) => s,
            other => panic!("{other:?}"),
        }
    }

    fn query(snap: &Snapshot, q: &str) -> Vec<SymbolInformation> {
        match workspace_symbol(
            snap,
            &WorkspaceSymbolParams {
                query: q.to_string(),
                work_done_progress_params: Default::default(),
                partial_result_params: Default::default(),
            },
        ) {
            Some(WorkspaceSymbolResponse::Flat(s)) => s,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn one_symbol_per_entity_with_its_mentions() {
        let snap = two_articles();
        let syms = outline(&snap, A);
        let names: Vec<&str> = syms.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Tô Lâm",
                "Bộ Chính trị",
                "Bộ Công an",
                "Công an tỉnh Lạng Sơn",
                "Lạng Sơn"
            ]
        );
        let person = &syms[0];
        assert_eq!(person.kind, SymbolKind::OBJECT);
        assert_eq!(
            person.detail.as_deref(),
            Some("Đại tướng, Ủy viên Bộ Chính trị, Bộ trưởng Bộ Công an · người · 2 lần nhắc")
        );
        let children = person.children.as_ref().unwrap();
        assert_eq!(children.len(), 2);
        assert_eq!(children[1].name, "Bộ trưởng Bộ Công an");
        assert_eq!(children[1].detail.as_deref(), Some("suy ra từ chức danh"));
        // The symbol's range contains every child; its selection is the named mention.
        assert_eq!(person.selection_range, children[0].range);
        assert_eq!(person.range.start, children[0].range.start);
        assert_eq!(person.range.end, children[1].range.end);
        // Numbers and dates are not symbols.
        assert!(syms.iter().all(|s| s.kind != SymbolKind::NUMBER));
    }

    #[test]
    fn workspace_symbols_ignore_diacritics() {
        let snap = two_articles();
        let found = query(&snap, "to lam");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].name, "Tô Lâm");
        assert_eq!(found[0].location.uri, uri(A));
        assert_eq!(
            found[0].location.range,
            Range::new(Position::new(0, 35), Position::new(0, 41))
        );
        assert_eq!(
            found[0].container_name.as_deref(),
            Some("người · 4 lần nhắc, 2 bài")
        );
        let names: Vec<String> = query(&snap, "LANG SON")
            .into_iter()
            .map(|s| s.name)
            .collect();
        // The exact match first, then the organisation containing it.
        assert_eq!(names, ["Lạng Sơn", "Công an tỉnh Lạng Sơn"]);
        assert!(query(&snap, "Hà Nội").is_empty());
        assert_eq!(query(&snap, "").len(), 8);
    }

    #[test]
    fn workspace_symbols_are_capped() {
        let snap = snapshot(
            vec![article_a().build(), article_b().build()],
            Settings {
                max_results: 3,
                ..Settings::default()
            },
            Encoding::Utf16,
        );
        assert_eq!(query(&snap, "").len(), 3);
    }
}

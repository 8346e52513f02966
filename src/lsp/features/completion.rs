//! Completion of known names while writing: the last one to four words
//! before the cursor are matched, without regard to diacritics or case, as a
//! prefix of the people, organisations and places known in the workspace
//! (`to la` offers Tô Lâm). Each item replaces exactly the words it matched.

use super::common::{kind_label, pick};
use crate::core::text::search_key;
use crate::core::{Kind, Lang};
use crate::corpus::EntitySummary;
use crate::lsp::snapshot::Snapshot;
use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionList, CompletionParams, CompletionResponse,
    CompletionTextEdit, Documentation, MarkupContent, MarkupKind, TextEdit,
};

/// Kinds offered, in order of usefulness when writing.
const KINDS: [Kind; 3] = [Kind::Person, Kind::Organization, Kind::Place];
/// How many words before the cursor may form the typed prefix (longest names are 4–6 words).
const MAX_WORDS: usize = 6;

fn item_kind(kind: Kind) -> CompletionItemKind {
    match kind {
        Kind::Person => CompletionItemKind::REFERENCE,
        Kind::Organization => CompletionItemKind::CLASS,
        Kind::Place => CompletionItemKind::MODULE,
        _ => CompletionItemKind::TEXT,
    }
}

/// Byte offsets where the last `MAX_WORDS` words before `offset` on its line
/// start, nearest first. The cursor must sit right after a word character.
fn word_starts(line: &str) -> Vec<usize> {
    if !line.chars().next_back().is_some_and(char::is_alphanumeric) {
        return Vec::new();
    }
    let mut starts = Vec::new();
    let mut in_word = false;
    for (i, c) in line.char_indices().rev() {
        let w = c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c);
        if !w {
            if in_word {
                starts.push(i + c.len_utf8());
                if starts.len() == MAX_WORDS {
                    return starts;
                }
            }
            // Names do not run across punctuation.
            if !(c == ' ' || c == '\t') {
                return starts;
            }
        }
        in_word = w;
    }
    if in_word && starts.len() < MAX_WORDS {
        starts.push(0);
    }
    starts
}

/// How many items get their titles looked up (an entity view each).
const DETAILED: usize = 50;

pub fn completion(snap: &Snapshot, params: &CompletionParams) -> Option<CompletionResponse> {
    let at = &params.text_document_position;
    let doc = snap.doc(&at.text_document.uri)?;
    let lang = snap.settings.language;
    let offset = snap.offset(doc, at.position);
    let line_start = doc.text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line = &doc.text[line_start..offset];
    let limit = snap.settings.max_results;

    // (words typed, exact, summary, where the typed words start)
    let mut items: Vec<(usize, bool, EntitySummary, usize)> = Vec::new();
    // Longer typed prefixes first: "Tô La" is a better match than "La" alone.
    for (n, &start) in word_starts(line).iter().enumerate().rev() {
        if snap.is_cancelled() {
            return None;
        }
        let typed = search_key(&line[start..]);
        for e in snap.corpus.search(&typed, limit.saturating_mul(2)) {
            if !KINDS.contains(&e.kind) || items.iter().any(|(_, _, x, _)| x.id == e.id) {
                continue;
            }
            let key = search_key(&e.name);
            // Only names the typed words begin: the item replaces those words.
            if key.starts_with(&typed) {
                items.push((n, key == typed, e, start));
            }
        }
    }
    items.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(b.1.cmp(&a.1))
            .then(b.2.mention_count.cmp(&a.2.mention_count))
            .then(a.2.name.cmp(&b.2.name))
    });
    items.truncate(limit);
    let items = items
        .into_iter()
        .enumerate()
        .map(|(rank, (_, _, e, start))| {
            let range = snap.range(doc, crate::core::Span::new(line_start + start, offset));
            let titles = if rank < DETAILED {
                recent_titles(snap, &e.id)
            } else {
                Vec::new()
            };
            let detail = if titles.is_empty() {
                kind_label(e.kind, lang).to_string()
            } else {
                titles
                    .iter()
                    .take(3)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            CompletionItem {
                label: e.name.clone(),
                kind: Some(item_kind(e.kind)),
                detail: Some(detail),
                documentation: Some(Documentation::MarkupContent(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: documentation(&e, &titles, lang),
                })),
                sort_text: Some(format!("{rank:05}")),
                // Clients filter on this against the typed words, in order:
                // the name then its diacritics-free key, so that both "Tô La"
                // and "to la" still match after the client's own filtering.
                filter_text: Some(format!("{} {}", e.name, search_key(&e.name))),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                    range,
                    new_text: e.name.clone(),
                })),
                ..CompletionItem::default()
            }
        })
        .collect();
    // Results depend on the typed words: ask the client to come back as they change.
    Some(CompletionResponse::List(CompletionList {
        is_incomplete: true,
        items,
    }))
}

/// Distinct titles of an entity, those seen in the latest articles first
/// (from the index's titles: no walk over the mentions).
fn recent_titles(snap: &Snapshot, id: &str) -> Vec<String> {
    let Some(card) = snap.corpus.card(id, 0, 0) else {
        return Vec::new();
    };
    let mut titles = card.titles;
    // Stable: titles last seen the same month keep their first-seen order.
    titles.sort_by(|a, b| b.1.last().cmp(&a.1.last()));
    titles.into_iter().map(|(t, _)| t).collect()
}

fn documentation(e: &EntitySummary, titles: &[String], lang: Lang) -> String {
    let mut out = format!("**{}** — _{}_", e.name, kind_label(e.kind, lang));
    if !titles.is_empty() {
        out.push_str(&format!(
            "\n\n{}: {}",
            pick(lang, "Chức danh", "Titles"),
            titles.join(", ")
        ));
    }
    out.push_str(&match lang {
        Lang::Vi => format!(
            "\n\n{} lần nhắc trong {} bài viết",
            e.mention_count, e.article_count
        ),
        Lang::En => format!(
            "\n\n{} mentions in {} articles",
            e.mention_count, e.article_count
        ),
    });
    out
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;
    use crate::config::Settings;
    use crate::position::Encoding;
    use tower_lsp_server::ls_types::{
        Position, Range, TextDocumentIdentifier, TextDocumentPositionParams,
    };

    const DRAFT: &str = "file:///ws/draft.txt";

    fn complete(text: &str, encoding: Encoding) -> (Snapshot, Vec<CompletionItem>) {
        let draft = Fixture::new(DRAFT, text).build();
        let snap = snapshot(
            vec![article_a().build(), article_b().build(), draft],
            Settings::default(),
            encoding,
        );
        let doc = snap.corpus.get(DRAFT).unwrap();
        let position = snap.position(doc, text.len());
        let items = match completion(
            &snap,
            &CompletionParams {
                text_document_position: TextDocumentPositionParams {
                    text_document: TextDocumentIdentifier { uri: uri(DRAFT) },
                    position,
                },
                work_done_progress_params: Default::default(),
                partial_result_params: Default::default(),
                context: None,
            },
        ) {
            Some(CompletionResponse::List(l)) => l.items,
            other => panic!("{other:?}"),
        };
        (snap, items)
    }

    fn edit(item: &CompletionItem) -> &TextEdit {
        match item.text_edit.as_ref().unwrap() {
            CompletionTextEdit::Edit(e) => e,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn typing_without_diacritics_offers_the_name() {
        let (_, items) = complete(" date 2024-03 Hôm qua Đại tướng to la", Encoding::Utf16);
        assert_eq!(items[0].label, "Tô Lâm");
        assert_eq!(items[0].kind, Some(CompletionItemKind::REFERENCE));
        assert_eq!(
            items[0].detail.as_deref(),
            Some("Bộ trưởng, Đại tướng, Ủy viên Bộ Chính trị")
        );
        // Replaces exactly "to la" (UTF-16 columns 32..37).
        assert_eq!(
            edit(&items[0]).range,
            Range::new(Position::new(0, 32), Position::new(0, 37))
        );
        assert_eq!(edit(&items[0]).new_text, "Tô Lâm");
        assert_eq!(items[0].filter_text.as_deref(), Some("Tô Lâm to lam"));
        // "la" alone also starts "Lạng Sơn" and "Lào Cai", offered after the longer match.
        let labels: Vec<&str> = items.iter().map(|i| i.label.as_str()).collect();
        assert!(
            labels.contains(&"Lạng Sơn") && labels.contains(&"Lào Cai"),
            "{labels:?}"
        );
        assert!(!labels.contains(&"Quy định 90"));
    }

    #[test]
    fn organisations_and_utf8_ranges() {
        let (_, items) = complete(" date 2024-03 Đoàn công tác của Bộ Cô", Encoding::Utf8);
        assert_eq!(items[0].label, "Bộ Công an");
        let r = edit(&items[0]).range;
        let text = " date 2024-03 Đoàn công tác của Bộ Cô";
        let start = text.find("Bộ Cô").unwrap() as u32;
        assert_eq!(
            r,
            Range::new(Position::new(0, start), Position::new(0, text.len() as u32))
        );
    }

    #[test]
    fn nothing_after_a_space_or_an_unknown_word() {
        assert!(complete(" date 2024-03 Tô ", Encoding::Utf16).1.is_empty());
        assert!(complete(" date 2024-03 Xyz", Encoding::Utf16).1.is_empty());
    }

    #[test]
    fn word_starts_stop_at_punctuation() {
        assert_eq!(word_starts("a, Bộ Cô"), [8, 3]);
        assert_eq!(word_starts("Tô"), [0]);
        assert!(word_starts("Tô ").is_empty());
    }
}

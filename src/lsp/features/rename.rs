//! `prepareRename` and `rename`: a person, place or organisation renamed in
//! every article of the workspace as one `WorkspaceEdit`. Inferred mentions
//! (title phrases such as "Bộ trưởng Bộ Công an") are left as they are.

use super::common::{annotation_at, annotation_of, pick};
use crate::core::text::{name_key, search_key};
use crate::core::{Annotation, Kind, Lang, Span};
use crate::lsp::snapshot::Snapshot;
use std::collections::HashMap;
use tower_lsp_server::ls_types::{
    PrepareRenameResponse, RenameParams, TextDocumentPositionParams, TextEdit, Uri, WorkspaceEdit,
};
use unicode_normalization::UnicodeNormalization;

/// Kinds that can be renamed. Documents, acronyms, dates and numbers are
/// identified by what they literally say, so renaming them makes no sense.
const RENAMEABLE: [Kind; 3] = [Kind::Person, Kind::Place, Kind::Organization];

/// The part of a mention that is the name itself: the whole span, or its last
/// syllables when the span also holds a title ("Đại tướng Tô Lâm").
fn name_span(text: &str, ann: &Annotation) -> Span {
    let written = ann.span.text(text);
    let want = search_key(&ann.canonical);
    if search_key(written) == want {
        return ann.span;
    }
    let words = want.split(' ').count();
    let starts: Vec<usize> = written
        .char_indices()
        .filter(|&(i, c)| {
            !c.is_whitespace() && (i == 0 || written[..i].ends_with(char::is_whitespace))
        })
        .map(|(i, _)| i)
        .collect();
    if starts.len() > words {
        let from = starts[starts.len() - words];
        if search_key(&written[from..]) == want {
            return Span::new(ann.span.start + from, ann.span.end);
        }
    }
    ann.span
}

/// Why the cursor's annotation cannot be renamed, if it cannot.
fn refusal(ann: &Annotation, lang: Lang) -> Option<String> {
    if ann.entity.is_empty() || !RENAMEABLE.contains(&ann.kind) {
        return Some(
            pick(
                lang,
                "Chỉ đổi tên được người, địa danh hoặc tổ chức; con trỏ không nằm trên tên nào như vậy.",
                "Only a person, place or organization can be renamed; the cursor is not on such a name.",
            )
            .to_string(),
        );
    }
    if ann.inferred {
        return Some(
            pick(
                lang,
                "Đây là chức danh hoặc tên gọi được suy ra là người này, không phải họ tên đầy đủ: hãy đổi tên ở một chỗ nhắc họ tên.",
                "This is a title or given name inferred to mean this person, not their full name: rename from a mention of the full name.",
            )
            .to_string(),
        );
    }
    None
}

/// `Err` carries the message shown to the user.
pub fn prepare_rename(
    snap: &Snapshot,
    params: &TextDocumentPositionParams,
) -> Result<Option<PrepareRenameResponse>, String> {
    let lang = snap.settings.language;
    let Some((doc, ann)) = rename_target(snap, &params.text_document.uri, params) else {
        return Err(refusal_nothing(lang));
    };
    if let Some(why) = refusal(ann, lang) {
        return Err(why);
    }
    let span = name_span(&doc.text, ann);
    Ok(Some(PrepareRenameResponse::RangeWithPlaceholder {
        range: snap.range(doc, span),
        placeholder: span.text(&doc.text).to_string(),
    }))
}

fn refusal_nothing(lang: Lang) -> String {
    pick(
        lang,
        "Không có tên nào ở vị trí con trỏ để đổi.",
        "There is no name at the cursor to rename.",
    )
    .to_string()
}

/// The annotation to rename: the innermost entity under the cursor.
fn rename_target<'s>(
    snap: &'s Snapshot,
    uri: &Uri,
    params: &TextDocumentPositionParams,
) -> Option<(&'s std::sync::Arc<crate::corpus::Document>, &'s Annotation)> {
    super::common::entity_at(snap, uri, params.position)
        .or_else(|| annotation_at(snap, uri, params.position))
}

/// Checks and normalises a new name (NFC, single spaces).
fn validate(new_name: &str, kind: Kind, lang: Lang) -> Result<String, String> {
    if new_name.chars().any(|c| c.is_control()) {
        return Err(pick(
            lang,
            "Tên mới phải nằm trên một dòng, không có ký tự điều khiển.",
            "The new name must be on one line, without control characters.",
        )
        .to_string());
    }
    let name: String = new_name.nfc().collect();
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(pick(
            lang,
            "Tên mới không được để trống.",
            "The new name must not be empty.",
        )
        .to_string());
    }
    if name.chars().any(|c| {
        c.is_control()
            || !(c.is_alphanumeric()
                || c == ' '
                || c == '-'
                || c == '\''
                || c == '\u{2019}'
                || c == '.'
                || unicode_normalization::char::is_combining_mark(c))
    }) || !name.chars().any(char::is_alphabetic)
    {
        return Err(match lang {
            Lang::Vi => format!("Tên mới «{name}» chứa ký tự không hợp lệ: chỉ dùng chữ, số, dấu cách, dấu gạch nối, dấu nháy đơn (H'Hen), dấu chấm."),
            Lang::En => format!("The new name “{name}” has invalid characters: use letters, digits, spaces, hyphens, apostrophes (H'Hen) and dots only."),
        });
    }
    if kind == Kind::Person
        && name
            .split(' ')
            .any(|w| !w.chars().next().is_some_and(char::is_uppercase))
    {
        return Err(match lang {
            Lang::Vi => format!("Tên người «{name}» phải viết hoa chữ cái đầu mỗi âm tiết (ví dụ: Nguyễn Văn An), nếu không sẽ không còn được nhận ra là tên người."),
            Lang::En => format!("The person name “{name}” must capitalise every syllable (e.g. Nguyễn Văn An), or it would no longer be recognised as a name."),
        });
    }
    Ok(name)
}

/// Every named mention of the entity, in every article, rewritten to the new
/// name as one edit. Of the inferred mentions, a given name after an
/// honorific ("ông Long") takes the new name's last syllable; titles stay.
pub fn rename(snap: &Snapshot, params: &RenameParams) -> Result<Option<WorkspaceEdit>, String> {
    let lang = snap.settings.language;
    let at = &params.text_document_position;
    let Some((_, ann)) = rename_target(snap, &at.text_document.uri, at) else {
        return Err(refusal_nothing(lang));
    };
    if let Some(why) = refusal(ann, lang) {
        return Err(why);
    }
    let new_name = validate(&params.new_name, ann.kind, lang)?;
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    let mut add = |key: &str, span: Span, inferred: bool| {
        let (Some(doc), Some(uri)) = (snap.corpus.get(key), snap.uri(key)) else {
            return;
        };
        let written = span.text(&doc.text);
        let new_text = if !inferred {
            new_name.clone()
        } else {
            match given_name_after_rename(&ann.canonical, &new_name, written) {
                Some(given) => given,
                // A title stands for the person: it stays.
                None => return,
            }
        };
        if written != new_text {
            changes.entry(uri).or_default().push(TextEdit {
                range: snap.range(doc, span),
                new_text,
            });
        }
    };
    // Mentions come grouped by article: fetch (or, for an article no editor
    // has open, recompute) each article's annotations once.
    let mut current: Option<(&str, std::borrow::Cow<[Annotation]>)> = None;
    for m in snap.corpus.references(&ann.entity) {
        if m.inferred {
            add(&m.doc, m.span, true);
            continue;
        }
        let Some(doc) = snap.corpus.get(&m.doc) else {
            continue;
        };
        if current.as_ref().is_none_or(|(k, _)| **k != *m.doc) {
            current = Some((&doc.key, doc.annotations()));
        }
        let anns = current.as_ref().map_or(&[][..], |(_, a)| &**a);
        let span = annotation_of(snap, anns, m.span, &ann.entity)
            .map_or(m.span, |a| name_span(&doc.text, a));
        add(&m.doc, span, false);
    }
    // A person declared in the registry keeps its declaration in step (the
    // validated name needs no JSON escaping).
    if let Some(declared) = snap
        .corpus
        .entity(&ann.entity)
        .and_then(|view| view.declared)
    {
        add(&declared.doc, declared.span, false);
    }
    if changes.is_empty() {
        return Ok(None);
    }
    Ok(Some(WorkspaceEdit {
        changes: Some(changes),
        document_changes: None,
        change_annotations: None,
    }))
}

/// A name cut into syllables at spaces and apostrophes ("H'Hen Niê": H,
/// Hen, Niê), each with the separator written before it.
fn pieces(name: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut sep_start = 0;
    let mut word_start = None;
    for (i, c) in name.char_indices() {
        let boundary = c.is_whitespace() || c == '\'' || c == '\u{2019}';
        match (boundary, word_start) {
            (true, Some(w)) => {
                out.push((&name[sep_start..w], &name[w..i]));
                word_start = None;
                sep_start = i;
            }
            (false, None) => word_start = Some(i),
            _ => {}
        }
    }
    if let Some(w) = word_start {
        out.push((&name[sep_start..w], &name[w..]));
    }
    out
}

/// Whether a name's pieces are led by a Central Highlands prefix (Y, H, A,
/// Ama) before a given name and a family name.
fn prefixed(keys: &[String]) -> bool {
    keys.len() >= 3 && matches!(keys[0].as_str(), "y" | "h" | "a" | "ama")
}

/// An inferred mention that is a given name, rewritten for the new name: the
/// same part of it. A Kinh name is called by its last syllables ("ông Long"
/// for Phạm Đức Long, "anh A Páo" for Giàng A Páo); a name of the Central
/// Highlands by its given name with or without the prefix ("ông Y Biêr",
/// "ông Biêr" for Y Biêr Niê). From one kind of name to the other, the given
/// name maps to the given name. `None` when `written` is no such part of the
/// old name (a title), or the new name has none.
fn given_name_after_rename(old: &str, new: &str, written: &str) -> Option<String> {
    let key_of =
        |p: &[(&str, &str)]| -> Vec<String> { p.iter().map(|(_, w)| name_key(w)).collect() };
    let old_keys = key_of(&pieces(old));
    let new_pieces = pieces(new);
    let new_keys = key_of(&new_pieces);
    let words = key_of(&pieces(written));
    let n = words.len();
    let at = (0..=old_keys.len().checked_sub(n)?)
        .rev()
        .find(|&a| old_keys[a..a + n] == words[..])?;
    // What part of the old name was written: (with the prefix, how many given pieces).
    let (with_prefix, given) = if prefixed(&old_keys) {
        match at {
            0 if n >= 2 && n < old_keys.len() => (true, n - 1),
            1 if at + n < old_keys.len() => (false, n),
            _ => return None,
        }
    } else if at + n == old_keys.len() && n < old_keys.len() {
        (false, n)
    } else {
        return None;
    };
    let len = new_pieces.len();
    let range = if prefixed(&new_keys) {
        let from = usize::from(!with_prefix);
        (1 + given < len).then_some(from..1 + given)?
    } else {
        // "ông Đức Long" for Phạm Đức Long renamed Trần Long: "ông Long".
        let given = given.min(len.checked_sub(1)?);
        (given > 0).then_some(len - given..len)?
    };
    let mut out = String::new();
    for (i, (sep, piece)) in new_pieces[range.clone()].iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(piece);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;
    use crate::config::Settings;
    use crate::position::Encoding;
    use tower_lsp_server::ls_types::{Position, Range, TextDocumentIdentifier};

    fn tdpp(snap: &Snapshot, key: &str, needle: &str, nth: usize) -> TextDocumentPositionParams {
        TextDocumentPositionParams {
            text_document: TextDocumentIdentifier { uri: uri(key) },
            position: pos(snap, key, needle, nth, 1),
        }
    }

    fn do_rename(
        snap: &Snapshot,
        key: &str,
        needle: &str,
        nth: usize,
        new_name: &str,
    ) -> Result<Option<WorkspaceEdit>, String> {
        rename(
            snap,
            &RenameParams {
                text_document_position: tdpp(snap, key, needle, nth),
                new_name: new_name.to_string(),
                work_done_progress_params: Default::default(),
            },
        )
    }

    /// Applies edits to a text (edits do not overlap).
    fn apply(snap: &Snapshot, key: &str, edits: &[TextEdit]) -> String {
        let doc = snap.corpus.get(key).unwrap();
        let mut text = doc.text.clone();
        let mut spans: Vec<(Span, &str)> = edits
            .iter()
            .map(|e| (snap.span(doc, e.range), e.new_text.as_str()))
            .collect();
        spans.sort_by_key(|(s, _)| std::cmp::Reverse(s.start));
        for (s, t) in spans {
            text.replace_range(s.start..s.end, t);
        }
        text
    }

    #[test]
    fn person_renamed_in_every_article_but_not_in_titles() {
        let snap = two_articles();
        let edit = do_rename(&snap, B, "Tô Lâm", 0, "Tô  Lâm Hùng")
            .unwrap()
            .unwrap();
        let changes = edit.changes.unwrap();
        assert_eq!(changes.len(), 2);
        let a = apply(&snap, A, &changes[&uri(A)]);
        assert!(a.contains("Đại tướng Tô Lâm Hùng, Ủy viên"));
        // The inferred title phrase stays.
        assert!(a.contains("Sau buổi làm việc, Bộ trưởng Bộ Công an ghi nhận"));
        let b = apply(&snap, B, &changes[&uri(B)]);
        assert_eq!(b.matches("Tô Lâm Hùng").count(), 2);
    }

    #[test]
    fn prepare_gives_the_name_range() {
        let snap = two_articles();
        let r = prepare_rename(&snap, &tdpp(&snap, A, "Tô Lâm", 0))
            .unwrap()
            .unwrap();
        assert_eq!(
            r,
            PrepareRenameResponse::RangeWithPlaceholder {
                range: Range::new(Position::new(0, 35), Position::new(0, 41)),
                placeholder: "Tô Lâm".into()
            }
        );
        // On a number, a document, an inferred mention or plain text: a clear refusal.
        for (needle, nth) in [("274", 0), ("Quy định", 0), ("làm việc", 0)] {
            let key = if needle == "Quy định" { B } else { A };
            let err = prepare_rename(&snap, &tdpp(&snap, key, needle, nth)).unwrap_err();
            assert!(err.contains("đổi"), "{err}");
        }
        let err = prepare_rename(&snap, &tdpp(&snap, A, "Bộ trưởng Bộ Công an", 1)).unwrap_err();
        assert!(err.contains("suy ra"), "{err}");
    }

    #[test]
    fn a_span_with_a_title_renames_only_the_name() {
        let doc = Fixture::new(A, " date 2023-08 Thiếu tướng Lê Văn Tám dự lễ.")
            .ann(
                "Thiếu tướng Lê Văn Tám",
                0,
                Kind::Person,
                "Lê Văn Tám",
                "person:lê văn tám",
            )
            .build();
        let snap = snapshot(vec![doc], Settings::default(), Encoding::Utf8);
        let edit = do_rename(&snap, A, "Thiếu tướng", 0, "Lê Văn Tâm")
            .unwrap()
            .unwrap();
        let text = apply(&snap, A, &edit.changes.unwrap()[&uri(A)]);
        assert_eq!(text, " date 2023-08 Thiếu tướng Lê Văn Tâm dự lễ.");
    }

    #[test]
    fn a_given_name_standing_for_the_person_follows_the_rename() {
        let text = " date 2024-03\nÔng Phạm Đức Long, Giám đốc Sở Xây dựng, chủ trì họp. Ông Long cho biết công trình vượt tiến độ; Giám đốc Sở Xây dựng đề nghị giữ nhịp.";
        let doc = crate::corpus::Document::new(A.into(), text.to_string());
        let snap = snapshot(vec![doc], Settings::default(), Encoding::Utf16);
        // On the given name: refused, it is not the full name.
        let err = prepare_rename(&snap, &tdpp(&snap, A, "Long cho", 0)).unwrap_err();
        assert!(err.contains("suy ra"), "{err}");
        let edit = do_rename(&snap, A, "Phạm Đức Long", 0, "Phạm Đức Lâm")
            .unwrap()
            .unwrap();
        let renamed = apply(&snap, A, &edit.changes.unwrap()[&uri(A)]);
        assert_eq!(
            renamed,
            text.replace("Phạm Đức Long", "Phạm Đức Lâm")
                .replace("Ông Long", "Ông Lâm")
        );
        // The inferred title stays as written.
        assert!(renamed.contains("Giám đốc Sở Xây dựng đề nghị"));
    }

    #[test]
    fn given_names_of_the_central_highlands_follow_the_rename() {
        let text = " date 2024-05\nÔng Y Biêr Niê, Chủ tịch HĐND tỉnh, dự họp. Theo ông Y Biêr, cần làm ngay. Ông Biêr ký biên bản.";
        let doc = crate::corpus::Document::new(A.into(), text.to_string());
        let snap = snapshot(vec![doc], Settings::default(), Encoding::Utf16);
        let edit = do_rename(&snap, A, "Y Biêr Niê", 0, "Y Blô Niê")
            .unwrap()
            .unwrap();
        let renamed = apply(&snap, A, &edit.changes.unwrap()[&uri(A)]);
        assert_eq!(
            renamed,
            " date 2024-05\nÔng Y Blô Niê, Chủ tịch HĐND tỉnh, dự họp. Theo ông Y Blô, cần làm ngay. Ông Blô ký biên bản."
        );
    }

    #[test]
    fn a_given_name_takes_the_same_words_of_the_new_name() {
        let cases: &[(&str, &str, &str, Option<&str>)] = &[
            ("Y Biêr Niê", "Y Blô Niê", "Y Biêr", Some("Y Blô")),
            ("Y Biêr Niê", "Y Blô Niê", "Biêr", Some("Blô")),
            ("Y Biêr Niê", "H Blô Niê", "Biêr", Some("Blô")),
            ("Y Biêr Niê", "Y Blô Niê", "Chủ tịch", None),
            // The family name calls nobody.
            ("Y Biêr Niê", "Y Blô Niê Kđăm", "Niê", None),
            // Apostrophes cut pieces: "Hen" is H'Hen's given name.
            ("H'Hen Niê", "H'Hơn Niê", "H’Hen", Some("H'Hơn")),
            ("H'Hen Niê", "H'Hơn Niê", "Hen", Some("Hơn")),
            ("H'Hen Niê", "H Hen Niê", "H’Hen", Some("H Hen")),
            // From one kind of name to the other, given name to given name.
            ("Nguyễn Văn Long", "Y Blô Niê", "Long", Some("Blô")),
            ("Y Biêr Niê", "Nguyễn Văn Biêr", "Y Biêr", Some("Biêr")),
            ("Phạm Đức Long", "Phạm Đức Lâm", "Long", Some("Lâm")),
            ("Giàng A Páo", "Giàng A Pủa", "A Páo", Some("A Pủa")),
            ("Phạm Đức Long", "Phạm Đức Lâm", "Phạm", None),
            ("Phạm Đức Long", "Trần Long", "Đức Long", Some("Long")),
        ];
        for (old, new, written, expected) in cases {
            assert_eq!(
                given_name_after_rename(old, new, written).as_deref(),
                *expected,
                "{written} of {old} → {new}"
            );
        }
    }

    #[test]
    fn invalid_new_names_are_rejected() {
        let snap = two_articles();
        for bad in ["", "   ", "tô lâm", "Tô\nLâm", "Tô <Lâm>", "123"] {
            assert!(do_rename(&snap, A, "Tô Lâm", 0, bad).is_err(), "{bad:?}");
        }
        // Places may be renamed, lower-case words are fine in organisations.
        assert!(do_rename(&snap, B, "Lào Cai", 0, "Lào Cai mới").is_ok());
        let english = snapshot(
            vec![article_a().build()],
            Settings {
                language: Lang::En,
                ..Settings::default()
            },
            Encoding::Utf16,
        );
        let err = do_rename(&english, A, "Tô Lâm", 0, "").unwrap_err();
        assert_eq!(err, "The new name must not be empty.");
        // The same name again changes nothing.
        assert_eq!(do_rename(&snap, A, "Tô Lâm", 0, "Tô Lâm"), Ok(None));
    }

    #[test]
    fn a_declared_person_is_renamed_in_the_registry_and_under_aliases() {
        let snap = with_registry(Settings::default());
        let edit = do_rename(&snap, A, "Tô Lâm", 0, "Tô Văn Lâm")
            .unwrap()
            .unwrap();
        let changes = edit.changes.unwrap();
        assert_eq!(changes.len(), 4);
        let registry = apply(&snap, REGISTRY, &changes[&uri(REGISTRY)]);
        assert!(registry.contains(r#""name": "Tô Văn Lâm""#), "{registry}");
        assert!(serde_json::from_str::<serde_json::Value>(&registry).is_ok());
        assert_eq!(
            apply(&snap, C, &changes[&uri(C)]),
            " date 2024-05 Ong Tô Văn Lâm tiep doan cong tac."
        );
    }
}

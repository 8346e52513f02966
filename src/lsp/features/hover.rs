//! `textDocument/hover`: Markdown cards for entities, dates and numbers, in
//! the language of the settings. The hover range is the annotation's span.

use super::common::{
    annotation_of, format_canonical, format_number, kind_label, md_escape, pick, ratio_parts,
    ratio_percent, same_entity, truncate,
};
use crate::core::{Annotation, Kind, Lang};
use crate::corpus::{Document, EntityCard};
use crate::lsp::snapshot::Snapshot;
use std::fmt::Write;
use tower_lsp_server::ls_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

/// At most this many articles are listed on a card.
const MAX_ARTICLES: usize = 20;
/// Facts (issuer, level ...) are gathered from this many mentions at most.
const MAX_FACT_MENTIONS: usize = 50;
/// First lines of articles are cut to this many characters.
const FIRST_LINE_CHARS: usize = 80;

pub fn hover(snap: &Snapshot, params: &HoverParams) -> Option<Hover> {
    let at = &params.text_document_position_params;
    let doc = snap.doc(&at.text_document.uri)?;
    let offset = snap.offset(doc, at.position);
    let ann = doc.annotation_at(offset)?;
    let value = card(snap, doc, ann);
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(snap.range(doc, ann.span)),
    })
}

/// The Markdown card for one annotation.
pub fn card(snap: &Snapshot, doc: &Document, ann: &Annotation) -> String {
    let lang = snap.settings.language;
    if !ann.entity.is_empty() {
        if let Some(view) = snap
            .corpus
            .card(&ann.entity, MAX_ARTICLES, MAX_FACT_MENTIONS)
        {
            return entity_card(snap, doc, ann, &view, lang);
        }
    }
    match ann.kind {
        Kind::Date => date_card(doc, ann, lang),
        k if k.is_quantity() => number_card(doc, ann, lang),
        _ => {
            let mut out = heading(&ann.canonical, ann.kind, lang);
            if !ann.attrs.is_empty() {
                out.push('\n');
                attribute_lines(&mut out, &ann.attrs, lang);
            }
            out
        }
    }
}

fn heading(name: &str, kind: Kind, lang: Lang) -> String {
    format!("**{}** — _{}_\n", md_escape(name), kind_label(kind, lang))
}

fn entity_card(
    snap: &Snapshot,
    doc: &Document,
    ann: &Annotation,
    view: &EntityCard,
    lang: Lang,
) -> String {
    let name = if view.name.is_empty() {
        &ann.canonical
    } else {
        &view.name
    };
    let mut out = heading(name, view.kind, lang);
    registry_lines(snap, &mut out, view, lang);

    if view.kind == Kind::Person && !view.titles.is_empty() {
        let _ = write!(out, "\n**{}**\n", pick(lang, "Chức danh", "Titles"));
        for (title, dates) in &view.titles {
            if dates.is_empty() {
                let _ = writeln!(out, "- {}", md_escape(title));
            } else {
                let _ = writeln!(out, "- {} · {}", md_escape(title), dates.join(", "));
            }
        }
    }

    // Facts recorded on any mention (issuer, level, expansion ...), first seen wins.
    let mut attrs: Vec<(String, String)> = Vec::new();
    for m in &view.first_mentions {
        let Some(d) = snap.corpus.get(&m.doc) else {
            continue;
        };
        // A closed article keeps its mentions' facts in the index.
        let facts = if d.lean {
            indexed_facts(snap, &m.doc, m.span, &view.id)
        } else {
            annotation_of(snap, &d.analysis.annotations, m.span, &view.id).map(|a| &a.attrs)
        };
        if let Some(facts) = facts {
            for (k, v) in facts {
                if !attrs.iter().any(|(x, _)| x == k) {
                    attrs.push((k.clone(), v.clone()));
                }
            }
        }
    }
    if !attrs.is_empty() {
        out.push('\n');
        attribute_lines(&mut out, &attrs, lang);
    }

    let inferred = view.inferred_count;
    let _ = write!(
        out,
        "\n{}",
        match lang {
            Lang::Vi => format!(
                "{} lần nhắc trong {} bài viết",
                view.mention_count, view.article_count
            ),
            Lang::En => format!(
                "{} mention{} in {} article{}",
                view.mention_count,
                plural(view.mention_count),
                view.article_count,
                plural(view.article_count)
            ),
        }
    );
    if inferred > 0 {
        let _ = write!(
            out,
            " ({inferred} {})",
            pick(
                lang,
                "suy ra từ chức danh hoặc tên gọi",
                "inferred from a title or given name"
            )
        );
    }
    out.push('\n');

    let list_title = if view.kind == Kind::Document {
        pick(lang, "Được nhắc đến trong", "Cited in")
    } else {
        pick(lang, "Bài viết", "Articles")
    };
    let _ = write!(out, "\n**{list_title}**\n");
    for article in &view.articles {
        let key = &article.doc;
        let Some(d) = snap.corpus.get(key) else {
            continue;
        };
        let p = snap.position(d, article.first.start);
        let date = d.date().unwrap_or_else(|| "????-??".to_string());
        let line = truncate(d.first_line(), FIRST_LINE_CHARS);
        let _ = write!(
            out,
            "- [{date} · {}]({}#L{},{})",
            md_escape(&line),
            key,
            p.line + 1,
            p.character + 1
        );
        if article.mentions > 1 {
            let _ = write!(
                out,
                " — {} {}",
                article.mentions,
                pick(lang, "lần", "mentions")
            );
        }
        out.push('\n');
    }
    if view.article_count > view.articles.len() {
        let more = view.article_count - view.articles.len();
        let _ = writeln!(
            out,
            "- {}",
            match lang {
                Lang::Vi => format!("… và {more} bài khác"),
                Lang::En => format!("… and {more} more"),
            }
        );
    }

    if ann.inferred {
        let _ = write!(out, "\n{}", inferred_note(snap, doc, ann, lang));
    }
    out
}

/// What the user's registry (`entities.json`) says: where the person is
/// declared, the note, the declared roles with their dates, other spellings.
fn registry_lines(snap: &Snapshot, out: &mut String, view: &EntityCard, lang: Lang) {
    if let Some(declared) = &view.declared {
        if let Some(d) = snap.corpus.get(&declared.doc) {
            let p = snap.position(d, declared.span.start);
            let file = declared.doc.rsplit('/').next().unwrap_or(&declared.doc);
            let _ = write!(
                out,
                "\n{} [{}]({}#L{},{})\n",
                pick(lang, "Khai báo trong", "Declared in"),
                md_escape(file),
                declared.doc,
                p.line + 1,
                p.character + 1
            );
        }
    }
    if let Some(note) = &view.note {
        let _ = write!(out, "\n> {}\n", md_escape(note).replace('\n', "\n> "));
    }
    if !view.roles.is_empty() {
        let _ = write!(
            out,
            "\n**{}**\n",
            pick(lang, "Vai trò đã khai báo", "Declared roles")
        );
        for r in &view.roles {
            let when = match (&r.from, &r.to) {
                (Some(f), Some(t)) => format!(" · {f} – {t}"),
                (Some(f), None) => match lang {
                    Lang::Vi => format!(" · từ {f}"),
                    Lang::En => format!(" · since {f}"),
                },
                (None, Some(t)) => match lang {
                    Lang::Vi => format!(" · đến {t}"),
                    Lang::En => format!(" · until {t}"),
                },
                (None, None) => String::new(),
            };
            let _ = writeln!(out, "- {}{when}", md_escape(&r.title));
        }
    }
    let others: Vec<&str> = view
        .spellings
        .iter()
        .map(String::as_str)
        .filter(|s| *s != view.name)
        .collect();
    if !others.is_empty() {
        let _ = write!(
            out,
            "\n{}: {}\n",
            pick(lang, "Cách viết khác", "Other spellings"),
            md_escape(&others.join(", "))
        );
    }
}

/// The facts the index keeps for the mention at `span` of entity `id` in the
/// article `key` (those of the entity's first mention in that article).
fn indexed_facts<'s>(
    snap: &'s Snapshot,
    key: &str,
    span: crate::core::Span,
    id: &str,
) -> Option<&'s Vec<(String, String)>> {
    let article = snap.corpus.index().per_doc.get(key)?;
    article
        .entities
        .iter()
        .find(|(e, _, m)| same_entity(snap, e, id) && m.spans.iter().any(|(s, _)| *s == span))
        .map(|(_, _, m)| &m.attrs)
}

/// Where an inferred mention comes from: the nearest named mention of the
/// same entity before it in the article (the holder the title refers back to).
fn inferred_note(snap: &Snapshot, doc: &Document, ann: &Annotation, lang: Lang) -> String {
    let named = doc
        .analysis
        .annotations
        .iter()
        .filter(|a| !a.inferred && same_entity(snap, &a.entity, &ann.entity))
        .filter(|a| a.span.start < ann.span.start)
        .max_by_key(|a| a.span.start)
        .map(|a| (doc.key.clone(), a.span))
        .or_else(|| {
            snap.corpus
                .definition(&ann.entity)
                .map(|m| (m.doc.clone(), m.span))
        });
    // A mention inferred from a title carries it; one inferred from a given
    // name ("ông Long", "ông Y Biêr") has none.
    let given_name = ann.titles.is_empty();
    let (from_vi, from_en) = if given_name {
        ("tên gọi", "the given name")
    } else {
        ("chức danh", "its title")
    };
    match named {
        Some((key, span)) => {
            let Some(d) = snap.corpus.get(&key) else {
                return String::new();
            };
            let p = snap.position(d, span.start);
            let text = md_escape(span.text(&d.text));
            let link = format!("{}#L{},{}", key, p.line + 1, p.character + 1);
            match lang {
                Lang::Vi => format!(
                    "_Nhắc đến này được suy ra từ {from_vi}, theo [«{text}» ở dòng {}]({link})._\n",
                    p.line + 1
                ),
                Lang::En => format!(
                    "_This mention is inferred from {from_en}, after [“{text}” on line {}]({link})._\n",
                    p.line + 1
                ),
            }
        }
        None => match lang {
            Lang::Vi => format!("_Nhắc đến này được suy ra từ {from_vi}._\n"),
            Lang::En => format!("_This mention is inferred from {from_en}._\n"),
        },
    }
}

/// The label of a fact shown on a card, or `None` for the recognisers'
/// internal flags (precision, multiplier, day/month parts ...), which the
/// card already renders in its own words.
fn attribute_label(key: &str, lang: Lang) -> Option<String> {
    let label = match key {
        "level" => pick(lang, "Cấp", "Level"),
        "province" => pick(lang, "Tỉnh, thành", "Province"),
        "place" => pick(lang, "Địa bàn", "Place"),
        "type" => pick(lang, "Loại văn bản", "Type"),
        "number" => pick(lang, "Số hiệu", "Number"),
        "issuer" => pick(lang, "Cơ quan ban hành", "Issued by"),
        "expansion" => pick(lang, "Viết đầy đủ", "Stands for"),
        "unit" => pick(lang, "Đơn vị", "Unit"),
        "meaning" => pick(lang, "Ý nghĩa", "Meaning"),
        "note" => pick(lang, "Ghi chú", "Note"),
        "role" | "roles" => pick(lang, "Vai trò", "Roles"),
        // Shown in the value line instead.
        "currency" | "multiplier" | "precision" | "day" | "month" | "year" | "percent"
        | "years" | "percent_value" | "ordinal" | "roman" | "year_inferred" | "invalid" | "of"
        | "calendar" => return None,
        other => return Some(other.to_string()),
    };
    Some(label.to_string())
}

fn attribute_lines(out: &mut String, attrs: &[(String, String)], lang: Lang) {
    for (k, v) in attrs {
        if let Some(label) = attribute_label(k, lang) {
            let _ = writeln!(out, "- {}: {}", md_escape(&label), md_escape(v));
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn date_card(doc: &Document, ann: &Annotation, lang: Lang) -> String {
    let written = ann.span.text(&doc.text);
    let mut out = heading(written, Kind::Date, lang);
    let is_header = doc.analysis.header.is_some_and(|h| h.span == ann.span);
    if is_header {
        let _ = writeln!(
            out,
            "\n{}",
            pick(
                lang,
                "Tháng đăng bài (dòng tiêu đề `date YYYY-MM`).",
                "Publication month (the `date YYYY-MM` header)."
            )
        );
    }
    let line = match (lunar_line(ann, lang), ann.canonical.split_once('/')) {
        (Some(lunar), _) => lunar,
        (None, Some((from, to))) => match (describe_date(from, lang), describe_date(to, lang)) {
            (Some(a), Some(b)) => match lang {
                Lang::Vi => format!("Khoảng thời gian từ {a} đến {b}"),
                Lang::En => format!("Period from {a} to {b}"),
            },
            _ => format!("**{}**", md_escape(&ann.canonical)),
        },
        (None, None) => {
            let d = describe_date(&ann.canonical, lang)
                .unwrap_or_else(|| format!("**{}**", md_escape(&ann.canonical)));
            let mut chars = d.chars();
            match chars.next() {
                Some(c) => c.to_uppercase().chain(chars).collect(),
                None => d,
            }
        }
    };
    let _ = writeln!(out, "\n{line}");
    if ann.attr("year_inferred").is_some() {
        let _ = writeln!(
            out,
            "\n_{}_",
            pick(
                lang,
                "Năm không được viết ra: suy từ tháng đăng bài.",
                "The year is not written: taken from the publication month."
            )
        );
    }
    attribute_lines(&mut out, &ann.attrs, lang);
    out
}

/// A lunar date, which is not converted: "Ngày 10 tháng 3 âm lịch năm 2024".
fn lunar_line(ann: &Annotation, lang: Lang) -> Option<String> {
    if ann.attr("calendar") != Some("lunar") {
        return None;
    }
    let (d, m) = (ann.attr("day")?, ann.attr("month")?);
    let y = ann.canonical.get(..4)?;
    Some(match lang {
        Lang::Vi => format!("Ngày {d} tháng {m} âm lịch năm {y} (không đổi sang dương lịch)"),
        Lang::En => format!(
            "Day {d} of month {m} of the lunar calendar, {y} (not converted to the solar calendar)"
        ),
    })
}

/// `2023-08-10` → "ngày **2023-08-10** (Thứ Năm, 10/8/2023)", `2023-08` → a
/// month, `2023` → a year; `None` for anything else.
fn describe_date(canonical: &str, lang: Lang) -> Option<String> {
    let nums: Vec<i32> = canonical
        .split('-')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    Some(match nums[..] {
        [y, m, d] => match weekday(y, m, d) {
            Some(w) => match lang {
                Lang::Vi => format!(
                    "ngày **{canonical}** ({}, ngày {d} tháng {m} năm {y})",
                    WEEKDAYS_VI[w]
                ),
                Lang::En => format!(
                    "date **{canonical}** ({}, {} {d}, {y})",
                    WEEKDAYS_EN[w],
                    MONTHS_EN[(m - 1) as usize]
                ),
            },
            None => match lang {
                Lang::Vi => format!("**{canonical}**: ngày này không tồn tại"),
                Lang::En => format!("**{canonical}**: no such date"),
            },
        },
        [y, m] if (1..=12).contains(&m) => match lang {
            Lang::Vi => format!("tháng **{canonical}** (tháng {m} năm {y})"),
            Lang::En => format!(
                "month **{canonical}** ({} {y})",
                MONTHS_EN[(m - 1) as usize]
            ),
        },
        [y] => match lang {
            Lang::Vi => format!("năm **{y}**"),
            Lang::En => format!("year **{y}**"),
        },
        _ => return None,
    })
}

const WEEKDAYS_VI: [&str; 7] = [
    "Chủ nhật",
    "Thứ Hai",
    "Thứ Ba",
    "Thứ Tư",
    "Thứ Năm",
    "Thứ Sáu",
    "Thứ Bảy",
];
const WEEKDAYS_EN: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn days_in_month(y: i32, m: i32) -> i32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Day of the week (0 = Sunday) of a Gregorian date, or `None` if it does not exist.
pub fn weekday(y: i32, m: i32, d: i32) -> Option<usize> {
    if !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return None;
    }
    // Sakamoto's method.
    const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if m < 3 { y - 1 } else { y };
    Some((y + y / 4 - y / 100 + y / 400 + T[(m - 1) as usize] + d).rem_euclid(7) as usize)
}

fn number_card(doc: &Document, ann: &Annotation, lang: Lang) -> String {
    let written = ann.span.text(&doc.text);
    let mut out = heading(written, ann.kind, lang);
    let fmt = |v: &str| format_canonical(v, lang);
    let is_percent = ann.kind == Kind::Percent || ann.attr("percent").is_some();
    let pct = |v: String| if is_percent { format!("{v}%") } else { v };
    let (value, meaning) = match ann.kind {
        Kind::Ratio => match ratio_parts(ann, written) {
            Some((a, b)) => {
                let pa = format_number(a, 4, lang);
                let pb = format_number(b, 4, lang);
                let p = ratio_percent(a, b, lang);
                let value = match &p {
                    Some(p) => format!("{pa}/{pb} = {p}"),
                    None => format!("{pa}/{pb}"),
                };
                let meaning = match lang {
                    Lang::Vi => format!("{pa} trên tổng số {pb}"),
                    Lang::En => format!("{pa} out of {pb}"),
                };
                (value, Some(meaning))
            }
            None => (fmt(&ann.canonical), None),
        },
        Kind::Rank => match ann.canonical.split_once('/') {
            Some((r, n)) => {
                let of = ann.attr("of").map(|u| format!(" {u}")).unwrap_or_default();
                let meaning = match lang {
                    Lang::Vi => format!("đứng thứ {} trên {}{of}", fmt(r), fmt(n)),
                    Lang::En => format!("ranked {} of {}{of}", fmt(r), fmt(n)),
                };
                (format!("{}/{}", fmt(r), fmt(n)), Some(meaning))
            }
            None => (
                fmt(&ann.canonical),
                Some(match lang {
                    Lang::Vi => format!("đứng thứ {}", fmt(&ann.canonical)),
                    Lang::En => format!("ranked {}", fmt(&ann.canonical)),
                }),
            ),
        },
        Kind::Range => match ann.canonical.split_once('-') {
            Some((lo, hi)) => {
                let (lo, hi) = (pct(fmt(lo)), pct(fmt(hi)));
                let meaning = match lang {
                    Lang::Vi => format!("từ {lo} đến {hi}"),
                    Lang::En => format!("from {lo} to {hi}"),
                };
                (format!("{lo} – {hi}"), Some(meaning))
            }
            None => (ann.canonical.clone(), None),
        },
        Kind::Number if ann.attr("roman").is_some() => (
            fmt(&ann.canonical),
            Some(
                pick(
                    lang,
                    "số thứ tự viết bằng số La Mã",
                    "an ordinal in Roman numerals",
                )
                .to_string(),
            ),
        ),
        Kind::Number if ann.attr("ordinal").is_some() => (
            fmt(&ann.canonical),
            Some(pick(lang, "số thứ tự", "an ordinal").to_string()),
        ),
        Kind::Money => match ann.attr("currency") {
            Some(c) => (format!("{} {c}", fmt(&ann.canonical)), None),
            None => (fmt(&ann.canonical), None),
        },
        _ => (pct(fmt(&ann.canonical)), None),
    };
    if !value.is_empty() {
        let _ = writeln!(
            out,
            "\n- {}: {}",
            pick(lang, "Giá trị", "Value"),
            md_escape(&value)
        );
    }
    if let Some(m) = meaning {
        let _ = writeln!(
            out,
            "- {}: {}",
            pick(lang, "Ý nghĩa", "Meaning"),
            md_escape(&m)
        );
    }
    attribute_lines(&mut out, &ann.attrs, lang);

    let checks: Vec<_> = doc
        .analysis
        .explanations
        .iter()
        .filter(|e| {
            e.spans
                .iter()
                .any(|s| s.start < ann.span.end && ann.span.start < s.end)
        })
        .collect();
    if !checks.is_empty() {
        let _ = write!(out, "\n**{}**\n", pick(lang, "Kiểm tra", "Check"));
        for e in checks {
            // Every line starts with its mark; a mark the check wrote at the
            // end moves to the front, one written mid-sentence stays there.
            let text = e.text.get(lang).trim();
            let bare = text.trim_end_matches(['✓', '✗', ' ']);
            if bare.contains(['✓', '✗']) {
                let _ = writeln!(out, "- {}", md_escape(text));
            } else {
                let mark = if e.ok { "✓" } else { "✗" };
                let _ = writeln!(out, "- {mark} {}", md_escape(bare));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;
    use crate::config::Settings;
    use crate::position::Encoding;
    use expect_test::expect;
    use tower_lsp_server::ls_types::{
        Position, TextDocumentIdentifier, TextDocumentPositionParams,
    };

    fn hover_at(snap: &Snapshot, key: &str, needle: &str, nth: usize) -> Option<Hover> {
        let params = HoverParams {
            text_document_position_params: TextDocumentPositionParams {
                text_document: TextDocumentIdentifier { uri: uri(key) },
                position: pos(snap, key, needle, nth, 1),
            },
            work_done_progress_params: Default::default(),
        };
        hover(snap, &params)
    }

    fn markdown(h: &Hover) -> &str {
        match &h.contents {
            HoverContents::Markup(m) => {
                assert_eq!(m.kind, MarkupKind::Markdown);
                &m.value
            }
            other => panic!("not markup: {other:?}"),
        }
    }

    fn english() -> Snapshot {
        snapshot(
            vec![article_a().build(), article_b().build()],
            Settings {
                language: Lang::En,
                ..Settings::default()
            },
            Encoding::Utf16,
        )
    }

    #[test]
    fn person_card_in_vietnamese() {
        let snap = two_articles();
        let h = hover_at(&snap, B, "Tô Lâm", 1).unwrap();
        expect![[r#"
            **Tô Lâm** — _người_

            **Chức danh**
            - Đại tướng · 2023-08
            - Ủy viên Bộ Chính trị · 2023-08
            - Bộ trưởng Bộ Công an · 2023-08
            - Bộ trưởng · 2024-02

            4 lần nhắc trong 2 bài viết (1 suy ra từ chức danh hoặc tên gọi)

            **Bài viết**
            - [2023-08 · Sáng 10/8, Đại tướng Tô Lâm, Ủy viên Bộ Chính trị, Bộ trưởng Bộ Công an, làm việ…](file:///ws/a.txt#L1,36) — 2 lần
            - [2024-02 · Chiều 5/2, Bộ trưởng Tô Lâm thăm tỉnh Lào Cai và nhắc lại Quy định 90 của Ban Bí…](file:///ws/b.txt#L1,36) — 2 lần
        "#]]
        .assert_eq(markdown(&h));
        // The hover range is the mention under the cursor (second line of B).
        let r = h.range.unwrap();
        assert_eq!(r.start, Position::new(2, 9));
        assert_eq!(r.end, Position::new(2, 15));
    }

    #[test]
    fn inferred_mention_says_where_it_comes_from_in_english() {
        let snap = english();
        let h = hover_at(&snap, A, "Bộ trưởng Bộ Công an", 1).unwrap();
        expect![[r#"
            **Tô Lâm** — _person_

            **Titles**
            - Đại tướng · 2023-08
            - Ủy viên Bộ Chính trị · 2023-08
            - Bộ trưởng Bộ Công an · 2023-08
            - Bộ trưởng · 2024-02

            4 mentions in 2 articles (1 inferred from a title or given name)

            **Articles**
            - [2023-08 · Sáng 10/8, Đại tướng Tô Lâm, Ủy viên Bộ Chính trị, Bộ trưởng Bộ Công an, làm việ…](file:///ws/a.txt#L1,36) — 2 mentions
            - [2024-02 · Chiều 5/2, Bộ trưởng Tô Lâm thăm tỉnh Lào Cai và nhắc lại Quy định 90 của Ban Bí…](file:///ws/b.txt#L1,36) — 2 mentions

            _This mention is inferred from its title, after [“Tô Lâm” on line 1](file:///ws/a.txt#L1,36)._
        "#]]
        .assert_eq(markdown(&h));
    }

    #[test]
    fn a_given_name_of_several_words_says_so() {
        let text = " date 2024-05\nÔng Y Biêr Niê, Chủ tịch HĐND tỉnh, dự họp. Theo ông Y Biêr, cần làm ngay.";
        let doc = crate::corpus::Document::new(A.into(), text.to_string());
        let snap = snapshot(vec![doc], Settings::default(), Encoding::Utf16);
        let h = hover_at(&snap, A, "Y Biêr,", 0).unwrap();
        let md = markdown(&h);
        assert!(md.starts_with("**Y Biêr Niê** — _người_"), "{md}");
        assert!(
            md.contains("_Nhắc đến này được suy ra từ tên gọi, theo [«Y Biêr Niê» ở dòng 2]"),
            "{md}"
        );
    }

    #[test]
    fn document_and_place_cards() {
        let snap = two_articles();
        let h = hover_at(&snap, B, "Quy định 90", 0).unwrap();
        expect![[r#"
            **Quy định 90** — _văn bản_

            - Loại văn bản: Quy định
            - Số hiệu: 90
            - Cơ quan ban hành: Ban Bí thư

            1 lần nhắc trong 1 bài viết

            **Được nhắc đến trong**
            - [2024-02 · Chiều 5/2, Bộ trưởng Tô Lâm thăm tỉnh Lào Cai và nhắc lại Quy định 90 của Ban Bí…](file:///ws/b.txt#L1,73)
        "#]]
        .assert_eq(markdown(&h));
        let h = hover_at(&snap, B, "Lạng Sơn", 0).unwrap();
        expect![[r#"
            **Lạng Sơn** — _địa danh_

            - Cấp: tỉnh

            2 lần nhắc trong 2 bài viết

            **Bài viết**
            - [2023-08 · Sáng 10/8, Đại tướng Tô Lâm, Ủy viên Bộ Chính trị, Bộ trưởng Bộ Công an, làm việ…](file:///ws/a.txt#L1,114)
            - [2024-02 · Chiều 5/2, Bộ trưởng Tô Lâm thăm tỉnh Lào Cai và nhắc lại Quy định 90 của Ban Bí…](file:///ws/b.txt#L3,25)
        "#]]
        .assert_eq(markdown(&h));
    }

    #[test]
    fn date_cards_with_weekday() {
        let snap = two_articles();
        expect![[r#"
            **10/8** — _ngày tháng_

            Ngày **2023-08-10** (Thứ Năm, ngày 10 tháng 8 năm 2023)
        "#]]
        .assert_eq(markdown(&hover_at(&snap, A, "10/8", 0).unwrap()));
        expect![[r#"
            **date 2023-08** — _ngày tháng_

            Tháng đăng bài (dòng tiêu đề `date YYYY-MM`).

            Tháng **2023-08** (tháng 8 năm 2023)
        "#]]
        .assert_eq(markdown(&hover_at(&snap, A, "date", 0).unwrap()));
        let snap = english();
        expect![[r#"
            **5/2** — _date_

            Date **2024-02-05** (Monday, February 5, 2024)
        "#]]
        .assert_eq(markdown(&hover_at(&snap, B, "5/2", 0).unwrap()));
    }

    #[test]
    fn lunar_dates_are_not_given_a_weekday() {
        let text = " date 2024-03 Giỗ Tổ ngày 10/3 âm lịch.";
        let doc = Fixture::new(A, text)
            .ann("10/3", 0, Kind::Date, "2024-03-10", "")
            .with(|a| {
                a.attrs = vec![
                    ("precision".into(), "day".into()),
                    ("day".into(), "10".into()),
                    ("month".into(), "3".into()),
                    ("year_inferred".into(), "true".into()),
                    ("calendar".into(), "lunar".into()),
                ]
            })
            .build();
        let snap = snapshot(vec![doc], Settings::default(), Encoding::Utf16);
        expect![[r#"
            **10/3** — _ngày tháng_

            Ngày 10 tháng 3 âm lịch năm 2024 (không đổi sang dương lịch)

            _Năm không được viết ra: suy từ tháng đăng bài._
        "#]]
        .assert_eq(markdown(&hover_at(&snap, A, "10/3", 0).unwrap()));
    }

    #[test]
    fn number_cards_show_the_arithmetic() {
        let snap = two_articles();
        expect![[r#"
            **23,25%** — _tỷ lệ phần trăm_

            - Giá trị: 23,25%

            **Kiểm tra**
            - ✓ 274 + 83 = 357 vụ năm trước; 83 / 357 = 23,25 %
        "#]]
        .assert_eq(markdown(&hover_at(&snap, A, "23,25%", 0).unwrap()));
        expect![[r#"
            **660.000/660.000** — _tỷ số A/B_

            - Giá trị: 660.000/660.000 = 100%
            - Ý nghĩa: 660.000 trên tổng số 660.000
            - Đơn vị: tài khoản
        "#]]
        .assert_eq(markdown(&hover_at(&snap, A, "660.000", 0).unwrap()));
        let snap = english();
        expect![[r#"
            **274 vụ** — _number_

            - Value: 274
            - Unit: vụ

            **Check**
            - ✓ 274 + 83 = 357 cases the year before; 83 / 357 = 23.25 %
        "#]]
        .assert_eq(markdown(&hover_at(&snap, A, "274", 0).unwrap()));
    }

    #[test]
    fn ranks_ranges_periods_and_hidden_flags() {
        let text = " date 2024-01 Tỉnh xếp thứ 7/63 tỉnh, thành; tăng 5% - 10%; 7 tháng đầu năm 2023; ngày 20/12; 1.500 tỷ đồng.";
        let doc = Fixture::new(A, text)
            .ann("7/63", 0, Kind::Rank, "7/63", "")
            .with(|a| a.attrs = vec![("of".into(), "tỉnh, thành".into())])
            .ann("5% - 10%", 0, Kind::Range, "5-10", "")
            .with(|a| a.attrs = vec![("percent".into(), "true".into())])
            .ann("7 tháng đầu năm 2023", 0, Kind::Date, "2023-01/2023-07", "")
            .with(|a| a.attrs = vec![("precision".into(), "period".into())])
            .ann("20/12", 0, Kind::Date, "2023-12-20", "")
            .with(|a| {
                a.attrs = vec![
                    ("precision".into(), "day".into()),
                    ("day".into(), "20".into()),
                    ("month".into(), "12".into()),
                    ("year_inferred".into(), "true".into()),
                ]
            })
            .ann("1.500 tỷ đồng", 0, Kind::Money, "1500000000000", "")
            .with(|a| {
                a.attrs = vec![
                    ("currency".into(), "đồng".into()),
                    ("multiplier".into(), "1e9".into()),
                ]
            })
            .build();
        let snap = snapshot(vec![doc], Settings::default(), Encoding::Utf16);
        let cards: Vec<String> = ["7/63", "5%", "7 tháng", "20/12", "1.500"]
            .iter()
            .map(|n| markdown(&hover_at(&snap, A, n, 0).unwrap()).to_string())
            .collect();
        expect![[r#"
            **7/63** — _thứ hạng_

            - Giá trị: 7/63
            - Ý nghĩa: đứng thứ 7 trên 63 tỉnh, thành

            ----
            **5% - 10%** — _khoảng giá trị_

            - Giá trị: 5% – 10%
            - Ý nghĩa: từ 5% đến 10%

            ----
            **7 tháng đầu năm 2023** — _ngày tháng_

            Khoảng thời gian từ tháng **2023-01** (tháng 1 năm 2023) đến tháng **2023-07** (tháng 7 năm 2023)

            ----
            **20/12** — _ngày tháng_

            Ngày **2023-12-20** (Thứ Tư, ngày 20 tháng 12 năm 2023)

            _Năm không được viết ra: suy từ tháng đăng bài._

            ----
            **1.500 tỷ đồng** — _số tiền_

            - Giá trị: 1.500.000.000.000 đồng
        "#]].assert_eq(&cards.join("\n----\n"));
    }

    #[test]
    fn failed_check_is_marked() {
        let doc = Fixture::new(
            A,
            " date 2023-08 Có 10/8 tài khoản được kích hoạt, đạt 90%.",
        )
        .ann("90%", 0, Kind::Percent, "90", "")
        .ann("10/8", 0, Kind::Ratio, "10/8", "")
        .explanation(
            &[("10/8", 0), ("90%", 0)],
            "10 / 8 = 125 %, không phải 90 % ✗",
            "10 / 8 = 125 %, not 90 % ✗",
            false,
        )
        .build();
        let snap = snapshot(vec![doc], Settings::default(), Encoding::Utf8);
        expect![[r#"
            **90%** — _tỷ lệ phần trăm_

            - Giá trị: 90%

            **Kiểm tra**
            - ✗ 10 / 8 = 125 %, không phải 90 %
        "#]]
        .assert_eq(markdown(&hover_at(&snap, A, "90%", 0).unwrap()));
    }

    #[test]
    fn acronym_card_gives_the_expansion() {
        let doc = Fixture::new(A, " date 2023-08 UBND tỉnh và lực lượng CAND cùng dự.")
            .ann("UBND", 0, Kind::Acronym, "UBND", "acronym:ubnd")
            .with(|a| a.attrs = vec![("expansion".into(), "Ủy ban nhân dân".into())])
            .ann("CAND", 0, Kind::Acronym, "CAND", "")
            .with(|a| a.attrs = vec![("expansion".into(), "Công an nhân dân".into())])
            .build();
        let snap = snapshot(vec![doc], Settings::default(), Encoding::Utf16);
        expect![[r#"
            **UBND** — _từ viết tắt_

            - Viết đầy đủ: Ủy ban nhân dân

            1 lần nhắc trong 1 bài viết

            **Bài viết**
            - [2023-08 · UBND tỉnh và lực lượng CAND cùng dự.](file:///ws/a.txt#L1,15)
        "#]]
        .assert_eq(markdown(&hover_at(&snap, A, "UBND", 0).unwrap()));
        // Without a linking id: the annotation's own facts.
        expect![[r#"
            **CAND** — _từ viết tắt_

            - Viết đầy đủ: Công an nhân dân
        "#]]
        .assert_eq(markdown(&hover_at(&snap, A, "CAND", 0).unwrap()));
    }

    #[test]
    fn nothing_outside_annotations() {
        let snap = two_articles();
        assert!(hover_at(&snap, A, "làm việc", 0).is_none());
        let missing = HoverParams {
            text_document_position_params: TextDocumentPositionParams {
                text_document: TextDocumentIdentifier {
                    uri: uri("file:///ws/none.txt"),
                },
                position: Position::new(0, 0),
            },
            work_done_progress_params: Default::default(),
        };
        assert!(hover(&snap, &missing).is_none());
    }

    #[test]
    fn weekdays() {
        assert_eq!(weekday(2023, 8, 10), Some(4));
        assert_eq!(weekday(2024, 2, 29), Some(4));
        assert_eq!(weekday(2000, 1, 1), Some(6));
        assert_eq!(weekday(2023, 2, 29), None);
        assert_eq!(weekday(2023, 4, 31), None);
    }

    #[test]
    fn registry_facts_on_the_person_card() {
        let snap = with_registry(Settings::default());
        let card = markdown(&hover_at(&snap, C, "To Lam", 0).unwrap()).to_string();
        expect![[r#"
            **Tô Lâm** — _người_

            Khai báo trong [entities.json](file:///ws/entities.json#L4,16)

            > Chức vụ theo thông cáo chính thức.

            **Vai trò đã khai báo**
            - Bộ trưởng Bộ Công an · 2016-04 – 2024-05
            - Đại tướng · từ 2019-01

            Cách viết khác: To Lam

            **Chức danh**
            - Đại tướng · 2023-08
            - Ủy viên Bộ Chính trị · 2023-08
            - Bộ trưởng Bộ Công an · 2023-08
            - Bộ trưởng · 2024-02

            5 lần nhắc trong 3 bài viết (1 suy ra từ chức danh hoặc tên gọi)

            **Bài viết**
            - [2023-08 · Sáng 10/8, Đại tướng Tô Lâm, Ủy viên Bộ Chính trị, Bộ trưởng Bộ Công an, làm việ…](file:///ws/a.txt#L1,36) — 2 lần
            - [2024-02 · Chiều 5/2, Bộ trưởng Tô Lâm thăm tỉnh Lào Cai và nhắc lại Quy định 90 của Ban Bí…](file:///ws/b.txt#L1,36) — 2 lần
            - [2024-05 · Ong To Lam tiep doan cong tac.](file:///ws/c.txt#L1,19)
        "#]].assert_eq(&card);
    }
}

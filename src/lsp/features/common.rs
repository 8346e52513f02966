//! Helpers shared by the request handlers: finding the annotation under the
//! cursor, labels in both languages, number formatting, Markdown escaping.

use crate::core::{Annotation, Kind, Lang, Span};
use crate::corpus::{Document, Mention};
use crate::lsp::snapshot::Snapshot;
use std::sync::Arc;
use tower_lsp_server::ls_types::{Location, Position, Uri};

/// The document at `uri`, the byte offset of `pos` in it, and the annotation
/// under that offset (innermost; entities win over numbers).
pub fn annotation_at<'s>(
    snap: &'s Snapshot,
    uri: &Uri,
    pos: Position,
) -> Option<(&'s Arc<Document>, &'s Annotation)> {
    let doc = snap.doc(uri)?;
    let offset = snap.offset(doc, pos);
    let ann = doc.annotation_at(offset)?;
    Some((doc, ann))
}

/// The entity annotation under the cursor (one with a linking id).
pub fn entity_at<'s>(
    snap: &'s Snapshot,
    uri: &Uri,
    pos: Position,
) -> Option<(&'s Arc<Document>, &'s Annotation)> {
    let doc = snap.doc(uri)?;
    let offset = snap.offset(doc, pos);
    doc.analysis
        .annotations
        .iter()
        .filter(|a| a.span.touches(offset) && !a.entity.is_empty())
        .min_by_key(|a| a.span.len())
        .map(|a| (doc, a))
}

/// True when two linking ids name the same entity (a registry alias
/// resolves to its declared person).
pub fn same_entity(snap: &Snapshot, a: &str, b: &str) -> bool {
    !a.is_empty() && (a == b || snap.corpus.resolve(a) == snap.corpus.resolve(b))
}

/// The annotation behind a mention of entity `id` (same span, same entity),
/// among a document's annotations (`Document::annotations`).
pub fn annotation_of<'a>(
    snap: &Snapshot,
    anns: &'a [Annotation],
    span: Span,
    id: &str,
) -> Option<&'a Annotation> {
    let first = anns.partition_point(|a| a.span.start < span.start);
    anns[first..]
        .iter()
        .take_while(|a| a.span.start == span.start)
        .find(|a| a.span == span && same_entity(snap, &a.entity, id))
}

/// The LSP location of a mention, when its document is still in the corpus.
pub fn location(snap: &Snapshot, mention: &Mention) -> Option<Location> {
    let doc = snap.corpus.get(&mention.doc)?;
    Some(Location {
        uri: snap.uri(&mention.doc)?,
        range: snap.range(doc, mention.span),
    })
}

pub fn pick(lang: Lang, vi: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// What a kind is called in a hover card or a symbol detail.
pub fn kind_label(kind: Kind, lang: Lang) -> &'static str {
    match kind {
        Kind::Person => pick(lang, "người", "person"),
        Kind::Place => pick(lang, "địa danh", "place"),
        Kind::Organization => pick(lang, "tổ chức", "organization"),
        Kind::Document => pick(lang, "văn bản", "document"),
        Kind::Acronym => pick(lang, "từ viết tắt", "acronym"),
        Kind::Date => pick(lang, "ngày tháng", "date"),
        Kind::Number => pick(lang, "số lượng", "number"),
        Kind::Percent => pick(lang, "tỷ lệ phần trăm", "percentage"),
        Kind::Money => pick(lang, "số tiền", "amount of money"),
        Kind::Ratio => pick(lang, "tỷ số A/B", "ratio A/B"),
        Kind::Rank => pick(lang, "thứ hạng", "rank"),
        Kind::Range => pick(lang, "khoảng giá trị", "range"),
    }
}

/// Escapes the characters Markdown would interpret, for text quoted from articles.
pub fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// At most `max` characters of `s`, with an ellipsis when cut.
pub fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", s[..i].trim_end()),
        None => s.to_string(),
    }
}

/// Parses a number written the Vietnamese way (`.` groups thousands, `,` is
/// the decimal mark): `660.000` → 660000, `23,25` → 23.25. Also accepts a
/// plain machine number (`6.95` with one dot and not three digits after it).
pub fn parse_vi_number(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty()
        || !s
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return None;
    }
    if !s.as_bytes()[0].is_ascii_digit() {
        return None;
    }
    let (int, frac) = match s.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let groups: Vec<&str> = int.split('.').collect();
    let int_digits: String =
        if groups.len() > 1 && groups[1..].iter().all(|g| g.len() == 3) && !groups[0].is_empty() {
            groups.concat()
        } else if groups.len() == 2 && frac.is_none() {
            // A machine decimal such as `6.95`.
            return s.parse().ok();
        } else if groups.len() == 1 {
            int.to_string()
        } else {
            return None;
        };
    let text = match frac {
        Some(f) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => {
            format!("{int_digits}.{f}")
        }
        Some(_) => return None,
        None => int_digits,
    };
    text.parse().ok()
}

/// Formats a value for people: thousands grouped and the decimal mark of the
/// language (`1.500.000` and `23,25` in Vietnamese, `1,500,000` and `23.25` in English),
/// with at most `decimals` decimals and no trailing zeros.
pub fn format_number(value: f64, decimals: usize, lang: Lang) -> String {
    let (group, mark) = match lang {
        Lang::Vi => ('.', ','),
        Lang::En => (',', '.'),
    };
    let text = format!("{:.*}", decimals, value.abs());
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, f.trim_end_matches('0')),
        None => (text.as_str(), ""),
    };
    let mut out = String::new();
    if value < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        out.push('-');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(mark);
        out.push_str(frac);
    }
    out
}

/// Formats a canonical (machine) value such as `660000` or `6.95` for people;
/// anything else is returned unchanged.
pub fn format_canonical(canonical: &str, lang: Lang) -> String {
    let is_machine = !canonical.is_empty()
        && canonical
            .trim_start_matches('-')
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.')
        && canonical.matches('.').count() <= 1;
    match canonical.parse::<f64>() {
        Ok(v) if is_machine => {
            let decimals = canonical.split_once('.').map_or(0, |(_, f)| f.len());
            format_number(v, decimals, lang)
        }
        _ => canonical.to_string(),
    }
}

/// The two sides of an `A/B` ratio, from its canonical value or its text.
pub fn ratio_parts(ann: &Annotation, text: &str) -> Option<(f64, f64)> {
    if let Some((a, b)) = ann.canonical.split_once('/') {
        if let (Ok(a), Ok(b)) = (a.trim().parse::<f64>(), b.trim().parse::<f64>()) {
            return Some((a, b));
        }
    }
    let (left, right) = text.split_once('/')?;
    let a = left
        .rsplit(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .next()?;
    let b = right
        .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .next()?;
    let a = a.trim_end_matches(['.', ',']);
    let b = b.trim_end_matches(['.', ',']);
    Some((parse_vi_number(a)?, parse_vi_number(b)?))
}

/// `A/B` as a percentage for people (`23,25%`), two decimals at most.
pub fn ratio_percent(a: f64, b: f64, lang: Lang) -> Option<String> {
    (b != 0.0).then(|| format!("{}%", format_number(a / b * 100.0, 2, lang)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_numbers() {
        assert_eq!(parse_vi_number("660.000"), Some(660000.0));
        assert_eq!(parse_vi_number("1.199"), Some(1199.0));
        assert_eq!(parse_vi_number("23,25"), Some(23.25));
        assert_eq!(parse_vi_number("1.500,5"), Some(1500.5));
        assert_eq!(parse_vi_number("6.95"), Some(6.95));
        assert_eq!(parse_vi_number("63"), Some(63.0));
        assert_eq!(parse_vi_number("1.2.3"), None);
        assert_eq!(parse_vi_number("abc"), None);
        assert_eq!(parse_vi_number(""), None);
    }

    #[test]
    fn formatting_follows_the_language() {
        assert_eq!(format_number(1_500_000.0, 0, Lang::Vi), "1.500.000");
        assert_eq!(format_number(1_500_000.0, 0, Lang::En), "1,500,000");
        assert_eq!(format_number(23.2493, 2, Lang::Vi), "23,25");
        assert_eq!(format_number(100.0, 2, Lang::Vi), "100");
        assert_eq!(format_canonical("6.95", Lang::Vi), "6,95");
        assert_eq!(format_canonical("660000", Lang::En), "660,000");
        assert_eq!(format_canonical("50..70", Lang::Vi), "50..70");
        assert_eq!(ratio_percent(83.0, 357.0, Lang::Vi).unwrap(), "23,25%");
        assert_eq!(ratio_percent(1.0, 0.0, Lang::Vi), None);
    }

    #[test]
    fn ratio_from_text() {
        let ann = Annotation::new(Span::new(0, 15), Kind::Ratio, "");
        assert_eq!(
            ratio_parts(&ann, "660.000/660.000"),
            Some((660000.0, 660000.0))
        );
        let ann = Annotation::new(Span::new(0, 5), Kind::Ratio, "7/9");
        assert_eq!(ratio_parts(&ann, "bảy"), Some((7.0, 9.0)));
    }

    #[test]
    fn escaping_and_truncation() {
        assert_eq!(md_escape("a*b_[c]"), "a\\*b\\_\\[c\\]");
        assert_eq!(truncate("Tô Lâm đã tới", 6), "Tô Lâm…");
        assert_eq!(truncate("ngắn", 10), "ngắn");
    }
}

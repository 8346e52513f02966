//! Vietnamese quantities and dates: numbers, percentages, money, ratios,
//! ranks, ranges, and day/month/year mentions resolved against the header.
//!
//! Conventions: `.` groups thousands and `,` is the decimal mark (`660.000`,
//! `6,95%`); a literal such as `1.5` that fits neither is left alone. Values
//! are exact ([`Dec`]); `canonical` is the plain decimal (`1500000000000`).
//!
//! How `A/B` is read, first rule that applies:
//! 1. `A/B/YYYY` is a day/month/year date, and `M/YYYY` a month.
//! 2. after `thứ` or `hạng` it is a rank (`thứ 7/63`);
//! 3. followed by a count noun it is a ratio of counts (`340.000/340.000 tài khoản`);
//! 4. after a time-of-day or date word (`Sáng 10/8`, `ngày 30/2`, `chiều 12/1`),
//!    or in parentheses, it is a day/month date;
//! 5. otherwise a ratio (`660.000/660.000`, `24/7`).
//!
//! A day/month without a year takes the header's year when its month is not
//! later than the header's month, and the previous year otherwise: an article
//! dated 2024-01 that says "ngày 20/12" reports on 2023-12-20. Such dates carry
//! `("year_inferred", "true")` and are never reported as after publication.

pub mod decimal;
mod lexicon;

pub use decimal::{Dec, Ratio};
pub use lexicon::{phrase_at, prev_words, skip_spaces, unit_at, PrevWords};

use crate::core::text::Prepared;
use crate::core::types::{Annotation, Header, Kind, Span};
use lexicon::*;
use std::borrow::Cow;

/// Recognises the quantities and dates of one article. Spans refer to `prepared.original`.
pub fn recognize(prepared: &Prepared<'_>, header: Option<&Header>) -> Vec<Annotation> {
    let mut out = scan(&prepared.norm, header);
    for a in &mut out {
        a.span = prepared.to_original(a.span);
    }
    out
}

/// Recognises on normalised text; spans refer to `text`.
pub fn scan(text: &str, header: Option<&Header>) -> Vec<Annotation> {
    // Skip the header line's own `date YYYY-MM`.
    let body_start = match header {
        Some(h) => h.span.end.min(text.len()),
        None => 0,
    };
    let lits = literals(text, body_start);
    let mut out = Vec::new();
    let mut i = 0;
    while i < lits.len() {
        let (ann, used) = classify(text, &lits, i, header);
        out.extend(ann);
        i += used.max(1);
    }
    dates_across_dashes(text, &mut out, header);
    out.extend(roman_ordinals(text, body_start));
    quarters(text, body_start, header, &mut out);
    out.sort_by_key(|a| (a.span.start, std::cmp::Reverse(a.span.end)));
    lunar_dates(text, &mut out);
    if let Some(h) = header {
        upcoming_dates(text, &mut out, h);
    }
    out
}

/// "ngày 10/3 âm lịch", "30/2 (âm lịch)", "15/7 ÂL": a day of the lunar
/// calendar (`calendar=lunar`), whose months have 29 or 30 days. It is not
/// converted to the solar calendar, so it is never after the publication.
fn lunar_dates(text: &str, out: &mut [Annotation]) {
    for a in out.iter_mut() {
        if a.kind != Kind::Date || a.attr("precision") != Some("day") {
            continue;
        }
        let after = text[a.span.end..].trim_start_matches([' ', '(']);
        let lunar = ["âm lịch", "Âm lịch", "ÂL"].iter().any(|w| {
            after.starts_with(w) && !after[w.len()..].starts_with(|c: char| c.is_alphanumeric())
        });
        if !lunar {
            continue;
        }
        a.attrs.push(("calendar".into(), "lunar".into()));
        if let Some((d, m)) = day_and_month(a) {
            a.attrs.retain(|(k, _)| k != "invalid");
            if !(1..=30).contains(&d) || !(1..=12).contains(&m) {
                a.attrs.push(("invalid".into(), "true".into()));
            }
        }
    }
}

/// Words before a date in its clause that put it ahead of the publication
/// ("sẽ diễn ra ngày 18/9", "hoàn thành trước ngày 15/10").
const AHEAD_BEFORE: &[&str] = &[
    "sẽ",
    "dự kiến",
    "trước ngày",
    "hạn chót",
    "chậm nhất",
    "sắp tới",
    "sắp diễn ra",
    "phấn đấu",
    "dự định",
];

/// Words right after a date that put it ahead ("ngày 15/11 tới"); "tới"
/// only on its own ("tới nay", "tới ngày" say until).
const AHEAD_AFTER: &[&str] = &["sắp tới", "tới đây", "năm nay", "tới"];

/// What after "tới" makes it "until", not "coming".
const UNTIL: &[&str] = &[
    "nay", "ngày", "hết", "cuối", "đầu", "khi", "lúc", "tháng", "năm",
];

/// A day or month without a year, later in the year than the header's month,
/// is taken to be last year's ([`infer_year`]) — unless the article looks
/// ahead to it (see [`AHEAD_BEFORE`], [`AHEAD_AFTER`]), or it ends a span
/// that starts this year ("từ ngày 15/10 đến ngày 31/12" in October).
fn upcoming_dates(text: &str, out: &mut [Annotation], header: &Header) {
    use crate::core::text::{contains_word, last_word_at};
    // The last date seen: its end, its start and its year.
    let mut previous: Option<(usize, usize, i32)> = None;
    for a in out.iter_mut() {
        if a.kind != Kind::Date {
            continue;
        }
        let year: Option<i32> = a.canonical.get(..4).and_then(|y| y.parse().ok());
        let last_year = a.attr("year_inferred").is_some() && year == Some(header.year - 1);
        if last_year {
            let clause_start = text[..a.span.start]
                .rfind(['.', ';', '\n', '!', '?'])
                .map_or(0, |i| i + 1);
            let before = crate::core::text::lowercase(&text[clause_start..a.span.start]);
            // A look ahead, unless "đã" (done) comes after it ("sẽ … như đã
            // làm từ ngày 15/11"); a deadline with "đã" anywhere before it
            // was met ("đã hoàn thành trước ngày 20/12").
            let deadline = ["trước ngày", "hạn chót", "chậm nhất"]
                .iter()
                .any(|w| contains_word(&before, w));
            let ahead_before = AHEAD_BEFORE
                .iter()
                .filter_map(|w| last_word_at(&before, w).map(|i| i + w.len()))
                .max()
                .is_some_and(|end| !contains_word(&before[end..], "đã"))
                && !(deadline && contains_word(&before, "đã"));
            let ahead_after = any_phrase_at(text, a.span.end, AHEAD_AFTER)
                .is_some_and(|(w, e)| w != "tới" || any_phrase_at(text, e, UNTIL).is_none());
            // The end of "từ ngày 15/10 đến ngày 31/12" whose start is this year's.
            let span_end = previous.is_some_and(|(at, from, y)| {
                y == header.year
                    && at >= clause_start
                    && {
                        let opening = text[..from].trim_end();
                        opening.ends_with("từ") || opening.ends_with("từ ngày")
                    }
                    && matches!(
                        text[at..a.span.start].trim(),
                        "đến" | "đến ngày" | "tới" | "tới ngày" | "-" | "–"
                    )
            });
            if ahead_before || ahead_after || span_end {
                set_year(a, header.year);
            }
        }
        let year = a.canonical.get(..4).and_then(|y| y.parse().ok());
        if let Some(y) = year {
            previous = Some((a.span.end, a.span.start, y));
        }
    }
}

/// Moves an inferred date to `year`, unless that would make a real day
/// ("29/2" of a leap year) impossible.
fn set_year(a: &mut Annotation, year: i32) {
    if let (Some((d, m)), None) = (day_and_month(a), a.attr("calendar")) {
        if d > days_in_month(m, year) && a.attr("invalid").is_none() {
            return;
        }
    }
    a.canonical = format!("{year:04}{}", &a.canonical[4..]);
}

/// The day and month of a date annotation of `day` precision.
pub fn day_and_month(a: &Annotation) -> Option<(u32, u32)> {
    Some((a.attr("day")?.parse().ok()?, a.attr("month")?.parse().ok()?))
}

/// The exact value of a quantity annotation (`number`, `percent`, `money`).
pub fn value(a: &Annotation) -> Option<Dec> {
    match a.kind {
        Kind::Number | Kind::Percent | Kind::Money => Dec::parse_plain(&a.canonical),
        _ => None,
    }
}

/// The two sides of a ratio or rank `A/B`, or the ends of a range `lo-hi`.
pub fn pair(a: &Annotation) -> Option<(Dec, Dec)> {
    let sep = match a.kind {
        Kind::Ratio | Kind::Rank => '/',
        Kind::Range => '-',
        _ => return None,
    };
    // Past a leading minus sign: "-5-1" is the range from -5 to 1.
    let at = a.canonical.get(1..)?.find(sep)? + 1;
    let (x, y) = (&a.canonical[..at], &a.canonical[at + 1..]);
    Some((Dec::parse_plain(x)?, Dec::parse_plain(y)?))
}

/// A numeric literal in Vietnamese notation.
#[derive(Debug, Clone, Copy)]
struct Lit {
    span: Span,
    value: Dec,
    /// Written with digits only (no grouping dots, no decimals): years, days.
    plain: bool,
}

impl Lit {
    fn small_int(&self) -> Option<u32> {
        if self.plain && self.span.len() <= 4 {
            // What `value.plain().parse()` gives, without the string.
            let d = self.value.trim();
            if d.scale == 0 {
                u32::try_from(d.mantissa).ok()
            } else {
                None
            }
        } else {
            None
        }
    }
    fn year(&self) -> Option<i32> {
        self.small_int()
            .filter(|y| self.span.len() == 4 && (1900..=2100).contains(y))
            .map(|y| y as i32)
    }
    fn day_or_month(&self) -> Option<u32> {
        self.small_int().filter(|_| self.span.len() <= 2)
    }
}

/// The first ASCII digit at or after `i` (`b.len()` if none), eight bytes at
/// a time: most of an article is not digits.
fn next_digit(b: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(eight) = b.get(i..i + 8) {
        let w = u64::from_le_bytes(eight.try_into().unwrap_or_default());
        // A byte is a digit when it is below 0x80, above 0x2F and below
        // 0x3A; computed on the low seven bits of every byte at once.
        let low = w & !HIGH;
        let above = low + ONES * (0x7F - 0x2F);
        let below = ONES * (0x7F + 0x3A) - low;
        let digits = above & below & !w & HIGH;
        if digits != 0 {
            return i + (digits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && !b[i].is_ascii_digit() {
        i += 1;
    }
    i
}

fn literals(text: &str, from: usize) -> Vec<Lit> {
    let b = text.as_bytes();
    let n = b.len();
    let mut out = Vec::new();
    let mut i = from;
    while i < n {
        if !b[i].is_ascii_digit() {
            i = next_digit(b, i + 1);
            continue;
        }
        let mut prev = text[..i].chars().rev();
        let p1 = prev.next();
        let p2 = prev.next();
        let glued = p1.is_some_and(|c| c.is_alphanumeric())
            || (matches!(p1, Some('-' | '/' | '.' | ',' | '_'))
                && p2.is_some_and(|c| c.is_alphabetic()))
            || (matches!(p1, Some('.' | ',')) && p2.is_some_and(|c| c.is_ascii_digit()));
        let start = i;
        let mut j = i;
        while j < n && b[j].is_ascii_digit() {
            j += 1;
        }
        let mut plain = true;
        if j - start <= 3 {
            while j + 3 < n + 1
                && j + 4 <= n
                && b[j] == b'.'
                && b[j + 1..j + 4].iter().all(u8::is_ascii_digit)
                && (j + 4 == n || !b[j + 4].is_ascii_digit())
            {
                j += 4;
                plain = false;
            }
        }
        if j + 1 < n && b[j] == b',' && b[j + 1].is_ascii_digit() {
            j += 1;
            while j < n && b[j].is_ascii_digit() {
                j += 1;
            }
            plain = false;
        }
        // A minus sign: U+2212 anywhere, a hyphen only before a percentage or
        // a temperature ("-1,2%", "-3 độ C"); never right after another
        // number, where a dash makes a range ("20 -30%").
        let sign_len = match p1 {
            Some('−') => '−'.len_utf8(),
            Some('-')
                if signed_quantity(&text[j..])
                    || prev_words(text, start - 1, 1)
                        .first()
                        .is_some_and(|w| BEFORE_SIGNED.contains(&w.as_ref())) =>
            {
                1
            }
            _ => 0,
        };
        let negative = sign_len > 0
            && !glued
            && p2.is_none_or(|c| c.is_whitespace() || c == '(')
            && !after_number(&text[..start - sign_len]);
        let next = text[j..].chars().next();
        let malformed = next.is_some_and(|c| c.is_alphanumeric())
            || (matches!(next, Some('.' | ',' | ':'))
                && b.get(j + 1).is_some_and(u8::is_ascii_digit));
        if glued || malformed {
            // Skip the whole run (codes such as COVID-19, 7:30, 1.5, 5km).
            while j < n {
                let c = text[j..].chars().next().unwrap_or(' ');
                if c.is_alphanumeric()
                    || ((c == '.' || c == ',' || c == ':')
                        && b.get(j + 1).is_some_and(u8::is_ascii_digit))
                {
                    j += c.len_utf8();
                } else {
                    break;
                }
            }
            i = j;
            continue;
        }
        if let Some(value) = Dec::parse_vi(&text[start..j]) {
            out.push(if negative {
                Lit {
                    span: Span::new(start - sign_len, j),
                    value: -value,
                    plain: false,
                }
            } else {
                Lit {
                    span: Span::new(start, j),
                    value,
                    plain,
                }
            });
        }
        i = j;
    }
    out
}

/// Words before "năm" that make it "per year" ("mỗi năm 2000 người").
const PER_YEAR: &[&str] = &[
    "mỗi", "hằng", "hàng", "một", "mấy", "vài", "nhiều", "các", "những",
];

/// Words after which a hyphen before a number is a minus sign ("từ -5 đến -1 độ C").
const BEFORE_SIGNED: &[&str] = &["từ", "đến", "tới", "xuống", "còn", "mức"];

/// What follows a number written with a hyphen before it makes the hyphen
/// a minus sign: a percentage or a temperature.
fn signed_quantity(rest: &str) -> bool {
    let rest = rest.trim_start_matches([' ', '\u{a0}']);
    rest.starts_with(['%', '°']) || rest.starts_with("độ")
}

/// The text before a sign ends with a number (or a percentage), so the sign
/// is a dash between two numbers.
fn after_number(before: &str) -> bool {
    before
        .trim_end_matches([' ', '\u{a0}'])
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit() || c == '%')
}

/// A literal read together with what follows it: `%`, a multiplier, a currency
/// or a count noun.
#[derive(Debug, Clone)]
struct Qty {
    value: Dec,
    end: usize,
    percent: bool,
    multiplier: Option<u32>,
    currency: Option<&'static str>,
    unit: Option<String>,
}

fn read_qty(text: &str, lit: &Lit) -> Qty {
    let mut q = Qty {
        value: lit.value,
        end: lit.span.end,
        percent: false,
        multiplier: None,
        currency: None,
        unit: None,
    };
    let p = skip_spaces(text, lit.span.end);
    if text[p..].starts_with('%') {
        q.percent = true;
        q.end = p + 1;
        return q;
    }
    if let Some(e) = phrase_at(text, p, "phần trăm") {
        q.percent = true;
        q.end = e;
        return q;
    }
    let mut pos = lit.span.end;
    if let Some((k, e)) = multiplier_at(text, pos) {
        q.value = q.value.shift(k);
        q.multiplier = Some(k);
        q.end = e;
        pos = e;
    }
    let unit = unit_at(text, pos);
    let currency = currency_at(text, pos);
    match (currency, unit) {
        (Some((c, ce)), Some((_, ue))) if ce >= ue => {
            q.currency = Some(c);
            q.end = ce;
        }
        (Some((c, ce)), None) => {
            q.currency = Some(c);
            q.end = ce;
        }
        (_, Some((u, ue))) => {
            q.unit = Some(u.to_string());
            q.end = ue;
            // "541 lượt tập thể": a counting word followed by what is counted.
            if u == "lượt" {
                if let Some((u2, e2)) = unit_at(text, ue) {
                    q.unit = Some(format!("{u} {u2}"));
                    q.end = e2;
                }
            }
        }
        _ => {}
    }
    q
}

/// "3 tỷ 200 triệu đồng", "2 triệu 500 nghìn": a whole number written in
/// parts, each with a smaller multiplier and less than one unit of the
/// multiplier before it, is one quantity (3.200.000.000, 2.500.000), its
/// currency or unit the last part's and its precision the last multiplier.
/// Read as separate numbers, the parts made "part larger than the total"
/// out of "tổng vốn 3 tỷ 200 triệu, trong đó 1 tỷ 900 triệu". `first` is
/// literal `i` read with [`read_qty`]; returns the whole and how many
/// literals it used, when there are two parts or more.
fn compound(text: &str, lits: &[Lit], i: usize, first: &Qty) -> Option<(Qty, usize)> {
    let whole = |lit: &Lit| lit.value.mantissa > 0 && lit.value.trim().scale == 0;
    if !whole(&lits[i]) {
        return None;
    }
    let mut q = first.clone();
    let mut used = 1;
    while let (Some(k), None, None, false) = (q.multiplier, q.currency, &q.unit, q.percent) {
        let Some(next) = lits.get(i + used) else {
            break;
        };
        if skip_spaces(text, q.end) != next.span.start || !whole(next) {
            break;
        }
        let part = read_qty(text, next);
        let fits = part.multiplier.is_some_and(|k2| {
            k2 < k
                && next.value
                    < Dec {
                        mantissa: 10i128.pow(k - k2),
                        scale: 0,
                    }
        });
        if !fits || part.percent {
            break;
        }
        q = Qty {
            value: q.value + part.value,
            ..part
        };
        used += 1;
    }
    (used > 1).then_some((q, used))
}

fn quantity_annotation(start: usize, q: &Qty) -> Annotation {
    let span = Span::new(start, q.end);
    let mut a = if q.percent {
        Annotation::new(span, Kind::Percent, q.value.plain())
    } else if let Some(c) = q.currency {
        let mut a = Annotation::new(span, Kind::Money, q.value.plain());
        a.attrs.push(("currency".into(), c.into()));
        a
    } else {
        Annotation::new(span, Kind::Number, q.value.plain())
    };
    if let Some(u) = &q.unit {
        a.attrs.push(("unit".into(), u.clone()));
    }
    if let Some(k) = q.multiplier {
        a.attrs.push(("multiplier".into(), format!("1e{k}")));
    }
    a
}

/// Classifies literal `i` (and possibly the ones after it). Returns the
/// annotation, if any, and how many literals it used.
fn classify(
    text: &str,
    lits: &[Lit],
    i: usize,
    header: Option<&Header>,
) -> (Option<Annotation>, usize) {
    let a = &lits[i];
    // Chains joined by '/' with nothing in between: dates, ratios, ranks, codes.
    let mut chain = 1;
    while i + chain < lits.len()
        && lits[i + chain - 1].span.end + 1 == lits[i + chain].span.start
        && text.as_bytes()[lits[i + chain - 1].span.end] == b'/'
    {
        chain += 1;
    }
    let last_end = lits[i + chain - 1].span.end;
    let after = &text[last_end..];
    let code_tail = {
        let mut cs = after.chars();
        matches!(cs.next(), Some('/' | '-' | '–')) && cs.next().is_some_and(|c| c.is_alphabetic())
    };
    if code_tail {
        // "12-NQ/TW", "100/2019/NĐ-CP": a document number.
        return (None, chain);
    }
    let prev = prev_words(text, a.span.start, 3);
    let prev0 = prev.first().map(AsRef::as_ref).unwrap_or("");
    if after_document_word(&prev) {
        // "Nghị quyết số 01/2024", "số 12/5 đường ...": identifiers and addresses.
        return (None, chain);
    }
    if chain >= 3 {
        if chain == 3 {
            if let (Some(d), Some(m), Some(y)) = (
                a.day_or_month(),
                lits[i + 1].day_or_month(),
                lits[i + 2].year(),
            ) {
                let span = Span::new(a.span.start, lits[i + 2].span.end);
                return (Some(day_date(span, d, m, Some(y), header)), 3);
            }
        }
        return (None, chain);
    }
    if chain == 2 {
        return (classify_slash(text, a, &lits[i + 1], &prev, header), 2);
    }

    // "quý 3 năm học 2024 - 2025": the third quarter of a school year, not
    // three years.
    if prev0 == "thứ" || (prev0 == "quý" && any_phrase_at(text, a.span.end, &["năm học"]).is_some())
    {
        return (Some(ordinal(text, a, &prev)), 1);
    }
    if let Some(r) = months_of_year(text, lits, i, header) {
        return r;
    }
    if prev0 == "tháng" {
        if let Some(m) = a.day_or_month().filter(|m| (1..=12).contains(m)) {
            let start = text[..a.span.start].trim_end().len() - "tháng".len();
            let year = lits.get(i + 1).filter(|y| y.year().is_some()).filter(|y| {
                let p = skip_spaces(text, a.span.end);
                phrase_at(text, p, "năm").is_some_and(|e| skip_spaces(text, e) == y.span.start)
                    || (text[a.span.end..].starts_with('/') && y.span.start == a.span.end + 1)
            });
            let (span, y, used) = match year {
                Some(y) => (Span::new(start, y.span.end), y.year(), 2),
                None => (Span::new(start, a.span.end), None, 1),
            };
            return (Some(month_date(span, m, y, header)), used);
        }
    }
    if prev0 == "ngày" {
        if let Some(r) = day_month_words(text, lits, i, header) {
            return r;
        }
    }
    if is_strong_date_cue(&prev) || prev0 == "ngày" {
        if let Some(r) = day_span(text, lits, i, header) {
            return r;
        }
    }
    let qa = read_qty(text, a);
    if let Some((q, used)) = compound(text, lits, i, &qa) {
        return (Some(quantity_annotation(a.span.start, &q)), used);
    }
    if let Some(r) = range(text, lits, i, &qa, &prev) {
        return r;
    }
    if let Some(y) = a.year() {
        // Right after "năm" a year stays a year before a noun that could
        // count ("năm 2024 tỉnh dành ...": the province, not 2024 provinces).
        // ("mỗi năm 2000 người" stays a count.)
        let yearly = prev.get(1).is_some_and(|w| PER_YEAR.contains(&w.as_ref()));
        let counted = qa.unit.is_some() && (prev0 != "năm" || yearly);
        // "(SN 1988)", ", SN 1988,": sinh năm, the year of birth; not "tại
        // SN 2025" (số nhà, a house number) nor a year still to come.
        let born = prev0 == "sn" && {
            let sn_at = text[..a.span.start].trim_end().len() - "sn".len();
            matches!(prev_char_skipping_spaces(text, sn_at), Some('(' | ','))
                && header.is_none_or(|h| y <= h.year)
        };
        if !counted && qa.currency.is_none() && !qa.percent && (YEAR_CUES.contains(&prev0) || born)
        {
            let start = if prev0 == "năm" || born {
                text[..a.span.start].trim_end().len() - prev0.len()
            } else {
                a.span.start
            };
            let mut d =
                Annotation::new(Span::new(start, a.span.end), Kind::Date, format!("{y:04}"));
            d.attrs.push(("precision".into(), "year".into()));
            return (Some(d), 1);
        }
    }
    (Some(quantity_annotation(a.span.start, &qa)), 1)
}

fn classify_slash(
    text: &str,
    a: &Lit,
    b: &Lit,
    prev: &[Cow<'_, str>],
    header: Option<&Header>,
) -> Option<Annotation> {
    let prev0 = prev.first().map(AsRef::as_ref).unwrap_or("");
    let span = Span::new(a.span.start, b.span.end);
    if let (Some(m), Some(y)) = (a.day_or_month(), b.year()) {
        if (1..=12).contains(&m) {
            let start = if prev0 == "tháng" {
                text[..a.span.start].trim_end().len() - "tháng".len()
            } else {
                a.span.start
            };
            return Some(month_date(Span::new(start, b.span.end), m, Some(y), header));
        }
    }
    // "30/4 năm nay", "2/9 năm ngoái": a date of a named year, not "30 of 4 years".
    let unit = unit_at(text, b.span.end).filter(|&(u, e)| {
        u != "năm"
            || any_phrase_at(
                text,
                skip_spaces(text, e),
                &["nay", "ngoái", "trước", "sau", "tới"],
            )
            .is_none()
    });
    if prev0 == "thứ" || prev0 == "hạng" {
        let mut r = Annotation::new(
            span,
            Kind::Rank,
            format!("{}/{}", a.value.plain(), b.value.plain()),
        );
        if let Some((u, _)) = unit {
            r.attrs.push(("of".into(), u.into()));
        }
        return Some(r);
    }
    let day_month = match (a.day_or_month(), b.day_or_month()) {
        (Some(d), Some(m)) => Some((d, m)),
        _ => None,
    };
    if unit.is_none() {
        if let Some((d, m)) = day_month {
            let looks_valid = (1..=31).contains(&d) && (1..=12).contains(&m);
            let parenthesised = prev_char_skipping_spaces(text, a.span.start) == Some('(')
                && text[b.span.end..].trim_start().starts_with(')');
            let strong = is_strong_date_cue(prev) || after_a_day(prev);
            let weak = WEAK_DATE_CUES.contains(&prev0)
                || parenthesised
                || (looks_valid && after_holiday(text, a.span.start));
            if strong || (weak && looks_valid) {
                return Some(day_date(span, d, m, None, header));
            }
        }
    }
    // "8.500/10.000 tỷ đồng": the multiplier and currency apply to both sides.
    let (mut av, mut bv) = (a.value, b.value);
    let mut currency = None;
    let mut multiplier = 0;
    if unit.is_none() {
        let (k, e) = multiplier_at(text, b.span.end).unwrap_or((0, b.span.end));
        if let Some((c, _)) = currency_at(text, e) {
            av = av.shift(k);
            bv = bv.shift(k);
            currency = Some(c);
            multiplier = k;
        }
    }
    let mut r = Annotation::new(span, Kind::Ratio, format!("{}/{}", av.plain(), bv.plain()));
    if let Some(c) = currency {
        r.attrs.push(("currency".into(), c.into()));
    }
    if multiplier > 0 {
        r.attrs
            .push(("multiplier".into(), format!("1e{multiplier}")));
    }
    if let Some((u, _)) = unit {
        r.attrs.push(("unit".into(), u.into()));
        r.span = Span::new(a.span.start, b.span.end);
    }
    if let Some(q) = Ratio::div(a.value, b.value) {
        r.attrs
            .push(("percent_value".into(), q.times(100).round(2).plain()));
    }
    Some(r)
}

/// "30/4 - 1/5": a bare day/month joined by a dash to a date is a date too.
fn dates_across_dashes(text: &str, out: &mut [Annotation], header: Option<&Header>) {
    for k in 0..out.len() {
        let is_day = |a: &Annotation| a.kind == Kind::Date && a.attr("precision") == Some("day");
        let partner = [k.checked_sub(1), Some(k + 1)]
            .into_iter()
            .flatten()
            .filter(|&j| j < out.len() && is_day(&out[j]))
            .find(|&j| {
                let (a, b) = if j < k {
                    (&out[j], &out[k])
                } else {
                    (&out[k], &out[j])
                };
                a.span.end <= b.span.start
                    && matches!(text[a.span.end..b.span.start].trim(), "-" | "–" | "—")
            });
        let Some(j) = partner else { continue };
        let r = &out[k];
        if r.kind != Kind::Ratio || r.attr("unit").is_some() {
            continue;
        }
        let Some((d, m)) = r
            .canonical
            .split_once('/')
            .and_then(|(d, m)| Some((d.parse::<u32>().ok()?, m.parse::<u32>().ok()?)))
        else {
            continue;
        };
        if !((1..=31).contains(&d) && (1..=12).contains(&m)) {
            continue;
        }
        let year = if out[j].attr("year_inferred").is_none() {
            out[j].canonical.get(..4).and_then(|y| y.parse().ok())
        } else {
            None
        };
        out[k] = day_date(r.span, d, m, year, header);
    }
}

/// "ngày 20-21/6": two days of one month.
fn day_span(
    text: &str,
    lits: &[Lit],
    i: usize,
    header: Option<&Header>,
) -> Option<(Option<Annotation>, usize)> {
    let (a, b, c) = (&lits[i], lits.get(i + 1)?, lits.get(i + 2)?);
    let between = text[a.span.end..b.span.start].trim();
    // "ngày 20-21/6", "từ ngày 24 đến 27/9": one span of days; "ngày 27 và
    // 28/6": two days of one month (the second is read on its own, see
    // [`after_a_day`]).
    let pair = between == "và";
    if !(pair || matches!(between, "-" | "–" | "đến" | "tới"))
        || c.span.start != b.span.end + 1
        || !text[b.span.end..].starts_with('/')
    {
        return None;
    }
    let (d1, d2, m) = (a.day_or_month()?, b.day_or_month()?, c.day_or_month()?);
    if text[c.span.end..].starts_with('/') {
        return None; // "20-21/6/2024" is left to the plain reading
    }
    let first = day_date(a.span, d1, m, None, header);
    if pair {
        return (d1 < d2).then_some((Some(first), 1));
    }
    let second = day_date(Span::new(b.span.start, c.span.end), d2, m, None, header);
    let mut span_date = Annotation::new(
        Span::new(a.span.start, c.span.end),
        Kind::Date,
        format!("{}/{}", first.canonical, second.canonical),
    );
    span_date.attrs.push(("precision".into(), "period".into()));
    if first.attr("year_inferred").is_some() {
        span_date
            .attrs
            .push(("year_inferred".into(), "true".into()));
    }
    if first.attr("invalid").is_some() || second.attr("invalid").is_some() {
        // Keep the day reading so `invalid-date` sees it.
        return None;
    }
    Some((Some(span_date), 3))
}

/// "ngày 27 và 28/6": the words before d/m are "và", a day, "ngày".
fn after_a_day(prev: &[Cow<'_, str>]) -> bool {
    matches!(prev.first().map(AsRef::as_ref), Some("và"))
        && prev
            .get(1)
            .and_then(|d| d.parse::<u32>().ok())
            .is_some_and(|d| (1..=31).contains(&d))
        && prev.get(2).is_some_and(|w| w == "ngày")
}

/// "thứ 3 toàn quốc" (a rank) or "lần thứ 2", "năm thứ 10" (an ordinal).
fn ordinal(text: &str, a: &Lit, prev: &[Cow<'_, str>]) -> Annotation {
    let prev1 = prev.get(1).map(AsRef::as_ref).unwrap_or("");
    let ranked_before = ["xếp", "đứng", "hạng", "vị", "trí", "giải", "top"].contains(&prev1);
    let ranked_after = [
        "toàn quốc",
        "cả nước",
        "toàn ngành",
        "khu vực",
        "trong cả nước",
    ]
    .iter()
    .any(|p| any_phrase_at(text, a.span.end, &[p]).is_some());
    if ranked_before || ranked_after {
        Annotation::new(a.span, Kind::Rank, a.value.plain())
    } else {
        let mut n = Annotation::new(a.span, Kind::Number, a.value.plain());
        n.attrs.push(("ordinal".into(), "true".into()));
        n
    }
}

/// The year named by "năm" + `nay`, `trước`, `ngoái`, `sau` or `tới` (the
/// words after "năm" start at `pos`), counted from the publication year;
/// and where the phrase ends.
fn relative_year(text: &str, pos: usize, header: Option<&Header>) -> Option<(i32, usize)> {
    let h = header?;
    let (word, end) = any_phrase_at(text, pos, &["nay", "trước", "ngoái", "sau", "tới"])?;
    let shift = match word {
        "nay" => 0,
        "trước" | "ngoái" => -1,
        _ => 1,
    };
    Some((h.year + shift, end))
}

/// "7 tháng đầu năm 2023" → 2023-01/2023-07; "6 tháng cuối năm 2022" →
/// 2022-07/2022-12. Without a year, "6 tháng đầu năm" is the publication
/// year's and "6 tháng cuối năm ngoái" counts from it (`year_inferred`).
fn months_of_year(
    text: &str,
    lits: &[Lit],
    i: usize,
    header: Option<&Header>,
) -> Option<(Option<Annotation>, usize)> {
    let a = &lits[i];
    let n = a.day_or_month().filter(|n| (1..=12).contains(n))?;
    let (which, e) = any_phrase_at(
        text,
        a.span.end,
        &[
            "tháng đầu năm",
            "tháng cuối năm",
            "tháng đầu",
            "tháng cuối",
            "tháng năm",
        ],
    )?;
    let e = if which.ends_with("năm") {
        e
    } else {
        phrase_at(text, skip_spaces(text, e), "năm")?
    };
    let written = lits
        .get(i + 1)
        .filter(|y| skip_spaces(text, e) == y.span.start)
        .and_then(|y| Some((y.year()?, y.span.end)));
    let (year, end, used, inferred) = match written {
        Some((year, end)) => (year, end, 2, false),
        // "tháng năm" alone may be the month of May; a number after "năm"
        // is not a year; "năm học", "năm tài chính" are other years.
        None if which == "tháng năm" => return None,
        None => match relative_year(text, e, header) {
            Some((year, end)) => (year, end, 1, true),
            None => {
                let rest = &text[skip_spaces(text, e)..];
                let h = header?;
                // "6 tháng cuối năm" in January may be last year's, or the
                // plan for this one: read only once the period has begun.
                let begun = !which.contains("cuối") || h.month >= 13 - n;
                if !begun
                    || rest.starts_with(|c: char| c.is_ascii_digit())
                    || phrase_at(text, skip_spaces(text, e), "học").is_some()
                    || phrase_at(text, skip_spaces(text, e), "tài").is_some()
                {
                    return None;
                }
                (h.year, e, 1, true)
            }
        },
    };
    let (from, to) = if which.contains("cuối") {
        (13 - n, 12)
    } else {
        (1, n)
    };
    let mut d = Annotation::new(
        Span::new(a.span.start, end),
        Kind::Date,
        format!("{year:04}-{from:02}/{year:04}-{to:02}"),
    );
    d.attrs.push(("precision".into(), "period".into()));
    if inferred {
        d.attrs.push(("year_inferred".into(), "true".into()));
    }
    Some((Some(d), used))
}

/// "ngày 10 tháng 8 (năm 2023)".
fn day_month_words(
    text: &str,
    lits: &[Lit],
    i: usize,
    header: Option<&Header>,
) -> Option<(Option<Annotation>, usize)> {
    let a = &lits[i];
    let d = a.day_or_month()?;
    let m_lit = lits.get(i + 1)?;
    let e = any_phrase_at(text, a.span.end, &["tháng"])?.1;
    if skip_spaces(text, e) != m_lit.span.start {
        return None;
    }
    let m = m_lit.day_or_month()?;
    let mut end = m_lit.span.end;
    let mut year = None;
    let mut used = 2;
    if let Some(y) = lits.get(i + 2) {
        let joined = any_phrase_at(text, m_lit.span.end, &["năm"])
            .is_some_and(|(_, e)| skip_spaces(text, e) == y.span.start)
            || (text[m_lit.span.end..].starts_with('/') && y.span.start == m_lit.span.end + 1);
        if joined && y.year().is_some() {
            year = y.year();
            end = y.span.end;
            used = 3;
        }
    }
    Some((
        Some(day_date(Span::new(a.span.start, end), d, m, year, header)),
        used,
    ))
}

/// Ranges "50 - 70%", "5% – 10%", "2021- 2022", "từ 5 đến 7 triệu đồng".
fn range(
    text: &str,
    lits: &[Lit],
    i: usize,
    qa: &Qty,
    prev: &[Cow<'_, str>],
) -> Option<(Option<Annotation>, usize)> {
    let a = &lits[i];
    let b = lits.get(i + 1)?;
    let p = skip_spaces(text, qa.end);
    let dash = ['-', '–', '—']
        .iter()
        .find(|d| text[p..].starts_with(**d))
        .map(|d| skip_spaces(text, p + d.len_utf8()));
    let from_to = prev.first().is_some_and(|w| w == "từ")
        && any_phrase_at(text, qa.end, &["đến", "tới"])
            .is_some_and(|(_, e)| skip_spaces(text, e) == b.span.start);
    if dash != Some(b.span.start) && !from_to {
        return None;
    }
    let qb = read_qty(text, b);
    let years = a.year().is_some() && b.year().is_some() && !qa.percent && qa.unit.is_none();
    let marked = qa.percent
        || qb.percent
        || qb.multiplier.is_some()
        || qb.currency.is_some()
        || qb.unit.is_some();
    if !(years || from_to || marked) {
        return None;
    }
    // Different kinds on the two sides are not one range ("5% - 10 người").
    if (qa.percent && !qb.percent && (qb.unit.is_some() || qb.currency.is_some()))
        || (qa.unit.is_some() && qb.unit.is_some() && qa.unit != qb.unit)
    {
        return None;
    }
    let mut lo = qa.value;
    let mut declined = false;
    if qa.multiplier.is_none() && qa.currency.is_none() && qa.unit.is_none() && !qa.percent {
        // "5 đến 7 triệu" (and the reversed "7 đến 5 triệu") share the
        // multiplier, but in "85.000 đến 1,2 triệu" and "800 đến 1,2 triệu"
        // the low end, a hundred times the high one's digits, is a whole
        // amount of its own.
        if let Some(k) = qb.multiplier {
            if lo.shift(k) <= qb.value.shift(2) {
                lo = lo.shift(k);
            } else {
                declined = true;
            }
        }
    }
    let mut r = Annotation::new(
        Span::new(a.span.start, qb.end),
        Kind::Range,
        format!("{}-{}", lo.plain(), qb.value.plain()),
    );
    if qa.percent || qb.percent {
        r.attrs.push(("percent".into(), "true".into()));
    }
    if years && !marked {
        r.attrs.push(("years".into(), "true".into()));
    }
    if let Some(u) = qb.unit.as_ref().or(qa.unit.as_ref()) {
        r.attrs.push(("unit".into(), u.clone()));
    }
    if let Some(c) = qb.currency.or(qa.currency) {
        r.attrs.push(("currency".into(), c.into()));
    }
    // Shown in the multiplier when both ends use it ("5 đến 7 triệu đồng").
    if let Some(k) = qb.multiplier {
        if !declined && qa.multiplier.is_none_or(|ka| ka == k) {
            r.attrs.push(("multiplier".into(), format!("1e{k}")));
        }
    }
    Some((Some(r), 2))
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(m: u32, y: i32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// The year of a day/month or month without one: the header's year, or the
/// year before when the month is later than the header's month.
fn infer_year(m: u32, header: Option<&Header>) -> Option<i32> {
    header.map(|h| if m <= h.month { h.year } else { h.year - 1 })
}

fn day_date(span: Span, d: u32, m: u32, year: Option<i32>, header: Option<&Header>) -> Annotation {
    let inferred = year.is_none();
    let y = year.or_else(|| infer_year(m, header));
    let canonical = match y {
        Some(y) => format!("{y:04}-{m:02}-{d:02}"),
        None => format!("--{m:02}-{d:02}"),
    };
    let mut a = Annotation::new(span, Kind::Date, canonical);
    a.attrs.push(("precision".into(), "day".into()));
    a.attrs.push(("day".into(), d.to_string()));
    a.attrs.push(("month".into(), m.to_string()));
    if inferred && y.is_some() {
        a.attrs.push(("year_inferred".into(), "true".into()));
    }
    let valid = match y {
        // 29/2 without a year is accepted when the header's year is a leap year
        // (a date written in January may look ahead to February).
        Some(yy) if inferred && d == 29 && m == 2 => {
            is_leap(yy) || header.is_some_and(|h| is_leap(h.year))
        }
        Some(yy) => d >= 1 && d <= days_in_month(m, yy),
        None => d >= 1 && d <= days_in_month(m, 2000),
    };
    if !valid {
        a.attrs.push(("invalid".into(), "true".into()));
    }
    a
}

fn month_date(span: Span, m: u32, year: Option<i32>, header: Option<&Header>) -> Annotation {
    let inferred = year.is_none();
    let y = year.or_else(|| infer_year(m, header));
    let canonical = match y {
        Some(y) => format!("{y:04}-{m:02}"),
        None => format!("--{m:02}"),
    };
    let mut a = Annotation::new(span, Kind::Date, canonical);
    a.attrs.push(("precision".into(), "month".into()));
    if inferred && y.is_some() {
        a.attrs.push(("year_inferred".into(), "true".into()));
    }
    a
}

/// Quarters: "quý I/2024", "quý 2 năm 2023", "Quý IV" (of the publication
/// year, `year_inferred`). Each becomes a
/// period date and replaces what was read inside it ("2/2024" is not February).
fn quarters(text: &str, from: usize, header: Option<&Header>, out: &mut Vec<Annotation>) {
    static QUY: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("uý"));
    let mut found = Vec::new();
    for at in QUY.find_iter(&text.as_bytes()[from..]) {
        if at == 0 {
            continue;
        }
        let start = from + at - 1;
        if !matches!(text.as_bytes()[start], b'q' | b'Q')
            || text[..start].chars().next_back().is_some_and(is_word_char)
        {
            continue;
        }
        // "Trần Văn Quý 2 lần": a capital Quý after a capitalised word is a name.
        if text.as_bytes()[start] == b'Q' && after_capitalised_word(text, start) {
            continue;
        }
        let after = start + "quý".len();
        let n_at = skip_spaces(text, after);
        if n_at == after {
            continue;
        }
        let n_len = text[n_at..]
            .bytes()
            .take_while(|b| b"IV1234".contains(b))
            .count();
        let n_end = n_at + n_len;
        let q = match &text[n_at..n_end] {
            "I" | "1" => 1,
            "II" | "2" => 2,
            "III" | "3" => 3,
            "IV" | "4" => 4,
            _ => continue,
        };
        if text[n_end..].chars().next().is_some_and(is_word_char) {
            continue;
        }
        // "/2024", "năm 2024", "/năm 2024".
        let slash = text[n_end..].starts_with('/');
        let nam_at = if slash {
            n_end + 1
        } else {
            skip_spaces(text, n_end)
        };
        let nam_end = phrase_at(text, nam_at, "năm");
        let year_at = if slash {
            Some(nam_end.map_or(nam_at, |e| skip_spaces(text, e)))
        } else {
            nam_end.map(|e| skip_spaces(text, e))
        };
        let year = year_at.and_then(|p| {
            let len = text[p..].bytes().take_while(u8::is_ascii_digit).count();
            let y: i32 = text[p..p + len].parse().ok()?;
            let bounded = !text[p + len..].chars().next().is_some_and(is_word_char);
            (len == 4 && (1900..=2100).contains(&y) && bounded).then_some((y, p + len))
        });
        let first = 3 * q - 2;
        let (y, end, inferred) = match (year, nam_end) {
            (Some((y, e)), _) => (y, e, false),
            (None, _) if slash => continue, // "quý I/20245"
            // "quý IV năm trước": a year counted from the publication year
            // (so `year_inferred`); "năm" followed by anything else is not read.
            (None, Some(e)) => match relative_year(text, e, header) {
                Some((y, we)) => (y, we, true),
                None => continue,
            },
            // A quarter named without its year is one of the publication
            // year's: "hoàn thành trong quý IV" in September plans ahead.
            // A digit needs the clause to end there ("đá quý 2 loại", "quý 1,5 tỷ").
            (None, None) => {
                let rest = &text[n_end..];
                let roman = text.as_bytes()[n_at].is_ascii_alphabetic();
                let ends = rest.trim_start_matches([' ', '\u{a0}']).is_empty()
                    || rest.starts_with([';', ':', ')', '\n', '\r'])
                    || (rest.starts_with([',', '.'])
                        && !rest[1..].starts_with(|c: char| c.is_ascii_digit()));
                match header {
                    Some(h) if roman || ends => (h.year, n_end, true),
                    _ => continue,
                }
            }
        };
        let mut d = Annotation::new(
            Span::new(start, end),
            Kind::Date,
            format!("{y:04}-{first:02}/{y:04}-{:02}", first + 2),
        );
        d.attrs.push(("precision".into(), "period".into()));
        if inferred {
            d.attrs.push(("year_inferred".into(), "true".into()));
        }
        found.push(d);
    }
    if found.is_empty() {
        return;
    }
    out.retain(|a| {
        !found
            .iter()
            .any(|d| a.span.start < d.span.end && d.span.start < a.span.end)
    });
    out.extend(found);
}

/// A space, then a word that starts with a capital, come right before `pos`.
fn after_capitalised_word(text: &str, pos: usize) -> bool {
    text[..pos].ends_with([' ', '\u{a0}'])
        && prev_word(text, pos)
            .and_then(|(_, w)| w.chars().next())
            .is_some_and(char::is_uppercase)
}

/// Roman numerals after "thứ": "lần thứ XIII" → 13.
fn roman_ordinals(text: &str, from: usize) -> Vec<Annotation> {
    let mut out = Vec::new();
    // Only words right after "thứ" / "Thứ" can be these ordinals.
    static HU: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("hứ"));
    let starts = HU
        .find_iter(&text.as_bytes()[from..])
        .filter(|&at| at > 0 && matches!(text.as_bytes()[from + at - 1], b't' | b'T'));
    for at in starts {
        let after = from + at + "hứ".len();
        let start = skip_spaces(text, after);
        if start == after {
            continue;
        }
        let len = text[start..]
            .bytes()
            .take_while(|b| b"IVXLCDM".contains(b))
            .count();
        let end = start + len;
        if len == 0
            || text[end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        if let Some(v) = roman_value(&text[start..end]) {
            let mut a = Annotation::new(Span::new(start, end), Kind::Number, v.to_string());
            a.attrs.push(("ordinal".into(), "true".into()));
            a.attrs.push(("roman".into(), "true".into()));
            out.push(a);
        }
    }
    out
}

/// The value of a well-formed Roman numeral (checked by writing it back).
pub fn roman_value(s: &str) -> Option<u32> {
    let digit = |c| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        'C' => 100,
        'D' => 500,
        'M' => 1000,
        _ => 0,
    };
    let vals: Vec<u32> = s.chars().map(digit).collect();
    if vals.is_empty() || vals.contains(&0) {
        return None;
    }
    let mut total = 0;
    for (k, v) in vals.iter().enumerate() {
        if vals.get(k + 1).is_some_and(|n| n > v) {
            total -= *v as i64;
        } else {
            total += *v as i64;
        }
    }
    let total = u32::try_from(total)
        .ok()
        .filter(|t| (1..4000).contains(t))?;
    (to_roman(total) == s).then_some(total)
}

fn to_roman(mut n: u32) -> String {
    const TABLE: &[(u32, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, r) in TABLE {
        while n >= *v {
            out.push_str(r);
            n -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests;

//! Word lists and small text helpers for reading numbers in context.
//!
//! Every helper works on the normalised (NFC) text and compares words
//! case-insensitively; "words" are runs of letters and digits.
use crate::core::fxhash::FxMap;
use std::borrow::Cow;
use std::sync::LazyLock;

/// Count nouns from `data/units.txt`, longest first so "vụ án" beats "vụ".
pub static UNITS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut v: Vec<String> = include_str!("../../../data/units.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(crate::core::text::normalize)
        .collect();
    v.sort_by_key(|u| std::cmp::Reverse(u.chars().count()));
    v
});

/// Multipliers and their powers of ten, longest first.
pub const MULTIPLIERS: &[(&str, u32)] = &[
    ("nghìn tỷ", 12),
    ("ngàn tỷ", 12),
    ("nghìn tỉ", 12),
    ("ngàn tỉ", 12),
    ("nghìn", 3),
    ("ngàn", 3),
    ("triệu", 6),
    ("tỷ", 9),
    ("tỉ", 9),
];

/// Currency words and the currency they name, longest first.
pub const CURRENCIES: &[(&str, &str)] = &[
    ("đô la Mỹ", "USD"),
    ("nhân dân tệ", "nhân dân tệ"),
    ("đô-la", "USD"),
    ("đô la", "USD"),
    ("đồng", "đồng"),
    ("VNĐ", "đồng"),
    ("VND", "đồng"),
    ("USD", "USD"),
    ("EUR", "EUR"),
    ("euro", "EUR"),
    ("yên", "yên"),
];

/// Words that name a document (one or two words, lowercase): a number right
/// after one is the document's number, not a quantity ("Nghị quyết 12").
pub const DOCUMENT_WORDS: &[&str] = &[
    "nghị quyết",
    "quyết định",
    "quy định",
    "nghị định",
    "chỉ thị",
    "kết luận",
    "đề án",
    "thông tư",
    "công văn",
    "kế hoạch",
    "tờ trình",
    "chương trình",
    "thông báo",
    "hướng dẫn",
    "quy chế",
    "phụ lục",
    "pháp lệnh",
    "luật",
    "điều",
    "khoản",
    "chương",
    "khóa",
    "khoá",
];

/// Whether the words before a number (nearest first) name a document, so the
/// number is its identifier. "số" counts unless it is "tổng số" / "trong số".
pub fn after_document_word(prev: &[Cow<'_, str>]) -> bool {
    let mut words = prev;
    if words.first().is_some_and(|w| w == "số") {
        if words
            .get(1)
            .is_some_and(|w| w == "tổng" || w == "trong" || w == "con")
        {
            return false;
        }
        if words.len() == 1 {
            return true;
        }
        words = &words[1..];
        // "Nghị quyết số 11", "văn bản số 5": any word before "số" except the above.
        if !words.is_empty() {
            return true;
        }
    }
    let one = words.first().map(AsRef::as_ref).unwrap_or("");
    // Most numbers follow a word that ends no document word: one look-up.
    if !DOCUMENT_LAST_WORDS.contains(one) {
        return false;
    }
    // "w1 w0" without building it: words never contain spaces.
    let is_two = |d: &str| match (d.split_once(' '), words.get(1)) {
        (Some((a, b)), Some(w1)) => a == w1 && b == one,
        _ => false,
    };
    let two_len = words.get(1).map(|w1| w1.len() + 1 + one.len());
    DOCUMENT_WORDS
        .iter()
        .any(|d| *d == one || (Some(d.len()) == two_len && is_two(d)))
}

/// What [`after_document_word`] compares the nearest word with: each
/// document word whole, and the part after its first space.
static DOCUMENT_LAST_WORDS: LazyLock<crate::core::fxhash::FxSet<&'static str>> =
    LazyLock::new(|| {
        DOCUMENT_WORDS
            .iter()
            .map(|d| d.split_once(' ').map_or(*d, |(_, last)| last))
            .collect()
    });

/// Words right before d/m that make it a date for sure.
pub const STRONG_DATE_CUES: &[&str] = &[
    "ngày", "sáng", "trưa", "chiều", "tối", "đêm", "khuya", "hôm", "rạng",
];

/// Whether the words before d/m (nearest first) make it a date for sure.
/// "nay", "qua" and "mai" count only after a time of day ("sáng nay 22/2",
/// "chiều qua"), not in "thông qua 14/20 nội dung".
pub fn is_strong_date_cue(prev: &[Cow<'_, str>]) -> bool {
    let w0 = prev.first().map(AsRef::as_ref).unwrap_or("");
    let w1 = prev.get(1).map(AsRef::as_ref).unwrap_or("");
    STRONG_DATE_CUES.contains(&w0)
        || (["nay", "qua", "mai"].contains(&w0) && STRONG_DATE_CUES.contains(&w1))
}

/// Words right before d/m that make it a date when it looks like one.
pub const WEAK_DATE_CUES: &[&str] = &[
    "từ", "đến", "tới", "trước", "sau", "vào", "dịp", "hạn", "đầu", "cuối", "giữa", "lúc", "hết",
    "lễ", "tính",
];

/// Holidays named by their date ("Quốc khánh 2/9", "Giải phóng miền Nam
/// 30/4"): right before d/m, they make it a date.
const HOLIDAYS: &[&str] = &[
    "quốc khánh",
    "giải phóng miền nam",
    "giải phóng hoàn toàn miền nam",
    "thống nhất đất nước",
    "quốc tế lao động",
    "quốc tế phụ nữ",
    "phụ nữ việt nam",
    "nhà giáo việt nam",
    "thầy thuốc việt nam",
    "thương binh - liệt sĩ",
    "thương binh liệt sĩ",
    "chiến thắng điện biên phủ",
    "giải phóng thủ đô",
    "quân đội nhân dân việt nam",
    "quốc phòng toàn dân",
    "công an nhân dân",
    "doanh nhân việt nam",
    "báo chí cách mạng việt nam",
];

/// Whether a holiday's name ends right before `pos` ([`HOLIDAYS`]).
pub fn after_holiday(text: &str, pos: usize) -> bool {
    let before = text[..pos].trim_end();
    // The longest name is under 40 characters (at most 3 bytes each).
    let mut from = before.len().saturating_sub(120);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let tail = crate::core::text::lowercase(&before[from..]);
    HOLIDAYS.iter().any(|h| {
        tail.ends_with(h)
            && tail[..tail.len() - h.len()]
                .chars()
                .next_back()
                .is_none_or(|c| !is_word_char(c))
    })
}

/// Words right before a bare four-digit number that make it a year.
pub const YEAR_CUES: &[&str] = &[
    "năm", "đến", "tới", "từ", "trước", "sau", "cuối", "đầu", "giữa", "trong",
];

pub fn eq_ci(a: char, b: char) -> bool {
    crate::core::text::eq_ignore_case(a, b)
}

pub fn is_word_char(c: char) -> bool {
    crate::core::text::is_alnum(c)
}

/// Skips spaces and tabs (not newlines or punctuation).
pub fn skip_spaces(text: &str, mut pos: usize) -> usize {
    while let Some(c) = text[pos..].chars().next() {
        if c == ' ' || c == '\t' || c == '\u{a0}' {
            pos += c.len_utf8();
        } else {
            break;
        }
    }
    pos
}

/// If `text[pos..]` starts with `phrase` (case-insensitive) followed by a
/// word boundary, the end offset of the match.
pub fn phrase_at(text: &str, pos: usize, phrase: &str) -> Option<usize> {
    let mut it = text[pos..].char_indices();
    for p in phrase.chars() {
        let (_, c) = it.next()?;
        if !eq_ci(c, p) {
            return None;
        }
    }
    let end = it.next().map_or(text.len(), |(i, _)| pos + i);
    let boundary = text[end..].chars().next().is_none_or(|c| !is_word_char(c))
        || !phrase.chars().last().is_some_and(is_word_char);
    boundary.then_some(end)
}

/// The first of `phrases` found at `pos` (after spaces), with its end.
pub fn any_phrase_at<'p>(text: &str, pos: usize, phrases: &[&'p str]) -> Option<(&'p str, usize)> {
    let pos = skip_spaces(text, pos);
    phrases
        .iter()
        .find_map(|p| phrase_at(text, pos, p).map(|e| (*p, e)))
}

/// Up to three words before a position, nearest first ([`prev_words`]).
/// Kept on the stack: every number asks for them, most checks again.
#[derive(Debug, Clone)]
pub struct PrevWords<'t> {
    words: [Cow<'t, str>; 3],
    len: usize,
}

impl<'t> std::ops::Deref for PrevWords<'t> {
    type Target = [Cow<'t, str>];
    fn deref(&self) -> &Self::Target {
        &self.words[..self.len]
    }
}

/// Up to `n` (at most three) words before `pos`, nearest first, lowercased;
/// stops at any character that is neither a word character nor a space.
pub fn prev_words(text: &str, pos: usize, n: usize) -> PrevWords<'_> {
    debug_assert!(n <= 3, "prev_words keeps at most three words");
    let mut out = PrevWords {
        words: [Cow::Borrowed(""), Cow::Borrowed(""), Cow::Borrowed("")],
        len: 0,
    };
    let mut end = pos;
    while out.len < n.min(3) {
        match prev_word_cased(text, end) {
            Some((s, word, lower)) => {
                out.words[out.len] = if lower {
                    Cow::Borrowed(word)
                } else {
                    crate::core::text::lowercase(word)
                };
                out.len += 1;
                end = s;
            }
            None => break,
        }
    }
    out
}

/// The word right before `pos` (spaces skipped) as written, with its start;
/// `None` when a character that is neither a word character nor a space
/// comes first.
// Read byte by byte: the checks ask for the words before every number.
#[inline]
pub fn prev_word(text: &str, pos: usize) -> Option<(usize, &str)> {
    prev_word_cased(text, pos).map(|(start, word, _)| (start, word))
}

/// [`prev_word`], and whether the word is lowercase already (no character
/// that [`crate::core::text::lowercase`] would change), found on the way.
#[inline]
fn prev_word_cased(text: &str, pos: usize) -> Option<(usize, &str, bool)> {
    let b = &text.as_bytes()[..pos];
    let mut end = pos;
    loop {
        match b[..end] {
            [.., b' ' | b'\t'] => end -= 1,
            [.., 0xC2, 0xA0] => end -= 2,
            _ => break,
        }
    }
    let mut start = end;
    let mut all_lower = true;
    while let Some((before, true, lower)) = crate::core::text::class_before(text, start) {
        start = before;
        all_lower &= lower;
    }
    (start < end).then(|| (start, &text[start..end], all_lower))
}

/// The character just before `pos`, skipping spaces.
pub fn prev_char_skipping_spaces(text: &str, pos: usize) -> Option<char> {
    text[..pos]
        .trim_end_matches([' ', '\t', '\u{a0}'])
        .chars()
        .next_back()
}

/// The longest count noun at `pos` (after spaces), with its end.
pub fn unit_at(text: &str, pos: usize) -> Option<(&'static str, usize)> {
    let pos = skip_spaces(text, pos);
    if !text[pos..].chars().next()?.is_alphabetic() {
        return None;
    }
    starting_with_word(&UNITS_BY_FIRST_WORD, text, pos)?
        .iter()
        .find_map(|u| phrase_at(text, pos, u).map(|e| (*u, e)))
}

pub fn multiplier_at(text: &str, pos: usize) -> Option<(u32, usize)> {
    let pos = skip_spaces(text, pos);
    starting_with_word(&MULTIPLIERS_BY_FIRST_WORD, text, pos)?
        .iter()
        .find_map(|(w, k)| phrase_at(text, pos, w).map(|e| (*k, e)))
}

pub fn currency_at(text: &str, pos: usize) -> Option<(&'static str, usize)> {
    let pos = skip_spaces(text, pos);
    starting_with_word(&CURRENCIES_BY_FIRST_WORD, text, pos)?
        .iter()
        .find_map(|(w, c)| phrase_at(text, pos, w).map(|e| (*c, e)))
}

/// Phrases grouped by their first word, lowercased, in list order.
type ByFirstWord<T> = FxMap<String, Vec<T>>;

/// The phrases of `groups` whose first word is the word at `pos`: the only
/// ones [`phrase_at`] can match there, since it compares character for
/// character, ignoring case, and wants a word boundary after the phrase.
fn starting_with_word<'g, T>(
    groups: &'g ByFirstWord<T>,
    text: &str,
    pos: usize,
) -> Option<&'g [T]> {
    let word = first_word(&text[pos..]);
    if word.is_empty() {
        return None;
    }
    groups
        .get(&*crate::core::text::lowercase(word))
        .map(Vec::as_slice)
}

/// The run of word characters `s` starts with (read by bytes, as
/// [`prev_word`]: asked for after every number).
fn first_word(s: &str) -> &str {
    let b = s.as_bytes();
    let mut end = 0;
    while end < b.len() {
        if b[end] < 0x80 {
            if !b[end].is_ascii_alphanumeric() {
                break;
            }
            end += 1;
        } else {
            match s[end..].chars().next() {
                Some(c) if is_word_char(c) => end += c.len_utf8(),
                _ => break,
            }
        }
    }
    &s[..end]
}

fn by_first_word<T: Copy>(list: impl IntoIterator<Item = (&'static str, T)>) -> ByFirstWord<T> {
    let mut map: ByFirstWord<T> = Default::default();
    for (phrase, value) in list {
        let key = crate::core::text::lowercase(first_word(phrase)).into_owned();
        map.entry(key).or_default().push(value);
    }
    map
}

/// The units by first word, each group longest first (as [`UNITS`]).
static UNITS_BY_FIRST_WORD: LazyLock<ByFirstWord<&'static str>> =
    LazyLock::new(|| by_first_word(UNITS.iter().map(|u| (u.as_str(), u.as_str()))));

static MULTIPLIERS_BY_FIRST_WORD: LazyLock<ByFirstWord<(&'static str, u32)>> =
    LazyLock::new(|| by_first_word(MULTIPLIERS.iter().map(|&(w, k)| (w, (w, k)))));

static CURRENCIES_BY_FIRST_WORD: LazyLock<ByFirstWord<(&'static str, &'static str)>> =
    LazyLock::new(|| by_first_word(CURRENCIES.iter().map(|&(w, c)| (w, (w, c)))));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouped_lookups_agree_with_trying_every_phrase() {
        let every_unit = |t: &str, p: usize| {
            let p = skip_spaces(t, p);
            if !t[p..].chars().next()?.is_alphabetic() {
                return None;
            }
            UNITS
                .iter()
                .find_map(|u| phrase_at(t, p, u).map(|e| (u.as_str(), e)))
        };
        let every_currency = |t: &str, p: usize| {
            let p = skip_spaces(t, p);
            CURRENCIES
                .iter()
                .find_map(|(w, c)| phrase_at(t, p, w).map(|e| (*c, e)))
        };
        let every_multiplier = |t: &str, p: usize| {
            let p = skip_spaces(t, p);
            MULTIPLIERS
                .iter()
                .find_map(|(w, k)| phrase_at(t, p, w).map(|e| (*k, e)))
        };
        let phrases = UNITS
            .iter()
            .map(String::as_str)
            .chain(CURRENCIES.iter().map(|(w, _)| *w))
            .chain(MULTIPLIERS.iter().map(|(w, _)| *w));
        let mut texts = Vec::new();
        for p in phrases {
            let mut cs = p.chars();
            let upper: String = cs
                .next()
                .into_iter()
                .flat_map(char::to_uppercase)
                .chain(cs)
                .collect();
            for tail in ["", " ", ".", " dân", "x", "-la", ", thành phố"] {
                texts.push(format!("5 {p}{tail}"));
                texts.push(format!("5\u{a0}{upper}{tail}"));
            }
        }
        texts.extend(["5", "5 ", "5 $", "5 Ưu", "5 ĐỒNG", "5 vnđ", "5 İx"].map(String::from));
        let found = texts.iter().filter(|t| unit_at(t, 1).is_some()).count();
        assert!(found > texts.len() / 2, "{found} of {}", texts.len());
        for t in &texts {
            assert_eq!(unit_at(t, 1), every_unit(t, 1), "{t:?}");
            assert_eq!(currency_at(t, 1), every_currency(t, 1), "{t:?}");
            assert_eq!(multiplier_at(t, 1), every_multiplier(t, 1), "{t:?}");
        }
        for t in ["ab c", "Đặng-x", "ông\u{301} x", "", "  a", "x2²y z"] {
            let by_chars = &t[..t.find(|c: char| !is_word_char(c)).unwrap_or(t.len())];
            assert_eq!(first_word(t), by_chars, "{t:?}");
        }
    }

    #[test]
    fn helpers() {
        let t = "xảy ra 274 vụ án hình sự, 1.199 lượt cá nhân";
        let p = t.find("274").unwrap();
        assert_eq!(*prev_words(t, p, 3), ["ra", "xảy"]);
        assert_eq!(unit_at(t, p + 3).map(|u| u.0), Some("vụ án"));
        let q = t.find("1.199").unwrap();
        assert_eq!(unit_at(t, q + 5).map(|u| u.0), Some("lượt"));
        assert!(prev_words(t, q, 3).is_empty());
        let u = "Tỉnh  Ủy\u{a0}\t 12";
        assert_eq!(prev_word(u, u.find("12").unwrap()), Some((8, "Ủy")));
        assert_eq!(prev_word(u, 8), Some((0, "Tỉnh")));
        // A combining mark is no word character (the text is NFC by now).
        let m = "ông\u{301} 5";
        assert_eq!(prev_word(m, m.find('5').unwrap()), None);
        assert_eq!(prev_word("(12) 5", 5), None);
        assert_eq!(prev_word("  5", 2), None);
        assert_eq!(prev_word("5", 0), None);
        assert_eq!(phrase_at("Đồng chí", 0, "đồng"), Some(7));
        assert_eq!(phrase_at("Đồngchí", 0, "đồng"), None);
        assert!(phrase_at("Đồng chí", 0, "đồng chí").is_some());
        assert_eq!(currency_at("  USD.", 0), Some(("USD", 5)));
        assert_eq!(multiplier_at(" nghìn tỷ đồng", 0).map(|m| m.0), Some(12));
    }
}

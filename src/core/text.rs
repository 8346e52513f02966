//! Text preparation shared by every recogniser and check.
//!
//! Recognisers run on a normalised copy of the text (NFC, `Ð` → `Đ`) so that
//! decomposed exports and look-alike letters behave like clean text, and every
//! span they find is mapped back to the original bytes with [`Prepared::to_original`].
//! This module also owns the two folds used for matching names: tone-mark
//! placement (`Uỷ` = `Ủy`) and the diacritics-free search key (`to lam`).

use crate::core::types::Span;
use std::borrow::Cow;
use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

/// The analysed text in normalised form, with a map back to the original.
#[derive(Debug, Clone)]
pub struct Prepared<'a> {
    pub original: &'a str,
    /// NFC text with `Ð`/`ð` replaced by `Đ`/`đ` (the original itself when
    /// it already is).
    pub norm: Cow<'a, str>,
    /// `map[i]` is the original byte offset of normalised byte `i`, for every
    /// char boundary `i` of `norm` (and `norm.len()`). Empty when the text was
    /// already normal, in which case offsets are identical.
    map: Vec<usize>,
}

impl<'a> Prepared<'a> {
    pub fn new(original: &'a str) -> Self {
        if is_normal(original) {
            return Prepared {
                original,
                norm: Cow::Borrowed(original),
                map: Vec::new(),
            };
        }
        // Normalise cluster by cluster: a starter plus its following combining
        // marks composes independently of the rest of the text, so each output
        // cluster maps back to one original cluster.
        let mut norm = String::with_capacity(original.len());
        let mut map = Vec::with_capacity(original.len() + 1);
        let mut iter = original.char_indices().peekable();
        while let Some((start, _)) = iter.next() {
            let mut end = original.len();
            while let Some(&(next, c)) = iter.peek() {
                if is_combining_mark(c) {
                    iter.next();
                } else {
                    end = next;
                    break;
                }
            }
            for c in original[start..end].nfc() {
                norm.push(fix_letter(c));
            }
            // Every byte of the composed cluster maps to the cluster's start.
            map.resize(norm.len(), start);
        }
        map.push(original.len());
        Prepared {
            original,
            norm: Cow::Owned(norm),
            map,
        }
    }

    /// Whether normalised offsets equal original offsets.
    pub fn is_identity(&self) -> bool {
        self.map.is_empty()
    }

    /// Maps a byte offset in `norm` back to the original text.
    pub fn offset_to_original(&self, offset: usize) -> usize {
        if self.map.is_empty() {
            offset
        } else {
            self.map[offset.min(self.map.len() - 1)]
        }
    }

    /// Maps a byte offset in the original text to the normalised text (the
    /// start of the normalised cluster that covers it). Inverse of
    /// [`Prepared::offset_to_original`] on cluster boundaries.
    pub fn offset_to_norm(&self, offset: usize) -> usize {
        if self.map.is_empty() {
            offset.min(self.norm.len())
        } else {
            self.map.partition_point(|&o| o < offset)
        }
    }

    /// Maps a span found in `norm` back to the original text. The end maps to
    /// the end of the last original cluster covered.
    pub fn to_original(&self, span: Span) -> Span {
        if self.map.is_empty() {
            return span;
        }
        let start = self.offset_to_original(span.start);
        let end = if span.end >= self.norm.len() {
            self.original.len()
        } else {
            self.offset_to_original(span.end)
        };
        Span::new(start, end.max(start))
    }
}

fn fix_letter(c: char) -> char {
    match c {
        'Ð' => 'Đ',
        'ð' => 'đ',
        c => c,
    }
}

/// NFC plus the `Ð` → `Đ` repair, for short strings such as names.
pub fn normalize(s: &str) -> String {
    normalize_cow(s).into_owned()
}

/// [`normalize`] without copying text that is already normal.
pub fn normalize_cow(s: &str) -> Cow<'_, str> {
    if is_normal(s) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.nfc().map(fix_letter).collect())
    }
}

/// Whether `s` is NFC without `Ð`/`ð` ([`normalize_cow`] would borrow it).
pub(crate) fn is_normal(s: &str) -> bool {
    is_simple(s)
        || (unicode_normalization::is_nfc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes
            && !s.contains(['Ð', 'ð']))
}

/// Whether `s` is only ASCII, U+00A0..U+024F, Latin Extended Additional and
/// typographic punctuation (U+2010..U+2027), without `Ð`/`ð`: all NFC with no
/// combining class. Most articles are; tested on UTF-8 bytes because every
/// article goes through here. Only lead bytes (0xC0 and up) need a look:
/// eight bytes at a time, every lead among them is found from one mask.
fn is_simple(s: &str) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(eight) = b.get(i..i + 8) {
        let w = u64::from_le_bytes(eight.try_into().unwrap_or_default());
        // The top two bits of a byte both set: a lead byte.
        let mut leads = w & (w << 1) & HIGH;
        while leads != 0 {
            if !lead_ok(b, i + (leads.trailing_zeros() / 8) as usize) {
                return false;
            }
            leads &= leads - 1;
        }
        i += 8;
    }
    (i..b.len()).all(|j| b[j] < 0xC0 || lead_ok(b, j))
}

/// Whether the character whose lead byte is `b[i]` is in [`is_simple`]'s
/// ranges. `b` is valid UTF-8, so a lead's continuation bytes exist.
#[inline(always)]
fn lead_ok(b: &[u8], i: usize) -> bool {
    let next = b[i + 1];
    match b[i] {
        0xC2 => next >= 0xA0,                                      // U+00A0..U+00BF
        0xC3 => next != 0x90 && next != 0xB0,                      // not Ð (U+00D0), ð (U+00F0)
        0xC4..=0xC8 => true,                                       // U+0100..U+023F
        0xC9 => next < 0x90,                                       // U+0240..U+024F
        0xE1 => (0xB8..=0xBB).contains(&next),                     // U+1E00..U+1EFF
        0xE2 => next == 0x80 && (0x90..=0xA7).contains(&b[i + 2]), // U+2010..U+2027
        _ => false,
    }
}

/// Tone-mark placement in the open syllables ending in oa, oe, uy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ToneStyle {
    /// Mark on the first vowel: `Ủy`, `hóa` (the dominant press style).
    Old,
    /// Mark on the second vowel: `Uỷ`, `hoá`.
    New,
}

// (old, new) tone-mark placements of the open syllables, lowercase.
/// Two lowercase letters at the end of a syllable.
type Pair = (char, char);

const TONE_CHAR_PAIRS: &[(Pair, Pair)] = &[
    (('ò', 'a'), ('o', 'à')),
    (('ó', 'a'), ('o', 'á')),
    (('ỏ', 'a'), ('o', 'ả')),
    (('õ', 'a'), ('o', 'ã')),
    (('ọ', 'a'), ('o', 'ạ')),
    (('ò', 'e'), ('o', 'è')),
    (('ó', 'e'), ('o', 'é')),
    (('ỏ', 'e'), ('o', 'ẻ')),
    (('õ', 'e'), ('o', 'ẽ')),
    (('ọ', 'e'), ('o', 'ẹ')),
    (('ù', 'y'), ('u', 'ỳ')),
    (('ú', 'y'), ('u', 'ý')),
    (('ủ', 'y'), ('u', 'ỷ')),
    (('ũ', 'y'), ('u', 'ỹ')),
    (('ụ', 'y'), ('u', 'ỵ')),
];

/// The case of a letter, or `None` for a character that is not one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LetterCase {
    Upper,
    Lower,
}

/// `(lowercase, case)` of the characters Vietnamese text is made of, without
/// Unicode table look-ups: ASCII, Latin-1 and the Vietnamese letters of Latin
/// Extended-A/B and Extended Additional. `None` for anything else (the caller
/// asks `char` then). Agrees with `char`; a unit test checks every one.
#[inline]
fn fast_case(c: char) -> Option<(char, Option<LetterCase>)> {
    use LetterCase::{Lower, Upper};
    let u = c as u32;
    Some(match c {
        'A'..='Z' => ((u as u8 + 32) as char, Some(Upper)),
        'a'..='z' => (c, Some(Lower)),
        '\0'..='\u{7F}' => (c, None),
        '\u{C0}'..='\u{DE}' if c != '\u{D7}' => (char::from_u32(u + 32)?, Some(Upper)),
        '\u{DF}'..='\u{FF}' if c != '\u{F7}' => (c, Some(Lower)),
        'Ă' | 'Đ' | 'Ĩ' | 'Ũ' | 'Ơ' => (char::from_u32(u + 1)?, Some(Upper)),
        'ă' | 'đ' | 'ĩ' | 'ũ' | 'ơ' | 'ư' => (c, Some(Lower)),
        'Ư' => ('ư', Some(Upper)),
        '\u{1EA0}'..='\u{1EFF}' if u.is_multiple_of(2) => (char::from_u32(u + 1)?, Some(Upper)),
        '\u{1EA0}'..='\u{1EFF}' => (c, Some(Lower)),
        _ => return None,
    })
}

/// The first character of `c.to_lowercase()`.
#[inline]
pub fn lower_char(c: char) -> char {
    match fast_case(c) {
        Some((lower, _)) => lower,
        None => c.to_lowercase().next().unwrap_or(c),
    }
}

/// Whether `a` and `b` lowercase alike (`char::to_lowercase`).
#[inline]
pub fn eq_ignore_case(a: char, b: char) -> bool {
    if a == b {
        return true;
    }
    match (fast_case(a), fast_case(b)) {
        (Some((x, _)), Some((y, _))) => x == y,
        _ => a.to_lowercase().eq(b.to_lowercase()),
    }
}

/// `char::is_alphanumeric`, fast for Vietnamese letters.
#[inline]
pub fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        matches!(fast_case(c), Some((_, Some(_)))) || c.is_alphanumeric()
    }
}

/// The start of the character that ends at byte `end` of `text`, whether it
/// is [`is_alnum`] and whether it is lower case or no letter (what
/// [`lowercase`] leaves alone); `None` at the start. Read backwards from its
/// bytes: the words before every number are walked this way. Vietnamese
/// letters are looked up in the class table, which agrees with [`is_alnum`]
/// on U+00C0..U+024F and U+1E00..U+1EFF; other characters are decoded.
#[inline]
pub fn class_before(text: &str, end: usize) -> Option<(usize, bool, bool)> {
    let table: &ClassTable = &CLASS_TABLE;
    let b = text.as_bytes();
    let last = *b.get(end.checked_sub(1)?)?;
    if last < 0x80 {
        let lower = table.two_byte[usize::from(last)] & CharClass::LOWER_OR_OTHER != 0;
        return Some((end - 1, last.is_ascii_alphanumeric(), lower));
    }
    let mut lead = end - 1;
    while lead > 0 && b[lead] & 0xC0 == 0x80 {
        lead -= 1;
    }
    let in_table = match b[lead] {
        0xC3..=0xC9 => true,
        0xE1 => (0xB8..=0xBB).contains(&b[lead + 1]),
        _ => false,
    };
    let bits = CharClass::bits_at(table, text, lead).0;
    let lower = bits & CharClass::LOWER_OR_OTHER != 0;
    let alnum = if in_table {
        bits & CharClass::WORD != 0
    } else {
        text[lead..end].chars().next().is_some_and(is_alnum)
    };
    Some((lead, alnum, lower))
}

/// `char::is_uppercase`, fast for Vietnamese letters.
#[inline]
pub fn is_upper(c: char) -> bool {
    match fast_case(c) {
        Some((_, case)) => case == Some(LetterCase::Upper),
        None => c.is_uppercase(),
    }
}

/// `str::to_lowercase` of a word whose first letter is upper case and every
/// other character lower case (a [`Shape`] says so), when that letter is one
/// `fast_case` knows: the rest is copied as it is.
pub fn lowercase_title(word: &str) -> Option<String> {
    let first = word.chars().next()?;
    let (lower, _) = fast_case(first)?;
    let rest = &word[first.len_utf8()..];
    let mut out = String::with_capacity(word.len());
    out.push(lower);
    out.push_str(rest);
    Some(out)
}

/// Whether `needle` stands at `s` in `hay` at word boundaries (a needle that
/// starts or ends with punctuation needs no boundary on that side).
#[inline]
fn at_word_bounds(hay: &str, s: usize, needle: &str) -> bool {
    let e = s + needle.len();
    let before_ok = hay[..s]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
        || !needle.starts_with(|c: char| c.is_alphanumeric());
    let after_ok = hay[e..].chars().next().is_none_or(|c| !c.is_alphanumeric())
        || !needle.ends_with(|c: char| c.is_alphanumeric());
    before_ok && after_ok
}

/// `hay` contains `needle` starting and ending at word boundaries.
// Inline: the checks call it for every phrase of every clause they read.
#[inline]
pub(crate) fn contains_word(hay: &str, needle: &str) -> bool {
    let mut from = 0;
    while let Some(s) = find_from(hay, needle, from) {
        if at_word_bounds(hay, s, needle) {
            return true;
        }
        from = s + needle.len().max(1);
        while !hay.is_char_boundary(from) {
            from += 1;
        }
    }
    false
}

/// Where `needle` last stands in `hay` at word boundaries.
pub(crate) fn last_word_at(hay: &str, needle: &str) -> Option<usize> {
    hay.rmatch_indices(needle)
        .map(|(i, _)| i)
        .find(|&i| at_word_bounds(hay, i, needle))
}

/// The first occurrence of `needle` in `hay` at or after `from`. Clauses are
/// short and most phrases absent: looking for the first byte costs less than
/// setting up `str::find`'s searcher for every phrase.
#[inline]
fn find_from(hay: &str, needle: &str, from: usize) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else {
        return (from <= h.len()).then_some(from);
    };
    memchr::memchr_iter(first, &h[from..])
        .map(|i| from + i)
        .find(|&i| h[i..].starts_with(n))
}

/// `str::to_lowercase`, borrowing `s` when it has no upper-case letter.
pub fn lowercase(s: &str) -> Cow<'_, str> {
    // Most words asked for are lowercase already: a table look-up a
    // character says so. A character with a lowercase mapping is upper or
    // title case, so one that is lower case or no letter at all maps to itself.
    if every_char_lower_or_other(s) {
        return Cow::Borrowed(s);
    }
    let b = s.as_bytes();
    // The end of the already-lowercase run from `i` (ASCII read without
    // decoding), or `None` at a character `fast_case` does not know.
    let run_end = |mut i: usize| -> Option<usize> {
        while i < b.len() {
            if b[i] < 0x80 {
                if b[i].is_ascii_uppercase() {
                    break;
                }
                i += 1;
                continue;
            }
            let c = s[i..].chars().next().unwrap_or(' ');
            match fast_case(c) {
                None => return None,
                Some((lower, _)) if lower != c => break,
                Some(_) => i += c.len_utf8(),
            }
        }
        Some(i)
    };
    let Some(mut i) = run_end(0) else {
        return Cow::Owned(s.to_lowercase());
    };
    if i == b.len() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..i]);
    while i < b.len() {
        // An upper-case letter, then a lowercase run copied whole.
        let c = s[i..].chars().next().unwrap_or(' ');
        let Some((lower, _)) = fast_case(c) else {
            return Cow::Owned(s.to_lowercase());
        };
        out.push(lower);
        i += c.len_utf8();
        let Some(end) = run_end(i) else {
            return Cow::Owned(s.to_lowercase());
        };
        out.push_str(&s[i..end]);
        i = end;
    }
    Cow::Owned(out)
}

/// Which style a single syllable (NFC) is written in, if the distinction applies:
/// the syllable must end in one of the pairs, and `uy` after `q` is not one.
/// Allocation-free: every word of every article goes through here.
#[inline]
pub fn tone_style(syllable: &str) -> Option<ToneStyle> {
    // Most syllables end in a consonant or another ASCII letter: no pair,
    // known without a call.
    match syllable.as_bytes().last() {
        Some(&b) if b < 0x80 && !matches!(b, b'a' | b'e' | b'y' | b'A' | b'E' | b'Y') => None,
        None => None,
        _ => vowel_ending_style(syllable),
    }
}

/// [`tone_style`] of a syllable ending in a non-ASCII character or in an
/// ASCII a/e/y (its only caller has ruled out every other ending).
fn vowel_ending_style(syllable: &str) -> Option<ToneStyle> {
    // A pair is a toned o/u (not ASCII) before a bare a/e/y, or a bare o/u
    // before a toned vowel: the byte before the last character says which
    // can apply without decoding.
    let b = syllable.as_bytes();
    let &last_byte = b.last()?;
    if last_byte < 0x80 {
        if b.len() < 2 || b[b.len() - 2] < 0x80 {
            return None;
        }
    } else {
        let last_start = syllable.char_indices().next_back()?.0;
        let before = last_start.checked_sub(1).map(|i| b[i]);
        if !matches!(before, Some(b'o' | b'u' | b'O' | b'U')) {
            return None;
        }
    }
    let mut back = syllable.chars().rev();
    let last = lower_char(back.next()?);
    // Old-style pairs end in a bare a, e or y; new-style ones in a toned one.
    if !matches!(
        last,
        'a' | 'e'
            | 'y'
            | 'à'
            | 'á'
            | 'ả'
            | 'ã'
            | 'ạ'
            | 'è'
            | 'é'
            | 'ẻ'
            | 'ẽ'
            | 'ẹ'
            | 'ỳ'
            | 'ý'
            | 'ỷ'
            | 'ỹ'
            | 'ỵ'
    ) {
        return None;
    }
    let before = lower_char(back.next()?);
    // Every pair starts with o or u, toned or not.
    if !matches!(
        before,
        'o' | 'ò' | 'ó' | 'ỏ' | 'õ' | 'ọ' | 'u' | 'ù' | 'ú' | 'ủ' | 'ũ' | 'ụ'
    ) {
        return None;
    }
    let pair = (before, last);
    let style = TONE_CHAR_PAIRS.iter().find_map(|&(old, new)| {
        if pair == old {
            Some(ToneStyle::Old)
        } else if pair == new {
            Some(ToneStyle::New)
        } else {
            None
        }
    })?;
    if back.next().is_some_and(|c| lower_char(c) == 'q') {
        return None;
    }
    Some(style)
}

/// Rewrites one syllable into the given style, keeping letter case. Returns
/// the syllable unchanged when the distinction does not apply.
pub fn restyle(syllable: &str, style: ToneStyle) -> String {
    match tone_style(syllable) {
        Some(current) if current != style => {}
        _ => return syllable.to_string(),
    }
    let chars: Vec<char> = syllable.chars().collect();
    let n = chars.len();
    let pair = (lower_char(chars[n - 2]), lower_char(chars[n - 1]));
    let target = TONE_CHAR_PAIRS.iter().find_map(|&(old, new)| match style {
        ToneStyle::Old if new == pair => Some(old),
        ToneStyle::New if old == pair => Some(new),
        _ => None,
    });
    let Some((a, b)) = target else {
        return syllable.to_string();
    };
    let mut out: String = chars[..n - 2].iter().collect();
    for (orig, repl) in chars[n - 2..].iter().zip([a, b]) {
        if is_upper(*orig) {
            out.extend(repl.to_uppercase());
        } else {
            out.push(repl);
        }
    }
    out
}

/// Folds every word of `s` to the old tone style, so `Uỷ ban` and `Ủy ban`
/// compare equal. Expects NFC input.
pub fn fold_tones(s: &str) -> String {
    fold_tones_cow(s).into_owned()
}

/// [`fold_tones`] without copying text that needs no change (most text).
pub fn fold_tones_cow(s: &str) -> Cow<'_, str> {
    let mut out: Option<String> = None;
    let mut copied = 0;
    for (span, _) in shaped_words(s) {
        let (start, end) = (span.start, span.end);
        let w = &s[start..end];
        if tone_style(w) == Some(ToneStyle::New) {
            let o = out.get_or_insert_with(|| String::with_capacity(s.len()));
            o.push_str(&s[copied..start]);
            o.push_str(&restyle(w, ToneStyle::Old));
            copied = end;
        }
    }
    match out {
        None => Cow::Borrowed(s),
        Some(mut o) => {
            o.push_str(&s[copied..]);
            Cow::Owned(o)
        }
    }
}

/// The canonical form of a name: NFC, old tone style, single spaces, ASCII
/// apostrophes, each syllable capitalised as written. `Uỷ  ban` → `Ủy ban`.
pub fn canonical_name(s: &str) -> String {
    let n = normalize_cow(s);
    let mut folded = fold_tones_cow(&n);
    // "H’Hen Niê" and "H'Hen Niê" are one name: the typographic apostrophe
    // (or the modifier letter) is the ASCII one.
    if folded.contains(['\u{2019}', '\u{2bc}']) {
        folded = Cow::Owned(folded.replace(['\u{2019}', '\u{2bc}'], "'"));
    }
    let single_spaced = !folded.starts_with(' ')
        && !folded.ends_with(' ')
        && !folded.contains("  ")
        && !folded.contains(|c: char| c.is_whitespace() && c != ' ');
    if single_spaced {
        return folded.into_owned();
    }
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The linking key of a name: canonical form, lowercased.
pub fn name_key(s: &str) -> String {
    lowercase(&canonical_name(s)).into_owned()
}

/// Diacritics-free, lowercase, single-spaced: `Tô Lâm` → `to lam`, `Đặng` → `dang`.
pub fn search_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    let mut slow = String::new();
    let table: &FoldTable = &FOLD_TABLE;
    for c in s.chars() {
        // Decomposition is per character: canonical reordering only moves
        // combining marks, which are all dropped, so folding each character
        // on its own gives what folding the whole string's NFD would.
        let folded = match table.get(c) {
            Some(f) => f,
            None => {
                slow.clear();
                fold_slowly(c, &mut slow);
                slow.as_str()
            }
        };
        for c in folded.chars() {
            if c.is_whitespace() {
                space = !out.is_empty();
                continue;
            }
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// What one character becomes in a search key: its NFD without combining
/// marks, đ as d, lowercased (whitespace is left for the caller).
fn fold_slowly(c: char, out: &mut String) {
    for d in std::iter::once(c).nfd() {
        if is_combining_mark(d) {
            continue;
        }
        match d {
            'Đ' | 'đ' | 'Ð' | 'ð' => out.push('d'),
            d if d.is_whitespace() => out.push(d),
            d => out.extend(d.to_lowercase()),
        }
    }
}

/// [`fold_slowly`] precomputed for the Latin blocks Vietnamese is written in
/// (half of `name-variant`'s time went to decomposing each name).
struct FoldTable {
    /// Folded forms of U+0000–U+024F, then U+1E00–U+1EFF, each as a range of `text`.
    ranges: Vec<(u32, u8)>,
    text: String,
}

const FOLD_LOW_END: u32 = 0x250;
const FOLD_HIGH: std::ops::Range<u32> = 0x1E00..0x1F00;

impl FoldTable {
    fn build() -> Self {
        let mut t = FoldTable {
            ranges: Vec::new(),
            text: String::new(),
        };
        for cp in (0..FOLD_LOW_END).chain(FOLD_HIGH) {
            let start = t.text.len();
            if let Some(c) = char::from_u32(cp) {
                fold_slowly(c, &mut t.text);
            }
            t.ranges.push((start as u32, (t.text.len() - start) as u8));
        }
        t
    }

    #[inline]
    fn get(&self, c: char) -> Option<&str> {
        let cp = c as u32;
        let i = if cp < FOLD_LOW_END {
            cp as usize
        } else if FOLD_HIGH.contains(&cp) {
            (FOLD_LOW_END + cp - FOLD_HIGH.start) as usize
        } else {
            return None;
        };
        let (start, len) = self.ranges[i];
        Some(&self.text[start as usize..start as usize + len as usize])
    }
}

static FOLD_TABLE: std::sync::LazyLock<FoldTable> = std::sync::LazyLock::new(FoldTable::build);

/// A maximal run of letters and digits in the normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'t> {
    pub text: &'t str,
    /// Byte span in the text that was tokenised.
    pub span: Span,
}

impl Token<'_> {
    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(is_upper)
    }
    pub fn is_numeric(&self) -> bool {
        self.text.chars().all(|c| c.is_ascii_digit())
    }
}

/// Splits text into word tokens (letters and digits); everything else separates.
/// Letters, digits and combining marks. Vietnamese letters are answered by a
/// range test: `char::is_alphanumeric` does a table search for every non-ASCII
/// character, which was the top hot spot of `seedls check`.
#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // Latin-1 letters, Latin Extended-A/B and Latin Extended Additional are all
    // alphabetic, except the two signs × and ÷.
    if matches!(c, '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}') {
        return c != '\u{D7}' && c != '\u{F7}';
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

/// What a word's letters say about its capitalisation, gathered while the
/// word is found so that its characters are decoded once: the packed classes
/// ([`CharClass::pack`]) of the first character, and the AND and the OR of
/// the others' (all bits set and none when there are none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    first: u8,
    all: u8,
    any: u8,
}

impl Shape {
    /// The first character is a letter.
    pub fn first_letter(self) -> bool {
        self.first & CharClass::LETTER != 0
    }
    /// The first character is an upper-case letter.
    pub fn first_upper(self) -> bool {
        self.first & CharClass::UPPER != 0
    }
    /// Every character after the first is lower case.
    pub fn rest_lower(self) -> bool {
        self.all & CharClass::LOWER != 0
    }
    /// Every character after the first is upper case.
    pub fn rest_upper(self) -> bool {
        self.all & CharClass::UPPER != 0
    }
    /// Every character after the first is lower case or not a letter.
    pub fn rest_lower_or_other(self) -> bool {
        self.all & CharClass::LOWER_OR_OTHER != 0
    }
    /// Some character is upper case.
    pub fn any_upper(self) -> bool {
        (self.first | self.any) & CharClass::UPPER != 0
    }

    /// The shape of a whole word.
    pub fn of(word: &str) -> Option<Shape> {
        let mut chars = word.chars().map(|c| CharClass::of(c).pack());
        let first = chars.next()?;
        let (mut all, mut any) = (0xFF, 0);
        for bits in chars {
            all &= bits;
            any |= bits;
        }
        Some(Shape { first, all, any })
    }
}

/// One character's word-character test and letter case (`char`'s answers).
#[derive(Debug, Clone, Copy)]
struct CharClass {
    word: bool,
    letter: bool,
    upper: bool,
    lower: bool,
}

impl CharClass {
    #[inline]
    fn of(c: char) -> CharClass {
        if c.is_ascii() {
            return CharClass::ascii(c as u8);
        }
        match fast_case(c) {
            // Every non-ASCII character with a fast case is a letter.
            Some((_, case)) => CharClass {
                word: c.is_ascii_alphanumeric() || !c.is_ascii(),
                letter: case.is_some(),
                upper: case == Some(LetterCase::Upper),
                lower: case == Some(LetterCase::Lower),
            },
            None => CharClass {
                word: is_word_char(c),
                letter: c.is_alphabetic(),
                upper: c.is_uppercase(),
                lower: c.is_lowercase(),
            },
        }
    }
}

impl CharClass {
    #[inline]
    fn ascii(b: u8) -> CharClass {
        CharClass {
            word: b.is_ascii_alphanumeric(),
            letter: b.is_ascii_alphabetic(),
            upper: b.is_ascii_uppercase(),
            lower: b.is_ascii_lowercase(),
        }
    }

    /// The packed class ([`CharClass::pack`]) and byte length of the
    /// character at byte `i` of `text`. Always inlined: it runs once per
    /// character of every article. ASCII, two-byte characters and Latin
    /// Extended Additional (most Vietnamese letters) are looked up in `table`.
    #[inline(always)]
    fn bits_at(table: &ClassTable, text: &str, i: usize) -> (u8, usize) {
        let b = text.as_bytes();
        let lead = b[i];
        if lead < 0x80 {
            return (table.two_byte[usize::from(lead)], 1);
        }
        // `text` is valid UTF-8: a lead byte below 0xE0 starts a two-byte
        // character, and 0xE1 0xB8..=0xBB starts U+1E00..=U+1EFF.
        if lead < 0xE0 {
            let cp = (usize::from(lead & 0x1F) << 6) | usize::from(b[i + 1] & 0x3F);
            return (table.two_byte[cp], 2);
        }
        if lead == 0xE1 && (0xB8..=0xBB).contains(&b[i + 1]) {
            let cp = (usize::from(b[i + 1] & 0x03) << 6) | usize::from(b[i + 2] & 0x3F);
            return (table.extended[cp], 3);
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        (CharClass::of(c).pack(), c.len_utf8())
    }

    #[cfg(test)]
    fn at(table: &ClassTable, text: &str, i: usize) -> (CharClass, usize) {
        let (bits, len) = Self::bits_at(table, text, i);
        (CharClass::unpack(bits), len)
    }

    const WORD: u8 = 1;
    const LETTER: u8 = 2;
    const UPPER: u8 = 4;
    const LOWER: u8 = 8;
    const LOWER_OR_OTHER: u8 = 16;

    /// Bits 0 to 3: word, letter, upper, lower; bit 4: lower case or not a
    /// letter (what [`Shape::rest_lower_or_other`] folds).
    fn pack(self) -> u8 {
        let bit = |set: bool, bit: u8| if set { bit } else { 0 };
        bit(self.word, Self::WORD)
            | bit(self.letter, Self::LETTER)
            | bit(self.upper, Self::UPPER)
            | bit(self.lower, Self::LOWER)
            | bit(self.lower || !self.letter, Self::LOWER_OR_OTHER)
    }

    #[cfg(test)]
    fn unpack(bits: u8) -> CharClass {
        CharClass {
            word: bits & Self::WORD != 0,
            letter: bits & Self::LETTER != 0,
            upper: bits & Self::UPPER != 0,
            lower: bits & Self::LOWER != 0,
        }
    }
}

/// Packed [`CharClass::of`] for U+0000..U+07FF and U+1E00..U+1EFF, computed once.
struct ClassTable {
    two_byte: [u8; 0x800],
    extended: [u8; 0x100],
}

static CLASS_TABLE: std::sync::LazyLock<ClassTable> = std::sync::LazyLock::new(|| {
    let class = |cp: u32| char::from_u32(cp).map_or(0, |c| CharClass::of(c).pack());
    let mut t = ClassTable {
        two_byte: [0; 0x800],
        extended: [0; 0x100],
    };
    for (cp, slot) in t.two_byte.iter_mut().enumerate() {
        *slot = class(cp as u32);
    }
    for (cp, slot) in t.extended.iter_mut().enumerate() {
        *slot = class(0x1E00 + cp as u32);
    }
    t
});

/// Whether every character of `s` is lower case or not a letter.
#[inline]
fn every_char_lower_or_other(s: &str) -> bool {
    let table: &ClassTable = &CLASS_TABLE;
    let mut pos = 0;
    while pos < s.len() {
        let (bits, len) = CharClass::bits_at(table, s, pos);
        if bits & CharClass::LOWER_OR_OTHER == 0 {
            return false;
        }
        pos += len;
    }
    true
}

/// The maximal runs of word characters of `text` with their [`Shape`]
/// ([`Shape::of`] each), found in one pass over the characters. The classes
/// are folded as packed bits: the first character's, the AND and the OR of
/// the others'.
pub fn shaped_words(text: &str) -> impl Iterator<Item = (Span, Shape)> + '_ {
    let table: &ClassTable = &CLASS_TABLE;
    let mut pos = 0;
    std::iter::from_fn(move || {
        let (start, first) = loop {
            if pos >= text.len() {
                return None;
            }
            let (bits, len) = CharClass::bits_at(table, text, pos);
            pos += len;
            if bits & CharClass::WORD != 0 {
                break (pos - len, bits);
            }
        };
        let (mut all, mut any) = (0xFF, 0);
        while pos < text.len() {
            let (bits, len) = CharClass::bits_at(table, text, pos);
            if bits & CharClass::WORD == 0 {
                break;
            }
            all &= bits;
            any |= bits;
            pos += len;
        }
        Some((Span::new(start, pos), Shape { first, all, any }))
    })
}

pub fn tokens(text: &str) -> Vec<Token<'_>> {
    token_iter(text).collect()
}

/// The maximal runs of word characters of `text`, in order.
pub fn token_iter(text: &str) -> impl Iterator<Item = Token<'_>> + '_ {
    shaped_words(text).map(|(span, _)| Token {
        text: &text[span.start..span.end],
        span,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `search_key` as it was written before the fold table: NFD of the
    /// whole string.
    fn search_key_by_nfd(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        let mut space = false;
        for c in s.nfd() {
            if is_combining_mark(c) {
                continue;
            }
            let c = match c {
                'Đ' | 'đ' | 'Ð' | 'ð' => 'd',
                c => c,
            };
            if c.is_whitespace() {
                space = !out.is_empty();
                continue;
            }
            if space {
                out.push(' ');
                space = false;
            }
            out.extend(c.to_lowercase());
        }
        out
    }

    #[test]
    fn search_key_agrees_with_nfd_of_the_whole_string() {
        let mut samples: Vec<String> = (0..0x3000u32)
            .chain(0x1_0000..0x1_0100)
            .filter_map(char::from_u32)
            .map(|c| format!(" {c}x\u{301} {c}"))
            .collect();
        samples.extend(
            [
                "Tô Lâm",
                "To\u{302} La\u{302}\u{300}m",
                "  Đặng\u{a0}Thị   Ngọc ",
                "İstanbul Ǆemal ﬁne",
                "e\u{323}\u{302} \u{301}",
                "",
                "\u{301}",
            ]
            .map(String::from),
        );
        for s in &samples {
            assert_eq!(search_key(s), search_key_by_nfd(s), "{s:?}");
        }
    }

    #[test]
    fn case_fast_path_agrees_with_char() {
        let fast: Vec<char> = (0u32..0x250)
            .chain(0x1E00..0x1F00)
            .filter_map(char::from_u32)
            .filter(|&c| fast_case(c).is_some())
            .collect();
        assert!(fast.len() > 250 && fast.contains(&'Ự') && fast.contains(&'đ'));
        for c in fast {
            let std_lower: Vec<char> = c.to_lowercase().collect();
            assert_eq!(vec![lower_char(c)], std_lower, "{c:?}");
            assert_eq!(is_upper(c), c.is_uppercase(), "{c:?}");
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
            for d in ['a', 'A', 'đ', 'Đ', 'ự', 'Ự', 'İ', 'i'] {
                assert_eq!(
                    eq_ignore_case(c, d),
                    c.to_lowercase().eq(d.to_lowercase()),
                    "{c:?} {d:?}"
                );
            }
        }
        for s in [
            "Tô Lâm",
            "ĐẶNG THỊ",
            "abc",
            "İstanbul",
            "ΣΑΣ",
            "Ưu Đàm 12%",
            "",
            "tỉnh İ",
        ] {
            assert_eq!(lowercase(s), s.to_lowercase(), "{s:?}");
        }
        // Every character up to U+3000 and some cased scripts beyond
        // (fullwidth, Deseret, Adlam): title case and other letters with a
        // lowercase mapping are never borrowed.
        for c in (0u32..0x3000)
            .chain(0xFF00..0xFF60)
            .chain(0x1_0400..0x1_0450)
            .chain(0x1_E900..0x1_E950)
            .filter_map(char::from_u32)
        {
            for s in [
                format!("{c}"),
                format!("ab{c}"),
                format!("lạng {c}Sơn"),
                format!("X{c}"),
            ] {
                assert_eq!(lowercase(&s), s.to_lowercase(), "{s:?}");
            }
        }
        assert!(matches!(lowercase("tỉnh lạng sơn"), Cow::Borrowed(_)));
    }

    #[test]
    fn lowercase_title_agrees_with_to_lowercase() {
        for w in ["Hà", "Đặng", "Ủy", "Ấp", "Xã", "Àa", "Ưu", "A", "Zô"] {
            assert_eq!(
                lowercase_title(w).as_deref(),
                Some(w.to_lowercase().as_str()),
                "{w}"
            );
        }
        assert_eq!(lowercase_title("İz"), None);
        assert_eq!(lowercase_title(""), None);
    }

    #[test]
    fn class_before_agrees_with_is_alnum_and_lowercase() {
        let chars = (0u32..0x800)
            .chain(0x1DF0..0x1F10)
            .chain([0x2013, 0x3000, 0x4E00, 0x1F600])
            .filter_map(char::from_u32);
        for c in chars {
            let s = format!("x{c}");
            let lower = matches!(lowercase(&s[1..]), Cow::Borrowed(_));
            assert_eq!(
                class_before(&s, s.len()),
                Some((1, is_alnum(c), lower)),
                "{c:?}"
            );
        }
        assert_eq!(class_before("ab", 0), None);
    }

    #[test]
    fn class_table_agrees_with_char_class_of() {
        let table: &ClassTable = &CLASS_TABLE;
        let chars = (0u32..0x800)
            .chain(0x1DF0..0x1F10)
            .chain([0x2028, 0x3000, 0x1F600])
            .filter_map(char::from_u32);
        for c in chars {
            let s = format!("{c}x");
            let (class, len) = CharClass::at(table, &s, 0);
            assert_eq!(len, c.len_utf8(), "{c:?}");
            assert_eq!(class.pack(), CharClass::of(c).pack(), "{c:?}");
        }
    }

    #[test]
    fn shaped_words_agree_with_a_char_scan_and_shape_of() {
        let text = "Sáng 10/8, ĐẠI TƯỚNG Tô Lâm (VNeID) ×2 ǅa İstanbul Uỷ-ban ông\u{301} x";
        // Maximal runs of `is_word_char`, found char by char.
        let mut runs: Vec<Span> = Vec::new();
        let mut open: Option<usize> = None;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            match (is_word_char(c) && i < text.len(), open) {
                (true, None) => open = Some(i),
                (false, Some(s)) => {
                    runs.push(Span::new(s, i));
                    open = None;
                }
                _ => {}
            }
        }
        let words: Vec<(Span, Shape)> = shaped_words(text).collect();
        assert_eq!(words.iter().map(|w| w.0).collect::<Vec<_>>(), runs);
        for (span, shape) in &words {
            let word = &text[span.start..span.end];
            assert_eq!(Some(*shape), Shape::of(word), "{word}");
        }
        for c in (0u32..0x2000)
            .chain(0x1E00..0x1F00)
            .filter_map(char::from_u32)
        {
            let class = CharClass::of(c);
            assert_eq!(class.word, is_word_char(c), "{c:?}");
            assert_eq!(class.letter, c.is_alphabetic(), "{c:?}");
            assert_eq!(class.upper, c.is_uppercase(), "{c:?}");
            assert_eq!(class.lower, c.is_lowercase(), "{c:?}");
        }
    }

    #[test]
    fn word_char_fast_path_agrees_with_unicode() {
        for c in (0u32..0x2000).filter_map(char::from_u32) {
            assert_eq!(
                is_word_char(c),
                c.is_alphanumeric() || is_combining_mark(c),
                "{c:?} U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn simple_text_test_reads_utf8_bytes_right() {
        let in_ranges = |c: char| {
            matches!(c, '\0'..='\u{7F}' | '\u{A0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' | '\u{2010}'..='\u{2027}')
                && c != 'Ð'
                && c != 'ð'
        };
        for c in (0u32..0x3000)
            .chain(0x1_F600..0x1_F610)
            .filter_map(char::from_u32)
        {
            // Alone, and after and between runs of ASCII longer than a chunk.
            for s in [
                c.to_string(),
                format!("Tỉnh Lạng Sơn {c}"),
                format!("{c}abcdefghij{c}"),
            ] {
                assert_eq!(is_simple(&s), in_ranges(c), "U+{:04X} in {s:?}", c as u32);
            }
        }
        // At every offset of an eight-byte read.
        for c in ['ạ', 'Ð', '\u{301}', '–', '\u{2028}'] {
            for n in 0..20 {
                let s = format!("{}{c}{}", "a".repeat(n), "b".repeat(n % 9));
                assert_eq!(is_simple(&s), in_ranges(c), "{s:?}");
            }
        }
    }

    #[test]
    fn fast_normal_test_agrees_with_unicode() {
        let ranges = [0u32..0x80, 0xA0..0x250, 0x1E00..0x1F00, 0x2010..0x2028];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            let s = c.to_string();
            let slow = unicode_normalization::is_nfc_quick(s.chars())
                == unicode_normalization::IsNormalized::Yes
                && c != 'Ð'
                && c != 'ð';
            assert_eq!(is_normal(&s), slow, "U+{:04X}", c as u32);
            // Followed by a combining mark, the slow path decides.
            let with_mark = format!("{c}\u{301}");
            let slow = unicode_normalization::is_nfc_quick(with_mark.chars())
                == unicode_normalization::IsNormalized::Yes
                && c != 'Ð'
                && c != 'ð';
            assert_eq!(is_normal(&with_mark), slow, "U+{:04X} + mark", c as u32);
        }
    }

    #[test]
    fn nfd_text_maps_back_to_original_offsets() {
        let nfd: String = "Tô Lâm".nfd().collect();
        let p = Prepared::new(&nfd);
        assert_eq!(p.norm, "Tô Lâm");
        assert!(!p.is_identity());
        // "Lâm" in NFC starts at byte 4 (T, ô=2 bytes, space).
        let lam = p.norm.find("Lâm").unwrap();
        let span = p.to_original(Span::new(lam, p.norm.len()));
        assert_eq!(span.text(&nfd), "Lâm".nfd().collect::<String>());
    }

    #[test]
    fn clean_text_is_identity() {
        let p = Prepared::new("Đại tướng Tô Lâm");
        assert!(p.is_identity());
        assert_eq!(p.to_original(Span::new(3, 5)), Span::new(3, 5));
    }

    #[test]
    fn eth_becomes_d_with_stroke() {
        let p = Prepared::new("Ðặng Văn A");
        assert_eq!(p.norm, "Đặng Văn A");
        assert_eq!(
            p.to_original(Span::new(0, p.norm.len())),
            Span::new(0, "Ðặng Văn A".len())
        );
    }

    #[test]
    fn tone_styles() {
        assert_eq!(tone_style("Ủy"), Some(ToneStyle::Old));
        assert_eq!(tone_style("Uỷ"), Some(ToneStyle::New));
        assert_eq!(tone_style("hóa"), Some(ToneStyle::Old));
        assert_eq!(tone_style("hoá"), Some(ToneStyle::New));
        assert_eq!(tone_style("quý"), None);
        assert_eq!(tone_style("hoàn"), None);
        assert_eq!(tone_style("Tô"), None);
        // Every pair in both styles and cases, alone and after a consonant,
        // and a few endings that only look like pairs.
        for &((o1, o2), (n1, n2)) in TONE_CHAR_PAIRS {
            for (a, b, style) in [(o1, o2, ToneStyle::Old), (n1, n2, ToneStyle::New)] {
                for w in [format!("{a}{b}"), format!("h{a}{b}"), format!("H{a}{b}")] {
                    assert_eq!(tone_style(&w), Some(style), "{w}");
                    assert_eq!(tone_style(&w.to_uppercase()), Some(style), "{w}");
                }
                assert_eq!(tone_style(&format!("q{a}{b}")), None);
            }
        }
        for w in [
            "của",
            "và",
            "ra",
            "qua",
            "đã",
            "gia",
            "hoa",
            "y",
            "à",
            "ươ",
            "hoà\u{301}",
        ] {
            assert_eq!(tone_style(w), None, "{w}");
        }
        assert_eq!(tone_style("QUỶ"), None);
        assert_eq!(tone_style("HOÀ"), Some(ToneStyle::New));
        assert_eq!(tone_style("khỏe"), Some(ToneStyle::Old));
        assert_eq!(tone_style("ý"), None);
        assert_eq!(tone_style("a"), None);
        assert_eq!(fold_tones_cow("không đổi"), Cow::Borrowed("không đổi"));
        assert_eq!(restyle("Uỷ", ToneStyle::Old), "Ủy");
        assert_eq!(restyle("UỶ", ToneStyle::Old), "ỦY");
        assert_eq!(restyle("hóa", ToneStyle::New), "hoá");
        assert_eq!(restyle("thủy", ToneStyle::New), "thuỷ");
        assert_eq!(
            fold_tones("Tỉnh uỷ Bắc Giang, văn hoá"),
            "Tỉnh ủy Bắc Giang, văn hóa"
        );
    }

    #[test]
    fn keys() {
        assert_eq!(search_key("Tô  Lâm"), "to lam");
        assert_eq!(search_key("Đặng Thị Ðào"), "dang thi dao");
        assert_eq!(name_key("Uỷ ban"), "ủy ban");
        assert_eq!(canonical_name(" Nguyễn   Xuân Ký "), "Nguyễn Xuân Ký");
        assert_eq!(canonical_name("H’Hen  Niê"), "H'Hen Niê");
        assert_eq!(canonical_name("K\u{2bc}Ré"), "K'Ré");
    }

    #[test]
    fn tokenises_vietnamese_words() {
        let t: Vec<_> = tokens("Sáng 10/8, Đại tướng")
            .iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(t, ["Sáng", "10", "8", "Đại", "tướng"]);
    }
}

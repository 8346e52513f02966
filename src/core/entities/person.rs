//! People: 2–4 capitalised syllables led by a known family name, carved out
//! of capitalised runs after places, organisations, awards and titles have
//! taken their tokens; with the titles before the name and in an apposition
//! after it.

use super::gazetteer::{lexicon, Case, Doc, TitleKind, WordClass};
use super::inferred::called_by;
use super::place::{place_name, Place, PlaceName};
use super::titles::TitlePhrase;
use crate::core::fxhash::FxMap as HashMap;

#[derive(Debug, Clone)]
pub struct Person {
    pub start: usize,
    pub end: usize,
    /// Indices into the title phrases, in text order.
    pub titles: Vec<usize>,
}

fn is_name_syllable(doc: &Doc<'_>, i: usize) -> bool {
    doc.toks[i].case == Case::Title
}

fn is_surname(doc: &Doc<'_>, i: usize) -> bool {
    doc.is_word(i, WordClass::Surname)
}

pub struct Inputs<'a> {
    /// Tokens taken by places with a level word, organisations, negatives, documents.
    pub claimed: &'a [bool],
    pub bare_places: &'a [Place],
    pub titles: &'a [TitlePhrase],
    /// `before[i]`: a word like "đường" or "trường" ends right before token `i`.
    pub before: &'a [bool],
}

pub fn find(doc: &Doc<'_>, input: &Inputs<'_>) -> Vec<Person> {
    let n = doc.toks.len();
    // Things that may stand at the head of a capitalised run before a name.
    let mut skip_at: HashMap<usize, usize> = HashMap::default();
    for p in input.bare_places {
        skip_at.insert(p.start, p.end);
    }
    for t in input.titles {
        skip_at.entry(t.start).or_insert(t.end);
    }
    let mut title_ending_at: HashMap<usize, usize> = HashMap::default();
    let mut title_starting_at: HashMap<usize, usize> = HashMap::default();
    for (k, t) in input.titles.iter().enumerate() {
        title_ending_at.insert(t.end, k);
        title_starting_at.insert(t.start, k);
    }
    // Where an honorific starting at a token ends.
    let honorific_end = |i: usize| {
        title_starting_at
            .get(&i)
            .map(|&k| &input.titles[k])
            .filter(|t| t.kind == TitleKind::Honorific)
            .map(|t| t.end)
    };

    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if input.claimed[i] || !is_name_syllable(doc, i) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < n
            && !input.claimed[end]
            && (doc.spaced(end) || glued_prefix(doc, end))
            && is_name_syllable(doc, end)
        {
            end += 1;
        }
        // "Ông Hùng nói": a capitalised honorific before one name syllable
        // addresses someone by their given name, though Ông is also a family name.
        let after_honorific = honorific_end(i).filter(|&e| e < end);
        if after_honorific == Some(end - 1) {
            i = end;
            continue;
        }
        let from = after_honorific.unwrap_or(i);
        let honorific_before = after_honorific.is_some()
            || title_ending_at
                .get(&i)
                .is_some_and(|&k| input.titles[k].kind == TitleKind::Honorific);
        // "ông A Pớt", "bà Y Ngọc", "ông Ama Kông": names of the Central
        // Highlands, a prefix and one or two syllables with no family name; only an
        // honorific right before says they are names. When they call someone
        // named earlier ("ông Y Biêr" after Y Biêr Niê) they are left to
        // the given-name references.
        let short_name = honorific_before
            && matches!(doc.toks[from].text, "A" | "Y" | "Ama")
            && (2..=3).contains(&(end - from))
            && prefixed_name_end(doc, from, end).is_none();
        // "Ông Đức Long cho biết" after Phạm Đức Long: the honorific and part
        // of his name, not someone whose family name is Ông.
        let calls_earlier = (short_name || after_honorific.is_some())
            && out.iter().any(|p| called_by(doc, p, &doc.toks[from..end]));
        // "Bà H’Hen nói": a name prefix after a capitalised honorific, too
        // short to be a whole name of the Central Highlands, is a given name
        // too, not the family name Ông or Bà.
        if calls_earlier
            || (!short_name
                && after_honorific.is_some()
                && is_name_prefix(doc.toks[from].text)
                && prefixed_name_end(doc, from, end).is_none())
        {
            i = end;
            continue;
        }
        let mut accept = |s: usize, e: usize| {
            let pre = titles_before(doc, s, &title_ending_at, input.titles);
            if input.before[s] && pre.is_empty() {
                return false;
            }
            let addressed = pre
                .iter()
                .any(|&k| matches!(input.titles[k].kind, TitleKind::Honorific | TitleKind::Rank));
            match place_name(doc, s, e) {
                PlaceName::Major => return false,
                PlaceName::Local if !addressed => return false,
                _ => {}
            }
            let mut titles = pre;
            titles.extend(titles_after(doc, e, &title_starting_at, input.titles));
            out.push(Person {
                start: s,
                end: e,
                titles,
            });
            true
        };
        if short_name {
            accept(from, end);
            i = end;
            continue;
        }
        // "Ông Y Biêr Niê": the name may start after a capitalised honorific.
        match prefixed_name_end(doc, from, end) {
            Some(e) if accept(from, e) => i = e,
            _ => {
                carve(doc, i, end, &skip_at, &mut accept);
                i = end;
            }
        }
    }
    out
}

/// "H'Hen", "K'Ré": a one-letter name prefix glued by an apostrophe.
pub(super) fn glued_prefix(doc: &Doc<'_>, i: usize) -> bool {
    doc.toks[i].sep == "'" && matches!(doc.toks[i - 1].text, "H" | "K")
}

/// The prefixes that lead names of the Central Highlands: Y for men, H for
/// women, Ama ("father of").
pub(super) fn is_name_prefix(syllable: &str) -> bool {
    matches!(syllable, "Y" | "H" | "Ama")
}

/// Names of the Central Highlands led by a prefix ("Y", "H", "H'…", "Ama")
/// and ending in a family name of `data/ethnic_surnames.txt` ("Y Biêr Niê",
/// "H'Hen Niê", "Y Thanh Hà Niê Kđăm"): the end of the longest such name in
/// the capitalised run `a..b`, at most six syllables.
fn prefixed_name_end(doc: &Doc<'_>, a: usize, b: usize) -> Option<usize> {
    let t = &doc.toks;
    if !is_name_prefix(t[a].text) {
        return None;
    }
    let lex = lexicon();
    // Prefix, given name and family name at least ("Y Nay" is not a name).
    (a + 3..=b.min(a + 6)).rev().find(|&e| {
        let last = &*t[e - 1].key;
        lex.end_surnames.contains(last)
            || (e - 2 > a
                && lex
                    .end_surnames
                    .contains(&format!("{} {last}", t[e - 2].key)))
    })
}

/// Splits the capitalised run `a..b` into at most a few names, skipping
/// leading places and titles ("Quảng Ninh Nguyễn Xuân Ký").
fn carve(
    doc: &Doc<'_>,
    a: usize,
    b: usize,
    skip_at: &HashMap<usize, usize>,
    accept: &mut dyn FnMut(usize, usize) -> bool,
) {
    let mut k = a;
    while k < b {
        let skip = skip_at.get(&k).copied().filter(|&e| e <= b);
        if let Some(e) = skip {
            // A place or title followed by a name: the name starts after it.
            if e < b && is_surname(doc, e) && b - e >= 2 {
                k = e;
                continue;
            }
        }
        if is_surname(doc, k) {
            let len = b - k;
            if (2..=4).contains(&len) {
                if accept(k, b) {
                    return;
                }
            } else if len > 4 {
                // Cut before a place or title that follows the name.
                if let Some(m) = (k + 2..=k + 4).find(|m| skip_at.contains_key(m)) {
                    if accept(k, m) {
                        k = m;
                        continue;
                    }
                }
            }
        }
        k = skip.map_or(k + 1, |e| e.max(k + 1));
    }
}

/// Title phrases right before a name: the nearest must be separated by a
/// space; earlier ones by a space or a comma ("Ủy viên Bộ Chính trị, Bộ
/// trưởng Bộ Công an Tô Lâm").
fn titles_before(
    doc: &Doc<'_>,
    start: usize,
    ending_at: &HashMap<usize, usize>,
    titles: &[TitlePhrase],
) -> Vec<usize> {
    let mut out = Vec::new();
    let mut p = start;
    loop {
        let ok_sep = if out.is_empty() {
            // "TS. Nguyễn Văn Đức": an abbreviated degree ends with a dot.
            doc.spaced(p)
                || (p < doc.toks.len()
                    && doc.toks[p].sep == ". "
                    && ending_at
                        .get(&p)
                        .is_some_and(|&k| titles[k].kind == TitleKind::Academic))
        } else {
            p < doc.toks.len() && matches!(doc.toks[p].sep, " " | ", ")
        };
        if !ok_sep {
            break;
        }
        let Some(&k) = ending_at.get(&p) else {
            break;
        };
        // A comma before a lone honorific is not an apposition ("..., ông").
        if !out.is_empty() && doc.toks[p].sep == ", " && titles[k].kind == TitleKind::Honorific {
            break;
        }
        out.insert(0, k);
        p = titles[k].start;
    }
    out
}

/// Title phrases in an apposition after the name ("Tô Lâm, Ủy viên Bộ Chính
/// trị, Bộ trưởng Bộ Công an").
fn titles_after(
    doc: &Doc<'_>,
    end: usize,
    starting_at: &HashMap<usize, usize>,
    titles: &[TitlePhrase],
) -> Vec<usize> {
    let mut out = Vec::new();
    let mut q = end;
    // "Nguyễn Văn A - Chủ tịch UBND tỉnh": a dash may open the apposition.
    while q < doc.toks.len() && (doc.toks[q].sep == ", " || (q == end && doc.toks[q].sep == " - "))
    {
        match starting_at.get(&q) {
            Some(&k) if titles[k].kind != TitleKind::Honorific => {
                out.push(k);
                q = titles[k].end;
            }
            _ => break,
        }
    }
    out
}

//! Inferred mentions: a role title without a name ("Bộ trưởng Bộ Công an đã
//! tặng ...") that repeats exactly a title held by a person named earlier in
//! the article refers back to that person; so does an honorific with a
//! given name ("ông Hùng") when exactly one person named earlier has it.

use super::gazetteer::{Case, Doc, TitleKind, Tok};
use super::person::{glued_prefix, is_name_prefix, Person};
use super::titles::TitlePhrase;
use crate::core::text::name_key;

/// A title phrase (by index) and the person (by index) it refers to.
pub struct Inferred {
    pub title: usize,
    pub person: usize,
}

pub fn find(doc: &Doc<'_>, titles: &[TitlePhrase], people: &[Person]) -> Vec<Inferred> {
    let attached: crate::core::fxhash::FxSet<usize> = people
        .iter()
        .flat_map(|p| p.titles.iter().copied())
        .collect();
    let mut out = Vec::new();
    for (k, t) in titles.iter().enumerate() {
        if t.kind != TitleKind::Role || attached.contains(&k) {
            continue;
        }
        // Followed by a capitalised word: probably a name we did not recognise.
        if doc.spaced(t.end) && doc.toks[t.end].starts_upper() {
            continue;
        }
        let key = name_key(&t.text);
        let holder = people
            .iter()
            .enumerate()
            .filter(|(_, p)| p.end <= t.start)
            .rfind(|(_, p)| p.titles.iter().any(|&h| name_key(&titles[h].text) == key));
        if let Some((person, _)) = holder {
            out.push(Inferred { title: k, person });
        }
    }
    out
}

/// A given name standing for a person named earlier: tokens `start..end`
/// and the person (by index).
pub struct GivenName {
    pub start: usize,
    pub end: usize,
    pub person: usize,
}

/// A given name after an honorific ("ông Hùng", "Bà Lan"; for names of the
/// Central Highlands "ông Y Biêr", "bà H'Hen", "ông Biêr") that exactly one
/// person named earlier in the article has. Skipped when two different
/// people named earlier share it, or when a token is taken (`taken`) by
/// another entity.
pub fn given_names(
    doc: &Doc<'_>,
    titles: &[TitlePhrase],
    people: &[Person],
    taken: &[bool],
) -> Vec<GivenName> {
    let t = &doc.toks;
    let mut out = Vec::new();
    for title in titles {
        let j = title.end;
        if title.kind != TitleKind::Honorific
            || j >= t.len()
            || !doc.spaced(j)
            || t[j].case != Case::Title
        {
            continue;
        }
        // The whole capitalised run after the honorific is the given name.
        let mut end = j + 1;
        while end < t.len()
            && (doc.spaced(end) || glued_prefix(doc, end))
            && t[end].case == Case::Title
        {
            end += 1;
        }
        if (j..end).any(|i| taken[i]) {
            continue;
        }
        let run = &t[j..end];
        let mut holder: Option<usize> = None;
        let mut ambiguous = false;
        let addressed_as = honorific_gender(&title.text);
        for (k, p) in people.iter().enumerate() {
            if p.end > title.start || !called_by(doc, p, run) {
                continue;
            }
            // "Bà Nam" is not Nguyễn Văn Nam.
            if addressed_as.is_some()
                && person_gender(doc, titles, p).is_some_and(|g| Some(g) != addressed_as)
            {
                continue;
            }
            if let Some(h) = holder {
                let same = (people[h].start..people[h].end)
                    .map(|i| &t[i].key)
                    .eq((p.start..p.end).map(|i| &t[i].key));
                ambiguous |= !same;
            }
            holder = Some(k);
        }
        if let (Some(person), false) = (holder, ambiguous) {
            out.push(GivenName {
                start: j,
                end,
                person,
            });
        }
    }
    out
}

/// Whether `run` is how `p` is called by given name: the last syllable or
/// syllables of a name ("Long" for Phạm Đức Long, "A Páo" for Giàng A Páo);
/// for a name led by a prefix, the
/// given name with or without the prefix, never the family name at its end
/// ("Y Biêr" or "Biêr" for Y Biêr Niê, "H'Hen" for H'Hen Niê).
pub(super) fn called_by(doc: &Doc<'_>, p: &Person, run: &[Tok<'_>]) -> bool {
    let name = &doc.toks[p.start..p.end];
    let keys_match = |from: usize| {
        name.get(from..from + run.len())
            .is_some_and(|part| part.iter().zip(run).all(|(a, b)| a.key == b.key))
    };
    if is_name_prefix(name[0].text) {
        // The prefix alone ("ông Y") names nobody; without a family name
        // ("Ama Kông") the given name is the rest ("ông Kông").
        (run.len() >= 2 && run.len() < name.len() && keys_match(0))
            || ((run.len() < name.len() - 1 || (name.len() == 2 && run.len() == 1))
                && keys_match(1))
    } else {
        // The last syllable, or the last few ("A Páo" for Giàng A Páo).
        run.len() < name.len() && keys_match(name.len() - run.len())
    }
}

/// Whether an honorific addresses a man (`Some(true)`), a woman, or either.
fn honorific_gender(text: &str) -> Option<bool> {
    match crate::core::text::name_key(text).as_str() {
        "ông" | "anh" | "chú" => Some(true),
        "bà" | "chị" | "cô" => Some(false),
        _ => None,
    }
}

/// A person's gender as the article shows it: the prefix of a name of the
/// Central Highlands, an honorific before the name, else the middle name
/// Thị or Văn.
fn person_gender(doc: &Doc<'_>, titles: &[TitlePhrase], p: &Person) -> Option<bool> {
    // Names of the Central Highlands say it in the prefix: Y (and Ama,
    // "father of") for men, H for women.
    // "A" leads men's names in Kon Tum; "Y" leads men's names ending in a
    // family name ("Y Biêr Niê") but women's without one ("Y Ngọc").
    match doc.toks[p.start].text {
        "Y" if p.end - p.start >= 3 => return Some(true),
        "A" | "Ama" => return Some(true),
        "H" => return Some(false),
        _ => {}
    }
    p.titles
        .iter()
        .find_map(|&k| honorific_gender(&titles[k].text))
        .or_else(|| {
            (p.start + 1..p.end - 1).find_map(|i| match &*doc.toks[i].key {
                "thị" => Some(false),
                "văn" => Some(true),
                _ => None,
            })
        })
}

//! Inferred mentions: a role title without a name ("Bộ trưởng Bộ Công an đã
//! tặng ...") that repeats exactly a title held by a person named earlier in
//! the article refers back to that person; so does an honorific with a
//! given name ("ông Hùng") when exactly one person named earlier has it.

use super::gazetteer::{Case, Doc, TitleKind};
use super::person::Person;
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

/// A given name after an honorific ("ông Hùng", "Bà Lan"): the name token
/// and the person (by index) named earlier in the article whose last
/// syllable it is. Skipped when two different people named earlier share
/// that given name, or when the token is taken (`taken`) by another entity.
pub fn given_names(
    doc: &Doc<'_>,
    titles: &[TitlePhrase],
    people: &[Person],
    taken: &[bool],
) -> Vec<(usize, usize)> {
    let t = &doc.toks;
    let mut out = Vec::new();
    for title in titles {
        let j = title.end;
        if title.kind != TitleKind::Honorific
            || j >= t.len()
            || taken[j]
            || !doc.spaced(j)
            || t[j].case != Case::Title
            // One syllable: a longer run would be a name of its own.
            || (doc.spaced(j + 1) && t[j + 1].case == Case::Title)
        {
            continue;
        }
        let mut holder: Option<usize> = None;
        let mut ambiguous = false;
        let addressed_as = honorific_gender(&title.text);
        for (k, p) in people.iter().enumerate() {
            if p.end > title.start || t[p.end - 1].key != t[j].key {
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
            out.push((j, person));
        }
    }
    out
}

/// Whether an honorific addresses a man (`Some(true)`), a woman, or either.
fn honorific_gender(text: &str) -> Option<bool> {
    match crate::core::text::name_key(text).as_str() {
        "ông" | "anh" | "chú" => Some(true),
        "bà" | "chị" | "cô" => Some(false),
        _ => None,
    }
}

/// A person's gender as the article shows it: an honorific before the name,
/// else the middle name Thị or Văn.
fn person_gender(doc: &Doc<'_>, titles: &[TitlePhrase], p: &Person) -> Option<bool> {
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

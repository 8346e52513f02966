//! Inferred mentions: a role title without a name ("Bộ trưởng Bộ Công an đã
//! tặng ...") that repeats exactly a title held by a person named earlier in
//! the article refers back to that person.

use super::gazetteer::{Doc, TitleKind};
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

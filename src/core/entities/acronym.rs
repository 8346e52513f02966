//! Acronyms written in capitals (UBND, HĐND, ANTT, GRDP ...), with their
//! expansion from the curated list (falling back to the soe-vinorm list).

use super::gazetteer::{Doc, Entry, EntryKind};

pub struct Acronym {
    pub start: usize,
    pub end: usize,
    pub expansion: String,
}

pub fn find(doc: &Doc<'_>) -> Vec<Acronym> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < doc.toks.len() {
        if let Some((hit, entries)) = doc.longest_at(i, EntryKind::Acronym, |_| true) {
            if let Some(Entry::Acronym { expansion }) = entries.first() {
                out.push(Acronym {
                    start: hit.start,
                    end: hit.end,
                    expansion: expansion.clone(),
                });
                i = hit.end;
                continue;
            }
        }
        i += 1;
    }
    out
}

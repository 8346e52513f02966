//! Title phrases: a rank, role, academic title or honorific, with what makes
//! a role specific ("Bộ trưởng" + "Bộ Công an", "Bí thư" + "Tỉnh ủy Quảng
//! Ninh", "Phó Chủ tịch" + "Thường trực" + "UBND tỉnh"), and "nguyên" (former).

use super::gazetteer::{Doc, Entry, EntryKind, TitleKind};
use super::organization::Org;
use crate::core::fxhash::FxMap as HashMap;

#[derive(Debug, Clone)]
pub struct TitlePhrase {
    pub start: usize,
    pub end: usize,
    pub kind: TitleKind,
    /// Canonical text as written, e.g. "Bộ trưởng Bộ Công an".
    pub text: String,
}

/// For each token, whether a role title (as listed) ends right before it.
pub fn role_ends(doc: &Doc<'_>) -> Vec<bool> {
    let mut out = vec![false; doc.toks.len() + 1];
    for i in 0..doc.toks.len() {
        if let Some(hit) = doc.longest_hit_at(i, EntryKind::Title, |e| {
            matches!(e, Entry::Title(TitleKind::Role))
        }) {
            out[hit.end] = true;
        }
    }
    out
}

fn title_at(doc: &Doc<'_>, i: usize) -> Option<(usize, TitleKind)> {
    let (hit, entries) = doc.longest_at(i, EntryKind::Title, |_| true)?;
    let kind = entries.iter().find_map(|e| match e {
        Entry::Title(k) => Some(*k),
        _ => None,
    })?;
    // Ranks, roles and degrees are written with a capital; "ông", "đồng chí" in any case.
    if kind != TitleKind::Honorific && !doc.toks[i].starts_upper() {
        return None;
    }
    Some((hit.end, kind))
}

/// All title phrases, longest at each start, not overlapping.
pub fn find(doc: &Doc<'_>, orgs: &[Org]) -> Vec<TitlePhrase> {
    let org_at: HashMap<usize, usize> = orgs.iter().map(|o| (o.start, o.end)).collect();
    let t = &doc.toks;
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let former = t[i].key == "nguyên" && t[i].text == "nguyên" && doc.spaced(i + 1);
        let head = if former { i + 1 } else { i };
        let Some((mut end, kind)) = title_at(doc, head) else {
            i += 1;
            continue;
        };
        if kind == TitleKind::Role {
            if end + 1 < t.len()
                && t[end].key == "thường"
                && t[end + 1].key == "trực"
                && doc.spaced(end)
                && doc.spaced(end + 1)
            {
                end += 2;
            }
            // A listed title may end inside an organisation name ("Trưởng
            // ban" + "Ban Tổ chức Tỉnh ủy"): the organisation completes it.
            if let Some(org_end) = (head + 1..end).find_map(|k| org_at.get(&k).copied()) {
                end = end.max(org_end);
            } else if doc.spaced(end) {
                if let Some(&org_end) = org_at.get(&end) {
                    end = org_end;
                }
            }
        }
        out.push(TitlePhrase {
            start: i,
            end,
            kind,
            text: doc.canonical(i, end),
        });
        i = end;
    }
    out
}

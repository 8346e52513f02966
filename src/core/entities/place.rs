//! Places: provinces and cities by name, and any administrative unit marked
//! by its level ("tỉnh Lạng Sơn", "huyện Văn Quan", "xã Tân Lập", "TP Hạ Long").

use super::gazetteer::{lexicon, Case, Doc, Entry, EntryKind, PlaceEntry, PlaceSource, WordClass};

/// One place mention: tokens `start..end` are the name (never the marker).
#[derive(Debug, Clone)]
pub struct Place {
    pub start: usize,
    pub end: usize,
    /// Tokens of the level word before the name, if any.
    pub marker: Option<(usize, usize)>,
    pub level: String,
    pub canonical: String,
    /// Candidate provinces of a district or commune.
    pub provinces: Vec<String>,
}

/// Level words, as fold keys, with the level they give.
const MARKERS: &[(&[&str], &str)] = &[
    (&["thành", "phố"], "thành phố"),
    (&["thị", "xã"], "thị xã"),
    (&["thị", "trấn"], "thị trấn"),
    (&["đặc", "khu"], "đặc khu"),
    (&["tỉnh"], "tỉnh"),
    (&["huyện"], "huyện"),
    (&["quận"], "quận"),
    (&["xã"], "xã"),
    (&["phường"], "phường"),
    (&["tp"], "thành phố"),
    (&["cửa", "khẩu"], "cửa khẩu"),
];

/// The first words of [`MARKERS`], which the word table marks
/// ([`WordClass::PlaceMarkerStart`]).
pub(super) fn marker_first_words() -> impl Iterator<Item = &'static str> {
    MARKERS.iter().map(|(words, _)| words[0])
}

/// Levels whose units are all in the lists: a name after them must be listed.
const LISTED_LEVELS: &[&str] = &["tỉnh", "thành phố", "huyện", "quận", "thị xã"];

/// The level word starting at token `i`: its end token and level.
#[inline]
pub fn marker_at(doc: &Doc<'_>, i: usize) -> Option<(usize, &'static str)> {
    // Called for every word of the article: rule most words out at once,
    // without a call.
    if !doc.is_word(i, WordClass::PlaceMarkerStart) {
        return None;
    }
    marker_words_at(doc, i)
}

fn marker_words_at(doc: &Doc<'_>, i: usize) -> Option<(usize, &'static str)> {
    for (words, level) in MARKERS {
        let end = i + words.len();
        if end > doc.toks.len() {
            continue;
        }
        let toks = &doc.toks[i..end];
        let same = toks.iter().zip(words.iter()).all(|(t, w)| t.key == *w)
            && toks.iter().skip(1).all(|t| t.sep == " ");
        // "TP" only in capitals; the other level words in any case.
        let case_ok = *words != ["tp"] || toks[0].case == Case::Upper;
        if same && case_ok {
            return Some((end, level));
        }
    }
    None
}

fn is_name_token(doc: &Doc<'_>, i: usize) -> bool {
    let t = &doc.toks[i];
    t.is_title() || t.text.chars().all(|c| c.is_ascii_digit())
}

fn place_entries(entries: &[&'static Entry]) -> Vec<&'static PlaceEntry> {
    entries
        .iter()
        .filter_map(|e| match e {
            Entry::Place(p) => Some(p),
            _ => None,
        })
        .collect()
}

/// Places introduced by a level word.
pub fn marked(doc: &Doc<'_>) -> Vec<Place> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < doc.toks.len() {
        let Some((mend, level)) = marker_at(doc, i) else {
            i += 1;
            continue;
        };
        let gap_ok = mend < doc.toks.len()
            && (doc.toks[mend].sep == " " || (level == "thành phố" && doc.toks[mend].sep == ". "));
        if !gap_ok || !is_name_token(doc, mend) {
            i = mend;
            continue;
        }
        // A capitalised run after the level word.
        let mut run_end = mend + 1;
        while run_end < doc.toks.len() && doc.spaced(run_end) && is_name_token(doc, run_end) {
            run_end += 1;
        }
        let listed = doc.longest_at(mend, EntryKind::Place, |_| true);
        let listed = listed.filter(|(h, _)| h.end <= run_end);
        let place = if let Some((hit, entries)) = listed {
            let entries = place_entries(&entries);
            let same_level: Vec<&PlaceEntry> = entries
                .iter()
                .copied()
                .filter(|p| p.level == level)
                .collect();
            let chosen = if same_level.is_empty() {
                entries
            } else {
                same_level
            };
            Some(Place {
                start: mend,
                end: hit.end,
                marker: Some((i, mend)),
                level: level.to_string(),
                canonical: chosen[0].canonical.clone(),
                provinces: provinces_of(&chosen),
            })
        } else if LISTED_LEVELS.contains(&level) {
            None
        } else {
            let end = run_end.min(mend + 3);
            let surname_led = doc.is_word(mend, WordClass::Surname);
            (!(surname_led && end - mend == 3)).then(|| Place {
                start: mend,
                end,
                marker: Some((i, mend)),
                level: level.to_string(),
                canonical: crate::core::text::canonical_name(doc.text(mend, end)),
                provinces: Vec::new(),
            })
        };
        match place {
            Some(p) => {
                i = p.end;
                out.push(p);
            }
            None => i = mend,
        }
    }
    out
}

fn provinces_of(entries: &[&PlaceEntry]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in entries {
        if let Some(prov) = &p.province {
            if !out.contains(prov) {
                out.push(prov.clone());
            }
        }
    }
    out
}

/// Whether a listed place may be recognised by its name alone: provinces,
/// provincial cities and towns, countries and regions. Districts and communes
/// need their level word (too many are ordinary words or people's names).
fn bare_ok(p: &PlaceEntry) -> bool {
    match p.source {
        PlaceSource::Province | PlaceSource::Extra => true,
        PlaceSource::District => p.level == "thành phố" || p.level == "thị xã",
        PlaceSource::Commune => false,
    }
}

/// Places named without a level word. `claimed[i]` marks tokens already taken.
pub fn bare(doc: &Doc<'_>, claimed: &[bool]) -> Vec<Place> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < doc.toks.len() {
        let found = doc.longest_at(
            i,
            EntryKind::Place,
            |e| matches!(e, Entry::Place(p) if bare_ok(p)),
        );
        let Some((hit, entries)) = found else {
            i += 1;
            continue;
        };
        let all_caps = doc.toks[hit.start..hit.end]
            .iter()
            .all(|t| matches!(t.case, Case::Title | Case::Upper));
        let free = !claimed[hit.start..hit.end].iter().any(|&c| c);
        let entries: Vec<&PlaceEntry> = place_entries(&entries)
            .into_iter()
            .filter(|p| bare_ok(p))
            .collect();
        // "Hồ Chí Minh" alone is the person; the city needs "TP"/"thành phố".
        let person_name = doc.text(hit.start, hit.end) == "Hồ Chí Minh";
        if all_caps && free && !person_name {
            let first = entries[0];
            let provinces = if first.source == PlaceSource::Province {
                Vec::new()
            } else {
                provinces_of(&entries)
            };
            out.push(Place {
                start: hit.start,
                end: hit.end,
                marker: None,
                level: first.level.clone(),
                canonical: first.canonical.clone(),
                provinces,
            });
            i = hit.end;
        } else {
            i += 1;
        }
    }
    out
}

/// How strongly tokens `start..end` are a place name rather than a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PlaceName {
    No,
    /// A district or a two-syllable commune: a person only with an
    /// honorific or rank ("ông Lâm Hà").
    Local,
    /// A province, country or region: never a person ("Đại sứ Hàn Quốc").
    Major,
}

pub fn place_name(doc: &Doc<'_>, start: usize, end: usize) -> PlaceName {
    if doc.text(start, end) == "Hồ Chí Minh" {
        return PlaceName::No;
    }
    let mut out = PlaceName::No;
    for h in doc.hits_at(start).filter(|h| h.end == end) {
        for e in &lexicon().entries[h.pattern] {
            let strength = match e {
                Entry::Place(p) => match p.source {
                    PlaceSource::Province | PlaceSource::Extra => PlaceName::Major,
                    PlaceSource::District => PlaceName::Local,
                    PlaceSource::Commune if end - start == 2 => PlaceName::Local,
                    PlaceSource::Commune => PlaceName::No,
                },
                _ => PlaceName::No,
            };
            out = out.max(strength);
        }
    }
    out
}

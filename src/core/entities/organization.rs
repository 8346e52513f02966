//! Organisations, with the longest sensible span: a listed name or head,
//! prefixes that take another organisation ("Ban Thường vụ" + "Tỉnh ủy Lạng
//! Sơn"), a place or level after heads ("UBND" + "tỉnh Lạng Sơn", "Công an" +
//! "tỉnh"), and departments with their parent ("Phòng ... thuộc Công an tỉnh").

use super::gazetteer::{is_function_word, Case, Doc, Entry, EntryKind, OrgFlags, WordClass};
use super::place::{marker_at, Place};
use crate::core::fxhash::FxMap as HashMap;

#[derive(Debug, Clone)]
pub struct Org {
    pub start: usize,
    pub end: usize,
    /// The province of the place that completes the name, if any.
    pub place: Option<String>,
}

/// Level words that may complete a head without a name: "Công an tỉnh" is
/// one body in an article about one province, "Công an xã" is generic.
const LEVELS_WITHOUT_NAME: &[&str] = &["tỉnh", "thành phố", "huyện", "quận", "thị xã"];

/// Legal forms between "Công ty" or "Ngân hàng" and the name, as keys.
const LEGAL_FORMS: &[&[&str]] = &[
    &["tnhh"],
    &["mtv"],
    &["cp"],
    &["tmcp"],
    &["cổ", "phần"],
    &["trách", "nhiệm", "hữu", "hạn"],
    &["một", "thành", "viên"],
    &["thương", "mại", "cổ", "phần"],
];

struct Parser<'a, 'd> {
    doc: &'a Doc<'d>,
    /// Places by the token where they start (marker or name).
    places: HashMap<usize, &'a Place>,
}

impl Parser<'_, '_> {
    fn flags_at(&self, i: usize) -> Option<(usize, OrgFlags)> {
        let (hit, entries) = self.doc.longest_at(i, EntryKind::Org, |_| true)?;
        let mut f = OrgFlags::default();
        for e in entries {
            if let Entry::Org(g) = e {
                f.org |= g.org;
                f.head |= g.head;
                f.prefix |= g.prefix;
                f.unit |= g.unit;
                f.named |= g.named;
                f.brand |= g.brand;
            }
        }
        Some((hit.end, f))
    }

    /// A place or level that completes an organisation name at token `i`.
    fn complement_at(&self, i: usize) -> Option<(usize, Option<String>)> {
        if i >= self.doc.toks.len() {
            return None;
        }
        if let Some(p) = self.places.get(&i) {
            return Some((p.end, Some(p.canonical.clone())));
        }
        if let Some((end, level)) = marker_at(self.doc, i) {
            if LEVELS_WITHOUT_NAME.contains(&level) && self.doc.toks[i].text != "TP" {
                return Some((end, None));
            }
        }
        let t = &self.doc.toks;
        if i + 1 < t.len() && t[i].text == "Trung" && t[i + 1].key == "ương" && t[i + 1].sep == " "
        {
            return Some((i + 2, None));
        }
        None
    }

    /// A proper name at `i`: a listed place, a number ("Quân khu 5"), or
    /// capitalised syllables (at least `min` of them, at most 4).
    fn proper_name_at(&self, i: usize, min: usize) -> Option<usize> {
        if let Some(p) = self.places.get(&i) {
            return Some(p.end);
        }
        let t = &self.doc.toks;
        if t[i].text.chars().all(|c| c.is_ascii_digit()) {
            return Some(i + 1);
        }
        let word = |k: usize| t[k].is_title();
        let mut end = i;
        while end < t.len() && end - i < 4 && word(end) && (end == i || self.doc.spaced(end)) {
            end += 1;
        }
        (end - i >= min).then_some(end)
    }

    /// A company or bank name at `i`: an optional legal form ("TNHH", "CP",
    /// "Cổ phần", "TMCP", "một thành viên"), then words whose first syllable
    /// is capitalised ("Xây dựng", "Đầu tư và Phát triển"), ending on a
    /// capitalised syllable ("Bình Minh", "Việt Nam", "BIDV"). A word's second
    /// syllable may be lower case, and "và", "&" or "miền" may join words
    /// ("Điện lực miền Bắc"), but two lower-case syllables in a row, a
    /// grammatical word, another body after "và" or a person's name end it
    /// ("Hòa Phát xây dựng nhà máy", "Hòa Phát cùng …", "Minh Phát và Sở Tài
    /// chính" end at the company's name).
    fn brand_name_at(&self, i: usize) -> Option<usize> {
        let t = &self.doc.toks;
        let capital = |k: usize| t[k].is_title() || t[k].case == Case::Upper;
        let mut pos = i;
        while pos < t.len() && (pos == i || self.doc.spaced(pos)) {
            let words = LEGAL_FORMS
                .iter()
                .find(|form| {
                    form.iter().enumerate().all(|(n, w)| {
                        t.get(pos + n).is_some_and(|tok| {
                            tok.key == *w && (n == 0 || self.doc.spaced(pos + n))
                        })
                    })
                })
                .map(|form| form.len());
            match words {
                Some(n) => pos += n,
                None => break,
            }
        }
        let start = pos;
        let mut end = None;
        let mut lower_run = 0;
        // A person's full name after the company's ("Công ty Thuận An Nguyễn
        // Duy Hưng"): a family name and two more capitalised syllables.
        let person_at = |k: usize| {
            self.doc.is_word(k, WordClass::Surname)
                && (k + 1..k + 3)
                    .all(|n| t.get(n).is_some_and(|x| x.is_title()) && self.doc.spaced(n))
        };
        while pos < t.len() && pos - start < 12 && (pos == i || self.doc.spaced(pos)) {
            if capital(pos) {
                if pos > start && person_at(pos) {
                    break;
                }
                lower_run = 0;
                end = Some(pos + 1);
            } else if t[pos].text.chars().all(|c| c.is_ascii_digit()) && pos == start {
                end = Some(pos + 1);
            } else if (t[pos].key == "và" || t[pos].text == "&" || t[pos].key == "miền")
                && t.get(pos + 1).is_some_and(|n| n.is_title())
                && end.is_some()
                // "Công ty Minh Phát và Sở Tài chính": another body starts.
                && self.flags_at(pos + 1).is_none()
            {
                lower_run = 1;
            } else if t[pos].case == Case::Lower
                && lower_run < 1
                && end.is_some()
                && !is_function_word(&t[pos].key)
            {
                lower_run += 1;
            } else {
                break;
            }
            pos += 1;
        }
        end
    }

    fn parse(&self, i: usize, depth: usize) -> Option<(usize, Option<String>)> {
        let (mut end, f) = self.flags_at(i)?;
        if (f.named || f.brand) && !(f.org || f.head || f.prefix || f.unit) {
            if !self.doc.spaced(end) {
                return None;
            }
            if f.brand {
                return self.brand_name_at(end).map(|e| (e, None));
            }
            return self.proper_name_at(end, 2).map(|e| (e, None));
        }
        if f.prefix && depth < 4 && self.doc.spaced(end) {
            if let Some(inner) = self.parse(end, depth + 1) {
                return Some(inner);
            }
        }
        if !(f.org || f.head || f.unit) {
            return None;
        }
        let mut place = None;
        match self
            .doc
            .spaced(end)
            .then(|| self.complement_at(end))
            .flatten()
        {
            Some((e, p)) => {
                end = e;
                place = p;
            }
            None if f.head && !f.org => return None,
            None => {}
        }
        if f.unit && self.doc.spaced(end) && depth < 4 {
            let t = &self.doc.toks;
            let via = if t[end].key == "thuộc" && self.doc.spaced(end + 1) {
                end + 1
            } else {
                end
            };
            if let Some((e, p)) = self.parse(via, depth + 1) {
                end = e;
                place = place.or(p);
            }
        }
        Some((end, place))
    }
}

/// Finds organisations. `places` are the place mentions found so far;
/// `title_ends[i]` is true when a role title ends just before token `i`
/// (then "Thường trực" belongs to the title, not to a body).
pub fn find(doc: &Doc<'_>, places: &[Place], title_ends: &[bool]) -> Vec<Org> {
    let mut by_start = HashMap::default();
    for p in places {
        by_start.insert(p.marker.map_or(p.start, |m| m.0), p);
    }
    let parser = Parser {
        doc,
        places: by_start,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < doc.toks.len() {
        // Every organisation starts with an organisation entry: most words
        // start none.
        if !doc.starts_kind(i, EntryKind::Org) {
            i += 1;
            continue;
        }
        let modifier = doc.toks[i].key == "thường"
            && doc.toks.get(i + 1).is_some_and(|t| t.key == "trực")
            && title_ends.get(i).copied().unwrap_or(false);
        if !modifier {
            // "Tỉnh ủy viên" is a member's title, not the committee.
            let member =
                |end: usize| doc.toks.get(end).is_some_and(|t| t.key == "viên") && doc.spaced(end);
            if let Some((end, place)) = parser.parse(i, 0).filter(|&(end, _)| !member(end)) {
                out.push(Org {
                    start: i,
                    end,
                    place,
                });
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out
}

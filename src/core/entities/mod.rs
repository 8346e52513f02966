//! Named entities: people, places, organisations, documents and acronyms
//! (dates come from `core::numbers`).
//!
//! Rules and word lists, no model. The article is tokenised and matched
//! against every list in one pass ([`gazetteer`]); then, in order of
//! confidence, each stage claims tokens so later ones cannot misread them:
//! documents → places with a level word → hard negatives → organisations →
//! titles → people → places by name alone → acronyms → inferred mentions.
//! Recognition runs on `Prepared::norm`; spans are mapped back to the original.

pub mod acronym;
pub mod document;
pub mod gazetteer;
pub mod inferred;
pub mod negatives;
pub mod organization;
pub mod person;
pub mod place;
pub mod titles;

use crate::core::text::{self, canonical_name, name_key, Prepared};
use crate::core::types::{Annotation, Header, Kind};
use gazetteer::Doc;

/// Recognises the entities of one article. Spans refer to `prepared.original`.
pub fn recognize(prepared: &Prepared<'_>, header: Option<&Header>) -> Vec<Annotation> {
    recognize_in(prepared, &Doc::new(&prepared.norm), header)
}

/// [`recognize`] on an article already tokenised and matched against the lists
/// (`doc` must come from `prepared.norm`), so the checks can share the tokens.
pub fn recognize_in(
    prepared: &Prepared<'_>,
    doc: &Doc<'_>,
    _header: Option<&Header>,
) -> Vec<Annotation> {
    let n = doc.toks.len();
    let mut claimed = vec![false; n + 1];
    let claim = |claimed: &mut Vec<bool>, s: usize, e: usize| {
        for c in &mut claimed[s..e] {
            *c = true;
        }
    };

    let documents = document::find(doc);
    for d in &documents {
        claim(&mut claimed, d.start, d.end);
    }
    let marked_places: Vec<place::Place> = place::marked(doc)
        .into_iter()
        .filter(|p| !claimed[p.start..p.end].iter().any(|&c| c))
        .collect();
    let negatives = negatives::find(doc);
    let free = |claimed: &[bool], s: usize, e: usize| !claimed[s..e].iter().any(|&c| c);
    let mut place_claims = claimed.clone();
    for p in &marked_places {
        claim(&mut place_claims, p.marker.map_or(p.start, |m| m.0), p.end);
    }
    // Places by name alone, before people: candidates only, people win overlaps.
    let mut neg_claims = place_claims.clone();
    for &(s, e) in &negatives.spans {
        if free(&place_claims, s, e) {
            claim(&mut neg_claims, s, e);
        }
    }
    let bare_candidates = place::bare(doc, &neg_claims);

    let mut all_places: Vec<place::Place> = marked_places.clone();
    all_places.extend(bare_candidates.iter().cloned());
    let role_ends = titles::role_ends(doc);
    let orgs = organization::find(doc, &all_places, &role_ends);
    let title_phrases = titles::find(doc, &orgs);

    let mut person_claims = neg_claims.clone();
    for o in &orgs {
        claim(&mut person_claims, o.start, o.end);
    }
    // Title words are never part of a name ("Phó Chủ tịch": Phó is also a
    // family name). A capitalised honorific inside a run is a name syllable
    // ("Hoàng Anh Tuấn"), so only lowercase honorifics claim their token.
    for t in &title_phrases {
        let honorific_capitalised =
            t.kind == gazetteer::TitleKind::Honorific && doc.toks[t.start].starts_upper();
        if !honorific_capitalised {
            claim(&mut person_claims, t.start, t.end);
        }
    }
    let people = person::find(
        doc,
        &person::Inputs {
            claimed: &person_claims,
            bare_places: &bare_candidates,
            titles: &title_phrases,
            before: &negatives.before,
        },
    );
    let mut in_person = vec![false; n + 1];
    for p in &people {
        claim(&mut in_person, p.start, p.end);
    }
    let inferred = inferred::find(doc, &title_phrases, &people);
    let taken: Vec<bool> = (0..=n).map(|i| person_claims[i] || in_person[i]).collect();
    let given_names = inferred::given_names(doc, &title_phrases, &people, &taken);
    for g in &given_names {
        claim(&mut in_person, g.start, g.end);
    }

    // Build annotations (entity keys joined with `concat`, which costs a
    // fifth of `format!`).
    let span = |s: usize, e: usize| prepared.to_original(doc.span(s, e));
    let mut out = Vec::new();

    let person_ann: Vec<Annotation> = people
        .iter()
        .map(|p| {
            let canonical = doc.canonical(p.start, p.end);
            let mut a = Annotation::new(span(p.start, p.end), Kind::Person, canonical.clone());
            // Already canonical: its key is its lowercase.
            a.entity = ["person:", &text::lowercase(&canonical)].concat();
            a.titles = p
                .titles
                .iter()
                .map(|&k| title_phrases[k].text.clone())
                .collect();
            a
        })
        .collect();
    for inf in &inferred {
        let t = &title_phrases[inf.title];
        let holder = &person_ann[inf.person];
        let mut a = Annotation::new(span(t.start, t.end), Kind::Person, holder.canonical.clone());
        a.entity = holder.entity.clone();
        a.titles = vec![t.text.clone()];
        a.inferred = true;
        out.push(a);
    }
    for g in &given_names {
        let holder = &person_ann[g.person];
        let mut a = Annotation::new(span(g.start, g.end), Kind::Person, holder.canonical.clone());
        a.entity = holder.entity.clone();
        a.inferred = true;
        out.push(a);
    }
    out.extend(person_ann);

    // Provinces named in the article settle which province a commune is in.
    let named_provinces: Vec<&str> = all_places
        .iter()
        .filter(|p| p.provinces.is_empty())
        .map(|p| p.canonical.as_str())
        .collect();
    for p in marked_places.iter().chain(
        bare_candidates
            .iter()
            .filter(|p| free(&in_person, p.start, p.end)),
    ) {
        let mut a = Annotation::new(span(p.start, p.end), Kind::Place, p.canonical.clone());
        a.entity = ["place:", &name_key(&p.canonical)].concat();
        a.attrs.push(("level".into(), p.level.clone()));
        let province = match p.provinces.as_slice() {
            [one] => Some(one.as_str()),
            many => many
                .iter()
                .map(String::as_str)
                .find(|m| named_provinces.contains(m)),
        };
        if let Some(prov) = province {
            a.attrs.push(("province".into(), prov.to_string()));
        }
        out.push(a);
    }

    for o in &orgs {
        let canonical = doc.canonical(o.start, o.end);
        let mut a = Annotation::new(span(o.start, o.end), Kind::Organization, canonical.clone());
        a.entity = ["organization:", &text::lowercase(&canonical)].concat();
        if let Some(place) = &o.place {
            a.attrs.push(("place".into(), place.clone()));
        }
        out.push(a);
    }

    for d in &documents {
        let canonical = canonical_name(&[d.doc_type.as_str(), " ", &d.number].concat());
        let mut a = Annotation::new(span(d.start, d.end), Kind::Document, canonical);
        let issuer = document::issuer_start(doc, d.end).and_then(|s| {
            orgs.iter()
                .find(|o| o.start == s)
                .map(|o| (o.start, o.end))
                .or_else(|| {
                    title_phrases
                        .iter()
                        .find(|t| t.start == s && t.kind == gazetteer::TitleKind::Role)
                        .map(|t| (t.start, t.end))
                })
                .map(|(s, e)| doc.canonical(s, e))
        });
        a.entity = if d.official {
            ["document:", &text::lowercase(&d.number), "|"].concat()
        } else {
            [
                "document:",
                &text::lowercase(&d.doc_type),
                " ",
                &text::lowercase(&d.number),
                "|",
                &issuer.as_deref().map(name_key).unwrap_or_default(),
            ]
            .concat()
        };
        a.attrs.push(("type".into(), d.doc_type.clone()));
        a.attrs.push(("number".into(), d.number.clone()));
        if let Some(issuer) = issuer {
            a.attrs.push(("issuer".into(), issuer));
        }
        out.push(a);
    }

    for ac in acronym::find(doc) {
        if !free(&claimed, ac.start, ac.end) {
            continue; // part of a document number such as 12-NQ/TW
        }
        let text = doc.text(ac.start, ac.end);
        let mut a = Annotation::new(span(ac.start, ac.end), Kind::Acronym, text);
        a.entity = ["acronym:", &text.to_uppercase()].concat();
        a.attrs.push(("expansion".into(), ac.expansion));
        out.push(a);
    }

    out.sort_by(|a, b| {
        a.span
            .start
            .cmp(&b.span.start)
            .then(b.span.end.cmp(&a.span.end))
    });
    out
}

/// Convenience for tests and tools: the annotations of `text` alone.
pub fn recognize_text(text: &str) -> Vec<Annotation> {
    let prepared = Prepared::new(text);
    recognize(&prepared, None)
}

#[cfg(test)]
mod tests;

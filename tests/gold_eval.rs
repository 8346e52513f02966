//! Precision and recall of entity recognition against the team's gold corpus
//! (`tests/gold/`, format in `tests/gold/README.md`). Prints a table per kind
//! and asserts the floors the recogniser reaches; the date row is reported only
//! (dates come from `core::numbers`).

use seedls::core::text::Prepared;
use seedls::core::{analyze, Kind, Span};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

const KINDS: [Kind; 6] = [
    Kind::Person,
    Kind::Place,
    Kind::Organization,
    Kind::Document,
    Kind::Acronym,
    Kind::Date,
];

fn kind_named(name: &str) -> Option<Kind> {
    KINDS.into_iter().find(|k| k.as_str() == name)
}

fn gold_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold")
}

/// Whole-word occurrences of `needle` in `hay` (byte offsets).
fn occurrences(hay: &str, needle: &str) -> Vec<usize> {
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    hay.match_indices(needle)
        .map(|(i, _)| i)
        .filter(|&i| {
            !is_word(hay[..i].chars().next_back())
                && !is_word(hay[i + needle.len()..].chars().next())
        })
        .collect()
}

struct Article {
    name: String,
    text: String,
    gold: BTreeSet<(Kind, Span)>,
}

fn load(stem: &Path) -> Article {
    let name = stem.file_name().unwrap().to_string_lossy().into_owned();
    let mut text = std::fs::read_to_string(stem.with_extension("txt")).unwrap();
    if name.contains("nfd") {
        text = text.nfd().collect();
    }
    let prepared = Prepared::new(&text);
    let gold_src = std::fs::read_to_string(stem.with_extension("gold")).unwrap();
    let mut gold = BTreeSet::new();
    for (n, line) in gold_src.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let where_ = format!("{name}.gold line {}", n + 1);
        assert!(fields.len() >= 2, "{where_}: want kind<TAB>text");
        let kind = kind_named(fields[0]).unwrap_or_else(|| panic!("{where_}: unknown kind"));
        let needle: String = fields[1].nfc().collect();
        let found = occurrences(&prepared.norm, &needle);
        assert!(!found.is_empty(), "{where_}: {needle:?} not in the article");
        let wanted: Vec<usize> = match fields.get(2) {
            Some(list) => list
                .split(',')
                .map(|x| x.trim().parse::<usize>().expect("occurrence index"))
                .collect(),
            None => (1..=found.len()).collect(),
        };
        for w in wanted {
            let start = *found
                .get(w - 1)
                .unwrap_or_else(|| panic!("{where_}: no occurrence {w}"));
            let span = prepared.to_original(Span::new(start, start + needle.len()));
            gold.insert((kind, span));
        }
    }
    Article { name, text, gold }
}

fn articles() -> Vec<Article> {
    let mut stems: Vec<PathBuf> = std::fs::read_dir(gold_dir())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "gold"))
        .map(|p| p.with_extension(""))
        .collect();
    stems.sort();
    stems.iter().map(|s| load(s)).collect()
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

#[test]
fn gold_corpus_precision_and_recall() {
    let articles = articles();
    assert!(
        articles.len() >= 12,
        "the gold corpus has {} articles",
        articles.len()
    );
    let mut counts: BTreeMap<Kind, Counts> =
        KINDS.iter().map(|k| (*k, Counts::default())).collect();
    let mut errors = Vec::new();
    for article in &articles {
        let analysis = analyze(&article.text);
        let predicted: BTreeSet<(Kind, Span)> = analysis
            .annotations
            .iter()
            .filter(|a| KINDS.contains(&a.kind))
            .map(|a| (a.kind, a.span))
            .collect();
        for item in predicted.union(&article.gold) {
            let c = counts.get_mut(&item.0).unwrap();
            let snippet = &article.text[item.1.start..item.1.end];
            match (predicted.contains(item), article.gold.contains(item)) {
                (true, true) => c.tp += 1,
                (true, false) => {
                    c.fp += 1;
                    errors.push(format!(
                        "{}: extra {} {snippet:?}",
                        article.name,
                        item.0.as_str()
                    ));
                }
                (false, true) => {
                    c.fn_ += 1;
                    errors.push(format!(
                        "{}: missed {} {snippet:?}",
                        article.name,
                        item.0.as_str()
                    ));
                }
                (false, false) => {}
            }
        }
    }
    println!("\n{} gold articles", articles.len());
    println!(
        "{:<13} {:>4} {:>4} {:>4} {:>9} {:>7} {:>6}",
        "kind", "tp", "fp", "fn", "precision", "recall", "f1"
    );
    for (kind, c) in &counts {
        println!(
            "{:<13} {:>4} {:>4} {:>4} {:>9.3} {:>7.3} {:>6.3}",
            kind.as_str(),
            c.tp,
            c.fp,
            c.fn_,
            c.precision(),
            c.recall(),
            c.f1()
        );
    }
    for e in errors.iter().filter(|e| !e.contains(" date ")) {
        println!("  {e}");
    }
    let person = counts[&Kind::Person];
    assert!(
        person.precision() >= 0.95,
        "person precision {:.3}",
        person.precision()
    );
    assert!(
        person.recall() >= 0.95,
        "person recall {:.3}",
        person.recall()
    );
    // Floors just under what the recogniser reaches today, so regressions show.
    for (kind, p_floor, r_floor) in [
        (Kind::Place, 0.95, 0.95),
        (Kind::Organization, 0.90, 0.90),
        (Kind::Document, 0.95, 0.95),
        (Kind::Acronym, 0.95, 0.95),
    ] {
        let c = counts[&kind];
        assert!(
            c.precision() >= p_floor,
            "{} precision {:.3}",
            kind.as_str(),
            c.precision()
        );
        assert!(
            c.recall() >= r_floor,
            "{} recall {:.3}",
            kind.as_str(),
            c.recall()
        );
    }
}

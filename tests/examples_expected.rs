//! The example articles: every planted finding (examples/EXPECTED.tsv) is
//! found, and nothing else at warning level or above.

use seedls::core::{analyze, Severity};
use std::collections::BTreeSet;
use std::path::PathBuf;

type Key = (String, String, String);

fn expected(dir: &std::path::Path) -> BTreeSet<Key> {
    let tsv = std::fs::read_to_string(dir.join("EXPECTED.tsv")).expect("examples/EXPECTED.tsv");
    tsv.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut cols = l.splitn(3, '\t');
            let mut next = || cols.next().expect("three columns").to_string();
            (next(), next(), next())
        })
        .collect()
}

#[test]
fn planted_findings_exactly() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples");
    let want = expected(&dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 8, "expected at least 8 example articles");
    let mut serious = BTreeSet::new();
    let mut all = BTreeSet::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for f in analyze(&text).findings {
            let key = (
                name.clone(),
                f.code.to_string(),
                f.span.text(&text).to_string(),
            );
            if f.severity <= Severity::Warning {
                serious.insert(key.clone());
            }
            all.insert(key);
        }
    }
    let missing: Vec<_> = want.difference(&all).collect();
    assert!(
        missing.is_empty(),
        "planted findings not found: {missing:#?}"
    );
    let extra: Vec<_> = serious.difference(&want).collect();
    assert!(extra.is_empty(), "unexpected findings: {extra:#?}");
    // Every check code owned by the numbers module is planted at least once.
    for code in [
        "percent-change",
        "percent-ratio-mismatch",
        "ratio-over-whole",
        "part-exceeds-total",
        "sum-mismatch",
        "rank-out-of-range",
        "percent-out-of-range",
        "range-reversed",
        "invalid-date",
        "date-after-publication",
        "repeated-word",
        "tone-mark-style",
    ] {
        assert!(
            want.iter().any(|(_, c, _)| c == code),
            "{code} is not planted"
        );
    }
}

/// `check` and the server's closed articles analyse without explanations;
/// that must change nothing else, and must leave none behind.
#[test]
fn analysis_without_explanations_differs_only_by_them() {
    use seedls::core::{analyze_with, Options};
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut explained = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "txt") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let full = analyze(&text);
        let lean = analyze_with(
            &text,
            Options {
                explanations: false,
            },
        );
        explained += full.explanations.len();
        assert!(lean.explanations.is_empty(), "{}", path.display());
        assert_eq!(
            format!("{:?}", lean.findings),
            format!("{:?}", full.findings)
        );
        assert_eq!(
            format!("{:?}", lean.annotations),
            format!("{:?}", full.annotations)
        );
        assert_eq!(lean.header, full.header);
    }
    assert!(
        explained > 20,
        "the examples should exercise the explanations"
    );
}

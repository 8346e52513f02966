//! The real seed articles: every number there is consistent, so the only
//! single-article findings at warning level or above are the planted-by-nature
//! ones ("phục phục" in 002), and the numbers are read with the right values.

use seedls::core::{analyze, Analysis, Kind, Severity};
use std::path::PathBuf;

/// `../shared/seeds` from the repository root (or from a worktree two levels down).
fn seeds_dir() -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    [
        root.join("../shared/seeds"),
        root.join("../../shared/seeds"),
    ]
    .into_iter()
    .find(|p| p.is_dir())
}

fn load() -> Option<Vec<(String, String, Analysis)>> {
    let Some(dir) = seeds_dir() else {
        println!("skipping: ../shared/seeds not found");
        return None;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    Some(
        files
            .into_iter()
            .map(|p| {
                let text = std::fs::read_to_string(&p).unwrap();
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                let analysis = analyze(&text);
                (name, text, analysis)
            })
            .collect(),
    )
}

#[test]
fn only_the_known_single_article_findings() {
    let Some(seeds) = load() else { return };
    let mut serious = Vec::new();
    let mut tone = Vec::new();
    for (name, text, a) in &seeds {
        for f in &a.findings {
            let prefix = name[..3].to_string();
            if f.severity <= Severity::Warning {
                serious.push((prefix, f.code, f.span.text(text).to_string()));
            } else if f.code == "tone-mark-style" {
                tone.push(prefix);
            }
        }
    }
    assert_eq!(
        serious,
        vec![("002".to_string(), "repeated-word", "phục phục".to_string())]
    );
    assert_eq!(tone, vec!["002".to_string()]);
}

#[test]
fn the_fall_in_003_is_explained_and_correct() {
    let Some(seeds) = load() else { return };
    let (_, _, a) = seeds.iter().find(|(n, _, _)| n.starts_with("003")).unwrap();
    let e = a
        .explanations
        .iter()
        .find(|e| e.text.vi.contains("83 / 357"))
        .expect("the 274/83/23,25 % statement is examined");
    assert!(e.ok);
    assert_eq!(e.spans.len(), 3);
}

#[test]
fn numbers_are_read_with_their_exact_values() {
    let Some(seeds) = load() else { return };
    let expect: &[(&str, &str, Kind, &str)] = &[
        ("000", "660.000/660.000", Kind::Ratio, "660000/660000"),
        ("000", "340.000/340.000", Kind::Ratio, "340000/340000"),
        ("000", "6,95%", Kind::Percent, "6.95"),
        ("000", "2021- 2022", Kind::Range, "2021-2022"),
        ("000", "10/8", Kind::Date, "2023-08-10"),
        ("000", "7 tháng đầu năm 2023", Kind::Date, "2023-01/2023-07"),
        ("000", "3", Kind::Rank, "3"),
        ("001", "7/63", Kind::Rank, "7/63"),
        ("001", "50 - 70%", Kind::Range, "50-70"),
        ("001", "1.500 tỷ đồng", Kind::Money, "1500000000000"),
        ("001", "XIII", Kind::Number, "13"),
        ("001", "22/2", Kind::Date, "2024-02-22"),
        ("001", "năm 2030", Kind::Date, "2030"),
        ("002", "20/10", Kind::Date, "2023-10-20"),
        ("003", "12/1", Kind::Date, "2024-01-12"),
        ("003", "274 vụ", Kind::Number, "274"),
        ("003", "23,25%", Kind::Percent, "23.25"),
        ("003", "1.199 lượt cá nhân", Kind::Number, "1199"),
        ("003", "5% – 10%", Kind::Range, "5-10"),
        ("004", "3 tỷ USD", Kind::Money, "3000000000"),
        ("004", "55.600 tỷ đồng", Kind::Money, "55600000000000"),
        ("004", "1.000 biên chế", Kind::Number, "1000"),
        ("004", "2023-2025", Kind::Range, "2023-2025"),
    ];
    for (file, text_of, kind, canonical) in expect {
        let (_, text, a) = seeds.iter().find(|(n, _, _)| n.starts_with(file)).unwrap();
        let found = a
            .annotations
            .iter()
            .filter(|x| x.kind == *kind && x.span.text(text) == *text_of)
            .map(|x| x.canonical.as_str())
            .collect::<Vec<_>>();
        assert!(
            found.contains(canonical),
            "{file}: {text_of:?} as {kind:?} should be {canonical}, found {found:?}"
        );
    }
    // Units and currencies.
    let (_, text, a) = seeds.iter().find(|(n, _, _)| n.starts_with("004")).unwrap();
    let usd = a
        .annotations
        .iter()
        .find(|x| x.span.text(text) == "3 tỷ USD")
        .unwrap();
    assert_eq!(usd.attr("currency"), Some("USD"));
    let (_, text, a) = seeds.iter().find(|(n, _, _)| n.starts_with("003")).unwrap();
    let cases = a
        .annotations
        .iter()
        .find(|x| x.span.text(text) == "274 vụ")
        .unwrap();
    assert_eq!(cases.attr("unit"), Some("vụ"));
}

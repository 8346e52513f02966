//! People in the five seed articles (read at run time from `../shared/seeds`):
//! every person found with exact spans, nothing else reported as a person, all
//! mentions of Tô Lâm one entity, and the inferred "Bộ trưởng Bộ Công an" mention.

use seedls::core::{analyze, Annotation, Kind};
use std::collections::BTreeSet;
use std::path::PathBuf;

fn seeds() -> Option<Vec<(String, String)>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("skipping: ../shared/seeds not found");
        return None;
    };
    let mut files: Vec<(String, String)> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    files.sort();
    if files.is_empty() {
        println!("skipping: ../shared/seeds not found");
        return None;
    }
    Some(files)
}

/// The people of each seed, by file-name prefix.
const PEOPLE: &[(&str, &[&str])] = &[
    ("000", &["Tô Lâm"]),
    ("001", &["Tô Lâm"]),
    ("002", &["Tô Lâm"]),
    (
        "003",
        &["Dương Xuân Huyên", "Thái Hồng Công", "Nguyễn Trung Thực"],
    ),
    ("004", &["Tô Lâm", "Nguyễn Xuân Ký"]),
];

fn people(annotations: &[Annotation]) -> Vec<&Annotation> {
    annotations
        .iter()
        .filter(|a| a.kind == Kind::Person)
        .collect()
}

/// Whole-word occurrences of `name`.
fn occurrences(text: &str, name: &str) -> BTreeSet<(usize, usize)> {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(name)
        .map(|(i, _)| (i, i + name.len()))
        .filter(|&(s, e)| !word(text[..s].chars().next_back()) && !word(text[e..].chars().next()))
        .collect()
}

#[test]
fn every_person_found_with_exact_spans_and_nothing_else() {
    let Some(files) = seeds() else { return };
    for (file, text) in &files {
        let expected = PEOPLE
            .iter()
            .find(|(prefix, _)| file.starts_with(prefix))
            .map(|(_, p)| *p)
            .unwrap_or_else(|| panic!("unknown seed {file}"));
        let analysis = analyze(text);
        let found = people(&analysis.annotations);
        let named: BTreeSet<(usize, usize)> = found
            .iter()
            .filter(|a| !a.inferred)
            .map(|a| (a.span.start, a.span.end))
            .collect();
        let mut want = BTreeSet::new();
        for name in expected {
            let occ = occurrences(text, name);
            assert!(!occ.is_empty(), "{file}: {name} not in the text");
            want.extend(occ);
        }
        let show = |set: &BTreeSet<(usize, usize)>| -> Vec<&str> {
            set.iter().map(|&(s, e)| &text[s..e]).collect()
        };
        let missing: BTreeSet<_> = want.difference(&named).copied().collect();
        let extra: BTreeSet<_> = named.difference(&want).copied().collect();
        assert!(missing.is_empty(), "{file}: missed {:?}", show(&missing));
        assert!(extra.is_empty(), "{file}: not people: {:?}", show(&extra));
        // Inferred mentions must point at a person named in the same article.
        let ids: BTreeSet<&str> = found
            .iter()
            .filter(|a| !a.inferred)
            .map(|a| a.entity.as_str())
            .collect();
        for a in found.iter().filter(|a| a.inferred) {
            assert!(
                ids.contains(a.entity.as_str()),
                "{file}: inferred {:?} -> {}",
                &text[a.span.start..a.span.end],
                a.entity
            );
        }
    }
}

#[test]
fn hard_negatives_are_not_people() {
    let Some(files) = seeds() else { return };
    let negatives = [
        "Lạng Sơn",
        "Lào Cai",
        "Bắc Giang",
        "Quảng Ninh",
        "Huân chương Bảo vệ Tổ quốc hạng Nhì",
        "Anh hùng lực lượng vũ trang Nhân dân",
        "Vì an ninh Tổ quốc",
        "TPO",
        "Chủ tịch nước",
        "Bộ Công an",
        "Công an Nhân dân",
        "Phát biểu",
        "Theo",
        "Đồng thời",
    ];
    for (file, text) in &files {
        let analysis = analyze(text);
        for a in people(&analysis.annotations) {
            let covered = &text[a.span.start..a.span.end];
            for neg in negatives {
                for (s, e) in occurrences(text, neg) {
                    let overlaps = a.span.start < e && s < a.span.end;
                    assert!(
                        !overlaps || a.inferred,
                        "{file}: person {covered:?} overlaps {neg:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn to_lam_is_one_entity_across_the_seeds() {
    let Some(files) = seeds() else { return };
    let mut ids = BTreeSet::new();
    let mut mentions = 0;
    let mut articles = 0;
    for (_, text) in &files {
        let analysis = analyze(text);
        let here: Vec<&Annotation> = people(&analysis.annotations)
            .into_iter()
            .filter(|a| !a.inferred && &text[a.span.start..a.span.end] == "Tô Lâm")
            .collect();
        if !here.is_empty() {
            articles += 1;
        }
        mentions += here.len();
        ids.extend(here.iter().map(|a| a.entity.clone()));
        for a in here {
            assert_eq!(a.canonical, "Tô Lâm");
        }
    }
    assert_eq!(articles, 4, "Tô Lâm appears in 000, 001, 002 and 004");
    assert!(mentions >= 20, "{mentions} mentions");
    assert_eq!(ids, BTreeSet::from(["person:tô lâm".to_string()]));
}

#[test]
fn titles_are_recorded_in_text_order() {
    let Some(files) = seeds() else { return };
    let (_, text) = files.iter().find(|(f, _)| f.starts_with("000")).unwrap();
    let analysis = analyze(text);
    let first = people(&analysis.annotations)[0];
    assert_eq!(
        first.titles,
        ["Đại tướng", "Ủy viên Bộ Chính trị", "Bộ trưởng Bộ Công an"]
    );
    let (_, text) = files.iter().find(|(f, _)| f.starts_with("003")).unwrap();
    let analysis = analyze(text);
    let cong = people(&analysis.annotations)
        .into_iter()
        .find(|a| a.canonical == "Thái Hồng Công")
        .unwrap();
    assert_eq!(
        cong.titles,
        [
            "Đại tá",
            "Ủy viên Ban Thường vụ Tỉnh ủy",
            "Bí thư Đảng ủy",
            "Giám đốc Công an tỉnh"
        ]
    );
}

#[test]
fn minister_without_a_name_is_an_inferred_mention_of_to_lam() {
    let Some(files) = seeds() else { return };
    let (_, text) = files.iter().find(|(f, _)| f.starts_with("000")).unwrap();
    let analysis = analyze(text);
    let inferred: Vec<&Annotation> = people(&analysis.annotations)
        .into_iter()
        .filter(|a| a.inferred)
        .collect();
    assert_eq!(inferred.len(), 1, "{inferred:?}");
    let a = inferred[0];
    assert_eq!(&text[a.span.start..a.span.end], "Bộ trưởng Bộ Công an");
    assert!(text[a.span.end..].starts_with(" đã tặng"));
    assert_eq!(a.entity, "person:tô lâm");
    assert_eq!(a.canonical, "Tô Lâm");
    // It comes after the named mentions.
    let first_named = people(&analysis.annotations)
        .into_iter()
        .find(|a| !a.inferred)
        .unwrap();
    assert!(first_named.span.end < a.span.start);
}

//! Cross-article findings and entity linking through the real binary, on
//! fixture articles written for these tests (the recogniser finds the people
//! and document citations; the corpus links them).

mod cli_common;
use cli_common::*;

fn fixtures(name: &str) -> std::path::PathBuf {
    folder(
        name,
        &[
            ("bai/ha-tinh.txt", HA_TINH.as_bytes()),
            ("bai/nghe-an.txt", NGHE_AN.as_bytes()),
            ("bai/thanh-hoa.txt", THANH_HOA.as_bytes()),
            ("bai/quang-binh.txt", QUANG_BINH.as_bytes()),
        ],
    )
}

#[test]
fn doc_type_conflict_and_name_variant_across_articles() {
    let dir = fixtures("cross");
    let before = snapshot(&dir);
    let out = seedls(&dir, &["check", "--format", "json", "--lang", "en", "bai"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let found: Vec<String> = json_lines(&out.stdout)
        .iter()
        .map(|d| {
            let r = &d["related"][0];
            format!(
                "{} {}:{}:{} -> {}:{}:{}",
                d["code"].as_str().unwrap(),
                d["path"].as_str().unwrap(),
                d["line"],
                d["column"],
                r["path"].as_str().unwrap(),
                r["line"],
                r["column"]
            )
        })
        .collect();
    expect_test::expect![[r#"
        [
            "doc-type-conflict bai/ha-tinh.txt:1:157 -> bai/quang-binh.txt:1:101",
            "name-variant bai/quang-binh.txt:1:35 -> bai/thanh-hoa.txt:1:36",
            "doc-type-conflict bai/quang-binh.txt:1:101 -> bai/ha-tinh.txt:1:157",
        ]
    "#]]
    .assert_debug_eq(&found);
    let lines = json_lines(&out.stdout);
    let variant = lines.iter().find(|d| d["code"] == "name-variant").unwrap();
    let msg = variant["message"].as_str().unwrap();
    assert!(
        msg.contains("“Tô Lam”") && msg.contains("“Tô Lâm”") && msg.contains("3 articles"),
        "{msg}"
    );
    assert_eq!(variant["severity"], "warning");
    // The SARIF log carries the quick fix.
    let out = seedls(&dir, &["check", "--format", "sarif", "bai"]);
    let log: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let nv = results
        .iter()
        .find(|r| r["ruleId"] == "name-variant")
        .unwrap();
    let rep = &nv["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(rep["insertedContent"]["text"], "Tô Lâm");
    assert_eq!(rep["deletedRegion"]["startColumn"], 35);
    assert_eq!(
        nv["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "bai/thanh-hoa.txt"
    );
    // Human output shows the related article as a note and the fix as help.
    let out = seedls(&dir, &["check", "bai/quang-binh.txt", "bai"]);
    assert!(
        out.stdout.contains("note: bai/thanh-hoa.txt:1:36"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("help: Sửa thành “Tô Lâm”"),
        "{}",
        out.stdout
    );
    assert_eq!(snapshot(&dir), before, "files were modified");
}

#[test]
fn checking_one_article_alone_has_no_cross_article_findings() {
    let dir = fixtures("alone");
    let out = seedls(&dir, &["check", "--format", "json", "bai/quang-binh.txt"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
}

#[test]
fn settings_turn_cross_article_checks_off() {
    let dir = fixtures("cross-off");
    std::fs::write(
        dir.join("bai/seedls.json"),
        r#"{"checks": {"name-variant": "off", "doc-type-conflict": "hint"}}"#,
    )
    .unwrap();
    let out = seedls(&dir, &["check", "--format", "json", "bai"]);
    assert_eq!(out.code, 0, "hints do not fail: {}", out.stdout);
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 2);
    assert!(lines
        .iter()
        .all(|d| d["code"] == "doc-type-conflict" && d["severity"] == "hint"));
}

#[test]
fn registry_alias_links_the_spelling_and_silences_the_variant() {
    let dir = fixtures("registry");
    std::fs::write(
        dir.join("bai/entities.json"),
        r#"{"people": [{"name": "Tô Lâm", "aliases": ["Tô Lam"], "note": "Bộ trưởng Bộ Công an"}]}"#,
    )
    .unwrap();
    let out = seedls(&dir, &["check", "--format", "json", "bai"]);
    let codes: Vec<String> = json_lines(&out.stdout)
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        codes,
        ["doc-type-conflict", "doc-type-conflict"],
        "{}",
        out.stdout
    );
    let out = seedls(&dir, &["annotate", "bai"]);
    let people: Vec<_> = json_lines(&out.stdout)
        .into_iter()
        .filter(|r| r["kind"] == "person")
        .collect();
    assert!(people.iter().any(|r| r["text"] == "Tô Lam"));
    assert!(
        people.iter().all(|r| r["entity"] == "person:tô lâm"),
        "{people:?}"
    );
    // A broken registry is a warning; the run goes on.
    std::fs::write(dir.join("bai/entities.json"), "[{\"name\": 3}]").unwrap();
    let out = seedls(&dir, &["check", "--format", "json", "bai"]);
    assert!(out.stderr.contains("entities.json"), "{}", out.stderr);
    assert_eq!(json_lines(&out.stdout).len(), 3);
}

#[test]
fn annotate_links_people_across_files_and_tags_conll() {
    let dir = fixtures("ann-cross");
    let out = seedls(&dir, &["annotate", "bai"]);
    let records = json_lines(&out.stdout);
    let files: std::collections::BTreeSet<&str> = records
        .iter()
        .filter(|r| r["entity"] == "person:tô lâm")
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert_eq!(files.len(), 3, "{files:?}");
    let out = seedls(&dir, &["annotate", "--format", "conll", "bai/nghe-an.txt"]);
    assert!(
        out.stdout.contains("Tô\tB-PER\nLâm\tI-PER\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("Bộ\tB-ORG\nCông\tI-ORG\nan\tI-ORG\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn real_seeds_one_person_and_the_known_conflict() {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !seeds.is_dir() {
        eprintln!("skipping: ../shared/seeds not found");
        return;
    }
    let out = seedls(&seeds, &["check", "--format", "json", "."]);
    let cross: Vec<String> = json_lines(&out.stdout)
        .iter()
        .filter(|d| d["code"] == "doc-type-conflict" || d["code"] == "name-variant")
        .map(|d| {
            format!(
                "{} {}",
                d["code"].as_str().unwrap(),
                d["path"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(cross, ["doc-type-conflict 001_ec7ab9ddbf8ab0ed.txt"]);
    let out = seedls(&seeds, &["annotate", "."]);
    let files: std::collections::BTreeSet<String> = json_lines(&out.stdout)
        .iter()
        .filter(|r| r["entity"] == "person:tô lâm")
        .map(|r| r["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(files.len(), 5, "{files:?}");
}

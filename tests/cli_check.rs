//! `seedls check` run as a real process: formats, exit codes, settings,
//! skipped files, and that the user's files are never written.

mod cli_common;
use cli_common::*;

#[test]
fn clean_articles_exit_zero() {
    let dir = folder(
        "clean",
        &[("a.txt", HA_TINH.as_bytes()), ("b.txt", NGHE_AN.as_bytes())],
    );
    let out = seedls(&dir, &["check", "--format", "json", "."]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
}

#[test]
fn header_error_in_json_lines() {
    let dir = folder(
        "header",
        &[
            ("bai/thang13.txt", BAD_MONTH.as_bytes()),
            ("bai/ok.txt", NGHE_AN.as_bytes()),
        ],
    );
    let out = seedls(&dir, &["check", "--format", "json", "bai"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 1, "{}", out.stdout);
    let d = &lines[0];
    assert_eq!(d["path"], "bai/thang13.txt");
    assert_eq!(d["code"], "header");
    assert_eq!(d["severity"], "error");
    // " date 2024-13": the value starts at column 7 and ends before column 14.
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(1), Some(7))
    );
    assert_eq!(
        (d["end_line"].as_u64(), d["end_column"].as_u64()),
        (Some(1), Some(14))
    );
    assert!(d["message"].as_str().unwrap().contains("2024-13"));
}

#[test]
fn explicit_file_without_header_is_checked_but_not_found_by_walking() {
    let dir = folder(
        "nohdr",
        &[
            ("ghichu.txt", NO_HEADER.as_bytes()),
            ("a.txt", HA_TINH.as_bytes()),
        ],
    );
    // Walking the folder: the note is not a seed file, nothing to report.
    let out = seedls(&dir, &["check", "--format", "json", "."]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    let out = seedls(&dir, &["check", "--format", "json", "-v", "."]);
    assert!(out.stderr.contains("1 .txt file"), "{}", out.stderr);
    // Named explicitly: analysed, so the missing header is reported.
    let out = seedls(&dir, &["check", "--format", "json", "ghichu.txt"]);
    assert_eq!(out.code, 1);
    let lines = json_lines(&out.stdout);
    assert_eq!(lines[0]["code"], "header");
    assert_eq!(lines[0]["path"], "ghichu.txt");
}

#[test]
fn human_format_shows_a_rustc_style_snippet() {
    let dir = folder("human", &[("sai.txt", BAD_MONTH.as_bytes())]);
    let out = seedls(&dir, &["check", "sai.txt"]);
    assert_eq!(out.code, 1);
    expect_test::expect![[r#"
        error[header]: Ngày đăng không hợp lệ `2024-13`: cần dạng `YYYY-MM` với tháng từ 01 đến 12.
         --> sai.txt:1:7
          |
        1 |  date 2024-13 Trong tháng, Công an huyện đã tổ chức nhiều đợt tuần tra.
          |       ^^^^^^^
          |

    "#]]
    .assert_eq(&out.stdout);
    assert!(out.stderr.contains("1 lỗi"), "{}", out.stderr);
}

#[test]
fn sarif_is_valid_2_1_0() {
    let dir = folder(
        "sarif",
        &[
            ("sai.txt", BAD_MONTH.as_bytes()),
            ("ok.txt", HA_TINH.as_bytes()),
        ],
    );
    let out = seedls(&dir, &["check", "--format", "sarif", "."]);
    assert_eq!(out.code, 1);
    let log: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "seedls");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules[0]["id"], "header");
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "header");
    assert_eq!(result["ruleIndex"], 0);
    assert_eq!(result["level"], "error");
    assert!(result["message"]["text"].is_string());
    let loc = &result["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "sai.txt");
    assert_eq!(loc["region"]["startLine"], 1);
    assert_eq!(loc["region"]["startColumn"], 7);
    assert_eq!(loc["region"]["snippet"]["text"], "2024-13");
    // An empty run is still a valid log.
    let out = seedls(&dir, &["check", "--format", "sarif", "ok.txt"]);
    assert_eq!(out.code, 0);
    let log: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 0);
}

#[test]
fn seedls_json_turns_checks_off_changes_severity_and_language() {
    let files: &[(&str, &[u8])] = &[("sai.txt", BAD_MONTH.as_bytes())];
    let dir = folder("settings-off", files);
    std::fs::write(dir.join("seedls.json"), r#"{"checks": {"header": "off"}}"#).unwrap();
    let out = seedls(&dir, &["check", "--format", "json", "."]);
    assert_eq!((out.code, out.stdout.as_str()), (0, ""));

    let dir = folder("settings-info", files);
    std::fs::write(
        dir.join("seedls.json"),
        r#"{"checks": {"header": "information"}, "language": "en"}"#,
    )
    .unwrap();
    let out = seedls(&dir, &["check", "--format", "json", "."]);
    assert_eq!(out.code, 0, "information does not fail the run");
    let d = &json_lines(&out.stdout)[0];
    assert_eq!(d["severity"], "information");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .starts_with("Invalid publication date"),
        "{d}"
    );
    // --lang overrides the file.
    let out = seedls(&dir, &["check", "--format", "json", "--lang", "vi", "."]);
    assert!(json_lines(&out.stdout)[0]["message"]
        .as_str()
        .unwrap()
        .starts_with("Ngày đăng"));

    // Invalid settings: a warning on stderr, defaults used.
    let dir = folder("settings-bad", files);
    std::fs::write(
        dir.join("seedls.json"),
        r#"{"language": "fr", "checks": {"header": "loud"}}"#,
    )
    .unwrap();
    let out = seedls(&dir, &["check", "--format", "json", "."]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("seedls.json") && out.stderr.contains("language"),
        "{}",
        out.stderr
    );
    let dir = folder("settings-broken", files);
    std::fs::write(dir.join("seedls.json"), "{ not json").unwrap();
    let out = seedls(&dir, &["check", "--format", "json", "."]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("not valid JSON"), "{}", out.stderr);
}

#[test]
fn include_and_exclude_globs_from_seedls_json() {
    let dir = folder(
        "globs",
        &[
            ("bai/sai.txt", BAD_MONTH.as_bytes()),
            ("nhap/sai.txt", BAD_MONTH.as_bytes()),
            ("bai/ghichu.md", NO_HEADER.as_bytes()),
        ],
    );
    std::fs::write(
        dir.join("seedls.json"),
        r#"{"include": ["**/*.txt", "**/*.md"], "exclude": ["nhap/**"]}"#,
    )
    .unwrap();
    let out = seedls(&dir, &["check", "--format", "json", "."]);
    let paths: Vec<String> = json_lines(&out.stdout)
        .iter()
        .map(|d| d["path"].as_str().unwrap().to_string())
        .collect();
    // A configured include glob makes a file a seed even without a header.
    assert_eq!(paths, ["bai/ghichu.md", "bai/sai.txt"]);
}

#[test]
fn non_utf8_and_binary_files_are_skipped_with_a_message() {
    let dir = folder(
        "encoding",
        &[
            ("a.txt", HA_TINH.as_bytes()),
            (
                "cp1258.txt",
                b" date 2024-05 H\xe0 N\xf4i, C\xf4ng an th\xe0nh ph\xf4\n",
            ),
            ("nhiphan.txt", b" date 2024-05 \0\0\0"),
        ],
    );
    let before = snapshot(&dir);
    let out = seedls(&dir, &["check", "--format", "json", "."]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("cp1258.txt") && out.stderr.contains("UTF-8"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("nhiphan.txt"), "{}", out.stderr);
    // Named explicitly, the same message.
    let out = seedls(&dir, &["check", "--lang", "en", "cp1258.txt"]);
    assert!(
        out.stderr.contains("Skipped cp1258.txt: not UTF-8"),
        "{}",
        out.stderr
    );
    assert_eq!(snapshot(&dir), before, "files were modified");
}

#[test]
fn usage_and_io_errors_exit_two() {
    let dir = folder("usage", &[("sai.txt", BAD_MONTH.as_bytes())]);
    assert_eq!(seedls(&dir, &["check"]).code, 2);
    assert_eq!(seedls(&dir, &["check", "--format", "xml", "."]).code, 2);
    assert_eq!(seedls(&dir, &["frobnicate"]).code, 2);
    let out = seedls(&dir, &["check", "khongco.txt"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("khongco.txt"), "{}", out.stderr);
    // A missing path next to a real one: the real one is still checked.
    let out = seedls(
        &dir,
        &["check", "--format", "json", "sai.txt", "khongco.txt"],
    );
    assert_eq!(out.code, 2);
    assert_eq!(json_lines(&out.stdout).len(), 1);
    assert_eq!(seedls(&dir, &["--help"]).code, 0);
    assert_eq!(seedls(&dir, &["check", "--help"]).code, 0);
}

#[test]
fn crlf_bom_and_decomposed_text_give_unicode_columns() {
    use unicode_normalization::UnicodeNormalization;
    let nfd: String = " date 2024-13 Ủy ban".nfd().collect();
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(b" date 2024-13 x\r\n\r\ny\r\n");
    let dir = folder("columns", &[("nfd.txt", nfd.as_bytes()), ("bom.txt", &bom)]);
    let before = snapshot(&dir);
    let out = seedls(&dir, &["check", "--format", "json", "bom.txt", "nfd.txt"]);
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 2);
    for d in &lines {
        assert_eq!(
            (
                d["line"].as_u64(),
                d["column"].as_u64(),
                d["end_column"].as_u64()
            ),
            (Some(1), Some(7), Some(14)),
            "{d}"
        );
    }
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn the_five_real_seeds_check_without_crashing() {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !seeds.is_dir() {
        eprintln!("skipping: ../shared/seeds not found");
        return;
    }
    let out = seedls(&seeds, &["check", "--format", "json", "."]);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    for d in json_lines(&out.stdout) {
        assert_ne!(d["code"], "header", "{d}");
    }
}

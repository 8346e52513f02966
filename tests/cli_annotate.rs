//! `seedls annotate` run as a real process: JSON Lines and CoNLL.

mod cli_common;
use cli_common::*;

#[test]
fn json_lines_have_exact_text_and_positions() {
    let dir = folder(
        "ann-json",
        &[("a.txt", HA_TINH.as_bytes()), ("b.txt", NGHE_AN.as_bytes())],
    );
    let before = snapshot(&dir);
    let out = seedls(&dir, &["annotate", "--format", "json", "."]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let records = json_lines(&out.stdout);
    assert!(!records.is_empty());
    let texts = [("a.txt", HA_TINH), ("b.txt", NGHE_AN)];
    for r in &records {
        for field in [
            "path",
            "line",
            "column",
            "end_line",
            "end_column",
            "kind",
            "text",
            "canonical",
            "entity",
        ] {
            assert!(r.get(field).is_some(), "{field} missing in {r}");
        }
        // `text` is exactly the source between the two positions.
        let src = texts.iter().find(|(p, _)| r["path"] == *p).unwrap().1;
        let line: Vec<&str> = src.lines().collect();
        let (l, c, el, ec) = (
            r["line"].as_u64().unwrap() as usize,
            r["column"].as_u64().unwrap() as usize,
            r["end_line"].as_u64().unwrap() as usize,
            r["end_column"].as_u64().unwrap() as usize,
        );
        assert_eq!(l, el, "annotations stay on one line: {r}");
        let got: String = line[l - 1].chars().skip(c - 1).take(ec - c).collect();
        assert_eq!(got, r["text"].as_str().unwrap(), "{r}");
    }
    // The header is a date annotation in every file.
    let headers: Vec<_> = records
        .iter()
        .filter(|r| r["kind"] == "date" && r["line"] == 1 && r["column"] == 2)
        .collect();
    assert_eq!(headers.len(), 2);
    assert_eq!(headers[0]["canonical"], "2024-03");
    assert_eq!(headers[0]["text"], "date 2024-03");
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn conll_has_file_comments_one_token_per_line_and_sentence_breaks() {
    let dir = folder("ann-conll", &[("a.txt", NGHE_AN.as_bytes())]);
    let out = seedls(&dir, &["annotate", "--format", "conll", "a.txt"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines[0], "# file = a.txt");
    assert_eq!(lines[1], "# date = 2024-04");
    // The header is not tokenised; the article starts right after it.
    assert!(lines[2].starts_with("Sáng\t"), "{}", lines[2]);
    for l in &lines[2..] {
        if l.is_empty() {
            continue;
        }
        let (tok, tag) = l
            .split_once('\t')
            .unwrap_or_else(|| panic!("bad line {l:?}"));
        assert!(!tok.is_empty() && !tok.contains(' '), "{l:?}");
        assert!(
            tag == "O" || tag.starts_with("B-") || tag.starts_with("I-"),
            "{l:?}"
        );
    }
    // Two paragraphs, one sentence each: two blank separators.
    assert_eq!(
        lines.iter().filter(|l| l.is_empty()).count(),
        2,
        "{}",
        out.stdout
    );
    // An I- tag never follows O.
    for w in lines.windows(2) {
        if let Some((_, tag)) = w[1].split_once('\t') {
            if let Some(kind) = tag.strip_prefix("I-") {
                let prev = w[0].split_once('\t').map(|(_, t)| t).unwrap_or("");
                assert!(prev.ends_with(kind), "{w:?}");
            }
        }
    }
}

#[test]
fn annotate_usage_errors() {
    let dir = folder("ann-usage", &[("a.txt", NGHE_AN.as_bytes())]);
    assert_eq!(seedls(&dir, &["annotate", "--format", "csv", "."]).code, 2);
    assert_eq!(seedls(&dir, &["annotate"]).code, 2);
    assert_eq!(seedls(&dir, &["annotate", "nope.txt"]).code, 2);
}

#[test]
fn articles_come_out_in_path_order_and_a_closed_output_ends_the_run_quietly() {
    // Enough articles that several runs of work are in flight at once.
    let names: Vec<String> = (0..300)
        .map(|i| format!("bai/{:03}.txt", 299 - i))
        .collect();
    let files: Vec<(&str, &[u8])> = names
        .iter()
        .map(|n| (n.as_str(), HA_TINH.as_bytes()))
        .collect();
    let dir = folder("ann-stream", &files);
    let out = seedls(&dir, &["annotate", "bai"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut paths: Vec<String> = json_lines(&out.stdout)
        .iter()
        .map(|r| r["path"].as_str().unwrap().to_string())
        .collect();
    paths.dedup();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "one block per article, in path order");

    // `seedls annotate bai | head -1`: the reader goes away after one line.
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_seedls"))
        .args(["annotate", "bai"])
        .current_dir(&dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains("bai/000.txt"), "{first}");
    let done = child.wait_with_output().unwrap();
    assert_eq!(done.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&done.stderr).is_empty(),
        "a closed pipe is not an error: {}",
        String::from_utf8_lossy(&done.stderr)
    );
}

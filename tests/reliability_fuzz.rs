//! Property-based fuzzing of the analysis core, the corpus, the CLI output
//! formats and the document sync layer.
//!
//! Inputs are arbitrary bytes (decoded with `String::from_utf8_lossy`, as a
//! client could send any text) mixed with fragments that steer the analysis
//! into its interesting paths: headers, Vietnamese names in NFC and NFD,
//! titles, numbers, percentages, dates, CRLF, combining marks and emoji.
//!
//! `cargo test` runs a modest number of cases. A long run sets
//! `SEEDLS_FUZZ_CASES` (see "What seedls promises" in README.md for how long it ran and what it found):
//! `SEEDLS_FUZZ_CASES=20000 cargo test --test reliability_fuzz -- --nocapture`.

use proptest::prelude::*;
use ropey::Rope;
use seedls::core::{analyze, Span};
use seedls::corpus::Corpus;
use seedls::lsp::state::apply_change;
use seedls::position::{rope_char_index, Encoding, LineCol, LineIndex};
use std::sync::Arc;
use tower_lsp_server::ls_types::{Position, Range};

fn cases(default: u32) -> u32 {
    std::env::var("SEEDLS_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn config(default: u32) -> ProptestConfig {
    ProptestConfig {
        cases: cases(default),
        max_shrink_iters: 2000,
        ..ProptestConfig::default()
    }
}

/// Fragments that reach the recognisers and checks (own phrases, not copied text).
const FRAGMENTS: &[&str] = &[
    " date 2024-03 ",
    "date 2023-13 ",
    "date 24-1 ",
    "Tô Lâm",
    "To\u{302} La\u{302}m",
    "Tổng Bí thư ",
    "Thủ tướng Phạm Minh Chính",
    "Bộ trưởng ",
    "ông ",
    "bà Nguyễn Thị Hà",
    "tỉnh Lạng Sơn",
    "TP.HCM",
    "Hà Nội",
    "UBND ",
    "Nghị định số 15/2024/NĐ-CP",
    "Quyết định 90-QĐ/TW",
    "12,5%",
    "tăng 30%",
    "giảm 150%",
    " so với ",
    "1.234 tỷ đồng",
    "3 triệu USD",
    "ngày 30/4",
    "31/2/2024",
    "tháng 13",
    "năm 2030",
    "từ 20 đến 10",
    "hạng 5/3",
    "274 + 83 = 400",
    " trong đó ",
    " tổng cộng ",
    "là là",
    "hoà",
    "hòa",
    "\r\n",
    "\n\n",
    "\r",
    "😀",
    "\u{301}",
    "\u{323}",
    "\u{feff}",
    "\t",
    " ",
    ". ",
    ", ",
    "0",
    "9",
    "%",
    "/",
];

/// A strategy for text pieces: fragments, arbitrary bytes, or arbitrary chars.
fn piece() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => prop::sample::select(FRAGMENTS).prop_map(|s| s.as_bytes().to_vec()),
        1 => prop::collection::vec(any::<u8>(), 0..12),
        1 => any::<char>().prop_map(|c| c.to_string().into_bytes()),
        1 => (0u32..100_000).prop_map(|n| n.to_string().into_bytes()),
    ]
}

fn hostile_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => prop::collection::vec(piece(), 0..60).prop_map(|v| v.concat()),
        1 => prop::collection::vec(any::<u8>(), 0..400),
    ]
}

fn assert_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} splits a character in {text:?}"
    );
}

/// Everything the core returns points into the text it was given.
fn check_analysis(text: &str) {
    let a = analyze(text);
    for ann in &a.annotations {
        assert_span(text, ann.span, "annotation");
    }
    for w in a.annotations.windows(2) {
        assert!(w[0].span.start <= w[1].span.start, "annotations unsorted");
    }
    for f in &a.findings {
        assert_span(text, f.span, f.code);
        for r in f.related.iter().filter(|r| r.doc.is_none()) {
            assert_span(text, r.span, "related");
        }
        for fix in &f.fixes {
            for e in &fix.edits {
                assert_span(text, e.span, "fix edit");
            }
        }
        assert!(!f.message.vi.is_empty() && !f.message.en.is_empty());
    }
    for e in &a.explanations {
        for s in &e.spans {
            assert_span(text, *s, "explanation");
        }
    }
    if let Some(h) = &a.header {
        assert_span(text, h.span, "header");
    }
}

/// The corpus layer over two fuzzed articles: cross-article findings,
/// references, definitions and search never fail and stay in bounds.
fn check_corpus(a: &str, b: &str) {
    let mut corpus = Corpus::new();
    corpus.insert(Arc::from("a"), a.to_string());
    corpus.insert(Arc::from("b"), b.to_string());
    for key in ["a", "b"] {
        let doc = corpus.get(key).unwrap().clone();
        for f in corpus.findings(key) {
            assert_span(&doc.text, f.span, f.code);
        }
        for ann in doc
            .analysis
            .annotations
            .iter()
            .filter(|a| !a.entity.is_empty())
        {
            for m in corpus.references(&ann.entity) {
                let target = corpus.get(&m.doc).expect("reference to a known document");
                assert_span(&target.text, m.span, "reference");
            }
            let _ = corpus.definition(&ann.entity);
            let _ = corpus.summary(&ann.entity);
        }
    }
    let _ = corpus.search("", 50);
    let _ = corpus.search("tô", 50);
    assert!(corpus.remove("a"));
    let _ = corpus.findings("b");
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn arbitrary_bytes_through_the_core(bytes in hostile_bytes()) {
        let text = String::from_utf8_lossy(&bytes);
        check_analysis(&text);
        // Every offset maps to a position and back without panicking, in every encoding.
        let index = LineIndex::new(&text);
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            for off in (0..=text.len()).step_by(7) {
                let pos = index.position(&text, off, enc);
                let back = index.offset(&text, pos, enc);
                prop_assert!(back <= off && text.is_char_boundary(back));
            }
        }
    }

    #[test]
    fn arbitrary_bytes_through_the_corpus(a in hostile_bytes(), b in hostile_bytes()) {
        check_corpus(&String::from_utf8_lossy(&a), &String::from_utf8_lossy(&b));
    }

    /// `rope_char_index` (the sync layer) and `LineIndex::offset` (everything
    /// else) agree on every position, including past-the-end lines and columns.
    #[test]
    fn rope_and_line_index_agree_on_any_position(
        bytes in hostile_bytes(),
        probes in prop::collection::vec((0u32..40, prop_oneof![0u32..40, any::<u32>()]), 1..40),
    ) {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let rope = Rope::from_str(&text);
        let index = LineIndex::new(&text);
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            for &(line, col) in &probes {
                let pos = LineCol { line, col };
                let from_rope = rope_char_index(&rope, pos, enc);
                let byte = index.offset(&text, pos, enc);
                prop_assert_eq!(from_rope, text[..byte].chars().count(),
                    "{:?} at {:?} in {:?}", enc, pos, text);
            }
        }
    }

    /// Arbitrary (even nonsensical) edit ranges never break the rope: the
    /// result is what the clamped, reordered edit gives on the reference string.
    #[test]
    fn arbitrary_edit_ranges_are_clamped_like_the_reference(
        bytes in hostile_bytes(),
        edits in prop::collection::vec(
            ((0u32..30, any::<u32>().prop_map(|c| c % 60)), (0u32..30, any::<u32>()), piece()),
            1..30),
        enc in prop::sample::select(vec![Encoding::Utf8, Encoding::Utf16, Encoding::Utf32]),
    ) {
        let mut reference = String::from_utf8_lossy(&bytes).into_owned();
        let mut rope = Rope::from_str(&reference);
        for ((l1, c1), (l2, c2), insert) in edits {
            let insert = String::from_utf8_lossy(&insert).into_owned();
            let index = LineIndex::new(&reference);
            let a = index.offset(&reference, LineCol { line: l1, col: c1 }, enc);
            let b = index.offset(&reference, LineCol { line: l2, col: c2 }, enc);
            let (s, e) = (a.min(b), a.max(b));
            reference.replace_range(s..e, &insert);
            let range = Range {
                start: Position::new(l1, c1),
                end: Position::new(l2, c2),
            };
            apply_change(&mut rope, Some(range), &insert, enc);
            prop_assert_eq!(rope.to_string(), reference.clone());
        }
    }
}

/// The CLI's output formats over fuzzed files, through the real binary: it
/// never crashes (exit 0, 1 or 2, never a signal or 101) and JSON Lines stay
/// valid JSON with in-range columns.
#[test]
fn arbitrary_files_through_every_cli_format() {
    use proptest::test_runner::{Config, TestRunner};
    let dir = std::env::temp_dir().join(format!("seedls-fuzz-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut runner = TestRunner::new(Config {
        cases: cases(12).min(400),
        ..Config::default()
    });
    let exe = env!("CARGO_BIN_EXE_seedls");
    let result = runner.run(&(hostile_bytes(), hostile_bytes()), |(a, b)| {
        // Files as a user might have them: each fuzzed text with a header in front.
        let mut with_header = b" date 2024-05 ".to_vec();
        with_header.extend_from_slice(&a);
        std::fs::write(dir.join("a.txt"), &with_header).unwrap();
        std::fs::write(dir.join("b.txt"), &b).unwrap();
        for args in [
            &["check", "--format", "json"][..],
            &["check", "--format", "human"],
            &["check", "--format", "sarif"],
            &["annotate", "--format", "json"],
            &["annotate", "--format", "conll"],
        ] {
            let out = std::process::Command::new(exe)
                .args(args)
                .arg(&dir)
                .output()
                .unwrap();
            let code = out.status.code();
            prop_assert!(
                matches!(code, Some(0..=2)),
                "{args:?} exited with {:?}: {}",
                out.status,
                String::from_utf8_lossy(&out.stderr)
            );
            let stdout = String::from_utf8(out.stdout).expect("CLI output is UTF-8");
            if args[2] == "json" {
                for line in stdout.lines() {
                    let v: serde_json::Value = serde_json::from_str(line)
                        .map_err(|e| TestCaseError::fail(format!("{e}: {line}")))?;
                    prop_assert!(v["line"].as_u64().unwrap() >= 1);
                    prop_assert!(v["column"].as_u64().unwrap() >= 1);
                    prop_assert!(v["end_line"].as_u64() >= v["line"].as_u64());
                }
            }
            if args[2] == "sarif" {
                let v: Result<serde_json::Value, _> = serde_json::from_str(&stdout);
                prop_assert!(v.is_ok(), "SARIF output is not JSON");
            }
        }
        Ok(())
    });
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(e) = result {
        panic!("{e}");
    }
}

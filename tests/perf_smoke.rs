//! Smoke size of the benchmark corpus: 26 generated articles, every second
//! one with a planted inconsistency (each check code at least once), checked
//! by the real binary. The full-size runs are benchmarks, not tests
//! (`benches/scaling.sh`, `BENCHMARKS.md`).

#[path = "../benches/support/corpus_gen.rs"]
mod corpus_gen;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("seedls-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn numbers_are_formatted_the_vietnamese_way() {
    use corpus_gen::{vn_int, vn_percent};
    assert_eq!(vn_int(660_000), "660.000");
    assert_eq!(vn_int(1199), "1.199");
    assert_eq!(vn_int(83), "83");
    assert_eq!(vn_percent(83, 357, 2), "23,25");
    assert_eq!(vn_percent(1, 8, 1), "12,5");
    assert_eq!(vn_percent(1, 3, 0), "33");
}

#[test]
fn generator_is_deterministic_and_seed_shaped() {
    let options = corpus_gen::Options {
        seed: 11,
        plant_every: 3,
    };
    let a = corpus_gen::Generator::new(options);
    let b = corpus_gen::Generator::new(options);
    let mut total = 0;
    for i in 0..50 {
        let (x, y) = (a.article(i), b.article(i));
        assert_eq!(x.text, y.text, "article {i} differs between runs");
        assert_eq!(x.planted, y.planted);
        let header = seedls::core::header::parse(&x.text).0;
        assert!(header.is_some(), "article {i} has no valid header");
        assert!(!x.text.contains("\n\n\n"));
        total += x.text.len();
    }
    let mean = total / 50;
    assert!((3300..=4300).contains(&mean), "mean article size {mean} B");
    assert!(a.article_of_size(1, 20_000).len() >= 20_000);
}

#[test]
fn check_reports_exactly_the_planted_findings() {
    let dir = temp_dir("perf-smoke");
    let options = corpus_gen::Options {
        seed: 7,
        plant_every: 2,
    };
    let n = 2 * corpus_gen::PLANTED_CODES.len();
    let (planted, _) = corpus_gen::write_corpus(&dir, n, options).unwrap();
    assert_eq!(planted.len(), corpus_gen::PLANTED_CODES.len());

    let out = Command::new(env!("CARGO_BIN_EXE_seedls"))
        .args(["check", "--format", "json"])
        .arg(&dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");

    let dir_str = dir.to_string_lossy().to_string();
    let mut found = BTreeSet::new();
    let mut lines = BTreeSet::new();
    for line in stdout.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
        let path = v["path"].as_str().unwrap().replace('\\', "/");
        let rel = path
            .strip_prefix(&dir_str)
            .unwrap_or(&path)
            .trim_start_matches('/')
            .to_string();
        let code = v["code"].as_str().unwrap().to_string();
        let severity = v["severity"].as_str().unwrap();
        // Everything at warning level and up must be planted; lower levels
        // only count for the codes the generator plants.
        if matches!(severity, "error" | "warning")
            || corpus_gen::PLANTED_CODES.contains(&code.as_str())
        {
            lines.insert((rel.clone(), code.clone(), v["line"].as_u64().unwrap()));
            found.insert((rel, code));
        }
    }
    let expected: BTreeSet<(String, String)> = planted
        .iter()
        .map(|p| (p.path.clone(), p.code.to_string()))
        .collect();
    let missed: Vec<_> = expected.difference(&found).collect();
    let false_alarms: Vec<_> = found.difference(&expected).collect();
    assert!(
        missed.is_empty() && false_alarms.is_empty(),
        "missed planted findings: {missed:#?}\nfalse alarms: {false_alarms:#?}\noutput:\n{stdout}"
    );
    for p in planted.iter().filter(|p| p.code != "tone-mark-style") {
        assert!(
            lines.contains(&(p.path.clone(), p.code.to_string(), p.line as u64)),
            "{} reported on another line than {} in {}",
            p.code,
            p.line,
            p.path
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

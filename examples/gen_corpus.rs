//! Writes a deterministic benchmark corpus of seed-shaped articles.
//!
//! `cargo run --release --example gen_corpus -- N DIR [--seed S] [--plant-every K]`
//!
//! Articles go to `DIR/000/000000.txt`, ... (1,000 per folder), about 3.8 KB
//! each; `DIR/planted.tsv` lists the planted inconsistencies (path, code, line).
//! The same seed always writes the same bytes.

#[path = "../benches/support/corpus_gen.rs"]
mod corpus_gen;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut options = corpus_gen::Options::default();
    let mut positional = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seed" => match it.next().and_then(|v| v.parse().ok()) {
                Some(v) => options.seed = v,
                None => return usage("--seed needs a number"),
            },
            "--plant-every" => match it.next().and_then(|v| v.parse().ok()) {
                Some(v) => options.plant_every = v,
                None => return usage("--plant-every needs a number"),
            },
            _ => positional.push(a.clone()),
        }
    }
    let [n, dir] = positional.as_slice() else {
        return usage("expected N and DIR");
    };
    let Ok(n) = n.replace(['_', ','], "").parse::<usize>() else {
        return usage("N must be a number of articles");
    };
    let dir = PathBuf::from(dir);
    let started = std::time::Instant::now();
    match corpus_gen::write_corpus(&dir, n, options) {
        Ok((planted, bytes)) => {
            eprintln!(
                "wrote {n} articles ({:.1} MB, {} planted) to {} in {:.2?}",
                bytes as f64 / 1e6,
                planted.len(),
                dir.display(),
                started.elapsed()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_corpus: {}: {e}", dir.display());
            ExitCode::from(2)
        }
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("gen_corpus: {problem}\nusage: gen_corpus N DIR [--seed S] [--plant-every K]");
    ExitCode::from(2)
}

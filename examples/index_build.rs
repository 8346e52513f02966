//! Times building the corpus index alone: analyses the given files first
//! (on one thread, untimed), then inserts them into a fresh `Corpus`
//! `SEEDLS_LOOPS` times (default 3) and prints the fastest round, so the
//! index's own cost is seen without the analysis threads competing for
//! the cores. `cargo run --release --example index_build -- FILE...`
use seedls::corpus::{Corpus, Document, Indexed};
use std::time::{Duration, Instant};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let texts: Vec<(String, String)> = std::env::args()
        .skip(1)
        .filter_map(|p| Some((std::fs::read_to_string(&p).ok()?, p)))
        .collect();
    let loops: usize = std::env::var("SEEDLS_LOOPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let mut best = Duration::MAX;
    for _ in 0..loops {
        // What `seedls check` inserts: contributions without positions, lean documents.
        let indexed: Vec<Indexed> = texts
            .iter()
            .map(|(text, path)| {
                Indexed::new(Document::new(path.as_str().into(), text.clone())).findings_only()
            })
            .collect();
        let start = Instant::now();
        let corpus = build(indexed);
        best = best.min(start.elapsed());
        // Freed outside the timing, as `seedls check` does.
        std::mem::forget(corpus);
    }
    println!(
        "{} articles indexed in {:.1} ms (fastest of {loops})",
        texts.len(),
        best.as_secs_f64() * 1e3
    );
}

/// The timed part (a function of its own, for `valgrind --toggle-collect=*build*`).
#[inline(never)]
fn build(indexed: Vec<Indexed>) -> Corpus {
    let mut corpus = Corpus::new();
    for i in indexed {
        corpus.insert_indexed(i);
    }
    corpus
}

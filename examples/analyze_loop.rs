//! Analyses the given files on one thread, `SEEDLS_LOOPS` times (default 5),
//! and prints MB/s: a target for `perf record` when profiling the core.
//! With `SEEDLS_DUMP=FILE` it first writes every analysis to FILE; with
//! `SEEDLS_EXPLAIN=0` it times the analysis without explanations.
//! `cargo run --release --example analyze_loop -- FILE...`
use std::time::Instant;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let texts: Vec<String> = std::env::args()
        .skip(1)
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    let loops: usize = std::env::var("SEEDLS_LOOPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    // SEEDLS_DUMP=FILE writes every analysis (Debug) once, to compare builds.
    if let Some(path) = std::env::var_os("SEEDLS_DUMP") {
        let dump: String = texts
            .iter()
            .map(|t| format!("{:#?}\n", seedls::core::analyze(t)))
            .collect();
        std::fs::write(path, dump).expect("write dump");
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    // Builds the word lists before timing.
    std::hint::black_box(seedls::core::analyze(" date 2024-01\nTô Lâm"));
    let start = Instant::now();
    timed(&texts, loops);
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} articles, {:.1} MB, {loops} loops: {:.2} s, {:.1} MB/s",
        texts.len(),
        bytes as f64 / 1e6,
        secs,
        (bytes * loops) as f64 / 1e6 / secs
    );
}

/// The timed loop, on its own so that `valgrind --tool=callgrind
/// --toggle-collect='*timed*'` counts only the analyses.
#[inline(never)]
fn timed(texts: &[String], loops: usize) {
    // SEEDLS_EXPLAIN=0: what `seedls annotate` computes (no explanations).
    let options = seedls::core::Options {
        explanations: std::env::var("SEEDLS_EXPLAIN").map_or(true, |v| v != "0"),
    };
    for _ in 0..loops {
        for t in texts {
            std::hint::black_box(seedls::core::analyze_with(t, options));
        }
    }
}

//! Analysis-core throughput on one core: `cargo bench --bench annotate`.
//!
//! Inputs come from the deterministic corpus generator (the same articles
//! `examples/gen_corpus.rs` writes) and, when present, the real seed articles
//! in `../shared/seeds`. Divan prints bytes per second for every benchmark;
//! BENCHMARKS.md records the medians.

#[path = "support/corpus_gen.rs"]
mod corpus_gen;

use divan::counter::BytesCount;
use divan::{black_box, Bencher};
use std::sync::LazyLock;

// The allocator the `seedls` binary links (src/main.rs), so that the figures
// are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

/// 200 generated articles (about 760 KB).
static ARTICLES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let generator = corpus_gen::Generator::new(corpus_gen::Options::default());
    (0..200).map(|i| generator.article(i).text).collect()
});

static SEEDS: LazyLock<Vec<String>> = LazyLock::new(|| {
    // SEEDLS_SEEDS_DIR lets a worktree outside /work point at the seeds.
    let dir = std::env::var_os("SEEDLS_SEEDS_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds")
        });
    let mut texts: Vec<String> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
                .collect()
        })
        .unwrap_or_default();
    if texts.is_empty() {
        eprintln!("skipping: ../shared/seeds not found");
    }
    texts.sort();
    texts
});

fn bytes(texts: &[String]) -> BytesCount {
    BytesCount::new(texts.iter().map(String::len).sum::<usize>())
}

/// `core::analyze` over 200 generated articles: the annotate throughput target.
#[divan::bench]
fn analyze_generated_articles(bencher: Bencher) {
    let texts = &*ARTICLES;
    bencher.counter(bytes(texts)).bench(|| {
        for t in texts {
            black_box(seedls::core::analyze(black_box(t)));
        }
    });
}

/// What `seedls annotate` and `seedls check` compute per article: the
/// analysis without the number explanations (only hovers show those).
#[divan::bench]
fn annotate_generated_articles(bencher: Bencher) {
    let texts = &*ARTICLES;
    let options = seedls::core::Options {
        explanations: false,
    };
    bencher.counter(bytes(texts)).bench(|| {
        for t in texts {
            black_box(seedls::core::analyze_with(black_box(t), options));
        }
    });
}

/// `core::analyze` over the five real seeds.
#[divan::bench]
fn analyze_seed_articles(bencher: Bencher) {
    let texts = &*SEEDS;
    bencher.counter(bytes(texts)).bench(|| {
        for t in texts {
            black_box(seedls::core::analyze(black_box(t)));
        }
    });
}

/// One article of 5 KB, 20 KB and 200 KB: what a keystroke re-analyses.
#[divan::bench(args = [5_000, 20_000, 200_000])]
fn analyze_one_article_of_size(bencher: Bencher, size: usize) {
    let generator = corpus_gen::Generator::new(corpus_gen::Options::default());
    let text = generator.article_of_size(7, size);
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| black_box(seedls::core::analyze(black_box(&text))));
}

/// Text preparation alone (NFC + offset map), the floor under every analysis.
#[divan::bench]
fn prepare_generated_articles(bencher: Bencher) {
    let texts = &*ARTICLES;
    bencher.counter(bytes(texts)).bench(|| {
        for t in texts {
            black_box(seedls::core::text::Prepared::new(black_box(t)));
        }
    });
}

/// Building a corpus of 200 articles (analysis plus line index per document).
#[divan::bench]
fn corpus_insert_generated_articles(bencher: Bencher) {
    let texts = &*ARTICLES;
    bencher.counter(bytes(texts)).bench(|| {
        let mut corpus = seedls::corpus::Corpus::new();
        for (i, t) in texts.iter().enumerate() {
            corpus.insert(format!("doc{i}").into(), t.clone());
        }
        black_box(corpus)
    });
}

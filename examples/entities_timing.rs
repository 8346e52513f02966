//! Times entity recognition on the given files (fastest of 30 runs, to see
//! through a busy machine): `cargo run --release --example entities_timing -- FILE...`.
use seedls::core::entities::gazetteer::{tokenize, Doc};
use seedls::core::text::Prepared;
use std::time::{Duration, Instant};

fn fastest(mut f: impl FnMut()) -> Duration {
    (0..30)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap()
}

fn main() {
    let _ = seedls::core::entities::recognize_text("Tô Lâm");
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap();
        let syllables = fastest(|| {
            std::hint::black_box(tokenize(&text));
        });
        let matching = fastest(|| {
            let p = Prepared::new(&text);
            std::hint::black_box(Doc::new(&p.norm).hits.len());
        });
        let all = fastest(|| {
            std::hint::black_box(seedls::core::entities::recognize_text(&text));
        });
        println!(
            "{path}: {} bytes; syllables {syllables:?}, + list matching {matching:?}, recognize {all:?}",
            text.len()
        );
    }
}

//! Prints the entity annotations of seed files and the time taken:
//! `cargo run --example entities_dump -- FILE...` (a debugging aid).

fn main() {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap();
        let t0 = std::time::Instant::now();
        let a = seedls::core::analyze(&text);
        let dt = t0.elapsed();
        println!("=== {path} ({dt:?})");
        for x in &a.annotations {
            if x.kind.is_entity() {
                println!(
                    "{:?}\t{:?}\t{}\t{}\t{:?}\t{:?}{}",
                    x.kind,
                    &text[x.span.start..x.span.end],
                    x.canonical,
                    x.entity,
                    x.titles,
                    x.attrs,
                    if x.inferred { " INFERRED" } else { "" }
                );
            }
        }
    }
}

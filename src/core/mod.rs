//! The analysis core: text in, annotations and findings out.
//!
//! No I/O, no LSP, no terminal, and no failure: every input string produces an
//! [`Analysis`]. Adapters (the LSP server and the CLI) turn spans into their
//! own positions and pick the message language.

pub mod checks;
pub mod entities;
pub mod fxhash;
pub mod header;
pub mod numbers;
pub mod text;
pub mod types;

pub use types::*;

/// Everything the core knows about one article on its own. Cross-article
/// facts (linking, name variants, document type conflicts) live in `corpus`.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub header: Option<Header>,
    /// Sorted by `span.start`, then by longer span first.
    pub annotations: Vec<Annotation>,
    /// Single-article findings, sorted by `span.start`.
    pub findings: Vec<Finding>,
    /// Arithmetic behind checked statements, for number hovers.
    pub explanations: Vec<Explanation>,
}

/// What an analysis computes beyond annotations and findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The arithmetic behind every checked statement, for number hovers.
    /// `seedls check` and the articles no editor has open do without it.
    pub explanations: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { explanations: true }
    }
}

/// Builds the word lists (about 20 ms) if nobody has yet. Adapters call it
/// on a thread of their own while they read files, so the first article
/// analysed does not wait for it (every other worker would wait too).
pub fn prepare() {
    entities::gazetteer::lexicon();
}

/// Analyses one article.
pub fn analyze(text: &str) -> Analysis {
    analyze_with(text, Options::default())
}

/// Analyses one article, computing only what `options` asks for.
pub fn analyze_with(text: &str, options: Options) -> Analysis {
    let prepared = text::Prepared::new(text);
    let (header, header_finding) = header::parse(text);
    let mut annotations = Vec::new();
    if let Some(h) = &header {
        annotations.push(header::annotation(h));
    }
    // Tokenised and matched against the word lists once, for recognisers and checks.
    let words = entities::gazetteer::Doc::new(&prepared.norm);
    annotations.extend(entities::recognize_in(&prepared, &words, header.as_ref()));
    annotations.extend(numbers::recognize(&prepared, header.as_ref()));
    annotations.sort_by(|a, b| {
        a.span
            .start
            .cmp(&b.span.start)
            .then(b.span.end.cmp(&a.span.end))
    });

    let mut findings: Vec<Finding> = header_finding.into_iter().collect();
    let mut explanations = Vec::new();
    checks::run(
        &checks::Context {
            prepared: &prepared,
            header: header.as_ref(),
            annotations: &annotations,
            words: &words.toks,
            phrases: &words.hits,
        },
        &mut findings,
        options.explanations.then_some(&mut explanations),
    );
    findings.sort_by_key(|f| (f.span.start, f.span.end));
    Analysis {
        header,
        annotations,
        findings,
        explanations,
    }
}

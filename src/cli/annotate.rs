//! `seedls annotate`: every annotation as JSON Lines, or syllable-level BIO
//! tags in a CoNLL-style column format for pre-annotating NER corpora.
//!
//! CoNLL tag set (one per annotation kind): `PER` person, `LOC` place, `ORG`
//! organization, `DOC` document, `MISC` acronym, `DATE` date, `NUM` number,
//! `PCT` percent, `MONEY` money, `RATIO` ratio, `RANK` rank, `RANGE` range.
//! Nested annotations are flattened to the outermost (longest) one; at equal
//! spans the entity kind wins over the quantity. Tokens are syllables (runs of
//! letters and digits; a number keeps its `.`, `,` and `/` between digits, so
//! `660.000` and `6,95` are one token) and single punctuation characters.
//! Sentences end after `.`, `!`, `?` or `…` followed by a capitalised word,
//! and at every line break; each file starts with `# file = PATH` and
//! `# date = YYYY-MM`. The `date YYYY-MM` header itself is not tokenised.

use super::check::Place;
use super::{AnnotateFormat, Gathered, EXIT_OK, EXIT_USAGE};
use crate::core::{Annotation, Kind, Span};
use crate::corpus::{Corpus, Document};
use serde::Serialize;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

#[derive(Serialize)]
struct JsonAnnotation<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    kind: &'static str,
    text: &'a str,
    canonical: &'a str,
    entity: &'a str,
    #[serde(skip_serializing_if = "no_titles")]
    titles: &'a [String],
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    inferred: bool,
}

fn no_titles(titles: &&[String]) -> bool {
    titles.is_empty()
}

/// Analyses the articles on every core and writes each one's annotations
/// as soon as the articles before it are written. Nothing is indexed or
/// kept: the output needs only the registry (aliases resolve to the
/// declared person), so memory grows only with the texts read up front.
pub(super) fn run(gathered: Gathered, format: AnnotateFormat) -> i32 {
    // Stdout is line-buffered: one write per line cost a tenth of `annotate`.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut result = Ok(());
    let corpus = &gathered.corpus;
    // Once the output is gone (`seedls annotate . | head`), stop analysing.
    let stopped = AtomicBool::new(false);
    crate::parallel::map_in_order(
        gathered.texts,
        |(path, text)| {
            if stopped.load(Ordering::Relaxed) {
                return None;
            }
            super::analyse_file(&path, text, |doc| doc)
        },
        |_, doc| {
            let Some(doc) = doc else {
                return;
            };
            if result.is_ok() {
                result = match format {
                    AnnotateFormat::Json => write_json(&mut out, corpus, &doc),
                    AnnotateFormat::Conll => write_conll(&mut out, &doc),
                };
                if result.is_err() {
                    stopped.store(true, Ordering::Relaxed);
                }
            }
        },
    );
    if let Err(e) = result.and_then(|_| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            super::warn(format!("cannot write the output ({e})"));
            return EXIT_USAGE;
        }
    }
    if gathered.io_error {
        EXIT_USAGE
    } else {
        EXIT_OK
    }
}

fn write_json(out: &mut impl Write, corpus: &Corpus, doc: &Document) -> std::io::Result<()> {
    for a in &doc.analysis.annotations {
        let p = Place::of(doc, a.span);
        let record = JsonAnnotation {
            path: &doc.key,
            line: p.line,
            column: p.column,
            end_line: p.end_line,
            end_column: p.end_column,
            kind: a.kind.as_str(),
            text: a.span.text(&doc.text),
            canonical: &a.canonical,
            // Registry aliases resolve to the declared person's id.
            entity: corpus.resolve(&a.entity),
            titles: &a.titles,
            inferred: a.inferred,
        };
        serde_json::to_writer(&mut *out, &record)?;
        writeln!(out)?;
    }
    Ok(())
}

pub fn tag(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "PER",
        Kind::Place => "LOC",
        Kind::Organization => "ORG",
        Kind::Document => "DOC",
        Kind::Acronym => "MISC",
        Kind::Date => "DATE",
        Kind::Number => "NUM",
        Kind::Percent => "PCT",
        Kind::Money => "MONEY",
        Kind::Ratio => "RATIO",
        Kind::Rank => "RANK",
        Kind::Range => "RANGE",
    }
}

/// Outermost annotations, non-overlapping, in text order.
fn flatten(annotations: &[Annotation], skip: Option<Span>) -> Vec<&Annotation> {
    let mut sorted: Vec<&Annotation> = annotations
        .iter()
        .filter(|a| !a.span.is_empty() && Some(a.span) != skip)
        .collect();
    sorted.sort_by_key(|a| (a.span.start, std::cmp::Reverse(a.span.end), a.kind));
    let mut out: Vec<&Annotation> = Vec::new();
    for a in sorted {
        if out.last().is_none_or(|l| a.span.start >= l.span.end) {
            out.push(a);
        }
    }
    out
}

/// A token of the CoNLL output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConllToken<'t> {
    pub text: &'t str,
    pub span: Span,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// Syllables, numbers (with inner `.` `,` `/`) and single punctuation marks.
pub fn conll_tokens(text: &str, from: usize) -> Vec<ConllToken<'_>> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text[from..]
        .char_indices()
        .map(|(i, c)| (i + from, c))
        .collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        if is_word_char(c) {
            while j < chars.len() {
                let (_, d) = chars[j];
                let numeric_joint = matches!(d, '.' | ',' | '/')
                    && chars[j - 1].1.is_ascii_digit()
                    && chars.get(j + 1).is_some_and(|(_, n)| n.is_ascii_digit())
                    && chars[i..j]
                        .iter()
                        .all(|(_, x)| x.is_ascii_digit() || matches!(x, '.' | ',' | '/'));
                if is_word_char(d) || numeric_joint {
                    j += 1;
                } else {
                    break;
                }
            }
        }
        let end = chars.get(j).map_or(text.len(), |(o, _)| *o);
        out.push(ConllToken {
            text: &text[start..end],
            span: Span::new(start, end),
        });
        i = j;
    }
    out
}

fn write_conll(out: &mut impl Write, doc: &Document) -> std::io::Result<()> {
    let text = &doc.text;
    let header = doc.analysis.header.map(|h| h.span);
    writeln!(out, "# file = {}", doc.key)?;
    if let Some(d) = doc.date() {
        writeln!(out, "# date = {d}")?;
    }
    let spans = flatten(&doc.analysis.annotations, header);
    let from = header.map_or(0, |h| h.end);
    let tokens = conll_tokens(text, from);
    let mut next_annotation = 0;
    let mut in_sentence = false;
    for (n, tok) in tokens.iter().enumerate() {
        // A line break between two tokens ends the sentence.
        if n > 0 && in_sentence {
            let gap = &text[tokens[n - 1].span.end..tok.span.start];
            if gap.contains(['\n', '\r']) {
                writeln!(out)?;
            }
        }
        while next_annotation < spans.len() && spans[next_annotation].span.end <= tok.span.start {
            next_annotation += 1;
        }
        let label = match spans.get(next_annotation) {
            Some(a) if a.span.start <= tok.span.start && tok.span.start < a.span.end => {
                let first = n == 0 || tokens[n - 1].span.start < a.span.start;
                format!("{}-{}", if first { "B" } else { "I" }, tag(a.kind))
            }
            _ => "O".to_string(),
        };
        writeln!(out, "{}\t{label}", tok.text)?;
        in_sentence = true;
        let ends_sentence = matches!(tok.text, "." | "!" | "?" | "…")
            && tokens
                .get(n + 1)
                .is_some_and(|next| next.text.chars().next().is_some_and(|c| c.is_uppercase()))
            && label == "O";
        if ends_sentence {
            writeln!(out)?;
            in_sentence = false;
        }
    }
    if in_sentence {
        writeln!(out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_numbers_whole() {
        let t: Vec<&str> = conll_tokens("Sáng 10/8, đạt 660.000/660.000 (6,95%) và 12-NQ/TW.", 0)
            .iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(
            t,
            [
                "Sáng",
                "10/8",
                ",",
                "đạt",
                "660.000/660.000",
                "(",
                "6,95",
                "%",
                ")",
                "và",
                "12",
                "-",
                "NQ",
                "/",
                "TW",
                "."
            ]
        );
    }

    #[test]
    fn flatten_keeps_outermost_and_prefers_entities() {
        let mut org = Annotation::new(Span::new(0, 20), Kind::Organization, "x");
        org.entity = "organization:x".into();
        let place = Annotation::new(Span::new(10, 20), Kind::Place, "y");
        let num = Annotation::new(Span::new(25, 27), Kind::Number, "1");
        let date = Annotation::new(Span::new(25, 27), Kind::Date, "2024");
        let all = [org.clone(), place, date, num];
        let flat = flatten(&all, None);
        assert_eq!(flat.len(), 2);
        assert_eq!(flat[0].kind, Kind::Organization);
        assert_eq!(flat[1].kind, Kind::Date);
    }
}

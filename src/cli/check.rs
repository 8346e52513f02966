//! `seedls check`: diagnostics as rustc-style snippets, JSON Lines or SARIF 2.1.0.

use super::{CheckFormat, Loaded, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use crate::core::{Finding, Lang, Severity, Span};
use crate::corpus::{Corpus, Document};
use crate::position::human;
use serde::Serialize;
use serde_json::{json, Value};
use std::io::{IsTerminal, Write};

/// A position range as the CLI prints it: 1-based lines, 1-based columns in
/// Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Place {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl Place {
    pub fn of(doc: &Document, span: Span) -> Place {
        let (line, column) = human(&doc.lines, &doc.text, span.start);
        let (end_line, end_column) = human(&doc.lines, &doc.text, span.end);
        Place {
            line,
            column,
            end_line,
            end_column,
        }
    }
}

/// One JSON Lines record.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    severity: &'static str,
    code: &'static str,
    message: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<JsonRelated<'a>>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
}

pub(super) fn run(loaded: &Loaded, format: CheckFormat) -> i32 {
    let lang = loaded.settings.language;
    let corpus = &loaded.corpus;
    // Stdout is line-buffered: one write per line cost a tenth of `annotate`.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut counts = [0usize; 4];
    let mut files = 0;
    // SARIF is one JSON document; the other formats are written article by
    // article while the workers check the next ones.
    let mut sarif: Vec<(&Document, Vec<Finding>)> = Vec::new();
    let mut written: std::io::Result<()> = Ok(());
    let renderer = human_renderer();
    // The cross-article checks read the finished index: on every core.
    crate::parallel::map_in_order(
        loaded.keys.iter().collect(),
        |key| {
            let doc = corpus.get(key)?;
            Some((&**doc, corpus.findings_with(key, &loaded.settings)))
        },
        |_, checked| {
            let Some((doc, findings)) = checked else {
                return;
            };
            files += 1;
            for f in &findings {
                counts[f.severity as usize] += 1;
            }
            let one = [(doc, findings)];
            if written.is_ok() {
                written = match format {
                    CheckFormat::Json => write_json(&mut out, corpus, &one, lang),
                    CheckFormat::Human => write_human(&mut out, &renderer, corpus, &one, lang),
                    CheckFormat::Sarif => {
                        sarif.extend(one);
                        Ok(())
                    }
                };
            }
        },
    );
    if format == CheckFormat::Sarif && written.is_ok() {
        written = write_sarif(&mut out, corpus, &sarif, lang);
    }
    if let Err(e) = written.and_then(|_| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            super::warn(format!("cannot write the output ({e})"));
            return EXIT_USAGE;
        }
    }
    if format == CheckFormat::Human {
        eprintln!("{}", summary(counts, files, lang));
    }
    if loaded.io_error {
        EXIT_USAGE
    } else if counts[Severity::Error as usize] + counts[Severity::Warning as usize] > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

fn summary(counts: [usize; 4], files: usize, lang: Lang) -> String {
    let [e, w, i, h] = counts;
    match lang {
        Lang::Vi => format!("{files} bài: {e} lỗi, {w} cảnh báo, {i} thông tin, {h} gợi ý."),
        Lang::En => format!(
            "{files} article(s): {e} error(s), {w} warning(s), {i} information, {h} hint(s)."
        ),
    }
}

/// Where a related location lives: its document (another article, or the same).
fn related_doc<'a>(
    corpus: &'a Corpus,
    doc: &'a Document,
    other: Option<&str>,
) -> Option<&'a Document> {
    match other {
        None => Some(doc),
        Some(k) => corpus.get(k).map(|d| &**d),
    }
}

fn write_json(
    out: &mut impl Write,
    corpus: &Corpus,
    all: &[(&Document, Vec<Finding>)],
    lang: Lang,
) -> std::io::Result<()> {
    for (doc, findings) in all {
        for f in findings {
            let p = Place::of(doc, f.span);
            let related = f
                .related
                .iter()
                .filter_map(|r| {
                    let d = related_doc(corpus, doc, r.doc.as_deref())?;
                    let rp = Place::of(d, r.span);
                    Some(JsonRelated {
                        path: &d.key,
                        line: rp.line,
                        column: rp.column,
                        end_line: rp.end_line,
                        end_column: rp.end_column,
                        message: r.message.get(lang),
                    })
                })
                .collect();
            let record = JsonDiagnostic {
                path: &doc.key,
                line: p.line,
                column: p.column,
                end_line: p.end_line,
                end_column: p.end_column,
                severity: f.severity.as_str(),
                code: f.code,
                message: f.message.get(lang),
                related,
            };
            serde_json::to_writer(&mut *out, &record)?;
            writeln!(out)?;
        }
    }
    Ok(())
}

/// The whole lines containing `span`: (their text, the first line's number,
/// the span relative to that text).
fn lines_around(doc: &Document, span: Span) -> (&str, usize, std::ops::Range<usize>) {
    let text = &doc.text;
    let start = span.start.min(text.len());
    let end = span.end.clamp(start, text.len());
    let line_start = text[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line_end = text[end..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| end + i);
    let (line, _) = human(&doc.lines, text, line_start);
    (
        &text[line_start..line_end],
        line,
        start - line_start..end - line_start,
    )
}

/// Colours only on a terminal, and not when `NO_COLOR` is set.
fn human_renderer() -> annotate_snippets::Renderer {
    use annotate_snippets::Renderer;
    if std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
}

fn write_human(
    out: &mut impl Write,
    renderer: &annotate_snippets::Renderer,
    corpus: &Corpus,
    all: &[(&Document, Vec<Finding>)],
    lang: Lang,
) -> std::io::Result<()> {
    use annotate_snippets::{Level, Snippet};
    for (doc, findings) in all {
        for f in findings {
            let level = match f.severity {
                Severity::Error => Level::Error,
                Severity::Warning => Level::Warning,
                Severity::Information => Level::Info,
                Severity::Hint => Level::Help,
            };
            let (source, line, range) = lines_around(doc, f.span);
            let notes: Vec<String> = f
                .related
                .iter()
                .filter_map(|r| {
                    let d = related_doc(corpus, doc, r.doc.as_deref())?;
                    let p = Place::of(d, r.span);
                    Some(format!(
                        "{}:{}:{}: {}",
                        d.key,
                        p.line,
                        p.column,
                        r.message.get(lang)
                    ))
                })
                .collect();
            let helps: Vec<String> = f
                .fixes
                .iter()
                .map(|x| x.title.get(lang).to_string())
                .collect();
            let message = level
                .title(f.message.get(lang))
                .id(f.code)
                .snippet(
                    Snippet::source(source)
                        .line_start(line)
                        .origin(&doc.key)
                        .annotation(level.span(range)),
                )
                .footers(notes.iter().map(|n| Level::Note.title(n)))
                .footers(helps.iter().map(|h| Level::Help.title(h)));
            writeln!(out, "{}\n", renderer.render(message))?;
        }
    }
    Ok(())
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint => "note",
    }
}

fn sarif_location(doc: &Document, span: Span) -> Value {
    let p = Place::of(doc, span);
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri_reference(&doc.key) },
            "region": {
                "startLine": p.line,
                "startColumn": p.column,
                "endLine": p.end_line,
                "endColumn": p.end_column,
                "snippet": { "text": span.text(&doc.text) }
            }
        }
    })
}

/// A relative URI reference for a path (`/` separators, spaces and other
/// reserved bytes percent-encoded).
fn uri_reference(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn write_sarif(
    out: &mut impl Write,
    corpus: &Corpus,
    all: &[(&Document, Vec<Finding>)],
    lang: Lang,
) -> std::io::Result<()> {
    let mut rules: Vec<&'static str> = all
        .iter()
        .flat_map(|(_, fs)| fs.iter().map(|f| f.code))
        .collect();
    rules.sort();
    rules.dedup();
    let mut results = Vec::new();
    for (doc, findings) in all {
        for f in findings {
            let related: Vec<Value> = f
                .related
                .iter()
                .enumerate()
                .filter_map(|(i, r)| {
                    let d = related_doc(corpus, doc, r.doc.as_deref())?;
                    let mut loc = sarif_location(d, r.span);
                    loc["id"] = json!(i);
                    loc["message"] = json!({ "text": r.message.get(lang) });
                    Some(loc)
                })
                .collect();
            let fixes: Vec<Value> = f
                .fixes
                .iter()
                .map(|x| {
                    json!({
                        "description": { "text": x.title.get(lang) },
                        "artifactChanges": [{
                            "artifactLocation": { "uri": uri_reference(&doc.key) },
                            "replacements": x.edits.iter().map(|e| {
                                let p = Place::of(doc, e.span);
                                json!({
                                    "deletedRegion": {
                                        "startLine": p.line, "startColumn": p.column,
                                        "endLine": p.end_line, "endColumn": p.end_column
                                    },
                                    "insertedContent": { "text": e.new_text }
                                })
                            }).collect::<Vec<_>>()
                        }]
                    })
                })
                .collect();
            let mut result = json!({
                "ruleId": f.code,
                "ruleIndex": rules.binary_search(&f.code).unwrap_or(0),
                "level": sarif_level(f.severity),
                "message": { "text": f.message.get(lang) },
                "locations": [sarif_location(doc, f.span)],
            });
            if !related.is_empty() {
                result["relatedLocations"] = json!(related);
            }
            if !fixes.is_empty() {
                result["fixes"] = json!(fixes);
            }
            if f.severity == Severity::Hint {
                result["properties"] = json!({ "seedlsSeverity": "hint" });
            }
            results.push(result);
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "seedls",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://crates.io/crates/seedls",
                    "rules": rules.iter().map(|r| json!({
                        "id": r,
                        "shortDescription": { "text": rule_description(r) }
                    })).collect::<Vec<_>>()
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results
        }]
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

/// One line per check code, for SARIF rule metadata.
fn rule_description(code: &str) -> &'static str {
    match code {
        "header" => "Missing or malformed `date YYYY-MM` first line",
        "percent-change" => "A percentage change that does not match its counts",
        "percent-ratio-mismatch" => "A percentage that does not match its A/B ratio",
        "ratio-over-whole" => "An achieved count larger than its target",
        "part-exceeds-total" => "A part larger than its whole",
        "sum-mismatch" => "Parts that do not add up to the stated total",
        "rank-out-of-range" => "A rank outside 1..N",
        "percent-out-of-range" => "A rate above 100% or a fall of more than 100%",
        "range-reversed" => "A range whose low end is above its high end",
        "invalid-date" => "A day/month that does not exist",
        "date-after-publication" => "An event dated after the article's month",
        "doc-type-conflict" => {
            "One document number from one issuer cited as different document types"
        }
        "name-variant" => "A person's name spelt differently from elsewhere in the workspace",
        "repeated-word" => "An accidentally doubled word",
        "tone-mark-style" => "Old and new tone-mark placement mixed in one article",
        _ => "seedls check",
    }
}

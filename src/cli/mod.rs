//! The command-line adapter: `seedls [serve|--stdio]`, `seedls check`,
//! `seedls annotate`. It reads files (through the shared workspace scanner),
//! builds ONE corpus of all of them, and prints what the corpus reports —
//! the same `Corpus::findings_with` the server publishes. It never writes to
//! the user's files.

mod annotate;
mod check;

use crate::config::Settings;
use crate::core::Lang;
use crate::corpus::{Corpus, Document, Indexed};
use crate::workspace;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Exit codes.
pub const EXIT_OK: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "seedls",
    version,
    about = "Language server and checker for Vietnamese news articles (seed files)",
    long_about = "Language server and checker for Vietnamese news articles (seed files).\n\
                  Without a command (or with `serve` / `--stdio`) it serves LSP over stdin/stdout."
)]
struct Cli {
    /// Serve LSP over stdin/stdout (the default without a command).
    #[arg(long, global = false)]
    stdio: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve LSP over stdin/stdout.
    Serve {
        /// Accepted for clients that pass it; stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
    /// Check seed files as one corpus and print diagnostics. Exit status: 0 when
    /// there is no error or warning, 1 when there is one, 2 on usage or I/O error.
    Check {
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
        #[command(flatten)]
        common: Common,
    },
    /// Print every annotation (people, places, organisations, documents,
    /// acronyms, dates, numbers) of the seed files.
    Annotate {
        #[arg(long, value_enum, default_value_t = AnnotateFormat::Json)]
        format: AnnotateFormat,
        #[command(flatten)]
        common: Common,
    },
}

#[derive(Debug, clap::Args)]
struct Common {
    /// Message language, overriding `language` in seedls.json.
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// Also mention `.txt` files that were not treated as seed files.
    #[arg(short, long)]
    verbose: bool,
    /// Seed files or folders (folders are searched with the include/exclude globs).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CheckFormat {
    Human,
    Json,
    Sarif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum AnnotateFormat {
    Json,
    Conll,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LangArg {
    Vi,
    En,
}

/// Parses arguments and runs `serve`, `check` or `annotate`; returns the exit code.
pub fn main() -> i32 {
    run(std::env::args_os())
}

/// [`main`] with explicit arguments (the first is the program name).
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
        }
    };
    if !matches!(cli.command, None | Some(Command::Serve { .. })) {
        keep_freed_memory();
        // The word lists are built while the files are found and read.
        std::thread::spawn(crate::core::prepare);
    }
    match cli.command {
        None | Some(Command::Serve { .. }) => crate::lsp::run_stdio(),
        Some(Command::Check { format, common }) => {
            let Some(loaded) = gather(&common).map(load) else {
                return EXIT_USAGE;
            };
            let code = check::run(&loaded, format);
            dispose(loaded);
            code
        }
        Some(Command::Annotate { format, common }) => {
            let Some(gathered) = gather(&common) else {
                return EXIT_USAGE;
            };
            annotate::run(gathered, format)
        }
    }
}

/// Tells the allocator never to return freed memory to the system. A
/// one-shot command frees memory on threads that end (the readers, the
/// workers) and allocates again at once: returned pages came back through
/// page faults that zero them, which cost `check` on 10,000 articles up to a
/// third of a second of system time. The server keeps the default: it lives
/// long and should give memory back.
fn keep_freed_memory() {
    // SAFETY: sets one integer option of the allocator, which reads it
    // atomically; no pointer is passed.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}

/// `mi_option_purge_delay` of `mimalloc.h` (milliseconds before freed memory
/// goes back to the system; -1 never). The bindings do not name it for
/// mimalloc 3.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Frees the corpus on a thread of its own: freeing ten thousand analyses one
/// allocation at a time took a tenth of `check`, and the process ends now.
fn dispose(loaded: Loaded) {
    std::thread::spawn(move || drop(loaded));
}

/// The seed files a command works on, read but not yet analysed.
struct Gathered {
    /// Sorted by path, each file once.
    texts: Vec<(PathBuf, String)>,
    settings: Settings,
    /// No articles yet: only the registry (`entities.json`), if any.
    corpus: Corpus,
    /// An input path was missing or a file could not be read.
    io_error: bool,
}

/// Everything `check` works on: the articles analysed and indexed.
struct Loaded {
    corpus: Corpus,
    settings: Settings,
    /// Document keys in output order (sorted paths).
    keys: Vec<Arc<str>>,
    /// An input path was missing or a file could not be read.
    io_error: bool,
}

/// The folder whose `seedls.json` and `entities.json` apply: the first path
/// if it is a folder, else the folder containing it.
fn corpus_root(paths: &[PathBuf]) -> PathBuf {
    let first = &paths[0];
    if first.is_dir() {
        first.clone()
    } else {
        match first.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        }
    }
}

fn warn(msg: impl std::fmt::Display) {
    eprintln!("seedls: {msg}");
}

fn load_settings(root: &Path, lang: Option<LangArg>) -> Settings {
    let path = root.join("seedls.json");
    let mut settings = match std::fs::read_to_string(&path) {
        Ok(text) => match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(v) => {
                let (s, warnings) = Settings::from_json(&v);
                for w in warnings {
                    warn(format!("{}: {w}", path.display()));
                }
                s
            }
            Err(e) => {
                warn(format!(
                    "{}: not valid JSON ({e}); using default settings",
                    path.display()
                ));
                Settings::default()
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Settings::default(),
        Err(e) => {
            warn(format!(
                "{}: cannot be read ({e}); using default settings",
                path.display()
            ));
            Settings::default()
        }
    };
    match lang {
        Some(LangArg::Vi) => settings.language = Lang::Vi,
        Some(LangArg::En) => settings.language = Lang::En,
        None => {}
    }
    settings
}

/// Reads settings, the registry and every seed file.
/// `None` when no path exists at all (a usage error).
fn gather(common: &Common) -> Option<Gathered> {
    let root = corpus_root(&common.paths);
    let settings = load_settings(&root, common.lang);
    let lang = settings.language;
    let mut io_error = false;
    let mut texts: Vec<(PathBuf, String)> = Vec::new();
    let mut any_path = false;
    for path in &common.paths {
        if path.is_dir() {
            any_path = true;
            let scan = workspace::scan(path, &settings);
            // One line per skipped file, plus the maxFiles limit when it was hit.
            for m in scan.messages() {
                warn(m.get(lang));
            }
            if common.verbose && scan.not_seeds > 0 {
                warn(format!(
                    "{}: {} .txt file(s) without a `date YYYY-MM` first line were left alone (not seed files)",
                    path.display(),
                    scan.not_seeds
                ));
            }
            texts.extend(scan.files.into_iter().map(|f| (f.path, f.text)));
        } else if path.exists() {
            any_path = true;
            // Named explicitly: always analysed, so a missing header is reported.
            match workspace::read_text(path, settings.max_file_size) {
                Ok(text) => texts.push((path.clone(), text)),
                Err(Some(reason)) => {
                    let skipped = workspace::Skipped {
                        path: path.clone(),
                        reason,
                    };
                    warn(skipped.message().get(lang));
                }
                Err(None) => {}
            }
        } else {
            warn(format!("{}: no such file or folder", path.display()));
            io_error = true;
        }
    }
    if !any_path {
        return None;
    }
    // The settings and the registry are never articles, whatever the globs say.
    texts.retain(|(path, _)| {
        !matches!(
            path.file_name().and_then(|n| n.to_str()),
            Some("seedls.json" | "entities.json")
        )
    });
    // `./bai/a.txt` is shown as `bai/a.txt`.
    for (path, _) in texts.iter_mut() {
        if let Ok(rest) = path.strip_prefix(".") {
            if !rest.as_os_str().is_empty() {
                *path = rest.to_path_buf();
            }
        }
    }
    // The same file named twice (or found twice) is one article. One folder's
    // scan already lists each real file once.
    texts.sort_by(|a, b| a.0.cmp(&b.0));
    if common.paths.len() > 1 {
        texts.dedup_by(|a, b| same_file(&a.0, &b.0));
    }

    // Neither command answers the editor's queries (search, hover cards).
    let mut corpus = Corpus::for_checks();
    let registry_path = root.join("entities.json");
    if let Ok(text) = std::fs::read_to_string(&registry_path) {
        let key: Arc<str> = Arc::from(registry_path.display().to_string());
        for w in corpus.set_registry(key, text) {
            warn(w);
        }
    }
    Some(Gathered {
        texts,
        settings,
        corpus,
        io_error,
    })
}

/// Analyses and indexes the gathered articles, keeping what `check` reports.
fn load(gathered: Gathered) -> Loaded {
    let Gathered {
        texts,
        settings,
        mut corpus,
        io_error,
    } = gathered;
    let keys = analyse_into(&mut corpus, texts);
    Loaded {
        corpus,
        settings,
        keys,
        io_error,
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    a == b
        || matches!(
            (std::fs::canonicalize(a), std::fs::canonicalize(b)),
            (Ok(x), Ok(y)) if x == y
        )
}

/// Analyses the articles on every core and indexes them in input order
/// (while the later ones are still being analysed); returns the keys in order.
/// Each document keeps only what `check` reports (findings, header, text),
/// which halves the memory of a large run.
fn analyse_into(corpus: &mut Corpus, texts: Vec<(PathBuf, String)>) -> Vec<Arc<str>> {
    let mut keys = Vec::with_capacity(texts.len());
    let ranks = key_ranks(&texts);
    let items: Vec<_> = texts.into_iter().zip(ranks).collect();
    crate::parallel::map_in_order(
        items,
        |((path, text), rank)| {
            // The contribution is computed here, on the worker.
            analyse_file(&path, text, |doc| {
                Indexed::for_checks(doc).ranked(rank).findings_only()
            })
        },
        |_, analysed| {
            if let Some(indexed) = analysed {
                keys.push(indexed.doc.key.clone());
                corpus.insert_indexed(indexed);
            }
        },
    );
    keys
}

/// Each file's place in the order of the document keys (its path as text:
/// paths are sorted by component, keys by character, which differ).
fn key_ranks(texts: &[(PathBuf, String)]) -> Vec<u32> {
    let keys: Vec<String> = texts.iter().map(|(p, _)| p.display().to_string()).collect();
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
    let mut ranks = vec![0; keys.len()];
    for (rank, i) in order.into_iter().enumerate() {
        ranks[i] = rank as u32;
    }
    ranks
}

/// One file's analysis as both commands need it (no number explanations:
/// neither prints them), passed through `then` on the same worker. A panic
/// loses that file, not the run.
fn analyse_file<R>(path: &Path, text: String, then: impl FnOnce(Document) -> R) -> Option<R> {
    let key: Arc<str> = Arc::from(path.display().to_string());
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let options = crate::core::Options {
            explanations: false,
        };
        then(Document::with_options(key.clone(), text, options))
    }))
    .map_err(|_| warn(format!("{key}: internal error while analysing; skipped")))
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_follow_the_keys_not_the_sorted_paths() {
        let mut texts: Vec<(PathBuf, String)> = ["a/x.txt", "a-b/x.txt", "a/b/y.txt", "A.txt"]
            .into_iter()
            .map(|p| (PathBuf::from(p), String::new()))
            .collect();
        texts.sort_by(|a, b| a.0.cmp(&b.0));
        let ranks = key_ranks(&texts);
        let mut by_rank: Vec<(u32, String)> = ranks
            .iter()
            .zip(&texts)
            .map(|(r, (p, _))| (*r, p.display().to_string()))
            .collect();
        by_rank.sort();
        let keys: Vec<&str> = by_rank.iter().map(|(_, k)| k.as_str()).collect();
        assert_eq!(keys, ["A.txt", "a-b/x.txt", "a/b/y.txt", "a/x.txt"]);
        // The path order differs: "a" sorts before "a-b" as a component.
        assert_eq!(texts[0].0, PathBuf::from("A.txt"));
        assert_eq!(texts[1].0, PathBuf::from("a/b/y.txt"));
    }

    #[test]
    fn purge_delay_is_the_option_between_its_named_neighbours() {
        // mimalloc.h lists (deprecated) eager_commit_delay = 14, purge_delay,
        // use_numa_nodes; the bindings name only the last one for mimalloc 3.
        assert_eq!(
            MI_OPTION_PURGE_DELAY + 1,
            libmimalloc_sys::mi_option_use_numa_nodes
        );
        keep_freed_memory();
        // SAFETY: reads one integer option.
        let delay = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        assert_eq!(delay, -1);
    }
}

//! The server's mutable state. Every change goes through a `&mut State` taken
//! under one synchronous lock, in the order the notifications arrived; requests
//! get an immutable [`Snapshot`].

use crate::config::Settings;
use crate::corpus::{Corpus, DocKey, Indexed};
use crate::lsp::snapshot::{doc_key, Snapshot};
use crate::position::{rope_char_index, Encoding, LineCol};
use crate::workspace::SeedFilter;
use ropey::Rope;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use tower_lsp_server::ls_types::{Diagnostic, Range, TextDocumentContentChangeEvent, Uri};

/// A document the editor has open: its text is the editor's, not the disk's.
#[derive(Debug)]
pub struct OpenDoc {
    /// The URI exactly as the client sent it (diagnostics are published to it).
    pub uri: Uri,
    pub rope: Rope,
    pub version: i32,
    pub language_id: String,
    /// Analysed as a seed file. Once true it stays true until the document is
    /// closed, so deleting the header while typing shows the `header` error
    /// instead of silently dropping the document.
    pub seed: bool,
    /// The version whose analysis is in the corpus.
    pub analysed: Option<i32>,
}

/// A workspace folder.
#[derive(Debug, Clone)]
pub struct Folder {
    pub uri: Uri,
    pub path: PathBuf,
    /// Bumped whenever the folder is (re)indexed; an index run only applies
    /// its result while its generation is current.
    pub generation: u64,
    /// Set when a newer index run or the folder's removal makes a run moot.
    pub cancel: Arc<AtomicBool>,
}

/// An open seed document whose text changed since it was last analysed.
pub struct Dirty {
    pub key: DocKey,
    pub version: i32,
    pub text: String,
}

#[derive(Debug, Default)]
pub struct State {
    pub settings: Arc<Settings>,
    /// Settings from `initializationOptions`; pulled configuration is applied on top.
    pub base_settings: serde_json::Value,
    pub filter: Option<SeedFilter>,
    pub encoding: Encoding,
    pub corpus: Corpus,
    pub open: HashMap<DocKey, OpenDoc>,
    /// Keys whose corpus entry was read from disk.
    pub disk: HashSet<DocKey>,
    pub folders: Vec<Folder>,
    /// Per-key counter of disk events, so a slow read never overrides a newer event.
    pub file_gen: HashMap<DocKey, u64>,
    pub next_gen: u64,
    /// Per-key counter of scheduled diagnostics runs (debounce).
    pub diag_gen: HashMap<DocKey, u64>,
    /// What was last published per open document, with the version.
    pub published: HashMap<DocKey, (i32, Vec<Diagnostic>)>,
    /// Bumped by every configuration change, so a slow pull never overrides a newer one.
    pub config_gen: u64,
    pub cache: Option<Arc<Snapshot>>,
    /// Client capabilities as JSON, read with pointers.
    pub client_caps: serde_json::Value,
    pub initialized: bool,
    pub indexing: usize,
}

impl State {
    pub fn gen(&mut self) -> u64 {
        self.next_gen += 1;
        self.next_gen
    }

    pub fn cap(&self, pointer: &str) -> bool {
        self.client_caps.pointer(pointer) == Some(&serde_json::Value::Bool(true))
    }

    pub fn filter(&mut self) -> &SeedFilter {
        if self.filter.is_none() {
            self.filter = Some(SeedFilter::new(&self.settings));
        }
        self.filter.as_ref().unwrap()
    }

    pub fn set_settings(&mut self, settings: Settings) {
        self.settings = Arc::new(settings);
        self.filter = None;
        self.cache = None;
    }

    /// The folder containing `path`, and the path relative to it.
    pub fn folder_of<'p>(&self, path: &'p Path) -> Option<(&Folder, &'p Path)> {
        self.folders
            .iter()
            .filter_map(|f| path.strip_prefix(&f.path).ok().map(|rel| (f, rel)))
            .max_by_key(|(f, _)| f.path.as_os_str().len())
    }

    /// Whether an open document counts as a seed file.
    pub fn open_is_seed(&mut self, key: &str, uri: &Uri, language_id: &str, text: &str) -> bool {
        if language_id == "seed" || self.disk.contains(key) {
            return true;
        }
        let Some(path) = file_path(uri) else {
            return false;
        };
        let rel: PathBuf = match self.folder_of(&path) {
            Some((_, rel)) => rel.to_path_buf(),
            None => path
                .strip_prefix("/")
                .map(Path::to_path_buf)
                .unwrap_or_else(|_| path.clone()),
        };
        let filter = self.filter();
        filter.matches(&rel) && filter.is_seed_text(text)
    }

    pub fn did_open(&mut self, uri: Uri, version: i32, language_id: String, text: String) {
        let key = doc_key(&uri);
        let seed = self.open_is_seed(&key, &uri, &language_id, &text);
        self.open.insert(
            key,
            OpenDoc {
                uri,
                rope: Rope::from_str(&text),
                version,
                language_id,
                seed,
                analysed: None,
            },
        );
        self.cache = None;
    }

    /// Applies one `didChange`. Returns false (and changes nothing) for an
    /// unknown document or a version older than the one held.
    pub fn did_change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
    ) -> Result<(), String> {
        let key = doc_key(uri);
        let encoding = self.encoding;
        let Some(doc) = self.open.get_mut(&key) else {
            return Err(format!(
                "didChange for {} which is not open; ignored",
                uri.as_str()
            ));
        };
        if version <= doc.version {
            return Err(format!(
                "didChange for {} with version {version} after version {}; ignored",
                uri.as_str(),
                doc.version
            ));
        }
        for change in changes {
            apply_change(&mut doc.rope, change.range, &change.text, encoding);
        }
        doc.version = version;
        if !doc.seed {
            let first_line = doc.rope.line(0).to_string();
            let (uri, lang) = (doc.uri.clone(), doc.language_id.clone());
            let seed = self.open_is_seed(&key, &uri, &lang, &first_line);
            self.open.get_mut(&key).unwrap().seed = seed;
        }
        self.cache = None;
        Ok(())
    }

    /// Forgets an open document. Returns whether its corpus entry should be
    /// reloaded from disk (it lives in a workspace folder).
    pub fn did_close(&mut self, uri: &Uri) -> Option<PathBuf> {
        let key = doc_key(uri);
        let doc = self.open.remove(&key)?;
        self.published.remove(&key);
        self.diag_gen.remove(&key);
        self.cache = None;
        let path = file_path(&doc.uri).filter(|p| self.folder_of(p).is_some());
        if path.is_none() && !self.disk.contains(&key) {
            self.corpus.remove(&key);
        }
        path
    }

    /// Open seed documents whose analysis is behind their text.
    pub fn dirty(&self) -> Vec<Dirty> {
        self.open
            .iter()
            .filter(|(_, d)| d.seed && d.analysed != Some(d.version))
            .map(|(k, d)| Dirty {
                key: k.clone(),
                version: d.version,
                text: d.rope.to_string(),
            })
            .collect()
    }

    /// Puts an analysed open document into the corpus if it is still the
    /// current version; otherwise hands it back.
    pub fn apply_analysed(&mut self, version: i32, doc: Indexed) -> Option<Indexed> {
        match self.open.get_mut(&doc.doc.key) {
            Some(open) if open.version == version && open.seed => {
                open.analysed = Some(version);
                self.corpus.insert_indexed(doc);
                self.cache = None;
                None
            }
            _ => Some(doc),
        }
    }

    /// The snapshot of the current corpus (cached until the next change).
    pub fn snapshot(&mut self) -> Arc<Snapshot> {
        if let Some(s) = &self.cache {
            return s.clone();
        }
        let s = Arc::new(Snapshot {
            corpus: self.corpus.clone(),
            settings: self.settings.clone(),
            encoding: self.encoding,
        });
        self.cache = Some(s.clone());
        s
    }

    /// Inserts or removes a document read from disk, unless the editor has it
    /// open (the buffer wins).
    pub fn apply_disk(&mut self, key: DocKey, doc: Option<Indexed>) {
        if self.open.contains_key(&key) {
            return;
        }
        match doc {
            Some(doc) => {
                // No editor shows it: keep what the index and diagnostics
                // need, not the annotations (a request on it re-analyses).
                self.corpus.insert_indexed(doc.findings_only());
                self.disk.insert(key);
            }
            None => {
                self.corpus.remove(&key);
                self.disk.remove(&key);
            }
        }
        self.cache = None;
    }
}

/// The file path of a `file:` URI.
pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    if !uri.scheme().as_str().eq_ignore_ascii_case("file") {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

/// The key of a file path (the normalised `file:` URI).
pub fn path_key(path: &Path) -> Option<DocKey> {
    Uri::from_file_path(path).map(|u| doc_key(&u))
}

/// Applies one content change to a rope: a range edit (positions clamped to
/// the text, reversed ranges swapped) or, without a range, the whole text.
pub fn apply_change(rope: &mut Rope, range: Option<Range>, text: &str, enc: Encoding) {
    let Some(range) = range else {
        *rope = Rope::from_str(text);
        return;
    };
    let at = |p: tower_lsp_server::ls_types::Position| {
        rope_char_index(
            rope,
            LineCol {
                line: p.line,
                col: p.character,
            },
            enc,
        )
    };
    let (a, b) = (at(range.start), at(range.end));
    let (start, end) = (a.min(b), a.max(b));
    rope.remove(start..end);
    rope.insert(start, text);
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::Position;

    fn range(l1: u32, c1: u32, l2: u32, c2: u32) -> Option<Range> {
        Some(Range {
            start: Position::new(l1, c1),
            end: Position::new(l2, c2),
        })
    }

    #[test]
    fn edits_in_each_encoding_and_clamped() {
        let mut r = Rope::from_str("Tô Lâm 😀 tới\nLạng Sơn");
        // Replace "Lâm" (UTF-16 columns 3..6).
        apply_change(&mut r, range(0, 3, 0, 6), "Lam", Encoding::Utf16);
        assert_eq!(r.to_string(), "Tô Lam 😀 tới\nLạng Sơn");
        // Insert after the emoji: UTF-8 bytes "Tô Lam " = 8, emoji 4.
        apply_change(&mut r, range(0, 12, 0, 12), "!", Encoding::Utf8);
        assert_eq!(r.to_string(), "Tô Lam 😀! tới\nLạng Sơn");
        // UTF-32: delete "Lạng " on line 1.
        apply_change(&mut r, range(1, 0, 1, 5), "", Encoding::Utf32);
        assert_eq!(r.to_string(), "Tô Lam 😀! tới\nSơn");
        // Past the end clamps; reversed range is swapped.
        apply_change(&mut r, range(9, 9, 9, 99), ".", Encoding::Utf16);
        assert_eq!(r.to_string(), "Tô Lam 😀! tới\nSơn.");
        apply_change(&mut r, range(1, 3, 1, 0), "X", Encoding::Utf16);
        assert_eq!(r.to_string(), "Tô Lam 😀! tới\nX.");
        apply_change(&mut r, None, "mới", Encoding::Utf16);
        assert_eq!(r.to_string(), "mới");
    }
}

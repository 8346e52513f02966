//! The immutable state a request reads, and conversion between core spans
//! and LSP ranges (through `crate::position`, the only place doing the arithmetic).

use crate::config::Settings;
use crate::core::Span;
use crate::corpus::{Corpus, Document};
use crate::position::{Encoding, LineCol};
use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tower_lsp_server::ls_types::{Position, Range, Uri};

/// The key a document is stored under in the corpus: the URI string, with
/// `file:` URIs normalised (decoded and re-encoded from the path) so that
/// clients spelling the same path differently (`%28` vs `(`) agree.
pub fn doc_key(uri: &Uri) -> Arc<str> {
    let is_file = uri.scheme().as_str().eq_ignore_ascii_case("file");
    if is_file {
        if let Some(norm) = uri.to_file_path().and_then(Uri::from_file_path) {
            return Arc::from(norm.as_str());
        }
    }
    Arc::from(uri.as_str())
}

thread_local! {
    /// Set by the server while a feature runs on a blocking thread: the
    /// request's cancellation flag.
    static CANCEL: RefCell<Option<Arc<AtomicBool>>> = const { RefCell::new(None) };
}

/// Runs `f` with `flag` as the current request's cancellation flag (see
/// [`Snapshot::is_cancelled`]).
pub fn with_cancel_flag<R>(flag: Arc<AtomicBool>, f: impl FnOnce() -> R) -> R {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            CANCEL.with(|c| c.borrow_mut().take());
        }
    }
    CANCEL.with(|c| *c.borrow_mut() = Some(flag));
    let _reset = Reset;
    f()
}

/// What a request sees: a cheap clone of the server state at one moment.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// Documents keyed by their URI string.
    pub corpus: Corpus,
    pub settings: Arc<Settings>,
    pub encoding: Encoding,
}

impl Snapshot {
    /// The document for a URI, if it is a seed file that is indexed or open.
    pub fn doc(&self, uri: &Uri) -> Option<&Arc<Document>> {
        self.corpus.get(&doc_key(uri))
    }

    /// True once the client cancelled the request being answered (`$/cancelRequest`)
    /// or it was otherwise abandoned. Long loops (references, workspace symbols
    /// over many articles) should check it now and then and return early.
    pub fn is_cancelled(&self) -> bool {
        CANCEL.with(|c| {
            c.borrow()
                .as_ref()
                .is_some_and(|f| f.load(Ordering::Relaxed))
        })
    }

    /// Parses a document key back into a URI.
    pub fn uri(&self, key: &str) -> Option<Uri> {
        key.parse().ok()
    }

    pub fn range(&self, doc: &Document, span: Span) -> Range {
        Range {
            start: self.position(doc, span.start),
            end: self.position(doc, span.end),
        }
    }

    pub fn position(&self, doc: &Document, offset: usize) -> Position {
        let p = doc.lines.position(&doc.text, offset, self.encoding);
        Position {
            line: p.line,
            character: p.col,
        }
    }

    /// Byte offset of an LSP position, clamped to the document.
    pub fn offset(&self, doc: &Document, pos: Position) -> usize {
        doc.lines.offset(
            &doc.text,
            LineCol {
                line: pos.line,
                col: pos.character,
            },
            self.encoding,
        )
    }

    pub fn span(&self, doc: &Document, range: Range) -> Span {
        let a = self.offset(doc, range.start);
        let b = self.offset(doc, range.end);
        Span::new(a.min(b), a.max(b))
    }
}

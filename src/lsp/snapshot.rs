//! The immutable state a request reads, and conversion between core spans
//! and LSP ranges (through `crate::position`, the only place doing the arithmetic).

use crate::config::Settings;
use crate::core::Span;
use crate::corpus::{Corpus, Document};
use crate::position::{Encoding, LineCol};
use std::sync::Arc;
use tower_lsp_server::ls_types::{Position, Range, Uri};

/// What a request sees: a cheap clone of the server state at one moment.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// Documents keyed by their URI string.
    pub corpus: Corpus,
    pub settings: Arc<Settings>,
    pub encoding: Encoding,
}

impl Snapshot {
    /// The document for a URI, if indexed or open.
    pub fn doc(&self, uri: &Uri) -> Option<&Arc<Document>> {
        self.corpus.get(uri.as_str())
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

//! Plain data that flows out of the analysis core.
//!
//! Everything here is independent of LSP and of the terminal: spans are byte
//! offsets into the exact text that was analysed (never into a normalised copy),
//! and messages exist in both languages so adapters pick one at render time.

use serde::{Deserialize, Serialize};

/// Half-open byte range `start..end` into the analysed text. Always on UTF-8
/// character boundaries.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
    /// Like `contains`, but a cursor just after the last character also counts
    /// (editors put the caret after a word when the user clicks its end).
    pub fn touches(&self, offset: usize) -> bool {
        self.start <= offset && offset <= self.end
    }
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.start..self.end]
    }
}

/// What an annotation is. The `as_str` names are the stable ones used by the
/// CLI (`kind` field) and by semantic token types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Person,
    Place,
    Organization,
    Document,
    Acronym,
    Date,
    Number,
    Percent,
    Money,
    Ratio,
    Rank,
    Range,
}

impl Kind {
    pub const ALL: [Kind; 12] = [
        Kind::Person,
        Kind::Place,
        Kind::Organization,
        Kind::Document,
        Kind::Acronym,
        Kind::Date,
        Kind::Number,
        Kind::Percent,
        Kind::Money,
        Kind::Ratio,
        Kind::Rank,
        Kind::Range,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Place => "place",
            Kind::Organization => "organization",
            Kind::Document => "document",
            Kind::Acronym => "acronym",
            Kind::Date => "date",
            Kind::Number => "number",
            Kind::Percent => "percent",
            Kind::Money => "money",
            Kind::Ratio => "ratio",
            Kind::Rank => "rank",
            Kind::Range => "range",
        }
    }

    /// Kinds that name something which can be linked across articles.
    pub fn is_entity(self) -> bool {
        matches!(
            self,
            Kind::Person | Kind::Place | Kind::Organization | Kind::Document | Kind::Acronym
        )
    }

    pub fn is_quantity(self) -> bool {
        matches!(
            self,
            Kind::Number | Kind::Percent | Kind::Money | Kind::Ratio | Kind::Rank | Kind::Range
        )
    }
}

/// One recognised thing in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Annotation {
    pub span: Span,
    pub kind: Kind,
    /// Normalised form: the NFC, tone-folded name for entities, an ISO date
    /// (`2023-08-10`, `2023-08`, `2023`) for dates, the exact numeric value for
    /// quantities (`660000`, `6.95`, `1500000000000`).
    pub canonical: String,
    /// Linking key shared by every mention of the same entity across files,
    /// e.g. `person:tô lâm`, `place:lạng sơn`, `document:quy định 90|ban bí thư`.
    /// Empty for numbers.
    pub entity: String,
    /// Titles, ranks and honorifics seen with a person in this mention, in text order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<String>,
    /// Extra facts: the issuer of a document, the unit of a count, the
    /// expansion of an acronym, the level of a place (tỉnh, huyện, xã) ...
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attrs: Vec<(String, String)>,
    /// True for a mention inferred from context (a title without a name that
    /// refers back to a named holder earlier in the article).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub inferred: bool,
}

impl Annotation {
    pub fn new(span: Span, kind: Kind, canonical: impl Into<String>) -> Self {
        Annotation {
            span,
            kind,
            canonical: canonical.into(),
            entity: String::new(),
            titles: Vec::new(),
            attrs: Vec::new(),
            inferred: false,
        }
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "information",
            Severity::Hint => "hint",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        match s.to_ascii_lowercase().as_str() {
            "error" => Some(Severity::Error),
            "warning" | "warn" => Some(Severity::Warning),
            "information" | "info" => Some(Severity::Information),
            "hint" => Some(Severity::Hint),
            _ => None,
        }
    }
}

/// A message in both supported languages; adapters choose by setting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Message {
    pub vi: String,
    pub en: String,
}

impl Message {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Message {
            vi: vi.into(),
            en: en.into(),
        }
    }
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

/// Where a related piece of a finding lives: in the same text, or in another
/// document of the corpus (by its key, a URI or path string chosen by the adapter).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Related {
    /// `None` means the same document.
    pub doc: Option<String>,
    pub span: Span,
    pub message: Message,
}

/// A text replacement within the same document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    pub span: Span,
    pub new_text: String,
}

/// A quick fix offered for a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    pub title: Message,
    pub edits: Vec<Edit>,
}

/// A finding of a check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub span: Span,
    /// Stable check id: `header`, `percent-change`, `name-variant`, ...
    pub code: &'static str,
    /// The check's default severity; adapters apply the user's overrides.
    pub severity: Severity,
    pub message: Message,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fixes: Vec<Fix>,
}

/// The arithmetic behind a checked statement, shown when hovering any of the
/// numbers involved (whether the check passed or not).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    /// The spans of every number that takes part.
    pub spans: Vec<Span>,
    /// e.g. "274 + 83 = 357 vụ năm 2022; 83 / 357 = 23,25 % ✓"
    pub text: Message,
    /// Whether the statement adds up.
    pub ok: bool,
}

/// The parsed first line of a seed file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub year: i32,
    pub month: u32,
    /// The `date YYYY-MM` token.
    pub span: Span,
}

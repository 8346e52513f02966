//! Test fixtures: articles written for these tests (not taken from the seeds),
//! with hand-made annotations, findings and explanations, so each handler is
//! tested against exactly what the core is supposed to report.

use crate::config::Settings;
use crate::core::{
    header, Analysis, Annotation, Explanation, Finding, Fix, Kind, Message, Severity, Span,
};
use crate::corpus::{Corpus, Document, Indexed};
use crate::lsp::snapshot::Snapshot;
use crate::position::Encoding;
use std::sync::Arc;
use tower_lsp_server::ls_types::{Position, Uri};

/// The span of the `nth` (0-based) occurrence of `needle` in `text`.
pub fn span_of(text: &str, needle: &str, nth: usize) -> Span {
    let start = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} #{nth} not in fixture"))
        .0;
    Span::new(start, start + needle.len())
}

pub struct Fixture {
    key: String,
    text: String,
    analysis: Analysis,
}

impl Fixture {
    pub fn new(key: &str, text: &str) -> Self {
        let (h, _) = header::parse(text);
        let mut analysis = Analysis {
            header: h,
            ..Analysis::default()
        };
        if let Some(h) = &h {
            analysis.annotations.push(header::annotation(h));
        }
        Fixture {
            key: key.to_string(),
            text: text.to_string(),
            analysis,
        }
    }

    /// Adds an annotation on the `nth` occurrence of `needle`.
    pub fn ann(
        mut self,
        needle: &str,
        nth: usize,
        kind: Kind,
        canonical: &str,
        entity: &str,
    ) -> Self {
        let mut a = Annotation::new(span_of(&self.text, needle, nth), kind, canonical);
        a.entity = entity.to_string();
        self.analysis.annotations.push(a);
        self
    }

    /// Changes the annotation added last.
    pub fn with(mut self, f: impl FnOnce(&mut Annotation)) -> Self {
        f(self.analysis.annotations.last_mut().expect("an annotation"));
        self
    }

    pub fn finding(
        mut self,
        needle: &str,
        nth: usize,
        code: &'static str,
        fix: Option<(&str, &str, &str, usize, &str)>,
    ) -> Self {
        let span = span_of(&self.text, needle, nth);
        let fixes = fix
            .map(|(vi, en, target, n, new_text)| Fix {
                title: Message::new(vi, en),
                edits: vec![crate::core::Edit {
                    span: span_of(&self.text, target, n),
                    new_text: new_text.to_string(),
                }],
            })
            .into_iter()
            .collect();
        self.analysis.findings.push(Finding {
            span,
            code,
            severity: Severity::Warning,
            message: Message::new(format!("lỗi {code}"), format!("{code} problem")),
            related: Vec::new(),
            fixes,
        });
        self
    }

    pub fn explanation(mut self, needles: &[(&str, usize)], vi: &str, en: &str, ok: bool) -> Self {
        let spans = needles
            .iter()
            .map(|(n, i)| span_of(&self.text, n, *i))
            .collect();
        self.analysis.explanations.push(Explanation {
            spans,
            text: Message::new(vi, en),
            ok,
        });
        self
    }

    pub fn build(mut self) -> Document {
        self.analysis.annotations.sort_by(|a, b| {
            a.span
                .start
                .cmp(&b.span.start)
                .then(b.span.end.cmp(&a.span.end))
        });
        self.analysis
            .findings
            .sort_by_key(|f| (f.span.start, f.span.end));
        Document::with_analysis(Arc::from(self.key.as_str()), self.text, self.analysis)
    }
}

/// A snapshot of `docs`, indexed like the server does (mention positions in
/// `encoding`).
pub fn snapshot(docs: Vec<Document>, settings: Settings, encoding: Encoding) -> Snapshot {
    let mut corpus = Corpus::new();
    for d in docs {
        corpus.insert_indexed(Indexed::located(d, encoding));
    }
    Snapshot {
        corpus,
        settings: Arc::new(settings),
        encoding,
    }
}

pub fn uri(key: &str) -> Uri {
    key.parse().expect("fixture uri")
}

/// The LSP position of the `nth` occurrence of `needle` (plus `delta` bytes) in `key`.
pub fn pos(snap: &Snapshot, key: &str, needle: &str, nth: usize, delta: usize) -> Position {
    let doc = snap.corpus.get(key).expect("fixture doc");
    snap.position(doc, span_of(&doc.text, needle, nth).start + delta)
}

pub const A: &str = "file:///ws/a.txt";
pub const B: &str = "file:///ws/b.txt";

/// Article A (2023-08): a named person, a back-reference by title, a ratio,
/// a checked fall, a province, a ministry.
pub const TEXT_A: &str = " date 2023-08 Sáng 10/8, Đại tướng Tô Lâm, Ủy viên Bộ Chính trị, Bộ trưởng Bộ Công an, làm việc với Công an tỉnh Lạng Sơn.\n\nSau buổi làm việc, Bộ trưởng Bộ Công an ghi nhận 660.000/660.000 tài khoản định danh đã được kích hoạt.\n\nSố vụ phạm pháp hình sự năm nay là 274 vụ, giảm 83 vụ, tương đương 23,25% so với năm trước.";

/// Article B (2024-02): the same person under another title, a document.
pub const TEXT_B: &str = " date 2024-02 Chiều 5/2, Bộ trưởng Tô Lâm thăm tỉnh Lào Cai và nhắc lại Quy định 90 của Ban Bí thư.\n\nĐồng chí Tô Lâm đề nghị Lạng Sơn và Lào Cai phối hợp chặt chẽ.";

pub fn article_a() -> Fixture {
    Fixture::new(A, TEXT_A)
        .ann("10/8", 0, Kind::Date, "2023-08-10", "")
        .ann("Tô Lâm", 0, Kind::Person, "Tô Lâm", "person:tô lâm")
        .with(|a| {
            a.titles = vec![
                "Đại tướng".into(),
                "Ủy viên Bộ Chính trị".into(),
                "Bộ trưởng Bộ Công an".into(),
            ]
        })
        .ann(
            "Bộ Chính trị",
            0,
            Kind::Organization,
            "Bộ Chính trị",
            "organization:bộ chính trị",
        )
        .ann(
            "Bộ Công an",
            0,
            Kind::Organization,
            "Bộ Công an",
            "organization:bộ công an",
        )
        .ann(
            "Công an tỉnh Lạng Sơn",
            0,
            Kind::Organization,
            "Công an tỉnh Lạng Sơn",
            "organization:công an tỉnh lạng sơn",
        )
        .ann("Lạng Sơn", 0, Kind::Place, "Lạng Sơn", "place:lạng sơn")
        .with(|a| a.attrs = vec![("level".into(), "tỉnh".into())])
        .ann(
            "Bộ trưởng Bộ Công an",
            1,
            Kind::Person,
            "Tô Lâm",
            "person:tô lâm",
        )
        .with(|a| {
            a.inferred = true;
            a.titles = vec!["Bộ trưởng Bộ Công an".into()];
        })
        .ann("660.000/660.000", 0, Kind::Ratio, "660000/660000", "")
        .with(|a| a.attrs = vec![("unit".into(), "tài khoản".into())])
        .ann("274 vụ", 0, Kind::Number, "274", "")
        .with(|a| a.attrs = vec![("unit".into(), "vụ".into())])
        .ann("83 vụ", 0, Kind::Number, "83", "")
        .with(|a| a.attrs = vec![("unit".into(), "vụ".into())])
        .ann("23,25%", 0, Kind::Percent, "23.25", "")
        .explanation(
            &[("274 vụ", 0), ("83 vụ", 0), ("23,25%", 0)],
            "274 + 83 = 357 vụ năm trước; 83 / 357 = 23,25 %",
            "274 + 83 = 357 cases the year before; 83 / 357 = 23.25 %",
            true,
        )
}

pub fn article_b() -> Fixture {
    Fixture::new(B, TEXT_B)
        .ann("5/2", 0, Kind::Date, "2024-02-05", "")
        .ann("Tô Lâm", 0, Kind::Person, "Tô Lâm", "person:tô lâm")
        .with(|a| a.titles = vec!["Bộ trưởng".into()])
        .ann("Lào Cai", 0, Kind::Place, "Lào Cai", "place:lào cai")
        .ann(
            "Quy định 90 của Ban Bí thư",
            0,
            Kind::Document,
            "Quy định 90",
            "document:quy định 90|ban bí thư",
        )
        .with(|a| {
            a.attrs = vec![
                ("type".into(), "Quy định".into()),
                ("number".into(), "90".into()),
                ("issuer".into(), "Ban Bí thư".into()),
            ]
        })
        .ann(
            "Ban Bí thư",
            0,
            Kind::Organization,
            "Ban Bí thư",
            "organization:ban bí thư",
        )
        .ann("Tô Lâm", 1, Kind::Person, "Tô Lâm", "person:tô lâm")
        .with(|a| a.titles = vec!["Đồng chí".into()])
        .ann("Lạng Sơn", 0, Kind::Place, "Lạng Sơn", "place:lạng sơn")
        .ann("Lào Cai", 1, Kind::Place, "Lào Cai", "place:lào cai")
}

/// Both articles, default settings, UTF-16 positions.
pub fn two_articles() -> Snapshot {
    snapshot(
        vec![article_a().build(), article_b().build()],
        Settings::default(),
        Encoding::Utf16,
    )
}

pub const REGISTRY: &str = "file:///ws/entities.json";

/// A registry declaring Tô Lâm (with the ASCII alias "To Lam"), a note and roles.
pub const REGISTRY_JSON: &str = r#"{
  "people": [
    {
      "name": "Tô Lâm",
      "aliases": ["To Lam"],
      "roles": [
        { "title": "Bộ trưởng Bộ Công an", "from": "2016-04", "to": "2024-05" },
        { "title": "Đại tướng", "from": "2019-01" }
      ],
      "note": "Chức vụ theo thông cáo chính thức."
    }
  ]
}"#;

/// Article C (2024-05): the same person spelt without diacritics.
pub const C: &str = "file:///ws/c.txt";
pub const TEXT_C: &str = " date 2024-05 Ong To Lam tiep doan cong tac.";

pub fn article_c() -> Fixture {
    Fixture::new(C, TEXT_C).ann("To Lam", 0, Kind::Person, "To Lam", "person:to lam")
}

/// Articles A, B and C plus the registry.
pub fn with_registry(settings: Settings) -> Snapshot {
    let mut snap = snapshot(
        vec![
            article_a().build(),
            article_b().build(),
            article_c().build(),
        ],
        settings,
        Encoding::Utf16,
    );
    let warnings = snap
        .corpus
        .set_registry(Arc::from(REGISTRY), REGISTRY_JSON.to_string());
    assert!(warnings.is_empty(), "{warnings:?}");
    snap
}

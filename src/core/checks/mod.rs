//! Single-article fact checks. Each check is its own module with its own table
//! of cases; `run` calls them all.
//!
//! Checks read the quantity and date annotations of the article together with
//! the normalised text around them (`Doc`), and stay silent unless the wording
//! leaves no doubt about what is being computed: a false alarm costs more
//! than a missed error.

use crate::core::entities::gazetteer::{Hit, Tok};
use crate::core::numbers::{self, Dec};
use crate::core::text::{contains_word, Prepared};
use crate::core::types::{
    Annotation, Edit, Explanation, Finding, Fix, Header, Kind, Message, Related, Span,
};

mod date_after_publication;
mod invalid_date;
mod part_exceeds_total;
mod percent_change;
mod percent_out_of_range;
mod percent_ratio_mismatch;
mod range_reversed;
mod rank_out_of_range;
mod ratio_over_whole;
mod repeated_word;
mod sum_mismatch;
mod tone_mark_style;

/// What every check sees.
pub struct Context<'a, 't> {
    pub prepared: &'a Prepared<'t>,
    pub header: Option<&'a Header>,
    /// All annotations of the article, sorted by start.
    pub annotations: &'a [Annotation],
    /// The words of `prepared.norm`, with their lowercase tone-folded keys.
    pub words: &'a [Tok<'a>],
    /// Word-list phrases found in `words` (token ranges), by start.
    pub phrases: &'a [Hit],
}

/// Runs every single-article check; explanations are formatted only when
/// asked for.
pub fn run(
    cx: &Context<'_, '_>,
    findings: &mut Vec<Finding>,
    explanations: Option<&mut Vec<Explanation>>,
) {
    let doc = Doc::new(cx);
    let mut out = Out {
        findings,
        explanations,
    };
    percent_change::check(&doc, &mut out);
    percent_ratio_mismatch::check(&doc, &mut out);
    ratio_over_whole::check(&doc, &mut out);
    part_exceeds_total::check(&doc, &mut out);
    sum_mismatch::check(&doc, &mut out);
    rank_out_of_range::check(&doc, &mut out);
    percent_out_of_range::check(&doc, &mut out);
    range_reversed::check(&doc, &mut out);
    invalid_date::check(&doc, &mut out);
    date_after_publication::check(&doc, &mut out);
    repeated_word::check(&doc, &mut out);
    tone_mark_style::check(&doc, &mut out);
}

/// Where checks put their results.
pub(crate) struct Out<'o> {
    pub findings: &'o mut Vec<Finding>,
    /// `None` when the caller wants no explanations.
    pub explanations: Option<&'o mut Vec<Explanation>>,
}

impl Out<'_> {
    /// Whether explanations are wanted (checks that reuse an explanation's
    /// text in a finding format it only then, or when they report).
    pub fn explaining(&self) -> bool {
        self.explanations.is_some()
    }

    /// Records the arithmetic behind a statement; `text` gives the
    /// (Vietnamese, English) lines and runs only when explanations are wanted.
    pub fn explain(&mut self, spans: Vec<Span>, ok: bool, text: impl FnOnce() -> (String, String)) {
        if let Some(explanations) = self.explanations.as_deref_mut() {
            let (vi, en) = text();
            explanations.push(Explanation {
                spans,
                text: Message::new(vi, en),
                ok,
            });
        }
    }
}

/// A quantity or date annotation with its span in the normalised text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Item<'a> {
    pub ann: &'a Annotation,
    pub norm: Span,
    // Read from the annotation once: the checks ask for them over and over.
    value: Option<Dec>,
    measure: Option<Measure<'a>>,
}

impl<'a> Item<'a> {
    fn new(ann: &'a Annotation, norm: Span) -> Self {
        Item {
            ann,
            norm,
            value: numbers::value(ann),
            measure: measure_of(ann),
        }
    }
    pub fn kind(&self) -> Kind {
        self.ann.kind
    }
    pub fn value(&self) -> Option<Dec> {
        self.value
    }
    pub fn unit(&self) -> Option<&'a str> {
        self.ann.attr("unit")
    }
    /// Whether this is a count or an amount (not a percentage, date, ratio ...).
    pub fn is_amount(&self) -> bool {
        matches!(self.ann.kind, Kind::Number | Kind::Money) && self.ann.attr("ordinal").is_none()
    }
    /// The unit's first word, or the currency: what makes two amounts comparable.
    pub fn measure(&self) -> Option<Measure<'a>> {
        self.measure
    }
}

/// [`Item::measure`] of an annotation.
fn measure_of(ann: &Annotation) -> Option<Measure<'_>> {
    if let Some(c) = ann.attr("currency") {
        return Some(Measure::Currency(c));
    }
    // "vụ án" and "vụ" count the same thing; "lượt tập thể" and "lượt cá nhân" do not.
    ann.attr("unit").map(|u| {
        if u.starts_with("lượt ") {
            Measure::Unit(u)
        } else {
            Measure::Unit(u.split([' ', ',']).next().unwrap_or(u))
        }
    })
}

/// What an amount counts: a currency, or a unit's first word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Measure<'a> {
    Currency(&'a str),
    Unit(&'a str),
}

/// The article as the checks see it.
pub(crate) struct Doc<'a> {
    /// Normalised text.
    pub text: &'a str,
    pub prepared: &'a Prepared<'a>,
    pub header: Option<&'a Header>,
    /// Quantity and date annotations from the numbers recogniser, in order.
    pub items: Vec<Item<'a>>,
    /// The words of `text`, in order.
    pub words: &'a [Tok<'a>],
    /// Word-list phrases found in `words` (token ranges), by start.
    pub phrases: &'a [Hit],
    /// All annotations (original offsets), sorted by start.
    pub annotations: &'a [Annotation],
    /// Byte offsets that end a sentence, and those that end a clause (the
    /// sentence ends plus `;`), ascending: checks ask for the sentence
    /// around every number.
    sentence_ends: Vec<usize>,
    clause_ends: Vec<usize>,
}

/// The byte offsets of `text` that end a sentence (`.` `!` `?`, line breaks;
/// a `.` between digits groups thousands) and those that end a clause.
fn ends(text: &str) -> (Vec<usize>, Vec<usize>) {
    let b = text.as_bytes();
    let (mut sentence, mut clause) = (Vec::new(), Vec::new());
    // The candidates, found with SIMD searches (text is mostly letters).
    let mut at: Vec<usize> = memchr::memchr3_iter(b'.', b';', b'\n', b).collect();
    let rare = at.len();
    at.extend(memchr::memchr3_iter(b'!', b'?', b'\r', b));
    if at.len() > rare {
        at.sort_unstable();
    }
    for i in at {
        let ends_sentence = match b[i] {
            b'!' | b'?' | b'\n' | b'\r' => true,
            b';' => false,
            b'.' => {
                let digit_before = i > 0 && b[i - 1].is_ascii_digit();
                let digit_after = b.get(i + 1).is_some_and(u8::is_ascii_digit);
                if digit_before && digit_after {
                    continue;
                }
                true
            }
            _ => continue,
        };
        if ends_sentence {
            sentence.push(i);
        }
        clause.push(i);
    }
    (sentence, clause)
}

impl<'a> Doc<'a> {
    fn new(cx: &'a Context<'a, '_>) -> Self {
        let items = cx
            .annotations
            .iter()
            .filter(|a| {
                a.kind.is_quantity() || (a.kind == Kind::Date && a.attr("precision").is_some())
            })
            .map(|a| {
                let norm = Span::new(
                    cx.prepared.offset_to_norm(a.span.start),
                    cx.prepared.offset_to_norm(a.span.end),
                );
                Item::new(a, norm)
            })
            .collect();
        let (sentence_ends, clause_ends) = ends(&cx.prepared.norm);
        Doc {
            text: &cx.prepared.norm,
            prepared: cx.prepared,
            header: cx.header,
            items,
            words: cx.words,
            phrases: cx.phrases,
            annotations: cx.annotations,
            sentence_ends,
            clause_ends,
        }
    }

    /// Maps a normalised span to the original text.
    pub fn orig(&self, span: Span) -> Span {
        self.prepared.to_original(span)
    }

    /// Whether a name or word-list phrase that starts before word `i` ends
    /// with it ("Bộ Tài chính", "Nam Định", "Trưởng phòng", a person's name).
    pub fn phrase_ends_at(&self, i: usize) -> bool {
        let Some(tok) = self.words.get(i) else {
            return false;
        };
        // Phrases are a few words long and listed by start.
        let from = self.phrases.partition_point(|h| h.start + 8 < i);
        if self.phrases[from..]
            .iter()
            .take_while(|h| h.start < i)
            .any(|h| h.end == i + 1)
        {
            return true;
        }
        let word = self.orig(tok.span);
        self.annotations
            .iter()
            .take_while(|a| a.span.start < word.start)
            .any(|a| a.kind.is_entity() && a.span.end == word.end)
    }

    /// The text of an item as written (normalised).
    pub fn show(&self, item: &Item) -> &'a str {
        &self.text[item.norm.start..item.norm.end]
    }

    /// The sentence (or clause, when `clause`) around `pos`: bounded by `.`
    /// `!` `?` and line breaks, plus `;` for clauses. A `.` between digits
    /// groups thousands and does not end anything.
    pub fn sentence(&self, pos: usize, clause: bool) -> Span {
        let ends = if clause {
            &self.clause_ends
        } else {
            &self.sentence_ends
        };
        let pos = pos.min(self.text.len());
        let next = ends.partition_point(|&e| e < pos);
        let start = if next > 0 { ends[next - 1] + 1 } else { 0 };
        let end = ends.get(next).copied().unwrap_or(self.text.len());
        Span::new(start, end)
    }

    /// Text between the end of `a` and the start of `b` (normalised).
    pub fn between(&self, a: &Item, b: &Item) -> &'a str {
        if a.norm.end <= b.norm.start {
            &self.text[a.norm.end..b.norm.start]
        } else {
            ""
        }
    }

    /// Up to `n` lowercase words before an item, nearest first.
    pub fn words_before(&self, item: &Item, n: usize) -> numbers::PrevWords<'a> {
        numbers::prev_words(self.text, item.norm.start, n)
    }

    pub fn related(&self, item: &Item, vi: &str, en: &str) -> Related {
        Related {
            doc: None,
            span: item.ann.span,
            message: Message::new(vi, en),
        }
    }

    /// The numeric part of a percent annotation (without `%`), in the original text.
    pub fn number_part(&self, item: &Item) -> Span {
        let t = self.show(item);
        let len = t
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
            .map_or(t.len(), |(i, _)| i);
        self.orig(Span::new(item.norm.start, item.norm.start + len))
    }

    /// The quick fix that writes `value` (Vietnamese notation) over a percentage's number.
    pub fn replace_percent(&self, item: &Item, value: String) -> Fix {
        Fix {
            title: Message::new(
                format!("Sửa thành {value} %"),
                format!("Replace with {value} %"),
            ),
            edits: vec![Edit {
                span: self.number_part(item),
                new_text: value,
            }],
        }
    }
}

/// Words before a number that make it a change or a bound, not a part of a
/// whole (`part-exceeds-total`, `percent-ratio-mismatch`).
pub(crate) const NOT_A_PART: &[&str] = &[
    "tăng", "giảm", "thêm", "hơn", "trên", "dưới", "gần", "khoảng", "ngoài",
];

/// Words after a percentage that make it a comparison with a plan or budget
/// ("đạt 112% kế hoạch"), not the statement's own arithmetic.
pub(crate) const COMPARED: &[&str] = &[
    "kế hoạch",
    "dự toán",
    "chỉ tiêu",
    "mục tiêu",
    "nhiệm vụ",
    "cùng kỳ",
    "so với kế hoạch",
];

/// The text right after an item, up to `chars` characters, within its clause.
pub(crate) fn text_after<'a>(doc: &Doc<'a>, item: &Item, chars: usize) -> &'a str {
    let clause = doc.sentence(item.norm.start, true);
    let rest = &doc.text[item.norm.end.min(clause.end)..clause.end];
    let end = rest
        .char_indices()
        .nth(chars)
        .map_or(rest.len(), |(i, _)| i);
    &rest[..end]
}

/// Whether `before` (the text from a list's start up to an item) leaves a
/// bracket open: the item is a breakdown inside the one before it ("80 ha
/// đất lúa (gồm 60 ha lúa hai vụ)").
pub(crate) fn in_brackets(before: &str) -> bool {
    before.matches('(').count() > before.matches(')').count()
}

/// Lowercased text contains any of the phrases.
pub(crate) fn mentions(text: &str, phrases: &[&str]) -> bool {
    let lower = crate::core::text::lowercase(text);
    phrases.iter().any(|p| contains_word(&lower, p))
}

/// How amounts of one statement are shown: in the largest multiplier every
/// one of them was written with ("250 tỷ", not "250.000.000.000").
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scale {
    pow: u32,
}

impl Scale {
    pub fn of(items: &[&Item]) -> Scale {
        let pow = items
            .iter()
            .map(|i| {
                i.ann
                    .attr("multiplier")
                    .and_then(|m| m.strip_prefix("1e"))
                    .and_then(|k| k.parse::<u32>().ok())
                    .unwrap_or(0)
            })
            .min()
            .unwrap_or(0);
        Scale { pow }
    }
    fn words(self) -> (&'static str, &'static str) {
        match self.pow {
            12 => (" nghìn tỷ", " trillion"),
            9 => (" tỷ", " billion"),
            6 => (" triệu", " million"),
            3 => (" nghìn", " thousand"),
            _ => ("", ""),
        }
    }
    pub fn vi(self, d: Dec) -> String {
        format!("{}{}", d.unshift(self.pow).vi_auto(), self.words().0)
    }
    pub fn en(self, d: Dec) -> String {
        format!("{}{}", d.unshift(self.pow).en_auto(), self.words().1)
    }
}

/// Vietnamese and English renderings of an exact value.
pub(crate) fn vi(d: Dec) -> String {
    d.vi_auto()
}
pub(crate) fn en(d: Dec) -> String {
    d.en_auto()
}

#[cfg(test)]
pub(crate) mod testing {
    use crate::core::{analyze, Finding};

    /// Analyses `body` under a `date 2024-03` header.
    pub fn analyse(body: &str) -> (String, Vec<Finding>) {
        let text = format!("date 2024-03 {body}");
        let findings = analyze(&text).findings;
        (text, findings)
    }

    /// The texts of the findings with `code` in `body`.
    pub fn flagged(body: &str, code: &str) -> Vec<String> {
        let (text, findings) = analyse(body);
        findings
            .iter()
            .filter(|f| f.code == code)
            .map(|f| f.span.text(&text).to_string())
            .collect()
    }

    /// Asserts every true case is flagged on the given text and every
    /// look-alike consistent case is silent.
    pub fn table(code: &str, true_cases: &[(&str, &str)], consistent: &[&str]) {
        for (body, on) in true_cases {
            assert_eq!(
                flagged(body, code),
                vec![on.to_string()],
                "{code} should flag {on:?} in {body:?}"
            );
        }
        for body in consistent {
            assert!(
                flagged(body, code).is_empty(),
                "{code} should stay silent on {body:?}"
            );
        }
    }
}

#[cfg(test)]
mod timing {
    #[test]
    fn a_twenty_kilobyte_article_is_analysed_quickly() {
        let para = "Năm 2023, toàn tỉnh xảy ra 274 vụ phạm tội, giảm 83 vụ, tương đương giảm 23,25% so với năm 2022. Tỉnh đã cấp 660.000/660.000 trường hợp, đạt 100%, xếp thứ 7/63 tỉnh thành; khen thưởng 45 tập thể và 78 tập thể, tổng cộng 123 tập thể. Sáng 10/8, Tỉnh ủy và Ủy ban làm việc về văn hóa, từ từ ổn định; giai đoạn 2021-2025 dành 1.500 tỷ đồng.\n\n";
        let text = format!("date 2024-01 {}", para.repeat(20_000 / para.len() + 1));
        let prepared = crate::core::text::Prepared::new(&text);
        let header = crate::core::header::parse(&text).0;
        // Warm up the word lists.
        let _ = crate::core::analyze(&text);
        // The machine is shared: take the fastest of several rounds.
        let mut each = std::time::Duration::MAX;
        for _ in 0..10 {
            let start = std::time::Instant::now();
            let annotations = crate::core::numbers::recognize(&prepared, header.as_ref());
            let words = crate::core::entities::gazetteer::Doc::new(&prepared.norm);
            let cx = super::Context {
                prepared: &prepared,
                header: header.as_ref(),
                annotations: &annotations,
                words: &words.toks,
                phrases: &words.hits,
            };
            let (mut f, mut e) = (Vec::new(), Vec::new());
            super::run(&cx, &mut f, Some(&mut e));
            assert!(e.len() > 100);
            each = each.min(start.elapsed());
        }
        println!("numbers + checks on {} bytes: {each:?}", text.len());
        // Test builds are barely optimised and the machine is shared: a loose bound.
        assert!(each.as_millis() < 50, "took {each:?}");
    }
}

#[cfg(test)]
mod decomposed_text {
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn nfd_and_crlf_articles_get_the_same_findings_on_the_same_words() {
        let nfc = "date 2024-03 Toàn tỉnh có 274 vụ, giảm 83 vụ, tương đương giảm 25%.\r\n\r\nLực lượng đã đã phục vụ. Tỉnh ủy và Uỷ ban, Ủy ban.";
        let nfd: String = nfc.nfd().collect();
        let a = crate::core::analyze(nfc);
        let b = crate::core::analyze(&nfd);
        let show = |text: &str, fs: &[crate::core::Finding]| -> Vec<(String, String)> {
            fs.iter()
                .map(|f| {
                    (
                        f.code.to_string(),
                        f.span.text(text).nfc().collect::<String>(),
                    )
                })
                .collect()
        };
        assert_eq!(show(nfc, &a.findings), show(&nfd, &b.findings));
        assert_eq!(a.findings.len(), 3);
        // Fix edits land on whole characters of the decomposed text.
        for f in &b.findings {
            for fix in &f.fixes {
                for e in &fix.edits {
                    assert!(nfd.is_char_boundary(e.span.start) && nfd.is_char_boundary(e.span.end));
                }
            }
        }
        let pc = b
            .findings
            .iter()
            .find(|f| f.code == "percent-change")
            .unwrap();
        assert_eq!(pc.fixes[0].edits[0].span.text(&nfd), "25");
    }
}

#[cfg(test)]
mod sentences {
    /// The definition `Doc::sentence` implements with precomputed ends.
    fn scanned(text: &str, pos: usize, clause: bool) -> (usize, usize) {
        let b = text.as_bytes();
        let is_end = |i: usize| match b[i] {
            b'!' | b'?' | b'\n' | b'\r' => true,
            b';' => clause,
            b'.' => {
                !(i > 0
                    && b[i - 1].is_ascii_digit()
                    && b.get(i + 1).is_some_and(u8::is_ascii_digit))
            }
            _ => false,
        };
        let mut start = pos.min(b.len());
        while start > 0 && !is_end(start - 1) {
            start -= 1;
        }
        let mut end = pos.min(b.len());
        while end < b.len() && !is_end(end) {
            end += 1;
        }
        (start, end)
    }

    #[test]
    fn precomputed_bounds_match_the_scan() {
        let text = "date 2024-03 Có 1.199 vụ; giảm 5.\nTăng 2,5%! Vì sao? Hết.5 và .";
        let prepared = crate::core::text::Prepared::new(text);
        let cx = super::Context {
            prepared: &prepared,
            header: None,
            annotations: &[],
            words: &[],
            phrases: &[],
        };
        let doc = super::Doc::new(&cx);
        for pos in 0..=text.len() + 2 {
            for clause in [false, true] {
                let s = doc.sentence(pos, clause);
                assert_eq!(
                    (s.start, s.end),
                    scanned(text, pos, clause),
                    "{pos} {clause}"
                );
            }
        }
    }
}

//! The first line of a seed file: optional spaces, `date YYYY-MM`, then the
//! first paragraph on the same line.

use crate::core::types::{Annotation, Finding, Header, Kind, Message, Severity, Span};

pub const CODE: &str = "header";

/// Whether `text` starts like a seed file (used by file detection; a malformed
/// date still counts, so the user sees the `header` diagnostic).
pub fn looks_like_seed(text: &str) -> bool {
    let rest = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = rest.trim_start_matches([' ', '\t']);
    rest.starts_with("date ") || rest.starts_with("date\t")
}

/// Parses the header. Returns the header when it is valid, and a finding when
/// it is missing or malformed.
pub fn parse(text: &str) -> (Option<Header>, Option<Finding>) {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let line_end = text[bom..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| i + bom);
    let line = &text[bom..line_end];
    let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
    let start = bom + indent;
    let rest = &text[start..line_end];

    let Some(after) = rest.strip_prefix("date") else {
        let word_end = rest
            .find(char::is_whitespace)
            .map_or(line_end, |i| start + i);
        let span = Span::new(start, word_end.max(start));
        return (None, Some(missing(span)));
    };
    let gap = after.len() - after.trim_start_matches([' ', '\t']).len();
    let value_start = start + 4 + gap;
    let value = &text[value_start..line_end];
    let value_end = value_start + value.find(char::is_whitespace).unwrap_or(value.len());
    let token = &text[value_start..value_end];
    let span = Span::new(start, value_end);
    if gap == 0 && !after.is_empty() {
        return (None, Some(malformed(Span::new(start, value_end), token)));
    }
    match parse_year_month(token) {
        Some((year, month)) => (Some(Header { year, month, span }), None),
        None => {
            let at = if token.is_empty() {
                span
            } else {
                Span::new(value_start, value_end)
            };
            (None, Some(malformed(at, token)))
        }
    }
}

/// `YYYY-MM` with a four-digit year and a month 01–12.
fn parse_year_month(token: &str) -> Option<(i32, u32)> {
    let (y, m) = token.split_once('-')?;
    if y.len() != 4 || m.len() != 2 || !y.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !m.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i32 = y.parse().ok()?;
    let month: u32 = m.parse().ok()?;
    ((1..=12).contains(&month) && year >= 1800).then_some((year, month))
}

/// The header's own date annotation.
pub fn annotation(header: &Header) -> Annotation {
    Annotation::new(
        header.span,
        Kind::Date,
        format!("{:04}-{:02}", header.year, header.month),
    )
}

fn missing(span: Span) -> Finding {
    Finding {
        span,
        code: CODE,
        severity: Severity::Error,
        message: Message::new(
            "Thiếu dòng ngày đăng: dòng đầu phải bắt đầu bằng `date YYYY-MM` (ví dụ `date 2023-08`).",
            "Missing publication header: the first line must start with `date YYYY-MM` (e.g. `date 2023-08`).",
        ),
        related: Vec::new(),
        fixes: Vec::new(),
    }
}

fn malformed(span: Span, token: &str) -> Finding {
    let shown = if token.is_empty() { "(trống)" } else { token };
    let shown_en = if token.is_empty() { "(empty)" } else { token };
    Finding {
        span,
        code: CODE,
        severity: Severity::Error,
        message: Message::new(
            format!("Ngày đăng không hợp lệ `{shown}`: cần dạng `YYYY-MM` với tháng từ 01 đến 12."),
            format!("Invalid publication date `{shown_en}`: expected `YYYY-MM` with a month from 01 to 12."),
        ),
        related: Vec::new(),
        fixes: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> String {
        match parse(text) {
            (Some(h), None) => format!("ok {}-{:02} {:?}", h.year, h.month, h.span.text(text)),
            (None, Some(f)) => format!("{} {:?}", f.code, f.span.text(text)),
            other => panic!("inconsistent result {other:?}"),
        }
    }

    #[test]
    fn cases() {
        let cases = [
            (
                " date 2023-08 TPO - Sáng 10/8",
                "ok 2023-08 \"date 2023-08\"",
            ),
            ("date 2024-02 Tại Hội nghị", "ok 2024-02 \"date 2024-02\""),
            (
                "\u{feff} date 2024-03 (Ngày Nay)",
                "ok 2024-03 \"date 2024-03\"",
            ),
            (
                "   date 2024-03\r\n\r\nĐoạn hai",
                "ok 2024-03 \"date 2024-03\"",
            ),
            (" date 2024-13 Sai tháng", "header \"2024-13\""),
            (" date 24-03 Năm hai chữ số", "header \"24-03\""),
            (" date 2024-3 Thiếu số 0", "header \"2024-3\""),
            (" date 2024-00 Tháng không", "header \"2024-00\""),
            (" date", "header \"date\""),
            ("Sáng 10/8, không có dòng ngày", "header \"Sáng\""),
            ("", "header \"\""),
            (" dated 2024-03 x", "header \"dated\""),
        ];
        for (text, want) in cases {
            assert_eq!(check(text), want, "for {text:?}");
        }
    }

    #[test]
    fn detection() {
        assert!(looks_like_seed(" date 2023-08 x"));
        assert!(looks_like_seed("date 2024-13 x"));
        assert!(!looks_like_seed("Ghi chú của biên tập"));
    }
}

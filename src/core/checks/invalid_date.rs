//! `invalid-date`: a day/month (or day/month/year) that does not exist.

use super::{Doc, Out};
use crate::core::numbers::days_in_month;
use crate::core::types::{Finding, Kind, Message, Severity};

pub const CODE: &str = "invalid-date";

pub fn check(doc: &Doc, out: &mut Out) {
    for d in &doc.items {
        if d.kind() != Kind::Date || d.ann.attr("precision") != Some("day") {
            continue;
        }
        let Some((day, month)) = crate::core::numbers::day_and_month(d.ann) else {
            continue;
        };
        let year: Option<i32> = d.ann.canonical.get(..4).and_then(|y| y.parse().ok());
        let inferred = d.ann.attr("year_inferred").is_some();
        let invalid = d.ann.attr("invalid").is_some();
        let year_note_vi = match (year, inferred) {
            (Some(y), true) => format!(" (năm {y} suy từ ngày đăng)"),
            _ => String::new(),
        };
        let year_note_en = match (year, inferred) {
            (Some(y), true) => format!(" (year {y} taken from the publication date)"),
            _ => String::new(),
        };
        let shown = doc.show(d);
        out.explain(vec![d.ann.span], !invalid, || {
            (
                format!(
                    "{shown} → {}{year_note_vi} {}",
                    d.ann.canonical,
                    if invalid { "✗" } else { "✓" }
                ),
                format!(
                    "{shown} → {}{year_note_en} {}",
                    d.ann.canonical,
                    if invalid { "✗" } else { "✓" }
                ),
            )
        });
        if !invalid {
            continue;
        }
        let (vi_m, en_m) = if d.ann.attr("calendar").is_some() {
            (
                format!("Ngày không tồn tại: {shown} âm lịch — tháng âm lịch có nhiều nhất 30 ngày."),
                format!("Impossible date: {shown} of the lunar calendar — a lunar month has at most 30 days."),
            )
        } else if !(1..=12).contains(&month) {
            (
                format!("Ngày không tồn tại: {shown} — không có tháng {month}."),
                format!("Impossible date: {shown} — there is no month {month}."),
            )
        } else {
            let y = year.unwrap_or(2001);
            let n = days_in_month(month, y);
            let year_vi = year.map(|y| format!(" năm {y}")).unwrap_or_default();
            let year_en = year.map(|y| format!(" {y}")).unwrap_or_default();
            (
                format!("Ngày không tồn tại: {shown} — tháng {month}{year_vi} chỉ có {n} ngày{year_note_vi}."),
                format!("Impossible date: {shown} — month {month}{year_en} has only {n} days{year_note_en} (day {day})."),
            )
        };
        out.findings.push(Finding {
            span: d.ann.span,
            code: CODE,
            severity: Severity::Error,
            message: Message::new(vi_m, en_m),
            related: Vec::new(),
            fixes: Vec::new(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::table;
    use super::CODE;

    #[test]
    fn cases() {
        // Bodies are analysed under `date 2024-03`.
        table(
            CODE,
            &[
                ("Ngày 30/2, đoàn công tác làm việc tại tỉnh.", "30/2"),
                ("Sáng 31/4, hội nghị khai mạc.", "31/4"),
                ("Hồ sơ được nộp ngày 29/2/2023 tại trụ sở.", "29/2/2023"),
                ("Chiều 31/11, lực lượng chức năng kiểm tra.", "31/11"),
                ("Tối 12/13, đã xảy ra vụ cháy.", "12/13"),
                // "năm nay" after a day/month names its year; it is no unit.
                ("Ngày 31/4 năm nay, hội nghị khai mạc.", "31/4"),
                // A lunar month has 29 or 30 days.
                ("Lễ hội diễn ra ngày 31/2 âm lịch.", "31/2"),
            ],
            &[
                "Ngày 29/2, đoàn công tác làm việc tại tỉnh.",
                "Sáng 30/4, hội nghị khai mạc.",
                "Hồ sơ được nộp ngày 29/2/2024 tại trụ sở.",
                "Chiều 30/11, lực lượng chức năng kiểm tra.",
                "Lực lượng trực 24/7 trong dịp lễ.",
                "Đạt 31/40 chỉ tiêu.",
                "Hội nghị đã thông qua 14/20 nội dung.",
                "Hội đồng thông qua 14/20 đề án.",
                "Theo Nghị quyết số 31/2024, tỉnh hỗ trợ kinh phí.",
                "Lễ hội diễn ra ngày 30/2 âm lịch.",
                "Rằm tháng Giêng, ngày 15/1 (âm lịch), nhân dân đi lễ.",
            ],
        );
    }
}

//! `percent-out-of-range`: a rate or share above 100 % ("tỷ lệ ... đạt 105%",
//! "chiếm 120%"), or a fall of more than 100 % ("giảm 130%").

use super::{en, mentions, vi, Doc, Out};
use crate::core::numbers::Dec;
use crate::core::types::{Finding, Kind, Message, Severity};

pub const CODE: &str = "percent-out-of-range";

/// Verbs that state a rate's level (after "tỷ lệ").
const LEVEL: &[&str] = &["đạt", "là", "mức", "bằng", "chiếm"];
/// Words after the percentage that make it a comparison, which may exceed 100 %.
const COMPARED: &[&str] = &[
    "kế hoạch",
    "so với",
    "chỉ tiêu",
    "cùng kỳ",
    "dự toán",
    "mục tiêu",
    "nhiệm vụ",
];

/// Rates that can pass 100 %: a hospital's bed occupancy ("công suất sử
/// dụng giường bệnh đạt 125%"), a gross enrolment rate ("tỷ lệ huy động trẻ
/// ra lớp đạt 100,2%": children from outside the area count too).
const MAY_PASS_FULL: &[&str] = &["công suất", "giường bệnh", "huy động"];

/// Words that say an amount crossed zero, so its fall passes 100 % ("lãi 20
/// tỷ đồng chuyển sang lỗ 7 tỷ đồng, giảm 135%").
const CROSSED_ZERO: &[&str] = &["lỗ", "âm"];

pub fn check(doc: &Doc, out: &mut Out) {
    let hundred = Dec::int(100);
    for z in &doc.items {
        if z.kind() != Kind::Percent {
            continue;
        }
        let Some(v) = z.value() else { continue };
        // At most 100 %: nothing to report, only to explain when asked.
        if v <= hundred && !out.explaining() {
            continue;
        }
        let words = doc.words_before(z, 3);
        let w0 = words.first().map(AsRef::as_ref).unwrap_or("");
        let clause = doc.sentence(z.norm.start, true);
        let before = &doc.text[clause.start..z.norm.start];
        let after_end = (z.norm.end + 30).min(clause.end).max(z.norm.end);
        let mut ae = after_end;
        while !doc.text.is_char_boundary(ae) {
            ae -= 1;
        }
        let after = &doc.text[z.norm.end..ae];
        let fall = words.iter().take(2).any(|w| w == "giảm") && !mentions(before, CROSSED_ZERO);
        let share = w0 == "chiếm";
        let rate = mentions(before, &["tỷ lệ", "tỉ lệ"])
            && LEVEL.contains(&w0)
            && !mentions(before, &["tăng", "so với", "kế hoạch", "vượt"])
            && !mentions(before, MAY_PASS_FULL)
            && !mentions(after, COMPARED);
        if !(fall || share || rate) {
            continue;
        }
        let ok = v <= hundred;
        let (what_vi, what_en) = if fall {
            ("mức giảm", "a fall")
        } else if share {
            ("tỷ trọng", "a share")
        } else {
            ("tỷ lệ", "a rate")
        };
        let rel = if ok { "≤" } else { ">" };
        let mark = if ok { "✓" } else { "✗" };
        out.explain(vec![z.ann.span], ok, || {
            (
                format!("{what_vi}: {} % {rel} 100 % {mark}", vi(v)),
                format!("{what_en}: {} % {rel} 100 % {mark}", en(v)),
            )
        });
        if ok {
            continue;
        }
        out.findings.push(Finding {
            span: z.ann.span,
            code: CODE,
            severity: Severity::Warning,
            message: Message::new(
                format!(
                    "{} không thể vượt 100 %: bài viết ghi {} %.",
                    capitalise(what_vi),
                    vi(v)
                ),
                format!(
                    "{} cannot exceed 100 %: the article says {} %.",
                    capitalise(what_en),
                    en(v)
                ),
            ),
            related: Vec::new(),
            fixes: Vec::new(),
        });
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::table;
    use super::CODE;

    #[test]
    fn cases() {
        table(
            CODE,
            &[
                ("Tỷ lệ khám phá án đạt 107,5%.", "107,5%"),
                ("Số vụ cháy giảm 120% so với năm trước.", "120%"),
                ("Nông nghiệp chiếm 135% cơ cấu kinh tế.", "135%"),
                ("Tỉ lệ hộ dân dùng nước sạch là 101%.", "101%"),
                ("Tai nạn giao thông tương đương giảm 100,5%.", "100,5%"),
            ],
            &[
                "Tỷ lệ khám phá án đạt 97,72%, án nghiêm trọng đạt 100%.",
                "Số vụ cháy giảm 20% so với năm trước.",
                "Thu ngân sách đạt 120% kế hoạch năm.",
                "Tỷ lệ giải quyết hồ sơ đạt 105% chỉ tiêu được giao.",
                "Vốn đầu tư tăng 150% so với cùng kỳ.",
                "Tỷ lệ tiêm chủng đạt 100%.",
                "Công suất sử dụng giường bệnh của bệnh viện đạt 125%, tỷ lệ lấp đầy cao.",
                "Tỷ lệ sử dụng giường bệnh đạt 118%.",
                "Tỷ lệ huy động trẻ 5 tuổi ra lớp đạt 100,2%.",
                "Lợi nhuận từ lãi 20 tỷ đồng chuyển sang lỗ 7 tỷ đồng, giảm 135% so với cùng kỳ.",
                "Cán cân thương mại chuyển sang âm, giảm 140%.",
            ],
        );
    }
}

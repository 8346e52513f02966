//! `percent-ratio-mismatch`: "A/B [unit], đạt Z%" where Z is not A / B.

use super::{en, mentions, vi, Doc, Out};
use crate::core::numbers::{self, Ratio};
use crate::core::types::{Edit, Finding, Fix, Kind, Message, Severity};

pub const CODE: &str = "percent-ratio-mismatch";

/// Words that introduce the ratio's own percentage.
const LINKS: &[&str] = &["đạt", "bằng", "tương đương", "tương ứng", "chiếm", "("];
/// Words that make the percentage about something else.
const OTHER: &[&str] = &[
    "tăng",
    "giảm",
    "so với",
    "vượt",
    "hơn",
    "còn lại",
    "trong đó",
];

pub fn check(doc: &Doc, out: &mut Out) {
    for (k, r) in doc.items.iter().enumerate() {
        if r.kind() != Kind::Ratio {
            continue;
        }
        let Some(z) = doc.items.get(k + 1) else {
            continue;
        };
        if z.kind() != Kind::Percent {
            continue;
        }
        let gap = doc.between(r, z);
        let clause = doc.sentence(r.norm.start, true);
        if z.norm.start > clause.end || gap.len() > 50 {
            continue;
        }
        if !LINKS.iter().any(|l| mentions(gap, &[l])) || mentions(gap, OTHER) {
            continue;
        }
        let (Some((a, b)), Some(zv)) = (numbers::pair(r.ann), z.value()) else {
            continue;
        };
        let Some(q) = Ratio::div(a, b).map(|q| q.times(100)) else {
            continue;
        };
        let ok = q.matches_written(zv);
        let d = zv.decimals();
        let expected = q.round(d);
        let shown = q.round(2.max(d));
        let mark = if ok { "✓" } else { "✗" };
        out.explain(
            vec![r.ann.span, z.ann.span],
            format!("{} / {} = {} % {mark}", vi(a), vi(b), shown.vi(2.max(d))),
            format!("{} / {} = {} % {mark}", en(a), en(b), shown.en(2.max(d))),
            ok,
        );
        if ok {
            continue;
        }
        out.findings.push(Finding {
            span: z.ann.span,
            code: CODE,
            severity: Severity::Warning,
            message: Message::new(
                format!(
                    "Tỷ lệ không khớp: {} / {} = {} %, bài viết ghi {} %.",
                    vi(a),
                    vi(b),
                    expected.vi(d),
                    vi(zv)
                ),
                format!(
                    "Percentage does not match: {} / {} = {} %, the article says {} %.",
                    en(a),
                    en(b),
                    expected.en(d),
                    en(zv)
                ),
            ),
            related: vec![doc.related(r, "tỷ số", "the ratio")],
            fixes: vec![Fix {
                title: Message::new(
                    format!("Sửa thành {} %", expected.vi(d)),
                    format!("Replace with {} %", expected.vi(d)),
                ),
                edits: vec![Edit {
                    span: doc.number_part(z),
                    new_text: expected.vi(d),
                }],
            }],
        });
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
                ("Xã đã giải quyết 45/50 hồ sơ, đạt 95%.", "95%"),
                ("Huyện hoàn thành 17/20 chỉ tiêu, đạt 80%.", "80%"),
                ("Cấp 1.200/1.500 thẻ căn cước (đạt 75%).", "75%"),
                ("Tỉnh đã kích hoạt 2/3 tài khoản, đạt 66,5%.", "66,5%"),
                ("Thu nhận 340.000/340.000 hồ sơ, đạt 99%.", "99%"),
            ],
            &[
                "Xã đã giải quyết 45/50 hồ sơ, đạt 90%.",
                "Huyện hoàn thành 17/20 chỉ tiêu, đạt 85%.",
                // 2/3 = 66,666…: 66,67 (rounded) and 66,66 (truncated) are both fine.
                "Tỉnh đã kích hoạt 2/3 tài khoản, đạt 66,67%.",
                "Tỉnh đã kích hoạt 2/3 tài khoản, đạt 66,66%.",
                "Thu nhận 340.000/340.000 hồ sơ, đạt 100%.",
                // The percentage is a change, not the ratio.
                "Xã đã giải quyết 45/50 hồ sơ, tăng 12% so với năm trước.",
                "Cấp 660.000/660.000 trường hợp; 80% chỉ tiêu đạt kế hoạch.",
            ],
        );
    }
}

//! `percent-ratio-mismatch`: "A/B [unit], đạt Z%" where Z is not A / B.

use super::{mentions, text_after, Doc, Out, Scale, COMPARED};
use crate::core::numbers::{self, Ratio};
use crate::core::types::{Finding, Kind, Message, Severity};

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
        if z.norm.start > clause.end || gap.chars().count() > 60 {
            continue;
        }
        if !mentions(gap, LINKS) || mentions(gap, OTHER) {
            continue;
        }
        // Only counts out of a target ("45/50 hồ sơ", "đạt 3/4"), never an
        // unlabelled A/B that might be a date; and not "đạt 95% kế hoạch".
        let counted = (r.unit().is_some() || r.ann.attr("currency").is_some())
            || doc
                .words_before(r, 1)
                .first()
                .is_some_and(|w| super::ratio_over_whole::ACHIEVED.contains(&w.as_ref()));
        if !counted || mentions(text_after(doc, z, 20), COMPARED) {
            continue;
        }
        let (Some((a, b)), Some(zv)) = (numbers::pair(r.ann), z.value()) else {
            continue;
        };
        let Some(q) = Ratio::div(a, b).map(|q| q.times(100)) else {
            continue;
        };
        let scale = Scale::of(&[r]);
        let vi = |d: crate::core::numbers::Dec| scale.vi(d);
        let en = |d: crate::core::numbers::Dec| scale.en(d);
        let ok = q.matches_written(zv);
        let d = zv.decimals();
        let expected = q.round(d);
        let shown = q.round(2.max(d));
        let mark = if ok { "✓" } else { "✗" };
        out.explain(vec![r.ann.span, z.ann.span], ok, || {
            (
                format!("{} / {} = {} % {mark}", vi(a), vi(b), shown.vi(2.max(d))),
                format!("{} / {} = {} % {mark}", en(a), en(b), shown.en(2.max(d))),
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
            fixes: vec![doc.replace_percent(z, expected.vi(d))],
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
                // A date that reads like a ratio, and a comparison with the plan.
                "Lũy kế đến hết 30/9, đạt 80% kế hoạch năm.",
                "Tính đến 15/10, đạt 95%.",
                "Hoàn thành 8/10 chỉ tiêu, đạt 120% kế hoạch năm.",
            ],
        );
    }
}

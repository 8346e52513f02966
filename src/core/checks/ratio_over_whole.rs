//! `ratio-over-whole`: an achieved/target count "A/B [unit]" with A > B.

use super::{Doc, Out, Scale};
use crate::core::numbers;
use crate::core::types::{Finding, Kind, Message, Severity};

pub const CODE: &str = "ratio-over-whole";

/// Verbs that make "A/B" an achieved count out of a target even without a unit.
pub(crate) const ACHIEVED: &[&str] = &["đạt", "thành", "hiện", "quyết", "lý", "cấp", "được"];

/// Whether the percentage right after `doc.items[k]` states the ratio as more
/// than 100 % ("3.150/3.000 đảng viên, đạt 105% kế hoạch"): a target
/// exceeded on purpose, not a part larger than its whole.
fn stated_over_target(doc: &Doc, k: usize, a: numbers::Dec, b: numbers::Dec) -> bool {
    let r = &doc.items[k];
    let Some(z) = doc.items.get(k + 1).filter(|z| z.kind() == Kind::Percent) else {
        return false;
    };
    let clause = doc.sentence(r.norm.start, true);
    if z.norm.start > clause.end || doc.between(r, z).chars().count() > 40 {
        return false;
    }
    // "đạt 105%", "bằng 105%", "(105%)"; not a change ("tăng 120%").
    let verb = doc.words_before(z, 1);
    let verb = verb.first().map(AsRef::as_ref).unwrap_or("");
    if matches!(verb, "tăng" | "giảm") {
        return false;
    }
    let Some(zv) = z.value() else {
        return false;
    };
    // "1.150/1.000 chỉ tiêu, vượt 15%": by how much the target was passed
    // (also written as the level reached: "vượt 115%").
    let passed_by = verb == "vượt"
        && a > b
        && numbers::Ratio::div(a - b, b).is_some_and(|r| r.times(100).matches_written(zv));
    let Some(ratio) = numbers::Ratio::div(a, b) else {
        return false;
    };
    passed_by || (zv > numbers::Dec::int(100) && ratio.times(100).matches_written(zv))
}

pub fn check(doc: &Doc, out: &mut Out) {
    for (k, r) in doc.items.iter().enumerate() {
        if r.kind() != Kind::Ratio {
            continue;
        }
        let before = doc.words_before(r, 1);
        let counted = (r.unit().is_some() || r.ann.attr("currency").is_some())
            || before
                .first()
                .is_some_and(|w| ACHIEVED.contains(&w.as_ref()));
        if !counted {
            continue;
        }
        let Some((a, b)) = numbers::pair(r.ann) else {
            continue;
        };
        let scale = Scale::of(&[r]);
        let vi = |d: crate::core::numbers::Dec| scale.vi(d);
        let en = |d: crate::core::numbers::Dec| scale.en(d);
        let ok = a <= b || stated_over_target(doc, k, a, b);
        let unit = r.unit().map(|u| format!(" {u}")).unwrap_or_default();
        let (rel_vi, rel_en) = if ok { ("≤", "≤") } else { (">", ">") };
        out.explain(vec![r.ann.span], ok, || {
            (
                format!(
                    "{} {rel_vi} {}{unit} {}",
                    vi(a),
                    vi(b),
                    if ok { "✓" } else { "✗" }
                ),
                format!(
                    "{} {rel_en} {}{unit} {}",
                    en(a),
                    en(b),
                    if ok { "✓" } else { "✗" }
                ),
            )
        });
        if ok {
            continue;
        }
        out.findings.push(Finding {
            span: r.ann.span,
            code: CODE,
            severity: Severity::Warning,
            message: Message::new(
                format!("Số đạt được lớn hơn tổng: {} > {}{unit}.", vi(a), vi(b)),
                format!(
                    "Achieved count exceeds the whole: {} > {}{unit}.",
                    en(a),
                    en(b)
                ),
            ),
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
        table(
            CODE,
            &[
                ("Xã đã giải quyết 52/50 hồ sơ trong tháng.", "52/50"),
                ("Tỉnh hoàn thành 21/20 chỉ tiêu đề ra.", "21/20"),
                (
                    "Cấp căn cước cho 660.001/660.000 trường hợp.",
                    "660.001/660.000",
                ),
                ("Kết quả đạt 12/10 trong đợt kiểm tra.", "12/10"),
                // A change, not the ratio.
                ("Có 12/10 trường đạt chuẩn, tăng 120%.", "12/10"),
                // The percentage does not state the ratio.
                (
                    "Toàn tỉnh kết nạp 3.150/3.000 đảng viên, đạt 110% kế hoạch.",
                    "3.150/3.000",
                ),
                (
                    "Đã kích hoạt 3.500/3.400 tài khoản định danh.",
                    "3.500/3.400",
                ),
                // By how much, but not by this much.
                (
                    "Các trường đã tuyển 1.150/1.000 chỉ tiêu, vượt 20%.",
                    "1.150/1.000",
                ),
            ],
            &[
                "Xã đã giải quyết 50/50 hồ sơ trong tháng.",
                "Tỉnh hoàn thành 20/21 chỉ tiêu đề ra.",
                "Cấp căn cước cho 660.000/660.000 trường hợp.",
                "Lực lượng trực 24/7 trong dịp lễ.",
                "Tỷ số trận đấu là 3/1 nghiêng về đội chủ nhà.",
                "Xếp thứ 7/63 tỉnh thành.",
                // A target exceeded, and said so.
                "Toàn tỉnh kết nạp 3.150/3.000 đảng viên, đạt 105% kế hoạch.",
                "Các trường đã tuyển 1.150/1.000 chỉ tiêu, vượt 15%.",
                "Toàn tỉnh tuyển 1.250/1.000 học sinh, vượt 125%.",
                "Thu ngân sách đạt 8.500/8.000 tỷ đồng, vượt 6,25% dự toán.",
            ],
        );
    }
}

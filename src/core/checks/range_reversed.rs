//! `range-reversed`: a range whose low end is above its high end.

use super::{Doc, Out, Scale};
use crate::core::numbers::{self, Dec};
use crate::core::types::{Finding, Kind, Message, Severity};

pub const CODE: &str = "range-reversed";

pub fn check(doc: &Doc, out: &mut Out) {
    for r in &doc.items {
        if r.kind() != Kind::Range {
            continue;
        }
        // Clock times wrap around midnight ("từ 22 giờ đến 5 giờ").
        if matches!(r.unit(), Some("giờ" | "phút")) {
            continue;
        }
        let Some((lo, hi)) = numbers::pair(r.ann) else {
            continue;
        };
        let ok = lo <= hi;
        // Years are written without grouping dots.
        let years = r.ann.attr("years").is_some();
        let scale = Scale::of(&[r]);
        let vi = |d: Dec| if years { d.plain() } else { scale.vi(d) };
        let en = |d: Dec| if years { d.plain() } else { scale.en(d) };
        let mark = if ok { "✓" } else { "✗" };
        let rel = if ok { "≤" } else { ">" };
        out.explain(vec![r.ann.span], ok, || {
            (
                format!("{} {rel} {} {mark}", vi(lo), vi(hi)),
                format!("{} {rel} {} {mark}", en(lo), en(hi)),
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
                format!(
                    "Khoảng bị đảo ngược: đầu dưới {} lớn hơn đầu trên {}.",
                    vi(lo),
                    vi(hi)
                ),
                format!(
                    "Reversed range: the low end {} is above the high end {}.",
                    en(lo),
                    en(hi)
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
                ("Các chỉ tiêu còn lại đạt từ 70 - 50%.", "70 - 50%"),
                ("Giảm từ 10% – 5% số vụ án tồn đọng.", "10% – 5%"),
                (
                    "Trong giai đoạn 2025-2021, tỉnh đã đầu tư mạnh.",
                    "2025-2021",
                ),
                (
                    "Mức hỗ trợ từ 7 đến 5 triệu đồng mỗi hộ.",
                    "7 đến 5 triệu đồng",
                ),
                ("Mỗi đợt huy động 30-20 người tham gia.", "30-20 người"),
            ],
            &[
                "Các chỉ tiêu còn lại đạt từ 50 - 70%.",
                "Giảm từ 5% – 10% số vụ án tồn đọng.",
                "Trong giai đoạn 2021- 2022, tỉnh đã đầu tư mạnh.",
                "Mức hỗ trợ từ 500 nghìn đến 1 triệu đồng mỗi hộ.",
                // The low end is a whole amount: no multiplier is shared.
                "Giá đất dao động từ 85.000 đến 1,2 triệu đồng/m2.",
                "Giá vé từ 800 đến 1,2 triệu đồng.",
                "Đội nhà thắng 3-1 trong trận chung kết.",
                "Mỗi đợt huy động 20-30 người tham gia.",
                // Clock times wrap around midnight.
                "Tuần tra từ 22 giờ đến 5 giờ sáng hôm sau.",
            ],
        );
    }
}

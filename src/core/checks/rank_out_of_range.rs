//! `rank-out-of-range`: "thứ R/N" with R > N, or a rank of 0.

use super::{Doc, Out};
use crate::core::numbers;
use crate::core::types::{Finding, Kind, Message, Severity};

pub const CODE: &str = "rank-out-of-range";

pub fn check(doc: &Doc, out: &mut Out) {
    for r in &doc.items {
        if r.kind() != Kind::Rank {
            continue;
        }
        let (rank, of) = match numbers::pair(r.ann) {
            Some((a, b)) => (a, Some(b)),
            None => match crate::core::numbers::Dec::parse_plain(&r.ann.canonical) {
                Some(a) => (a, None),
                None => continue,
            },
        };
        let ok = !rank.is_zero() && of.is_none_or(|n| !n.is_zero() && rank <= n);
        let what = r
            .ann
            .attr("of")
            .map(|u| format!(" {u}"))
            .unwrap_or_default();
        let (vi_t, en_t) = match of {
            Some(n) => (
                format!("hạng {} trên {}{what}", rank.vi_auto(), n.vi_auto()),
                format!("rank {} of {}{what}", rank.en_auto(), n.en_auto()),
            ),
            None => (
                format!("hạng {}", rank.vi_auto()),
                format!("rank {}", rank.en_auto()),
            ),
        };
        let mark = if ok { "✓" } else { "✗" };
        out.explain(vec![r.ann.span], ok, || {
            (format!("{vi_t} {mark}"), format!("{en_t} {mark}"))
        });
        if ok {
            continue;
        }
        let (why_vi, why_en) = if rank.is_zero() {
            (
                "không có hạng 0".to_string(),
                "there is no rank 0".to_string(),
            )
        } else {
            let n = of.unwrap_or(rank);
            (
                format!("{} > {}", rank.vi_auto(), n.vi_auto()),
                format!("{} > {}", rank.en_auto(), n.en_auto()),
            )
        };
        out.findings.push(Finding {
            span: r.ann.span,
            code: CODE,
            severity: Severity::Warning,
            message: Message::new(
                format!("Thứ hạng không hợp lệ ({vi_t}): {why_vi}."),
                format!("Impossible rank ({en_t}): {why_en}."),
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
                (
                    "Tỉnh xếp thứ 64/63 tỉnh thành về cải cách hành chính.",
                    "64/63",
                ),
                ("Huyện đứng thứ 0/12 trong khối thi đua.", "0/12"),
                ("Đơn vị xếp hạng 11/10 của cụm.", "11/10"),
                ("Trường xếp thứ 0 toàn quốc.", "0"),
                ("Tỉnh đứng thứ 35/34 tỉnh, thành phố.", "35/34"),
            ],
            &[
                "Tỉnh xếp thứ 7/63 tỉnh thành về cải cách hành chính.",
                "Tỉnh xếp thứ 63/63 tỉnh thành, cuối bảng.",
                "Huyện đứng thứ 1/12 trong khối thi đua.",
                "Đơn vị đứng thứ 3 toàn quốc hoàn thành chỉ tiêu.",
                "Đây là lần thứ 2 hội nghị được tổ chức.",
            ],
        );
    }
}

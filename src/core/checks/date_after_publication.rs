//! `date-after-publication` (information): an event dated after the month the
//! article was published. Only dates with a written year count (a day/month
//! without one is resolved into the past, see `numbers`), and plans, targets
//! and deadlines ("phấn đấu cuối năm 2024", "đến năm 2030", "dự kiến") are not events.

use super::{mentions, Doc, Out};
use crate::core::types::{Finding, Kind, Message, Severity};

pub const CODE: &str = "date-after-publication";

/// Words right before a date that make it a deadline or horizon.
const HORIZON: &[&str] = &[
    "đến", "tới", "trước", "hết", "cuối", "giai", "đoạn", "tầm", "nhìn", "hạn", "từ", "sau",
];
/// Words anywhere in the sentence that make it about the future.
const FUTURE: &[&str] = &[
    "sẽ",
    "dự kiến",
    "kế hoạch",
    "phấn đấu",
    "mục tiêu",
    "chỉ tiêu",
    "định hướng",
    "tầm nhìn",
    "dự báo",
    "sắp",
    "tới đây",
    "chuẩn bị",
    "đề ra",
    "nhiệm kỳ",
    "triển khai",
    "dự thảo",
    "lộ trình",
    "hướng tới",
    "phát động",
    "đặt ra",
    "nhằm",
];

pub fn check(doc: &Doc, out: &mut Out) {
    let Some(h) = doc.header else { return };
    for d in &doc.items {
        if d.kind() != Kind::Date || d.ann.attr("year_inferred").is_some() {
            continue;
        }
        let precision = d.ann.attr("precision").unwrap_or("");
        let c = &d.ann.canonical;
        let (Some(y), m) = (
            c.get(..4).and_then(|y| y.parse::<i32>().ok()),
            c.get(5..7).and_then(|m| m.parse::<u32>().ok()),
        ) else {
            continue;
        };
        let later = match precision {
            "year" => y > h.year,
            _ => (y, m.unwrap_or(1)) > (h.year, h.month),
        };
        if !later {
            continue;
        }
        let words = doc.words_before(d, 3);
        let sentence = doc.sentence(d.norm.start, false);
        let plan = words.iter().take(2).any(|w| HORIZON.contains(&w.as_ref()))
            || mentions(&doc.text[sentence.start..sentence.end], FUTURE);
        let shown = doc.show(d);
        let published = format!("{:04}-{:02}", h.year, h.month);
        if plan {
            out.explain(vec![d.ann.span], true, || {
                (
                    format!(
                        "{shown} → {c}: sau ngày đăng {published}, nhưng là kế hoạch/mục tiêu ✓"
                    ),
                    format!(
                        "{shown} → {c}: after publication ({published}) but a plan or target ✓"
                    ),
                )
            });
            continue;
        }
        out.explain(vec![d.ann.span], false, || {
            (
                format!("{shown} → {c} > ngày đăng {published} ✗"),
                format!("{shown} → {c} > publication date {published} ✗"),
            )
        });
        out.findings.push(Finding {
            span: d.ann.span,
            code: CODE,
            severity: Severity::Information,
            message: Message::new(
                format!("Sự kiện ghi ngày {c}, sau ngày đăng bài {published}: kiểm tra lại năm hoặc ngày đăng."),
                format!("Event dated {c}, after the article's publication date {published}: check the year or the header."),
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
        // Bodies are analysed under `date 2024-03`.
        table(
            CODE,
            &[
                (
                    "Ngày 15/9/2024, đoàn công tác đã làm việc với tỉnh.",
                    "15/9/2024",
                ),
                (
                    "Trong năm 2025, toàn tỉnh xảy ra 274 vụ phạm tội.",
                    "năm 2025",
                ),
                (
                    "Hồi tháng 6/2024, công an huyện đã triệt phá đường dây.",
                    "tháng 6/2024",
                ),
                ("Ngày 2/4/2024, hội nghị đã bế mạc.", "2/4/2024"),
                (
                    "Trong 7 tháng đầu năm 2025, tỉnh đã thu hút 3 tỷ USD.",
                    "7 tháng đầu năm 2025",
                ),
            ],
            &[
                "Ngày 15/3/2024, đoàn công tác đã làm việc với tỉnh.",
                "Lào Cai phấn đấu cuối năm 2024 sẽ hoàn thành toàn bộ.",
                "Tỉnh dành 1.500 tỷ đồng đến năm 2030 để đầu tư cơ sở vật chất.",
                "Chuẩn nghèo áp dụng giai đoạn 2023-2025 trên địa bàn.",
                "Dự kiến ngày 15/9/2024, công trình sẽ khánh thành.",
                "Sáng 22/11, đoàn công tác đã làm việc với tỉnh.",
            ],
        );
    }
}

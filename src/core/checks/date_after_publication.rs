//! `date-after-publication` (information): an event dated after the month the
//! article was published. Only dates with a written year count (a day/month
//! without one is resolved into the past, see `numbers`), and plans, targets,
//! deadlines and requests ("phấn đấu cuối năm 2024", "đến năm 2030", "dự
//! kiến", "đề nghị … trong quý I/2025", "kinh tế - xã hội năm 2025") are not events.

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
    "hiệu lực",
    "áp dụng",
    "hạn chót",
];

/// A completion named before the date ("hoàn thành vào tháng 9/2025"): in
/// the future, a schedule.
const COMPLETION: &[&str] = &[
    "hoàn thành vào",
    "hoàn thành trong",
    "đưa vào sử dụng",
    "đưa vào vận hành",
    "thời gian thi công",
];

/// Words before the date in its sentence that ask for something to be done
/// ("đề nghị các ngành trong quý I/2025 tập trung …"). After the date they
/// are what happened that day ("Ngày 5/9/2025, ông A đề nghị …").
const REQUEST: &[&str] = &["đề nghị", "yêu cầu", "chỉ đạo", "kêu gọi"];
/// What right before a year names an annual plan ("phát triển kinh tế - xã
/// hội năm 2025", "dự toán ngân sách năm 2025").
const ANNUAL_PLAN: &[&str] = &[
    "kinh tế - xã hội",
    "kinh tế – xã hội",
    "ngân sách",
    "dự toán",
    "nhiệm vụ",
    "phương hướng",
    "đầu tư công",
];

/// A request verb before the date in its sentence ("đề nghị các ngành
/// trong quý I/2025 …"); not the noun of "thực hiện chỉ đạo của …", "theo
/// yêu cầu của …", "nhận được đề nghị, ngày …", which say why something was
/// done on that date.
fn requested(before: &str) -> bool {
    let lower = crate::core::text::lowercase(before);
    // Words, with a comma kept as a word of its own.
    let words: Vec<&str> = lower
        .split_inclusive(|c: char| !c.is_alphanumeric())
        .flat_map(|w| {
            let word = w.trim_end_matches(|c: char| !c.is_alphanumeric());
            let comma = w.ends_with(',');
            [Some(word), comma.then_some(",")]
        })
        .flatten()
        .filter(|w| !w.is_empty())
        .collect();
    REQUEST.iter().any(|r| {
        let r: Vec<&str> = r.split(' ').collect();
        words.windows(r.len()).enumerate().any(|(i, w)| {
            w == r.as_slice()
                && !matches!(words.get(i + r.len()), Some(&("của" | ",")))
                && !(i > 0
                    && matches!(
                        words[i - 1],
                        "theo" | "hiện" | "sự" | "trước" | "được" | "có" | "với" | "khi"
                    ))
        })
    })
}

pub fn check(doc: &Doc, out: &mut Out) {
    let Some(h) = doc.header else { return };
    for d in &doc.items {
        if d.kind() != Kind::Date
            || d.ann.attr("year_inferred").is_some()
            || d.ann.attr("calendar").is_some()
        {
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
        let before = &doc.text[sentence.start..d.norm.start.max(sentence.start)];
        let clause = doc.sentence(d.norm.start, true);
        let after = &doc.text[d.norm.end.min(clause.end)..clause.end];
        let after = after.split([',', ';']).next().unwrap_or("");
        // "kinh tế - xã hội năm 2025" is the plan, unless its clause says
        // what it came to ("thu ngân sách năm 2025 đạt 5.000 tỷ đồng"); a
        // "dự toán" always is.
        let annual_plan = {
            let lower = crate::core::text::lowercase(before);
            let lower = lower.trim_end();
            // An estimate ("dự toán thu ngân sách nhà nước năm 2025") is a
            // plan wherever it is named before the year.
            mentions(before, &["dự toán"])
                || (ANNUAL_PLAN.iter().any(|p| lower.ends_with(p))
                    && !mentions(after, &["đạt", "tăng", "giảm", "vượt"]))
        };
        let whole = &doc.text[sentence.start..sentence.end];
        // "thời gian thi công 18 tháng, hoàn thành vào tháng 9/2025": a
        // completion still to come, named in the date's own part of the
        // sentence and not said to be done ("đã", "đã được").
        let near = before.rsplit([',', ';']).next().unwrap_or(before);
        let completion = mentions(near, COMPLETION) && !mentions(before, &["đã"]);
        let plan = words.iter().take(2).any(|w| HORIZON.contains(&w.as_ref()))
            || mentions(whole, FUTURE)
            || completion
            || requested(before)
            || annual_plan;
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
                // Said to be done already, or a completion of another date.
                ("Công trình đã hoàn thành vào tháng 9/2024.", "tháng 9/2024"),
                ("Dự án đã được hoàn thành vào tháng 9/2024 và bàn giao.", "tháng 9/2024"),
                (
                    "Trạm y tế hoàn thành trong tháng 1/2024; ngày 10/5/2024, trạm đã tiếp nhận 300 lượt khám.",
                    "10/5/2024",
                ),
                (
                    "Trong 7 tháng đầu năm 2025, tỉnh đã thu hút 3 tỷ USD.",
                    "7 tháng đầu năm 2025",
                ),
                // A request made that day is an event; so is what was done
                // because of one, and what the year's budget came to.
                (
                    "Thực hiện chỉ đạo của UBND tỉnh, ngày 15/10/2024, đoàn kiểm tra đã làm việc tại xã.",
                    "15/10/2024",
                ),
                (
                    "Theo yêu cầu của Cơ quan CSĐT, ngày 5/10/2024, gia đình bị hại đã giao nộp chiếc xe.",
                    "5/10/2024",
                ),
                (
                    "Tổng thu ngân sách năm 2025 của tỉnh đạt 5.000 tỷ đồng.",
                    "năm 2025",
                ),
                (
                    "Tổng thu ngân sách năm 2025 đã vượt dự toán 12%.",
                    "năm 2025",
                ),
                (
                    "Nhận được yêu cầu, ngày 12/10/2024, tổ công tác đã có mặt.",
                    "12/10/2024",
                ),
                (
                    "Ngay sau khi có chỉ đạo, ngày 3/10/2024, huyện đã ra quân.",
                    "3/10/2024",
                ),
                (
                    "Ngày 5/9/2024, ông A đề nghị tỉnh rà soát các dự án.",
                    "5/9/2024",
                ),
                // A plan's words elsewhere in the sentence, not right before the year.
                ("Năm 2025, ngân sách tỉnh đã chi 20 tỷ đồng.", "Năm 2025"),
            ],
            &[
                "Ngày 15/3/2024, đoàn công tác đã làm việc với tỉnh.",
                "Lào Cai phấn đấu cuối năm 2024 sẽ hoàn thành toàn bộ.",
                "Tỉnh dành 1.500 tỷ đồng đến năm 2030 để đầu tư cơ sở vật chất.",
                "Chuẩn nghèo áp dụng giai đoạn 2023-2025 trên địa bàn.",
                "Dự kiến ngày 15/9/2024, công trình sẽ khánh thành.",
                "Sáng 22/11, đoàn công tác đã làm việc với tỉnh.",
                // A request for what comes; an annual plan.
                "Ông A đề nghị các ngành trong quý I/2025 tập trung tháo gỡ khó khăn.",
                "Kỳ họp quyết định các nội dung về kinh tế - xã hội năm 2025.",
                "HĐND thông qua dự toán ngân sách năm 2025.",
                "Dự toán năm 2025 đã được giao cho các đơn vị từ tháng 9.",
                "HĐND thông qua nghị quyết về nhiệm vụ phát triển kinh tế - xã hội năm 2025, trong đó tăng trưởng GRDP đạt 8,5%.",
                "Dự toán thu ngân sách năm 2025 tăng 8% so với ước thực hiện năm 2024.",
                "Chủ tịch UBND tỉnh yêu cầu các địa phương, đơn vị liên quan khẩn trương rà soát, hoàn thiện hồ sơ dự án để khởi công trong tháng 3/2025.",
                "HĐND tỉnh đã thông qua dự toán thu ngân sách nhà nước năm 2025 là 6.000 tỷ đồng.",
                "Kỳ họp xem xét phương hướng, nhiệm vụ năm 2025.",
                "Tỉnh đã phân bổ vốn đầu tư công năm 2025 cho 45 dự án.",
                "Nghị định này có hiệu lực ngày 1/1/2025.",
                "Mức lương cơ sở mới áp dụng trong năm 2025.",
                "Hạn chót nộp hồ sơ là ngày 15/1/2025.",
                // A completion still to come.
                "Công trình khởi công ngày 15/3/2023, thời gian thi công 18 tháng, hoàn thành vào tháng 9/2024.",
            ],
        );
    }
}

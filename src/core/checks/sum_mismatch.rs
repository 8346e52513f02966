//! `sum-mismatch`: parts followed by an explicit total ("tổng cộng", "tổng
//! số", "tổng", "cả thảy"), or a total followed by "gồm" parts, that do not add up.
//! A total right before "gồm" needs no total word when its parts count the
//! same thing ("14 huy chương, gồm 3 huy chương vàng, …").

use super::{en, in_brackets, mentions, vi, Doc, Item, Out};
use crate::core::numbers::{phrase_at, skip_spaces, Dec};
use crate::core::types::{Finding, Message, Severity, Span};

pub const CODE: &str = "sum-mismatch";

/// Words that announce a total; "tổng" alone only right before the number.
const TOTAL_WORDS: &[&str] = &["tổng cộng", "tổng số", "cả thảy", "tất cả", "tổng"];
/// Filler allowed between the total word and its number.
const FILLER: &[&str] = &["là", "có", "đạt", "lên tới", "lên đến", "gồm"];
/// Words before a number that make it approximate or a change: no exact sum then.
const VAGUE: &[&str] = &[
    "khoảng", "gần", "hơn", "trên", "dưới", "ít", "nhất", "tăng", "giảm", "thêm", "hàng", "chừng",
    "tới",
];

fn is_vague(doc: &Doc, item: &Item) -> bool {
    doc.words_before(item, 1)
        .first()
        .is_some_and(|w| VAGUE.contains(&w.as_ref()))
}

/// The total word before `item`, with its start and whether it is tight:
/// right before the number, after allowed filler ("tổng cộng là 21 xã"). A loose
/// one has a few words in between ("Tổng kinh phí 320 tỷ đồng") and is only
/// trusted when "gồm" lists the parts.
fn total_word_before(doc: &Doc, item: &Item, lo: usize) -> Option<(usize, bool)> {
    let window_start = item.norm.start.saturating_sub(40).max(lo);
    let mut ws = window_start;
    while !doc.text.is_char_boundary(ws) {
        ws += 1;
    }
    let raw = &doc.text[ws..item.norm.start];
    // Cheap test before lowercasing: every total word contains one of these.
    if !(raw.contains("ổng")
        || raw.contains("ỔNG")
        || raw.contains("thảy")
        || raw.contains("ất cả"))
    {
        return None;
    }
    let window = crate::core::text::lowercase(raw);
    for t in TOTAL_WORDS {
        if let Some(i) = window.rfind(t) {
            // Original offsets: lowercase keeps byte lengths for Vietnamese letters.
            let at = ws + i;
            let mut p = skip_spaces(doc.text, at + t.len());
            let mut guard = 0;
            while p < item.norm.start && guard < 4 {
                guard += 1;
                if let Some(e) = FILLER.iter().find_map(|f| phrase_at(doc.text, p, f)) {
                    p = skip_spaces(doc.text, e);
                } else if doc.text[p..].starts_with(':') {
                    p = skip_spaces(doc.text, p + 1);
                } else {
                    break;
                }
            }
            let starts_word = i == 0 || !window[..i].ends_with(|c: char| c.is_alphanumeric());
            if p == item.norm.start && starts_word {
                return Some((at, true));
            }
        }
    }
    // Loose: "tổng" + up to four words, nothing but letters and spaces.
    let i = window.rfind("tổng")?;
    let gap = &doc.text[ws + i + "tổng".len()..item.norm.start];
    let words = gap.split_whitespace().count();
    let plain = gap.chars().all(|c| c.is_alphabetic() || c == ' ');
    let starts_word = i == 0 || !window[..i].ends_with(|c: char| c.is_alphanumeric());
    (starts_word && plain && (1..=4).contains(&words)).then_some((ws + i, false))
}

pub fn check(doc: &Doc, out: &mut Out) {
    let items = &doc.items;
    for (k, total) in items.iter().enumerate() {
        if !total.is_amount() || is_vague(doc, total) {
            continue;
        }
        let sentence = doc.sentence(total.norm.start, false);
        // Without a total word, an amount right before "gồm" is the total of
        // the parts it lists ("14 huy chương, gồm 3 … vàng, 5 … bạc và 7 …
        // đồng"), when they count the same thing.
        let lists_parts = || {
            let after = doc.text[total.norm.end..].trim_start_matches([',', ':', ' ']);
            after.starts_with("gồm ") || after.starts_with("bao gồm ")
        };
        let (word_at, tight, bare) = match total_word_before(doc, total, sentence.start) {
            Some((at, tight)) => (at, tight, false),
            None if total.measure().is_some() && lists_parts() => (total.norm.start, false, true),
            None => continue,
        };
        let Some(tv) = total.value() else { continue };
        // Parts before the total word, in the same sentence.
        let mut before: Vec<&Item> = items[..k]
            .iter()
            .rev()
            .take_while(|p| p.norm.start >= sentence.start)
            .filter(|p| p.norm.end <= word_at)
            .filter(|p| {
                p.is_amount() && p.measure() == total.measure() && total.measure().is_some()
            })
            .collect();
        before.reverse();
        let parts: Vec<&Item> = if before.len() >= 2 && tight {
            if mentions(
                &doc.text[before[0].norm.start..word_at],
                &["trong đó", "trong số"],
            ) {
                continue;
            }
            before
        } else {
            // Total then "gồm"/"bao gồm" parts.
            let rest_end = doc.sentence(total.norm.start, true).end;
            let rest = &doc.text[total.norm.end..rest_end];
            let lower = crate::core::text::lowercase(rest);
            let Some(g) = lower.find("gồm") else {
                continue;
            };
            if rest[..g].chars().count() > 60 {
                continue;
            }
            let from = total.norm.end + g;
            let mut listed: Vec<&Item> = items[k + 1..]
                .iter()
                .take_while(|p| p.norm.end <= rest_end)
                .filter(|p| p.norm.start >= from)
                .filter(|p| {
                    p.is_amount()
                        && ((p.measure().is_none() && !bare) || p.measure() == total.measure())
                })
                // "30 cơ sở thực phẩm (10 cơ sở vi phạm)": inside a part.
                .filter(|p| !in_brackets(&doc.text[from..p.norm.start]))
                .collect();
            // The list ends at its "và" part ("gồm 30 … và 20 …, phát hiện
            // 12 …": the 12 is not listed); without one, at the clause's end.
            if let Some(last) = listed
                .iter()
                .position(|p| doc.words_before(p, 1).first().is_some_and(|w| w == "và"))
            {
                listed.truncate(last + 1);
            } else if bare {
                continue;
            }
            // "gồm nhiều loại, trong đó …" lists only some parts; without a
            // total word the first part must follow "gồm" at once.
            let (Some(first), Some(last)) = (listed.first(), listed.last()) else {
                continue;
            };
            if mentions(&doc.text[from..last.norm.start], &["trong đó", "trong số"])
                || (bare && first.norm.start > from + "gồm ".len() + 2)
            {
                continue;
            }
            listed
        };
        if parts.len() < 2 || parts.iter().any(|p| is_vague(doc, p)) {
            continue;
        }
        let values: Vec<Dec> = parts.iter().filter_map(|p| p.value()).collect();
        if values.len() != parts.len() {
            continue;
        }
        let sum = values.iter().copied().fold(Dec::ZERO, |a, b| a + b);
        let ok = sum == tv;
        // Nothing to say when it adds up and no explanation is wanted.
        if ok && !out.explaining() {
            continue;
        }
        let unit = total.unit().map(|u| format!(" {u}")).unwrap_or_default();
        let rel = if ok { "=" } else { "≠" };
        let mark = if ok { "✓" } else { "✗" };
        // The same sentence in each language's number notation.
        let line = |num: &dyn Fn(Dec) -> String| {
            let terms: Vec<String> = values.iter().map(|v| num(*v)).collect();
            format!(
                "{} = {}{unit} {rel} {} {mark}",
                terms.join(" + "),
                num(sum),
                num(tv)
            )
        };
        let (vi_t, en_t) = (line(&vi), line(&en));
        let mut spans: Vec<Span> = parts.iter().map(|p| p.ann.span).collect();
        spans.push(total.ann.span);
        out.explain(spans, ok, || (vi_t.clone(), en_t.clone()));
        if ok {
            continue;
        }
        out.findings.push(Finding {
            span: total.ann.span,
            code: CODE,
            severity: Severity::Warning,
            message: Message::new(
                format!(
                    "Tổng không khớp: {} = {}{unit}, bài viết ghi {}.",
                    values
                        .iter()
                        .map(|v| vi(*v))
                        .collect::<Vec<_>>()
                        .join(" + "),
                    vi(sum),
                    vi(tv)
                ),
                format!(
                    "The total does not add up: {} = {}{unit}, the article says {}.",
                    values
                        .iter()
                        .map(|v| en(*v))
                        .collect::<Vec<_>>()
                        .join(" + "),
                    en(sum),
                    en(tv)
                ),
            ),
            related: parts
                .iter()
                .map(|p| doc.related(p, "một phần của tổng", "a part of the total"))
                .collect(),
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
                    "Huyện A có 12 xã, huyện B có 8 xã, tổng cộng 21 xã đạt chuẩn.",
                    "21 xã",
                ),
                (
                    "Khen thưởng 138 tập thể và 220 tập thể, tổng số 350 tập thể.",
                    "350 tập thể",
                ),
                (
                    "Quý I thu 20 tỷ đồng, quý II thu 25 tỷ đồng, tổng 40 tỷ đồng.",
                    "40 tỷ đồng",
                ),
                (
                    "Tổng số 50 người, gồm 20 người ở xã A và 25 người ở xã B.",
                    "50 người",
                ),
                (
                    "Bắt 7 đối tượng ở Lộc Bình, 5 đối tượng ở Cao Lộc, cả thảy 13 đối tượng.",
                    "13 đối tượng",
                ),
                // A whole right before "gồm" needs no total word.
                (
                    "Đoàn giành 14 huy chương, gồm 3 huy chương vàng, 5 huy chương bạc và 7 huy chương đồng.",
                    "14 huy chương",
                ),
                (
                    "Toàn tỉnh có 300 vụ, bao gồm 180 vụ trộm cắp và 150 vụ cướp giật.",
                    "300 vụ",
                ),
            ],
            &[
                "Huyện A có 12 xã, huyện B có 8 xã, tổng cộng 20 xã đạt chuẩn.",
                "Khen thưởng 138 tập thể và 220 tập thể, tổng số 358 tập thể.",
                "Quý I thu 20 tỷ đồng, quý II thu 25 tỷ đồng, tổng 45 tỷ đồng.",
                "Tổng số 50 người, gồm 20 người ở xã A và 30 người ở xã B.",
                // Approximate parts: no exact sum is claimed.
                "Có khoảng 12 xã ở huyện A, gần 8 xã ở huyện B, tổng cộng 21 xã.",
                // "tổng" that is not a total of the parts.
                "Có 541 lượt tập thể, 1.199 lượt cá nhân được khen; tổng kết năm có 3 lượt.",
                "Tổng thu ngân sách đạt 55.600 tỷ đồng, tăng 10%.",
                "Tổng kinh phí 320 tỷ đồng, gồm 200 tỷ đồng ngân sách và 120 tỷ đồng xã hội hóa.",
                "Đoàn giành 15 huy chương, gồm 3 huy chương vàng, 5 huy chương bạc và 7 huy chương đồng.",
                // Only some of the parts, or parts of other units.
                "Có 300 vụ gồm nhiều loại, trong đó 180 vụ trộm cắp và 100 vụ cướp giật.",
                "Tỉnh có 20 xã, gồm 12 xã đạt chuẩn và 3 thị trấn.",
                // The list ends at its "và" part; a breakdown in brackets is inside a part.
                "Đoàn kiểm tra 50 cơ sở, gồm 30 cơ sở thực phẩm và 20 cơ sở ăn uống, phát hiện 12 cơ sở vi phạm.",
                "Đoàn kiểm tra 50 cơ sở, gồm 30 cơ sở thực phẩm (10 cơ sở vi phạm) và 20 cơ sở ăn uống.",
            ],
        );
    }
}

//! `part-exceeds-total`: "trong số N [unit], M [unit] ..." with M > N, and a
//! whole followed by "trong đó" parts that exceed it (one part, or their sum).

use super::{en, in_brackets, mentions, vi, Doc, Item, Out, NOT_A_PART};
use crate::core::numbers::Dec;
use crate::core::types::{Finding, Kind, Message, Severity, Span};

pub const CODE: &str = "part-exceeds-total";

/// Words before amounts too common to pair parts with wholes.
const GENERIC: &[&str] = &["có", "là", "và", "với", "đạt", "gồm", "được"];

/// Words before a number that make it a change or a lower bound, not a whole.
const NOT_A_WHOLE: &[&str] = &["tăng", "giảm", "thêm", "hơn", "trên"];

fn is_part(doc: &Doc, item: &Item) -> bool {
    item.is_amount()
        && item.measure().is_some()
        && !doc
            .words_before(item, 1)
            .first()
            .is_some_and(|w| NOT_A_PART.contains(&w.as_ref()))
}

/// Whether the parts describe overlapping groups rather than a partition:
/// a threshold ("có trình độ thạc sĩ trở lên") or one group named inside
/// another ("120 xã đạt chuẩn nông thôn mới, 45 xã đạt chuẩn nông thôn mới
/// nâng cao").
fn overlapping(doc: &Doc, parts: &[&Item], parts_end: usize) -> bool {
    let descriptions: Vec<String> = parts
        .iter()
        .enumerate()
        .map(|(n, p)| {
            let end = parts.get(n + 1).map_or(parts_end, |q| q.norm.start);
            let after = &doc.text[p.norm.end..end];
            let cut = after.find([',', ';', '(', ')']).unwrap_or(after.len());
            let words: Vec<&str> = after[..cut].split_whitespace().collect();
            // A "và" or "hoặc" before the next part is not the group's.
            let words = match words.last() {
                Some(&"và") | Some(&"hoặc") => &words[..words.len() - 1],
                _ => &words[..],
            };
            crate::core::text::lowercase(&words.join(" ")).into_owned()
        })
        .collect();
    if descriptions
        .iter()
        .any(|d| d.contains("trở lên") || d.contains("trở xuống"))
    {
        return true;
    }
    descriptions.iter().enumerate().any(|(a, x)| {
        descriptions.iter().enumerate().any(|(b, y)| {
            a != b
                && !x.is_empty()
                && x.len() < y.len()
                && y.starts_with(x.as_str())
                && y.as_bytes()[x.len()] == b' '
        })
    })
}

pub fn check(doc: &Doc, out: &mut Out) {
    let items = &doc.items;
    for (k, whole) in items.iter().enumerate() {
        // "giảm 30 ca, trong đó …": a change is nobody's whole, nor is a
        // lower bound ("hơn 300 người, trong đó 350 …").
        if !whole.is_amount()
            || whole.measure().is_none()
            || doc
                .words_before(whole, 1)
                .first()
                .is_some_and(|w| NOT_A_WHOLE.contains(&w.as_ref()))
        {
            continue;
        }
        let Some(wv) = whole.value() else { continue };
        let sentence = doc.sentence(whole.norm.start, false);
        let before = doc.words_before(whole, 2);
        let among = before.first().is_some_and(|w| w == "số")
            && before.get(1).is_some_and(|w| w == "trong");
        // Where the parts start: right after the whole ("trong số N ..."), or
        // after a "trong đó" that follows the whole in the same sentence.
        let parts_from = if among {
            Some(whole.norm.end)
        } else {
            let rest = &doc.text[whole.norm.end..sentence.end];
            // Lowercase only a rest that may hold it (this runs for every amount).
            let lower =
                if rest.contains("rong đó") || rest.contains("rong Đó") || rest.contains("RONG ĐÓ")
                {
                    crate::core::text::lowercase(rest)
                } else {
                    std::borrow::Cow::Borrowed("")
                };
            lower
                .find("trong đó")
                .filter(|&i| {
                    // No other amount of the same measure between the whole and "trong đó".
                    let at = whole.norm.end + i;
                    !items[k + 1..]
                        .iter()
                        .take_while(|o| o.norm.start < at)
                        .any(|o| o.measure() == whole.measure() && o.is_amount())
                        && !mentions(&rest[..i], &["trong số"])
                })
                .map(|i| whole.norm.end + i)
        };
        let Some(from) = parts_from else { continue };
        // The parts end at a ";" ("…; 280 hộ cận nghèo, trong đó …" starts
        // another whole).
        let parts_end = doc.text[from..sentence.end]
            .find(';')
            .map_or(sentence.end, |i| from + i);
        let parts: Vec<&Item> = items[k + 1..]
            .iter()
            .take_while(|p| p.norm.start < parts_end)
            .filter(|p| p.norm.start >= from && p.measure() == whole.measure() && is_part(doc, p))
            // "80 ha đất lúa (gồm 60 ha lúa hai vụ)": a breakdown in
            // brackets is inside the part before it.
            .filter(|p| !in_brackets(&doc.text[from..p.norm.start]))
            .collect();
        if parts.is_empty() {
            continue;
        }
        // "làm chết 61 người, bị thương 118 người; trong đó … chết 58 người,
        // bị thương 117 người": parts in parallel with several wholes of one
        // measure, the word before each whole repeated before a part. Each
        // part is held to the whole its word repeats; their sum to none.
        // ("kiểm tra 560 cơ sở, phát hiện 120 cơ sở …, trong đó xử phạt 100
        // …" is a chain; "có" and the like repeat without meaning it.)
        let word_before = |i: &Item| {
            doc.words_before(i, 1)
                .first()
                .map(|w| w.to_string())
                .filter(|w| !GENERIC.contains(&w.as_str()))
        };
        let part_words: Vec<String> = parts.iter().filter_map(|p| word_before(p)).collect();
        let echoed = |i: &Item| word_before(i).is_some_and(|w| part_words.contains(&w));
        let parallel: Vec<(String, Dec)> = if echoed(whole) {
            items[..=k]
                .iter()
                .filter(|o| {
                    o.norm.start >= sentence.start
                        && o.measure() == whole.measure()
                        && o.is_amount()
                        && echoed(o)
                })
                .filter_map(|o| Some((word_before(o)?, o.value()?)))
                .collect()
        } else {
            Vec::new()
        };
        let parallel = if parallel.len() > 1 {
            parallel
        } else {
            Vec::new()
        };
        // The whole a part is held to.
        let limit = |p: &Item| {
            word_before(p)
                .and_then(|w| {
                    parallel
                        .iter()
                        .rev()
                        .find(|(x, _)| *x == w)
                        .map(|(_, v)| *v)
                })
                .unwrap_or(wv)
        };
        let unit = whole.unit().map(|u| format!(" {u}")).unwrap_or_default();
        let mut spans = vec![whole.ann.span];
        spans.extend(parts.iter().map(|p| p.ann.span));
        if let Some(big) = parts
            .iter()
            .find(|p| p.value().is_some_and(|v| v > limit(p)))
        {
            let bv = big.value().unwrap_or(Dec::ZERO);
            let wv = limit(big);
            out.explain(spans, false, || {
                (
                    format!("{} > {}{unit} ✗", vi(bv), vi(wv)),
                    format!("{} > {}{unit} ✗", en(bv), en(wv)),
                )
            });
            push(
                doc,
                out,
                big.ann.span,
                whole,
                format!("Phần lớn hơn tổng: {} > {}{unit}.", vi(bv), vi(wv)),
                format!("A part exceeds its whole: {} > {}{unit}.", en(bv), en(wv)),
            );
            continue;
        }
        if among || parts.len() < 2 || !parallel.is_empty() || overlapping(doc, &parts, parts_end) {
            let p = parts[0];
            let pv = p.value().unwrap_or(Dec::ZERO);
            out.explain(spans, true, || {
                (
                    format!("{} ≤ {}{unit} ✓", vi(pv), vi(wv)),
                    format!("{} ≤ {}{unit} ✓", en(pv), en(wv)),
                )
            });
            continue;
        }
        // "1.800 thí sinh dự thi (đạt 90%), 1.620 thí sinh trúng tuyển": a
        // part "reaching" a percentage, or one that is a percentage of the
        // part before it, makes the parts stages of one process; their sum
        // means nothing.
        let first = parts[0].norm.start;
        let stages = items.iter().any(|z| {
            if z.kind() != Kind::Percent || z.norm.start <= first || z.norm.start >= parts_end {
                return false;
            }
            let reached = doc.words_before(z, 1).first().is_some_and(|w| w == "đạt");
            let of_previous = || {
                let mut before = parts.iter().filter(|p| p.norm.start < z.norm.start).rev();
                let (Some(p), Some(q), Some(zv)) = (before.next(), before.next(), z.value()) else {
                    return false;
                };
                match (p.value(), q.value()) {
                    (Some(a), Some(b)) => crate::core::numbers::Ratio::div(a, b)
                        .is_some_and(|r| r.times(100).matches_written(zv)),
                    _ => false,
                }
            };
            reached || of_previous()
        });
        if stages {
            continue;
        }
        // "12 người bị thương, trong đó 8 người nhập viện, 4 người sơ cứu tại
        // chỗ, 2 người bị thương nặng": when the first parts add up to the
        // whole exactly, the ones after them break those down again.
        let values: Vec<Dec> = parts.iter().filter_map(|p| p.value()).collect();
        let mut running = Dec::ZERO;
        let breakdown_after = values[..values.len().saturating_sub(1)]
            .iter()
            .enumerate()
            .any(|(n, v)| {
                running = running + *v;
                n >= 1 && running == wv
            });
        if breakdown_after {
            continue;
        }
        let sum = values.iter().fold(Dec::ZERO, |a, b| a + *b);
        let ok = sum <= wv;
        // Nothing to say when the parts fit and no explanation is wanted.
        if ok && !out.explaining() {
            continue;
        }
        let terms_vi: Vec<String> = parts.iter().filter_map(|p| p.value()).map(vi).collect();
        let terms_en: Vec<String> = parts.iter().filter_map(|p| p.value()).map(en).collect();
        let rel = if ok { "≤" } else { ">" };
        let mark = if ok { "✓" } else { "✗" };
        let vi_t = format!(
            "{} = {} {rel} {}{unit} {mark}",
            terms_vi.join(" + "),
            vi(sum),
            vi(wv)
        );
        let en_t = format!(
            "{} = {} {rel} {}{unit} {mark}",
            terms_en.join(" + "),
            en(sum),
            en(wv)
        );
        out.explain(spans, ok, || (vi_t.clone(), en_t.clone()));
        if !ok {
            let span = Span::new(parts[0].ann.span.start, parts[parts.len() - 1].ann.span.end);
            push(
                doc,
                out,
                span,
                whole,
                format!(
                    "Tổng các phần lớn hơn tổng số: {}.",
                    vi_t.trim_end_matches(" ✗")
                ),
                format!(
                    "The parts add up to more than the whole: {}.",
                    en_t.trim_end_matches(" ✗")
                ),
            );
        }
    }
}

fn push(doc: &Doc, out: &mut Out, span: Span, whole: &Item, vi_m: String, en_m: String) {
    out.findings.push(Finding {
        span,
        code: CODE,
        severity: Severity::Warning,
        message: Message::new(vi_m, en_m),
        related: vec![doc.related(whole, "tổng số", "the whole")],
        fixes: Vec::new(),
    });
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
                ("Trong số 24 chỉ tiêu, tỉnh đã có 26 chỉ tiêu đạt trên 70%.", "26 chỉ tiêu"),
                ("Lực lượng chức năng bắt 40 đối tượng, trong đó 45 đối tượng là người địa phương.", "45 đối tượng"),
                ("Toàn tỉnh có 300 vụ, trong đó 180 vụ trộm cắp, 150 vụ cướp giật.", "180 vụ trộm cắp, 150 vụ"),
                ("Trong số 12 xã biên giới, 13 xã đã có đồn công an.", "13 xã"),
                ("Khen thưởng 50 tập thể, trong đó 30 tập thể cấp tỉnh và 25 tập thể cấp huyện.", "30 tập thể cấp tỉnh và 25 tập thể"),
                // Shares between the parts do not hide an over-sum.
                ("Toàn tỉnh có 300 vụ, trong đó 180 vụ trộm cắp (60%), 150 vụ cướp giật.", "180 vụ trộm cắp (60%), 150 vụ"),
                ("Gần 300 người được hỗ trợ, trong đó 450 người là hộ nghèo.", "450 người"),
                // A partition, whatever the words after each part.
                ("Toàn tỉnh có 150 xã, trong đó 120 xã đạt chuẩn nông thôn mới và 45 xã chưa đạt chuẩn.", "120 xã đạt chuẩn nông thôn mới và 45 xã"),
                // A chain of wholes is not parallel: the parts are the last one's.
                ("Kiểm tra 560 cơ sở, phát hiện 120 cơ sở vi phạm, trong đó xử phạt 100 cơ sở, nhắc nhở 30 cơ sở.", "100 cơ sở, nhắc nhở 30 cơ sở"),
                // In parallel with several wholes: each part against the whole its word repeats.
                ("Xảy ra 30 vụ, làm chết 10 người, bị thương 15 người; trong đó đường bộ 28 vụ, làm chết 12 người, bị thương 14 người.", "12 người"),
                // "có" repeats without pairing anything.
                ("Toàn tỉnh có 500 hộ cận nghèo, có 300 hộ nghèo, trong đó huyện A có 180 hộ nghèo, huyện B có 150 hộ nghèo.", "180 hộ nghèo, huyện B có 150 hộ nghèo"),
                ("Xảy ra 20 vụ, làm chết 10 người, bị thương 8 người; trong đó đường bộ 18 vụ, làm chết 9 người, bị thương 70 người.", "70 người"),
                // Amounts written in parts are compared whole.
                ("Dự án có tổng vốn 3 tỷ 200 triệu đồng, trong đó vốn ngân sách 3 tỷ 900 triệu đồng.", "3 tỷ 900 triệu đồng"),
            ],
            &[
                // The first parts make the whole; the last breaks them down.
                "Vụ tai nạn làm 12 người bị thương, trong đó 8 người nhập viện, 4 người được sơ cứu tại chỗ, 2 người bị thương nặng.",
                // Amounts written in parts: 1 tỷ 900 triệu is less than 3 tỷ 200 triệu.
                "Dự án có tổng vốn 3 tỷ 200 triệu đồng, trong đó vốn ngân sách 1 tỷ 900 triệu đồng.",
                "Tổng thu đạt 2 triệu 500 nghìn đồng, trong đó thu nội địa 1 triệu 600 nghìn đồng.",
                // A breakdown in brackets is inside the part before it.
                "Tổng diện tích thu hồi là 120 ha, trong đó 80 ha đất lúa (gồm 60 ha lúa hai vụ) và 40 ha đất rừng.",
                // Overlapping groups: one inside another, or thresholds.
                "Toàn tỉnh có 150 xã, trong đó 120 xã đạt chuẩn nông thôn mới, 45 xã đạt chuẩn nông thôn mới nâng cao và 12 xã đạt chuẩn nông thôn mới kiểu mẫu.",
                "Ban Chấp hành có 53 đồng chí, trong đó 45 đồng chí có trình độ thạc sĩ trở lên, 50 đồng chí có trình độ cao cấp lý luận chính trị.",
                // Parts in parallel with several wholes of one measure.
                "Toàn tỉnh xảy ra 142 vụ tai nạn, làm chết 61 người, bị thương 118 người; trong đó đường bộ xảy ra 138 vụ, làm chết 58 người, bị thương 117 người.",
                "Trong số 24 chỉ tiêu, tỉnh đã có 18 chỉ tiêu đạt trên 70%.",
                "Lực lượng chức năng bắt 40 đối tượng, trong đó 25 đối tượng là người địa phương.",
                "Toàn tỉnh có 300 vụ, trong đó 150 vụ trộm cắp, 150 vụ cướp giật.",
                // Different units are not parts of one another.
                "Làm rõ 300 vụ, 530 đối tượng, trong đó 400 đối tượng nghiện ma túy.",
                // "trong đó" followed by no number.
                "Bổ sung 1.000 biên chế, trong đó chú trọng lực lượng cơ sở.",
                // A change, not a part.
                "Có 120 vụ, trong đó tăng 150 vụ so với năm trước là sai cách nói nhưng không phải phần.",
                // A change is no whole; stages of one process are no sum.
                "Năm 2024 có 412 ca mắc, giảm 30 ca, trong đó 96 ca ở trẻ em.",
                "Có 2.000 thí sinh đăng ký, trong đó 1.800 thí sinh dự thi (đạt 90%), 1.620 thí sinh trúng tuyển.",
                "Hơn 300 người dân được hỗ trợ, trong đó 350 người là hộ nghèo.",
                "Tỉnh có 320 hộ nghèo, trong đó 96 hộ là đồng bào dân tộc thiểu số (chiếm 30%); 280 hộ cận nghèo, trong đó 140 hộ ở vùng cao.",
                "Có 1.200 giáo viên mầm non, trong đó 960 giáo viên đạt chuẩn (80%), 300 giáo viên trên chuẩn (31,3%).",
            ],
        );
    }
}

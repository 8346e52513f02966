//! `percent-ratio-mismatch`: "A/B [unit], đạt Z%" where Z is not A / B; also
//! a part and its whole written as counts: "A [unit] trên tổng số B [unit],
//! chiếm Z%", "trong (tổng) số B [unit], có A [unit], chiếm Z%" and "B
//! [unit], trong đó A [unit] (chiếm Z%)", every part of a list of them.

use super::{mentions, text_after, Doc, Item, Out, Scale, COMPARED, NOT_A_PART};
use crate::core::numbers::{self, Dec, Ratio};
use crate::core::types::{Finding, Kind, Message, Related, Severity};

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
        // "6/6 người trúng cử với số phiếu đạt trên 50%": a bound, not the ratio.
        if doc
            .words_before(z, 2)
            .iter()
            .any(|w| BOUNDS.contains(&w.as_ref()))
        {
            continue;
        }
        if rate_of_something_else(gap) {
            continue;
        }
        // "432/477 đại biểu có mặt tán thành (chiếm 87,63% tổng số đại biểu)":
        // the ratio is over those present, the percentage over all of them.
        let Some((a, b)) = numbers::pair(r.ann) else {
            continue;
        };
        // (A share of everyone can be at most the share of those present.)
        let after_z = text_after(doc, z, 25);
        let at_most = |r: Ratio| r.times(100).cmp_dec(z.value().unwrap_or(Dec::ZERO)).is_ge();
        if mentions(gap, PRESENT)
            && mentions(after_z, &["tổng số"])
            && !mentions(after_z, PRESENT)
            && Ratio::div(a, b).is_some_and(at_most)
        {
            continue;
        }
        let related = vec![doc.related(r, "tỷ số", "the ratio")];
        compare(doc, out, (a, b), &[r], z, related);
    }
    shares(doc, out);
}

/// Words that may follow "tỷ lệ" when it names the ratio's own percentage
/// ("đạt tỷ lệ 90%", "tỷ lệ đạt 90%", "tỷ lệ là 90%").
const RATE_OF_THE_RATIO: &[&str] = &["đạt", "là", "bằng", "chiếm", "tương", "khoảng"];

/// "72/88 trường có tỷ lệ tốt nghiệp đạt 100%", "45/50 trường đạt chuẩn, tỷ
/// lệ học sinh lên lớp đạt 99,5%": a rate with a name of its own, between
/// the ratio and the percentage, is what the percentage measures.
fn rate_of_something_else(gap: &str) -> bool {
    let lower = crate::core::text::lowercase(gap);
    ["tỷ lệ", "tỉ lệ"].iter().any(|rate| {
        lower.match_indices(rate).any(|(at, _)| {
            let next = lower[at + rate.len()..]
                .split(|c: char| !c.is_alphanumeric())
                .find(|w| !w.is_empty());
            next.is_some_and(|w| !RATE_OF_THE_RATIO.contains(&w))
        })
    })
}

/// Words after a ratio that make its whole those present, not everyone.
const PRESENT: &[&str] = &["có mặt", "tham dự", "tham gia biểu quyết"];

/// Words before a percentage that make it a bound or an estimate ("trên 70%").
const BOUNDS: &[&str] = &[
    "trên", "dưới", "hơn", "gần", "khoảng", "từ", "đến", "tới", "xấp", "xỉ", "ước", "chừng",
];

/// Words between a part and its whole written after it ("30 ca trên tổng số 200 ca").
const OVER_WHOLE: &[&str] = &["trên tổng số", "trên tổng", "trong tổng số"];

/// "A trên tổng số B, chiếm Z%": a part, its whole, then the part's
/// percentage; then the wholes written before their parts.
fn shares(doc: &Doc, out: &mut Out) {
    for w in doc.items.windows(3) {
        let (x, y, z) = (&w[0], &w[1], &w[2]);
        if z.kind() != Kind::Percent || !x.is_amount() || !y.is_amount() {
            continue;
        }
        if x.measure().is_none() || x.measure() != y.measure() {
            continue;
        }
        let gap = doc.between(x, y);
        let short = gap.chars().count() <= 40 && !gap.contains([';', '.', '(', ')']);
        if short && mentions(gap, OVER_WHOLE) {
            share(doc, out, x, y, z, Link::Loose);
        }
    }
    parts_of_a_whole(doc, out);
}

/// Words before a number that describe a part rather than count it.
const DESCRIBING: &[&str] = &["dưới", "trên", "từ", "đến", "tới", "hơn"];

/// A whole, then its parts, each maybe with its share: "B [unit], trong đó
/// A1 [unit] (chiếm Z1%), A2 [unit] (chiếm Z2%)" and "trong (tổng) số B
/// [unit], có A1 [unit], chiếm Z1%, và A2 [unit], chiếm Z2%". The parts run
/// until something else: another measure, another "trong đó" (the whole of
/// the parts after it is the part before it), or a change.
fn parts_of_a_whole(doc: &Doc, out: &mut Out) {
    let items = &doc.items;
    for (k, whole) in items.iter().enumerate() {
        let measure = whole.measure();
        if !whole.is_amount() || measure.is_none() {
            continue;
        }
        // The first part: the next amount of the same measure in the sentence.
        let Some(first) = items[k + 1..]
            .iter()
            .take(8)
            .position(|o| o.is_amount() && o.measure() == measure)
            .map(|p| k + 1 + p)
        else {
            continue;
        };
        let gap = doc.between(whole, &items[first]);
        if gap.len() > 320 || gap.contains([';', '.']) {
            continue;
        }
        // Cheap byte tests first: this runs for every amount of the article.
        // "trong số B, (có) A": the part right after the whole. "B, trong đó
        // A": maybe past the whole's own change ("1,02 tỷ USD, tăng 12,4% so
        // với cùng kỳ, trong đó …"), never a whole that is itself a change
        // or an estimate ("tăng 96 ca …, trong đó").
        let short = gap.chars().count() <= 40 && !gap.contains(['(', ')']);
        let opens = (first == k + 1
            && short
            && doc.text[..whole.norm.start].trim_end().ends_with("số")
            && among(doc, whole)
            && !mentions(gap, OTHER))
            || (gap.contains("trong đó")
                && gap.chars().count() <= 80
                && mentions(gap, &["trong đó"])
                && !estimate_or_change(doc, whole));
        if !opens {
            continue;
        }
        // "chết 60 người, bị thương 110 người, trong đó 45 người …": the
        // parts may be of either.
        if k > 0 && {
            let before = &items[k - 1];
            let between = doc.between(before, whole);
            before.is_amount()
                && before.measure() == measure
                && between.chars().count() <= 40
                && !between.contains([';', '.'])
        } {
            continue;
        }
        // The whole's own percentage before the parts ("bằng 72% dự toán").
        let link = if items[k + 1..first]
            .iter()
            .any(|i| i.kind() == Kind::Percent)
        {
            Link::ShareWord
        } else {
            Link::Strict
        };
        let sentence = doc.sentence(whole.norm.start, false);
        let mut lead_from = items[first].norm.start;
        let mut j = first;
        let mut previous: Vec<&Item> = Vec::new();
        while let Some(part) = items.get(j) {
            if part.norm.start >= sentence.end || !part.is_amount() || part.measure() != measure {
                break;
            }
            let lead = &doc.text[lead_from..part.norm.start];
            if j > first && (lead.contains(';') || mentions(lead, NESTING) || mentions(lead, OTHER))
            {
                break;
            }
            let estimate = estimate_or_change(doc, part);
            // An age or a bound describing the part ("96 ca ở trẻ em dưới 15
            // tuổi") before any punctuation belongs to it; a count of
            // something else ("96 ca ở 30 xã") may own the percentage.
            let mut m = j + 1;
            while let Some(other) = items.get(m) {
                let describes = other.kind() != Kind::Percent
                    && other.measure() != measure
                    && (other.unit() == Some("tuổi")
                        || doc
                            .words_before(other, 1)
                            .first()
                            .is_some_and(|w| DESCRIBING.contains(&w.as_ref())))
                    && !doc.text[part.norm.end..other.norm.start]
                        .contains([',', ';', ':', '(', ')']);
                if !describes {
                    break;
                }
                m += 1;
            }
            match items.get(m) {
                Some(z) if z.kind() == Kind::Percent => {
                    // A later part may be a subset of one before it ("120
                    // cơ sở vi phạm (chiếm 20%), xử phạt 100 cơ sở (83,3%)"):
                    // its percentage of that part is no error.
                    let of_previous = previous.iter().any(|q: &&Item| {
                        let (Some(a), Some(b), Some(zv)) = (part.value(), q.value(), z.value())
                        else {
                            return false;
                        };
                        Ratio::div(a, b).is_some_and(|r| r.times(100).matches_written(zv))
                    });
                    if !estimate && !of_previous {
                        share(doc, out, part, whole, z, link);
                    }
                    lead_from = z.norm.end;
                    j = m + 1;
                }
                Some(next) if next.is_amount() && next.measure() == measure => {
                    lead_from = part.norm.end;
                    j = m;
                }
                _ => break,
            }
            previous.push(part);
        }
    }
}

/// How the words before a share's percentage must read.
#[derive(Clone, Copy, PartialEq)]
enum Link {
    /// "A trên tổng số B, chiếm Z%", "…, đạt Z%", "(tương đương Z%)": a word
    /// of [`LOOSE_WORDS`] opening the percentage's clause.
    Loose,
    /// A part of a whole named before it: the percentage right after "(" or
    /// after "chiếm" opening its clause ("…, chiếm Z%", "(chiếm Z%)",
    /// "(Z%)"); never "(đã giải ngân 75%)", "(vốn đăng ký chiếm 65%)" or
    /// "…, đạt 98%" (against a plan).
    Strict,
    /// [`Link::Strict`] without the bare "(Z%)": the whole has a percentage
    /// of its own ("7.200 tỷ đồng, bằng 72% dự toán, trong đó …"), so a bare
    /// percentage on its parts likely says the same kind of thing.
    ShareWord,
}

/// Words that open a share's clause for a part named after its whole. Not
/// "bằng", "tương đương": budget and trade reports write "(bằng 68%)",
/// "tương đương 92%" for a part against its own plan or last year.
const SHARE_WORDS: &[&str] = &["chiếm", "chiếm tỷ lệ", "chiếm tỷ trọng"];
/// Words that open a share's clause after "A trên tổng số B".
const LOOSE_WORDS: &[&str] = &[
    "chiếm",
    "chiếm tỷ lệ",
    "chiếm tỷ trọng",
    "tương đương",
    "tương ứng",
    "bằng",
    "đạt",
];

/// Words that make the parts after them parts of the part before them, or
/// of another time.
const NESTING: &[&str] = &[
    "trong đó",
    "trong số",
    "số đó",
    "gồm",
    "bao gồm",
    "riêng",
    "năm ngoái",
    "năm trước",
    "cùng kỳ",
];

/// Words before an amount that make it an estimate, a bound or a change.
const ESTIMATE: &[&str] = &[
    "ước", "xỉ", "khoảng", "chừng", "tính", "gần", "hơn", "trên", "dưới", "tới",
];

/// An amount written as an estimate, a bound or a change ("ước đạt 5.000",
/// "tăng 96 ca"): not a whole or part to divide.
fn estimate_or_change(doc: &Doc, item: &Item) -> bool {
    let w = doc.words_before(item, 2);
    w.first()
        .is_some_and(|w| NOT_A_PART.contains(&w.as_ref()) || ESTIMATE.contains(&w.as_ref()))
        || w.get(1).is_some_and(|w| ESTIMATE.contains(&w.as_ref()))
}

/// Whether the text before a percentage opens its clause with a share link
/// ([`Link::Strict`]).
fn strictly_linked(link: &str, words: &[&str], bare: bool) -> bool {
    let clause = link
        .rfind([',', '('])
        .map_or(link, |i| &link[i + 1..])
        .trim();
    let clause = crate::core::text::lowercase(clause);
    (bare && clause.is_empty() && link.trim_end().ends_with('('))
        || words.iter().any(|w| clause == *w)
}

/// Checks `z` as the share of `part` in `whole` when the words between say
/// so (see [`Link`]), never a bound, an estimate, a change, a share above
/// 100 %, or a share of something else.
fn share(doc: &Doc, out: &mut Out, part: &Item, whole: &Item, z: &Item, how: Link) {
    // From whichever of the two comes last to the percentage.
    let last = if part.norm.start > whole.norm.start {
        part
    } else {
        whole
    };
    let link = doc.between(last, z);
    let sentence = doc.sentence(part.norm.start.min(whole.norm.start), false);
    // The link word opens the percentage's clause, so the percentage is the
    // part's, not a new subject's ("…, số trường bán trú chiếm 40%"), and
    // "18 chỉ tiêu đạt 70%" (how far each part got) is no share.
    let linked = match how {
        Link::Loose => strictly_linked(link, LOOSE_WORDS, true),
        Link::Strict => strictly_linked(link, SHARE_WORDS, true),
        Link::ShareWord => strictly_linked(link, SHARE_WORDS, false),
    };
    // "(+12%)", "(↑12%)", "-5%": a change, not a share.
    let signed = z.value().is_some_and(|v| v < Dec::ZERO)
        || link.trim_end().ends_with(['+', '↑', '↓'])
        || doc.text[z.norm.start..z.norm.end].starts_with(['+', '↑', '↓']);
    if signed || z.value().is_some_and(|v| v > Dec::int(100)) {
        return;
    }
    // "trên 70%", "xấp xỉ 15%", "ước đạt 24%": the two words before Z.
    let bound = doc
        .words_before(z, 2)
        .iter()
        .any(|w| BOUNDS.contains(&w.as_ref()));
    if z.norm.start > sentence.end
        || link.chars().count() > 40
        || !linked
        || bound
        || mentions(link, OTHER)
        || !about_the_whole(doc, z, whole)
    {
        return;
    }
    let (Some(a), Some(b)) = (part.value(), whole.value()) else {
        return;
    };
    if a > b {
        return; // `part-exceeds-total` says what is wrong
    }
    let related = vec![
        doc.related(part, "phần", "the part"),
        doc.related(whole, "tổng số", "the whole"),
    ];
    compare(doc, out, (a, b), &[part, whole], z, related);
}

/// "trong số B" or "trong tổng số B".
fn among(doc: &Doc, whole: &Item) -> bool {
    let w = doc.words_before(whole, 3);
    let word = |i: usize| w.get(i).map(|s| s.as_ref());
    word(0) == Some("số")
        && (word(1) == Some("trong") || (word(1) == Some("tổng") && word(2) == Some("trong")))
}

/// The percentage ends its clause, or names the whole's own measure and
/// then ends it ("chiếm 25% số hộ.", "25% tổng số ca,"): not a share of
/// something else ("0,5% dân số", "5% số ca nặng cả nước").
fn about_the_whole(doc: &Doc, z: &Item, whole: &Item) -> bool {
    let after = crate::core::text::lowercase(text_after(doc, z, 40));
    let ends_clause = |r: &str| {
        let r = r.trim_start();
        r.is_empty() || r.starts_with([',', '.', ';', ')', ':'])
    };
    let after = after.trim_start();
    if ends_clause(after) {
        return true;
    }
    let unit = whole.unit().unwrap_or("");
    let rest = after
        .strip_prefix("tổng số ")
        .or_else(|| after.strip_prefix("số "));
    !unit.is_empty()
        && rest
            .and_then(|r| r.strip_prefix(unit))
            .is_some_and(ends_clause)
}

/// Compares the written percentage `z` with `a / b`, explains it, and
/// reports a mismatch on `z` with a fix.
fn compare(
    doc: &Doc,
    out: &mut Out,
    (a, b): (Dec, Dec),
    from: &[&Item],
    z: &Item,
    related: Vec<Related>,
) {
    let Some(zv) = z.value() else {
        return;
    };
    let Some(q) = Ratio::div(a, b).map(|q| q.times(100)) else {
        return;
    };
    let scale = Scale::of(from);
    let vi = |d: Dec| scale.vi(d);
    let en = |d: Dec| scale.en(d);
    let ok = q.matches_written(zv);
    let d = zv.decimals();
    let expected = q.round(d);
    let shown = q.round(2.max(d));
    let mark = if ok { "✓" } else { "✗" };
    let mut spans: Vec<_> = from.iter().map(|i| i.ann.span).collect();
    spans.push(z.ann.span);
    out.explain(spans, ok, || {
        (
            format!("{} / {} = {} % {mark}", vi(a), vi(b), shown.vi(2.max(d))),
            format!("{} / {} = {} % {mark}", en(a), en(b), shown.en(2.max(d))),
        )
    });
    if ok {
        return;
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
                super::vi(zv)
            ),
            format!(
                "Percentage does not match: {} / {} = {} %, the article says {} %.",
                en(a),
                en(b),
                expected.en(d),
                super::en(zv)
            ),
        ),
        related,
        fixes: vec![doc.replace_percent(z, expected.vi(d))],
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
                ("Xã đã giải quyết 45/50 hồ sơ, đạt 95%.", "95%"),
                ("Huyện hoàn thành 17/20 chỉ tiêu, đạt 80%.", "80%"),
                ("Cấp 1.200/1.500 thẻ căn cước (đạt 75%).", "75%"),
                ("Tỉnh đã kích hoạt 2/3 tài khoản, đạt 66,5%.", "66,5%"),
                ("Thu nhận 340.000/340.000 hồ sơ, đạt 99%.", "99%"),
                ("Có 432/477 đại biểu có mặt tán thành (chiếm 87,63% số đại biểu có mặt).", "87,63%"),
                // Of everyone, more than of those present: impossible.
                ("Có 180/200 học viên tham dự kỳ thi, chiếm 95% tổng số học viên.", "95%"),
                ("Có 432/477 đại biểu có mặt tán thành (chiếm 92% tổng số đại biểu có mặt).", "92%"),
                // "tỷ lệ" naming the ratio's own percentage.
                ("Xã đã giải quyết 45/50 hồ sơ, tỷ lệ đạt 95%.", "95%"),
                ("Xã đã giải quyết 45/50 hồ sơ, đạt tỷ lệ 95%.", "95%"),
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
                // Over those present, and then over all the deputies.
                "Có 432/477 đại biểu Quốc hội có mặt tán thành (chiếm 87,63% tổng số đại biểu Quốc hội).",
                // Another rate, named between them, and a bound.
                "Có 72/88 trường có tỷ lệ tốt nghiệp đạt 100%.",
                "Có 9/10 huyện có tỉ lệ tiêm chủng đạt 98%.",
                "Có 45/50 trường đạt chuẩn quốc gia, tỷ lệ học sinh lên lớp đạt 99,5%.",
                "Có 6/6 người trúng cử với số phiếu đạt trên 50%.",
            ],
        );
    }

    #[test]
    fn the_written_percentage_is_shown_without_the_amounts_scale() {
        let (_, findings) = super::super::testing::analyse(
            "Giải ngân 300 tỷ đồng trên tổng số 1.200 tỷ đồng, đạt 24%.",
        );
        let f = findings.iter().find(|f| f.code == CODE).expect("a finding");
        assert_eq!(
            f.message.vi,
            "Tỷ lệ không khớp: 300 tỷ / 1.200 tỷ = 25 %, bài viết ghi 24 %."
        );
    }

    #[test]
    fn a_part_and_its_whole_written_as_counts() {
        table(
            CODE,
            &[
                (
                    "Có 30 ca mắc trên tổng số 200 ca nghi ngờ, chiếm 25%.",
                    "25%",
                ),
                ("Xã có 42 hộ nghèo trong tổng số 600 hộ (chiếm 9%).", "9%"),
                ("Trong tổng số 1.500 hộ, có 150 hộ nghèo, chiếm 12%.", "12%"),
                (
                    "Trong số 80 học sinh, 20 học sinh đạt giải, chiếm 20% số học sinh.",
                    "20%",
                ),
                (
                    "Giải ngân 300 tỷ đồng trên tổng số 1.200 tỷ đồng, đạt 20%.",
                    "20%",
                ),
            ],
            &[
                "Có 30 ca mắc trên tổng số 200 ca nghi ngờ, chiếm 15%.",
                "Xã có 42 hộ nghèo trong tổng số 600 hộ (chiếm 7%).",
                "Trong tổng số 1.500 hộ, có 150 hộ nghèo, chiếm 10%.",
                "Trong số 80 học sinh, 20 học sinh đạt giải, chiếm 25% tổng số học sinh.",
                "Giải ngân 300 tỷ đồng trên tổng số 1.200 tỷ đồng, đạt 25%.",
                // How far each part got, not its share; a bound; an estimate.
                "Trong số 24 chỉ tiêu, tỉnh có 18 chỉ tiêu đạt 70%, số còn lại đạt 50%.",
                "Trong số 24 chỉ tiêu, có 18 chỉ tiêu, chiếm trên 70%.",
                "Có 30 ca trên tổng số 200 ca, chiếm khoảng 10%.",
                // A share of something other than the whole.
                "Tỉnh có 30 ca trên tổng số 200 ca cả nước, chiếm 0,5% dân số.",
                "Trong số 100 ca mắc, có 20 ca nặng, chiếm 5% số ca nặng cả nước.",
                "Trong số 200 ca, có 30 ca nặng, chiếm 2% tổng số ca nặng toàn quốc.",
                "Tỉnh có 30 ca trên tổng số 200 ca cả nước, chiếm 0,5% số ca nhiễm toàn cầu.",
                // Estimates.
                "Có 32 ca trên tổng số 200 ca, chiếm xấp xỉ 15%.",
                "Có 32 ca trên tổng số 200 ca, chiếm chừng 15%.",
                "Giải ngân 300 tỷ đồng trên tổng số 1.200 tỷ đồng, ước đạt 24%.",
                // Different measures, a change, a plan.
                "Có 30 ca trên tổng số 200 hộ, chiếm 25%.",
                "Trong tổng số 1.500 hộ, có 150 hộ nghèo, tăng 12% so với năm trước.",
                "Giải ngân 300 tỷ đồng trên tổng số 1.200 tỷ đồng, đạt 95% kế hoạch.",
                // A part larger than its whole is another check's finding.
                "Có 300 ca trên tổng số 200 ca, chiếm 150%.",
            ],
        );
    }

    #[test]
    fn every_part_after_trong_do_and_in_a_list() {
        table(
            CODE,
            &[
                (
                    "Toàn tỉnh có 412 ca, trong đó 96 ca ở trẻ em (chiếm 25%).",
                    "25%",
                ),
                (
                    "Đào tạo 2.140 lao động, trong đó 1.320 lao động nữ (chiếm 65%).",
                    "65%",
                ),
                // The second part of a list, with ages describing the parts.
                (
                    "Có 412 ca, trong đó 96 ca ở trẻ em (chiếm 23,3%), 80 ca ở người già (chiếm 25%).",
                    "25%",
                ),
                (
                    "Trong tổng số 412 ca, có 96 ca ở trẻ em dưới 15 tuổi, chiếm 23,3%, và 80 ca ở người trên 60 tuổi, chiếm 25%.",
                    "25%",
                ),
                // A bare percentage in parentheses.
                ("Có 412 ca, trong đó 96 ca ở trẻ em (25%).", "25%"),
                (
                    "Có 412 ca, trong đó 96 ca ở trẻ em, chiếm tỷ lệ 25%.",
                    "25%",
                ),
                // Past the whole's own change.
                (
                    "Xuất khẩu đạt 1,02 tỷ USD, tăng 12,4% so với cùng kỳ, trong đó thủy sản đạt 780 triệu USD (chiếm 80%).",
                    "80%",
                ),
            ],
            &[
                "Toàn tỉnh có 412 ca, trong đó 96 ca ở trẻ em (chiếm 23,3%).",
                "Có 412 ca, trong đó 96 ca ở trẻ em (chiếm 23,3%), 80 ca ở người già (chiếm 19,4%).",
                "Trong tổng số 412 ca, có 96 ca ở trẻ em dưới 15 tuổi, chiếm 23,3%, và 80 ca ở người trên 60 tuổi, chiếm 19,4%.",
                // A second "trong đó": the parts after it are of the part before it.
                "Có 412 ca, trong đó 96 ca ở trẻ em, trong đó 30 ca dưới 5 tuổi (chiếm 31,3%).",
                // Changes, estimates, shares of something else, counts of another measure.
                "Có 412 ca, trong đó 96 ca ở trẻ em (chiếm 23,3%, tăng 5%), 40 ca nặng (tăng 10%).",
                "Có 412 ca, trong đó hơn 90 ca ở trẻ em (chiếm 23,3%).",
                "Có 412 ca, trong đó 96 ca (chiếm 25% số ca trẻ em cả nước).",
                "Có 412 ca, trong đó 96 ca ở 30 xã (chiếm 20%).",
                "Có 412 ca, trong đó 96 ca ở trẻ em, 30 xã có dịch (chiếm 20%).",
                "Có 412 ca, trong đó 96 ca ở trẻ em; 30 xã có dịch (chiếm 20%).",
                "Xuất khẩu đạt 1,02 tỷ USD, tăng 12,4% so với cùng kỳ, trong đó thủy sản đạt 780 triệu USD (chiếm 76,5%).",
                "Có 412 ca, tăng 96 ca so với năm trước, trong đó 30 ca nặng (chiếm 31,3%).",
                "Có 412 ca, giảm 30 ca so với năm trước, trong đó 96 ca ở trẻ em (chiếm 30%).",
                // A later part that is a subset of the one before it.
                "Toàn tỉnh có 600 cơ sở, trong đó 120 cơ sở vi phạm (chiếm 20%), xử phạt 100 cơ sở (đạt 83,3%).",
                "Toàn huyện có 24 xã, trong đó 12 xã đạt chuẩn nông thôn mới (50%), 3 xã đạt nông thôn mới nâng cao (25%).",
                "Có 412 ca, trong đó 8 ca tử vong, 5 ca là trẻ em (chiếm 62,5%).",
                "Có 412 ca, trong đó 96 ca ở trẻ em, gồm 30 ca dưới 5 tuổi (chiếm 31,3%).",
                "Trong tổng số 412 ca, có 96 ca ở trẻ em, chiếm 23,3%, riêng 30 ca dưới 5 tuổi chiếm 31,3%.",
                // Words inside the parenthesis make it about something else.
                "Tổng vốn 1.200 tỷ đồng, trong đó vốn ngân sách tỉnh 400 tỷ đồng (đã giải ngân 75%).",
                "Có 1.250 doanh nghiệp, trong đó 300 doanh nghiệp FDI (vốn đăng ký chiếm 65%).",
                "Có 412 ca, trong đó 96 ca ở trẻ em (năm trước 25%).",
                "Trong số 120 công trình, có 80 công trình đã hoàn thành (giá trị khối lượng đạt 90%).",
                // Parts against their own plan, like the whole.
                "Chi ngân sách 9 tháng là 7.200 tỷ đồng, bằng 72% dự toán, trong đó chi đầu tư phát triển 2.160 tỷ đồng (bằng 68%), chi thường xuyên 4.800 tỷ đồng (bằng 74%).",
                "Thu ngân sách đạt 3.000 tỷ đồng, bằng 60% kế hoạch, trong đó thu nội địa 1.800 tỷ đồng, tương đương 64%.",
                // Another year; a whole that may be either of two; a subset
                // of an earlier part; another sentence part after ";".
                "Có 412 ca mắc, trong đó 96 ca ở trẻ em (chiếm 23,3%), năm ngoái là 76 ca (chiếm 20%).",
                "Tai nạn làm chết 60 người, bị thương 110 người, trong đó 45 người tử vong do rượu bia (chiếm 75%).",
                "Gieo cấy 42.000 ha, trong đó 8.400 ha bị nhiễm rầy nâu (20%), 2.100 ha nhiễm nặng (25%), đã phun thuốc xử lý 6.300 ha (75%).",
                "Tiếp nhận 2.400 hồ sơ, trong đó 1.800 hồ sơ trực tuyến (75%), 600 hồ sơ trực tiếp (25%); đã giải quyết trước hạn 1.710 hồ sơ trực tuyến, tương đương 95%.",
                // Changes, executions against a plan, levels above 100 %.
                "Xuất khẩu đạt 1,5 tỷ USD, trong đó thủy sản 300 triệu USD (20%), dệt may 450 triệu USD (+12%).",
                "Thu ngân sách đạt 5.200 tỷ đồng, trong đó thu nội địa 4.100 tỷ đồng, đạt 98%, tăng 10% so với cùng kỳ.",
                "Thu ngân sách đạt 5.200 tỷ đồng, trong đó thu nội địa 4.100 tỷ đồng (đạt 105%).",
                // Estimated wholes.
                "Thu ngân sách ước đạt 5.000 tỷ đồng, trong đó thu nội địa 4.100 tỷ đồng (chiếm 80%).",
                "Thu ngân sách có thể đạt tới 5.000 tỷ đồng, trong đó thu nội địa 4.100 tỷ đồng (chiếm 80%).",
            ],
        );
    }
}

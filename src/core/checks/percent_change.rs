//! `percent-change`: "X [unit], giảm/tăng Y [unit], tương đương (giảm/tăng) Z%".
//!
//! X is the new value and Y the change, so the old value is X + Y after a fall
//! and X − Y after a rise; Z must be Y divided by the old value, rounded or
//! truncated to the decimals Z is written with. Also "tăng từ A lên B, tăng
//! Z%" and "giảm từ A xuống B (giảm Z%)", where Z must be |B − A| / A.

use super::{mentions, text_after, Doc, Item, Out, Scale, COMPARED};
use crate::core::numbers::{phrase_at, skip_spaces, Dec, Ratio};
use crate::core::types::{Finding, Kind, Message, Related, Severity};

pub const CODE: &str = "percent-change";

/// Words between the change and the percentage that say "which is".
const LINKS: &[&str] = &["tương đương", "tương ứng", "bằng", "("];

#[derive(Clone, Copy, PartialEq)]
enum Direction {
    Fall,
    Rise,
}

impl Direction {
    /// The word for it in Vietnamese and in English.
    fn words(self) -> (&'static str, &'static str) {
        match self {
            Direction::Fall => ("giảm", "fall"),
            Direction::Rise => ("tăng", "rise"),
        }
    }
}

/// Reports Z (written) against `expected`, computed by `formula` (vi, en).
fn report(
    doc: &Doc,
    out: &mut Out,
    z: &Item,
    dir: Direction,
    formula: (String, String),
    expected: Dec,
    related: Vec<Related>,
) {
    let (what_vi, what_en) = dir.words();
    let zv = z.value().unwrap_or(Dec::ZERO);
    let d = zv.decimals();
    let (f_vi, f_en) = formula;
    out.findings.push(Finding {
        span: z.ann.span,
        code: CODE,
        severity: Severity::Warning,
        message: Message::new(
            format!(
                "Tỷ lệ {what_vi} không khớp: {f_vi} = {} %, bài viết ghi {} %.",
                expected.vi(d),
                zv.vi_auto()
            ),
            format!(
                "Percentage {what_en} does not match: {f_en} = {} %, the article says {} %.",
                expected.en(d),
                zv.en_auto()
            ),
        ),
        related,
        fixes: vec![doc.replace_percent(z, expected.vi(d))],
    });
}

fn direction(word: &str) -> Option<Direction> {
    match word {
        "giảm" => Some(Direction::Fall),
        "tăng" => Some(Direction::Rise),
        _ => None,
    }
}

/// The direction stated right before an item: "giảm 83", "tăng thêm 5", "giảm được 2".
fn stated_direction(doc: &Doc, item: &Item) -> Option<Direction> {
    let w = doc.words_before(item, 2);
    match w.first().map(AsRef::as_ref) {
        Some("thêm" | "được") => w.get(1).and_then(|x| direction(x)),
        Some(x) => direction(x),
        None => None,
    }
}

/// "tăng từ A lên B, tăng Z%", "giảm từ A xuống B (giảm Z%)": the old and
/// the new value both written; Z must be |B − A| / A.
fn from_to(doc: &Doc, out: &mut Out) {
    let items = &doc.items;
    for k in 0..items.len().saturating_sub(2) {
        let (a, b, z) = (&items[k], &items[k + 1], &items[k + 2]);
        if !a.is_amount() || !b.is_amount() || z.kind() != Kind::Percent {
            continue;
        }
        // Bytes first: this runs for every pair of amounts before a percentage.
        if !doc.text[..a.norm.start].trim_end().ends_with("từ") {
            continue;
        }
        let before = doc.words_before(a, 2);
        if before.first().map(AsRef::as_ref) != Some("từ") {
            continue;
        }
        let Some(dir) = before.get(1).and_then(|w| direction(w)) else {
            continue;
        };
        let to = match dir {
            Direction::Rise => "lên",
            Direction::Fall => "xuống",
        };
        let gap_ab = doc.between(a, b).trim();
        if gap_ab.len() > 40 || !gap_ab.ends_with(to) {
            continue;
        }
        if a.measure() != b.measure() && a.measure().is_some() {
            continue;
        }
        // Z right after B, saying it is the change in the same direction:
        // ", tăng Z%", " (giảm Z%)", ", tương đương tăng Z%". A percentage
        // further on is about something else ("…, vốn đăng ký tăng 35%").
        let gap = crate::core::text::lowercase(doc.between(b, z));
        let link = gap
            .trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ':'))
            .trim_start_matches("tương đương")
            .trim_start_matches("tức là")
            .trim_start_matches("tức")
            .trim_start_matches(|c: char| c.is_whitespace() || c == ',');
        let stated = match link.trim() {
            "tăng" | "tăng thêm" => Some(Direction::Rise),
            "giảm" => Some(Direction::Fall),
            _ => None,
        };
        if stated != Some(dir) || mentions(text_after(doc, z, 20), COMPARED) {
            continue;
        }
        let (Some(av), Some(bv), Some(zv)) = (a.value(), b.value(), z.value()) else {
            continue;
        };
        if av.mantissa <= 0 {
            continue;
        }
        let change = match dir {
            Direction::Rise => bv - av,
            Direction::Fall => av - bv,
        };
        let Some(q) = Ratio::div(change, av).map(|r| r.times(100)) else {
            continue;
        };
        let magnitude = if zv.mantissa < 0 { -zv } else { zv };
        let ok = q.matches_written(magnitude) || within_rounding(doc, a, b, av, bv, zv, dir);
        let d = zv.decimals();
        let expected = q.round(d);
        let shown = q.round(2.max(d));
        let scale = Scale::of(&[a, b]);
        let (vi, en) = (|x: Dec| scale.vi(x), |x: Dec| scale.en(x));
        let (from, to_v) = match dir {
            Direction::Rise => (bv, av),
            Direction::Fall => (av, bv),
        };
        // Rare enough to format whether or not it is explained or reported.
        let formula = (
            format!("({} − {}) / {}", vi(from), vi(to_v), vi(av)),
            format!("({} − {}) / {}", en(from), en(to_v), en(av)),
        );
        let mark = if ok { "✓" } else { "✗" };
        out.explain(vec![a.ann.span, b.ann.span, z.ann.span], ok, || {
            (
                format!("{} = {} % {mark}", formula.0, shown.vi(2.max(d))),
                format!("{} = {} % {mark}", formula.1, shown.en(2.max(d))),
            )
        });
        if ok {
            continue;
        }
        let related = vec![
            doc.related(a, "giá trị trước", "value before"),
            doc.related(b, "giá trị sau", "value after"),
        ];
        report(doc, out, z, dir, formula, expected, related);
    }
}

/// Half the last written digit of an amount that is rounded ("2,1 triệu",
/// "3,5 ha"); zero for a count written in full ("56 người").
fn half_ulp(doc: &Doc, item: &Item) -> f64 {
    let written = doc.show(item);
    let number: &str = written
        .split(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .next()
        .unwrap_or("");
    let decimals = number.split_once(',').map_or(0, |(_, d)| d.len()) as i32;
    let k: i32 = item
        .ann
        .attr("multiplier")
        .and_then(|m| m.strip_prefix("1e"))
        .and_then(|k| k.parse().ok())
        .unwrap_or(0);
    if decimals == 0 && k == 0 {
        0.0
    } else {
        0.5 * 10f64.powi(k - decimals)
    }
}

/// Whether Z% is what some values within the rounding of A and B give.
fn within_rounding(
    doc: &Doc,
    a: &Item,
    b: &Item,
    av: Dec,
    bv: Dec,
    zv: Dec,
    dir: Direction,
) -> bool {
    let (ea, eb) = (half_ulp(doc, a), half_ulp(doc, b));
    if ea == 0.0 && eb == 0.0 {
        return false;
    }
    let f = |d: Dec| d.plain().parse::<f64>().unwrap_or(f64::NAN);
    let (a, b) = (f(av), f(bv));
    let change = |a: f64, b: f64| match dir {
        Direction::Rise => (b - a) / a * 100.0,
        Direction::Fall => (a - b) / a * 100.0,
    };
    let corners = [
        change(a - ea, b - eb),
        change(a - ea, b + eb),
        change(a + ea, b - eb),
        change(a + ea, b + eb),
    ];
    let lo = corners.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = corners.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let z = f(zv).abs();
    let half_z = 0.5 * 10f64.powi(-(zv.decimals() as i32));
    z + half_z >= lo && z - half_z <= hi
}

pub fn check(doc: &Doc, out: &mut Out) {
    from_to(doc, out);
    let items = &doc.items;
    for (k, z) in items.iter().enumerate() {
        if z.kind() != Kind::Percent {
            continue;
        }
        let clause = doc.sentence(z.norm.start, true);
        // Y: the nearest earlier non-date item of the clause.
        let Some(yi) = (0..k)
            .rev()
            .take_while(|&j| items[j].norm.start >= clause.start)
            .find(|&j| items[j].kind() != Kind::Date)
        else {
            continue;
        };
        let y = &items[yi];
        if !y.is_amount() {
            continue;
        }
        let Some(dir) = stated_direction(doc, y) else {
            continue;
        };
        let gap = &doc.text[y.norm.end..z.norm.start];
        if gap.len() > 90 || !mentions(gap, LINKS) {
            continue;
        }
        // "tương đương 125% kế hoạch" compares with a plan, not with the old value.
        let after = text_after(doc, z, 20);
        if mentions(after, COMPARED) && !mentions(after, &["cùng kỳ"]) {
            continue;
        }
        // "tương đương 1,5% tổng số vụ": a share of something else.
        let share_of = [
            "tổng",
            "trên tổng",
            "trong tổng",
            "của",
            "dân số",
            "cả nước",
            "toàn quốc",
            "số",
        ];
        if share_of
            .iter()
            .any(|w| phrase_at(doc.text, skip_spaces(doc.text, z.norm.end), w).is_some())
        {
            continue;
        }
        // A direction word right before Z must agree with Y's.
        let z_words = doc.words_before(z, 1);
        if let Some(d) = z_words.first().and_then(|w| direction(w)) {
            if d != dir {
                continue;
            }
        }
        // X: the nearest earlier amount before Y, with nothing but words between.
        let Some(x) = yi.checked_sub(1).map(|j| &items[j]) else {
            continue;
        };
        if x.norm.start < clause.start || !x.is_amount() || x.ann.attr("ordinal").is_some() {
            continue;
        }
        let gap_xy = doc.between(x, y);
        if gap_xy.len() > 70 || mentions(gap_xy, &["trong đó", "so với", "còn", "gồm"]) {
            continue;
        }
        if x.measure() != y.measure() && y.measure().is_some() {
            continue;
        }
        if stated_direction(doc, x).is_some() {
            continue; // "tăng 5 vụ, giảm 2 vụ": two changes, not a value and its change
        }
        let (Some(xv), Some(yv), Some(zv)) = (x.value(), y.value(), z.value()) else {
            continue;
        };
        let base = match dir {
            Direction::Fall => xv + yv,
            Direction::Rise => xv - yv,
        };
        if base.mantissa <= 0 {
            continue;
        }
        let Some(q) = Ratio::div(yv, base).map(|r| r.times(100)) else {
            continue;
        };
        let scale = Scale::of(&[x, y]);
        let vi = |d: Dec| scale.vi(d);
        let en = |d: Dec| scale.en(d);
        // "tăng 25%, bằng 125% so với cùng kỳ": a percentage may also state the
        // new level against the old one (X / old); accept that reading too.
        let level = Ratio::div(xv, base).map(|r| r.times(100));
        // The verb gives the direction: "giảm 20 tỷ, tương đương -20%" is 20 %.
        let magnitude = if zv.mantissa < 0 { -zv } else { zv };
        let ok =
            q.matches_written(magnitude) || level.is_some_and(|l| l.matches_written(magnitude));
        let d = zv.decimals();
        let expected = q.round(d);
        let unit = y
            .unit()
            .or(x.unit())
            .or(x.ann.attr("currency"))
            .map(|u| format!(" {u}"))
            .unwrap_or_default();
        let (op, op_en) = match dir {
            Direction::Fall => ("+", "+"),
            Direction::Rise => ("−", "−"),
        };
        let shown = q.round(2.max(d));
        let mark = if ok { "✓" } else { "✗" };
        out.explain(vec![x.ann.span, y.ann.span, z.ann.span], ok, || {
            let vi_text = format!(
                "{} {op} {} = {}{unit} trước đó; {} / {} = {} % {mark}{}",
                vi(xv),
                vi(yv),
                vi(base),
                vi(yv),
                vi(base),
                shown.vi(2.max(d)),
                if ok {
                    String::new()
                } else {
                    format!(" (bài viết ghi {} %)", zv.vi_auto())
                }
            );
            let en_text = format!(
                "{} {op_en} {} = {}{unit} before; {} / {} = {} % {mark}{}",
                en(xv),
                en(yv),
                en(base),
                en(yv),
                en(base),
                shown.en(2.max(d)),
                if ok {
                    String::new()
                } else {
                    format!(" (the article says {} %)", zv.en_auto())
                }
            );
            (vi_text, en_text)
        });
        if ok {
            continue;
        }
        let formula = (
            format!("{} / ({} {op} {})", vi(yv), vi(xv), vi(yv)),
            format!("{} / ({} {op_en} {})", en(yv), en(xv), en(yv)),
        );
        let (what_vi, what_en) = dir.words();
        let related = vec![
            doc.related(x, "giá trị hiện tại", "current value"),
            doc.related(y, &format!("mức {what_vi}"), &format!("the {what_en}")),
        ];
        report(doc, out, z, dir, formula, expected, related);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{analyse, table};
    use super::CODE;

    #[test]
    fn cases() {
        table(
            CODE,
            &[
                ("Năm 2023 xảy ra 274 vụ cướp giật, giảm 83 vụ, tương đương giảm 25% so với năm 2022.", "25%"),
                // The classic slip: dividing by the new value (83 / 274 = 30,29 %).
                ("Toàn tỉnh có 274 vụ, giảm 83 vụ, tương đương 30,29%.", "30,29%"),
                ("Số tai nạn là 120 vụ, tăng 20 vụ so với cùng kỳ, tương ứng tăng 16,67%.", "16,67%"),
                ("Huyện ghi nhận 45 trường hợp, giảm 5 trường hợp (giảm 11%).", "11%"),
                ("Doanh thu đạt 900 tỷ đồng, tăng 150 tỷ đồng, tương đương 16,7%.", "16,7%"),
                // 1 / 8 = 12,5 %: 12 or 13 are accepted, 14 is not.
                ("Có 7 vụ, giảm 1 vụ, tương đương giảm 14%.", "14%"),
                // The old and the new value both written.
                ("Số người chết tăng từ 56 người lên 61 người, tăng 10,2%.", "10,2%"),
                ("Lượng khách tăng từ 1,8 triệu lượt lên 2,1 triệu lượt, tăng 31,5%.", "31,5%"),
                ("Doanh thu giảm từ 200 tỷ đồng xuống 150 tỷ đồng (giảm 20%).", "20%"),
            ],
            &[
                "Trong năm 2023, toàn tỉnh xảy ra 274 vụ phạm pháp, giảm 83 vụ, tương đương giảm 23,25% so với năm 2022.",
                "Toàn tỉnh có 274 vụ, giảm 83 vụ, tương đương 23,2%.",
                "Số tai nạn là 120 vụ, tăng 20 vụ so với cùng kỳ, tương ứng tăng 20%.",
                "Huyện ghi nhận 45 trường hợp, giảm 5 trường hợp (giảm 10%).",
                "Có 7 vụ, giảm 1 vụ, tương đương giảm 12,5%.",
                "Có 7 vụ, giảm 1 vụ, tương đương giảm 13%.",
                "Có 7 vụ, giảm 1 vụ, tương đương giảm 12%.",
                // A percentage that is not the change's: different subject.
                "Có 274 vụ, giảm 83 vụ; tỷ lệ khám phá đạt 97,72%.",
                // Change of a different unit than the value.
                "Bắt 530 đối tượng, giảm 83 vụ, tương đương 25%.",
                // Opposite directions: not one statement.
                "Có 274 vụ, giảm 83 vụ, tương đương tăng 25%.",
                // The level against the old value, not the change: 1.000 / 800 = 125 %.
                "Thu ngân sách đạt 1.000 tỷ đồng, tăng 200 tỷ đồng, bằng 125% so với cùng kỳ.",
                // A comparison with the plan.
                "Thu ngân sách đạt 1.000 tỷ đồng, tăng 200 tỷ đồng, tương đương 110% kế hoạch.",
                // A share of a total, not the change.
                "Huyện có 300 vụ, tăng 20 vụ, tương đương 1,5% tổng số vụ toàn tỉnh.",
                // The verb gives the direction; the sign repeats it.
                "Doanh thu đạt 80 tỷ đồng, giảm 20 tỷ đồng, tương đương -20%.",
                "Số người chết tăng từ 56 người lên 61 người, tăng 8,9%.",
                "Doanh thu giảm từ 200 tỷ đồng xuống 150 tỷ đồng (giảm 25%).",
                // A percentage further on is about something else.
                "Số doanh nghiệp tăng từ 120 lên 150 doanh nghiệp, vốn đăng ký tăng 35%.",
                // Rounded amounts: 23% is within what 3,15–3,25 and 3,85–3,95 give.
                "Kim ngạch tăng từ 3,2 tỷ USD lên 3,9 tỷ USD, tăng 23%.",
                // Percentages of percentages are points, not checked here.
                "Tỷ lệ tăng từ 80% lên 90%, tăng 10%.",
                // A percentage against the plan.
                "Vốn tăng từ 100 tỷ đồng lên 120 tỷ đồng, tăng 15% so với kế hoạch.",
            ],
        );
    }

    #[test]
    fn fix_and_explanation() {
        let (text, findings) = analyse("Có 274 vụ, giảm 83 vụ, tương đương giảm 25%.");
        let f = findings.iter().find(|f| f.code == CODE).unwrap();
        assert_eq!(
            f.message.vi,
            "Tỷ lệ giảm không khớp: 83 / (274 + 83) = 23 %, bài viết ghi 25 %."
        );
        let edit = &f.fixes[0].edits[0];
        assert_eq!(edit.span.text(&text), "25");
        assert_eq!(edit.new_text, "23");
        assert_eq!(f.related.len(), 2);
        let a = crate::core::analyze(
            "date 2024-01 Có 274 vụ, giảm 83 vụ, tương đương giảm 23,25% so với năm 2022.",
        );
        let e = &a
            .explanations
            .iter()
            .find(|e| e.text.vi.contains("357"))
            .unwrap();
        assert!(e.ok);
        assert_eq!(
            e.text.vi,
            "274 + 83 = 357 vụ trước đó; 83 / 357 = 23,25 % ✓"
        );
        assert_eq!(e.spans.len(), 3);
    }
}

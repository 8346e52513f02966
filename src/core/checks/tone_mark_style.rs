//! `tone-mark-style` (information): one article mixing old and new tone-mark
//! placement (Ủy and Uỷ, hóa and hoá). One finding on the first syllable in the
//! minority style, with a fix that converts every minority syllable to the
//! majority style (ties go to the old style, the dominant press spelling).
//! People's names are left out: "Thúy" is how that person spells it.

use super::{Doc, Out};
use crate::core::entities::gazetteer::Tok;
use crate::core::text::{restyle, ToneStyle};
use crate::core::types::{Edit, Finding, Fix, Kind, Message, Related, Severity};

pub const CODE: &str = "tone-mark-style";

/// At most this many related entries (the fix still covers every syllable).
const MAX_RELATED: usize = 20;

pub fn check(doc: &Doc, out: &mut Out) {
    let body_start = doc
        .header
        .map_or(0, |h| doc.prepared.offset_to_norm(h.span.end));
    // Most articles use one style: nothing to look up then.
    let mut styles = doc
        .words
        .iter()
        .filter(|t| t.span.start >= body_start)
        .filter_map(|t| t.style);
    let Some(first_style) = styles.next() else {
        return;
    };
    if styles.all(|s| s == first_style) {
        return;
    }
    // A person's name keeps its own spelling ("Nguyễn Thị Thúy" in an
    // article written "Uỷ ban"): it is neither counted nor converted.
    let names: Vec<(usize, usize)> = doc
        .annotations
        .iter()
        .filter(|a| a.kind == Kind::Person)
        .map(|a| {
            (
                doc.prepared.offset_to_norm(a.span.start),
                doc.prepared.offset_to_norm(a.span.end),
            )
        })
        .collect();
    let in_name = |t: &Tok| {
        names
            .iter()
            .any(|&(s, e)| s <= t.span.start && t.span.end <= e)
    };
    let styled: Vec<_> = doc
        .words
        .iter()
        .filter(|t| t.span.start >= body_start)
        .filter_map(|t| t.style.map(|s| (t, s)))
        .filter(|(t, _)| !in_name(t))
        .collect();
    let old = styled.iter().filter(|(_, s)| *s == ToneStyle::Old).count();
    let new = styled.len() - old;
    if old == 0 || new == 0 {
        return;
    }
    let (major, minor_count, major_count) = if new > old {
        (ToneStyle::New, old, new)
    } else {
        (ToneStyle::Old, new, old)
    };
    let minority: Vec<_> = styled.iter().filter(|(_, s)| *s != major).collect();
    let to_orig = |t: &Tok| doc.orig(t.span);
    let (major_vi, major_en, minor_vi) = match major {
        ToneStyle::Old => ("kiểu cũ (Ủy, hóa)", "the old style (Ủy, hóa)", "kiểu mới"),
        ToneStyle::New => ("kiểu mới (Uỷ, hoá)", "the new style (Uỷ, hoá)", "kiểu cũ"),
    };
    let first = &minority[0].0;
    let example = styled
        .iter()
        .find(|(_, s)| *s == major)
        .map(|(t, _)| t.text)
        .unwrap_or("");
    let edits: Vec<Edit> = minority
        .iter()
        .map(|(t, _)| Edit {
            span: to_orig(t),
            new_text: restyle(t.text, major),
        })
        .collect();
    let related: Vec<Related> = minority
        .iter()
        .skip(1)
        .take(MAX_RELATED)
        .map(|(t, _)| Related {
            doc: None,
            span: to_orig(t),
            message: Message::new(
                format!("cũng viết {minor_vi}: {}", t.text),
                format!("also in the minority style: {}", t.text),
            ),
        })
        .collect();
    out.findings.push(Finding {
        span: to_orig(first),
        code: CODE,
        severity: Severity::Information,
        message: Message::new(
            format!(
                "Bài viết trộn hai kiểu bỏ dấu: {major_count} âm tiết theo {major_vi} (ví dụ “{example}”), {minor_count} âm tiết theo {minor_vi} (như “{}”).",
                first.text
            ),
            format!(
                "The article mixes tone-mark styles: {major_count} syllables in {major_en} (e.g. “{example}”), {minor_count} in the other (such as “{}”).",
                first.text
            ),
        ),
        related,
        fixes: vec![Fix {
            title: Message::new(format!("Chuyển cả bài sang {major_vi}"), format!("Convert the whole article to {major_en}")),
            edits,
        }],
    });
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
                ("Tỉnh ủy và Uỷ ban cùng làm việc về ma túy.", "Uỷ"),
                ("Văn hoá, giáo dục và thuỷ lợi; Tỉnh ủy chỉ đạo.", "ủy"),
                (
                    "Công tác hòa giải, hoá giải mâu thuẫn ở cơ sở hòa thuận.",
                    "hoá",
                ),
                ("Đảng uỷ, Tỉnh uỷ và cấp ủy.", "ủy"),
                ("Khỏe mạnh và khoẻ khoắn, khỏe.", "khoẻ"),
            ],
            &[
                "Tỉnh ủy và Ủy ban cùng làm việc về ma túy.",
                "Tỉnh uỷ và Uỷ ban cùng làm việc về ma tuý.",
                "Quý I, tỉnh quyết định quy hoạch.",
                "Hoàn thành kế hoạch, không có dấu nào khác kiểu.",
                "Thanh Hóa và hòa bình.",
                // A person's name keeps its spelling.
                "Bà Nguyễn Thị Thúy, Phó Chủ tịch Uỷ ban nhân dân tỉnh, cho biết kế hoạch hoá đã xong.",
            ],
        );
    }

    #[test]
    fn fix_converts_every_minority_syllable() {
        let (text, findings) = analyse("Đảng uỷ, Tỉnh uỷ, Uỷ ban và cấp ủy, văn hóa.");
        let f = findings.iter().find(|f| f.code == CODE).unwrap();
        let mut fixed = text.clone();
        let mut edits = f.fixes[0].edits.clone();
        edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
        for e in edits {
            fixed.replace_range(e.span.start..e.span.end, &e.new_text);
        }
        assert!(
            fixed.ends_with("Đảng uỷ, Tỉnh uỷ, Uỷ ban và cấp uỷ, văn hoá."),
            "{fixed}"
        );
    }
}

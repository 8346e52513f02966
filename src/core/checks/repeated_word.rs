//! `repeated-word`: a word written twice in a row by accident, never across
//! punctuation or line breaks, and not a correct reduplication
//! (`data/reduplications.txt`: từ từ, xa xa, thường thường ...).
//!
//! Two-syllable words are reported ("an ninh an ninh"). A single syllable
//! often ends one word and starts the next ("Bộ Tài chính chính thức", "đại
//! biểu biểu quyết", "Nam Định định hướng"), which only a dictionary could
//! tell from a slip, so one is reported only when it is a grammatical word
//! (`data/function_words.txt`: "đã đã", "của của"), when the pair opens or
//! closes a clause (", phục phục phát triển": no word can end in the first
//! copy), or when a capitalised word is written again ("Tỉnh Tỉnh ủy", "Uỷ
//! ủy ban") and does not end a name or listed phrase. A lower-case word
//! followed by the same word capitalised is a name starting ("Trưởng phòng
//! Phòng Cảnh sát").

use super::{Doc, Out};
use crate::core::entities::gazetteer::{is_function_word, Tok};
use crate::core::text::fold_tones;
use crate::core::types::{Edit, Finding, Fix, Message, Severity, Span};
use std::collections::HashSet;
use std::sync::LazyLock;

pub const CODE: &str = "repeated-word";

static ALLOWED: LazyLock<HashSet<String>> = LazyLock::new(|| {
    include_str!("../../../data/reduplications.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| fold_tones(&crate::core::text::normalize(l)).to_lowercase())
        .collect()
});

/// Whether the syllable `doc.words[i]`, written again right after, is a slip
/// rather than the end of one word and the start of the next.
fn single_is_slip(doc: &Doc, i: usize) -> bool {
    let (first, second) = (&doc.words[i], &doc.words[i + 1]);
    // The end of a name or listed phrase ("Nguyễn Văn Được được bầu", "Nam
    // Định định hướng"), or a lower-case word before a capitalised one (a
    // name starting: "Trưởng phòng Phòng, chống …"), is never a slip.
    if (first.starts_upper() && doc.phrase_ends_at(i))
        || (!first.starts_upper() && second.starts_upper())
    {
        return false;
    }
    if is_function_word(&first.key) {
        return true;
    }
    // At a clause's edge one copy cannot belong to a neighbouring word:
    // ", phục phục phát triển", "đã được phê duyệt duyệt."
    let starts_clause = first.sep != " ";
    let ends_clause = doc.words.get(i + 2).is_none_or(|next| next.sep != " ");
    if !first.starts_upper() && (starts_clause || ends_clause) {
        return true;
    }
    // A capitalised word written again ("Tỉnh Tỉnh", "Uỷ ủy").
    first.starts_upper()
}

fn key(words: &[Tok]) -> String {
    let joined: Vec<&str> = words.iter().map(|t| t.text).collect();
    fold_tones(&joined.join(" ")).to_lowercase()
}

/// Only plain spaces between two tokens.
fn spaced(text: &str, a: &Tok, b: &Tok) -> bool {
    let gap = &text[a.span.end..b.span.start];
    !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\u{a0}')
}

/// Letters only (a word with a digit is not a repeated word).
fn is_letters(word: &str) -> bool {
    word.chars().all(|c| {
        if c.is_ascii() {
            c.is_ascii_alphabetic()
        } else {
            (matches!(c, '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}') && c != '×' && c != '÷')
                || c.is_alphabetic()
        }
    })
}

pub fn check(doc: &Doc, out: &mut Out) {
    let text = doc.text;
    let toks = doc.words;
    // Keys are lowercase in the old tone style: `Uỷ` and `ủy` are the same word.
    // Length and first byte decide for most pairs without a string compare.
    let same = |a: usize, b: usize| {
        let (x, y) = (toks[a].key.as_bytes(), toks[b].key.as_bytes());
        x.len() == y.len() && x.first() == y.first() && x == y
    };
    let mut i = 0;
    while i + 1 < toks.len() {
        // Most tokens repeat neither their neighbour nor the one after.
        let candidate = same(i, i + 1) || (i + 3 < toks.len() && same(i, i + 2));
        if !candidate {
            i += 1;
            continue;
        }
        // Try a two-syllable word first ("an ninh an ninh"), then one syllable.
        let mut matched = None;
        for n in [2usize, 1] {
            if i + 2 * n > toks.len() {
                continue;
            }
            // The cheap test first: most neighbours differ.
            if !(0..n).all(|k| same(i + k, i + n + k)) {
                continue;
            }
            if !toks[i..i + 2 * n].iter().all(|t| is_letters(t.text)) {
                continue;
            }
            let all_spaced = (i..i + 2 * n - 1).all(|j| spaced(text, &toks[j], &toks[j + 1]));
            if !all_spaced {
                continue;
            }
            if n == 1 && !single_is_slip(doc, i) {
                continue;
            }
            let (first, second) = (&toks[i..i + n], &toks[i + n..i + 2 * n]);
            let phrase = format!("{} {}", key(first), key(second));
            if ALLOWED.contains(&phrase) {
                continue;
            }
            matched = Some(n);
            break;
        }
        let Some(n) = matched else {
            i += 1;
            continue;
        };
        let first_end = toks[i + n - 1].span.end;
        let second_end = toks[i + 2 * n - 1].span.end;
        let whole = doc.orig(Span::new(toks[i].span.start, second_end));
        let word = &text[toks[i].span.start..first_end];
        out.findings.push(Finding {
            span: whole,
            code: CODE,
            severity: Severity::Warning,
            message: Message::new(
                format!("Từ lặp: “{word}” được viết hai lần liên tiếp."),
                format!("Repeated word: “{word}” is written twice in a row."),
            ),
            related: Vec::new(),
            fixes: vec![Fix {
                title: Message::new(
                    format!("Bỏ “{word}” thừa"),
                    format!("Remove the extra “{word}”"),
                ),
                edits: vec![Edit {
                    span: doc.orig(Span::new(first_end, second_end)),
                    new_text: String::new(),
                }],
            }],
        });
        i += 2 * n;
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
                ("Lực lượng công an và và nhân dân.", "và và"),
                // At a clause's edge no word can end or start with the other copy.
                (
                    "Bảo đảm an ninh, phục phục phát triển kinh tế.",
                    "phục phục",
                ),
                ("Dự án đã được phê duyệt duyệt.", "duyệt duyệt"),
                (
                    "Bảo đảm an ninh an ninh trật tự trên địa bàn.",
                    "an ninh an ninh",
                ),
                ("Tỉnh đã đã hoàn thành chỉ tiêu.", "đã đã"),
                ("Hội nghị của của Ban Thường vụ.", "của của"),
                ("Đoàn công tác Tỉnh Tỉnh ủy làm việc.", "Tỉnh Tỉnh"),
                ("Công tác Uỷ ủy ban được chú trọng.", "Uỷ ủy"),
            ],
            &[
                "Tình hình từ từ ổn định trở lại.",
                "Xa xa là dãy núi biên giới.",
                "Thường thường mỗi tháng họp một lần.",
                "Người người thi đua, nhà nhà thi đua.",
                "Tình hình từng bước từng bước được cải thiện.",
                // Across punctuation or a line break is not a repetition.
                "Tỉnh ủy, ủy ban nhân dân cùng tham dự.",
                "Đoàn làm việc với tỉnh.\n\nTỉnh đã báo cáo kết quả.",
                "Kết quả đạt 100 100 là lỗi số, không phải lỗi từ.",
                // One word ends where the next starts with the same syllable.
                "Nghị quyết được tổng số đại biểu biểu quyết tán thành.",
                "Sở Tài chính chính thức công bố giá đất.",
                "Bộ Ngoại giao giao cho Sở Ngoại vụ chủ trì.",
                "Tỉnh Nam Định định hướng phát triển du lịch.",
                "Công an TP Hải Phòng phòng, chống tội phạm.",
                "Ông Trần Văn Định định hướng cho cán bộ trẻ.",
                // A name starts with the word a title ended with.
                "Ông Lê Văn Bình, Trưởng phòng Phòng Cảnh sát hình sự, cho biết.",
                "Ông Trần Văn Nam, Trưởng ban Ban Tuyên giáo, phát biểu.",
                "Trưởng Phòng Phòng Cảnh sát kinh tế cho biết.",
                "Công ty Cổ phần Phần mềm Sao Mai ký kết hợp đồng.",
                "Ông Nguyễn Văn Được được bầu làm Chủ tịch UBND xã.",
                "Ông Trần Văn Hùng, Trưởng phòng Phòng, chống tham nhũng, cho biết.",
                "Lực lượng ra ra vào vào kiểm tra suốt đêm.",
                "Ngân hàng ưu tiên cho cho vay sản xuất.",
                // An ordinary syllable inside a clause may be a slip, but only a
                // dictionary could tell.
                "Lực lượng công an phục phục vụ nhân dân.",
            ],
        );
    }

    #[test]
    fn fix_removes_the_second_copy() {
        let (text, findings) = analyse("phục vụ của của nhân dân");
        let f = findings.iter().find(|f| f.code == CODE).unwrap();
        let mut fixed = text.clone();
        let e = &f.fixes[0].edits[0];
        fixed.replace_range(e.span.start..e.span.end, &e.new_text);
        assert!(fixed.ends_with("phục vụ của nhân dân"), "{fixed}");
    }
}

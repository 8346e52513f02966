//! Hard negatives: phrases that are never a person (awards, slogans, outlets,
//! role phrases, events) and words that make the following name a place or
//! an institution ("đường Nguyễn Trãi", "trường THPT Lê Quý Đôn").

use super::gazetteer::{Doc, Entry, EntryKind, NegativeKind};

pub struct Negatives {
    /// Token ranges that no person may overlap.
    pub spans: Vec<(usize, usize)>,
    /// `before[i]`: a "before" word ends right before token `i`.
    pub before: Vec<bool>,
}

pub fn find(doc: &Doc<'_>) -> Negatives {
    let t = &doc.toks;
    let mut spans = Vec::new();
    let mut before = vec![false; t.len() + 1];
    for i in 0..t.len() {
        let Some((hit, entries)) = doc.longest_at(i, EntryKind::Negative, |_| true) else {
            continue;
        };
        let mut end = hit.end;
        for e in entries {
            match e {
                Entry::Negative(NegativeKind::Before) if doc.spaced(end) => {
                    before[end] = true;
                }
                Entry::Negative(NegativeKind::Before) => {}
                Entry::Negative(kind) => {
                    // "Huân chương Bảo vệ Tổ quốc hạng Nhì".
                    if *kind == NegativeKind::Award
                        && end + 1 < t.len()
                        && t[end].key == "hạng"
                        && doc.spaced(end)
                        && doc.spaced(end + 1)
                        && matches!(&*t[end + 1].key, "nhất" | "nhì" | "ba")
                    {
                        end += 2;
                    }
                    spans.push((i, end));
                }
                _ => {}
            }
        }
    }
    Negatives { spans, before }
}

//! Documents by number: a listed document type followed by a number
//! ("Nghị quyết 12", "Nghị quyết số 11", "Quy định 90", "Đề án 06"), or an
//! official number on its own ("12-NQ/TW", "100/2019/NĐ-CP"); with the issuer
//! when the text says "của"/"do" + an organisation or office.

use super::gazetteer::{Case, Doc, EntryKind};

#[derive(Debug, Clone)]
pub struct Document {
    pub start: usize,
    pub end: usize,
    /// As listed ("Quy định") or derived from the official number.
    pub doc_type: String,
    /// As written ("90", "12-NQ/TW").
    pub number: String,
    /// Whether `number` is an official number with a code (then it alone identifies the document).
    pub official: bool,
}

/// Document type of the code in an official number.
fn type_of_code(code: &str) -> Option<&'static str> {
    Some(match code {
        "NQ" | "NQLT" => "Nghị quyết",
        "NĐ" => "Nghị định",
        "QĐ" => "Quyết định",
        "QĐi" => "Quy định",
        "CT" => "Chỉ thị",
        "TT" | "TTLT" => "Thông tư",
        "KL" => "Kết luận",
        "KH" => "Kế hoạch",
        "HD" => "Hướng dẫn",
        "TB" => "Thông báo",
        "CV" => "Công văn",
        "QC" => "Quy chế",
        "ĐA" => "Đề án",
        "CTr" => "Chương trình",
        "CĐ" => "Công điện",
        _ if code.starts_with("QH") => "Luật",
        _ => return None,
    })
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit())
}

fn is_code_part(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_uppercase())
        && s.chars().all(|c| c.is_alphanumeric())
        && s.chars().count() <= 8
}

/// The end of a number starting at token `i`, with its thousands groups
/// ("2.135": tokens 2 and 135).
fn number_end(doc: &Doc<'_>, i: usize) -> usize {
    let t = &doc.toks;
    let mut j = i + 1;
    if t[i].text.len() <= 3 {
        while t
            .get(j)
            .is_some_and(|x| x.sep == "." && x.text.len() == 3 && is_digits(x.text))
        {
            j += 1;
        }
    }
    j
}

/// An official number starting at token `i` ("12-NQ/TW", "100/2019/NĐ-CP",
/// "15/KH-UBND", "2.135/QĐ-UBND"): its end token and the code's document type.
fn official_at(doc: &Doc<'_>, i: usize) -> Option<(usize, Option<&'static str>)> {
    let t = &doc.toks;
    if !is_digits(t.get(i)?.text) {
        return None;
    }
    let mut j = number_end(doc, i);
    // Optional year: "/2019".
    if t.get(j)
        .is_some_and(|x| x.sep == "/" && is_digits(x.text) && x.text.len() == 4)
    {
        j += 1;
    }
    let first_code = t
        .get(j)
        .filter(|x| matches!(x.sep, "/" | "-") && is_code_part(x.text))?;
    let code_type = type_of_code(first_code.text);
    j += 1;
    let mut parts = 1;
    while let Some(x) = t.get(j) {
        if matches!(x.sep, "/" | "-") && is_code_part(x.text) {
            j += 1;
            parts += 1;
        } else {
            break;
        }
    }
    // "7/63" or "5-10" never get here; a single code part needs a known type.
    if parts < 2 && code_type.is_none() {
        return None;
    }
    Some((j, code_type))
}

pub fn find(doc: &Doc<'_>) -> Vec<Document> {
    let t = &doc.toks;
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if let Some(hit) = doc.longest_hit_at(i, EntryKind::DocumentType, |_| true) {
            let mut j = hit.end;
            let mut has_so = false;
            if doc.spaced(j) && t[j].key == "số" {
                has_so = true;
                j += 1;
            }
            if doc.spaced(j) && is_digits(t[j].text) {
                let listed_type = crate::core::text::canonical_name(doc.text(i, hit.end));
                let (end, official) = match official_at(doc, j) {
                    Some((end, _)) => (end, true),
                    None => (number_end(doc, j), false),
                };
                let number = doc.text(j, end).to_string();
                // "Kế hoạch 2024" is a plan for a year, not plan number 2024.
                let year_like =
                    !official && !has_so && number.len() == 4 && number.starts_with(['1', '2']);
                if !year_like {
                    out.push(Document {
                        start: i,
                        end,
                        doc_type: listed_type,
                        number,
                        official,
                    });
                    i = end;
                    continue;
                }
            }
        }
        // Every word is tried: a call only for those starting with a digit.
        let digit = t[i].text.as_bytes()[0].is_ascii_digit();
        if let Some((end, Some(code_type))) = digit.then(|| official_at(doc, i)).flatten() {
            if t[i].case == Case::Other {
                out.push(Document {
                    start: i,
                    end,
                    doc_type: code_type.to_string(),
                    number: doc.text(i, end).to_string(),
                    official: true,
                });
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// The token where the issuer of a document ending at `end` starts: after
/// "của" or "do", possibly past a date ("ngày 20/10/2023 của").
pub fn issuer_start(doc: &Doc<'_>, end: usize) -> Option<usize> {
    let t = &doc.toks;
    let mut j = end;
    if doc.spaced(j) && t[j].key == "ngày" {
        j += 1;
        while t.get(j).is_some_and(|x| is_digits(x.text)) {
            j += 1;
        }
    }
    if doc.spaced(j) && matches!(&*t[j].key, "của" | "do") && doc.spaced(j + 1) {
        Some(j + 1)
    } else {
        None
    }
}

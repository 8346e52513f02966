//! The one place that converts between byte offsets and line/column positions.
//!
//! Lines end at `\n`, `\r\n` or `\r` (the LSP definition). Columns are counted
//! in the negotiated encoding: UTF-8 bytes, UTF-16 code units or Unicode
//! scalar values (UTF-32, which is also what the CLI prints, 1-based).
//! Positions past the end of a line clamp to the line's end; lines past the
//! end of the text clamp to the end of the text.

use ropey::Rope;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
    Utf32,
}

impl Encoding {
    /// Width of one char in this encoding's units.
    pub fn width(self, c: char) -> u32 {
        match self {
            Encoding::Utf8 => c.len_utf8() as u32,
            Encoding::Utf16 => c.len_utf16() as u32,
            Encoding::Utf32 => 1,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
            Encoding::Utf32 => "utf-32",
        }
    }

    pub fn parse(s: &str) -> Option<Encoding> {
        match s {
            "utf-8" => Some(Encoding::Utf8),
            "utf-16" => Some(Encoding::Utf16),
            "utf-32" => Some(Encoding::Utf32),
            _ => None,
        }
    }

    /// Picks the encoding from the client's offer: UTF-8 when offered, else
    /// UTF-16 (the LSP default, which every client must support).
    pub fn negotiate<'a>(offered: impl IntoIterator<Item = &'a str>) -> Encoding {
        let offered: Vec<&str> = offered.into_iter().collect();
        if offered.contains(&"utf-8") {
            Encoding::Utf8
        } else if offered.contains(&"utf-16") || offered.is_empty() {
            Encoding::Utf16
        } else if offered.contains(&"utf-32") {
            Encoding::Utf32
        } else {
            Encoding::Utf16
        }
    }
}

/// A zero-based line and column, in some encoding's units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// Line starts of a text, for fast offset ↔ position conversion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset where each line starts; always starts with 0.
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        // About one break per paragraph: memchr skips the text between them
        // many bytes at a time (a byte loop cost 9 instructions a byte).
        let mut starts = Vec::with_capacity(bytes.len() / 256 + 2);
        starts.push(0);
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            match bytes[i] {
                // The `\n` of a `\r\n` pair: the `\r` already started the line.
                b'\n' if i > 0 && bytes[i - 1] == b'\r' => {
                    if let Some(last) = starts.last_mut() {
                        *last = i + 1;
                    }
                }
                _ => starts.push(i + 1),
            }
        }
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte range of a line's content, without its line break.
    fn line_bounds(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self.starts[line];
        let mut end = self.starts.get(line + 1).copied().unwrap_or(self.len);
        let bytes = text.as_bytes();
        if end > start && bytes[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        (start, end)
    }

    /// Position of a byte offset. Offsets inside a char or past the end are
    /// moved back to the nearest char boundary.
    pub fn position(&self, text: &str, offset: usize, enc: Encoding) -> LineCol {
        self.position_after(text, None, offset, enc)
    }

    /// [`LineIndex::position`], counting on from an earlier `(offset,
    /// position)` of the same text when it is on the same line: positions
    /// asked for in text order (every mention of an entity in an article)
    /// then scan each long paragraph once.
    pub fn position_after(
        &self,
        text: &str,
        earlier: Option<(usize, LineCol)>,
        offset: usize,
        enc: Encoding,
    ) -> LineCol {
        let mut offset = offset.min(self.len);
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let (from, col) = match earlier {
            Some((from, p))
                if p.line as usize == line && from <= offset && text.is_char_boundary(from) =>
            {
                (from, p.col)
            }
            _ => (self.starts[line], 0),
        };
        LineCol {
            line: line as u32,
            col: col + units(&text[from..offset], enc),
        }
    }

    /// Byte offset of a position, clamped to the text and to the line's end.
    /// A column inside a multi-unit char lands on that char's start.
    pub fn offset(&self, text: &str, pos: LineCol, enc: Encoding) -> usize {
        let line = pos.line as usize;
        if line >= self.starts.len() {
            return self.len;
        }
        let (start, end) = self.line_bounds(text, line);
        start + column_to_byte(&text[start..end], pos.col, enc)
    }
}

/// Byte offset within a line for a column in `enc` units (clamped).
/// The length of `s` in `enc` code units, counted on the UTF-8 bytes: a
/// character is a byte that is not a continuation byte (`10xxxxxx`), and the
/// four-byte ones (lead byte `11110xxx`) take two UTF-16 units.
pub fn units(s: &str, enc: Encoding) -> u32 {
    let b = s.as_bytes();
    let n = match enc {
        Encoding::Utf8 => b.len(),
        Encoding::Utf32 => b.iter().filter(|&&x| (x as i8) >= -0x40).count(),
        Encoding::Utf16 => b
            .iter()
            .map(|&x| usize::from((x as i8) >= -0x40) + usize::from(x >= 0xF0))
            .sum(),
    };
    n as u32
}

fn column_to_byte(line: &str, col: u32, enc: Encoding) -> usize {
    let mut units = 0u32;
    for (i, c) in line.char_indices() {
        let w = enc.width(c);
        if units + w > col {
            return i;
        }
        units += w;
    }
    line.len()
}

/// Char index in `rope` of an LSP position (clamped like [`LineIndex::offset`]).
/// Used to apply incremental edits.
pub fn rope_char_index(rope: &Rope, pos: LineCol, enc: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let line_start = rope.line_to_char(line);
    let slice = rope.line(line);
    let mut units = 0u32;
    for (i, c) in slice.chars().enumerate() {
        if c == '\n' || c == '\r' {
            return line_start + i;
        }
        let w = enc.width(c);
        if units + w > pos.col {
            return line_start + i;
        }
        units += w;
    }
    line_start + slice.len_chars()
}

/// 1-based line and column in Unicode scalar values, as the CLI prints them.
pub fn human(index: &LineIndex, text: &str, offset: usize) -> (usize, usize) {
    let p = index.position(text, offset, Encoding::Utf32);
    (p.line as usize + 1, p.col as usize + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn units_counted_on_bytes_match_char_widths() {
        let text = "Tô Lâm 😀 Đắk Lắk\r\nx\u{301}y 𝄞\rz\n";
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            for (i, _) in text.char_indices() {
                for (j, _) in text[i..].char_indices() {
                    let s = &text[i..i + j];
                    let by_chars: u32 = s.chars().map(|c| enc.width(c)).sum();
                    assert_eq!(units(s, enc), by_chars, "{s:?} {enc:?}");
                }
            }
        }
    }

    #[test]
    fn positions_counted_on_from_an_earlier_one_are_the_same() {
        let text = "date 2024-03\nTô Lâm gặp 😀 Lâm\r\nrồi Lâm\rvà Lâm x";
        let index = LineIndex::new(text);
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            for from in 0..=text.len() + 1 {
                let earlier = index.position(text, from, enc);
                for offset in 0..=text.len() + 1 {
                    assert_eq!(
                        index.position_after(text, Some((from, earlier)), offset, enc),
                        index.position(text, offset, enc),
                        "{from} -> {offset} {enc:?}"
                    );
                }
            }
        }
    }

    fn roundtrip_all(text: &str) {
        let idx = LineIndex::new(text);
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            for (off, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let p = idx.position(text, off, enc);
                let back = idx.offset(text, p, enc);
                // A line break's '\n' of a CRLF sits at the line's end: it maps to the '\r'.
                let expect = if off > 0
                    && text.as_bytes().get(off) == Some(&b'\n')
                    && text.as_bytes()[off - 1] == b'\r'
                {
                    off - 1
                } else {
                    off
                };
                assert_eq!(back, expect, "{enc:?} offset {off} -> {p:?} in {text:?}");
            }
        }
    }

    #[test]
    fn vietnamese_columns() {
        let text = " date 2023-08 Đại tướng Tô Lâm";
        let idx = LineIndex::new(text);
        let off = text.find("Tô").unwrap();
        assert_eq!(idx.position(text, off, Encoding::Utf8).col, off as u32);
        // "Đại tướng " has 10 chars, each precomposed letter is one UTF-16 unit.
        assert_eq!(idx.position(text, off, Encoding::Utf16).col, 24);
        assert_eq!(idx.position(text, off, Encoding::Utf32).col, 24);
        roundtrip_all(text);
    }

    #[test]
    fn decomposed_marks_count_as_separate_units() {
        let text: String = "Ủy ban".nfd().collect();
        let idx = LineIndex::new(&text);
        let off = text.find(' ').unwrap();
        // NFD "Ủ" is U + combining hook above: two scalar values, two UTF-16 units.
        let chars_before = text[..off].chars().count() as u32;
        assert_eq!(idx.position(&text, off, Encoding::Utf32).col, chars_before);
        assert_eq!(idx.position(&text, off, Encoding::Utf16).col, chars_before);
        roundtrip_all(&text);
    }

    #[test]
    fn crlf_and_lone_cr() {
        let text = "a\r\nbé\rc\nd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(
            idx.position(text, text.find('b').unwrap(), Encoding::Utf16),
            LineCol { line: 1, col: 0 }
        );
        assert_eq!(
            idx.position(text, text.find('c').unwrap(), Encoding::Utf16),
            LineCol { line: 2, col: 0 }
        );
        // Column past the end of line 0 clamps before the CRLF.
        assert_eq!(
            idx.offset(text, LineCol { line: 0, col: 99 }, Encoding::Utf16),
            1
        );
        // Line past the end clamps to the end of the text.
        assert_eq!(
            idx.offset(text, LineCol { line: 99, col: 0 }, Encoding::Utf16),
            text.len()
        );
        roundtrip_all(text);
    }

    #[test]
    fn astral_characters() {
        let text = "x😀y\n😀";
        let idx = LineIndex::new(text);
        let y = text.find('y').unwrap();
        assert_eq!(idx.position(text, y, Encoding::Utf16).col, 3);
        assert_eq!(idx.position(text, y, Encoding::Utf32).col, 2);
        assert_eq!(idx.position(text, y, Encoding::Utf8).col, 5);
        // A column in the middle of a surrogate pair lands on the emoji's start.
        assert_eq!(
            idx.offset(text, LineCol { line: 0, col: 2 }, Encoding::Utf16),
            1
        );
        roundtrip_all(text);
    }

    #[test]
    fn rope_agrees_with_line_index() {
        let text = "Tô Lâm\r\nđã 😀 tới\rLạng Sơn\n";
        let rope = Rope::from_str(text);
        let idx = LineIndex::new(text);
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            for line in 0..5 {
                for col in 0..14 {
                    let p = LineCol { line, col };
                    let byte = idx.offset(text, p, enc);
                    let ch = rope_char_index(&rope, p, enc);
                    assert_eq!(rope.char_to_byte(ch), byte, "{enc:?} {p:?}");
                }
            }
        }
    }

    #[test]
    fn line_starts_agree_with_rope_on_every_kind_of_break() {
        for text in [
            "",
            "\n",
            "\r",
            "\r\n",
            "\r\r\n\n\r",
            "a\r\nb\rc\nd",
            "\n\r\n\r\r",
            "Lạng Sơn\r\n\r\nĐồng Đăng\r",
        ] {
            let rope = Rope::from_str(text);
            let idx = LineIndex::new(text);
            assert_eq!(idx.line_count(), rope.len_lines(), "{text:?}");
            for line in 0..rope.len_lines() {
                assert_eq!(
                    idx.starts[line],
                    rope.line_to_byte(line),
                    "{text:?} line {line}"
                );
            }
        }
    }

    #[test]
    fn negotiation() {
        assert_eq!(Encoding::negotiate(["utf-16", "utf-8"]), Encoding::Utf8);
        assert_eq!(Encoding::negotiate(["utf-32", "utf-16"]), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(["utf-32"]), Encoding::Utf32);
        assert_eq!(Encoding::negotiate([]), Encoding::Utf16);
    }
}

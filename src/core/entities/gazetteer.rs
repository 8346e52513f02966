//! Every word list of the recogniser, compiled in and matched in one pass.
//!
//! The article is tokenised once into syllables ([`Doc`]), each with its
//! lowercase, tone-folded key and the gap before it reduced to a canonical
//! separator (`" "`, `" - "`, `", "`, `"."`, ...; anything else becomes
//! `"|"`, which no entry contains). All list entries (places, organisations,
//! titles, negatives, acronyms, document types) form one trie over (separator,
//! key) steps, so every entry is found whatever the spacing, tone style,
//! `Ð`/`Đ` or letter case of the text, by walking the trie from each token.
//! Capitalisation is checked afterwards against the entry (an upper-case
//! letter in the list requires an upper-case letter in the text).

use crate::core::fxhash::{FxMap, FxSet};
use crate::core::text::{self, ToneStyle};
use crate::core::types::Span;
use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

/// How a token is capitalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// `Lâm`, `A`.
    Title,
    /// `UBND`, `GRDP` (two or more letters, all upper case).
    Upper,
    /// `tỉnh`.
    Lower,
    /// Digits or mixed (`VNeID`, `10`).
    Other,
}

/// One syllable (maximal run of letters and digits) of the normalised text.
#[derive(Debug, Clone)]
pub struct Tok<'t> {
    pub text: &'t str,
    /// Byte span in `Prepared::norm`.
    pub span: Span,
    pub case: Case,
    /// Lowercase, old tone style (borrowed from the text when it already is).
    pub key: Cow<'t, str>,
    /// Canonical separator between the previous token and this one.
    pub sep: &'static str,
    /// The tone-mark style of the syllable as written ([`text::tone_style`]).
    pub style: Option<ToneStyle>,
}

impl Tok<'_> {
    pub fn is_title(&self) -> bool {
        self.case == Case::Title
    }
    pub fn starts_upper(&self) -> bool {
        self.text.chars().next().is_some_and(text::is_upper)
    }
}

/// Where one list entry was found: tokens `start..end`.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub pattern: usize,
}

/// The tokenised article with all list matches.
pub struct Doc<'t> {
    pub norm: &'t str,
    pub toks: Vec<Tok<'t>>,
    /// Every list match on token boundaries whose capitalisation fits the
    /// entry, ordered by start token.
    pub hits: Vec<Hit>,
    /// `hits[first_hit[i]..first_hit[i + 1]]` start at token `i`.
    first_hit: Vec<u32>,
    /// The [`EntryKind`] bits of the hits starting at each token: every stage
    /// asks at every token for its own kind.
    kinds_at: Vec<u8>,
    /// The [`WordClass`] bits of each token's key.
    classes: Vec<u8>,
}

/// Classes of single words the recognisers test at nearly every token,
/// answered from the word table's lookup that the list matching does anyway.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordClass {
    /// A family name ([`Lexicon::surnames`]).
    Surname,
    /// The first word of a level word of a place ("tỉnh", "thành" ...).
    PlaceMarkerStart,
}

impl WordClass {
    fn bit(self) -> u8 {
        1 << self as u8
    }
}

impl<'t> Doc<'t> {
    pub fn new(norm: &'t str) -> Self {
        let toks = tokenize(norm);
        let lex = lexicon();
        let trie = &lex.trie;
        // A token whose key is in no entry ends every walk through it.
        let ids: Vec<Option<u32>> = toks.iter().map(|t| trie.word(&t.key)).collect();
        let classes = ids
            .iter()
            .map(|id| id.map_or(0, |id| lex.word_classes[id as usize]))
            .collect();
        let mut hits = Vec::new();
        for start in 0..toks.len() {
            let Some(first) = ids[start] else { continue };
            let mut node = trie.first(first);
            let mut end = start + 1;
            while let Some(n) = node {
                for &pattern in trie.ends(n) {
                    let hit = Hit {
                        start,
                        end,
                        pattern: pattern as usize,
                    };
                    // Capitalisation is checked once here, not by every stage.
                    if case_fits(&toks, &lex.patterns[hit.pattern], &hit) {
                        hits.push(hit);
                    }
                }
                let Some(Some(word)) = ids.get(end) else {
                    break;
                };
                node = trie.next(n, toks[end].sep, *word);
                end += 1;
            }
        }
        let mut kinds_at = vec![0u8; toks.len() + 1];
        for h in &hits {
            kinds_at[h.start] |= lex.kinds[h.pattern];
        }
        // Hits come by start, then end, then pattern: `first_hit[i]` is the
        // number of hits starting before token `i`.
        let mut first_hit = vec![0u32; toks.len() + 1];
        for h in &hits {
            first_hit[h.start + 1] += 1;
        }
        for i in 1..first_hit.len() {
            first_hit[i] += first_hit[i - 1];
        }
        Doc {
            norm,
            toks,
            hits,
            first_hit,
            kinds_at,
            classes,
        }
    }

    /// Whether token `i`'s key is a word of `class`.
    #[inline]
    pub fn is_word(&self, i: usize, class: WordClass) -> bool {
        self.classes.get(i).is_some_and(|&c| c & class.bit() != 0)
    }

    /// Whether a list match with an entry of `kind` starts at token `i`.
    #[inline]
    pub fn starts_kind(&self, i: usize, kind: EntryKind) -> bool {
        self.kinds_at.get(i).is_some_and(|&k| k & kind.bit() != 0)
    }

    /// List matches starting at token `i` whose capitalisation fits the entry.
    pub fn hits_at(&self, i: usize) -> impl Iterator<Item = &Hit> + '_ {
        let range = match (self.first_hit.get(i), self.first_hit.get(i + 1)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        };
        self.hits[range].iter()
    }

    /// Entries of the longest case-fitting match at `i` that are of `kind`
    /// and satisfy `pick`.
    #[inline]
    pub fn longest_at<F>(
        &self,
        i: usize,
        kind: EntryKind,
        pick: F,
    ) -> Option<(Hit, Vec<&'static Entry>)>
    where
        F: FnMut(&Entry) -> bool,
    {
        // Most tokens start no match of this kind: decide that without a call.
        if !self.starts_kind(i, kind) {
            return None;
        }
        self.longest_of_hits(i, kind, pick)
    }

    /// [`Doc::longest_at`] without the entries, for callers that only need
    /// where the match ends.
    #[inline]
    pub fn longest_hit_at<F>(&self, i: usize, kind: EntryKind, mut pick: F) -> Option<Hit>
    where
        F: FnMut(&Entry) -> bool,
    {
        if !self.starts_kind(i, kind) {
            return None;
        }
        self.best_hit(i, kind, &mut pick)
    }

    fn longest_of_hits<F>(
        &self,
        i: usize,
        kind: EntryKind,
        mut pick: F,
    ) -> Option<(Hit, Vec<&'static Entry>)>
    where
        F: FnMut(&Entry) -> bool,
    {
        let best = self.best_hit(i, kind, &mut pick)?;
        let entries = lexicon().entries[best.pattern]
            .iter()
            .filter(|e| e.kind() == kind && pick(e))
            .collect();
        Some((best, entries))
    }

    fn best_hit<F>(&self, i: usize, kind: EntryKind, pick: &mut F) -> Option<Hit>
    where
        F: FnMut(&Entry) -> bool,
    {
        let lex = lexicon();
        self.hits_at(i)
            .filter(|h| lex.kinds[h.pattern] & kind.bit() != 0)
            .filter(|h| {
                lex.entries[h.pattern]
                    .iter()
                    .any(|e| e.kind() == kind && pick(e))
            })
            .max_by_key(|h| h.end)
            .copied()
    }

    /// Byte span in `norm` of tokens `start..end`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.toks[start].span.start, self.toks[end - 1].span.end)
    }

    pub fn text(&self, start: usize, end: usize) -> &'t str {
        let s = self.span(start, end);
        &self.norm[s.start..s.end]
    }

    /// [`text::canonical_name`] of tokens `start..end`. The tokens already
    /// know their tone style and the gaps between them, so the common case
    /// (old style, single spaces) is the text itself.
    pub fn canonical(&self, start: usize, end: usize) -> String {
        let raw = self.text(start, end);
        let toks = &self.toks[start..end];
        let plain = toks.iter().all(|t| t.style != Some(ToneStyle::New))
            && toks
                .windows(2)
                .all(|w| &self.norm[w[0].span.end..w[1].span.start] == " ")
            && text::is_normal(raw);
        if plain {
            raw.to_string()
        } else {
            text::canonical_name(raw)
        }
    }

    /// The token index containing or starting at byte offset `offset` of `norm`.
    pub fn token_at_offset(&self, offset: usize) -> Option<usize> {
        let i = self.toks.partition_point(|t| t.span.end <= offset);
        (i < self.toks.len() && self.toks[i].span.start <= offset).then_some(i)
    }

    /// Whether the separator before token `i` is a plain space.
    pub fn spaced(&self, i: usize) -> bool {
        i < self.toks.len() && self.toks[i].sep == " "
    }
}

/// Every list entry as a path of (separator, key) steps from the root; a
/// node lists the patterns whose last token it is.
#[derive(Default)]
struct TokenTrie {
    /// Key → word id, for every key of every entry.
    words: WordTable,
    /// The child of the root for each word id (`u32::MAX`: none).
    first: Vec<u32>,
    /// `(node, separator, word)` packed by [`TokenTrie::edge`] → child node.
    /// Edges from the root (node 0) are in `first` instead.
    edges: FxMap<u64, u32>,
    /// Whether a node has children: most walks end at a leaf, known without
    /// a lookup.
    branches: Vec<bool>,
    /// `end_list[end_start[n]..end_start[n + 1]]`: the patterns ending at node `n`.
    end_start: Vec<u32>,
    end_list: Vec<u32>,
}

impl TokenTrie {
    fn edge(node: u32, sep: &str, word: u32) -> u64 {
        let sep: u64 = if node == 0 {
            0
        } else {
            match sep {
                " " => 1,
                ", " => 2,
                "-" => 3,
                "." => 4,
                "/" => 5,
                "&" => 6,
                "'" => 7,
                "|" => 8,
                " - " => 9,
                ". " => 10,
                _ => 11,
            }
        };
        (u64::from(node) << 32) | (sep << 24) | u64::from(word)
    }

    #[inline]
    fn word(&self, key: &str) -> Option<u32> {
        self.words.get(key)
    }

    fn first(&self, word: u32) -> Option<u32> {
        self.first
            .get(word as usize)
            .copied()
            .filter(|&n| n != u32::MAX)
    }

    fn next(&self, node: u32, sep: &str, word: u32) -> Option<u32> {
        if !self.branches[node as usize] {
            return None;
        }
        self.edges.get(&Self::edge(node, sep, word)).copied()
    }

    fn ends(&self, node: u32) -> &[u32] {
        let (a, b) = (
            self.end_start[node as usize],
            self.end_start[node as usize + 1],
        );
        &self.end_list[a as usize..b as usize]
    }
}

/// Word ids by key: open addressing on the key's FxHash, looked up once per
/// token of every article (a `HashMap<Box<str>, _>` lookup cost four times
/// as much, hashing through `Hasher` byte by byte).
#[derive(Default)]
struct WordTable {
    /// `(hash, id + 1, key length)`; id 0 marks an empty slot.
    slots: Vec<(u64, u32, u32)>,
    keys: Vec<Box<str>>,
}

impl WordTable {
    /// FxHash of the key's bytes read as a few integers. For a key of one to
    /// eight bytes these integers cover every byte and the mix is one-to-one
    /// for a given length (an xor and an odd multiply are bijections), so
    /// such keys are equal exactly when their lengths and hashes are.
    #[inline]
    fn hash(key: &[u8]) -> u64 {
        let mix = |h: u64, w: u64| (h.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        let n = key.len();
        let u32_at = |i: usize| {
            u64::from(u32::from_le_bytes([
                key[i],
                key[i + 1],
                key[i + 2],
                key[i + 3],
            ]))
        };
        let h = mix(0, n as u64);
        match n {
            0 => h,
            1..=3 => mix(
                h,
                u64::from(key[0]) | u64::from(key[n / 2]) << 8 | u64::from(key[n - 1]) << 16,
            ),
            4..=8 => mix(h, u32_at(0) | u32_at(n - 4) << 32),
            _ => {
                let mut h = h;
                let mut chunks = key.chunks_exact(8);
                for c in &mut chunks {
                    h = mix(h, u64::from_le_bytes(c.try_into().unwrap_or_default()));
                }
                if !chunks.remainder().is_empty() {
                    let tail: [u8; 8] = key[n - 8..].try_into().unwrap_or_default();
                    h = mix(h, u64::from_le_bytes(tail));
                }
                h
            }
        }
    }

    /// The first slot to probe: the hash's high bits, which the multiply mixes best.
    fn home(&self, h: u64) -> usize {
        (h >> (64 - self.slots.len().trailing_zeros())) as usize
    }

    /// A table of `keys` (distinct), each key's id its index.
    fn new(keys: Vec<Box<str>>) -> WordTable {
        let size = (keys.len() * 2).next_power_of_two().max(2);
        let mut t = WordTable {
            slots: vec![(0, 0, 0); size],
            keys: Vec::new(),
        };
        for (id, k) in keys.iter().enumerate() {
            let h = Self::hash(k.as_bytes());
            let mut i = t.home(h);
            while t.slots[i].1 != 0 {
                i = (i + 1) & (size - 1);
            }
            t.slots[i] = (h, id as u32 + 1, k.len() as u32);
        }
        t.keys = keys;
        t
    }

    #[inline]
    fn get(&self, key: &str) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let h = Self::hash(key.as_bytes());
        let mask = self.slots.len() - 1;
        let mut i = self.home(h);
        loop {
            let (sh, id, len) = self.slots[i];
            if id == 0 {
                return None;
            }
            if sh == h
                && len as usize == key.len()
                && (key.len() <= 8 || *self.keys[id as usize - 1] == *key)
            {
                return Some(id - 1);
            }
            i = (i + 1) & mask;
        }
    }
}

/// Builds a [`TokenTrie`]; patterns are added in order, so each node lists
/// its patterns in ascending order.
#[derive(Default)]
struct TrieBuilder {
    trie: TokenTrie,
    /// Word ids while building.
    words: FxMap<Box<str>, u32>,
    /// Patterns ending at each node.
    ends: Vec<Vec<u32>>,
}

impl TrieBuilder {
    fn add(&mut self, toks: &[Tok<'_>], pattern: u32) {
        if self.ends.is_empty() {
            self.ends.push(Vec::new()); // the root
        }
        let mut node = 0;
        for t in toks {
            let next_word = self.words.len() as u32;
            let word = *self.words.entry(t.key.as_ref().into()).or_insert(next_word);
            let fresh = self.ends.len() as u32;
            let edge = TokenTrie::edge(node, t.sep, word);
            if self.trie.branches.len() <= node as usize {
                self.trie.branches.resize(node as usize + 1, false);
            }
            self.trie.branches[node as usize] = true;
            node = *self.trie.edges.entry(edge).or_insert(fresh);
            if node == fresh {
                self.ends.push(Vec::new());
            }
        }
        self.ends[node as usize].push(pattern);
    }

    /// The id of `key`, added to the word table if new (without any entry).
    fn word(&mut self, key: &str) -> u32 {
        let next_word = self.words.len() as u32;
        *self.words.entry(key.into()).or_insert(next_word)
    }

    fn finish(mut self) -> TokenTrie {
        let mut start = 0u32;
        for list in &self.ends {
            self.trie.end_start.push(start);
            start += list.len() as u32;
            self.trie.end_list.extend_from_slice(list);
        }
        self.trie.end_start.push(start);
        self.trie.branches.resize(self.ends.len(), false);
        let mut keys = vec![Box::<str>::from(""); self.words.len()];
        let mut first = vec![u32::MAX; self.words.len()];
        for (k, id) in self.words {
            if let Some(node) = self.trie.edges.remove(&TokenTrie::edge(0, "", id)) {
                first[id as usize] = node;
            }
            keys[id as usize] = k;
        }
        self.trie.words = WordTable::new(keys);
        // Root edges now live in `first` only.
        self.trie.first = first;
        self.trie.edges.shrink_to_fit();
        self.trie
    }
}

fn case_fits(toks: &[Tok<'_>], pattern: &Pattern, h: &Hit) -> bool {
    let toks = &toks[h.start..h.end];
    match &pattern.case {
        PatternCase::Exact => {
            toks.len() == pattern.syllables.len()
                && toks
                    .iter()
                    .zip(&pattern.syllables)
                    .all(|(t, s)| t.text == *s)
        }
        PatternCase::Mask(upper) => upper.iter().zip(toks).all(|(&u, t)| !u || t.starts_upper()),
    }
}

/// The fold keys of a phrase's words, joined by single spaces.
fn words_key(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .map(fold_key)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a title is only a form of address ("Ông", "đồng chí"), which
/// says nothing of the person's office.
pub fn is_form_of_address(title: &str) -> bool {
    lexicon().address_forms.contains(&words_key(title))
}

/// Grammatical syllables (`data/function_words.txt`): never part of a name,
/// and written twice always a slip.
static FUNCTION_WORDS: LazyLock<FxSet<String>> = LazyLock::new(|| {
    lines(include_str!("../../../data/function_words.txt"))
        .map(|l| fold_key(&text::normalize(l.trim())).into_owned())
        .collect()
});

/// Whether a fold key ([`fold_key`]) is a grammatical syllable (đã, của, và ...).
pub fn is_function_word(key: &str) -> bool {
    FUNCTION_WORDS.contains(key)
}

/// Lowercase and old tone style, keeping the byte length of letters.
pub fn fold_key(word: &str) -> Cow<'_, str> {
    match text::Shape::of(word) {
        Some(shape) => key_of(word, shape).0,
        None => Cow::Borrowed(word),
    }
}

/// Key, case and tone-mark style of a word of the given shape. Inlined in
/// [`tokenize`], its only caller, which then builds the token in place.
#[inline(always)]
fn key_of(word: &str, shape: text::Shape) -> (Cow<'_, str>, Case, Option<ToneStyle>) {
    let case = if !shape.first_letter() {
        Case::Other
    } else if shape.first_upper() {
        if shape.rest_lower() {
            Case::Title
        } else if shape.rest_upper() {
            Case::Upper
        } else {
            Case::Other
        }
    } else if shape.rest_lower_or_other() {
        Case::Lower
    } else {
        Case::Other
    };
    let lower = if !shape.any_upper() {
        Cow::Borrowed(word)
    } else if case == Case::Title {
        text::lowercase_title(word).map_or_else(|| text::lowercase(word), Cow::Owned)
    } else {
        text::lowercase(word)
    };
    // Letter case does not change the style. Only syllables ending in a
    // new-style oa/oe/uy pair change.
    let style = text::tone_style(&lower);
    let key = if style == Some(ToneStyle::New) {
        Cow::Owned(text::restyle(&lower, ToneStyle::Old))
    } else {
        lower
    };
    (key, case, style)
}

/// The canonical separator for the text between two tokens.
fn separator(gap: &[u8]) -> &'static str {
    // Taken as bytes: slicing them needs no check of character boundaries,
    // which was a tenth of what tokenising cost.
    match gap {
        b" " | b"\xC2\xA0" | b"\t" => " ",
        b"," | b", " => ", ",
        b"-" | b"\xE2\x80\x93" => "-",
        b"." => ".",
        b"/" => "/",
        b"&" => "&",
        b"'" | b"\xE2\x80\x99" => "'",
        _ => match std::str::from_utf8(gap) {
            Ok(gap) => uncommon_separator(gap),
            Err(_) => "|",
        },
    }
}

fn uncommon_separator(gap: &str) -> &'static str {
    match gap {
        _ if gap.contains(['\n', '\r']) => "|",
        _ if gap.chars().all(char::is_whitespace) => " ",
        _ if gap.trim().chars().all(|c| matches!(c, '-' | '–' | '—'))
            && gap.trim().chars().count() == 1 =>
        {
            " - "
        }
        _ if gap.trim() == "," => ", ",
        _ if gap.trim() == "." && gap.starts_with('.') => ". ",
        _ => "|",
    }
}

/// Splits `text` into syllable tokens with keys and separators.
pub fn tokenize(text: &str) -> Vec<Tok<'_>> {
    // About one syllable per five bytes of Vietnamese text.
    let mut out: Vec<Tok<'_>> = Vec::with_capacity(text.len() / 4 + 1);
    let mut prev_end = 0;
    for (span, shape) in text::shaped_words(text) {
        let sep = if out.is_empty() {
            "|"
        } else {
            separator(&text.as_bytes()[prev_end..span.start])
        };
        prev_end = span.end;
        let word = &text[span.start..span.end];
        let (key, case, style) = key_of(word, shape);
        out.push(Tok {
            text: word,
            span,
            case,
            key,
            sep,
            style,
        });
    }
    out
}

// ---------------------------------------------------------------------------
// The lists

/// What kind of entry an [`Entry`] is, without its data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    Place,
    Org,
    Title,
    Negative,
    Acronym,
    DocumentType,
}

impl EntryKind {
    fn bit(self) -> u8 {
        1 << self as u8
    }
}

impl Entry {
    pub fn kind(&self) -> EntryKind {
        match self {
            Entry::Place(_) => EntryKind::Place,
            Entry::Org(_) => EntryKind::Org,
            Entry::Title(_) => EntryKind::Title,
            Entry::Negative(_) => EntryKind::Negative,
            Entry::Acronym { .. } => EntryKind::Acronym,
            Entry::DocumentType => EntryKind::DocumentType,
        }
    }
}

/// What a list entry is.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    Place(PlaceEntry),
    Org(OrgFlags),
    Title(TitleKind),
    Negative(NegativeKind),
    Acronym { expansion: String },
    DocumentType,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceSource {
    Province,
    District,
    Commune,
    Extra,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlaceEntry {
    pub source: PlaceSource,
    /// Lowercase level: tỉnh, thành phố, huyện, xã, quốc gia, ...
    pub level: String,
    /// The canonical name (`Hồ Chí Minh` for `TP.HCM`).
    pub canonical: String,
    /// The province of a district or commune.
    pub province: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OrgFlags {
    pub org: bool,
    pub head: bool,
    pub prefix: bool,
    pub unit: bool,
    /// Followed by a proper name ("Bệnh viện" + "Bạch Mai") or a number ("Quân khu 5").
    pub named: bool,
    /// Followed by a brand name of one or more words ("Tập đoàn" + "Vingroup").
    pub brand: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleKind {
    Rank,
    Role,
    Academic,
    Honorific,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NegativeKind {
    Award,
    Slogan,
    Outlet,
    Role,
    Event,
    Landmark,
    /// A word that turns a following name into a place or institution.
    Before,
}

#[derive(Debug)]
enum PatternCase {
    /// Acronyms: the text must be exactly as listed.
    Exact,
    /// Per syllable: whether the text must start with an upper-case letter.
    Mask(Vec<bool>),
}

#[derive(Debug)]
struct Pattern {
    syllables: Vec<&'static str>,
    case: PatternCase,
}

pub struct Lexicon {
    trie: TokenTrie,
    patterns: Vec<Pattern>,
    /// Entries per pattern.
    pub entries: Vec<Vec<Entry>>,
    /// Per pattern, the [`EntryKind::bit`]s of its entries: a place name
    /// listed in fifty communes is ruled out for other kinds at once.
    kinds: Vec<u8>,
    /// The [`WordClass`] bits of each word id.
    word_classes: Vec<u8>,
    /// Family names, as fold keys.
    pub surnames: FxSet<String>,
    /// Family names that end a name led by a prefix ("Y Biêr Niê"), as fold
    /// keys of one or two syllables.
    pub end_surnames: FxSet<String>,
    /// Forms of address (ông, bà, đồng chí ...: the honorifics listed in
    /// lower case), as fold keys; not "Mẹ Việt Nam Anh hùng".
    address_forms: FxSet<String>,
    /// Document types by fold key of the full phrase, with their listed spelling.
    pub document_types: Vec<&'static str>,
}

static SURNAMES: &str = include_str!("../../../data/surnames.txt");
static ETHNIC_SURNAMES: &str = include_str!("../../../data/ethnic_surnames.txt");
static TITLES: &str = include_str!("../../../data/titles.txt");
static ORGANIZATIONS: &str = include_str!("../../../data/organizations.txt");
static NEGATIVES: &str = include_str!("../../../data/negatives.txt");
static ACRONYMS: &str = include_str!("../../../data/acronyms.txt");
static ACRONYMS_SOE: &str = include_str!("../../../data/acronyms-soe-vinorm.txt");
static DOCUMENT_TYPES: &str = include_str!("../../../data/document_types.txt");
static PROVINCES: &str = include_str!("../../../data/admin/provinces.tsv");
static DISTRICTS: &str = include_str!("../../../data/admin/districts.tsv");
static COMMUNES: &str = include_str!("../../../data/admin/communes.tsv");
static PLACES_EXTRA: &str = include_str!("../../../data/places_extra.txt");

fn lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

struct Builder {
    keys: FxMap<String, usize>,
    trie: TrieBuilder,
    patterns: Vec<Pattern>,
    entries: Vec<Vec<Entry>>,
}

impl Builder {
    fn add(&mut self, phrase: &'static str, entry: Entry) {
        let phrase = phrase.trim();
        let toks = tokenize(phrase);
        if toks.is_empty() {
            return;
        }
        let exact = matches!(entry, Entry::Acronym { .. });
        // The trie path: keys and the separators between them.
        let mut key = String::new();
        for (i, t) in toks.iter().enumerate() {
            if i > 0 {
                key.push_str(t.sep);
            }
            key.push('\u{1}');
            key.push_str(&t.key);
        }
        let case = if exact {
            PatternCase::Exact
        } else {
            let mut mask: Vec<bool> = toks.iter().map(|t| t.starts_upper()).collect();
            // Departments are written "phòng Cảnh sát hình sự" after a title
            // ("Trưởng phòng ...") and "Phòng Cảnh sát hình sự" elsewhere.
            if matches!(entry, Entry::Org(OrgFlags { unit: true, .. })) {
                mask[0] = false;
            }
            PatternCase::Mask(mask)
        };
        // Same key and same case rule share a pattern; otherwise a new one.
        key.push('\u{0}');
        push_case_signature(&mut key, &case, &toks);
        let idx = *self.keys.entry(key).or_insert_with(|| {
            self.trie.add(&toks, self.patterns.len() as u32);
            self.patterns.push(Pattern {
                syllables: toks.iter().map(|t| t.text).collect(),
                case,
            });
            self.entries.push(Vec::new());
            self.patterns.len() - 1
        });
        if !self.entries[idx].contains(&entry) {
            self.entries[idx].push(entry);
        }
    }
}

fn push_case_signature(out: &mut String, case: &PatternCase, toks: &[Tok<'_>]) {
    match case {
        PatternCase::Exact => {
            for (i, t) in toks.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(t.text);
            }
        }
        PatternCase::Mask(m) => out.extend(m.iter().map(|&u| if u { 'U' } else { 'l' })),
    }
}

fn build() -> Lexicon {
    let mut b = Builder {
        // About 15,000 phrases: sized once instead of rehashed as it grows.
        keys: FxMap::with_capacity_and_hasher(1 << 14, Default::default()),
        trie: TrieBuilder::default(),
        patterns: Vec::new(),
        entries: Vec::new(),
    };
    // Thousands of districts and communes name the same 63 provinces.
    let mut provinces: FxMap<&str, String> = FxMap::default();
    let mut province_name = |name: &'static str| {
        provinces
            .entry(name)
            .or_insert_with(|| text::canonical_name(name))
            .clone()
    };
    for line in lines(PROVINCES) {
        let mut f = line.split('\t');
        let (Some(name), Some(level)) = (f.next(), f.next()) else {
            continue;
        };
        b.add(
            name,
            Entry::Place(PlaceEntry {
                source: PlaceSource::Province,
                level: level.to_string(),
                canonical: text::canonical_name(name),
                province: None,
            }),
        );
    }
    for line in lines(DISTRICTS) {
        let mut f = line.split('\t');
        let (Some(name), Some(level), Some(province)) = (f.next(), f.next(), f.next()) else {
            continue;
        };
        b.add(
            name,
            Entry::Place(PlaceEntry {
                source: PlaceSource::District,
                level: level.to_string(),
                canonical: text::canonical_name(name),
                province: Some(province_name(province)),
            }),
        );
    }
    for line in lines(COMMUNES) {
        let mut f = line.split('\t');
        let (Some(name), Some(level), Some(province)) = (f.next(), f.next(), f.next()) else {
            continue;
        };
        b.add(
            name,
            Entry::Place(PlaceEntry {
                source: PlaceSource::Commune,
                level: level.to_string(),
                canonical: text::canonical_name(name),
                province: Some(province_name(province)),
            }),
        );
    }
    for line in lines(PLACES_EXTRA) {
        let mut f = line.split('\t');
        let (Some(name), Some(level)) = (f.next(), f.next()) else {
            continue;
        };
        let canonical = f.next().filter(|c| !c.trim().is_empty()).unwrap_or(name);
        b.add(
            name,
            Entry::Place(PlaceEntry {
                source: PlaceSource::Extra,
                level: level.to_string(),
                canonical: text::canonical_name(canonical),
                province: None,
            }),
        );
    }
    for line in lines(ORGANIZATIONS) {
        let Some((flags, name)) = line.split_once('\t') else {
            continue;
        };
        let mut f = OrgFlags::default();
        for flag in flags.split(',') {
            match flag.trim() {
                "org" => f.org = true,
                "head" => f.head = true,
                "prefix" => f.prefix = true,
                "unit" => f.unit = true,
                "named" => f.named = true,
                "brand" => f.brand = true,
                _ => {}
            }
        }
        b.add(name, Entry::Org(f));
    }
    let mut address_forms = FxSet::default();
    for line in lines(TITLES) {
        let Some((kind, phrase)) = line.split_once('\t') else {
            continue;
        };
        if kind == "honorific" && !phrase.chars().any(char::is_uppercase) {
            address_forms.insert(words_key(phrase));
        }
        let kind = match kind {
            "rank" => TitleKind::Rank,
            "role" => TitleKind::Role,
            "academic" => TitleKind::Academic,
            _ => TitleKind::Honorific,
        };
        b.add(phrase, Entry::Title(kind));
    }
    for line in lines(NEGATIVES) {
        let Some((kind, phrase)) = line.split_once('\t') else {
            continue;
        };
        let kind = match kind {
            "award" => NegativeKind::Award,
            "slogan" => NegativeKind::Slogan,
            "outlet" => NegativeKind::Outlet,
            "role" => NegativeKind::Role,
            "event" => NegativeKind::Event,
            "landmark" => NegativeKind::Landmark,
            _ => NegativeKind::Before,
        };
        b.add(phrase, Entry::Negative(kind));
    }
    let mut curated = HashSet::new();
    for (data, is_curated) in [(ACRONYMS, true), (ACRONYMS_SOE, false)] {
        for line in lines(data) {
            let Some((abbr, expansion)) = line.split_once('\t') else {
                continue;
            };
            if !is_curated && curated.contains(abbr) {
                continue;
            }
            if is_curated {
                curated.insert(abbr);
            }
            b.add(
                abbr,
                Entry::Acronym {
                    expansion: expansion.trim().to_string(),
                },
            );
        }
    }
    let document_types: Vec<&'static str> = lines(DOCUMENT_TYPES).map(str::trim).collect();
    for t in &document_types {
        b.add(t, Entry::DocumentType);
    }
    let surnames: FxSet<String> = lines(SURNAMES)
        .map(|s| fold_key(s.trim()).into_owned())
        .collect();
    let end_surnames = lines(ETHNIC_SURNAMES).map(words_key).collect();
    let mut classed: Vec<(u32, WordClass)> = Vec::new();
    for s in &surnames {
        classed.push((b.trie.word(s), WordClass::Surname));
    }
    for w in super::place::marker_first_words() {
        classed.push((b.trie.word(w), WordClass::PlaceMarkerStart));
    }
    let mut word_classes = vec![0u8; b.trie.words.len()];
    for (id, class) in classed {
        word_classes[id as usize] |= class.bit();
    }
    let trie = b.trie.finish();
    let kinds = b
        .entries
        .iter()
        .map(|es| es.iter().fold(0, |m, e| m | e.kind().bit()))
        .collect();
    Lexicon {
        trie,
        patterns: b.patterns,
        entries: b.entries,
        kinds,
        word_classes,
        surnames,
        end_surnames,
        address_forms,
        document_types,
    }
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(build);

pub fn lexicon() -> &'static Lexicon {
    &LEXICON
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries_of<'a>(doc: &'a Doc<'_>, i: usize) -> Vec<(usize, &'a Entry)> {
        doc.hits_at(i)
            .flat_map(|h| lexicon().entries[h.pattern].iter().map(move |e| (h.end, e)))
            .collect()
    }

    #[test]
    fn starts_kind_agrees_with_the_hits() {
        let text = "Sáng 5/8, Chủ tịch UBND tỉnh Lạng Sơn Hồ Tiến Thiệu ký Quyết định \
                    số 12 của Bộ Y tế (WHO) tại thành phố Hà Nội.";
        let doc = Doc::new(text);
        let kinds = [
            EntryKind::Place,
            EntryKind::Org,
            EntryKind::Title,
            EntryKind::Negative,
            EntryKind::Acronym,
            EntryKind::DocumentType,
        ];
        let mut seen = 0;
        for i in 0..=doc.toks.len() + 1 {
            for kind in kinds {
                let by_hits = entries_of(&doc, i).iter().any(|(_, e)| e.kind() == kind);
                assert_eq!(doc.starts_kind(i, kind), by_hits, "token {i}, {kind:?}");
                seen += usize::from(by_hits);
            }
        }
        assert!(seen >= 5, "the sample should start hits of several kinds");
    }

    #[test]
    fn word_classes_agree_with_the_lists() {
        let text = "Ông Nguyễn Văn An, NGUYỄN Thị Bé, Trần, trần nhà, Tôn Nữ, Hồ Tiến \
                    Thiệu về tỉnh Lạng Sơn, thành phố Huế, TP Hạ Long, Tp. Vinh, thị xã \
                    Sơn Tây, cửa khẩu Hữu Nghị, xã Tân Lập, đặc khu Phú Quốc, Tỉnh ủy, \
                    QUẬN 3, Phường 5; thành công, Lý Thành, Mạc, Ngô, A, 12.";
        let doc = Doc::new(text);
        let markers: Vec<&str> = super::super::place::marker_first_words().collect();
        let (mut surnames, mut marker_starts) = (0, 0);
        for i in 0..=doc.toks.len() + 1 {
            let key = doc.toks.get(i).map(|t| &*t.key);
            let surname = key.is_some_and(|k| lexicon().surnames.contains(k));
            let marker = key.is_some_and(|k| markers.contains(&k));
            assert_eq!(doc.is_word(i, WordClass::Surname), surname, "{key:?}");
            assert_eq!(
                doc.is_word(i, WordClass::PlaceMarkerStart),
                marker,
                "{key:?}"
            );
            surnames += usize::from(surname);
            marker_starts += usize::from(marker);
        }
        assert!(
            surnames >= 8 && marker_starts >= 10,
            "{surnames} {marker_starts}"
        );
    }

    #[test]
    fn lists_have_the_expected_sizes() {
        let provinces: HashSet<&str> = lines(PROVINCES)
            .map(|l| l.split('\t').next().unwrap())
            .collect();
        assert_eq!(provinces.len(), 63);
        let after_2025 = lines(PROVINCES).filter(|l| l.ends_with("34")).count();
        assert_eq!(after_2025, 34);
        assert!(lines(DISTRICTS).count() > 650);
        assert!(lines(COMMUNES).count() > 10_000);
        assert!(lexicon().surnames.len() > 120);
        for s in [
            "nguyễn", "tô", "dương", "thái", "lương", "đàm", "huỳnh", "võ",
        ] {
            assert!(lexicon().surnames.contains(s), "{s}");
        }
    }

    #[test]
    fn one_pass_matches_any_spacing_tone_style_and_eth() {
        let doc = Doc::new("Ban Thường vụ Tỉnh uỷ  Lạng Sơn và tỉnh Ðắk Lắk");
        let at = |i: usize| entries_of(&doc, i);
        // "Tỉnh uỷ" (new style) is the listed "Tỉnh ủy".
        assert!(at(3)
            .iter()
            .any(|(_, e)| matches!(e, Entry::Org(f) if f.org)));
        // Double space does not matter.
        assert!(at(5).iter().any(|(end, e)| *end == 7
            && matches!(e, Entry::Place(p) if p.source == PlaceSource::Province)));
        let norm = crate::core::text::normalize("tỉnh Ðắk Lắk");
        let doc = Doc::new(&norm);
        assert!(entries_of(&doc, 1)
            .iter()
            .any(|(_, e)| matches!(e, Entry::Place(p) if p.canonical == "Đắk Lắk")));
    }

    #[test]
    fn matches_do_not_cross_punctuation_or_lines() {
        let doc = Doc::new("Lạng. Sơn\nLạng\nSơn");
        assert!(doc.hits_at(0).all(|h| h.end < 2));
        assert!(doc.hits_at(2).all(|h| h.end < 4));
    }

    #[test]
    fn capitals_in_the_list_are_required() {
        let doc = Doc::new("lạng sơn");
        assert!(doc.hits_at(0).all(|h| h.end < 2));
        let doc = Doc::new("ubnd");
        assert_eq!(doc.hits_at(0).count(), 0);
    }

    #[test]
    fn forms_of_address_are_not_offices() {
        for t in ["Ông", "ông", "bà", "Đồng chí", "đồng chí"] {
            assert!(is_form_of_address(t), "{t}");
        }
        for t in ["Mẹ Việt Nam Anh hùng", "Bộ trưởng", "Đại tướng", "Ông Ích"] {
            assert!(!is_form_of_address(t), "{t}");
        }
    }
}

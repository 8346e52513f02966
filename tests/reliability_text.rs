//! Text integrity: random edit sequences (multi-byte Vietnamese, combining
//! marks, emoji, CRLF) in the utf-8, utf-16 and utf-32 position encodings,
//! compared with a reference `String` — directly on the sync layer
//! (`apply_change` → `rope_char_index` + ropey) and through the server.

mod common;
use common::TestClient;
use proptest::prelude::*;
use ropey::Rope;
use seedls::lsp::state::apply_change;
use seedls::position::Encoding;
use serde_json::json;
use tower_lsp_server::ls_types::{Position, Range};

const PIECES: &[&str] = &[
    "ả",
    "Ủy ban ",
    "Nguyễn",
    "đ",
    "😀",
    "👨‍👩‍👧",
    "e\u{301}",
    "\u{323}",
    "o\u{302}\u{300}",
    "\r\n",
    "\n",
    "\r",
    "\n\n",
    " ",
    "12,5%",
    "a",
    "",
    "𝔸",
    "Tô Lâm",
];

/// Line starts (byte offsets) under the LSP rule: `\n`, `\r\n` and `\r` end lines.
fn line_starts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut starts = vec![0];
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\r' if b.get(i + 1) == Some(&b'\n') => {
                starts.push(i + 2);
                i += 2;
            }
            b'\r' | b'\n' => {
                starts.push(i + 1);
                i += 1;
            }
            _ => i += 1,
        }
    }
    starts
}

/// The reference position of a byte offset (which must not split a `\r\n`).
fn position(text: &str, off: usize, enc: Encoding) -> Position {
    let starts = line_starts(text);
    let line = starts.partition_point(|&s| s <= off) - 1;
    let seg = &text[starts[line]..off];
    let col = match enc {
        Encoding::Utf8 => seg.len(),
        Encoding::Utf16 => seg.encode_utf16().count(),
        Encoding::Utf32 => seg.chars().count(),
    };
    Position::new(line as u32, col as u32)
}

/// Offsets an edit may start or end at: char boundaries not inside a `\r\n`.
fn edit_points(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    text.char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .filter(|&i| !(i > 0 && b[i - 1] == b'\r' && b.get(i) == Some(&b'\n')))
        .collect()
}

#[derive(Debug, Clone)]
struct EditSpec {
    a: usize,
    b: usize,
    insert: String,
}

fn edit_spec() -> impl Strategy<Value = EditSpec> {
    (
        any::<usize>(),
        0usize..12,
        prop::collection::vec(prop::sample::select(PIECES), 0..4),
    )
        .prop_map(|(a, len, parts)| EditSpec {
            a,
            b: len,
            insert: parts.concat(),
        })
}

/// Resolves a spec against the current text: (start, end) byte offsets.
fn resolve(text: &str, spec: &EditSpec) -> (usize, usize) {
    let points = edit_points(text);
    let i = spec.a % points.len();
    let j = (i + spec.b).min(points.len() - 1);
    (points[i], points[j])
}

fn encodings() -> impl Strategy<Value = Encoding> {
    prop::sample::select(vec![Encoding::Utf8, Encoding::Utf16, Encoding::Utf32])
}

fn initial_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..30).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn random_edits_on_the_sync_layer_match_the_reference(
        initial in initial_text(),
        edits in prop::collection::vec(edit_spec(), 1..40),
        enc in encodings(),
    ) {
        let mut reference = initial;
        let mut rope = Rope::from_str(&reference);
        for spec in &edits {
            let (s, e) = resolve(&reference, spec);
            let range = Range { start: position(&reference, s, enc), end: position(&reference, e, enc) };
            apply_change(&mut rope, Some(range), &spec.insert, enc);
            reference.replace_range(s..e, &spec.insert);
            prop_assert_eq!(rope.to_string(), reference.clone(), "{:?} {:?}", enc, spec);
        }
    }
}

proptest! {
    // Each case starts a server: few cases, many edits each.
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn random_edits_through_the_server_match_the_reference(
        initial in initial_text(),
        edits in prop::collection::vec(edit_spec(), 20..80),
        enc in encodings(),
    ) {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let (server_text, reference) = rt.block_on(async move {
            let mut c = TestClient::start().await;
            c.set_configuration(json!({"debounceMs": 10}));
            let caps = match enc {
                Encoding::Utf8 => TestClient::caps_utf8(),
                Encoding::Utf16 => TestClient::caps_utf16(),
                Encoding::Utf32 => {
                    let mut caps = TestClient::caps_utf16();
                    caps["general"]["positionEncodings"] = json!(["utf-32"]);
                    caps
                }
            };
            let init = c.initialize(caps).await;
            assert_eq!(init["capabilities"]["positionEncoding"], enc.as_str());
            let uri = "file:///tmp/rel-text/bai.txt";
            let mut reference = format!(" date 2024-01 {initial}");
            c.open(uri, &reference).await;
            for (k, spec) in edits.iter().enumerate() {
                let (s, e) = resolve(&reference, spec);
                let range = json!({"start": position(&reference, s, enc), "end": position(&reference, e, enc)});
                reference.replace_range(s..e, &spec.insert);
                // Sometimes two changes in one notification (applied in order).
                if k % 7 == 3 {
                    let (s2, e2) = resolve(&reference, &EditSpec { a: k * 31, b: 1, insert: String::new() });
                    let range2 = json!({"start": position(&reference, s2, enc), "end": position(&reference, e2, enc)});
                    reference.replace_range(s2..e2, "ư");
                    c.change(uri, vec![json!({"range": range, "text": spec.insert}), json!({"range": range2, "text": "ư"})]).await;
                } else {
                    c.change(uri, vec![json!({"range": range, "text": spec.insert})]).await;
                }
            }
            let v = c.server_text(uri).await;
            let text = v["text"].as_str().unwrap().to_string();
            assert_eq!(c.shutdown_and_exit().await, 0);
            (text, reference)
        });
        prop_assert_eq!(server_text, reference);
    }
}

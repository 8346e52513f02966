//! Load: a flood of 10,000 incremental edits with hovers interleaved, and
//! `$/cancelRequest` on long workspace-wide requests.

mod common;
use common::{file_uri, position, Lcg, TempDir, TestClient};
use serde_json::json;
use std::time::{Duration, Instant};

/// The tests share one process, so the memory check of the edit flood would
/// also count the 4,000-article workspace of the cancellation test: run them
/// one at a time.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

const ARTICLE: &str = " date 2024-09 Sáng 5/9, Bộ trưởng Bộ Giáo dục Nguyễn Kim Sơn dự lễ khai giảng tại tỉnh Điện Biên.\n\nToàn tỉnh có 1.250 trường học với 160.000 học sinh.\n\nÔng Nguyễn Kim Sơn tặng 500 suất quà cho học sinh nghèo.";

/// Resident memory of this process (server and client share it), in KiB.
fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn char_boundary_at_or_before(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_edits_with_hovers_interleaved() {
    let _alone = ONE_AT_A_TIME.lock().await;
    let mut c = TestClient::start().await;
    // Default settings: the real debounce (200 ms).
    c.set_configuration(json!({}));
    c.initialize(TestClient::caps_utf16()).await;
    let uri = "file:///tmp/rel-load/bai.txt";
    let mut text = ARTICLE.to_string();
    c.open(uri, &text).await;
    c.diagnostics(uri).await;
    let rss_before = rss_kib();
    let pieces = [
        "ơ",
        "Ủy ban ",
        "đường ",
        "😀",
        "e\u{301}",
        "\n",
        "12,5% ",
        "tỉnh Lạng Sơn ",
        "a",
    ];
    let mut rng = Lcg(7);
    let mut hovers = Vec::new();
    let mut version = 1;
    const EDITS: usize = 10_000;
    let started = Instant::now();
    for i in 0..EDITS {
        // Keep the header so diagnostics stay meaningful; keep the text bounded.
        let body_start = 14;
        let len = text.len();
        let (start, end) = if len > 6000 || rng.next(3) == 0 {
            let s = char_boundary_at_or_before(&text, body_start + rng.next(len - body_start));
            let e = char_boundary_at_or_before(&text, (s + 1 + rng.next(40)).min(len));
            (s, e.max(s))
        } else {
            let s = char_boundary_at_or_before(&text, body_start + rng.next(len - body_start + 1));
            (s, s)
        };
        let insert = if end > start && len > 6000 {
            ""
        } else {
            pieces[rng.next(pieces.len())]
        };
        let range = json!({"start": position(&text, start, "utf-16"), "end": position(&text, end, "utf-16")});
        text.replace_range(start..end, insert);
        version = c
            .change(uri, vec![json!({"range": range, "text": insert})])
            .await;
        if i % 50 == 0 {
            let at = position(
                &text,
                char_boundary_at_or_before(&text, text.len() / 2),
                "utf-16",
            );
            let id = c
                .send_request(
                    "textDocument/hover",
                    json!({"textDocument": {"uri": uri}, "position": at}),
                )
                .await;
            hovers.push(id);
        }
    }
    let last_edit = Instant::now();
    // The final diagnostics, for the final version, within a second of the last edit.
    let diags = c.diagnostics_at(uri, version).await;
    let latency = last_edit.elapsed();
    assert!(
        latency < Duration::from_secs(1),
        "final diagnostics {latency:?} after the last edit"
    );
    assert!(diags.iter().all(|d| d["code"] != "header"), "{diags:#?}");
    // Every hover answered (a result or null, never an error or silence).
    for id in hovers.iter().copied() {
        let r = c.response(id).await;
        assert!(r.is_ok(), "hover {id}: {r:?}");
    }
    // The server's text is exactly the client's.
    let server = c.server_text(uri).await;
    assert_eq!(server["version"], version);
    assert_eq!(server["text"].as_str().unwrap(), text);
    // No stale diagnostics after the final ones.
    tokio::time::sleep(Duration::from_millis(400)).await;
    let last = c
        .notifications("textDocument/publishDiagnostics")
        .into_iter()
        .rfind(|p| p["uri"] == uri)
        .unwrap();
    assert_eq!(last["version"], version);
    // Memory bounded: the flood leaves no more than 100 MiB behind.
    if let (Some(before), Some(after)) = (rss_before, rss_kib()) {
        let grown = after.saturating_sub(before) / 1024;
        eprintln!(
            "{EDITS} edits + {} hovers in {:?}; final diagnostics {latency:?} after the last edit; RSS {} → {} MiB",
            hovers.len(),
            last_edit - started,
            before / 1024,
            after / 1024
        );
        assert!(grown < 100, "RSS grew by {grown} MiB");
    }
    assert_eq!(c.shutdown_and_exit().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancel_request_answers_request_cancelled_promptly() {
    let _alone = ONE_AT_A_TIME.lock().await;
    let dir = TempDir::new("rel-cancel");
    let n = 4000;
    let given = ["Văn", "Thị", "Minh", "Hữu", "Thanh", "Quốc", "Đức", "Ngọc"];
    let family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"];
    for i in 0..n {
        // A distinct person per article and role: the last two syllables spell
        // `i` in base 20 (a digit in a name would end the name).
        let syllables = [
            "An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Khánh", "Lâm", "Mai", "Nam", "Oanh",
            "Phong", "Quân", "Sơn", "Tâm", "Uyên", "Vinh", "Xuân", "Yến", "Thảo",
        ];
        let name = |k: usize| {
            let j = i * 3 + k;
            format!(
                "{} {} {} {}",
                family[(i + k) % 8],
                given[(i / 8 + k) % 8],
                syllables[(j / 20) % 20],
                syllables[j % 20],
            )
        };
        dir.write(
            &format!("d{}/bai-{i}.txt", i % 20),
            format!(
                " date 2024-{:02} Ông {} và bà {} đến xã số {i} của tỉnh Yên Bái cùng anh {}.",
                1 + i % 12,
                name(0),
                name(1),
                name(2)
            ),
        );
    }
    let mut c = TestClient::ready_with_folders(&[dir.path()], json!({})).await;
    assert_eq!(c.status().await["documents"], n);
    // How long the request takes when it runs to the end.
    let t = Instant::now();
    let all = c
        .request("workspace/symbol", json!({"query": ""}))
        .await
        .unwrap();
    let full = t.elapsed();
    let count = all.as_array().map_or(0, Vec::len);
    eprintln!("workspace/symbol over {n} articles: {count} symbols in {full:?}");
    assert!(count > 0, "{count}");
    // Cancelled at once: RequestCancelled (-32800), or the whole answer when the
    // server finished before the cancel arrived; never later than an uncancelled
    // run. (That a running feature sees its cancellation is tested
    // deterministically with `seedls/test/wait` in lsp_lifecycle.)
    for _ in 0..5 {
        let t = Instant::now();
        let id = c
            .send_request("workspace/symbol", json!({"query": ""}))
            .await;
        c.cancel(id).await;
        let r = c.response(id).await;
        let took = t.elapsed();
        match &r {
            Ok(v) => assert_eq!(v.as_array().map_or(0, Vec::len), count),
            Err(e) => assert_eq!(e["code"], json!(-32800), "{r:?}"),
        }
        assert!(
            took < full.max(Duration::from_millis(200)),
            "{took:?} vs {full:?}"
        );
    }
    // References are cancellable the same way, and the server keeps serving.
    let uri = file_uri(&dir.path().join("d0/bai-0.txt"));
    let id = c
        .send_request(
            "textDocument/references",
            json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 40},
                   "context": {"includeDeclaration": true}}),
        )
        .await;
    c.cancel(id).await;
    let r = c.response(id).await;
    assert!(
        r.is_ok() || r.as_ref().unwrap_err()["code"] == -32800,
        "{r:?}"
    );
    assert!(c.status().await.is_object());
    assert_eq!(c.shutdown_and_exit().await, 0);
}

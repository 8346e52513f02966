//! Document sync in arrival order, diagnostics publishing, configuration.

mod common;
use common::{position, Lcg, TestClient};
use serde_json::json;

/// Our own small article with a good header.
const ARTICLE: &str = " date 2024-05 Chiều 12/5, Sở Nông nghiệp tỉnh Hà Giang tổ chức hội nghị về phòng chống sạt lở.\n\nTheo báo cáo, 14 xã vùng cao đã di dời 230 hộ dân tới nơi an toàn trước mùa mưa lũ.\n\nÔng Nguyễn Văn Dũng đề nghị các huyện kiểm tra lại đê kè.";

fn boundaries(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect()
}

async fn flood(enc: &str) {
    let mut c = TestClient::start().await;
    c.set_configuration(json!({"debounceMs": 20}));
    let caps = if enc == "utf-8" {
        TestClient::caps_utf8()
    } else {
        TestClient::caps_utf16()
    };
    let r = c.initialize(caps).await;
    assert_eq!(r["capabilities"]["positionEncoding"], enc);
    let uri = format!("file:///tmp/seedls-flood-{enc}/bai.txt");
    let mut text = ARTICLE.to_string();
    c.open(&uri, &text).await;
    let pieces = [
        "ả",
        "Ủy ban ",
        "đường ",
        "😀",
        "\n",
        "Lâm",
        "ư",
        "",
        "x",
        "Nghị quyết 12 ",
        "e\u{301}",
    ];
    let mut rng = Lcg(7);
    let mut last = 1;
    for i in 0..1000 {
        // Each didChange carries one or two changes, applied in order.
        let n_changes = 1 + rng.next(2);
        let mut changes = Vec::new();
        for _ in 0..n_changes {
            let b = boundaries(&text);
            let s = rng.next(b.len());
            let e = (s + rng.next(4)).min(b.len() - 1);
            let (start, end) = (b[s], b[e]);
            let insert = pieces[rng.next(pieces.len())];
            changes.push(json!({
                "range": {"start": position(&text, start, enc), "end": position(&text, end, enc)},
                "text": insert,
            }));
            text.replace_range(start..end, insert);
        }
        if i % 250 == 0 {
            // Now and then a hover in the middle of the flood must be answered.
            let id = c
                .send_request(
                    "textDocument/hover",
                    json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 3}}),
                )
                .await;
            last = c.change(&uri, changes).await;
            assert!(c.response(id).await.is_ok());
        } else {
            last = c.change(&uri, changes).await;
        }
    }
    let server = c.server_text(&uri).await;
    assert_eq!(server["version"], last);
    assert_eq!(
        server["text"].as_str().unwrap(),
        text,
        "server text differs from the client's"
    );
    // Diagnostics end up published for the final version.
    c.diagnostics_at(&uri, last).await;
    assert_eq!(c.shutdown_and_exit().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thousand_rapid_edits_utf16() {
    flood("utf-16").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thousand_rapid_edits_utf8() {
    flood("utf-8").await;
}

#[tokio::test]
async fn old_versions_and_edits_past_the_end() {
    let mut c = TestClient::ready().await;
    let uri = "file:///tmp/seedls-versions/a.txt";
    c.open(uri, "date 2024-01 Một.").await;
    c.change(uri, vec![json!({"range": {"start": {"line": 0, "character": 13}, "end": {"line": 0, "character": 16}}, "text": "Hai"})]).await;
    // An older version is ignored (with a log line).
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 1}, "contentChanges": [{"text": "cũ"}]}),
    )
    .await;
    assert_eq!(c.server_text(uri).await["text"], "date 2024-01 Hai.");
    c.wait_for("window/logMessage", |p| {
        p["message"]
            .as_str()
            .unwrap()
            .contains("version 1 after version 2")
    })
    .await;
    // Ranges past the end clamp to the end.
    c.change(uri, vec![json!({"range": {"start": {"line": 5, "character": 0}, "end": {"line": 9, "character": 99}}, "text": " Ba"})]).await;
    c.change(uri, vec![json!({"range": {"start": {"line": 0, "character": 999}, "end": {"line": 0, "character": 999}}, "text": "!"})]).await;
    assert_eq!(c.server_text(uri).await["text"], "date 2024-01 Hai. Ba!");
    // Full-text replacement.
    c.change(uri, vec![json!({"text": " date 2023-02 Mới."})])
        .await;
    assert_eq!(c.server_text(uri).await["text"], " date 2023-02 Mới.");
    assert_eq!(c.shutdown_and_exit().await, 0);
}

#[tokio::test]
async fn malformed_header_diagnostic_with_version_and_range() {
    let mut c = TestClient::ready().await;
    let uri = "file:///tmp/seedls-diag/a.txt";
    c.open(uri, " date 24-03 Bài có năm hai chữ số.").await;
    let p = c
        .wait_for("textDocument/publishDiagnostics", |p| p["uri"] == uri)
        .await;
    assert_eq!(p["version"], 1);
    let d = &p["diagnostics"][0];
    assert_eq!(d["code"], "header");
    assert_eq!(d["source"], "seedls");
    assert_eq!(d["severity"], 1);
    assert_eq!(d["range"]["start"], json!({"line": 0, "character": 6}));
    assert_eq!(d["range"]["end"], json!({"line": 0, "character": 11}));
    // Fixing the header clears it, for version 2.
    let v = c
        .change(uri, vec![json!({"range": {"start": {"line": 0, "character": 6}, "end": {"line": 0, "character": 11}}, "text": "2024-03"})])
        .await;
    assert!(c.diagnostics_at(uri, v).await.is_empty());
    // Closing clears the editor's list.
    c.close(uri).await;
    let cleared = c
        .wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && p["version"].is_null()
        })
        .await;
    assert_eq!(cleared["diagnostics"], json!([]));
    assert_eq!(c.shutdown_and_exit().await, 0);
}

#[tokio::test]
async fn diagnostics_are_debounced_and_never_stale() {
    let mut c = TestClient::start().await;
    c.set_configuration(json!({"debounceMs": 150}));
    c.initialize(TestClient::caps_utf16()).await;
    let uri = "file:///tmp/seedls-debounce/a.txt";
    c.open(uri, " date 2024-13 Bài.").await;
    c.diagnostics_at(uri, 1).await;
    let mut last = 1;
    for i in 0..20 {
        last = c
            .change(uri, vec![json!({"range": {"start": {"line": 0, "character": 17}, "end": {"line": 0, "character": 17}}, "text": format!("{i}")})])
            .await;
    }
    c.diagnostics_at(uri, last).await;
    let versions: Vec<i64> = c
        .notifications("textDocument/publishDiagnostics")
        .iter()
        .filter(|p| p["uri"] == uri)
        .map(|p| p["version"].as_i64().unwrap())
        .collect();
    // One publish at open, one after the burst: nothing for intermediate versions.
    assert_eq!(versions, vec![1, last as i64]);
    assert_eq!(c.shutdown_and_exit().await, 0);
}

#[tokio::test]
async fn seed_detection_for_open_documents() {
    let mut c = TestClient::ready().await;
    // A plain .txt with a header is a seed; without one it is not analysed.
    let seed = "file:///tmp/seedls-detect/a.txt";
    let note = "file:///tmp/seedls-detect/ghi-chu.txt";
    let forced = "untitled:Untitled-1";
    c.open_as(seed, "plaintext", " date 2024-13 Bài có tháng sai.")
        .await;
    c.open_as(note, "plaintext", "Ghi chú: gọi lại cho phóng viên.")
        .await;
    c.open_as(forced, "seed", "Bài chưa có dòng ngày.").await;
    assert_eq!(c.diagnostics(seed).await[0]["code"], "header");
    assert!(c.diagnostics(note).await.is_empty());
    assert_eq!(c.server_text(note).await["seed"], false);
    assert_eq!(c.diagnostics(forced).await[0]["code"], "header");
    // Typing a header into the note makes it a seed.
    let v = c
        .change(note, vec![json!({"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "date 2024-99 "})])
        .await;
    assert_eq!(c.diagnostics_at(note, v).await[0]["code"], "header");
    assert_eq!(c.shutdown_and_exit().await, 0);
}

#[tokio::test]
async fn configuration_changes_republish_and_invalid_settings_warn() {
    let mut c = TestClient::start().await;
    c.set_configuration(json!({"debounceMs": 5, "language": "fr"}));
    c.initialize(TestClient::caps_utf16()).await;
    let warn = c.wait_for("window/showMessage", |p| p["type"] == 2).await;
    assert!(
        warn["message"]
            .as_str()
            .unwrap()
            .contains("seedls.language"),
        "{warn}"
    );
    let uri = "file:///tmp/seedls-config/a.txt";
    c.open(uri, " date 2024-13 Bài.").await;
    let vi = c.diagnostics(uri).await;
    assert!(
        vi[0]["message"].as_str().unwrap().starts_with("Ngày đăng"),
        "{vi:?}"
    );
    // Pull model: the server asks again on didChangeConfiguration.
    c.set_configuration(
        json!({"debounceMs": 5, "language": "en", "checks": {"header": "warning"}}),
    );
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    )
    .await;
    let p = c
        .wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri
                && p["diagnostics"][0]["message"]
                    .as_str()
                    .is_some_and(|m| m.starts_with("Invalid"))
        })
        .await;
    assert_eq!(p["diagnostics"][0]["severity"], 2);
    // Turning the check off empties the list.
    c.set_configuration(json!({"checks": {"header": "off"}}));
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    )
    .await;
    c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri && p["diagnostics"] == json!([])
    })
    .await;
    assert_eq!(c.shutdown_and_exit().await, 0);
}

#[tokio::test]
async fn push_configuration_and_initialization_options() {
    let mut c = TestClient::start().await;
    // No workspace/configuration support: settings come from initializationOptions and the push.
    c.initialize_with(json!({
        "capabilities": {},
        "initializationOptions": {"language": "en", "debounceMs": 5},
    }))
    .await;
    let uri = "file:///tmp/seedls-push/a.txt";
    c.open(uri, "Không có dòng ngày.").await;
    let d = c.diagnostics(uri).await;
    assert!(
        d[0]["message"].as_str().unwrap().starts_with("Missing"),
        "{d:?}"
    );
    assert!(c.server_requests("workspace/configuration").is_empty());
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"seedls": {"language": "vi"}}}),
    )
    .await;
    c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri
            && p["diagnostics"][0]["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("Thiếu"))
    })
    .await;
    assert_eq!(c.shutdown_and_exit().await, 0);
}

#[tokio::test]
async fn other_open_documents_are_republished_only_when_their_diagnostics_change() {
    let mut c = TestClient::ready().await;
    let a = "file:///tmp/seedls-cross/a.txt";
    let b = "file:///tmp/seedls-cross/b.txt";
    c.open(a, " date 2024-13 Bài A.").await;
    c.open(b, " date 2024-14 Bài B.").await;
    c.diagnostics(a).await;
    c.diagnostics(b).await;
    for _ in 0..3 {
        let v = c
            .change(a, vec![json!({"range": {"start": {"line": 0, "character": 19}, "end": {"line": 0, "character": 19}}, "text": "!"})])
            .await;
        c.diagnostics_at(a, v).await;
    }
    let for_b = c
        .notifications("textDocument/publishDiagnostics")
        .into_iter()
        .filter(|p| p["uri"] == b)
        .count();
    assert_eq!(for_b, 1, "b's findings did not change: no republish");
    assert_eq!(c.shutdown_and_exit().await, 0);
}

//! Nonsense on the wire: malformed framing and JSON over the real binary's
//! stdio, wrong parameter shapes, unknown methods and documents, positions and
//! edits past the end, versions out of order, requests before `initialize`
//! and after `shutdown`, a panicking handler. Each gets the answer the
//! JSON-RPC/LSP specifications prescribe (or is ignored with a log line) and
//! the server keeps serving.

mod common;
use common::stdio::{recv, send_body, send_raw};
use common::TestClient;
use serde_json::{json, Value};
use std::process::Stdio;
use std::time::Duration;
use tokio::io::BufReader;
use tokio::process::{ChildStdout, Command};

const ARTICLE: &str = " date 2024-08 Sáng 2/8, Chủ tịch UBND tỉnh Lào Cai Trịnh Xuân Trường kiểm tra công trình kè sông Hồng.\n\nTỉnh đã chi 120 tỷ đồng cho 3 đoạn kè.";

/// Reads messages until a response (a message without `method`) arrives.
async fn response(out: &mut BufReader<ChildStdout>) -> Value {
    loop {
        let m = recv(out).await;
        if m.get("method").is_none() {
            return m;
        }
    }
}

#[tokio::test]
async fn malformed_messages_over_real_stdio_get_json_rpc_errors_and_the_session_goes_on() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_seedls"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("start seedls");
    let mut stdin = child.stdin.take().unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let run = async {
        // Before initialize, garbage is still answered as a parse error.
        send_body(&mut stdin, b"this is not json").await;
        let e = response(&mut out).await;
        assert_eq!(e["error"]["code"], -32700, "{e}");
        assert_eq!(e["id"], Value::Null);
        send_body(
            &mut stdin,
            &serde_json::to_vec(&json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {"processId": null, "capabilities": {}}}))
            .unwrap(),
        )
        .await;
        let init = response(&mut out).await;
        assert_eq!(init["id"], 1, "{init}");
        assert!(init["result"]["capabilities"].is_object());
        send_body(
            &mut stdin,
            br#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
        )
        .await;
        let mut id = 10;
        // (bytes on the wire, expected error code)
        let cases: Vec<(Vec<u8>, i64)> = vec![
            (
                b"{\"jsonrpc\": \"2.0\", \"id\": 5, \"method\": ".to_vec(),
                -32700,
            ), // truncated JSON
            ("Dữ liệu hỏng \u{0}\u{1}".as_bytes().to_vec(), -32700), // not JSON at all
            (vec![0xFF, 0xFE, 0x80, 0x81], -32700),                  // not even UTF-8
            (b"[1, 2, 3]".to_vec(), -32600),                         // JSON, not a message
            (b"42".to_vec(), -32600),
            (br#"{"jsonrpc": "2.0", "id": 6}"#.to_vec(), -32600), // neither request nor response
            (br#"{"id": 7, "method": 12}"#.to_vec(), -32600),     // method is not a string
        ];
        for (body, code) in cases {
            send_body(&mut stdin, &body).await;
            let e = response(&mut out).await;
            assert_eq!(
                e["error"]["code"],
                code,
                "{:?} → {e}",
                String::from_utf8_lossy(&body)
            );
            // The session goes on: a real request is still answered.
            id += 1;
            send_body(
                &mut stdin,
                &serde_json::to_vec(&json!({"jsonrpc": "2.0", "id": id,
                "method": "seedls/status", "params": null}))
                .unwrap(),
            )
            .await;
            let ok = response(&mut out).await;
            assert_eq!(ok["id"], id, "{ok}");
            assert!(ok["result"].is_object(), "{ok}");
        }
        // Broken framing: a header without Content-Length, a bad length.
        for frame in [
            b"Content-Type: application/json\r\n\r\n".to_vec(),
            b"Content-Length: dog\r\n\r\n".to_vec(),
            b"no colon here\r\n\r\n".to_vec(),
        ] {
            send_raw(&mut stdin, &frame).await;
            let e = response(&mut out).await;
            assert_eq!(e["error"]["code"], -32700, "{e}");
            id += 1;
            send_body(
                &mut stdin,
                &serde_json::to_vec(&json!({"jsonrpc": "2.0", "id": id,
                "method": "seedls/status", "params": null}))
                .unwrap(),
            )
            .await;
            assert_eq!(response(&mut out).await["id"], id);
        }
        // Unknown request → MethodNotFound; unknown notification → ignored.
        send_body(
            &mut stdin,
            br#"{"jsonrpc":"2.0","method":"$/noSuchNotification","params":{}}"#,
        )
        .await;
        send_body(
            &mut stdin,
            br#"{"jsonrpc":"2.0","id":99,"method":"noSuch/method","params":{}}"#,
        )
        .await;
        let e = response(&mut out).await;
        assert_eq!(
            (e["id"].clone(), e["error"]["code"].clone()),
            (json!(99), json!(-32601))
        );
        send_body(
            &mut stdin,
            br#"{"jsonrpc":"2.0","id":100,"method":"shutdown","params":null}"#,
        )
        .await;
        assert_eq!(response(&mut out).await["id"], 100);
        send_body(
            &mut stdin,
            br#"{"jsonrpc":"2.0","method":"exit","params":null}"#,
        )
        .await;
        child.wait().await.unwrap()
    };
    let status = tokio::time::timeout(Duration::from_secs(60), run)
        .await
        .expect("the server stopped answering");
    assert_eq!(status.code(), Some(0));
}

fn log_lines(c: &TestClient) -> Vec<String> {
    c.notifications("window/logMessage")
        .iter()
        .filter_map(|p| p["message"].as_str().map(str::to_string))
        .collect()
}

#[tokio::test]
async fn lifecycle_violations_get_the_prescribed_errors() {
    let mut c = TestClient::start().await;
    // Before initialize: requests → ServerNotInitialized (-32002); notifications dropped.
    for method in ["textDocument/hover", "workspace/symbol", "seedls/status"] {
        let e = c.request(method, json!({})).await.unwrap_err();
        assert_eq!(e["code"], -32002, "{method}: {e}");
    }
    c.open("file:///tmp/rel-early/a.txt", ARTICLE).await;
    c.initialize(TestClient::caps_utf16()).await;
    // The early didOpen was dropped (the spec says notifications before initialize are).
    assert_eq!(
        c.server_text("file:///tmp/rel-early/a.txt").await,
        Value::Null
    );
    // A second initialize is an error, and the session is unharmed.
    let e = c
        .request("initialize", json!({"processId": null, "capabilities": {}}))
        .await
        .unwrap_err();
    assert_eq!(e["code"], -32600, "{e}");
    assert!(c.status().await.is_object());
    c.request("shutdown", Value::Null).await.unwrap();
    // After shutdown: InvalidRequest for everything but exit.
    for method in ["textDocument/hover", "seedls/status", "shutdown"] {
        let e = c.request(method, json!({})).await.unwrap_err();
        assert_eq!(e["code"], -32600, "{method}: {e}");
    }
    c.notify("exit", Value::Null).await;
    assert_eq!(c.exit_code().await, 0);
}

#[tokio::test]
async fn bad_documents_positions_and_versions_are_handled() {
    let mut c = TestClient::ready().await;
    let uri = "file:///tmp/rel-proto/a.txt";
    c.open(uri, ARTICLE).await;
    c.diagnostics(uri).await;
    // Wrong parameter shapes on requests → InvalidParams (-32602).
    for params in [
        json!({"textDocument": 42}),
        json!({"textDocument": {"uri": uri}, "position": "start"}),
        json!({"textDocument": {"uri": uri}, "position": {"line": -1, "character": 0}}),
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": -5}}),
        json!([1, 2]),
        json!(null),
    ] {
        let e = c
            .request("textDocument/hover", params.clone())
            .await
            .unwrap_err();
        assert_eq!(e["code"], -32602, "{params} → {e}");
    }
    // Wrong parameter shapes on notifications: dropped, nothing changes.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri}}),
    )
    .await;
    c.notify("textDocument/didOpen", json!({"textDocument": "nope"}))
        .await;
    c.notify("textDocument/didClose", json!(17)).await;
    assert_eq!(c.server_text(uri).await["text"], ARTICLE);
    // Unknown and untitled documents: empty answers, not errors.
    for u in ["file:///nowhere/b.txt", "untitled:Untitled-3"] {
        let at = json!({"textDocument": {"uri": u}, "position": {"line": 0, "character": 0}});
        assert_eq!(
            c.request("textDocument/hover", at.clone()).await,
            Ok(Value::Null)
        );
        let mut refs = at.clone();
        refs["context"] = json!({"includeDeclaration": true});
        assert_eq!(
            c.request("textDocument/references", refs).await,
            Ok(Value::Null)
        );
        let tokens = c
            .request(
                "textDocument/semanticTokens/full",
                json!({"textDocument": {"uri": u}}),
            )
            .await;
        assert!(tokens.is_ok(), "{tokens:?}");
    }
    // An untitled buffer that is opened is served like any other.
    let untitled = "untitled:Untitled-4";
    c.open(untitled, ARTICLE).await;
    assert_eq!(c.server_text(untitled).await["text"], ARTICLE);
    // A change for a document that is not open: ignored with a log line.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///nowhere/c.txt", "version": 2},
               "contentChanges": [{"text": "x"}]}),
    )
    .await;
    c.wait_for("window/logMessage", |m| {
        m["message"]
            .as_str()
            .is_some_and(|s| s.contains("nowhere/c.txt") && s.contains("not open"))
    })
    .await;
    // Positions past the end: clamped answers, never errors.
    for (line, ch) in [(0, 100_000), (2, 999), (500, 0), (u32::MAX, u32::MAX)] {
        let at = json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": ch}});
        for method in [
            "textDocument/hover",
            "textDocument/definition",
            "textDocument/completion",
        ] {
            let r = c.request(method, at.clone()).await;
            assert!(r.is_ok(), "{method} at {line}:{ch}: {r:?}");
        }
    }
    // Edit ranges past the end: clamped to the end of the text.
    let v = c
        .change(uri, vec![json!({"range": {"start": {"line": 90, "character": 0}, "end": {"line": 99, "character": 5}}, "text": " Hết."})])
        .await;
    assert_eq!(c.server_text(uri).await["text"], format!("{ARTICLE} Hết."));
    // Versions out of order: the older one is ignored, with a log line.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": v - 1}, "contentChanges": [{"text": "cũ"}]}),
    )
    .await;
    c.wait_for("window/logMessage", |m| {
        m["message"]
            .as_str()
            .is_some_and(|s| s.contains("version") && s.contains("ignored"))
    })
    .await;
    assert_eq!(c.server_text(uri).await["text"], format!("{ARTICLE} Hết."));
    assert_eq!(c.server_text(uri).await["version"], v);
    let logs = log_lines(&c);
    assert!(logs.iter().all(|l| !l.contains("panicked")), "{logs:#?}");
    assert_eq!(c.shutdown_and_exit().await, 0);
}

#[tokio::test]
async fn a_panic_in_a_handler_is_an_internal_error_and_the_server_keeps_serving() {
    let mut c = TestClient::ready().await;
    let uri = "file:///tmp/rel-panic/a.txt";
    c.open(uri, ARTICLE).await;
    for _ in 0..3 {
        let e = c
            .request("seedls/test/panic", Value::Null)
            .await
            .unwrap_err();
        assert_eq!(e["code"], -32603, "{e}");
    }
    // The panic was logged once per request, and everything still works.
    let logged = log_lines(&c)
        .iter()
        .filter(|l| l.contains("deliberate panic"))
        .count();
    assert_eq!(logged, 3);
    let at = json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 50}});
    assert!(c.request("textDocument/hover", at).await.is_ok());
    c.change(uri, vec![json!({"text": " date 2024-13 Hỏng."})])
        .await;
    assert_eq!(c.diagnostics_at(uri, 2).await[0]["code"], "header");
    assert_eq!(c.shutdown_and_exit().await, 0);
}

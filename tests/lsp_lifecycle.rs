//! Lifecycle, encoding negotiation, capabilities and protocol robustness.

mod common;
use common::TestClient;
use serde_json::json;

const BAD_HEADER: &str = " date 2024-13 Sáng nay, Ủy ban nhân dân tỉnh Lào Cai họp bàn kế hoạch mùa mưa.\n\nĐoạn thứ hai nói về đê điều.";

#[tokio::test]
async fn initialize_advertises_every_feature_and_exits_cleanly() {
    let mut c = TestClient::start().await;
    let r = c.initialize(TestClient::caps_utf16()).await;
    let caps = &r["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    for key in [
        "hoverProvider",
        "definitionProvider",
        "referencesProvider",
        "documentHighlightProvider",
        "documentSymbolProvider",
        "workspaceSymbolProvider",
        "inlayHintProvider",
    ] {
        assert_eq!(caps[key], true, "{key}");
    }
    assert_eq!(caps["renameProvider"]["prepareProvider"], true);
    assert_eq!(caps["semanticTokensProvider"]["full"], true);
    assert_eq!(caps["semanticTokensProvider"]["range"], true);
    assert!(caps["semanticTokensProvider"]["legend"].is_object());
    assert!(caps["completionProvider"].is_object());
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix"])
    );
    assert_eq!(caps["workspace"]["workspaceFolders"]["supported"], true);
    assert_eq!(r["serverInfo"]["name"], "seedls");
    assert_eq!(c.shutdown_and_exit().await, 0);
}

#[tokio::test]
async fn position_encoding_negotiation() {
    for (offered, want) in [
        (json!(["utf-16", "utf-8"]), "utf-8"),
        (json!(["utf-32", "utf-16"]), "utf-16"),
        (json!(["utf-32"]), "utf-32"),
        (json!(null), "utf-16"),
    ] {
        let mut c = TestClient::start().await;
        let r = c
            .initialize(json!({ "general": { "positionEncodings": offered } }))
            .await;
        assert_eq!(
            r["capabilities"]["positionEncoding"], want,
            "offered {offered}"
        );
        let status = c.request("seedls/status", json!(null)).await.unwrap();
        assert_eq!(status["encoding"], want);
        assert_eq!(c.shutdown_and_exit().await, 0);
    }
}

#[tokio::test]
async fn utf32_positions_in_diagnostics() {
    let mut c = TestClient::start().await;
    c.set_configuration(json!({"debounceMs": 5}));
    c.initialize(
        json!({"general": {"positionEncodings": ["utf-32"]}, "workspace": {"configuration": true}}),
    )
    .await;
    let uri = "file:///tmp/seedls-utf32/a.txt";
    // An emoji before the bad month: 2 UTF-16 units, 1 UTF-32 unit.
    c.open(uri, "😀 date 2024-13 Bài thử.").await;
    let d = c.diagnostics(uri).await;
    assert_eq!(d[0]["code"], "header");
    assert_eq!(d[0]["range"]["start"]["character"], 0);
    let _ = c.shutdown_and_exit().await;
}

#[tokio::test]
async fn exit_without_shutdown_is_code_1() {
    let mut c = TestClient::ready().await;
    c.notify("exit", json!(null)).await;
    assert_eq!(c.exit_code().await, 1);
}

#[tokio::test]
async fn requests_before_initialize_and_after_shutdown_are_refused() {
    let mut c = TestClient::start().await;
    let e = c
        .request("textDocument/hover", json!({"textDocument": {"uri": "file:///x.txt"}, "position": {"line": 0, "character": 0}}))
        .await
        .unwrap_err();
    assert_eq!(e["code"], -32002, "ServerNotInitialized: {e}");
    c.initialize(TestClient::caps_utf16()).await;
    c.request("shutdown", json!(null)).await.unwrap();
    let e = c
        .request("textDocument/hover", json!({"textDocument": {"uri": "file:///x.txt"}, "position": {"line": 0, "character": 0}}))
        .await
        .unwrap_err();
    assert_eq!(e["code"], -32600, "InvalidRequest after shutdown: {e}");
    c.notify("exit", json!(null)).await;
    assert_eq!(c.exit_code().await, 0);
}

#[tokio::test]
async fn bad_input_keeps_the_server_alive() {
    let mut c = TestClient::ready().await;
    // Unknown method.
    let e = c
        .request("seedls/noSuchThing", json!({}))
        .await
        .unwrap_err();
    assert_eq!(e["code"], -32601);
    // Malformed JSON: a parse error with a null id, and the server keeps going.
    c.write_raw(b"{\"jsonrpc\": \"2.0\", \"id\": 99, \"method\": ")
        .await;
    c.wait_for("<response without id>", |m| m["error"]["code"] == -32700)
        .await;
    // Wrong parameter shapes.
    let e = c
        .request("textDocument/hover", json!({"textDocument": 42}))
        .await
        .unwrap_err();
    assert_eq!(e["code"], -32602);
    c.notify("textDocument/didChange", json!({"nonsense": true}))
        .await;
    // Unknown and untitled documents: null, not an error.
    for uri in ["file:///nowhere/x.txt", "untitled:Untitled-1"] {
        let pos = json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}});
        assert_eq!(
            c.request("textDocument/hover", pos.clone()).await,
            Ok(json!(null))
        );
        assert_eq!(
            c.request("textDocument/definition", pos.clone()).await,
            Ok(json!(null))
        );
        assert_eq!(
            c.request(
                "textDocument/documentSymbol",
                json!({"textDocument": {"uri": uri}})
            )
            .await,
            Ok(json!(null))
        );
        assert_eq!(c.server_text(uri).await, json!(null));
    }
    // Positions far out of range on a real document.
    let uri = "file:///tmp/seedls-bad/a.txt";
    c.open(uri, BAD_HEADER).await;
    for (line, ch) in [(0, 10_000), (10_000, 0), (u32::MAX, u32::MAX)] {
        let r = c
            .request(
                "textDocument/hover",
                json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": ch}}),
            )
            .await;
        assert!(r.is_ok(), "{r:?}");
    }
    let neg = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": -1, "character": 0}}),
        )
        .await;
    assert_eq!(neg.unwrap_err()["code"], -32602);
    // Still alive and correct.
    assert_eq!(c.server_text(uri).await["text"], BAD_HEADER);
    assert_eq!(c.shutdown_and_exit().await, 0);
}

#[tokio::test]
async fn a_panicking_handler_becomes_an_error_response() {
    let mut c = TestClient::ready().await;
    let e = c
        .request("seedls/test/panic", json!(null))
        .await
        .unwrap_err();
    assert_eq!(e["code"], -32603);
    assert!(
        e["message"].as_str().unwrap().contains("deliberate panic"),
        "{e}"
    );
    // The server keeps serving.
    let e = c
        .request("seedls/test/panic", json!(null))
        .await
        .unwrap_err();
    assert_eq!(e["code"], -32603);
    let uri = "file:///tmp/seedls-panic/a.txt";
    c.open(uri, BAD_HEADER).await;
    assert_eq!(c.diagnostics(uri).await[0]["code"], "header");
    assert_eq!(c.shutdown_and_exit().await, 0);
}

#[tokio::test]
async fn every_feature_request_is_wired() {
    let mut c = TestClient::ready().await;
    let uri = "file:///tmp/seedls-wired/a.txt";
    c.open(uri, BAD_HEADER).await;
    let td = json!({"uri": uri});
    let pos = json!({"line": 0, "character": 3});
    let range = json!({"start": {"line": 0, "character": 0}, "end": {"line": 2, "character": 0}});
    let calls = [
        (
            "textDocument/hover",
            json!({"textDocument": td, "position": pos}),
        ),
        (
            "textDocument/definition",
            json!({"textDocument": td, "position": pos}),
        ),
        (
            "textDocument/references",
            json!({"textDocument": td, "position": pos, "context": {"includeDeclaration": true}}),
        ),
        (
            "textDocument/documentHighlight",
            json!({"textDocument": td, "position": pos}),
        ),
        ("textDocument/documentSymbol", json!({"textDocument": td})),
        ("workspace/symbol", json!({"query": "Lào"})),
        (
            "textDocument/prepareRename",
            json!({"textDocument": td, "position": pos}),
        ),
        (
            "textDocument/rename",
            json!({"textDocument": td, "position": pos, "newName": "X"}),
        ),
        (
            "textDocument/semanticTokens/full",
            json!({"textDocument": td}),
        ),
        (
            "textDocument/semanticTokens/range",
            json!({"textDocument": td, "range": range}),
        ),
        (
            "textDocument/completion",
            json!({"textDocument": td, "position": pos}),
        ),
        (
            "textDocument/codeAction",
            json!({"textDocument": td, "range": range, "context": {"diagnostics": []}}),
        ),
        (
            "textDocument/inlayHint",
            json!({"textDocument": td, "range": range}),
        ),
    ];
    for (method, params) in calls {
        let r = c.request(method, params).await;
        // A user-facing rename refusal is RequestFailed; nothing may be MethodNotFound.
        if let Err(e) = &r {
            assert_ne!(e["code"], -32601, "{method} is not wired");
            assert_eq!(e["code"], -32803, "{method}: {e}");
        }
    }
    assert_eq!(c.shutdown_and_exit().await, 0);
}

#[tokio::test]
async fn cancel_request_stops_long_work() {
    let mut c = TestClient::ready().await;
    let before = c
        .request("seedls/test/cancelled", json!(null))
        .await
        .unwrap();
    let id = c.send_request("seedls/test/wait", json!(null)).await;
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    c.cancel(id).await;
    let e = c.response(id).await.unwrap_err();
    assert_eq!(e["code"], -32800, "RequestCancelled: {e}");
    // The pure work on its blocking thread noticed and stopped.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let now = c
            .request("seedls/test/cancelled", json!(null))
            .await
            .unwrap();
        if now.as_u64() > before.as_u64() {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the long work never saw the cancellation"
        );
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert_eq!(c.shutdown_and_exit().await, 0);
}

#[tokio::test]
async fn broken_framing_and_non_messages_get_errors() {
    let mut c = TestClient::ready().await;
    // Valid JSON that is not a JSON-RPC message: Invalid Request, with its id.
    c.write_raw(br#"{"id": "x7", "hello": "world"}"#).await;
    c.wait_for("<response without id>", |m| {
        m["id"] == "x7" && m["error"]["code"] == -32600
    })
    .await;
    c.write_raw(b"[1, 2, 3]").await;
    c.wait_for("<response without id>", |m| {
        m["id"].is_null() && m["error"]["code"] == -32600
    })
    .await;
    // A header without Content-Length.
    c.write_bytes(b"Content-Type: text/plain\r\n\r\n").await;
    c.wait_for("<response without id>", |m| m["error"]["code"] == -32700)
        .await;
    // Still serving.
    let st = c.request("seedls/status", json!(null)).await.unwrap();
    assert_eq!(st["encoding"], "utf-16");
    assert_eq!(c.shutdown_and_exit().await, 0);
}

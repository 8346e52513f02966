//! The real binary over stdio: initialize → didOpen of a seed with a malformed
//! header → publishDiagnostics with code `header` → shutdown → exit (code 0).

mod common;

use common::stdio::{recv, send};
use serde_json::{json, Value};
use std::process::Stdio;
use std::time::Duration;
use tokio::io::BufReader;
use tokio::process::{ChildStdin, ChildStdout, Command};

/// Reads messages until `pred` matches one, answering server requests with null.
async fn until(
    out: &mut BufReader<ChildStdout>,
    stdin: &mut ChildStdin,
    pred: impl Fn(&Value) -> bool,
) -> Value {
    loop {
        let m = recv(out).await;
        if pred(&m) {
            return m;
        }
        if m.get("method").is_some() && m.get("id").is_some() {
            let reply = match m["method"].as_str() {
                Some("workspace/configuration") => {
                    json!({"jsonrpc": "2.0", "id": m["id"], "result": [{"debounceMs": 10}]})
                }
                _ => json!({"jsonrpc": "2.0", "id": m["id"], "result": null}),
            };
            send(stdin, reply).await;
        }
    }
}

#[tokio::test]
async fn real_binary_over_stdio() {
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
        send(&mut stdin, json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "processId": null,
            "capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]}, "workspace": {"configuration": true}},
        }})).await;
        let init = until(&mut out, &mut stdin, |m| m["id"] == 1).await;
        assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-8");
        send(
            &mut stdin,
            json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
        )
        .await;
        let uri = "file:///tmp/seedls-stdio/bai.txt";
        send(
            &mut stdin,
            json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
                "uri": uri, "languageId": "seed", "version": 3,
                "text": " date 2024-13 Đoàn công tác của tỉnh Điện Biên thăm hỏi bà con vùng lũ.",
            }}}),
        )
        .await;
        let diag = until(&mut out, &mut stdin, |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        })
        .await;
        assert_eq!(diag["params"]["version"], 3);
        assert_eq!(diag["params"]["diagnostics"][0]["code"], "header");
        // UTF-8 columns: " date " is 6 bytes.
        assert_eq!(
            diag["params"]["diagnostics"][0]["range"]["start"]["character"],
            6
        );
        send(
            &mut stdin,
            json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null}),
        )
        .await;
        until(&mut out, &mut stdin, |m| m["id"] == 2).await;
        send(
            &mut stdin,
            json!({"jsonrpc": "2.0", "method": "exit", "params": null}),
        )
        .await;
        // stdin stays open: the server must exit on `exit` by itself.
        child.wait().await.unwrap()
    };
    let status = tokio::time::timeout(Duration::from_secs(30), run)
        .await
        .expect("the server did not finish in time");
    assert_eq!(status.code(), Some(0));
}

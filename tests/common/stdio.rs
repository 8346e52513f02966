//! LSP framing over a real child process's stdin/stdout, for the tests that
//! run the `seedls` binary itself (the in-process harness cannot send bad bytes).

use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::process::{ChildStdin, ChildStdout};

/// Writes bytes as they are (for malformed framing).
pub async fn send_raw(stdin: &mut ChildStdin, bytes: &[u8]) {
    stdin.write_all(bytes).await.unwrap();
    stdin.flush().await.unwrap();
}

/// Frames `body` with a correct `Content-Length` header.
pub async fn send_body(stdin: &mut ChildStdin, body: &[u8]) {
    let mut msg = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    msg.extend_from_slice(body);
    send_raw(stdin, &msg).await;
}

/// Sends one JSON-RPC message.
pub async fn send(stdin: &mut ChildStdin, msg: Value) {
    send_body(stdin, msg.to_string().as_bytes()).await;
}

/// Reads one message; the server always writes valid JSON.
pub async fn recv(out: &mut BufReader<ChildStdout>) -> Value {
    let mut len = 0;
    loop {
        let mut line = String::new();
        assert!(
            out.read_line(&mut line).await.unwrap() > 0,
            "server closed stdout"
        );
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            len = v.trim().parse().unwrap();
        }
    }
    let mut body = vec![0; len];
    out.read_exact(&mut body).await.unwrap();
    serde_json::from_slice(&body).expect("the server always writes valid JSON")
}

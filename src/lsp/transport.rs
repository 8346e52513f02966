//! A guard in front of tower-lsp's transport.
//!
//! tower-lsp-server 0.23 stops reading input after the first undecodable
//! message (its framed reader yields `None` after a decode error, which ends
//! the server's read loop), so one malformed message would end the session.
//! This layer frames the client's bytes itself and forwards only messages
//! tower-lsp can decode. For anything else it answers the client directly,
//! as JSON-RPC prescribes: `-32700 Parse error` (not JSON, or broken framing)
//! or `-32600 Invalid Request` (JSON that is not a request/response), and the
//! session goes on.

use serde::Deserialize;
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Request, Response};

/// Longest header line accepted; longer lines are garbage.
const MAX_HEADER_LINE: usize = 8 * 1024;

#[derive(Deserialize)]
#[serde(untagged)]
#[allow(dead_code)] // only decoded, to check tower-lsp will accept the message
enum Message {
    Response(Response),
    Request(Request),
}

/// One frame read from a stream.
pub enum Frame {
    Body(Vec<u8>),
    /// Headers without a usable `Content-Length`.
    BadHeader,
}

/// Reads the next frame (`None` at end of input).
pub async fn read_frame<R: AsyncRead + Unpin>(r: &mut BufReader<R>) -> Option<Frame> {
    let mut length: Option<usize> = None;
    let mut saw_header = false;
    let mut bad = false;
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = (&mut *r)
            .take(MAX_HEADER_LINE as u64)
            .read_until(b'\n', &mut line)
            .await
            .ok()?;
        if n == 0 {
            return None;
        }
        if n >= MAX_HEADER_LINE && !line.ends_with(b"\n") {
            bad = true;
            continue;
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if saw_header {
                break;
            }
            continue; // stray blank line between messages
        }
        saw_header = true;
        match text.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse() {
                    Ok(v) => length = Some(v),
                    Err(_) => bad = true,
                }
            }
            Some(_) => {} // Content-Type and unknown headers are ignored
            None => bad = true,
        }
    }
    match length {
        Some(len) if !bad => {
            let mut body = vec![0; len];
            r.read_exact(&mut body).await.ok()?;
            Some(Frame::Body(body))
        }
        _ => Some(Frame::BadHeader),
    }
}

pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

fn error_frame(id: Value, code: i64, message: &str) -> Vec<u8> {
    let msg = json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}});
    frame(msg.to_string().as_bytes())
}

/// A request or notification names its `method`; a response carries `result`
/// or `error`. tower-lsp would read `{"id": 1}` as a request for the method
/// "" (MethodNotFound); JSON-RPC calls it an Invalid Request.
fn has_method_or_outcome(body: &[u8]) -> bool {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(o)) => {
            o.get("method").is_some_and(Value::is_string)
                || o.contains_key("result")
                || o.contains_key("error")
        }
        _ => false,
    }
}

/// Copies well-formed messages from `input` to `to_server`; answers the rest
/// through `replies`. Ends at the end of input.
pub async fn filter_input<R, W>(input: R, mut to_server: W, replies: mpsc::UnboundedSender<Vec<u8>>)
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut r = BufReader::new(input);
    while let Some(f) = read_frame(&mut r).await {
        let body = match f {
            Frame::Body(b) => b,
            Frame::BadHeader => {
                let _ = replies.send(error_frame(
                    Value::Null,
                    -32700,
                    "Parse error: bad message header",
                ));
                continue;
            }
        };
        if body.iter().all(u8::is_ascii_whitespace) {
            continue; // tower-lsp ignores empty bodies too
        }
        if serde_json::from_slice::<Message>(&body).is_ok() && has_method_or_outcome(&body) {
            if to_server.write_all(&frame(&body)).await.is_err() {
                return;
            }
            let _ = to_server.flush().await;
            continue;
        }
        let reply = match serde_json::from_slice::<Value>(&body) {
            Err(_) => error_frame(Value::Null, -32700, "Parse error: invalid JSON"),
            Ok(v) => {
                let id = v
                    .get("id")
                    .filter(|id| id.is_string() || id.is_i64() || id.is_u64())
                    .cloned()
                    .unwrap_or(Value::Null);
                error_frame(id, -32600, "Invalid Request: not a JSON-RPC 2.0 message")
            }
        };
        let _ = replies.send(reply);
    }
}

/// Copies the server's frames to `output`, interleaving `replies` between
/// whole frames. Ends when the server's side closes.
pub async fn merge_output<R, W>(
    from_server: R,
    mut replies: mpsc::UnboundedReceiver<Vec<u8>>,
    mut output: W,
) where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    // Frames are read in their own future: `read_frame` is not cancel-safe,
    // channel receives are.
    let (tx, mut frames) = mpsc::unbounded_channel::<Vec<u8>>();
    let read = async move {
        let mut r = BufReader::new(from_server);
        while let Some(f) = read_frame(&mut r).await {
            if let Frame::Body(b) = f {
                if tx.send(b).is_err() {
                    return;
                }
            }
        }
    };
    let write = async move {
        let mut replies_open = true;
        loop {
            let bytes = tokio::select! {
                biased;
                f = frames.recv() => match f {
                    Some(b) => frame(&b),
                    None => break,
                },
                reply = replies.recv(), if replies_open => match reply {
                    Some(bytes) => bytes,
                    None => { replies_open = false; continue; }
                },
            };
            if output.write_all(&bytes).await.is_err() {
                return;
            }
            let _ = output.flush().await;
        }
        let _ = output.flush().await;
    };
    tokio::join!(read, write);
}

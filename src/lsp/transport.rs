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
use std::collections::HashMap;
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
/// whole frames and swapping in `raw` results for their placeholders. Ends
/// when the server's side closes.
pub async fn merge_output<R, W>(
    from_server: R,
    mut replies: mpsc::UnboundedReceiver<Vec<u8>>,
    raw: std::sync::Arc<RawResults>,
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
                    Some(b) => frame(&raw.swap(&b).unwrap_or(b)),
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

/// Results the server encoded itself, waiting for their response frame.
///
/// tower-lsp-server turns every result into a `serde_json::Value` tree before
/// encoding it; for a person with 20,000 mentions that tree (100,000 small
/// maps) costs more than finding the references. So `textDocument/references`
/// is routed ([`Reroute`]) to a handler that encodes its result to bytes,
/// parks them here and returns a placeholder string; [`merge_output`] swaps
/// the placeholder response for one carrying the bytes. Everything else about
/// the request (initialisation state, cancellation, errors) stays tower-lsp's.
#[derive(Default)]
pub struct RawResults {
    parked: std::sync::Mutex<HashMap<u64, Vec<u8>>>,
    next: std::sync::atomic::AtomicU64,
}

/// Starts every placeholder: a NUL never occurs in a result the server builds.
const PLACEHOLDER: &str = "\u{0}seedls-raw:";
/// The placeholder as it appears in encoded JSON.
const PLACEHOLDER_JSON: &[u8] = b"\\u0000seedls-raw:";

impl RawResults {
    /// Parks `json` (an encoded result) and returns the placeholder to
    /// answer with instead.
    pub fn park(&self, json: Vec<u8>) -> Value {
        let n = self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.lock().insert(n, json);
        Value::String(format!("{PLACEHOLDER}{n}"))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Vec<u8>>> {
        self.parked.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The body to send instead of `body` when `body` is a placeholder
    /// response: the same response with the parked result.
    pub fn swap(&self, body: &[u8]) -> Option<Vec<u8>> {
        // Nothing parked (almost always): no frame is a placeholder.
        if self.lock().is_empty() || memchr::memmem::find(body, PLACEHOLDER_JSON).is_none() {
            return None;
        }
        let response: Value = serde_json::from_slice(body).ok()?;
        let n: u64 = response
            .get("result")?
            .as_str()?
            .strip_prefix(PLACEHOLDER)?
            .parse()
            .ok()?;
        let id = response.get("id")?;
        let parked = self.lock().remove(&n);
        let result = parked.unwrap_or_else(|| b"null".to_vec());
        let mut out = Vec::with_capacity(result.len() + 64);
        out.extend_from_slice(br#"{"jsonrpc":"2.0","result":"#);
        out.extend_from_slice(&result);
        out.extend_from_slice(br#","id":"#);
        out.extend_from_slice(id.to_string().as_bytes());
        out.push(b'}');
        Some(out)
    }
}

/// The method [`Reroute`] gives `textDocument/references` requests.
pub const RAW_REFERENCES: &str = "seedls/rawReferences";

/// Renames `textDocument/references` requests to [`RAW_REFERENCES`], whose
/// handler answers through [`RawResults`]; passes everything else on.
pub struct Reroute<S>(pub S);

impl<S> tower::Service<Request> for Reroute<S>
where
    S: tower::Service<Request>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;

    fn poll_ready(
        &mut self,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::result::Result<(), Self::Error>> {
        self.0.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        if req.method() != "textDocument/references" || req.id().is_none() {
            return self.0.call(req);
        }
        let (_, id, params) = req.into_parts();
        let mut b = Request::build(RAW_REFERENCES);
        if let Some(id) = id {
            b = b.id(id);
        }
        if let Some(p) = params {
            b = b.params(p);
        }
        self.0.call(b.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_swapped_for_their_parked_result() {
        let raw = RawResults::default();
        let placeholder = raw.park(br#"[{"uri":"file:///a.txt"}]"#.to_vec());
        for id in [json!(7), json!("abc")] {
            let parked = if id == json!(7) {
                placeholder.clone()
            } else {
                raw.park(b"[]".to_vec())
            };
            let response = json!({"jsonrpc": "2.0", "result": parked, "id": id});
            let body = serde_json::to_vec(&response).unwrap();
            let swapped = raw.swap(&body).expect("a placeholder");
            let v: Value = serde_json::from_slice(&swapped).unwrap();
            assert_eq!(v["id"], id);
            assert_eq!(v["jsonrpc"], "2.0");
            assert!(v["result"].is_array(), "{v}");
        }
        assert!(raw.lock().is_empty(), "swapped results are not kept");
        // A long string id makes a long placeholder frame.
        let id = "x".repeat(1000);
        let parked = raw.park(b"[1]".to_vec());
        let body = serde_json::to_vec(&json!({"jsonrpc": "2.0", "result": parked, "id": id}));
        let v: Value = serde_json::from_slice(&raw.swap(&body.unwrap()).unwrap()).unwrap();
        assert_eq!(
            (v["id"].as_str(), &v["result"]),
            (Some(id.as_str()), &json!([1]))
        );
        // Swapping twice (or an unknown number) answers null, never the placeholder.
        raw.park(b"[]".to_vec());
        let body = serde_json::to_vec(&json!({"jsonrpc": "2.0", "result": placeholder, "id": 7}));
        let again: Value = serde_json::from_slice(&raw.swap(&body.unwrap()).unwrap()).unwrap();
        assert_eq!(again["result"], Value::Null);
    }

    #[test]
    fn other_frames_pass_unchanged() {
        let raw = RawResults::default();
        raw.park(b"[]".to_vec());
        for body in [
            json!({"jsonrpc": "2.0", "result": null, "id": 1}),
            json!({"jsonrpc": "2.0", "result": "seedls-raw:0", "id": 1}),
            json!({"jsonrpc": "2.0", "method": "window/logMessage",
                   "params": {"type": 3, "message": "\u{0}seedls-raw:0"}}),
        ] {
            assert_eq!(
                raw.swap(&serde_json::to_vec(&body).unwrap()),
                None,
                "{body}"
            );
        }
        assert_eq!(raw.lock().len(), 1);
    }

    /// Records the requests it is called with.
    struct Record(Vec<Request>);

    impl tower::Service<Request> for Record {
        type Response = ();
        type Error = ();
        type Future = std::future::Ready<std::result::Result<(), ()>>;

        fn poll_ready(
            &mut self,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<std::result::Result<(), ()>> {
            std::task::Poll::Ready(Ok(()))
        }

        fn call(&mut self, req: Request) -> Self::Future {
            self.0.push(req);
            std::future::ready(Ok(()))
        }
    }

    #[test]
    fn only_reference_requests_are_rerouted() {
        use tower::Service;
        let params = json!({"textDocument": {"uri": "file:///a.txt"},
                            "position": {"line": 0, "character": 1},
                            "context": {"includeDeclaration": true}});
        let mut svc = Reroute(Record(Vec::new()));
        svc.call(
            Request::build("textDocument/references")
                .id(4)
                .params(params.clone())
                .finish(),
        )
        .into_inner()
        .unwrap();
        svc.call(
            Request::build("textDocument/references")
                .params(params.clone())
                .finish(),
        )
        .into_inner()
        .unwrap();
        svc.call(Request::build("textDocument/hover").id(5).finish())
            .into_inner()
            .unwrap();
        let seen = &svc.0 .0;
        assert_eq!(seen[0].method(), RAW_REFERENCES);
        assert_eq!(seen[0].id(), Some(&4.into()));
        assert_eq!(seen[0].params(), Some(&params));
        // A notification is not a request: tower-lsp answers it as before.
        assert_eq!(seen[1].method(), "textDocument/references");
        assert_eq!(seen[2].method(), "textDocument/hover");
    }
}

//! In-process LSP test harness: a seedls server on a `tokio::io::duplex`
//! pipe and a small scripted client.
//!
//! ```ignore
//! let mut c = TestClient::start().await;            // server running, not initialized
//! c.initialize(TestClient::caps_utf16()).await;    // initialize + initialized
//! c.open("file:///w/a.txt", " date 2024-13 ...").await;
//! let d = c.diagnostics("file:///w/a.txt").await;  // next publishDiagnostics for it
//! let hover = c.request("textDocument/hover", json!({...})).await; // Result<Value, Value>
//! assert_eq!(c.shutdown_and_exit().await, 0);
//! ```
//!
//! The client answers server→client requests by itself:
//! `window/workDoneProgress/create`, `client/registerCapability`,
//! `client/unregisterCapability` → null; `workspace/configuration` → the value
//! set with [`TestClient::set_configuration`] for each item;
//! `workspace/workspaceFolders` → null; anything else → MethodNotFound.
//! Every server→client request and notification is recorded.
#![allow(dead_code)]

pub mod stdio;

use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::sync::{oneshot, Notify};

/// How long any wait may take before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(20);

#[derive(Default)]
struct Shared {
    /// Notifications from the server, in arrival order: (method, params).
    notifications: Vec<(String, Value)>,
    /// Requests from the server, in arrival order: (method, params).
    server_requests: Vec<(String, Value)>,
    pending: HashMap<i64, oneshot::Sender<Value>>,
    configuration: Value,
}

pub struct TestClient {
    writer: Arc<tokio::sync::Mutex<tokio::io::WriteHalf<tokio::io::DuplexStream>>>,
    shared: Arc<Mutex<Shared>>,
    changed: Arc<Notify>,
    next_id: i64,
    /// The server task; yields the exit code.
    server: Option<tokio::task::JoinHandle<i32>>,
    /// Versions of documents this client opened, for `change`.
    versions: HashMap<String, i32>,
    /// How far `next_notification` has read, per method.
    cursor: HashMap<String, usize>,
    /// Response channels of requests sent and not yet awaited.
    waiting: HashMap<i64, oneshot::Receiver<Value>>,
}

impl TestClient {
    /// Starts a server (with test hooks) without initializing it.
    pub async fn start() -> Self {
        let (client_io, server_io) = tokio::io::duplex(1 << 20);
        let (server_read, server_write) = tokio::io::split(server_io);
        let server = tokio::spawn(seedls::lsp::serve_with(
            server_read,
            server_write,
            seedls::lsp::ServeOptions { test_hooks: true },
        ));
        let (read, write) = tokio::io::split(client_io);
        let writer = Arc::new(tokio::sync::Mutex::new(write));
        let shared = Arc::new(Mutex::new(Shared::default()));
        let changed = Arc::new(Notify::new());
        tokio::spawn(read_loop(
            read,
            writer.clone(),
            shared.clone(),
            changed.clone(),
        ));
        TestClient {
            writer,
            shared,
            changed,
            next_id: 1,
            server: Some(server),
            versions: HashMap::new(),
            cursor: HashMap::new(),
            waiting: HashMap::new(),
        }
    }

    /// Client capabilities offering UTF-16 only, with progress, configuration,
    /// dynamic file watching and workspace folders.
    pub fn caps_utf16() -> Value {
        json!({
            "general": { "positionEncodings": ["utf-16"] },
            "window": { "workDoneProgress": true },
            "workspace": {
                "configuration": true,
                "workspaceFolders": true,
                "didChangeWatchedFiles": { "dynamicRegistration": true, "relativePatternSupport": true }
            },
            "textDocument": { "publishDiagnostics": { "versionSupport": true, "relatedInformation": true } }
        })
    }

    /// Like [`caps_utf16`](Self::caps_utf16) but offering UTF-8 too (the server picks UTF-8).
    pub fn caps_utf8() -> Value {
        let mut c = Self::caps_utf16();
        c["general"]["positionEncodings"] = json!(["utf-16", "utf-8"]);
        c
    }

    /// A client that supports nothing optional (no progress, no configuration pull).
    pub fn caps_minimal() -> Value {
        json!({})
    }

    /// Sends `initialize` (with `capabilities`, no folders) and `initialized`; returns the result.
    pub async fn initialize(&mut self, capabilities: Value) -> Value {
        self.initialize_with(json!({ "capabilities": capabilities }))
            .await
    }

    /// Sends `initialize` with full `params` (add `workspaceFolders`,
    /// `initializationOptions`, ...) and `initialized`, and waits until the
    /// first workspace index run has ended (configuration is applied by then);
    /// returns the initialize result.
    pub async fn initialize_with(&mut self, mut params: Value) -> Value {
        if params.get("processId").is_none() {
            params["processId"] = Value::Null;
        }
        let result = self
            .request("initialize", params)
            .await
            .expect("initialize failed");
        self.notify("initialized", json!({})).await;
        self.indexed(1).await;
        result
    }

    /// A started and initialized client (UTF-16, full capabilities, no folders).
    pub async fn ready() -> Self {
        let mut c = Self::start().await;
        c.set_configuration(json!({ "debounceMs": 10 }));
        c.initialize(Self::caps_utf16()).await;
        c
    }

    /// A started client initialized with `folders` (file paths) and settings
    /// (served both as initializationOptions and through workspace/configuration).
    pub async fn ready_with_folders(folders: &[&std::path::Path], settings: Value) -> Self {
        let mut c = Self::start().await;
        c.set_configuration(settings.clone());
        let folders: Vec<Value> = folders
            .iter()
            .map(|p| json!({ "uri": file_uri(p), "name": p.display().to_string() }))
            .collect();
        c.initialize_with(json!({
            "capabilities": Self::caps_utf16(),
            "workspaceFolders": folders,
            "initializationOptions": settings,
        }))
        .await;
        c
    }

    /// The value the client answers `workspace/configuration` with.
    pub fn set_configuration(&self, value: Value) {
        self.shared.lock().unwrap().configuration = value;
    }

    /// Sends a request and waits for its response: `Ok(result)` or `Err(error object)`.
    pub async fn request(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        let id = self.send_request(method, params).await;
        self.response(id).await
    }

    /// Sends a request without waiting; returns its id (see [`response`](Self::response)).
    pub async fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        let (tx, rx) = oneshot::channel();
        self.shared.lock().unwrap().pending.insert(id, tx);
        self.write(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        self.response_channels_insert(id, rx);
        id
    }

    fn response_channels_insert(&mut self, id: i64, rx: oneshot::Receiver<Value>) {
        self.waiting.insert(id, rx);
    }

    /// Waits for the response to a request sent with [`send_request`](Self::send_request).
    pub async fn response(&mut self, id: i64) -> Result<Value, Value> {
        let rx = self.waiting.remove(&id).expect("unknown request id");
        let msg = tokio::time::timeout(TIMEOUT, rx)
            .await
            .unwrap_or_else(|_| panic!("no response to request {id}"))
            .expect("reader stopped");
        match msg.get("error") {
            Some(e) => Err(e.clone()),
            None => Ok(msg.get("result").cloned().unwrap_or(Value::Null)),
        }
    }

    pub async fn notify(&self, method: &str, params: Value) {
        self.write(json!({"jsonrpc": "2.0", "method": method, "params": params}))
            .await;
    }

    /// Sends `$/cancelRequest` for `id`.
    pub async fn cancel(&self, id: i64) {
        self.notify("$/cancelRequest", json!({ "id": id })).await;
    }

    /// Writes one JSON-RPC message with its header.
    pub async fn write(&self, msg: Value) {
        self.write_raw(msg.to_string().as_bytes()).await;
    }

    /// Writes raw bytes as a message body with a correct header (for malformed JSON).
    pub async fn write_raw(&self, body: &[u8]) {
        let mut w = self.writer.lock().await;
        let header = format!("Content-Length: {}\r\n\r\n", body.len());
        w.write_all(header.as_bytes()).await.unwrap();
        w.write_all(body).await.unwrap();
        w.flush().await.unwrap();
    }

    /// Writes raw bytes with no framing at all (broken headers).
    pub async fn write_bytes(&self, bytes: &[u8]) {
        let mut w = self.writer.lock().await;
        w.write_all(bytes).await.unwrap();
        w.flush().await.unwrap();
    }

    /// `didOpen` with languageId `seed`, version 1.
    pub async fn open(&mut self, uri: &str, text: &str) {
        self.open_as(uri, "seed", text).await;
    }

    pub async fn open_as(&mut self, uri: &str, language_id: &str, text: &str) {
        self.versions.insert(uri.to_string(), 1);
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language_id, "version": 1, "text": text}}),
        )
        .await;
    }

    /// `didChange` with the next version and the given content changes
    /// (`{"range": ..., "text": ...}` or `{"text": ...}`); returns the version.
    pub async fn change(&mut self, uri: &str, changes: Vec<Value>) -> i32 {
        let v = self.versions.entry(uri.to_string()).or_insert(0);
        *v += 1;
        let version = *v;
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        )
        .await;
        version
    }

    pub async fn close(&mut self, uri: &str) {
        self.versions.remove(uri);
        self.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    }

    /// The server's text of a document (`seedls/documentText`), or null.
    pub async fn server_text(&mut self, uri: &str) -> Value {
        self.request("seedls/documentText", json!({"textDocument": {"uri": uri}}))
            .await
            .expect("seedls/documentText failed")
    }

    /// Polls `seedls/documentText` until `pred` holds for its result (null
    /// for an unknown document); returns that result.
    pub async fn wait_text(&mut self, uri: &str, pred: impl Fn(&Value) -> bool) -> Value {
        let deadline = tokio::time::Instant::now() + TIMEOUT;
        loop {
            let v = self.server_text(uri).await;
            if pred(&v) {
                return v;
            }
            if tokio::time::Instant::now() > deadline {
                panic!("{uri}: server text never matched; last {v}");
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// `seedls/status`: `{"documents", "open", "folders", "indexing", "encoding"}`.
    pub async fn status(&mut self) -> Value {
        self.request("seedls/status", Value::Null)
            .await
            .expect("seedls/status failed")
    }

    /// Sends `workspace/didChangeWatchedFiles` for one file (`kind`: 1 created, 2 changed, 3 deleted).
    pub async fn file_event(&self, path: &std::path::Path, kind: u8) {
        self.notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": file_uri(path), "type": kind}]}),
        )
        .await;
    }

    /// All notifications received so far with this method.
    pub fn notifications(&self, method: &str) -> Vec<Value> {
        self.shared
            .lock()
            .unwrap()
            .notifications
            .iter()
            .filter(|(m, _)| m == method)
            .map(|(_, p)| p.clone())
            .collect()
    }

    /// All server→client requests received so far with this method.
    pub fn server_requests(&self, method: &str) -> Vec<Value> {
        self.shared
            .lock()
            .unwrap()
            .server_requests
            .iter()
            .filter(|(m, _)| m == method)
            .map(|(_, p)| p.clone())
            .collect()
    }

    /// Waits until a notification with `method` satisfying `pred` has arrived
    /// (responses whose id is null or a string are recorded under the method
    /// name `<response without id>`)
    /// (looking at all received so far, then new ones); returns its params.
    pub async fn wait_for(&self, method: &str, pred: impl Fn(&Value) -> bool) -> Value {
        let deadline = tokio::time::Instant::now() + TIMEOUT;
        loop {
            let notified = self.changed.notified();
            if let Some(v) = self.notifications(method).into_iter().find(|v| pred(v)) {
                return v;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                panic!(
                    "timed out waiting for {method}; got {:#?}",
                    self.shared.lock().unwrap().notifications
                );
            }
        }
    }

    /// Waits for the next notification with `method` not yet returned by this function.
    pub async fn next_notification(&mut self, method: &str) -> Value {
        let seen = *self.cursor.get(method).unwrap_or(&0);
        let deadline = tokio::time::Instant::now() + TIMEOUT;
        loop {
            let notified = self.changed.notified();
            let all = self.notifications(method);
            if all.len() > seen {
                self.cursor.insert(method.to_string(), seen + 1);
                return all[seen].clone();
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                panic!("timed out waiting for the next {method}");
            }
        }
    }

    /// Waits for a publishDiagnostics for `uri` (any version) and returns its diagnostics.
    pub async fn diagnostics(&self, uri: &str) -> Vec<Value> {
        let p = self
            .wait_for("textDocument/publishDiagnostics", |p| p["uri"] == uri)
            .await;
        p["diagnostics"].as_array().cloned().unwrap_or_default()
    }

    /// Waits for a publishDiagnostics for `uri` at exactly `version`.
    pub async fn diagnostics_at(&self, uri: &str, version: i32) -> Vec<Value> {
        let p = self
            .wait_for("textDocument/publishDiagnostics", |p| {
                p["uri"] == uri && p["version"] == version
            })
            .await;
        p["diagnostics"].as_array().cloned().unwrap_or_default()
    }

    /// Waits until workspace indexing has finished: a `$/progress` end when
    /// the client supports progress, else the "indexed" log line. Counts runs:
    /// `n` is how many index runs must have ended.
    pub async fn indexed(&self, n: usize) {
        let deadline = tokio::time::Instant::now() + TIMEOUT;
        loop {
            let notified = self.changed.notified();
            let ends = self
                .notifications("window/logMessage")
                .iter()
                .filter(|p| {
                    p["message"]
                        .as_str()
                        .is_some_and(|m| m.starts_with("seedls: indexed "))
                })
                .count();
            if ends >= n {
                return;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                panic!("indexing did not finish");
            }
        }
    }

    /// `shutdown` then `exit`; returns the server's exit code.
    pub async fn shutdown_and_exit(mut self) -> i32 {
        self.request("shutdown", Value::Null)
            .await
            .expect("shutdown failed");
        self.notify("exit", Value::Null).await;
        self.exit_code().await
    }

    /// Waits for the server task to end and returns its exit code.
    pub async fn exit_code(&mut self) -> i32 {
        let server = self.server.take().expect("already waited");
        tokio::time::timeout(TIMEOUT, server)
            .await
            .expect("server did not exit")
            .expect("server task panicked")
    }
}

async fn read_loop(
    read: tokio::io::ReadHalf<tokio::io::DuplexStream>,
    writer: Arc<tokio::sync::Mutex<tokio::io::WriteHalf<tokio::io::DuplexStream>>>,
    shared: Arc<Mutex<Shared>>,
    changed: Arc<Notify>,
) {
    let mut r = BufReader::new(read);
    loop {
        let mut len = None;
        loop {
            let mut line = String::new();
            match r.read_line(&mut line).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length:") {
                len = v.trim().parse::<usize>().ok();
            }
        }
        let Some(len) = len else { return };
        let mut body = vec![0; len];
        if r.read_exact(&mut body).await.is_err() {
            return;
        }
        let msg: Value = serde_json::from_slice(&body).expect("server sent invalid JSON");
        let method = msg
            .get("method")
            .and_then(Value::as_str)
            .map(str::to_string);
        match (method, msg.get("id").cloned()) {
            (Some(method), Some(id)) => {
                let params = msg.get("params").cloned().unwrap_or(Value::Null);
                let reply = {
                    let mut s = shared.lock().unwrap();
                    s.server_requests.push((method.clone(), params.clone()));
                    match method.as_str() {
                        "window/workDoneProgress/create"
                        | "client/registerCapability"
                        | "client/unregisterCapability"
                        | "workspace/workspaceFolders" => {
                            json!({"jsonrpc": "2.0", "id": id, "result": null})
                        }
                        "workspace/configuration" => {
                            let n = params["items"].as_array().map_or(1, Vec::len);
                            let items: Vec<Value> =
                                (0..n).map(|_| s.configuration.clone()).collect();
                            json!({"jsonrpc": "2.0", "id": id, "result": items})
                        }
                        _ => {
                            json!({"jsonrpc": "2.0", "id": id, "error": {"code": -32601, "message": "not supported by the test client"}})
                        }
                    }
                };
                let body = reply.to_string();
                let mut w = writer.lock().await;
                let _ = w
                    .write_all(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes())
                    .await;
                let _ = w.flush().await;
            }
            (Some(method), None) => {
                let params = msg.get("params").cloned().unwrap_or(Value::Null);
                shared.lock().unwrap().notifications.push((method, params));
            }
            (None, Some(id)) => {
                if let Some(id) = id.as_i64() {
                    if let Some(tx) = shared.lock().unwrap().pending.remove(&id) {
                        let _ = tx.send(msg);
                    }
                } else {
                    // A response whose id is not one of ours (null after malformed JSON).
                    shared
                        .lock()
                        .unwrap()
                        .notifications
                        .push(("<response without id>".to_string(), msg));
                }
            }
            (None, None) => {}
        }
        changed.notify_waiters();
    }
}

/// A `file://` URI for a path (same encoding as the server's).
pub fn file_uri(path: &std::path::Path) -> String {
    tower_lsp_server::ls_types::Uri::from_file_path(path)
        .expect("absolute path")
        .as_str()
        .to_string()
}

/// A fresh temporary directory under the target dir, removed on drop.
pub struct TempDir(pub std::path::PathBuf);

impl TempDir {
    pub fn new(name: &str) -> Self {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("seedls-test-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    pub fn path(&self) -> &std::path::Path {
        &self.0
    }

    /// Writes a file (creating parent folders) and returns its path.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> std::path::PathBuf {
        let p = self.0.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, contents).unwrap();
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// LSP position of byte offset `off` in `text` (lines end at '\n'), with the
/// column counted in `enc` ("utf-8", "utf-16" or "utf-32").
pub fn position(text: &str, off: usize, enc: &str) -> Value {
    let before = &text[..off];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let seg = &text[line_start..off];
    let col = match enc {
        "utf-8" => seg.len(),
        "utf-16" => seg.encode_utf16().count(),
        _ => seg.chars().count(),
    };
    json!({"line": line, "character": col})
}

/// A tiny deterministic generator (no dependency on the order of `rand` output).
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

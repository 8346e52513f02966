//! The `LanguageServer` implementation.
//!
//! Ordering: tower-lsp polls handlers concurrently, so every document, folder,
//! file-watch and configuration notification mutates [`State`] under one
//! synchronous lock *before its first `.await`*. Handler futures are first
//! polled in arrival order, so the state sees notifications in that order.
//! Slow work (reading files, analysing) runs afterwards on blocking threads and
//! is applied only if nothing newer happened to the same document meanwhile
//! (per-document generation counters).
//!
//! Requests take a [`Snapshot`]: open documents edited since their last
//! analysis are analysed first, then the pure feature function runs on a
//! blocking thread with a panic guard and the request's cancellation flag.

use crate::config::Settings;
use crate::corpus::{DocKey, Document, Indexed};
use crate::lsp::features::{self, diagnostics};
use crate::lsp::snapshot::{doc_key, with_cancel_flag, Snapshot};
use crate::lsp::state::{file_path, path_key, Folder, State};
use crate::lsp::transport;
use crate::position::Encoding;
use crate::workspace::{self, ScanHooks};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer, LspService, Server};

/// The registry file read at the root of each workspace folder.
pub const REGISTRY_FILE: &str = "entities.json";
const WATCH_REGISTRATION_ID: &str = "seedls-watched-files";

/// Options for [`serve_with`].
#[derive(Debug, Clone, Default)]
pub struct ServeOptions {
    /// Adds `seedls/test/panic`, a request whose handler panics (tests prove a
    /// panic becomes an error response).
    pub test_hooks: bool,
}

/// Serves LSP over stdin/stdout until `exit`; returns the process exit code
/// (0 after `shutdown` + `exit`, 1 when the client exits or disconnects without `shutdown`).
pub fn run_stdio() -> i32 {
    // The word lists are built while the client starts up and the workspace is read.
    std::thread::spawn(crate::core::prepare);
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("seedls: cannot start the async runtime: {e}");
            return 2;
        }
    };
    let code = rt.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // Blocking reads of stdin or long analyses must not keep the process alive.
    rt.shutdown_background();
    code
}

/// Serves LSP over any byte streams (tests use `tokio::io::duplex`). Returns
/// the exit code like [`run_stdio`].
pub async fn serve<I, O>(input: I, output: O) -> i32
where
    I: AsyncRead + Unpin,
    O: AsyncWrite + Unpin,
{
    serve_with(input, output, ServeOptions::default()).await
}

/// [`serve`] with options.
pub async fn serve_with<I, O>(input: I, output: O, options: ServeOptions) -> i32
where
    I: AsyncRead + Unpin,
    O: AsyncWrite + Unpin,
{
    let shut_down = Arc::new(AtomicBool::new(false));
    let flag = shut_down.clone();
    let raw = Arc::new(transport::RawResults::default());
    let parked = raw.clone();
    let mut builder = LspService::build(move |client| Backend {
        inner: Arc::new(Inner {
            client,
            state: Mutex::new(State::default()),
            publish: tokio::sync::Mutex::new(()),
            shut_down: flag,
            raw: parked,
        }),
    })
    .custom_method(transport::RAW_REFERENCES, Backend::raw_references)
    .custom_method("seedls/documentText", Backend::document_text)
    .custom_method("seedls/status", Backend::status);
    if options.test_hooks {
        builder = builder
            .custom_method("seedls/test/panic", Backend::test_panic)
            .custom_method("seedls/test/wait", Backend::test_wait)
            .custom_method("seedls/test/cancelled", Backend::test_cancelled);
    }
    let (service, socket) = builder.finish();

    // tower-lsp reads from and writes to pipes; `transport` sits between them
    // and the client so that malformed messages get an error reply instead of
    // ending the session.
    let (to_server, server_in) = tokio::io::duplex(1 << 16);
    let (server_out, from_server) = tokio::io::duplex(1 << 16);
    let (replies_tx, replies_rx) = tokio::sync::mpsc::unbounded_channel();
    let reader = transport::filter_input(input, to_server, replies_tx);
    let main = async move {
        let serve = Server::new(server_in, server_out, socket).serve(transport::Reroute(service));
        let write = transport::merge_output(from_server, replies_rx, raw, output);
        tokio::join!(serve, write);
    };
    tokio::pin!(reader, main);
    let mut reader_done = false;
    loop {
        tokio::select! {
            _ = &mut main => break,
            _ = &mut reader, if !reader_done => reader_done = true,
        }
    }
    if shut_down.load(Ordering::SeqCst) {
        0
    } else {
        1
    }
}

static TEST_CANCELLED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

pub struct Backend {
    inner: Arc<Inner>,
}

struct Inner {
    client: Client,
    state: Mutex<State>,
    /// Serialises diagnostics rounds so they publish in order.
    publish: tokio::sync::Mutex<()>,
    shut_down: Arc<AtomicBool>,
    /// Results encoded by their handler, for the output to send as they are.
    raw: Arc<transport::RawResults>,
}

/// Sets the request's cancellation flag when the request future is dropped
/// (tower-lsp drops it on `$/cancelRequest`).
struct CancelOnDrop(Arc<AtomicBool>);
impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

fn internal(message: String) -> Error {
    Error {
        code: ErrorCode::InternalError,
        message: message.into(),
        data: None,
    }
}

/// Analyses texts on every core, never panicking (a panic in the core yields
/// an empty analysis and an error line). `lean` documents keep only what the
/// index and diagnostics need (files read from disk: no editor shows them),
/// dropped on the worker so that a large workspace never holds every
/// annotation at once. Mentions are indexed with their positions in `enc`.
fn analyse_all(
    items: Vec<(DocKey, String)>,
    lean: bool,
    enc: Encoding,
) -> (Vec<Indexed>, Vec<String>) {
    let mut docs = Vec::with_capacity(items.len());
    let mut errors = Vec::new();
    crate::parallel::map_in_order(
        items,
        |(key, text)| {
            let (doc, err) = analyse_one(key, text, !lean, enc);
            (if lean { doc.findings_only() } else { doc }, err)
        },
        |_, (doc, err)| {
            docs.push(doc);
            errors.extend(err);
        },
    );
    (docs, errors)
}

fn analyse_one(
    key: DocKey,
    text: String,
    explanations: bool,
    enc: Encoding,
) -> (Indexed, Option<String>) {
    let options = crate::core::Options { explanations };
    match catch_unwind(AssertUnwindSafe(|| {
        crate::core::analyze_with(&text, options)
    })) {
        Ok(analysis) => (
            Indexed::located(Document::with_analysis(key, text, analysis), enc),
            None,
        ),
        Err(p) => {
            let msg = format!("seedls: analysing {key} failed: {}", panic_message(&*p));
            (
                Indexed::located(Document::with_analysis(key, text, Default::default()), enc),
                Some(msg),
            )
        }
    }
}

/// The article a request is about, when it names one.
trait Target {
    fn target(&self) -> Option<&Uri> {
        None
    }
}

impl Target for () {}
impl Target for WorkspaceSymbolParams {}

macro_rules! target {
    ($($params:ty => |$p:ident| $uri:expr;)*) => {
        $(impl Target for $params {
            fn target(&self) -> Option<&Uri> {
                let $p = self;
                Some(&$uri)
            }
        })*
    };
}

target! {
    HoverParams => |p| p.text_document_position_params.text_document.uri;
    GotoDefinitionParams => |p| p.text_document_position_params.text_document.uri;
    ReferenceParams => |p| p.text_document_position.text_document.uri;
    DocumentHighlightParams => |p| p.text_document_position_params.text_document.uri;
    DocumentSymbolParams => |p| p.text_document.uri;
    TextDocumentPositionParams => |p| p.text_document.uri;
    RenameParams => |p| p.text_document_position.text_document.uri;
    SemanticTokensParams => |p| p.text_document.uri;
    SemanticTokensRangeParams => |p| p.text_document.uri;
    CompletionParams => |p| p.text_document_position.text_document.uri;
    CodeActionParams => |p| p.text_document.uri;
    InlayHintParams => |p| p.text_document.uri;
}

/// `snap`, with the annotations of the request's article: the server keeps
/// articles no editor has open without them (`Indexed::findings_only`), and
/// a client may still ask about one. Re-analysing the text gives exactly
/// what was dropped.
fn with_annotations(snap: Arc<Snapshot>, uri: Option<&Uri>) -> Arc<Snapshot> {
    let Some(uri) = uri else {
        return snap;
    };
    let key = doc_key(uri);
    let Some(doc) = snap.corpus.get(&key).filter(|d| d.lean) else {
        return snap;
    };
    let full = Indexed::located(Document::new(key, doc.text.clone()), snap.encoding);
    let mut own = (*snap).clone();
    own.corpus.insert_indexed(full);
    Arc::new(own)
}

/// Hands an `entities.json` registry (its text, or `None` when the file is
/// gone) to the corpus; returns warnings. The corpus holds one registry: with
/// several folders the last one read wins.
/// A refusal the user should read (LSP `RequestFailed`).
fn request_failed(message: String) -> Error {
    Error {
        code: ErrorCode::ServerError(-32803),
        message: message.into(),
        data: None,
    }
}

fn apply_registry(
    corpus: &mut crate::corpus::Corpus,
    key: DocKey,
    text: Option<String>,
) -> Vec<String> {
    match text {
        Some(text) => corpus.set_registry(key, text),
        None => {
            if corpus.registry().is_some_and(|r| *r.key() == key) {
                corpus.clear_registry();
            }
            Vec::new()
        }
    }
}

/// Reads a folder's registry file (`None` when absent or unreadable).
fn read_registry(root: &Path) -> Option<String> {
    let bytes = std::fs::read(root.join(REGISTRY_FILE)).ok()?;
    workspace::decode(bytes).ok()
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock must not take the server down with it.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    async fn log(&self, typ: MessageType, msg: impl std::fmt::Display) {
        self.client.log_message(typ, msg).await;
    }

    /// Says so when a request's results were cut at `seedls.maxResults`
    /// (LSP has no field for it outside completion's `isIncomplete`).
    async fn note_capped(&self, request: &str, returned: usize) {
        let limit = self.lock().settings.max_results;
        if returned >= limit {
            self.log(
                MessageType::WARNING,
                format!(
                    "seedls: {request} returned the first {limit} results only (limit seedls.maxResults); raise it to see more"
                ),
            )
            .await;
        }
    }

    /// The current snapshot, analysing edited open documents first.
    async fn snapshot(self: &Arc<Self>) -> (Arc<Snapshot>, HashMap<DocKey, i32>) {
        let (dirty, enc) = {
            let st = self.lock();
            (st.dirty(), st.encoding)
        };
        let mut overlay = Vec::new();
        if !dirty.is_empty() {
            let versions: HashMap<DocKey, i32> =
                dirty.iter().map(|d| (d.key.clone(), d.version)).collect();
            let items = dirty.into_iter().map(|d| (d.key, d.text)).collect();
            let (docs, errors) =
                tokio::task::spawn_blocking(move || analyse_all(items, false, enc))
                    .await
                    .unwrap_or_default();
            for e in errors {
                self.log(MessageType::ERROR, e).await;
            }
            let mut st = self.lock();
            for doc in docs {
                let v = versions[&doc.doc.key];
                if let Some(stale) = st.apply_analysed(v, doc) {
                    overlay.push((v, stale));
                }
            }
        }
        let mut st = self.lock();
        let mut versions: HashMap<DocKey, i32> = st
            .open
            .iter()
            .map(|(k, d)| (k.clone(), d.analysed.unwrap_or(d.version)))
            .collect();
        let snap = st.snapshot();
        drop(st);
        if overlay.is_empty() {
            return (snap, versions);
        }
        // Edited again while we analysed: answer from what we analysed.
        let mut own = (*snap).clone();
        for (v, doc) in overlay {
            versions.insert(doc.doc.key.clone(), v);
            own.corpus.insert_indexed(doc);
        }
        (Arc::new(own), versions)
    }

    /// Runs a pure feature function on a snapshot, on a blocking thread, with
    /// a panic guard and the request's cancellation flag.
    async fn run<P, R>(
        self: &Arc<Self>,
        name: &'static str,
        params: P,
        f: fn(&Snapshot, &P) -> R,
    ) -> Result<R>
    where
        P: Target + Send + 'static,
        R: Send + 'static,
    {
        self.run_versioned(name, params, f).await.map(|(r, _)| r)
    }

    /// [`run`](Self::run), also returning the version of each open document
    /// the answer was computed from.
    async fn run_versioned<P, R>(
        self: &Arc<Self>,
        name: &'static str,
        params: P,
        f: fn(&Snapshot, &P) -> R,
    ) -> Result<(R, HashMap<DocKey, i32>)>
    where
        P: Target + Send + 'static,
        R: Send + 'static,
    {
        let flag = Arc::new(AtomicBool::new(false));
        let _guard = CancelOnDrop(flag.clone());
        let (snap, versions) = self.snapshot().await;
        let joined = tokio::task::spawn_blocking(move || {
            with_cancel_flag(flag, || {
                catch_unwind(AssertUnwindSafe(|| {
                    let snap = with_annotations(snap, params.target());
                    f(&snap, &params)
                }))
            })
        })
        .await;
        match joined {
            Ok(Ok(r)) => Ok((r, versions)),
            Ok(Err(p)) => {
                let msg = format!("seedls: {name} failed: {}", panic_message(&*p));
                self.log(MessageType::ERROR, &msg).await;
                Err(internal(msg))
            }
            Err(e) => Err(internal(format!("seedls: {name} failed: {e}"))),
        }
    }

    /// Schedules diagnostics for `key` after `delay`; a later call for the
    /// same document supersedes this one (debounce).
    fn schedule(self: &Arc<Self>, key: DocKey, delay: Duration) {
        let gen = {
            let mut st = self.lock();
            let g = st.gen();
            st.diag_gen.insert(key.clone(), g);
            g
        };
        let this = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            if this.lock().diag_gen.get(&key) != Some(&gen) {
                return;
            }
            this.publish_round(false).await;
        });
    }

    fn debounce(&self) -> Duration {
        Duration::from_millis(self.lock().settings.debounce_ms)
    }

    /// Computes diagnostics for every open document and publishes those whose
    /// version or diagnostics differ from what was last published for them
    /// (so an edit of one article republishes the other open articles whose
    /// cross-article findings changed), or all when `force`. Results for a
    /// version older than the document's current one are dropped.
    async fn publish_round(self: &Arc<Self>, force: bool) {
        let _order = self.publish.lock().await;
        let (snap, versions) = self.snapshot().await;
        let open: Vec<(DocKey, Uri)> = {
            let st = self.lock();
            st.open
                .iter()
                .map(|(k, d)| (k.clone(), d.uri.clone()))
                .collect()
        };
        let computed = tokio::task::spawn_blocking(move || {
            open.into_iter()
                .map(|(key, uri)| {
                    let d =
                        catch_unwind(AssertUnwindSafe(|| diagnostics::for_document(&snap, &uri)));
                    (key, uri, d)
                })
                .collect::<Vec<_>>()
        })
        .await
        .unwrap_or_default();
        let mut out = Vec::new();
        let mut errors = Vec::new();
        {
            let mut st = self.lock();
            for (key, uri, diags) in computed {
                let diags = match diags {
                    Ok(d) => d,
                    Err(p) => {
                        errors.push(format!(
                            "seedls: diagnostics for {} failed: {}",
                            uri.as_str(),
                            panic_message(&*p)
                        ));
                        continue;
                    }
                };
                let Some(version) = versions.get(&key).copied() else {
                    continue;
                };
                let Some(doc) = st.open.get(&key) else {
                    continue; // closed meanwhile
                };
                if doc.version != version {
                    continue; // stale: a newer round is scheduled
                }
                let entry = (version, diags);
                if force || st.published.get(&key) != Some(&entry) {
                    st.published.insert(key, entry.clone());
                    out.push((uri, entry.1, version));
                }
            }
        }
        for e in errors {
            self.log(MessageType::ERROR, e).await;
        }
        let refresh =
            !out.is_empty() && self.lock().cap("/workspace/semanticTokens/refreshSupport");
        for (uri, diags, version) in out {
            self.client
                .publish_diagnostics(uri, diags, Some(version))
                .await;
        }
        if refresh {
            // A client may have asked for tokens of a document it had just opened
            // (or switched to the `seed` language) before it was analysed, and it
            // does not ask again by itself: tell it the colours are ready.
            let client = self.client.clone();
            tokio::spawn(async move {
                let _ = client.semantic_tokens_refresh().await;
            });
        }
    }

    /// Pulls `workspace/configuration` (section `seedls`) and applies it.
    async fn pull_configuration(self: &Arc<Self>) {
        let (gen, supported) = {
            let mut st = self.lock();
            st.config_gen += 1;
            (st.config_gen, st.cap("/workspace/configuration"))
        };
        if !supported {
            return;
        }
        let items = vec![ConfigurationItem {
            scope_uri: None,
            section: Some("seedls".to_string()),
        }];
        let pulled = match self.client.configuration(items).await {
            Ok(mut v) if !v.is_empty() => v.swap_remove(0),
            Ok(_) => Value::Null,
            Err(e) => {
                self.log(
                    MessageType::WARNING,
                    format!("seedls: workspace/configuration failed: {e}"),
                )
                .await;
                return;
            }
        };
        if self.lock().config_gen != gen {
            return; // a newer configuration change won
        }
        self.apply_settings(Some(pulled)).await;
    }

    /// Rebuilds the settings from the initialization options plus `pulled`,
    /// warns about invalid values, re-indexes when file selection changed,
    /// and republishes every open document's diagnostics.
    async fn apply_settings(self: &Arc<Self>, pulled: Option<Value>) {
        let (warnings, reindex, initialized) = {
            let mut st = self.lock();
            let (mut settings, mut warnings) = Settings::from_json(&st.base_settings);
            if let Some(p) = &pulled {
                settings.merge_json(p, &mut warnings);
            }
            let old = st.settings.clone();
            let reindex = old.include != settings.include
                || old.exclude != settings.exclude
                || old.max_file_size != settings.max_file_size
                || old.max_files != settings.max_files
                || old.follow_external_symlinks != settings.follow_external_symlinks;
            let changed = *old != settings;
            if changed {
                st.set_settings(settings);
                // Open documents' seed status depends on the globs.
                let keys: Vec<DocKey> = st.open.keys().cloned().collect();
                for k in keys {
                    let (uri, lang, seed, text) = {
                        let d = &st.open[&k];
                        (
                            d.uri.clone(),
                            d.language_id.clone(),
                            d.seed,
                            d.rope.to_string(),
                        )
                    };
                    if !seed && st.open_is_seed(&k, &uri, &lang, &text) {
                        let d = st.open.get_mut(&k).unwrap();
                        d.seed = true;
                        d.analysed = None;
                    }
                }
            }
            (warnings, reindex && changed, st.initialized)
        };
        if !warnings.is_empty() {
            self.client
                .show_message(
                    MessageType::WARNING,
                    format!("seedls: invalid settings ignored: {}", warnings.join("; ")),
                )
                .await;
        }
        if reindex && initialized {
            self.register_watchers().await;
            let folders = self.lock().folders.clone();
            self.clone().spawn_index(folders);
        }
        self.publish_round(true).await;
    }

    /// Registers `workspace/didChangeWatchedFiles` for the include globs of
    /// every folder (and the registry files), when the client allows it.
    async fn register_watchers(self: &Arc<Self>) {
        let (supported, relative, include, folders) = {
            let st = self.lock();
            (
                st.cap("/workspace/didChangeWatchedFiles/dynamicRegistration"),
                st.cap("/workspace/didChangeWatchedFiles/relativePatternSupport"),
                st.settings.include.clone(),
                st.folders.clone(),
            )
        };
        if !supported {
            return;
        }
        let mut watchers = Vec::new();
        for glob in include.iter().map(String::as_str).chain([REGISTRY_FILE]) {
            if relative && !folders.is_empty() {
                for f in &folders {
                    watchers.push(FileSystemWatcher {
                        glob_pattern: GlobPattern::Relative(RelativePattern {
                            base_uri: OneOf::Right(f.uri.clone()),
                            pattern: glob.to_string(),
                        }),
                        kind: None,
                    });
                }
            } else if folders.is_empty() || glob.starts_with("**") {
                watchers.push(FileSystemWatcher {
                    glob_pattern: GlobPattern::String(if glob == REGISTRY_FILE {
                        format!("**/{glob}")
                    } else {
                        glob.to_string()
                    }),
                    kind: None,
                });
            } else {
                for f in &folders {
                    watchers.push(FileSystemWatcher {
                        glob_pattern: GlobPattern::String(format!("{}/{glob}", f.path.display())),
                        kind: None,
                    });
                }
            }
        }
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let _ = self
            .client
            .unregister_capability(vec![Unregistration {
                id: WATCH_REGISTRATION_ID.to_string(),
                method: "workspace/didChangeWatchedFiles".to_string(),
            }])
            .await;
        let registration = Registration {
            id: WATCH_REGISTRATION_ID.to_string(),
            method: "workspace/didChangeWatchedFiles".to_string(),
            register_options: serde_json::to_value(options).ok(),
        };
        if let Err(e) = self.client.register_capability(vec![registration]).await {
            self.log(
                MessageType::WARNING,
                format!("seedls: could not watch files: {e}"),
            )
            .await;
        }
    }

    /// Starts (re)indexing `folders` in the background.
    fn spawn_index(self: Arc<Self>, folders: Vec<Folder>) {
        // Claim the folders synchronously so newer runs supersede this one.
        let claimed: Vec<Folder> = {
            let mut st = self.lock();
            let mut out = Vec::new();
            for f in &folders {
                let g = st.gen();
                if let Some(cur) = st.folders.iter_mut().find(|c| c.uri == f.uri) {
                    cur.cancel.store(true, Ordering::Relaxed);
                    cur.generation = g;
                    cur.cancel = Arc::new(AtomicBool::new(false));
                    out.push(cur.clone());
                }
            }
            st.indexing += 1;
            out
        };
        tokio::spawn(async move {
            self.index(claimed).await;
            self.lock().indexing -= 1;
            self.publish_round(false).await;
        });
    }

    async fn index(self: &Arc<Self>, folders: Vec<Folder>) {
        let token = NumberOrString::String(format!("seedls/index/{}", self.lock().gen()));
        let wants_progress = self.lock().cap("/window/workDoneProgress");
        let progress = if wants_progress
            && self
                .client
                .create_work_done_progress(token.clone())
                .await
                .is_ok()
        {
            Some(
                self.client
                    .progress(token, "seedls: indexing seed files")
                    .with_percentage(0)
                    .begin()
                    .await,
            )
        } else {
            None
        };
        let started = std::time::Instant::now();
        let mut total_files = 0;
        let folder_count = folders.len();
        for folder in folders {
            let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(usize, usize)>();
            let (settings, enc) = {
                let st = self.lock();
                (st.settings.clone(), st.encoding)
            };
            let f = folder.clone();
            let work = tokio::task::spawn_blocking(move || {
                let report = move |done: usize, total: usize| {
                    let _ = tx.send((done, total));
                };
                let scan = workspace::scan_with(
                    &f.path,
                    &settings,
                    ScanHooks {
                        progress: Some(&report),
                        cancel: Some(&f.cancel),
                    },
                );
                let items: Vec<(DocKey, String)> = scan
                    .files
                    .iter()
                    .filter_map(|sf| Some((path_key(&sf.path)?, sf.text.clone())))
                    .collect();
                let (docs, errors) = analyse_all(items, true, enc);
                let registry = read_registry(&f.path);
                (scan, docs, errors, registry)
            });
            let mut last_report = std::time::Instant::now();
            while let Some((done, total)) = rx.recv().await {
                if let Some(p) = &progress {
                    if last_report.elapsed() >= Duration::from_millis(100) || done == total {
                        last_report = std::time::Instant::now();
                        let pct = (done * 100 / total.max(1)) as u32;
                        p.report_with_message(
                            format!("{}: {done}/{total}", folder.path.display()),
                            pct.min(100),
                        )
                        .await;
                    }
                }
            }
            let (scan, docs, errors, registry) = match work.await {
                Ok(r) => r,
                Err(e) => {
                    self.log(
                        MessageType::ERROR,
                        format!("seedls: indexing {} failed: {e}", folder.path.display()),
                    )
                    .await;
                    continue;
                }
            };
            for e in errors {
                self.log(MessageType::ERROR, e).await;
            }
            // One line per skipped file, plus the maxFiles limit when it was hit.
            for m in scan.messages() {
                let lang = self.lock().settings.language;
                self.log(MessageType::WARNING, m.get(lang)).await;
            }
            if scan.limit_hit.is_some() {
                let lang = self.lock().settings.language;
                let m = scan.messages().pop().unwrap_or_default();
                self.client
                    .show_message(MessageType::WARNING, m.get(lang))
                    .await;
            }
            let registry_warnings;
            {
                let mut st = self.lock();
                let current = st
                    .folders
                    .iter()
                    .any(|f| f.uri == folder.uri && f.generation == folder.generation);
                if !current {
                    continue; // removed or re-indexed meanwhile
                }
                let fresh: std::collections::HashSet<DocKey> =
                    docs.iter().map(|d| d.doc.key.clone()).collect();
                // A file event after this run claimed the folder has its own
                // reload, which read the file later than this run may have.
                let evented = |st: &State, k: &DocKey| {
                    st.file_gen.get(k).is_some_and(|&g| g > folder.generation)
                };
                let stale: Vec<DocKey> = st
                    .disk
                    .iter()
                    .filter(|k| !fresh.contains(*k) && !evented(&st, k))
                    .filter(|k| {
                        key_path(k).is_some_and(|p| {
                            st.folder_of(&p).map(|(f, _)| f.uri == folder.uri) == Some(true)
                        })
                    })
                    .cloned()
                    .collect();
                for k in stale {
                    st.apply_disk(k, None);
                }
                total_files += docs.len();
                for doc in docs {
                    let key = doc.doc.key.clone();
                    if !evented(&st, &key) {
                        st.apply_disk(key, Some(doc));
                    }
                }
                registry_warnings = match path_key(&folder.path.join(REGISTRY_FILE)) {
                    Some(key) if registry.is_some() => {
                        apply_registry(&mut st.corpus, key, registry)
                    }
                    _ => Vec::new(),
                };
                st.cache = None;
            }
            for w in registry_warnings {
                self.log(MessageType::WARNING, w).await;
            }
        }
        let summary = format!(
            "seedls: indexed {total_files} seed files in {folder_count} folder(s) in {} ms",
            started.elapsed().as_millis()
        );
        // Always end the progress, also for an empty workspace.
        if let Some(p) = progress {
            p.finish_with_message(summary.clone()).await;
        }
        self.log(MessageType::INFO, summary).await;
    }

    /// Reads changed files in the background and applies each result unless a
    /// newer event for the same file arrived meanwhile or the file is open.
    fn spawn_reload(self: Arc<Self>, files: Vec<(DocKey, PathBuf, u64)>) {
        if files.is_empty() {
            return;
        }
        let (settings, enc) = {
            let st = self.lock();
            (st.settings.clone(), st.encoding)
        };
        tokio::spawn(async move {
            let settings2 = settings.clone();
            let read = tokio::task::spawn_blocking(move || {
                let filter = workspace::SeedFilter::new(&settings2);
                let mut docs = Vec::new();
                let mut messages = Vec::new();
                let mut texts = Vec::new();
                for (key, path, gen) in files {
                    match workspace::read_text(&path, settings2.max_file_size) {
                        Ok(text) if filter.is_seed_text(&text) => {
                            texts.push((key.clone(), text));
                            docs.push((key, gen, true));
                        }
                        Ok(_) | Err(None) => docs.push((key, gen, false)),
                        Err(Some(reason)) => {
                            messages.push(workspace::Skipped { path, reason }.message());
                            docs.push((key, gen, false));
                        }
                    }
                }
                let (analysed, errors) = analyse_all(texts, true, enc);
                (docs, analysed, errors, messages)
            })
            .await;
            let Ok((docs, analysed, errors, messages)) = read else {
                return;
            };
            let mut analysed: HashMap<DocKey, Indexed> = analysed
                .into_iter()
                .map(|d| (d.doc.key.clone(), d))
                .collect();
            {
                let mut st = self.lock();
                for (key, gen, seed) in docs {
                    // A newer event for the file, or an index run that claimed
                    // its folder after this event (it read the file later, and
                    // with the settings of now): either one has the last word.
                    if st.file_gen.get(&key) != Some(&gen) || reindexed_since(&st, &key, gen) {
                        continue;
                    }
                    let doc = if seed { analysed.remove(&key) } else { None };
                    st.apply_disk(key, doc);
                }
            }
            for e in errors {
                self.log(MessageType::ERROR, e).await;
            }
            for m in messages {
                self.log(MessageType::WARNING, m.get(settings.language))
                    .await;
            }
            self.publish_round(false).await;
        });
    }
}

/// Whether an index run claimed a folder holding `key` after generation `gen`.
fn reindexed_since(st: &State, key: &str, gen: u64) -> bool {
    key_path(key).is_some_and(|p| {
        st.folders
            .iter()
            .any(|f| f.generation > gen && p.starts_with(&f.path))
    })
}

fn key_path(key: &str) -> Option<PathBuf> {
    let uri: Uri = key.parse().ok()?;
    file_path(&uri)
}

fn folder_from(uri: Uri) -> Option<Folder> {
    let path = file_path(&uri)?;
    Some(Folder {
        uri,
        path,
        generation: 0,
        cancel: Arc::new(AtomicBool::new(false)),
    })
}

fn text_document_key(p: &TextDocumentIdentifier) -> DocKey {
    doc_key(&p.uri)
}

impl Backend {
    /// `seedls/documentText` (custom request): the server's text of a
    /// document, for tests and debugging. Params `{"textDocument":{"uri"}}`;
    /// result `{"text", "version", "source": "buffer"|"disk", "seed"}` or null.
    async fn document_text(&self, params: DocumentTextParams) -> Result<Option<Value>> {
        let key = text_document_key(&params.text_document);
        let st = self.inner.lock();
        if let Some(d) = st.open.get(&key) {
            return Ok(Some(json!({
                "text": d.rope.to_string(),
                "version": d.version,
                "source": "buffer",
                "seed": d.seed,
            })));
        }
        Ok(st
            .corpus
            .get(&key)
            .map(|d| json!({ "text": d.text, "version": null, "source": "disk", "seed": true })))
    }

    /// `textDocument/references`, renamed by `transport::Reroute`: the
    /// locations are encoded here, once, and sent as they are
    /// (`transport::RawResults`).
    async fn raw_references(&self, params: ReferenceParams) -> Result<Value> {
        let found = self
            .inner
            .run("references", params, features::references_json)
            .await?;
        let Some((json, n)) = found else {
            return Ok(Value::Null);
        };
        self.inner.note_capped("references", n).await;
        Ok(self.inner.raw.park(json))
    }

    /// `seedls/status` (custom request): `{"documents", "open", "folders", "indexing", "encoding"}`.
    async fn status(&self) -> Result<Value> {
        let st = self.inner.lock();
        Ok(json!({
            "documents": st.corpus.len(),
            "open": st.open.len(),
            "folders": st.folders.iter().map(|f| f.uri.as_str().to_string()).collect::<Vec<_>>(),
            "indexing": st.indexing > 0,
            "encoding": st.encoding.as_str(),
        }))
    }

    /// Test hook: a long feature that polls `Snapshot::is_cancelled` (up to 10 s).
    async fn test_wait(&self) -> Result<Value> {
        self.inner
            .run("seedls/test/wait", (), |snap, _| -> Value {
                let start = std::time::Instant::now();
                while start.elapsed() < Duration::from_secs(10) {
                    if snap.is_cancelled() {
                        TEST_CANCELLED.fetch_add(1, Ordering::SeqCst);
                        return json!("cancelled");
                    }
                    std::thread::sleep(Duration::from_millis(2));
                }
                json!("finished")
            })
            .await
    }

    /// Test hook: how many `seedls/test/wait` calls saw their cancellation.
    async fn test_cancelled(&self) -> Result<Value> {
        Ok(json!(TEST_CANCELLED.load(Ordering::SeqCst)))
    }

    async fn test_panic(&self) -> Result<Value> {
        self.inner
            .run("seedls/test/panic", (), |_, _| -> Value {
                panic!("deliberate panic for a test")
            })
            .await
    }
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct DocumentTextParams {
    text_document: TextDocumentIdentifier,
}

/// The edit as `documentChanges` naming the version of each open document it
/// was computed from, so that a client whose buffer has changed since refuses
/// it rather than editing the wrong text (closed articles: no version).
fn with_versions(edit: WorkspaceEdit, versions: &HashMap<DocKey, i32>) -> WorkspaceEdit {
    let Some(changes) = edit.changes else {
        return edit;
    };
    let mut by_uri: Vec<(Uri, Vec<TextEdit>)> = changes.into_iter().collect();
    by_uri.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
    let edits = by_uri
        .into_iter()
        .map(|(uri, edits)| TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier {
                version: versions.get(&doc_key(&uri)).copied(),
                uri,
            },
            edits: edits.into_iter().map(OneOf::Left).collect(),
        })
        .collect();
    WorkspaceEdit {
        changes: None,
        document_changes: Some(DocumentChanges::Edits(edits)),
        change_annotations: None,
    }
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::from(encoding.as_str().to_string())),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_highlight_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                legend: features::semantic_tokens_legend(),
                full: Some(SemanticTokensFullOptions::Bool(true)),
                range: Some(true),
                ..SemanticTokensOptions::default()
            },
        )),
        completion_provider: Some(CompletionOptions::default()),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        inlay_hint_provider: Some(OneOf::Left(true)),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        ..ServerCapabilities::default()
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = serde_json::to_value(&params.capabilities).unwrap_or(Value::Null);
        let offered: Vec<String> = caps
            .pointer("/general/positionEncodings")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        let encoding = Encoding::negotiate(offered.iter().map(String::as_str));
        let base = params.initialization_options.clone().unwrap_or(Value::Null);
        let (settings, warnings) = Settings::from_json(&base);
        let mut folders: Vec<Folder> = params
            .workspace_folders
            .clone()
            .unwrap_or_default()
            .into_iter()
            .filter_map(|f| folder_from(f.uri))
            .collect();
        #[allow(deprecated)]
        if folders.is_empty() {
            if let Some(root) = params.root_uri.clone() {
                folders.extend(folder_from(root));
            }
        }
        {
            let mut st = self.inner.lock();
            st.client_caps = caps;
            st.encoding = encoding;
            st.base_settings = base;
            st.set_settings(settings);
            st.folders = folders;
        }
        if !warnings.is_empty() {
            // The client may not show messages before `initialize` returns: log now,
            // show again once initialized.
            eprintln!("seedls: invalid settings ignored: {}", warnings.join("; "));
        }
        Ok(InitializeResult {
            capabilities: capabilities(encoding),
            server_info: Some(ServerInfo {
                name: "seedls".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let inner = self.inner.clone();
        let (has_pull, warnings) = {
            let mut st = inner.lock();
            st.initialized = true;
            let (_, w) = Settings::from_json(&st.base_settings);
            (st.cap("/workspace/configuration"), w)
        };
        if !warnings.is_empty() && !has_pull {
            inner
                .client
                .show_message(
                    MessageType::WARNING,
                    format!("seedls: invalid settings ignored: {}", warnings.join("; ")),
                )
                .await;
        }
        // Configuration first: the globs decide what gets indexed.
        inner.pull_configuration().await;
        inner.register_watchers().await;
        let folders = inner.lock().folders.clone();
        inner.clone().spawn_index(folders);
    }

    async fn shutdown(&self) -> Result<()> {
        self.inner.shut_down.store(true, Ordering::SeqCst);
        let st = self.inner.lock();
        for f in &st.folders {
            f.cancel.store(true, Ordering::Relaxed);
        }
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let d = params.text_document;
        let key = doc_key(&d.uri);
        self.inner
            .lock()
            .did_open(d.uri, d.version, d.language_id, d.text);
        self.inner.schedule(key, Duration::ZERO);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let applied = self.inner.lock().did_change(
            &uri,
            params.text_document.version,
            &params.content_changes,
        );
        match applied {
            Ok(()) => {
                let delay = self.inner.debounce();
                self.inner.schedule(doc_key(&uri), delay);
            }
            Err(msg) => self.inner.log(MessageType::WARNING, msg).await,
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let key = doc_key(&uri);
        let reload = {
            let mut st = self.inner.lock();
            let reload = st.did_close(&uri);
            reload.map(|path| {
                let g = st.gen();
                st.file_gen.insert(key.clone(), g);
                (key.clone(), path, g)
            })
        };
        self.inner
            .clone()
            .spawn_reload(reload.into_iter().collect());
        // Closed documents have no diagnostics in the editor.
        self.inner
            .client
            .publish_diagnostics(uri, Vec::new(), None)
            .await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let pull = self.inner.lock().cap("/workspace/configuration");
        if pull {
            self.inner.pull_configuration().await;
        } else {
            // Push model: the settings come with the notification.
            self.inner.lock().config_gen += 1;
            let pushed = params.settings;
            let pushed = if pushed.is_null() { None } else { Some(pushed) };
            self.inner.apply_settings(pushed).await;
        }
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        let added: Vec<Folder> = {
            let mut st = self.inner.lock();
            for removed in &params.event.removed {
                if let Some(i) = st.folders.iter().position(|f| f.uri == removed.uri) {
                    let f = st.folders.remove(i);
                    f.cancel.store(true, Ordering::Relaxed);
                    let gone: Vec<DocKey> = st
                        .disk
                        .iter()
                        .filter(|k| key_path(k).is_some_and(|p| p.starts_with(&f.path)))
                        .filter(|k| {
                            // Still covered by another (nested) folder?
                            key_path(k).is_none_or(|p| st.folder_of(&p).is_none())
                        })
                        .cloned()
                        .collect();
                    for k in gone {
                        st.apply_disk(k, None);
                    }
                }
            }
            let mut added = Vec::new();
            for a in params.event.added {
                if st.folders.iter().any(|f| f.uri == a.uri) {
                    continue;
                }
                if let Some(f) = folder_from(a.uri) {
                    st.folders.push(f.clone());
                    added.push(f);
                }
            }
            added
        };
        if !added.is_empty() {
            self.inner.register_watchers().await;
            self.inner.clone().spawn_index(added);
        }
        self.inner.publish_round(false).await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let mut reload = Vec::new();
        let mut registries = Vec::new();
        let mut registry_warnings = Vec::new();
        {
            let mut st = self.inner.lock();
            for ev in params.changes {
                let Some(path) = file_path(&ev.uri) else {
                    continue;
                };
                let Some((folder, rel)) = st.folder_of(&path) else {
                    continue;
                };
                if rel == Path::new(REGISTRY_FILE) {
                    registries.push(folder.path.clone());
                    continue;
                }
                let rel = folder_rel(&st, &path);
                if !st.filter().matches(&rel) {
                    continue;
                }
                let key = doc_key(&ev.uri);
                let g = st.gen();
                st.file_gen.insert(key.clone(), g);
                if st.open.contains_key(&key) {
                    continue; // the buffer wins until it is closed
                }
                if ev.typ == FileChangeType::DELETED {
                    st.apply_disk(key, None);
                } else {
                    reload.push((key, path, g));
                }
            }
            for root in registries {
                let Some(key) = path_key(&root.join(REGISTRY_FILE)) else {
                    continue;
                };
                let text = read_registry(&root);
                registry_warnings.extend(apply_registry(&mut st.corpus, key, text));
                st.cache = None;
            }
        }
        for w in registry_warnings {
            self.inner.log(MessageType::WARNING, w).await;
        }
        let nothing_to_read = reload.is_empty();
        self.inner.clone().spawn_reload(reload);
        if nothing_to_read {
            self.inner.publish_round(false).await;
        }
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        self.inner.run("hover", params, features::hover).await
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        self.inner
            .run("definition", params, features::definition)
            .await
    }

    /// Not called by clients' `textDocument/references`, which
    /// `transport::Reroute` sends to [`Backend::raw_references`]; kept
    /// equivalent for anything that reaches tower-lsp's own route.
    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let result = self
            .inner
            .run("references", params, features::references)
            .await?;
        let n = result.as_ref().map_or(0, Vec::len);
        self.inner.note_capped("references", n).await;
        Ok(result)
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        self.inner
            .run("documentHighlight", params, features::document_highlight)
            .await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        self.inner
            .run("documentSymbol", params, features::document_symbol)
            .await
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let result = self
            .inner
            .run("workspace/symbol", params, features::workspace_symbol)
            .await?;
        let n = match &result {
            Some(WorkspaceSymbolResponse::Flat(v)) => v.len(),
            Some(WorkspaceSymbolResponse::Nested(v)) => v.len(),
            None => 0,
        };
        self.inner.note_capped("workspace/symbol", n).await;
        Ok(result)
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        self.inner
            .run("prepareRename", params, features::prepare_rename)
            .await?
            .map_err(request_failed)
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let (edit, versions) = self
            .inner
            .run_versioned("rename", params, features::rename)
            .await?;
        let edit = edit.map_err(request_failed)?;
        let versioned = self
            .inner
            .lock()
            .cap("/workspace/workspaceEdit/documentChanges");
        Ok(edit.map(|e| {
            if versioned {
                with_versions(e, &versions)
            } else {
                e
            }
        }))
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        self.inner
            .run(
                "semanticTokens/full",
                params,
                features::semantic_tokens_full,
            )
            .await
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        self.inner
            .run(
                "semanticTokens/range",
                params,
                features::semantic_tokens_range,
            )
            .await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        self.inner
            .run("completion", params, features::completion)
            .await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        self.inner
            .run("codeAction", params, features::code_action)
            .await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        self.inner
            .run("inlayHint", params, features::inlay_hint)
            .await
    }
}

/// `path` relative to its folder (callers checked it has one).
fn folder_rel(st: &State, path: &Path) -> PathBuf {
    st.folder_of(path)
        .map(|(_, rel)| rel.to_path_buf())
        .unwrap_or_else(|| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reload for a file event loses to an index run that claimed the
    /// folder later (it read the file later, with the settings of now).
    #[test]
    fn reloads_yield_to_later_index_runs() {
        let root = std::env::temp_dir().join("seedls-reload-order");
        let mut folder = folder_from(Uri::from_file_path(&root).unwrap()).unwrap();
        folder.generation = 10;
        let mut st = State::default();
        st.folders.push(folder);
        let inside = path_key(&root.join("bai/a.txt")).unwrap();
        let outside = path_key(&std::env::temp_dir().join("khac/a.txt")).unwrap();
        assert!(reindexed_since(&st, &inside, 9));
        assert!(!reindexed_since(&st, &inside, 10));
        assert!(!reindexed_since(&st, &inside, 11));
        assert!(!reindexed_since(&st, &outside, 9));
    }

    #[test]
    fn analyse_all_keeps_order_and_survives() {
        let items: Vec<(DocKey, String)> = (0..20)
            .map(|i| {
                (
                    DocKey::from(format!("k{i}")),
                    format!(" date 2024-0{} bài {i}", i % 9 + 1),
                )
            })
            .collect();
        let (docs, errors) = analyse_all(items, false, Encoding::Utf16);
        assert!(errors.is_empty());
        assert_eq!(docs.len(), 20);
        assert_eq!(&*docs[7].doc.key, "k7");
        assert!(docs[7].doc.analysis.header.is_some());
    }
}

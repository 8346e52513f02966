//! Hostile files on disk: legacy encodings, UTF-16, BOMs, CRLF, NFD, empty,
//! enormous and binary files, NUL bytes, symlink loops and outside links,
//! files vanishing mid-index — through the server AND `seedls check`.
//! Also: nothing is ever written to the workspace, and the limits speak up.

mod common;
use common::{file_uri, TempDir, TestClient};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};
use unicode_normalization::UnicodeNormalization;

const NFC_ARTICLE: &str = " date 2024-06 Sáng 4/6, Tổng Bí thư Tô Lâm làm việc với lãnh đạo tỉnh Cao Bằng về các dự án giao thông.\n\nTô Lâm đề nghị tỉnh đẩy nhanh tuyến cao tốc nối với Lạng Sơn.";
const NFD_ARTICLE: &str = " date 2024-07 Chiều 9/7, đồng chí Tô Lâm gặp cử tri quận Ba Đình.\n\nCác cử tri kiến nghị về nhà ở xã hội.";
/// CRLF line breaks; a place first named on the third line.
const CRLF_ARTICLE: &str = " date 2024-05 Huyện Mường Tè có 1.200 hộ nghèo vào đầu năm.\r\n\r\nĐoàn công tác của tỉnh Lai Châu về thăm 900 hộ.\r\n";

fn exe() -> &'static str {
    env!("CARGO_BIN_EXE_seedls")
}

fn cli(args: &[&str], paths: &[&Path]) -> Output {
    let mut cmd = Command::new(exe());
    cmd.args(args).args(paths);
    let child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // A hang would be a failure: at most five minutes (30 MB in a debug build takes ~90 s).
    let started = Instant::now();
    let out = child.wait_with_output().unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(300),
        "seedls {args:?} took {:?}",
        started.elapsed()
    );
    out
}

fn utf16_le_with_bom(s: &str) -> Vec<u8> {
    [0xFF, 0xFE]
        .into_iter()
        .chain(s.encode_utf16().flat_map(|u| u.to_le_bytes()))
        .collect()
}

fn utf16_be_with_bom(s: &str) -> Vec<u8> {
    [0xFE, 0xFF]
        .into_iter()
        .chain(s.encode_utf16().flat_map(|u| u.to_be_bytes()))
        .collect()
}

/// A 30 MB article: a header and one paragraph of our own, many times over.
fn thirty_megabytes() -> Vec<u8> {
    let para =
        "Đoàn kiểm tra của tỉnh Sơn La ghi nhận 25 hộ dân đã nhận nhà mới trong tháng 3.\n\n";
    let mut s = String::from(" date 2024-03 Bản tin tổng hợp.\n\n");
    while s.len() < 30 * 1024 * 1024 {
        s.push_str(para);
    }
    s.into_bytes()
}

/// Names of the files that must be skipped, each with exactly one message.
const SKIPPED: [&str; 7] = [
    "cp1258.txt",
    "tcvn3.txt",
    "utf16le.txt",
    "utf16be.txt",
    "binary.txt",
    "nul.txt",
    "huge.txt",
];

/// A workspace with every kind of file an archive may hold, and a folder
/// outside it that a symlink points to.
fn hostile_workspace() -> (TempDir, TempDir) {
    let dir = TempDir::new("rel-hostile");
    let outside = TempDir::new("rel-outside");
    dir.write("nfc.txt", NFC_ARTICLE);
    dir.write("nfd/nfd.txt", NFD_ARTICLE.nfd().collect::<String>());
    dir.write("crlf.txt", CRLF_ARTICLE);
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(NFC_ARTICLE.as_bytes());
    dir.write("bom.txt", bom);
    dir.write("empty.txt", "");
    // " date 2024-01 Hà Nội" in Windows-1258 (à = E0, ô = F4, combining dot below = F2).
    dir.write("cp1258.txt", b" date 2024-01 H\xE0 N\xF4\xF2i".as_slice());
    // "Hà Nội" in TCVN3 (ABC): à = B5, ộ = E9.
    dir.write("tcvn3.txt", b" date 2024-01 H\xB5 N\xE9i".as_slice());
    dir.write("utf16le.txt", utf16_le_with_bom(NFC_ARTICLE));
    dir.write("utf16be.txt", utf16_be_with_bom(NFC_ARTICLE));
    let binary: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    dir.write("binary.txt", binary);
    dir.write(
        "nul.txt",
        b" date 2024-01 Lai Ch\xC3\xA2u\x00 c\xC3\xB3 m\xC6\xB0a.".as_slice(),
    );
    dir.write("huge.txt", thirty_megabytes());
    outside.write("ngoai.txt", NFC_ARTICLE);
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("nfd"), dir.path().join("nfd/self")).unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("outside-dir")).unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("ngoai.txt"),
            dir.path().join("outside-file.txt"),
        )
        .unwrap();
    }
    (dir, outside)
}

fn log_lines(c: &TestClient) -> Vec<String> {
    c.notifications("window/logMessage")
        .iter()
        .filter_map(|p| p["message"].as_str().map(str::to_string))
        .collect()
}

fn assert_one_message_each(lines: &[String], names: &[&str], ctx: &str) {
    for name in names {
        let hits: Vec<&String> = lines.iter().filter(|l| l.contains(name)).collect();
        assert_eq!(hits.len(), 1, "{ctx}: one message for {name}:\n{lines:#?}");
    }
}

/// The byte range of an LSP range (UTF-16) in `text`.
fn byte_range(text: &str, range: &Value) -> std::ops::Range<usize> {
    let offset = |p: &Value| {
        let (line, ch) = (
            p["line"].as_u64().unwrap(),
            p["character"].as_u64().unwrap(),
        );
        let mut start = 0;
        for _ in 0..line {
            start += text[start..].find('\n').unwrap() + 1;
        }
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= ch {
                return start + i;
            }
            units += c.len_utf16() as u64;
        }
        text.len()
    };
    offset(&range["start"])..offset(&range["end"])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_indexes_a_hostile_workspace_with_one_message_per_skipped_file() {
    let (dir, _outside) = hostile_workspace();
    let started = Instant::now();
    let mut c = TestClient::ready_with_folders(&[dir.path()], json!({})).await;
    assert!(started.elapsed() < Duration::from_secs(20), "indexing hung");
    let logs = log_lines(&c);
    assert_one_message_each(&logs, &SKIPPED, "server");
    assert_one_message_each(&logs, &["outside-dir", "outside-file.txt"], "server");
    // The UTF-16 decision: skipped with a message that says so.
    assert!(logs
        .iter()
        .any(|l| l.contains("utf16le.txt") && l.contains("UTF-16")));
    assert!(logs
        .iter()
        .any(|l| l.contains("huge.txt") && l.contains("maxFileSize")));
    // Indexed: nfc, nfd, crlf, bom (not empty, not skipped, not outside, loop seen once).
    let status = c.status().await;
    assert_eq!(status["documents"], 4, "{status}\n{logs:#?}");
    // The BOM is not part of the text; CRLF is kept as it is on disk.
    let bom = c.server_text(&file_uri(&dir.path().join("bom.txt"))).await;
    assert_eq!(bom["text"], NFC_ARTICLE);
    let crlf = c.server_text(&file_uri(&dir.path().join("crlf.txt"))).await;
    assert_eq!(crlf["text"], CRLF_ARTICLE);

    // NFD "Tô Lâm" is the same person as NFC "Tô Lâm": references from the NFC
    // article reach the NFD file, with a range that covers the NFD bytes.
    let nfc_uri = file_uri(&dir.path().join("nfc.txt"));
    let col = NFC_ARTICLE[..NFC_ARTICLE.find("Tô Lâm").unwrap()]
        .encode_utf16()
        .count();
    let refs = c
        .request(
            "textDocument/references",
            json!({"textDocument": {"uri": nfc_uri}, "position": {"line": 0, "character": col + 1},
                   "context": {"includeDeclaration": true}}),
        )
        .await
        .expect("references");
    let nfd_uri = file_uri(&dir.path().join("nfd/nfd.txt"));
    let nfd_text: String = NFD_ARTICLE.nfd().collect();
    let in_nfd: Vec<&Value> = refs
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["uri"] == nfd_uri)
        .collect();
    assert_eq!(in_nfd.len(), 1, "{refs:#}");
    let r = byte_range(&nfd_text, &in_nfd[0]["range"]);
    assert_eq!(&nfd_text[r], "Tô Lâm".nfd().collect::<String>());
    // Also the BOM file's two mentions (same article text, one person).
    let bom_uri = file_uri(&dir.path().join("bom.txt"));
    assert_eq!(
        refs.as_array()
            .unwrap()
            .iter()
            .filter(|l| l["uri"] == bom_uri)
            .count(),
        2,
        "{refs:#}"
    );

    // CRLF: the place on the third line has a range that covers exactly its name.
    let crlf_uri = file_uri(&dir.path().join("crlf.txt"));
    let symbols = c
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": crlf_uri}}),
        )
        .await
        .expect("documentSymbol");
    let lsp_text = CRLF_ARTICLE.replace("\r\n", "\n"); // byte_range counts '\n' only
    let on_line_2: Vec<String> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            s.get("selectionRange")
                .or(s["location"].get("range"))
                .unwrap()
                .clone()
        })
        .filter(|r| r["start"]["line"] == 2)
        .map(|r| lsp_text[byte_range(&lsp_text, &r)].to_string())
        .collect();
    assert!(
        on_line_2
            .iter()
            .any(|t| t.ends_with("Lai Châu") && t.len() < 20),
        "{on_line_2:?} in {symbols:#}"
    );
    assert_eq!(c.shutdown_and_exit().await, 0);
}

/// Slow in a debug build (the core reads ~0.3 MB/s there): run with `--ignored`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "analyses 30 MB; about 90 s in a debug build"]
async fn server_handles_a_30_megabyte_file_with_a_raised_limit() {
    let dir = TempDir::new("rel-huge");
    dir.write("huge.txt", thirty_megabytes());
    dir.write("nfc.txt", NFC_ARTICLE);
    let settings = json!({"maxFileSize": 64_000_000});
    let mut c = TestClient::start().await;
    c.set_configuration(settings.clone());
    let started = Instant::now();
    c.request(
        "initialize",
        json!({"processId": null, "capabilities": TestClient::caps_utf16(),
               "workspaceFolders": [{"uri": file_uri(dir.path()), "name": "w"}],
               "initializationOptions": settings}),
    )
    .await
    .unwrap();
    c.notify("initialized", json!({})).await;
    // Responsive while the big file is analysed: an open buffer is served at once.
    let uri = "untitled:while-indexing";
    c.open(uri, NFC_ARTICLE).await;
    let t = Instant::now();
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 40}}),
        )
        .await;
    assert!(hover.is_ok(), "{hover:?}");
    assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
    // Indexing ends with both files (within five minutes even in a debug build).
    loop {
        let status = c.status().await;
        let huge = c.server_text(&file_uri(&dir.path().join("huge.txt"))).await;
        if status["indexing"] == false && huge["text"].is_string() {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(300), "{status}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    eprintln!("indexing a 30 MB file took {:?}", started.elapsed());
    assert_eq!(c.shutdown_and_exit().await, 0);
}

#[test]
fn cli_check_and_annotate_survive_the_hostile_workspace() {
    let (dir, _outside) = hostile_workspace();
    for args in [
        &["check", "--format", "json"][..],
        &["check", "--format", "human"],
        &["annotate", "--format", "json"],
    ] {
        let out = cli(args, &[dir.path()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let lines: Vec<String> = stderr.lines().map(str::to_string).collect();
        assert_one_message_each(&lines, &SKIPPED, &format!("{args:?}"));
        assert_one_message_each(&lines, &["outside-dir", "outside-file.txt"], "cli");
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {stderr}"
        );
    }
    // annotate: NFD and NFC "Tô Lâm" share one entity id; `text` is the exact
    // source text at the reported position (columns in scalar values).
    let out = cli(&["annotate", "--format", "json"], &[dir.path()]);
    let rows: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let person = |file: &str| -> Vec<&Value> {
        rows.iter()
            .filter(|r| r["path"].as_str().unwrap().ends_with(file) && r["kind"] == "person")
            .filter(|r| r["text"].as_str().unwrap().nfc().collect::<String>() == "Tô Lâm")
            .collect()
    };
    let (nfc, nfd) = (person("nfc.txt"), person("nfd.txt"));
    assert!(!nfc.is_empty() && !nfd.is_empty(), "{rows:#?}");
    assert_eq!(nfc[0]["entity"], nfd[0]["entity"]);
    let nfd_text: String = NFD_ARTICLE.nfd().collect();
    assert_eq!(nfd[0]["text"], "Tô Lâm".nfd().collect::<String>());
    for r in rows
        .iter()
        .filter(|r| r["path"].as_str().unwrap().ends_with("nfd.txt"))
    {
        assert_eq!(r["text"].as_str().unwrap(), source_at(&nfd_text, r), "{r}");
    }
    for r in rows
        .iter()
        .filter(|r| r["path"].as_str().unwrap().ends_with("crlf.txt"))
    {
        assert_eq!(
            r["text"].as_str().unwrap(),
            source_at(CRLF_ARTICLE, r),
            "{r}"
        );
    }
    // The place on the third CRLF line is reported on line 3 (1-based).
    assert!(
        rows.iter()
            .any(|r| r["path"].as_str().unwrap().ends_with("crlf.txt")
                && r["text"].as_str().unwrap().ends_with("Lai Châu")
                && r["line"] == 3),
        "{rows:#?}"
    );
}

/// The text at a CLI row's 1-based line/column range (columns in chars; lines
/// end at \n, \r\n or \r).
fn source_at(text: &str, row: &Value) -> String {
    let lines: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    let at = |line: &Value, col: &Value| -> (usize, usize) {
        (
            line.as_u64().unwrap() as usize - 1,
            col.as_u64().unwrap() as usize - 1,
        )
    };
    let (l1, c1) = at(&row["line"], &row["column"]);
    let (l2, c2) = at(&row["end_line"], &row["end_column"]);
    if l1 == l2 {
        lines[l1].chars().skip(c1).take(c2 - c1).collect()
    } else {
        let mut s: String = lines[l1].chars().skip(c1).collect();
        for l in &lines[l1 + 1..l2] {
            s.push('\n');
            s.push_str(l);
        }
        s.push('\n');
        s.extend(lines[l2].chars().take(c2));
        s
    }
}

/// Slow in a debug build: run with `--ignored`.
#[test]
#[ignore = "analyses 30 MB; about 90 s in a debug build"]
fn cli_reads_a_30_megabyte_file_with_a_raised_limit() {
    let dir = TempDir::new("rel-huge-cli");
    dir.write("huge.txt", thirty_megabytes());
    let out = cli(&["check", "--format", "json"], &[dir.path()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("huge.txt") && stderr.contains("maxFileSize"),
        "{stderr}"
    );
    dir.write("seedls.json", r#"{"maxFileSize": 64000000}"#);
    let started = Instant::now();
    let out = cli(&["check", "--format", "json"], &[dir.path()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("huge.txt"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    eprintln!("checking a 30 MB file took {:?}", started.elapsed());
}

/// A workspace of many files some of which are deleted or renamed while the
/// server and the CLI index it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_deleted_or_renamed_during_indexing_are_fine() {
    let dir = TempDir::new("rel-vanish");
    let n = 1500;
    for i in 0..n {
        dir.write(
            &format!("d{}/bai-{i}.txt", i % 10),
            format!(" date 2024-02 Xã số {i} của huyện Bắc Hà nhận {i} tấn gạo cứu đói."),
        );
    }
    let churn = |root: PathBuf| {
        std::thread::spawn(move || {
            for i in (0..n).step_by(3) {
                let p = root.join(format!("d{}/bai-{i}.txt", i % 10));
                if i % 2 == 0 {
                    let _ = std::fs::remove_file(&p);
                } else {
                    let _ = std::fs::rename(&p, p.with_extension("moved.txt"));
                }
            }
        })
    };
    // Server.
    let mut c = TestClient::start().await;
    let mover = churn(dir.path().to_path_buf());
    c.initialize_with(json!({
        "capabilities": TestClient::caps_utf16(),
        "workspaceFolders": [{"uri": file_uri(dir.path()), "name": "w"}],
    }))
    .await;
    mover.join().unwrap();
    let docs = c.status().await["documents"].as_u64().unwrap();
    assert!(docs > 0 && docs <= n as u64, "{docs}");
    assert_eq!(c.shutdown_and_exit().await, 0);
    // CLI: restore, then churn while it runs.
    for i in 0..n {
        dir.write(
            &format!("d{}/bai-{i}.txt", i % 10),
            format!(" date 2024-02 Xã số {i} nhận hàng cứu trợ."),
        );
    }
    let mover = churn(dir.path().to_path_buf());
    let out = cli(&["check", "--format", "json"], &[dir.path()]);
    mover.join().unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every path under `root` (symlinks not followed) with its size, mtime and a
/// hash of its contents.
fn snapshot_tree(root: &Path) -> BTreeMap<PathBuf, (u64, std::time::SystemTime, u64)> {
    use std::hash::{Hash, Hasher};
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(p) = stack.pop() {
        let meta = std::fs::symlink_metadata(&p).unwrap();
        let mut h = std::collections::hash_map::DefaultHasher::new();
        if meta.is_dir() {
            for e in std::fs::read_dir(&p).unwrap() {
                stack.push(e.unwrap().path());
            }
        } else if meta.is_file() {
            std::fs::read(&p).unwrap().hash(&mut h);
        } else if meta.file_type().is_symlink() {
            std::fs::read_link(&p).unwrap().hash(&mut h);
        }
        out.insert(p, (meta.len(), meta.modified().unwrap(), h.finish()));
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_and_cli_never_write_to_the_workspace() {
    let (dir, outside) = hostile_workspace();
    std::fs::remove_file(dir.path().join("huge.txt")).unwrap(); // keep it fast
    dir.write("seedls.json", r#"{"language": "en"}"#);
    let before = (snapshot_tree(dir.path()), snapshot_tree(outside.path()));
    // The server: index, open, edit, close, ask for every kind of result including a rename.
    let mut c = TestClient::ready_with_folders(&[dir.path()], json!({"debounceMs": 5})).await;
    let uri = file_uri(&dir.path().join("nfc.txt"));
    c.open(&uri, NFC_ARTICLE).await;
    c.change(
        &uri,
        vec![json!({"text": format!("{NFC_ARTICLE}\n\nThêm một đoạn.")})],
    )
    .await;
    let col = NFC_ARTICLE[..NFC_ARTICLE.find("Tô Lâm").unwrap()]
        .encode_utf16()
        .count()
        + 1;
    let at = json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": col}});
    let mut rename = at.clone();
    rename["newName"] = json!("Tô Văn Lâm");
    let edit = c
        .request("textDocument/rename", rename)
        .await
        .expect("rename");
    assert!(
        edit["changes"].is_object() || edit["documentChanges"].is_array(),
        "{edit}"
    );
    let mut code_action = json!({"textDocument": {"uri": uri}, "context": {"diagnostics": []}});
    code_action["range"] =
        json!({"start": {"line": 0, "character": 0}, "end": {"line": 3, "character": 0}});
    let _ = c.request("textDocument/codeAction", code_action).await;
    let _ = c.request("textDocument/hover", at.clone()).await;
    c.file_event(&dir.path().join("nfd/nfd.txt"), 2).await;
    c.close(&uri).await;
    let _ = c.request("workspace/symbol", json!({"query": "lâm"})).await;
    assert_eq!(c.shutdown_and_exit().await, 0);
    // The CLI, every command and format.
    for args in [
        &["check", "--format", "json"][..],
        &["check", "--format", "human"],
        &["check", "--format", "sarif"],
        &["annotate", "--format", "json"],
        &["annotate", "--format", "conll"],
    ] {
        cli(args, &[dir.path()]);
    }
    let after = (snapshot_tree(dir.path()), snapshot_tree(outside.path()));
    assert_eq!(before, after, "the workspace changed on disk");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn limits_are_configurable_and_announce_themselves() {
    let dir = TempDir::new("rel-limits");
    for i in 0..30 {
        dir.write(
            &format!("bai-{i:02}.txt"),
            format!(
                " date 2024-0{} Ông Tô Lâm thăm xã số {i} của tỉnh Hà Giang.",
                1 + i % 9
            ),
        );
    }
    dir.write(
        "lon.txt",
        format!(" date 2024-01 {}", "Tô Lâm ".repeat(400)),
    );
    // maxFiles and maxFileSize in the server.
    let mut c =
        TestClient::ready_with_folders(&[dir.path()], json!({"maxFiles": 10, "maxFileSize": 2000}))
            .await;
    let logs = log_lines(&c);
    assert!(
        logs.iter()
            .any(|l| l.contains("10") && l.contains("maxFiles")),
        "{logs:#?}"
    );
    assert_eq!(c.status().await["documents"], 10);
    assert_eq!(c.shutdown_and_exit().await, 0);
    let mut c = TestClient::ready_with_folders(&[dir.path()], json!({"maxFileSize": 2000})).await;
    let logs = log_lines(&c);
    assert_one_message_each(&logs, &["lon.txt"], "maxFileSize");
    assert!(logs
        .iter()
        .any(|l| l.contains("lon.txt") && l.contains("maxFileSize")));
    assert_eq!(c.status().await["documents"], 30);
    // maxResults: references and workspace symbols are capped, with a log line.
    // The client's answer to the server's configuration pull changes first: the
    // server may pull as soon as the notification arrives.
    c.set_configuration(json!({"maxResults": 3}));
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"seedls": {"maxResults": 3}}}),
    )
    .await;
    let uri = file_uri(&dir.path().join("bai-00.txt"));
    let at = json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 19},
                    "context": {"includeDeclaration": true}});
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let refs = c
            .request("textDocument/references", at.clone())
            .await
            .unwrap();
        let n = refs.as_array().map_or(0, Vec::len);
        if n == 3 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "references never capped at 3: {n}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let syms = c
        .request("workspace/symbol", json!({"query": ""}))
        .await
        .unwrap();
    assert!(syms.as_array().unwrap().len() <= 3, "{syms:#}");
    // A capped list says so in the log, naming the setting.
    c.wait_for("window/logMessage", |m| {
        let text = m["message"].as_str().unwrap_or("");
        text.contains("references") && text.contains("maxResults")
    })
    .await;
    assert_eq!(c.shutdown_and_exit().await, 0);
    // The CLI reads the same limits from seedls.json.
    dir.write("seedls.json", r#"{"maxFiles": 10, "maxFileSize": 2000}"#);
    let out = cli(&["check", "--format", "json"], &[dir.path()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("maxFiles"), "{stderr}");
    // lon.txt sorts after the first ten files, so only maxFiles speaks.
    dir.write("seedls.json", r#"{"maxFileSize": 2000}"#);
    let out = cli(&["check", "--format", "json"], &[dir.path()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.lines().filter(|l| l.contains("lon.txt")).count(),
        1,
        "{stderr}"
    );
    assert!(stderr.contains("maxFileSize"), "{stderr}");
}

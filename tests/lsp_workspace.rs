//! Workspace indexing, progress, file watching, folders and the open-buffer rule.

mod common;
use common::{file_uri, TempDir, TestClient};
use serde_json::{json, Value};
use unicode_normalization::UnicodeNormalization;

const A: &str = " date 2024-04 Sáng 3/4, Ban Quản lý dự án tỉnh Yên Bái khởi công cây cầu mới nối hai bờ sông Chảy.\n\nCông trình dài 320 mét, dự kiến xong sau 18 tháng.";
const B: &str = "date 2023-11 Hội Nông dân huyện Bảo Thắng trao 45 con bò giống cho các hộ nghèo.\r\n\r\nMỗi hộ được nhận một con và cam kết chăm sóc trong ba năm.";
const C: &str = " date 2024-02 Trường tiểu học xã Tả Van khánh thành thêm bốn phòng học kiên cố.";

fn messages(c: &TestClient, method: &str) -> Vec<String> {
    c.notifications(method)
        .iter()
        .filter_map(|p| p["message"].as_str().map(str::to_string))
        .collect()
}

fn progress_kinds(c: &TestClient) -> Vec<String> {
    c.notifications("$/progress")
        .iter()
        .map(|p| p["value"]["kind"].as_str().unwrap_or("").to_string())
        .collect()
}

/// A folder with every kind of file an archive may hold.
fn hostile_folder() -> (TempDir, TempDir) {
    let dir = TempDir::new("hostile");
    let outside = TempDir::new("outside");
    dir.write("a.txt", A);
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(B.as_bytes());
    dir.write("sub/b.txt", bom);
    let nfd: String = C.nfd().collect();
    dir.write("nfd.txt", nfd);
    dir.write("note.txt", "Ghi chú: chưa phải bài báo.");
    dir.write("empty.txt", "");
    // "date 2024-01 Hà Nội" in Windows-1258: à is 0xE0, ộ is not one byte but ô is 0xF4.
    dir.write("legacy.txt", b"date 2024-01 H\xE0 N\xF4i\n".as_slice());
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "date 2024-01 x"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        )
        .collect();
    dir.write("utf16.txt", utf16);
    dir.write("binary.txt", b"date 2024-01 \x00\x01\x02".as_slice());
    dir.write(
        "big.txt",
        format!(" date 2024-01 {}", "Lào Cai ".repeat(1000)),
    );
    dir.write(".gitignore", "bo-qua/\n");
    dir.write("bo-qua/d.txt", C);
    dir.write("tai-lieu.md", C);
    outside.write("ngoai.txt", C);
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.path(), dir.path().join("vong")).unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("ngoai")).unwrap();
    }
    (dir, outside)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn indexes_a_hostile_folder_with_progress_and_clear_messages() {
    let (dir, _outside) = hostile_folder();
    let mut c = TestClient::ready_with_folders(
        &[dir.path()],
        json!({"maxFileSize": 4000, "debounceMs": 5}),
    )
    .await;
    let status = c.status().await;
    // a.txt, sub/b.txt and nfd.txt; not the note, the empty file, the skipped
    // files, the ignored folder, the .md file, the loop or the outside link.
    assert_eq!(status["documents"], 3, "{status}");
    let a = file_uri(&dir.path().join("a.txt"));
    assert_eq!(c.server_text(&a).await["text"], A);
    // The BOM is gone, CRLF kept.
    let b = file_uri(&dir.path().join("sub/b.txt"));
    assert_eq!(c.server_text(&b).await["text"], B);
    let logs = messages(&c, "window/logMessage").join("\n");
    for name in ["legacy.txt", "utf16.txt", "binary.txt", "big.txt", "ngoai"] {
        let hits = logs.lines().filter(|l| l.contains(name)).count();
        assert_eq!(hits, 1, "one message for {name}:\n{logs}");
    }
    assert!(
        !logs.contains("note.txt") && !logs.contains("bo-qua"),
        "{logs}"
    );
    // Progress: create, then begin … end on the same token.
    assert_eq!(c.server_requests("window/workDoneProgress/create").len(), 1);
    let kinds = progress_kinds(&c);
    assert_eq!(kinds.first().map(String::as_str), Some("begin"));
    assert_eq!(kinds.last().map(String::as_str), Some("end"));
    // File watching was registered for the include glob and the registry file.
    let reg = c.server_requests("client/registerCapability");
    let reg = reg.last().expect("registration");
    assert_eq!(
        reg["registrations"][0]["method"],
        "workspace/didChangeWatchedFiles"
    );
    let patterns: Vec<&Value> = reg["registrations"][0]["registerOptions"]["watchers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| &w["globPattern"]["pattern"])
        .collect();
    assert!(
        patterns.contains(&&json!("**/*.txt")) && patterns.contains(&&json!("entities.json")),
        "{patterns:?}"
    );
    assert_eq!(c.shutdown_and_exit().await, 0);
}

#[tokio::test]
async fn external_symlinks_are_followed_when_configured() {
    let (dir, _outside) = hostile_folder();
    let mut c = TestClient::ready_with_folders(
        &[dir.path()],
        json!({"maxFileSize": 4000, "followExternalSymlinks": true}),
    )
    .await;
    assert_eq!(c.status().await["documents"], 4);
    assert!(c
        .server_text(&file_uri(&dir.path().join("ngoai/ngoai.txt")))
        .await
        .is_object());
    assert_eq!(c.shutdown_and_exit().await, 0);
}

#[tokio::test]
async fn empty_workspace_still_ends_progress_and_minimal_client_gets_a_log() {
    let empty = TempDir::new("empty");
    let mut c = TestClient::ready_with_folders(&[empty.path()], json!({})).await;
    assert_eq!(
        progress_kinds(&c).first().map(String::as_str),
        Some("begin")
    );
    assert_eq!(progress_kinds(&c).last().map(String::as_str), Some("end"));
    assert_eq!(c.status().await["documents"], 0);
    assert_eq!(c.shutdown_and_exit().await, 0);

    // A client without window.workDoneProgress: no progress at all, a log line instead.
    let mut c = TestClient::start().await;
    c.initialize_with(json!({"capabilities": {}, "workspaceFolders": [{"uri": file_uri(empty.path()), "name": "e"}]}))
        .await;
    assert!(c
        .server_requests("window/workDoneProgress/create")
        .is_empty());
    assert!(c.notifications("$/progress").is_empty());
    assert!(c.server_requests("client/registerCapability").is_empty());
    assert!(messages(&c, "window/logMessage")
        .iter()
        .any(|m| m.starts_with("seedls: indexed 0 seed files")));
    assert_eq!(c.shutdown_and_exit().await, 0);
}

#[tokio::test]
async fn watched_files_keep_the_index_current_and_the_buffer_wins() {
    let dir = TempDir::new("watch");
    let a_path = dir.write("a.txt", A);
    let mut c = TestClient::ready_with_folders(&[dir.path()], json!({"debounceMs": 5})).await;
    assert_eq!(c.status().await["documents"], 1);
    // Created.
    let c_path = dir.write("moi/c.txt", C);
    let c_uri = file_uri(&c_path);
    c.file_event(&c_path, 1).await;
    c.wait_text(&c_uri, |v| v["text"] == C).await;
    // Changed.
    std::fs::write(&c_path, A).unwrap();
    c.file_event(&c_path, 2).await;
    c.wait_text(&c_uri, |v| v["text"] == A).await;
    // Changed into a file without a header: no longer a seed.
    std::fs::write(&c_path, "chỉ là ghi chú").unwrap();
    c.file_event(&c_path, 2).await;
    c.wait_text(&c_uri, Value::is_null).await;
    // Deleted.
    std::fs::write(&c_path, C).unwrap();
    c.file_event(&c_path, 1).await;
    c.wait_text(&c_uri, |v| v["text"] == C).await;
    std::fs::remove_file(&c_path).unwrap();
    c.file_event(&c_path, 3).await;
    c.wait_text(&c_uri, Value::is_null).await;

    // The open buffer wins over the disk until it is closed.
    let a_uri = file_uri(&a_path);
    c.open_as(&a_uri, "plaintext", " date 2024-04 Bản đang sửa.")
        .await;
    std::fs::write(&a_path, C).unwrap();
    c.file_event(&a_path, 2).await;
    std::fs::write(&a_path, B).unwrap();
    c.file_event(&a_path, 2).await;
    // Give the server a chance to (wrongly) apply the event, then check.
    let _ = c.status().await;
    assert_eq!(
        c.server_text(&a_uri).await["text"],
        " date 2024-04 Bản đang sửa."
    );
    c.close(&a_uri).await;
    let v = c.wait_text(&a_uri, |v| v["text"] == B).await;
    assert_eq!(v["source"], "disk");
    // Close of a deleted file drops it.
    c.open(&a_uri, A).await;
    std::fs::remove_file(&a_path).unwrap();
    c.file_event(&a_path, 3).await;
    assert_eq!(c.server_text(&a_uri).await["source"], "buffer");
    c.close(&a_uri).await;
    c.wait_text(&a_uri, Value::is_null).await;
    // Nothing was written to the folder by the server.
    let mut names: Vec<String> = walk(dir.path());
    names.sort();
    assert_eq!(names, vec!["moi".to_string()]);
    assert_eq!(c.shutdown_and_exit().await, 0);
}

fn walk(p: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(p)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[tokio::test]
async fn multi_root_and_folder_changes() {
    let one = TempDir::new("root-one");
    let two = TempDir::new("root-two");
    let three = TempDir::new("root-three");
    one.write("a.txt", A);
    two.write("b.txt", B);
    two.write("c.txt", C);
    three.write("x/a.txt", A);
    let mut c = TestClient::ready_with_folders(&[one.path(), two.path()], json!({})).await;
    assert_eq!(c.status().await["documents"], 3);
    c.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({"event": {
            "added": [{"uri": file_uri(three.path()), "name": "three"}],
            "removed": [{"uri": file_uri(two.path()), "name": "two"}],
        }}),
    )
    .await;
    c.indexed(2).await;
    let st = c.status().await;
    assert_eq!(st["documents"], 2, "{st}");
    assert_eq!(st["folders"].as_array().unwrap().len(), 2);
    assert!(c
        .server_text(&file_uri(&two.path().join("b.txt")))
        .await
        .is_null());
    assert!(c
        .server_text(&file_uri(&three.path().join("x/a.txt")))
        .await
        .is_object());
    assert_eq!(c.shutdown_and_exit().await, 0);
}

#[tokio::test]
async fn user_globs_make_files_seeds_and_limits_are_reported() {
    let dir = TempDir::new("globs");
    dir.write("bai/mot.md", "Bài chưa có dòng ngày.");
    dir.write("bai/hai.md", A);
    dir.write("bai/nhap/ba.md", C);
    dir.write("khac.txt", A);
    let mut c = TestClient::ready_with_folders(
        &[dir.path()],
        json!({"include": ["bai/**/*.md"], "exclude": ["bai/nhap/**"], "debounceMs": 5}),
    )
    .await;
    assert_eq!(c.status().await["documents"], 2);
    // A user-configured glob makes a file a seed even without a header.
    let mot = file_uri(&dir.path().join("bai/mot.md"));
    assert!(c.server_text(&mot).await.is_object());
    c.open_as(&mot, "markdown", "Bài chưa có dòng ngày.").await;
    assert_eq!(c.diagnostics(&mot).await[0]["code"], "header");
    c.close(&mot).await;
    // Changing the include globs re-indexes.
    c.set_configuration(json!({"maxFiles": 1}));
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    )
    .await;
    // Wait for the warning itself: under load another index run may finish first.
    c.wait_for("window/showMessage", |m| {
        m["message"]
            .as_str()
            .is_some_and(|t| t.contains("seedls.maxFiles"))
    })
    .await;
    c.indexed(2).await;
    // The run that hit the limit replaces the index right after its warning.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while c.status().await["documents"] != 1 && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(c.status().await["documents"], 1);
    assert_eq!(c.shutdown_and_exit().await, 0);
}

#[tokio::test]
async fn real_seed_articles_are_indexed_with_valid_headers() {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !seeds.is_dir() {
        println!("skipping: ../shared/seeds not found");
        return;
    }
    let mut c = TestClient::ready_with_folders(&[seeds.as_path()], json!({"debounceMs": 5})).await;
    let files: Vec<std::path::PathBuf> = std::fs::read_dir(&seeds)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    assert_eq!(c.status().await["documents"], files.len());
    for p in &files {
        let uri = file_uri(p);
        let text = std::fs::read_to_string(p).unwrap();
        c.open_as(&uri, "plaintext", &text).await;
        let d = c.diagnostics(&uri).await;
        assert!(
            !d.iter().any(|d| d["code"] == "header"),
            "{}: {d:?}",
            p.display()
        );
    }
    assert_eq!(c.shutdown_and_exit().await, 0);
}

#[tokio::test]
async fn entities_registry_is_read_and_followed() {
    let dir = TempDir::new("registry");
    dir.write("a.txt", A);
    let reg = dir.write("entities.json", r#"{"people": []}"#);
    let reg_uri = file_uri(&reg);
    let mut c = TestClient::ready_with_folders(&[dir.path()], json!({"debounceMs": 5})).await;
    // The registry is in the corpus (as a document of its own), not counted as an article.
    assert_eq!(c.status().await["documents"], 1);
    assert_eq!(c.server_text(&reg_uri).await["text"], r#"{"people": []}"#);
    // Invalid JSON: a warning naming the file.
    std::fs::write(&reg, "{ không phải json").unwrap();
    c.file_event(&reg, 2).await;
    c.wait_for("window/logMessage", |p| {
        p["message"]
            .as_str()
            .is_some_and(|m| m.contains("entities.json") && m.contains("not valid JSON"))
    })
    .await;
    // Deleted: forgotten.
    std::fs::remove_file(&reg).unwrap();
    c.file_event(&reg, 3).await;
    c.wait_text(&reg_uri, Value::is_null).await;
    assert_eq!(c.shutdown_and_exit().await, 0);
}

/// Articles no editor has open are kept without their annotations; every
/// request about them must still answer exactly as for an open article.
#[tokio::test]
async fn closed_articles_answer_like_open_ones() {
    let dir = TempDir::new("closed");
    let open_text = " date 2024-05 Sáng 2/5, Đại tá Hoàng Minh Phúc, Giám đốc Công an tỉnh Lạng Sơn, dự hội nghị.";
    let closed_text = " date 2024-06 Chiều 9/6, Đại tá Hoàng Minh Phúc kiểm tra công tác tại huyện Cao Lộc, tỉnh Lạng Sơn.\n\nÔng Hoàng Minh Phúc đề nghị các đơn vị giữ vững an ninh.";
    dir.write("mo.txt", open_text);
    dir.write("dong.txt", closed_text);
    let mut c = TestClient::ready_with_folders(&[dir.path()], json!({})).await;
    c.indexed(1).await;
    let open_uri = file_uri(&dir.path().join("mo.txt"));
    let closed_uri = file_uri(&dir.path().join("dong.txt"));
    c.open(&open_uri, open_text).await;
    let col = |text: &str, needle: &str| text[..text.find(needle).unwrap()].encode_utf16().count();

    // Hover on a closed article: the person card, as if it were open.
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": closed_uri},
                   "position": {"line": 0, "character": col(closed_text, "Hoàng") + 2}}),
        )
        .await
        .unwrap();
    let card = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(
        card.contains("Hoàng Minh Phúc") && card.contains("Đại tá"),
        "{hover:#}"
    );

    // Rename from the open article edits only the name inside the closed
    // article's "Đại tá Hoàng Minh Phúc", never the title.
    let edit = c
        .request(
            "textDocument/rename",
            json!({"textDocument": {"uri": open_uri},
                   "position": {"line": 0, "character": col(open_text, "Hoàng") + 1},
                   "newName": "Hoàng Minh Phú"}),
        )
        .await
        .unwrap();
    let closed_edits = edit["changes"][closed_uri.as_str()].as_array().unwrap();
    assert_eq!(closed_edits.len(), 2, "{edit:#}");
    let first = &closed_edits
        .iter()
        .find(|e| e["range"]["start"]["line"] == 0)
        .unwrap()["range"];
    assert_eq!(first["start"]["character"], col(closed_text, "Hoàng"));
    assert_eq!(
        first["end"]["character"],
        col(closed_text, "Hoàng") + "Hoàng Minh Phúc".encode_utf16().count()
    );

    // The place card on the open article still lists facts kept from the
    // closed one (its level), and references reach into it.
    let refs = c
        .request(
            "textDocument/references",
            json!({"textDocument": {"uri": open_uri},
                   "position": {"line": 0, "character": col(open_text, "Lạng") + 1},
                   "context": {"includeDeclaration": true}}),
        )
        .await
        .unwrap();
    assert!(
        refs.as_array()
            .unwrap()
            .iter()
            .any(|l| l["uri"] == closed_uri.as_str()),
        "{refs:#}"
    );
    assert_eq!(c.shutdown_and_exit().await, 0);
}

/// A client that takes `documentChanges` gets the rename with the version of
/// each open article it was computed from (closed ones: null), so an editor
/// whose buffer moved on refuses it instead of editing the wrong text.
#[tokio::test]
async fn rename_names_the_version_it_was_computed_from() {
    let dir = TempDir::new("versioned");
    let open_text = " date 2024-05 Sáng 2/5, Đại tá Hoàng Minh Phúc dự hội nghị.";
    let closed_text = " date 2024-06 Chiều 9/6, Đại tá Hoàng Minh Phúc kiểm tra công tác.";
    dir.write("mo.txt", open_text);
    dir.write("dong.txt", closed_text);
    let mut c = TestClient::start().await;
    c.set_configuration(json!({ "debounceMs": 10 }));
    let mut caps = TestClient::caps_utf16();
    caps["workspace"]["workspaceEdit"] = json!({ "documentChanges": true });
    c.initialize_with(json!({
        "capabilities": caps,
        "workspaceFolders": [{ "uri": file_uri(dir.path()), "name": "versioned" }],
    }))
    .await;
    let open_uri = file_uri(&dir.path().join("mo.txt"));
    let closed_uri = file_uri(&dir.path().join("dong.txt"));
    c.open(&open_uri, open_text).await;
    // Version 2: the same text typed again.
    let version = c
        .change(&open_uri, vec![json!({ "text": open_text })])
        .await;
    let col = open_text[..open_text.find("Hoàng").unwrap()]
        .encode_utf16()
        .count();
    let edit = c
        .request(
            "textDocument/rename",
            json!({"textDocument": {"uri": open_uri},
                   "position": {"line": 0, "character": col + 1},
                   "newName": "Hoàng Minh Phú"}),
        )
        .await
        .unwrap();
    assert!(edit.get("changes").is_none_or(Value::is_null), "{edit:#}");
    let docs = edit["documentChanges"].as_array().expect("documentChanges");
    let of = |uri: &str| {
        docs.iter()
            .find(|d| d["textDocument"]["uri"] == uri)
            .unwrap_or_else(|| panic!("no edit for {uri}: {edit:#}"))
    };
    assert_eq!(of(&open_uri)["textDocument"]["version"], version);
    assert!(of(&closed_uri)["textDocument"]["version"].is_null());
    assert_eq!(of(&closed_uri)["edits"][0]["newText"], "Hoàng Minh Phú");
    assert_eq!(c.shutdown_and_exit().await, 0);
}

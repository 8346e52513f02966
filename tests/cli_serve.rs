//! Every way of starting the server from the command line speaks LSP over
//! stdio: `seedls`, `seedls serve`, `seedls --stdio`, `seedls serve --stdio`.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn send(stdin: &mut impl Write, msg: Value) {
    let body = msg.to_string();
    write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    stdin.flush().unwrap();
}

/// The next response (a message with an id and no method).
fn response(out: &mut impl BufRead) -> Value {
    loop {
        let mut len = 0;
        loop {
            let mut line = String::new();
            assert!(
                out.read_line(&mut line).unwrap() > 0,
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
        out.read_exact(&mut body).unwrap();
        let msg: Value = serde_json::from_slice(&body).unwrap();
        if msg.get("id").is_some() && msg.get("method").is_none() {
            return msg;
        }
    }
}

fn lifecycle(args: &[&str]) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_seedls"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    // A watchdog so a hung server fails the test instead of hanging it.
    let watchdog = std::thread::spawn(move || {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(30) {
            std::thread::sleep(Duration::from_millis(100));
            if std::fs::metadata(format!("/proc/{pid}")).is_err() {
                return;
            }
        }
        let _ = Command::new("kill").arg(pid.to_string()).status();
    });
    let mut stdin = child.stdin.take().unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"processId": null, "rootUri": null, "capabilities": {}}}),
    );
    let init = response(&mut out);
    assert_eq!(init["id"], 1, "{args:?}: {init}");
    assert!(
        init["result"]["capabilities"].is_object(),
        "{args:?}: {init}"
    );
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
    );
    assert_eq!(response(&mut out)["id"], 2, "{args:?}");
    send(&mut stdin, json!({"jsonrpc": "2.0", "method": "exit"}));
    drop(stdin);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{args:?}");
    let _ = watchdog.join();
}

#[test]
fn no_arguments_serves() {
    lifecycle(&[]);
}

#[test]
fn serve_serves() {
    lifecycle(&["serve"]);
}

#[test]
fn stdio_flag_serves() {
    lifecycle(&["--stdio"]);
}

#[test]
fn serve_with_stdio_flag_serves() {
    lifecycle(&["serve", "--stdio"]);
}

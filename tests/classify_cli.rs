//! `gdpr-inbox classify`: the documented `--json` line per message, stdin, the human line, and a
//! clear error for a file that cannot be read. Needs no config and touches no mailbox.

use std::io::Write;
use std::process::{Command, Stdio};

fn classify(args: &[&str], stdin: Option<&[u8]>) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gdpr-inbox"))
        .arg("classify")
        .args(args)
        .env("GDPR_INBOX_CONFIG", "/nonexistent/config.toml")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

const REQUEST: &[u8] = b"From: Anna <anna@example.dk>\r\nTo: info@calmo.dk\r\nSubject: Mine oplysninger\r\n\r\n\
Hej, jeg vil gerne have indsigt i de oplysninger, I har om mig, og bagefter vil jeg have dem slettet.\r\n";

#[test]
fn json_lines_follow_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.eml");
    std::fs::write(&file, REQUEST).unwrap();
    let out = classify(
        &["--json", file.to_str().unwrap(), file.to_str().unwrap()],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "one object per message, one per line");
    let v = &lines[0];
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "automated",
            "confidence",
            "evidence",
            "file",
            "id_document",
            "kinds",
            "language"
        ]
    );
    assert_eq!(v["file"], file.to_str().unwrap());
    assert_eq!(v["kinds"], serde_json::json!(["access", "erasure"]));
    assert_eq!(v["language"], "da");
    assert_eq!(v["automated"], false);
    assert!(v["confidence"].as_f64().unwrap() > 0.5);
    assert!(!v["evidence"].as_array().unwrap().is_empty());
}

#[test]
fn one_message_on_stdin_and_a_human_line_without_json() {
    let out = classify(&[], Some(REQUEST));
    assert!(out.status.success());
    let line = String::from_utf8(out.stdout).unwrap();
    assert!(line.starts_with("-: access+erasure (da,"), "{line}");
    let out = classify(&["--json"], Some(b"From: news@x.example\r\nList-Unsubscribe: <mailto:u@x>\r\nSubject: Nyhedsbrev\r\n\r\nSlet dine data hos os\r\n"));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["file"], "-");
    assert_eq!(v["automated"], true);
    assert_eq!(v["kinds"], serde_json::json!([]));
}

#[test]
fn an_unreadable_file_is_named_and_the_others_still_classified() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.eml");
    std::fs::write(&good, REQUEST).unwrap();
    let missing = dir.path().join("missing.eml");
    let out = classify(
        &["--json", missing.to_str().unwrap(), good.to_str().unwrap()],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("missing.eml"), "{stderr}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().count(),
        1,
        "the good file is still classified"
    );
}

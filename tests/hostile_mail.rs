//! Bad input never stops the daemon: broken MIME, a huge attachment, thousands of References,
//! binary garbage and odd charsets are recorded (for review where they could not be read) and the
//! pass goes on to the real request behind them. Parsing and classifying arbitrary bytes never
//! panics.

#[path = "support/app.rs"]
mod app;
#[path = "support/mail_servers.rs"]
mod mail_servers;

use app::{App, BUSINESS, BUSINESS_PASSWORD};
use gdpr_inbox::classify::classify;
use gdpr_inbox::message::Message;
use mail_servers::MailServers;
use proptest::prelude::*;

fn hostile_mails() -> Vec<Vec<u8>> {
    let mut mails: Vec<Vec<u8>> = Vec::new();
    // Broken MIME: a boundary that never closes, a part without headers, a bad transfer encoding.
    mails.push(
        b"From: a@example.dk\r\nSubject: broken\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"X\"\r\n\r\n\
          --X\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not base64!!!\r\n--X\r\n\r\n--Y--\r\n"
            .to_vec(),
    );
    // A 6 MB attachment (read only partially).
    let mut huge = b"From: big@example.dk\r\nSubject: scan\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n\
        --B\r\nContent-Type: text/plain\r\n\r\nSee attachment.\r\n--B\r\nContent-Type: application/octet-stream\r\n\
        Content-Transfer-Encoding: base64\r\n\r\n"
        .to_vec();
    let line = [b'A'; 76];
    for _ in 0..(6 * 1024 * 1024 / 78) {
        huge.extend_from_slice(&line);
        huge.extend_from_slice(b"\r\n");
    }
    huge.extend_from_slice(b"--B--\r\n");
    mails.push(huge);
    // Thousands of References and a very long subject.
    let mut refs = String::from("From: refs@example.dk\r\nSubject: ");
    refs.push_str(&"x".repeat(20_000));
    refs.push_str("\r\nReferences:");
    for i in 0..5000 {
        refs.push_str(&format!(" <r{i}@example.dk>"));
    }
    refs.push_str("\r\n\r\nhej\r\n");
    mails.push(refs.into_bytes());
    // An unknown charset and 8-bit garbage in headers.
    mails.push(b"From: \xff\xfe <odd@example.dk>\r\nSubject: =?x-klingon?B?AAAA?=\r\nContent-Type: text/plain; charset=x-klingon\r\n\r\n\xc3\x28\xa0\xa1 slet\r\n".to_vec());
    // No headers at all, only binary.
    mails.push(vec![
        0u8, 159, 146, 150, b'\r', b'\n', b'\r', b'\n', 0, 1, 2,
    ]);
    mails
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pass_survives_hostile_mail_and_still_opens_the_real_request() {
    let servers = MailServers::start().await.unwrap();
    let app = App::new(&servers);
    let mut session = servers
        .imap_login(BUSINESS, BUSINESS_PASSWORD)
        .await
        .unwrap();
    let hostile = hostile_mails();
    for raw in &hostile {
        session.append("INBOX", None, None, raw).await.unwrap();
    }
    let request = format!(
        "From: Anna <anna@example.dk>\r\nTo: {BUSINESS}\r\nSubject: Sletning\r\nMessage-ID: <real@example.dk>\r\n\r\n\
         Hej, I bedes slette alle mine oplysninger.\r\n"
    );
    session
        .append("INBOX", None, None, request.as_bytes())
        .await
        .unwrap();
    session.logout().await.unwrap();

    let out = app.run(&["run", "--once"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let cases = app.json(&["cases", "--json"]);
    assert_eq!(cases.len(), 1, "{cases:?}");
    assert_eq!(cases[0]["requester"], "anna@example.dk");
    assert_eq!(cases[0]["kinds"], serde_json::json!(["erasure"]));

    // Every message was recorded once, and a second pass reads nothing again.
    let db = gdpr_inbox::storage::Db::open(&app.database())
        .await
        .unwrap();
    let recorded = gdpr_inbox::storage::messages::count(&mut db.conn().await.unwrap())
        .await
        .unwrap();
    db.close().await;
    assert_eq!(
        recorded as usize,
        hostile.len() + 1,
        "every hostile mail and the request, once each"
    );
    app.ok(&["run", "--once"]);
    let listing = app.ok(&["cases"]);
    assert!(listing.contains("GDPR-"), "{listing}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(raw in proptest::collection::vec(any::<u8>(), 0..2048)) {
        if let Ok(msg) = Message::parse(&raw) {
            let _ = classify(&msg);
        }
    }

    #[test]
    fn mangled_real_mail_never_panics(flips in proptest::collection::vec((0usize..4096, any::<u8>()), 0..40), cut in 0usize..4096) {
        let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");
        let mut files: Vec<_> = std::fs::read_dir(corpus).unwrap().filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "eml")).collect();
        files.sort();
        let file = &files[cut % files.len()];
        let mut raw = std::fs::read(file).unwrap();
        for (at, byte) in flips {
            if !raw.is_empty() {
                let i = at % raw.len();
                raw[i] = byte;
            }
        }
        raw.truncate(cut.max(1).min(raw.len()));
        if let Ok(msg) = Message::parse(&raw) {
            let _ = classify(&msg);
        }
    }
}

/// Negations at the very start of the text once underflowed an index (debug builds panicked).
#[test]
fn texts_that_open_with_a_negation_or_a_lone_word_never_panic() {
    for body in [
        "ikke",
        "Ikke slet",
        "Inte radera",
        "Nicht löschen",
        "not delete",
        "Nej",
        "ikkje",
        "slet",
        "delete",
        ".",
        "ikke ikke ikke",
        "kan I ikke",
        "I ikke slette",
    ] {
        for subject in ["", "ikke", "Re: ikke"] {
            let raw = format!("From: a@b.dk\r\nSubject: {subject}\r\n\r\n{body}\r\n");
            let msg = Message::parse(raw.as_bytes()).unwrap();
            let _ = classify(&msg);
        }
    }
}

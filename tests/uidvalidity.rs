//! A mailbox whose UIDVALIDITY changes (restored backup, server migration) is read again from the
//! start, and messages already known by Message-ID do not open cases or drafts twice.

#[path = "support/app.rs"]
mod app;
#[path = "support/mail_servers.rs"]
mod mail_servers;

use std::process::Command;

use app::{deliver_to_business, App, BUSINESS};
use mail_servers::MailServers;

fn request(from: &str, message_id: &str) -> Vec<u8> {
    format!(
        "From: {from}\r\nTo: {BUSINESS}\r\nSubject: Sletning\r\nMessage-ID: <{message_id}>\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\nHej, jeg vil gerne have jer til at slette mine oplysninger.\r\n"
    )
    .into_bytes()
}

async fn stored_uid_validity(app: &App) -> i64 {
    let db = gdpr_inbox::storage::Db::open(&app.database())
        .await
        .unwrap();
    let v: i64 =
        sqlx::query_scalar("SELECT uid_validity FROM mailbox_sync WHERE mailbox = 'INBOX'")
            .fetch_one(db.pool())
            .await
            .unwrap();
    db.close().await;
    v
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_changed_uidvalidity_resyncs_without_duplicating_cases() {
    let servers = MailServers::start().await.unwrap();
    let app = App::new(&servers);
    deliver_to_business(
        &servers,
        &request("a@example.dk", "first@example.dk"),
        "a@example.dk",
        1,
    )
    .await;
    app.ok(&["run", "--once"]);
    assert_eq!(app.json(&["cases", "--json"]).len(), 1);
    let old = stored_uid_validity(&app).await;

    // Give the mailbox a new UIDVALIDITY, as a restore or a server move would.
    let new = old + 1000;
    let status = Command::new("doveadm")
        .arg("-c")
        .arg(servers.dir().join("dovecot/dovecot.conf"))
        .args([
            "mailbox",
            "update",
            "-u",
            BUSINESS,
            "--uid-validity",
            &new.to_string(),
            "INBOX",
        ])
        .status()
        .expect("run doveadm");
    assert!(status.success(), "doveadm mailbox update failed");

    deliver_to_business(
        &servers,
        &request("b@example.dk", "second@example.dk"),
        "b@example.dk",
        2,
    )
    .await;
    app.ok(&["run", "--once"]);

    assert_eq!(stored_uid_validity(&app).await, new);
    let cases = app.json(&["cases", "--json"]);
    let requesters: Vec<&str> = cases
        .iter()
        .map(|c| c["requester"].as_str().unwrap())
        .collect();
    assert_eq!(cases.len(), 2, "one new case, no duplicate: {requesters:?}");
    assert!(requesters.contains(&"a@example.dk") && requesters.contains(&"b@example.dk"));
    assert_eq!(
        app.json(&["drafts", "--json"]).len(),
        2,
        "one draft per case"
    );
    let first = cases
        .iter()
        .find(|c| c["requester"] == "a@example.dk")
        .unwrap();
    let shown = &app.json(&[
        "case",
        "show",
        first["reference"].as_str().unwrap(),
        "--json",
    ])[0];
    assert_eq!(shown["messages"].as_array().unwrap().len(), 1);
}

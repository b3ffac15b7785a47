//! `gdpr-inbox run` as a service: it notices new mail through IDLE (or by polling), comes back by
//! itself when the server drops the connection, stops cleanly on SIGTERM, and logs no personal
//! data at info level.

#[path = "support/app.rs"]
mod app;
#[path = "support/mail_servers.rs"]
mod mail_servers;

use std::time::Duration;

use app::{eventually, App, Daemon, BUSINESS, BUSINESS_PASSWORD};
use mail_servers::MailServers;

const WAIT: Duration = Duration::from_secs(20);

fn request(from: &str, message_id: &str) -> Vec<u8> {
    format!(
        "From: Mette Hansen <{from}>\r\nTo: {BUSINESS}\r\nSubject: Indsigt i mine oplysninger\r\nMessage-ID: <{message_id}>\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\nJeg vil gerne have indsigt i de oplysninger, I har om mig.\r\n"
    )
    .into_bytes()
}

async fn deliver(servers: &MailServers, raw: &[u8], count: u32) {
    servers
        .deliver(raw, "mette@example.dk", BUSINESS)
        .await
        .unwrap();
    servers
        .wait_for_messages(BUSINESS, BUSINESS_PASSWORD, "INBOX", count, WAIT)
        .await
        .unwrap();
}

fn with_imap(app: &App, setting: &str) {
    let text = std::fs::read_to_string(&app.config_path).unwrap();
    let text = text.replace("poll_interval = \"5s\"", setting);
    std::fs::write(&app.config_path, text).unwrap();
}

fn case_count(app: &App) -> usize {
    app.json(&["cases", "--json"]).len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn new_mail_is_seen_through_idle_and_sigterm_stops_cleanly() {
    let servers = MailServers::start().await.unwrap();
    let app = App::new(&servers);
    // A ten-minute poll: only IDLE can make the daemon notice the mail in time.
    with_imap(&app, "poll_interval = \"10m\"");
    let daemon = Daemon::start(&app);
    assert!(
        daemon.wait_for_log("watching for new mail", 1, WAIT).await,
        "{}",
        daemon.log()
    );
    assert!(daemon.log().contains("idle=true"), "{}", daemon.log());
    deliver(&servers, &request("mette@example.dk", "idle@example.dk"), 1).await;
    let opened = eventually(WAIT, || case_count(&app) == 1).await;
    let (status, log) = daemon.stop();
    assert!(opened, "the running daemon opened no case; log:\n{log}");
    assert!(status.success(), "exit {status}; log:\n{log}");
    assert!(log.contains("shutting down"), "{log}");
    for private in ["Mette", "mette@example.dk", "Indsigt", "oplysninger"] {
        assert!(
            !log.contains(private),
            "{private:?} in the info log:\n{log}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_idle_the_daemon_polls() {
    let servers = MailServers::start().await.unwrap();
    let app = App::new(&servers);
    with_imap(&app, "poll_interval = \"5s\"\nidle = false");
    let daemon = Daemon::start(&app);
    assert!(
        daemon.wait_for_log("watching for new mail", 1, WAIT).await,
        "{}",
        daemon.log()
    );
    assert!(daemon.log().contains("idle=false"), "{}", daemon.log());
    deliver(&servers, &request("mette@example.dk", "poll@example.dk"), 1).await;
    let opened = eventually(WAIT, || case_count(&app) == 1).await;
    let (status, log) = daemon.stop();
    assert!(opened, "no case after a poll; log:\n{log}");
    assert!(status.success(), "{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_connection_is_re_established() {
    let servers = MailServers::start().await.unwrap();
    let app = App::new(&servers);
    with_imap(&app, "poll_interval = \"10m\"");
    let daemon = Daemon::start(&app);
    assert!(
        daemon.wait_for_log("watching for new mail", 1, WAIT).await,
        "{}",
        daemon.log()
    );

    // The server throws the daemon out (as a restart or a network hiccup would).
    let kicked = std::process::Command::new("doveadm")
        .arg("-c")
        .arg(servers.dir().join("dovecot/dovecot.conf"))
        .args(["kick", BUSINESS])
        .output()
        .expect("run doveadm kick");
    assert!(
        kicked.status.success(),
        "{}",
        String::from_utf8_lossy(&kicked.stderr)
    );
    assert!(
        daemon.wait_for_log("reconnecting", 1, WAIT).await,
        "{}",
        daemon.log()
    );
    assert!(
        daemon.wait_for_log("watching for new mail", 2, WAIT).await,
        "no reconnect: {}",
        daemon.log()
    );

    deliver(
        &servers,
        &request("mette@example.dk", "after-kick@example.dk"),
        1,
    )
    .await;
    let opened = eventually(WAIT, || case_count(&app) == 1).await;
    let (status, log) = daemon.stop();
    assert!(opened, "no case after reconnecting; log:\n{log}");
    assert!(status.success(), "{log}");
}

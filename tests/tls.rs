//! TLS to the mail servers: IMAPS, IMAP with STARTTLS and SMTP with STARTTLS against Dovecot and
//! Postfix holding a certificate from a private CA (`ca_file`); without that CA the connection is
//! refused with a message naming the server.

#[path = "support/app.rs"]
mod app;
#[path = "support/mail_servers.rs"]
mod mail_servers;

use std::time::Duration;

use app::{deliver_to_business, App, BUSINESS};
use mail_servers::{MailServers, Options};

async fn tls_servers() -> MailServers {
    MailServers::start_with(Options {
        tls: true,
        ..Options::default()
    })
    .await
    .expect("start Dovecot and Postfix with TLS")
}

/// Rewrite the app's plaintext server settings to `imap` / `smtp` TLS settings.
fn use_tls(app: &App, servers: &MailServers, imap: &str, smtp: &str) {
    let text = std::fs::read_to_string(&app.config_path).unwrap();
    let imap_plain = format!(
        "host = \"127.0.0.1\"\nport = {}\nsecurity = \"none\"",
        servers.imap_port()
    );
    let smtp_plain = format!(
        "host = \"127.0.0.1\"\nport = {}\nsecurity = \"none\"",
        servers.smtp_port()
    );
    assert!(
        text.contains(&imap_plain) && text.contains(&smtp_plain),
        "{text}"
    );
    let text = text.replace(&imap_plain, imap).replace(&smtp_plain, smtp);
    std::fs::write(&app.config_path, text).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imaps_and_smtp_starttls_with_a_private_ca() {
    let servers = tls_servers().await;
    let app = App::with_extra(&servers, "[policy]\nid_check = \"never\"\n");
    let ca = servers.ca_file().display().to_string();
    use_tls(
        &app,
        &servers,
        &format!(
            "host = \"localhost\"\nport = {}\nsecurity = \"tls\"\nca_file = \"{ca}\"",
            servers.imaps_port()
        ),
        &format!(
            "host = \"localhost\"\nport = {}\nsecurity = \"starttls\"\nca_file = \"{ca}\"",
            servers.smtp_port()
        ),
    );
    let out = app.run(&["check"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("ok    imap") && stdout.contains("ok    smtp"),
        "{stdout}"
    );

    servers.add_user("anna@example.dk", "pw").unwrap();
    let request = format!(
        "From: Anna <anna@example.dk>\r\nTo: {BUSINESS}\r\nSubject: Sletning\r\nMessage-ID: <tls@example.dk>\r\n\r\n\
         Hej, slet venligst alle mine oplysninger.\r\n"
    );
    deliver_to_business(&servers, request.as_bytes(), "anna@example.dk", 1).await;
    app.ok(&["run", "--once"]);
    let draft = app.json(&["drafts", "--json"])[0]["id"].to_string();
    app.ok(&["drafts", "approve", &draft]);
    app.ok(&["run", "--once"]);
    servers
        .wait_for_messages("anna@example.dk", "pw", "INBOX", 1, Duration::from_secs(20))
        .await
        .unwrap();
    let log = servers.postfix_log();
    let tls_sessions = log.matches("starttls=1").count();
    assert!(
        tls_sessions >= 2,
        "check and the reply went over STARTTLS:\n{log}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imap_starttls_works_and_an_unknown_ca_is_refused() {
    let servers = tls_servers().await;
    let app = App::new(&servers);
    let ca = servers.ca_file().display().to_string();
    use_tls(
        &app,
        &servers,
        &format!(
            "host = \"localhost\"\nport = {}\nsecurity = \"starttls\"\nca_file = \"{ca}\"",
            servers.imap_port()
        ),
        &format!(
            "host = \"127.0.0.1\"\nport = {}\nsecurity = \"none\"",
            servers.smtp_port()
        ),
    );
    app.ok(&["run", "--once"]);

    // Without the private CA the server's certificate is not trusted: one clear line, exit 1.
    let text = std::fs::read_to_string(&app.config_path).unwrap();
    std::fs::write(
        &app.config_path,
        text.replace(&format!("ca_file = \"{ca}\"\n"), ""),
    )
    .unwrap();
    let out = app.run(&["run", "--once"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("imap localhost:{}", servers.imap_port())),
        "{stderr}"
    );
    assert!(stderr.to_lowercase().contains("certificate"), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
}

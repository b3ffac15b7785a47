//! Smoke tests of the test mail servers (`tests/support/mail_servers.rs`): real Dovecot and
//! Postfix start, deliver over SMTP → LMTP → Maildir, offer what gdpr-inbox relies on (IDLE,
//! UIDPLUS, MOVE, SPECIAL-USE, the special-use folders), run side by side, and leave nothing
//! behind. As root (CI) the SMTP side is Postfix; otherwise the in-process relay.

#[path = "support/mail_servers.rs"]
mod mail_servers;

use std::net::TcpStream;
use std::time::{Duration, Instant};

use anyhow::{ensure, Context, Result};
use async_imap::types::NameAttribute;
use futures::TryStreamExt;
use mail_servers::{MailServers, SmtpBackend};

const WAIT: Duration = Duration::from_secs(15);

fn message(from: &str, to: &str, subject: &str) -> Vec<u8> {
    format!(
        "From: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <{subject}@example.test>\r\n\
         Date: Mon, 3 Mar 2025 10:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
         Hej,\r\n.a line starting with a dot\r\nvenlig hilsen\r\n"
    )
    .into_bytes()
}

/// The unfolded value of the first `Subject:` header.
fn subject(raw: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(raw);
    let head = text.split("\r\n\r\n").next()?;
    let mut lines = head.split("\r\n").peekable();
    while let Some(line) = lines.next() {
        if let Some(value) = line.strip_prefix("Subject:") {
            let mut value = value.trim().to_owned();
            while let Some(cont) = lines.next_if(|l| l.starts_with([' ', '\t'])) {
                value.push(' ');
                value.push_str(cont.trim());
            }
            return Some(value);
        }
    }
    None
}

fn port_closed(port: u16) -> bool {
    TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), Duration::from_millis(200)).is_err()
}

#[tokio::test]
async fn smtp_delivery_reaches_the_right_inboxes_and_teardown_leaves_nothing() -> Result<()> {
    let t = Instant::now();
    let servers = MailServers::start().await?;
    eprintln!(
        "started {:?} in {:?} (measured by caller: {:?}): imap {}, lmtp {}, smtp {}, dir {}",
        servers.smtp_backend(),
        servers.startup_time(),
        t.elapsed(),
        servers.imap_port(),
        servers.lmtp_port(),
        servers.smtp_port(),
        servers.dir().display()
    );
    if mail_servers_is_root() {
        assert_eq!(
            servers.smtp_backend(),
            SmtpBackend::Postfix,
            "as root the real Postfix must be used"
        );
    }
    assert_eq!(servers.host(), "127.0.0.1");

    servers.add_user("alice@calmo.dk", "alice-pw")?;
    servers.add_user("Bob@Example.ORG", "bob:pw with spaces & colons")?;

    let t = Instant::now();
    servers
        .deliver(
            &message("client@example.com", "alice@calmo.dk", "for-alice"),
            "client@example.com",
            "alice@calmo.dk",
        )
        .await?;
    servers
        .deliver(
            &message("other@example.com", "bob@example.org", "for-bob"),
            "other@example.com",
            "Bob@Example.org",
        )
        .await?;
    servers
        .wait_for_messages("alice@calmo.dk", "alice-pw", "INBOX", 1, WAIT)
        .await?;
    servers
        .wait_for_messages(
            "bob@example.org",
            "bob:pw with spaces & colons",
            "INBOX",
            1,
            WAIT,
        )
        .await?;
    eprintln!(
        "two SMTP deliveries visible over IMAP after {:?}",
        t.elapsed()
    );

    let alice = servers
        .fetch_all("alice@calmo.dk", "alice-pw", "INBOX")
        .await?;
    let bob = servers
        .fetch_all("BOB@example.org", "bob:pw with spaces & colons", "INBOX")
        .await?;
    assert_eq!(alice.len(), 1, "alice's INBOX");
    assert_eq!(bob.len(), 1, "bob's INBOX");
    assert_eq!(subject(&alice[0]).as_deref(), Some("for-alice"));
    assert_eq!(subject(&bob[0]).as_deref(), Some("for-bob"));
    let body = String::from_utf8_lossy(&alice[0]);
    assert!(
        body.contains("\r\n.a line starting with a dot\r\n"),
        "dot-stuffing must round-trip:\n{body}"
    );
    assert_eq!(
        servers
            .mailbox_count("alice@calmo.dk", "alice-pw", "Sent")
            .await?,
        0
    );
    assert!(
        servers.maildir("alice@calmo.dk").join("cur").is_dir()
            || servers.maildir("alice@calmo.dk").join("new").is_dir()
    );

    // What gdpr-inbox relies on.
    let mut session = servers.imap_login("alice@calmo.dk", "alice-pw").await?;
    let caps = session.capabilities().await?;
    for cap in [
        "IMAP4rev1",
        "IDLE",
        "UIDPLUS",
        "MOVE",
        "SPECIAL-USE",
        "CONDSTORE",
    ] {
        assert!(caps.has_str(cap), "capability {cap} missing");
    }
    let names: Vec<_> = session
        .list(Some(""), Some("*"))
        .await?
        .try_collect()
        .await?;
    for (mailbox, flag) in [
        ("Drafts", NameAttribute::Drafts),
        ("Sent", NameAttribute::Sent),
        ("Trash", NameAttribute::Trash),
        ("Junk", NameAttribute::Junk),
    ] {
        let name = names
            .iter()
            .find(|n| n.name() == mailbox)
            .with_context(|| format!("no {mailbox} in LIST"))?;
        assert!(
            name.attributes().contains(&flag),
            "{mailbox} lacks {flag:?}: {:?}",
            name.attributes()
        );
    }
    assert!(names.iter().any(|n| n.name() == "INBOX"));
    session.logout().await?;

    // A wrong password fails with a clear error, and does not slow down the next login
    // (Dovecot's per-IP auth penalty is off).
    let err = servers
        .imap_login("alice@calmo.dk", "wrong")
        .await
        .err()
        .context("wrong password accepted")?;
    assert!(format!("{err:#}").contains("login"), "{err:#}");
    let t = Instant::now();
    servers
        .imap_login("alice@calmo.dk", "alice-pw")
        .await?
        .logout()
        .await?;
    assert!(
        t.elapsed() < Duration::from_secs(1),
        "login after a failed one took {:?}",
        t.elapsed()
    );

    let (dir, ports) = (
        servers.dir().to_owned(),
        [
            servers.imap_port(),
            servers.lmtp_port(),
            servers.smtp_port(),
        ],
    );
    let t = Instant::now();
    drop(servers);
    eprintln!("teardown took {:?}", t.elapsed());
    for port in ports {
        assert!(port_closed(port), "port {port} still open after drop");
    }
    assert!(!dir.exists(), "{} still exists after drop", dir.display());
    Ok(())
}

#[tokio::test]
async fn two_instances_run_side_by_side() -> Result<()> {
    let t = Instant::now();
    let (a, b) = tokio::try_join!(MailServers::start(), MailServers::start())?;
    eprintln!(
        "two instances up in {:?} ({:?} and {:?} each)",
        t.elapsed(),
        a.startup_time(),
        b.startup_time()
    );
    let ports_a = [a.imap_port(), a.lmtp_port(), a.smtp_port()];
    let ports_b = [b.imap_port(), b.lmtp_port(), b.smtp_port()];
    ensure!(
        ports_a.iter().all(|p| !ports_b.contains(p)),
        "instances share a port: {ports_a:?} {ports_b:?}"
    );
    ensure!(a.dir() != b.dir());

    // The same address in both: each instance must only see its own message.
    for (servers, tag) in [(&a, "in-a"), (&b, "in-b")] {
        servers.add_user("info@calmo.dk", "pw")?;
        servers
            .deliver(
                &message("x@example.com", "info@calmo.dk", tag),
                "x@example.com",
                "info@calmo.dk",
            )
            .await?;
    }
    for (servers, tag) in [(&a, "in-a"), (&b, "in-b")] {
        servers
            .wait_for_messages("info@calmo.dk", "pw", "INBOX", 1, WAIT)
            .await?;
        let got = servers.fetch_all("info@calmo.dk", "pw", "INBOX").await?;
        assert_eq!(got.len(), 1);
        assert_eq!(subject(&got[0]).as_deref(), Some(tag));
    }
    let dirs = [a.dir().to_owned(), b.dir().to_owned()];
    let t = Instant::now();
    a.shutdown()?;
    // b keeps working while a is gone.
    assert!(port_closed(ports_a[0]));
    assert_eq!(b.mailbox_count("info@calmo.dk", "pw", "INBOX").await?, 1);
    b.shutdown()?;
    eprintln!("two teardowns took {:?}", t.elapsed());
    assert!(dirs.iter().all(|d| !d.exists()));
    assert!(ports_b.iter().all(|&p| port_closed(p)));
    Ok(())
}

#[tokio::test]
async fn lmtp_append_and_unicode_mailboxes() -> Result<()> {
    let servers = MailServers::start().await?;
    servers.add_user("info@calmo.dk", "pw")?;
    // Synchronous LMTP delivery: visible at once, no waiting.
    servers
        .deliver_lmtp(
            b"Subject: direct\n\nbare LF line ends\n",
            "",
            "info@calmo.dk",
        )
        .await?;
    assert_eq!(
        servers
            .mailbox_count("info@calmo.dk", "pw", "INBOX")
            .await?,
        1
    );
    // A +detail address lands in the same INBOX, over SMTP as well.
    servers
        .deliver(
            b"Subject: tagged\r\n\r\nx\r\n",
            "c@example.com",
            "Info+gdpr@calmo.dk",
        )
        .await?;
    servers
        .wait_for_messages("info@calmo.dk", "pw", "INBOX", 2, WAIT)
        .await?;
    assert!(!servers.maildir("info+gdpr@calmo.dk").exists());
    let tagged = servers
        .fetch_all("info@calmo.dk", "pw", "INBOX")
        .await?
        .remove(1);
    assert_eq!(subject(&tagged).as_deref(), Some("tagged"));
    let raw = &servers.fetch_all("info@calmo.dk", "pw", "INBOX").await?[0];
    assert_eq!(subject(raw).as_deref(), Some("direct"));
    assert!(
        raw.windows(2).any(|w| w == b"\r\n")
            && !raw.windows(2).any(|w| w[1] == b'\n' && w[0] != b'\r')
    );

    servers
        .append(
            "info@calmo.dk",
            "pw",
            "Drafts",
            &message("info@calmo.dk", "c@example.com", "draft"),
            Some("(\\Draft)"),
        )
        .await?;
    assert_eq!(
        servers
            .mailbox_count("info@calmo.dk", "pw", "Drafts")
            .await?,
        1
    );

    // A non-ASCII folder (the filing folder of the spec): modified UTF-7 on the wire.
    assert_eq!(mail_servers::imap_utf7("Journalført"), "Journalf&APg-rt");
    assert_eq!(mail_servers::imap_utf7("A&B"), "A&-B");
    let mut session = servers.imap_login("info@calmo.dk", "pw").await?;
    session
        .create(mail_servers::imap_utf7("Journalført"))
        .await?;
    session.logout().await?;
    assert_eq!(
        servers
            .mailbox_count("info@calmo.dk", "pw", "Journalført")
            .await?,
        0
    );
    servers
        .append(
            "info@calmo.dk",
            "pw",
            "Journalført",
            b"Subject: filed\r\n\r\nx\r\n",
            None,
        )
        .await?;
    assert_eq!(
        servers
            .fetch_all("info@calmo.dk", "pw", "Journalført")
            .await?
            .len(),
        1
    );
    // A missing mailbox counts as empty while waiting, and the timeout error says so.
    let err = servers
        .wait_for_messages("info@calmo.dk", "pw", "Nope", 1, Duration::from_millis(100))
        .await
        .unwrap_err();
    assert!(format!("{err:#}").contains("does not exist"), "{err:#}");
    // Users: one added after a failed login as that very user, and right after another
    // user's login, can log in at once; a replaced password (same length, within the same
    // second as a login) takes effect when add_user returns.
    assert!(servers.imap_login("new@calmo.dk", "new").await.is_err());
    servers.add_user("new@calmo.dk", "new")?;
    servers
        .imap_login("new@calmo.dk", "new")
        .await?
        .logout()
        .await?;
    servers
        .imap_login("info@calmo.dk", "pw")
        .await?
        .logout()
        .await?;
    servers.add_user("info@calmo.dk", "PW")?;
    assert!(servers.imap_login("info@calmo.dk", "pw").await.is_err());
    servers
        .imap_login("info@calmo.dk", "PW")
        .await?
        .logout()
        .await?;
    servers.shutdown()?;
    Ok(())
}

fn mail_servers_is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self")
        .map(|m| m.uid() == 0)
        .unwrap_or(false)
}

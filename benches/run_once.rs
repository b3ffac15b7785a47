//! How long `gdpr-inbox run --once` takes on a mailbox of 1,000 messages, against a real Dovecot
//! (started privately, as in the tests), next to a reference client — Python's imaplib fetching
//! the same 1,000 messages with BODY.PEEK[] — measured in the same run.
//!
//! `cargo bench --bench run_once` (needs the packages of scripts/install-test-deps.sh and
//! python3). Prints figures; asserts nothing about time.

#[path = "../tests/support/app.rs"]
mod app;
#[path = "../tests/support/mail_servers.rs"]
mod mail_servers;

use std::process::Command;
use std::time::{Duration, Instant};

use app::{App, BUSINESS, BUSINESS_PASSWORD};
use mail_servers::MailServers;

const MESSAGES: usize = 1000;

/// Realistic traffic: mostly bookings and chatter, some newsletters and auto-replies, one in ten
/// a request (from distinct senders, so each opens a case and a draft).
fn message(i: usize) -> String {
    let (from, subject, headers, body) = match i % 10 {
        0 => (format!("client{i}@example.dk"), "Mine oplysninger".to_string(), String::new(),
              "Hej\r\n\r\nJeg vil gerne have indsigt i de oplysninger, I har om mig.\r\n\r\nVenlig hilsen\r\nKlient\r\n".to_string()),
        1 => ("news@supplier.example".to_string(), format!("Nyhedsbrev nr. {i}"),
              "List-Unsubscribe: <mailto:u@supplier.example>\r\nPrecedence: bulk\r\n".to_string(),
              "Nyt fra os denne måned: kurser, tilbud og nyheder.\r\n".repeat(20)),
        2 => (format!("away{i}@example.se"), "Frånvaro: Re: Tid".to_string(), "Auto-Submitted: auto-replied\r\n".to_string(),
              "Jag är på semester till och med måndag.\r\n".to_string()),
        _ => (format!("client{}@example.dk", i % 97), format!("Tid næste uge? ({i})"), String::new(),
              format!("Hej Lone\r\n\r\nHar du en tid tirsdag eller onsdag? Jeg kan efter kl. 14.\r\n\r\n> Den {i}. skrev du:\r\n> Tak for sidst.\r\n\r\nMvh\r\n")),
    };
    format!(
        "From: {from}\r\nTo: {BUSINESS}\r\nSubject: {subject}\r\nMessage-ID: <bench-{i}@example.org>\r\n\
         Date: Mon, 16 Nov 2026 09:00:00 +0100\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\
         Content-Transfer-Encoding: 8bit\r\n{headers}\r\n{body}"
    )
}

fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

const IMAPLIB_REFERENCE: &str = r#"
import imaplib, sys, time
host, port, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
start = time.perf_counter()
imap = imaplib.IMAP4(host, port)
imap.login(user, password)
imap.select("INBOX")
typ, data = imap.uid("FETCH", "1:*", "(UID INTERNALDATE RFC822.SIZE BODY.PEEK[])")
count = sum(1 for part in data if isinstance(part, tuple))
imap.logout()
print(count, time.perf_counter() - start)
"#;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let servers = MailServers::start().await?;
    let app = App::with_extra(&servers, "[policy]\nid_check = \"always\"\n");
    let mut session = servers.imap_login(BUSINESS, BUSINESS_PASSWORD).await?;
    let (_, fill) = {
        let start = Instant::now();
        for i in 0..MESSAGES {
            session
                .append("INBOX", None, None, message(i).as_bytes())
                .await?;
        }
        ((), start.elapsed())
    };
    session.logout().await?;
    println!(
        "mailbox: {MESSAGES} messages appended in {:.2} s",
        fill.as_secs_f64()
    );

    let (out, first) = time(|| app.run(&["run", "--once"]));
    anyhow::ensure!(
        out.status.success(),
        "run --once failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cases = app.json(&["cases", "--json"]).len();
    let drafts = app.json(&["drafts", "--json"]).len();
    let (_, second) = time(|| app.run(&["run", "--once"]));

    let reference = Command::new("python3")
        .args([
            "-c",
            IMAPLIB_REFERENCE,
            servers.host(),
            &servers.imap_port().to_string(),
            BUSINESS,
            BUSINESS_PASSWORD,
        ])
        .output()?;
    let reference_text = String::from_utf8_lossy(&reference.stdout);
    let mut fields = reference_text.split_whitespace();
    let fetched: usize = fields.next().and_then(|n| n.parse().ok()).unwrap_or(0);
    let imaplib_secs: f64 = fields
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(f64::NAN);

    println!("run --once, first pass over {MESSAGES} messages: {:.3} s ({cases} cases and {drafts} drafts opened)", first.as_secs_f64());
    println!(
        "run --once, nothing new:                        {:.3} s",
        second.as_secs_f64()
    );
    println!("reference: python imaplib fetching {fetched} bodies: {imaplib_secs:.3} s");
    println!(
        "ratio first pass / imaplib fetch: {:.1}x",
        first.as_secs_f64() / imaplib_secs
    );
    Ok(())
}

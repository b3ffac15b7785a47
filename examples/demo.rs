//! The demo: gdpr-inbox against a throwaway local Dovecot + Postfix seeded with sample mail.
//!
//! Starts private mail servers (tests/support), sends the mails in `examples/demo-mail/` to the
//! business inbox by SMTP, runs the real `gdpr-inbox` binary as a practitioner would (`run --once`,
//! `cases`, `drafts`, `drafts show`, `drafts approve`, `run --once`), prints what each command
//! shows, and finally the reply as it arrived in the client's mailbox. Everything is removed
//! afterwards. Run it with `scripts/demo.sh`.

#[path = "../tests/support/app.rs"]
mod app;
#[path = "../tests/support/mail_servers.rs"]
mod mail_servers;

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{bail, Context, Result};
use app::{App, BUSINESS, BUSINESS_PASSWORD};
use mail_servers::MailServers;

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/demo-mail");

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<()> {
    let binary = binary_path()?;
    let servers = MailServers::start()
        .await
        .context("starting the throwaway Dovecot and Postfix")?;
    let app = App::with_extra(
        &servers,
        r#"
[facts]
data_held = "navn, kontaktoplysninger, aftaler og journalnotater"
purposes = "behandling og journalføring"
retention = "journalnotater i 10 år efter sidste behandling; fakturaer i 5 år (bogføringsloven)"
processors = "vores bookingsystem"
"#,
    );
    banner(&format!(
        "Throwaway mail system: IMAP 127.0.0.1:{}, SMTP 127.0.0.1:{}; business inbox {BUSINESS}",
        servers.imap_port(),
        servers.smtp_port()
    ));

    let mut samples: Vec<PathBuf> = std::fs::read_dir(SAMPLES)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .collect();
    samples.sort();
    for path in &samples {
        let raw = std::fs::read(path)?;
        let from = gdpr_inbox::message::Message::parse(&raw)?
            .sender_address()
            .unwrap_or("demo@example.org")
            .to_string();
        servers.add_user(&from, "demo")?; // so the demo can look into the client's mailbox at the end
        servers.deliver(&raw, &from, BUSINESS).await?;
        println!(
            "  sent {} from {from}",
            path.file_name().unwrap_or_default().to_string_lossy()
        );
    }
    servers
        .wait_for_messages(
            BUSINESS,
            BUSINESS_PASSWORD,
            "INBOX",
            samples.len() as u32,
            Duration::from_secs(30),
        )
        .await?;

    for path in &samples {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        run(
            &binary,
            &app.config_path,
            &["classify", &format!("examples/demo-mail/{name}")],
        )?;
    }
    run(&binary, &app.config_path, &["run", "--once"])?;
    run(&binary, &app.config_path, &["cases"])?;
    run(&binary, &app.config_path, &["drafts"])?;

    let drafts = app.json(&["drafts", "--json"]);
    for draft in &drafts {
        let id = draft["id"].to_string();
        run(&binary, &app.config_path, &["drafts", "show", &id])?;
    }
    let Some(first) = drafts.first() else {
        bail!("the demo mail produced no drafts");
    };
    let id = first["id"].to_string();
    let client = first["to"].as_str().unwrap_or_default().to_string();
    run(&binary, &app.config_path, &["drafts", "approve", &id])?;
    run(&binary, &app.config_path, &["run", "--once"])?;

    servers
        .wait_for_messages(&client, "demo", "INBOX", 1, Duration::from_secs(30))
        .await?;
    let raw = servers.fetch_all(&client, "demo", "INBOX").await?;
    let reply = gdpr_inbox::message::Message::parse(&raw[0])?;
    banner(&format!("The client's mailbox ({client}) received:"));
    println!("  Subject:     {}", reply.subject);
    println!("  In-Reply-To: <{}>", reply.in_reply_to.join("> <"));
    println!(
        "  Message-ID:  <{}>",
        reply.message_id.as_deref().unwrap_or_default()
    );
    let sent = servers
        .mailbox_count(BUSINESS, BUSINESS_PASSWORD, "Sent")
        .await?;
    println!("  and the business's Sent folder holds {sent} copy.");
    banner("Done; the throwaway servers and files are removed.");
    Ok(())
}

/// The `gdpr-inbox` binary built beside this example.
fn binary_path() -> Result<PathBuf> {
    let binary = app::binary_path();
    if !binary.exists() {
        bail!(
            "{} is missing; build it first: cargo build --bin gdpr-inbox",
            binary.display()
        );
    }
    Ok(binary)
}

fn banner(text: &str) {
    println!("\n=== {text}");
}

/// Run one command as the practitioner would, echoing it and its output.
fn run(binary: &Path, config: &Path, args: &[&str]) -> Result<()> {
    banner(&format!("$ gdpr-inbox {}", args.join(" ")));
    let out = std::process::Command::new(binary)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("--config")
        .arg(config)
        .args(args)
        .env("GDPR_INBOX_LOG", "warn")
        .output()?;
    print!("{}", String::from_utf8_lossy(&out.stdout));
    eprint!("{}", String::from_utf8_lossy(&out.stderr));
    if !out.status.success() {
        bail!("gdpr-inbox {} failed with {}", args.join(" "), out.status);
    }
    Ok(())
}

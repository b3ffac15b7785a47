//! `gdpr-inbox check`: the config (already validated on load), the templates, the database, the
//! IMAP login with the server's capabilities and special folders, and the SMTP login. Prints one
//! line per check; exits 1 if any failed.

use crate::config::Config;
use crate::domain::RequestKind;
use crate::mail::imap::{Imap, SpecialUse};
use crate::mail::smtp::Smtp;
use crate::replies::{sample_context, Templates};
use crate::storage::Db;

use super::{Failure, Outcome};

pub async fn run(config: Config) -> Outcome {
    let mut failed = 0;
    let mut report = |name: &str, result: Result<String, String>| match result {
        Ok(detail) => println!("ok    {name}: {detail}"),
        Err(e) => {
            failed += 1;
            println!("FAIL  {name}: {e}");
        }
    };
    report("config", Ok(config.path.display().to_string()));
    report("templates", check_templates());
    report("database", check_database(&config).await);
    report("imap", check_imap(&config).await);
    report("smtp", check_smtp(&config).await);
    if failed > 0 {
        return Err(Failure::Runtime(anyhow::anyhow!(
            "{failed} check(s) failed"
        )));
    }
    Ok(())
}

fn check_templates() -> Result<String, String> {
    let templates = Templates::builtin();
    let count = templates
        .check_all(&sample_context(RequestKind::ALL.to_vec()))
        .map_err(|e| e.to_string())?;
    Ok(format!("{count} templates render"))
}

async fn check_database(config: &Config) -> Result<String, String> {
    let db = Db::open(&config.storage.database)
        .await
        .map_err(|e| e.to_string())?;
    db.close().await;
    Ok(format!("{} (migrated)", config.storage.database.display()))
}

async fn check_imap(config: &Config) -> Result<String, String> {
    let mut imap = Imap::connect(&config.imap)
        .await
        .map_err(|e| e.to_string())?;
    let caps = imap.capabilities();
    let selected = imap
        .select(&config.imap.mailbox)
        .await
        .map_err(|e| e.to_string())?;
    let mut folders = Vec::new();
    for (name, use_) in [
        ("Sent", SpecialUse::Sent),
        ("Drafts", SpecialUse::Drafts),
        ("Trash", SpecialUse::Trash),
    ] {
        let found = imap
            .special_use_folder(use_)
            .await
            .map_err(|e| e.to_string())?;
        folders.push(format!(
            "{name}={}",
            found.as_deref().unwrap_or("(not marked)")
        ));
    }
    imap.logout().await;
    let mut missing = Vec::new();
    if !caps.idle {
        missing.push("IDLE (will poll)");
    }
    if !caps.uidplus {
        missing.push("UIDPLUS");
    }
    if !caps.moves {
        missing.push("MOVE");
    }
    Ok(format!(
        "logged in; {} holds {} messages; {}; {}",
        config.imap.mailbox,
        selected.exists,
        folders.join(", "),
        if missing.is_empty() {
            "IDLE, UIDPLUS, MOVE supported".to_string()
        } else {
            format!("missing: {}", missing.join(", "))
        }
    ))
}

async fn check_smtp(config: &Config) -> Result<String, String> {
    let smtp = Smtp::new(&config.smtp).map_err(|e| e.to_string())?;
    smtp.test_connection().await.map_err(|e| e.to_string())?;
    Ok(format!("{}:{} answers", config.smtp.host, config.smtp.port))
}

//! `gdpr-inbox drafts [--json] [--all]` and `gdpr-inbox drafts show|edit|approve|reject DRAFT`.
//! Approval queues the reply in the outbox; the daemon sends it on its next pass.

use std::io::Write;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::config::Config;
use crate::daemon::drafting::{self, ApproveOutcome};
use crate::storage::drafts::DraftRow;
use crate::storage::{audit, cases as case_store, drafts, outbox, Db, StorageError};

use super::{actor, clock, print_json_line, Failure, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// One JSON object per draft, one per line.
    #[arg(long, global = true)]
    json: bool,
    /// Include approved, sent and rejected drafts.
    #[arg(long)]
    all: bool,
    #[command(subcommand)]
    action: Option<Action>,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// Print a draft in full.
    Show { draft: i64 },
    /// Replace a pending draft's text: from --file, else in $EDITOR.
    Edit {
        draft: i64,
        /// A file holding "Subject: …", a blank line, then the body.
        #[arg(long)]
        file: Option<PathBuf>,
    },
    /// Approve a draft: the daemon sends it on its next pass.
    Approve { draft: i64 },
    /// Reject a draft: it will never be sent.
    Reject { draft: i64 },
}

/// A draft as `drafts --json` prints it (documented in the README; keep stable).
#[derive(Debug, Serialize)]
struct DraftSummary<'a> {
    id: i64,
    case: String,
    purpose: &'a str,
    language: &'a str,
    to: &'a str,
    subject: &'a str,
    state: &'a str,
    /// queued | sending | sent | filed | unconfirmed | failed, once approved.
    delivery: Option<String>,
    delivery_error: Option<String>,
    created_at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<&'a str>,
}

pub async fn run(config: Config, args: Args) -> Outcome {
    let db = Db::open(&config.storage.database).await?;
    let now = clock()?.now();
    match args.action {
        None => list(&db, args.all, args.json).await,
        Some(Action::Show { draft }) => show(&db, draft, args.json).await,
        Some(Action::Edit { draft, file }) => edit(&db, draft, file, now).await,
        Some(Action::Approve { draft }) => approve(&config, &db, draft, now).await,
        Some(Action::Reject { draft }) => reject(&db, draft, now).await,
    }
}

async fn summarize<'a>(
    db: &Db,
    d: &'a DraftRow,
    with_body: bool,
) -> Result<DraftSummary<'a>, Failure> {
    let mut conn = db.conn().await?;
    let reference = case_store::get(&mut conn, d.case_id)
        .await?
        .map(|c| c.reference)
        .unwrap_or_default();
    let delivery = outbox::get_by_draft(&mut conn, d.id).await?;
    Ok(DraftSummary {
        id: d.id,
        case: reference,
        purpose: &d.purpose,
        language: &d.language,
        to: &d.to_address,
        subject: &d.subject,
        state: &d.state,
        delivery: delivery.as_ref().map(|o| o.state.clone()),
        delivery_error: delivery.and_then(|o| o.last_error),
        created_at: d.created_at,
        body: with_body.then_some(d.body.as_str()),
    })
}

async fn list(db: &Db, all: bool, json: bool) -> Outcome {
    let rows = {
        let mut conn = db.conn().await?;
        drafts::list(&mut conn, all).await?
    };
    let mut summaries = Vec::with_capacity(rows.len());
    for row in &rows {
        summaries.push(summarize(db, row, false).await?);
    }
    if json {
        for s in &summaries {
            print_json_line(s)?;
        }
        return Ok(());
    }
    if summaries.is_empty() {
        println!("No {}drafts.", if all { "" } else { "pending " });
        return Ok(());
    }
    for s in &summaries {
        let delivery = s
            .delivery
            .as_deref()
            .map(|d| format!(" ({d})"))
            .unwrap_or_default();
        println!(
            "#{:<4} {:<16} {:<14} {:<9}{delivery} {} — {}",
            s.id, s.case, s.purpose, s.state, s.to, s.subject
        );
    }
    println!("\n`gdpr-inbox drafts show N` to read one, `drafts approve N` to send it.");
    Ok(())
}

async fn get(db: &Db, id: i64) -> Result<DraftRow, Failure> {
    let mut conn = db.conn().await?;
    drafts::get(&mut conn, id).await?.ok_or_else(|| {
        Failure::Usage(format!(
            "no draft #{id}; `gdpr-inbox drafts --all` lists them"
        ))
    })
}

async fn show(db: &Db, id: i64, json: bool) -> Outcome {
    let draft = get(db, id).await?;
    let s = summarize(db, &draft, true).await?;
    if json {
        return print_json_line(&s);
    }
    println!(
        "Draft #{} for case {} ({}, {}, {})",
        s.id, s.case, s.purpose, s.language, s.state
    );
    if let Some(delivery) = &s.delivery {
        println!(
            "Delivery: {delivery}{}",
            s.delivery_error
                .as_deref()
                .map(|e| format!(" — {e}"))
                .unwrap_or_default()
        );
    }
    println!("To: {}", s.to);
    println!("Subject: {}\n", s.subject);
    print!("{}", draft.body);
    Ok(())
}

async fn edit(db: &Db, id: i64, file: Option<PathBuf>, now: DateTime<Utc>) -> Outcome {
    let draft = get(db, id).await?;
    if draft.state != "pending" {
        return Err(Failure::Usage(format!(
            "draft #{id} is {} and can no longer be edited",
            draft.state
        )));
    }
    let text = match file {
        Some(path) => std::fs::read_to_string(&path)
            .map_err(|e| Failure::Usage(format!("{}: {e}", path.display())))?,
        None => edit_in_editor(&draft)?,
    };
    let (subject, body) = parse_edited(&text).map_err(Failure::Usage)?;
    let mut tx = db.begin().await?;
    if !drafts::edit(&mut tx, id, &subject, &body).await? {
        return Err(Failure::Usage(format!(
            "draft #{id} was decided meanwhile and was not changed"
        )));
    }
    audit::record(
        &mut tx,
        audit::Event {
            at: now,
            actor: &actor(),
            action: "draft.edited",
            case_id: Some(draft.case_id),
            draft_id: Some(id),
            detail: String::new(),
        },
    )
    .await?;
    tx.commit().await.map_err(StorageError::from)?;
    println!("Draft #{id} updated.");
    Ok(())
}

fn edit_in_editor(draft: &DraftRow) -> Result<String, Failure> {
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .map_err(|_| Failure::Usage("set $EDITOR, or pass --file FILE".into()))?;
    let mut file = tempfile_in_private_dir()?;
    write!(file.1, "Subject: {}\n\n{}", draft.subject, draft.body)?;
    file.1.flush()?;
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(&file.0)
        .status()?;
    if !status.success() {
        return Err(Failure::Usage(format!(
            "the editor exited with {status}; the draft was not changed"
        )));
    }
    let text = std::fs::read_to_string(&file.0)?;
    let _ = std::fs::remove_file(&file.0);
    Ok(text)
}

/// A 0600 file for the editor (draft text is personal data).
fn tempfile_in_private_dir() -> Result<(PathBuf, std::fs::File), Failure> {
    use std::os::unix::fs::OpenOptionsExt;
    let path = std::env::temp_dir().join(format!("gdpr-inbox-draft-{}.txt", std::process::id()));
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&path)?;
    Ok((path, file))
}

/// "Subject: …", a blank line, the body.
fn parse_edited(text: &str) -> Result<(String, String), String> {
    let (first, body) = text.split_once('\n').unwrap_or((text, ""));
    let subject = first
        .strip_prefix("Subject:")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or("the edited text must start with a \"Subject: …\" line")?;
    let body = body.trim_start_matches(['\r', '\n']);
    if body.trim().is_empty() {
        return Err("the edited body is empty; the draft was not changed".into());
    }
    Ok((subject.to_string(), body.to_string()))
}

async fn approve(config: &Config, db: &Db, id: i64, now: DateTime<Utc>) -> Outcome {
    let mut tx = db.begin().await?;
    let outcome = drafting::approve(&mut tx, config, id, &actor(), None, now).await?;
    match outcome {
        ApproveOutcome::Queued { .. } => {
            tx.commit().await.map_err(StorageError::from)?;
            println!("Draft #{id} approved; the daemon sends it on its next pass.");
            Ok(())
        }
        ApproveOutcome::NotFound => Err(Failure::Usage(format!(
            "no draft #{id}; `gdpr-inbox drafts` lists them"
        ))),
        ApproveOutcome::Refused(reason) => Err(Failure::Usage(format!(
            "draft #{id} cannot be approved: {reason}"
        ))),
        ApproveOutcome::NotPending(state) => Err(Failure::Usage(format!(
            "draft #{id} is already {state}; nothing was changed"
        ))),
    }
}

async fn reject(db: &Db, id: i64, now: DateTime<Utc>) -> Outcome {
    let draft = get(db, id).await?;
    let who = actor();
    let mut tx = db.begin().await?;
    if !drafts::decide(&mut tx, id, "rejected", &who, now).await? {
        return Err(Failure::Usage(format!(
            "draft #{id} is already {}; nothing was changed",
            draft.state
        )));
    }
    audit::record(
        &mut tx,
        audit::Event {
            at: now,
            actor: &who,
            action: "draft.rejected",
            case_id: Some(draft.case_id),
            draft_id: Some(id),
            detail: String::new(),
        },
    )
    .await?;
    tx.commit().await.map_err(StorageError::from)?;
    println!("Draft #{id} rejected; it will not be sent.");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edited_text_needs_subject_and_body() {
        assert_eq!(
            parse_edited("Subject: Hej\n\nBody\n").unwrap(),
            ("Hej".to_string(), "Body\n".to_string())
        );
        assert!(parse_edited("Hej\n\nBody").is_err());
        assert!(parse_edited("Subject: \n\nBody").is_err());
        assert!(parse_edited("Subject: x\n\n  \n").is_err());
    }
}

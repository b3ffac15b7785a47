//! `gdpr-inbox cases [--json] [--all]` and `gdpr-inbox case show|verify|close CASE`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::cases::{kinds_from_text, CaseEvent, CaseState, Resolution};
use crate::config::Config;
use crate::daemon::drafting::{self, Thread};
use crate::domain::RequestKind;
use crate::replies::{Purpose, Templates};
use crate::storage::cases::CaseRow;
use crate::storage::{audit, cases as case_store, drafts, messages, Db};

use super::{actor, clock, print_json_line, Failure, Outcome};

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// One JSON object per case, one per line.
    #[arg(long)]
    json: bool,
    /// Include closed cases.
    #[arg(long)]
    all: bool,
}

#[derive(Debug, clap::Subcommand)]
pub enum CaseAction {
    /// Everything about one case: state, dates, messages, drafts, audit trail.
    Show {
        /// Case id or reference (GDPR-2026-0007).
        case: String,
        #[arg(long)]
        json: bool,
    },
    /// Record that the requester's identity was checked; the reply is then drafted.
    Verify {
        case: String,
        /// How identity was checked, e.g. "passport copy", "known client, video call".
        #[arg(long)]
        method: String,
    },
    /// Close a case: fulfilled, refused, withdrawn or unverified.
    Close {
        case: String,
        #[arg(long, value_parser = parse_resolution)]
        resolution: Resolution,
    },
}

fn parse_resolution(s: &str) -> Result<Resolution, String> {
    s.parse()
}

/// A case as `cases --json` prints it (documented in the README; keep stable).
#[derive(Debug, Serialize)]
pub struct CaseSummary {
    pub id: i64,
    pub reference: String,
    pub state: String,
    pub resolution: Option<String>,
    pub kinds: Vec<RequestKind>,
    pub language: String,
    pub requester: String,
    pub received_at: DateTime<Utc>,
    pub due: NaiveDate,
    pub days_left: i64,
    pub overdue: bool,
    pub reply_to_differs: bool,
    pub id_verified_at: Option<DateTime<Utc>>,
}

fn summary(config: &Config, row: &CaseRow, now: DateTime<Utc>) -> CaseSummary {
    let country = config.business.country;
    let due = crate::legal_clock::statutory_due(country, row.received_at)
        .map(|p| p.due)
        .unwrap_or(NaiveDate::MAX);
    let today = now.with_timezone(&country.time_zone()).date_naive();
    let days_left = (due - today).num_days();
    CaseSummary {
        id: row.id,
        reference: row.reference.clone(),
        state: row.state.clone(),
        resolution: row.resolution.clone(),
        kinds: kinds_from_text(&row.kinds),
        language: row.language.clone(),
        requester: row.requester.clone(),
        received_at: row.received_at,
        due,
        days_left,
        overdue: days_left < 0 && row.state != "closed",
        reply_to_differs: row.reply_to_differs,
        id_verified_at: row.id_verified_at,
    }
}

pub async fn list(config: Config, args: ListArgs) -> Outcome {
    let db = Db::open(&config.storage.database).await?;
    let now = clock()?.now();
    let mut conn = db.conn().await?;
    let mut cases: Vec<CaseSummary> = case_store::list(&mut conn, args.all)
        .await?
        .iter()
        .map(|row| summary(&config, row, now))
        .collect();
    // Most urgent first; closed cases last.
    cases.sort_by_key(|c| (c.state == "closed", c.due, c.id));
    if args.json {
        for case in &cases {
            print_json_line(case)?;
        }
        return Ok(());
    }
    if cases.is_empty() {
        println!("No {}cases.", if args.all { "" } else { "open " });
        return Ok(());
    }
    println!("{:<16} {:<12} {:<28} {:<11} {:>9}  REQUESTER", "CASE", "STATE", "KINDS", "DUE", "DAYS LEFT");
    for c in &cases {
        let kinds = c.kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(",");
        let left = if c.state == "closed" {
            "-".to_string()
        } else if c.overdue {
            format!("OVERDUE {}", -c.days_left)
        } else {
            c.days_left.to_string()
        };
        let flag = if c.reply_to_differs { "  (Reply-To differs!)" } else { "" };
        println!(
            "{:<16} {:<12} {:<28} {:<11} {:>9}  {}{flag}",
            c.reference, c.state, kinds, c.due, left, c.requester
        );
    }
    Ok(())
}

pub async fn act(config: Config, action: CaseAction) -> Outcome {
    let db = Db::open(&config.storage.database).await?;
    let now = clock()?.now();
    match action {
        CaseAction::Show { case, json } => show(&config, &db, &case, json, now).await,
        CaseAction::Verify { case, method } => verify(&config, &db, &case, &method, now).await,
        CaseAction::Close { case, resolution } => close(&db, &case, resolution, now).await,
    }
}

async fn find(db: &Db, key: &str) -> Result<CaseRow, Failure> {
    let mut conn = db.conn().await?;
    case_store::find(&mut conn, key)
        .await?
        .ok_or_else(|| Failure::Usage(format!("no case {key:?}; `gdpr-inbox cases --all` lists them")))
}

async fn show(config: &Config, db: &Db, key: &str, json: bool, now: DateTime<Utc>) -> Outcome {
    let case = find(db, key).await?;
    let mut conn = db.conn().await?;
    let messages = messages::for_case(&mut conn, case.id).await?;
    let drafts = drafts::for_case(&mut conn, case.id).await?;
    let events = audit::for_case(&mut conn, case.id).await?;
    let summary = summary(config, &case, now);
    if json {
        #[derive(Serialize)]
        struct Full<'a> {
            #[serde(flatten)]
            case: &'a CaseSummary,
            requester_name: &'a Option<String>,
            id_verified_by: &'a Option<String>,
            id_method: &'a Option<String>,
            messages: Vec<serde_json::Value>,
            drafts: Vec<serde_json::Value>,
            audit: &'a [audit::EventRow],
        }
        let messages = messages
            .iter()
            .map(|m| serde_json::json!({"id": m.id, "mailbox": m.mailbox, "uid": m.uid, "arrived_at": m.arrived_at, "subject": m.subject, "id_document": m.id_document}))
            .collect();
        let drafts = drafts
            .iter()
            .map(|d| serde_json::json!({"id": d.id, "purpose": d.purpose, "state": d.state, "subject": d.subject}))
            .collect();
        return print_json_line(&Full {
            case: &summary,
            requester_name: &case.requester_name,
            id_verified_by: &case.id_verified_by,
            id_method: &case.id_method,
            messages,
            drafts,
            audit: &events,
        });
    }
    println!("Case {} ({})", case.reference, case.state);
    println!("  kinds:      {}", case.kinds);
    println!("  requester:  {}{}", case.requester_name.as_deref().map(|n| format!("{n} ")).unwrap_or_default(), case.requester);
    if case.reply_to_differs {
        println!("  WARNING:    a message pointed replies to another address; replies go to the requester only");
    }
    println!("  received:   {}", case.received_at.format("%Y-%m-%d %H:%M UTC"));
    println!("  due:        {} ({} days left)", summary.due, summary.days_left);
    if let (Some(at), Some(by)) = (&case.id_verified_at, &case.id_verified_by) {
        println!("  ID checked: by {by} on {}, method {}", at.format("%Y-%m-%d"), case.id_method.as_deref().unwrap_or("-"));
    }
    println!("  messages:");
    for m in &messages {
        println!("    {} {} uid {}{}", m.arrived_at.format("%Y-%m-%d %H:%M"), m.mailbox, m.uid, if m.id_document { " (ID document)" } else { "" });
    }
    println!("  drafts:");
    for d in &drafts {
        println!("    #{} {} [{}] {}", d.id, d.purpose, d.state, d.subject);
    }
    println!("  audit:");
    for e in &events {
        println!("    {} {} {} {}", e.at.format("%Y-%m-%d %H:%M"), e.actor, e.action, e.detail);
    }
    Ok(())
}

async fn verify(config: &Config, db: &Db, key: &str, method: &str, now: DateTime<Utc>) -> Outcome {
    let case = find(db, key).await?;
    let state = case.state()?;
    let next = state
        .apply(CaseEvent::IdVerified)
        .map_err(|e| Failure::Usage(format!("case {}: {e}", case.reference)))?;
    let who = actor();
    let mut tx = db.begin().await?;
    case_store::record_id_verified(&mut tx, case.id, next, now, &who, method).await?;
    crate::storage::deadlines::resume(&mut tx, case.id, now).await?;
    audit::record(
        &mut tx,
        audit::Event {
            at: now,
            actor: &who,
            action: "case.id_verified",
            case_id: Some(case.id),
            draft_id: None,
            detail: format!("ID checked by {who}, method {method}"),
        },
    )
    .await?;
    let case = case_store::get(&mut tx, case.id).await?.unwrap_or(case);
    let thread = Thread {
        in_reply_to: case.opened_message_id.clone(),
        references: case.opened_message_id.iter().cloned().collect(),
    };
    let draft = drafting::draft(&mut tx, config, &Templates::builtin(), &case, Purpose::Reply, &thread, now).await?;
    tx.commit().await.map_err(crate::storage::StorageError::from)?;
    println!("Case {}: identity verified ({method}); reply drafted as draft #{draft}.", case.reference);
    Ok(())
}

async fn close(db: &Db, key: &str, resolution: Resolution, now: DateTime<Utc>) -> Outcome {
    let case = find(db, key).await?;
    let next = case
        .state()?
        .apply(CaseEvent::Close(resolution))
        .map_err(|e| Failure::Usage(format!("case {}: {e}", case.reference)))?;
    debug_assert_eq!(next, CaseState::Closed);
    let who = actor();
    let mut tx = db.begin().await?;
    case_store::close(&mut tx, case.id, resolution.as_str(), now).await?;
    audit::record(
        &mut tx,
        audit::Event {
            at: now,
            actor: &who,
            action: "case.closed",
            case_id: Some(case.id),
            draft_id: None,
            detail: resolution.as_str().to_string(),
        },
    )
    .await?;
    tx.commit().await.map_err(crate::storage::StorageError::from)?;
    println!("Case {} closed: {}.", case.reference, resolution.as_str());
    Ok(())
}

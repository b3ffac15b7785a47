//! `gdpr-inbox cases [--json] [--all]` and `gdpr-inbox case show|verify|close CASE`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::cases::{kinds_from_text, CaseEvent, CaseState, Resolution};
use crate::config::Config;
use crate::daemon::deadlines;
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
    /// Extend the deadline by two months (Art. 12(3)): drafts the notice to the requester; the
    /// extension takes effect when that notice is sent, which must be before the original due date.
    Extend {
        case: String,
        /// The reasons, told to the requester (in your own language).
        #[arg(long)]
        reason: String,
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
    /// The legal due date that applies now (suspensions counted, extension if notified).
    pub due: NaiveDate,
    /// One month from receipt (plus suspended days), rolled to a working day.
    pub original_due: NaiveDate,
    /// Three months from receipt, once the extension notice was sent.
    pub extended_due: Option<NaiveDate>,
    /// The clock is suspended now, awaiting the requester (dates are provisional).
    pub suspended: bool,
    pub suspended_days: u32,
    pub days_left: i64,
    pub overdue: bool,
    /// The earliest internal target not yet met.
    pub next_target: Option<TargetSummary>,
    pub reply_to_differs: bool,
    pub id_verified_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize)]
pub struct TargetSummary {
    pub name: String,
    pub within: String,
    pub due_at: DateTime<Utc>,
    pub days_left: i64,
    pub overdue: bool,
}

async fn summary(
    db: &Db,
    config: &Config,
    row: &CaseRow,
    now: DateTime<Utc>,
) -> Result<CaseSummary, Failure> {
    let mut conn = db.conn().await?;
    let status = deadlines::case_status(&mut conn, config, row, now).await?;
    let closed = row.state == "closed";
    Ok(CaseSummary {
        id: row.id,
        reference: row.reference.clone(),
        state: row.state.clone(),
        resolution: row.resolution.clone(),
        kinds: kinds_from_text(&row.kinds),
        language: row.language.clone(),
        requester: row.requester.clone(),
        received_at: row.received_at,
        due: status.legal_due,
        original_due: status.legal.original.due,
        extended_due: status.legal.extended.as_ref().map(|p| p.due),
        suspended: status.legal.suspended_now,
        suspended_days: status.legal.suspended_days,
        days_left: status.days_left,
        overdue: status.overdue && !closed,
        next_target: status
            .next_target
            .filter(|_| !closed)
            .map(|t| TargetSummary {
                name: t.name,
                within: t.within.to_string(),
                due_at: t.due_at,
                days_left: t.days_left,
                overdue: t.overdue,
            }),
        reply_to_differs: row.reply_to_differs,
        id_verified_at: row.id_verified_at,
    })
}

pub async fn list(config: Config, args: ListArgs) -> Outcome {
    let db = Db::open(&config.storage.database).await?;
    let now = clock()?.now();
    let rows = case_store::list(&mut *db.conn().await?, args.all).await?;
    let mut cases = Vec::with_capacity(rows.len());
    for row in &rows {
        cases.push(summary(&db, &config, row, now).await?);
    }
    // Most urgent first; closed cases last.
    cases.sort_by_key(|c| (c.state == "closed", c.due, c.id));
    if args.json {
        for case in &cases {
            print_json_line(case)?;
        }
        return Ok(());
    }
    let breaches = crate::storage::deadlines::breaches(&mut *db.conn().await?, false).await?;
    for breach in &breaches {
        println!(
            "{}",
            super::breach::human_line(&config, &super::breach::summary(breach, now)?)
        );
    }
    if !breaches.is_empty() {
        println!();
    }
    let review = messages::needing_review(&mut *db.conn().await?).await?;
    if !review.is_empty() {
        println!("Messages to review (a possible request, or mail that could not be read):");
        let tz = config.business.country.time_zone();
        for m in &review {
            let why = match (&m.parse_error, m.confidence) {
                (Some(error), _) => format!("unreadable: {error}"),
                (None, Some(c)) => format!(
                    "{} ({c:.2})",
                    if m.kinds.is_empty() {
                        "unclear"
                    } else {
                        &m.kinds
                    }
                ),
                (None, None) => "unclear".to_string(),
            };
            println!(
                "  {} {} uid {:<6} {:<32} {} — {why}",
                m.arrived_at.with_timezone(&tz).format("%Y-%m-%d %H:%M"),
                m.mailbox,
                m.uid,
                m.sender.as_deref().unwrap_or("-"),
                m.subject
            );
        }
        println!();
    }
    if cases.is_empty() {
        println!("No {}cases.", if args.all { "" } else { "open " });
        return Ok(());
    }
    println!(
        "{:<16} {:<12} {:<24} {:<11} {:>10}  {:<26} REQUESTER",
        "CASE", "STATE", "KINDS", "DUE", "DAYS LEFT", "NEXT TARGET"
    );
    for c in &cases {
        println!("{}", human_line(c));
    }
    Ok(())
}

fn human_line(c: &CaseSummary) -> String {
    let kinds = c
        .kinds
        .iter()
        .map(|k| k.as_str())
        .collect::<Vec<_>>()
        .join(",");
    let left = if c.state == "closed" {
        "-".to_string()
    } else if c.overdue {
        format!("OVERDUE {}", -c.days_left)
    } else {
        format!(
            "{}{}",
            c.days_left,
            if c.suspended { " (paused)" } else { "" }
        )
    };
    let target = match &c.next_target {
        Some(t) if t.overdue => format!("{} OVERDUE", t.name),
        Some(t) => format!("{} in {}d", t.name, t.days_left),
        None => "-".to_string(),
    };
    let extended = if c.extended_due.is_some() { "*" } else { "" };
    let flag = if c.reply_to_differs {
        "  (Reply-To differs!)"
    } else {
        ""
    };
    format!(
        "{:<16} {:<12} {:<24} {:<11} {:>10}  {:<26} {}{flag}",
        c.reference,
        c.state,
        kinds,
        format!("{}{extended}", c.due),
        left,
        target,
        c.requester
    )
}

pub async fn act(config: Config, action: CaseAction) -> Outcome {
    let db = Db::open(&config.storage.database).await?;
    let now = clock()?.now();
    match action {
        CaseAction::Show { case, json } => show(&config, &db, &case, json, now).await,
        CaseAction::Verify { case, method } => verify(&config, &db, &case, &method, now).await,
        CaseAction::Close { case, resolution } => close(&db, &case, resolution, now).await,
        CaseAction::Extend { case, reason } => extend(&config, &db, &case, &reason, now).await,
    }
}

async fn find(db: &Db, key: &str) -> Result<CaseRow, Failure> {
    let mut conn = db.conn().await?;
    case_store::find(&mut conn, key).await?.ok_or_else(|| {
        Failure::Usage(format!(
            "no case {key:?}; `gdpr-inbox cases --all` lists them"
        ))
    })
}

async fn show(config: &Config, db: &Db, key: &str, json: bool, now: DateTime<Utc>) -> Outcome {
    let case = find(db, key).await?;
    let mut conn = db.conn().await?;
    let messages = messages::for_case(&mut conn, case.id).await?;
    let drafts = drafts::for_case(&mut conn, case.id).await?;
    let events = audit::for_case(&mut conn, case.id).await?;
    let summary = summary(db, config, &case, now).await?;
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
    println!(
        "  requester:  {}{}",
        case.requester_name
            .as_deref()
            .map(|n| format!("{n} "))
            .unwrap_or_default(),
        case.requester
    );
    if case.reply_to_differs {
        println!("  WARNING:    a message pointed replies to another address; replies go to the requester only");
    }
    println!(
        "  received:   {}",
        case.received_at.format("%Y-%m-%d %H:%M UTC")
    );
    println!(
        "  due:        {} ({} days left{}{})",
        summary.due,
        summary.days_left,
        if summary.suspended {
            ", clock paused awaiting the requester"
        } else {
            ""
        },
        if summary.extended_due.is_some() {
            ", extended"
        } else {
            ""
        }
    );
    if let Some(t) = &summary.next_target {
        println!(
            "  target:     {} within {} by {}{}",
            t.name,
            t.within,
            t.due_at.format("%Y-%m-%d %H:%M UTC"),
            if t.overdue { " OVERDUE" } else { "" }
        );
    }
    if let (Some(at), Some(by)) = (&case.id_verified_at, &case.id_verified_by) {
        println!(
            "  ID checked: by {by} on {}, method {}",
            at.format("%Y-%m-%d"),
            case.id_method.as_deref().unwrap_or("-")
        );
    }
    println!("  messages:");
    for m in &messages {
        println!(
            "    {} {} uid {}{}",
            m.arrived_at.format("%Y-%m-%d %H:%M"),
            m.mailbox,
            m.uid,
            if m.id_document { " (ID document)" } else { "" }
        );
    }
    println!("  drafts:");
    for d in &drafts {
        println!("    #{} {} [{}] {}", d.id, d.purpose, d.state, d.subject);
    }
    println!("  audit:");
    for e in &events {
        println!(
            "    {} {} {} {}",
            e.at.format("%Y-%m-%d %H:%M"),
            e.actor,
            e.action,
            e.detail
        );
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
    deadlines::resume_clock(&mut tx, case.id, &who, now).await?;
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
    let thread = Thread::opening(&case);
    let draft = drafting::draft(
        &mut tx,
        config,
        &Templates::builtin(),
        &case,
        Purpose::Reply,
        &thread,
        now,
    )
    .await?;
    tx.commit()
        .await
        .map_err(crate::storage::StorageError::from)?;
    println!(
        "Case {}: identity verified ({method}); reply drafted as draft #{draft}.",
        case.reference
    );
    Ok(())
}

async fn extend(config: &Config, db: &Db, key: &str, reason: &str, now: DateTime<Utc>) -> Outcome {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Failure::Usage(
            "--reason must say why more time is needed; the requester is told".into(),
        ));
    }
    let case = find(db, key).await?;
    if case.state()?.is_closed() {
        return Err(Failure::Usage(format!("case {} is closed", case.reference)));
    }
    let mut tx = db.begin().await?;
    let clock = deadlines::case_clock(&mut tx, config, &case).await?;
    let extended = clock
        .check_extension(now, &config.deadlines.suspension_policy())
        .map_err(|e| Failure::Usage(format!("case {}: {e}", case.reference)))?;
    crate::storage::deadlines::set_extension_reason(&mut tx, case.id, reason).await?;
    let case = case_store::get(&mut tx, case.id).await?.unwrap_or(case);
    let thread = Thread::opening(&case);
    let draft = drafting::draft(
        &mut tx,
        config,
        &Templates::builtin(),
        &case,
        Purpose::Extension,
        &thread,
        now,
    )
    .await?;
    audit::record(
        &mut tx,
        audit::Event {
            at: now,
            actor: &actor(),
            action: "case.extension_drafted",
            case_id: Some(case.id),
            draft_id: Some(draft),
            detail: reason.to_string(),
        },
    )
    .await?;
    tx.commit()
        .await
        .map_err(crate::storage::StorageError::from)?;
    let new_due = extended
        .extended
        .map(|p| p.due.to_string())
        .unwrap_or_default();
    println!(
        "Case {}: extension notice drafted as draft #{draft}. Approve it before {} (the original due date); once it is sent the deadline is {new_due}.",
        case.reference, extended.original.due
    );
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
    tx.commit()
        .await
        .map_err(crate::storage::StorageError::from)?;
    println!("Case {} closed: {}.", case.reference, resolution.as_str());
    Ok(())
}

//! `gdpr-inbox breach open --description TEXT [--aware-at TIME]`, `breach close ID
//! [--notified-at TIME]`, `breach list [--all] [--json]`: the 72-hour clock of GDPR Art. 33,
//! counted in hours from when the business became aware, never moved to a working day.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::config::Config;
use crate::legal_clock::{breach_clock, ReceivedInput};
use crate::storage::deadlines::{self as store, BreachRow};
use crate::storage::{audit, Db, StorageError};

use super::{actor, clock, print_json_line, Failure, Outcome};

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Record a personal-data breach; the 72-hour notification clock starts at awareness.
    Open {
        /// What happened, in a line (no personal data needed).
        #[arg(long)]
        description: String,
        /// When the business became aware, local time (YYYY-MM-DDTHH:MM); default now.
        #[arg(long)]
        aware_at: Option<String>,
    },
    /// Record that the supervisory authority was notified.
    Close {
        id: i64,
        /// When the authority was notified, local time (YYYY-MM-DDTHH:MM); default now.
        #[arg(long)]
        notified_at: Option<String>,
    },
    /// List breaches not yet notified (--all: every breach).
    List {
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
}

/// A breach as `breach list --json` prints it (documented in the README; keep stable).
#[derive(Debug, Serialize)]
pub struct BreachSummary {
    pub id: i64,
    pub description: String,
    pub aware_at: DateTime<Utc>,
    pub notify_by: DateTime<Utc>,
    pub hours_left: i64,
    pub overdue: bool,
    pub notified_at: Option<DateTime<Utc>>,
}

pub fn summary(row: &BreachRow, now: DateTime<Utc>) -> Result<BreachSummary, Failure> {
    let clock = breach_clock(row.aware_at).map_err(|e| Failure::Runtime(e.into()))?;
    Ok(BreachSummary {
        id: row.id,
        description: row.description.clone(),
        aware_at: row.aware_at,
        notify_by: clock.notify_by,
        hours_left: clock.hours_left(now),
        overdue: row.notified_at.is_none() && clock.overdue(now),
        notified_at: row.notified_at,
    })
}

fn instant(
    config: &Config,
    text: Option<&str>,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>, Failure> {
    match text {
        None => Ok(now),
        Some(text) => ReceivedInput::parse(text)
            .and_then(|input| input.instant(config.business.country))
            .map_err(|e| Failure::Usage(e.to_string().replace("--received", "the time"))),
    }
}

pub async fn run(config: Config, action: Action) -> Outcome {
    let db = Db::open(&config.storage.database).await?;
    let now = clock()?.now();
    match action {
        Action::Open {
            description,
            aware_at,
        } => {
            if description.trim().is_empty() {
                return Err(Failure::Usage(
                    "--description must say what happened".into(),
                ));
            }
            let aware_at = instant(&config, aware_at.as_deref(), now)?;
            let mut tx = db.begin().await?;
            let id = store::open_breach(&mut tx, description.trim(), aware_at, now).await?;
            audit::record(
                &mut tx,
                audit::Event {
                    at: now,
                    actor: &actor(),
                    action: "breach.opened",
                    case_id: None,
                    draft_id: None,
                    detail: format!("breach #{id}, aware at {aware_at}"),
                },
            )
            .await?;
            tx.commit().await.map_err(StorageError::from)?;
            let row = store::breaches(&mut *db.conn().await?, true)
                .await?
                .into_iter()
                .find(|b| b.id == id);
            if let Some(row) = row {
                let s = summary(&row, now)?;
                println!(
                    "Breach #{id} recorded. Notify the supervisory authority by {} ({} hours left, Art. 33(1)).",
                    s.notify_by.with_timezone(&config.business.country.time_zone()).format("%Y-%m-%d %H:%M %Z"),
                    s.hours_left
                );
            }
            Ok(())
        }
        Action::Close { id, notified_at } => {
            let notified_at = instant(&config, notified_at.as_deref(), now)?;
            let mut tx = db.begin().await?;
            if !store::close_breach(&mut tx, id, notified_at).await? {
                return Err(Failure::Usage(format!(
                    "no open breach #{id}; `gdpr-inbox breach list --all` lists them"
                )));
            }
            audit::record(
                &mut tx,
                audit::Event {
                    at: now,
                    actor: &actor(),
                    action: "breach.notified",
                    case_id: None,
                    draft_id: None,
                    detail: format!("breach #{id}, authority notified at {notified_at}"),
                },
            )
            .await?;
            tx.commit().await.map_err(StorageError::from)?;
            println!("Breach #{id}: notification of the authority recorded.");
            Ok(())
        }
        Action::List { all, json } => {
            let rows = store::breaches(&mut *db.conn().await?, all).await?;
            for row in &rows {
                let s = summary(row, now)?;
                if json {
                    print_json_line(&s)?;
                } else {
                    println!("{}", human_line(&config, &s));
                }
            }
            if rows.is_empty() && !json {
                println!("No {}breaches.", if all { "" } else { "open " });
            }
            Ok(())
        }
    }
}

/// One line per breach, also used by `cases`.
pub fn human_line(config: &Config, s: &BreachSummary) -> String {
    let tz = config.business.country.time_zone();
    let state = match s.notified_at {
        Some(at) => format!(
            "notified {}",
            at.with_timezone(&tz).format("%Y-%m-%d %H:%M")
        ),
        None if s.overdue => format!("OVERDUE by {} h", -s.hours_left),
        None => format!("{} h left", s.hours_left),
    };
    format!(
        "breach #{:<4} notify by {}  {state}  {}",
        s.id,
        s.notify_by.with_timezone(&tz).format("%Y-%m-%d %H:%M %Z"),
        s.description
    )
}

//! Case records: metadata of each request and where it stands. No mail content.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Result, SqliteConnection, StorageError};
use crate::cases::{self, CaseState, OpenCase};

/// A case to open.
#[derive(Debug, Clone)]
pub struct NewCase<'a> {
    pub state: CaseState,
    pub kinds: String,
    pub language: &'a str,
    pub requester: &'a str,
    pub requester_name: Option<&'a str>,
    pub reply_to_differs: bool,
    pub received_at: DateTime<Utc>,
    pub opened_message_id: Option<&'a str>,
    pub created_at: DateTime<Utc>,
}

/// A stored case.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct CaseRow {
    pub id: i64,
    pub reference: String,
    pub state: String,
    pub resolution: Option<String>,
    pub kinds: String,
    pub language: String,
    pub requester: String,
    pub requester_name: Option<String>,
    pub reply_to_differs: bool,
    pub received_at: DateTime<Utc>,
    pub opened_message_id: Option<String>,
    pub id_verified_at: Option<DateTime<Utc>>,
    pub id_verified_by: Option<String>,
    pub id_method: Option<String>,
    pub extension_notice_at: Option<DateTime<Utc>>,
    pub extension_reason: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl CaseRow {
    pub fn state(&self) -> Result<CaseState> {
        self.state.parse().map_err(StorageError::Invalid)
    }
}

/// Open a case; returns its id and reference.
pub async fn insert(conn: &mut SqliteConnection, c: &NewCase<'_>) -> Result<(i64, String)> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO cases (reference, state, kinds, language, requester, requester_name,
             reply_to_differs, received_at, opened_message_id, created_at)
         VALUES ('', ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(c.state.as_str())
    .bind(&c.kinds)
    .bind(c.language)
    .bind(c.requester)
    .bind(c.requester_name)
    .bind(c.reply_to_differs)
    .bind(c.received_at)
    .bind(c.opened_message_id)
    .bind(c.created_at)
    .fetch_one(&mut *conn)
    .await?;
    let reference = cases::reference(id, c.received_at);
    sqlx::query("UPDATE cases SET reference = ? WHERE id = ?")
        .bind(&reference)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok((id, reference))
}

pub async fn get(conn: &mut SqliteConnection, id: i64) -> Result<Option<CaseRow>> {
    Ok(sqlx::query_as("SELECT * FROM cases WHERE id = ?")
        .bind(id)
        .fetch_optional(conn)
        .await?)
}

/// Find a case by id (`7`) or reference (`GDPR-2026-0007`).
pub async fn find(conn: &mut SqliteConnection, key: &str) -> Result<Option<CaseRow>> {
    Ok(sqlx::query_as(
        "SELECT * FROM cases WHERE reference = ? COLLATE NOCASE OR CAST(id AS TEXT) = ?",
    )
    .bind(key)
    .bind(key)
    .fetch_optional(conn)
    .await?)
}

/// Cases, newest first; closed ones only when `all`.
pub async fn list(conn: &mut SqliteConnection, all: bool) -> Result<Vec<CaseRow>> {
    let sql = if all {
        "SELECT * FROM cases ORDER BY received_at DESC, id DESC"
    } else {
        "SELECT * FROM cases WHERE state != 'closed' ORDER BY received_at DESC, id DESC"
    };
    Ok(sqlx::query_as(sql).fetch_all(conn).await?)
}

/// The open cases a new message could belong to: those whose messages or replies carry one of
/// `thread_ids`, and those opened by `sender`. Each comes with the thread ids it matched (not
/// every id it has), which is all routing needs — so intake stays O(1) queries per message.
pub async fn routing_candidates(
    conn: &mut SqliteConnection,
    sender: Option<&str>,
    thread_ids: &[&str],
) -> Result<Vec<OpenCase>> {
    let mut matched: Vec<(i64, String)> = Vec::new();
    for id in thread_ids {
        let cases: Vec<i64> = sqlx::query_scalar(
            "SELECT case_id FROM messages WHERE message_key = ?1 AND case_id IS NOT NULL
             UNION SELECT d.case_id FROM outbox o JOIN drafts d ON d.id = o.draft_id WHERE o.message_id = ?1",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
        matched.extend(cases.into_iter().map(|case| (case, id.to_string())));
    }
    let mut ids: Vec<i64> = matched.iter().map(|(case, _)| *case).collect();
    if let Some(sender) = sender {
        let by_sender: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM cases WHERE requester = ? COLLATE NOCASE AND state != 'closed'",
        )
        .bind(sender)
        .fetch_all(&mut *conn)
        .await?;
        ids.extend(by_sender);
    }
    ids.sort_unstable();
    ids.dedup();
    let mut open = Vec::with_capacity(ids.len());
    for id in ids {
        let Some(row) = get(&mut *conn, id).await? else {
            continue;
        };
        let state = row.state()?;
        if state.is_closed() {
            continue;
        }
        open.push(OpenCase {
            id: row.id,
            state,
            requester: row.requester.clone(),
            kinds: cases::kinds_from_text(&row.kinds),
            message_ids: matched
                .iter()
                .filter(|(case, _)| *case == id)
                .map(|(_, m)| m.clone())
                .collect(),
        });
    }
    Ok(open)
}

pub async fn set_state(conn: &mut SqliteConnection, id: i64, state: CaseState) -> Result<()> {
    sqlx::query("UPDATE cases SET state = ? WHERE id = ?")
        .bind(state.as_str())
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn set_kinds(conn: &mut SqliteConnection, id: i64, kinds: &str) -> Result<()> {
    sqlx::query("UPDATE cases SET kinds = ? WHERE id = ?")
        .bind(kinds)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn flag_reply_to(conn: &mut SqliteConnection, id: i64) -> Result<()> {
    sqlx::query("UPDATE cases SET reply_to_differs = 1 WHERE id = ?")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Record a successful identity check (only the fact, never the document: EDPB 01/2022 §79).
pub async fn record_id_verified(
    conn: &mut SqliteConnection,
    id: i64,
    state: CaseState,
    at: DateTime<Utc>,
    by: &str,
    method: &str,
) -> Result<()> {
    sqlx::query("UPDATE cases SET state = ?, id_verified_at = ?, id_verified_by = ?, id_method = ? WHERE id = ?")
        .bind(state.as_str())
        .bind(at)
        .bind(by)
        .bind(method)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn close(
    conn: &mut SqliteConnection,
    id: i64,
    resolution: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    sqlx::query("UPDATE cases SET state = 'closed', resolution = ?, closed_at = ? WHERE id = ?")
        .bind(resolution)
        .bind(at)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

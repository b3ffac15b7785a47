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
    Ok(sqlx::query_as("SELECT * FROM cases WHERE reference = ? COLLATE NOCASE OR CAST(id AS TEXT) = ?")
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

/// Open cases with every Message-ID that belongs to them (received mail and our replies), for
/// routing new mail.
pub async fn open_for_routing(conn: &mut SqliteConnection) -> Result<Vec<OpenCase>> {
    let rows = list(&mut *conn, false).await?;
    let mut open = Vec::with_capacity(rows.len());
    for row in rows {
        let message_ids: Vec<String> = sqlx::query_scalar(
            "SELECT message_key FROM messages WHERE case_id = ?1
             UNION SELECT o.message_id FROM outbox o JOIN drafts d ON d.id = o.draft_id WHERE d.case_id = ?1",
        )
        .bind(row.id)
        .fetch_all(&mut *conn)
        .await?;
        open.push(OpenCase {
            id: row.id,
            state: row.state()?,
            requester: row.requester.clone(),
            kinds: cases::kinds_from_text(&row.kinds),
            message_ids,
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

pub async fn close(conn: &mut SqliteConnection, id: i64, resolution: &str, at: DateTime<Utc>) -> Result<()> {
    sqlx::query("UPDATE cases SET state = 'closed', resolution = ?, closed_at = ? WHERE id = ?")
        .bind(resolution)
        .bind(at)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

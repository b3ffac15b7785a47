//! Drafted replies and their approval state. A draft is sent only after it is approved, and
//! then through the outbox, never from here.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Result, SqliteConnection};

/// A draft to store.
#[derive(Debug, Clone)]
pub struct NewDraft<'a> {
    pub case_id: i64,
    pub purpose: &'a str,
    pub language: &'a str,
    pub to_address: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub in_reply_to: Option<&'a str>,
    /// Space-separated Message-IDs without angle brackets.
    pub refs: String,
    pub created_at: DateTime<Utc>,
}

/// A stored draft.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct DraftRow {
    pub id: i64,
    pub case_id: i64,
    pub purpose: String,
    pub language: String,
    pub to_address: String,
    pub subject: String,
    pub body: String,
    pub in_reply_to: Option<String>,
    pub refs: String,
    pub state: String,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decided_by: Option<String>,
}

impl DraftRow {
    pub fn references(&self) -> Vec<String> {
        self.refs.split_whitespace().map(String::from).collect()
    }
}

pub async fn insert(conn: &mut SqliteConnection, d: &NewDraft<'_>) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO drafts (case_id, purpose, language, to_address, subject, body, in_reply_to, refs, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(d.case_id)
    .bind(d.purpose)
    .bind(d.language)
    .bind(d.to_address)
    .bind(d.subject)
    .bind(d.body)
    .bind(d.in_reply_to)
    .bind(&d.refs)
    .bind(d.created_at)
    .fetch_one(conn)
    .await?)
}

pub async fn get(conn: &mut SqliteConnection, id: i64) -> Result<Option<DraftRow>> {
    Ok(sqlx::query_as("SELECT * FROM drafts WHERE id = ?")
        .bind(id)
        .fetch_optional(conn)
        .await?)
}

/// Drafts, oldest first; only pending ones unless `all`.
pub async fn list(conn: &mut SqliteConnection, all: bool) -> Result<Vec<DraftRow>> {
    let sql = if all {
        "SELECT * FROM drafts ORDER BY id"
    } else {
        "SELECT * FROM drafts WHERE state = 'pending' ORDER BY id"
    };
    Ok(sqlx::query_as(sql).fetch_all(conn).await?)
}

pub async fn for_case(conn: &mut SqliteConnection, case_id: i64) -> Result<Vec<DraftRow>> {
    Ok(
        sqlx::query_as("SELECT * FROM drafts WHERE case_id = ? ORDER BY id")
            .bind(case_id)
            .fetch_all(conn)
            .await?,
    )
}

/// Move a pending draft to `state`; returns false when it was not pending (already decided).
pub async fn decide(
    conn: &mut SqliteConnection,
    id: i64,
    state: &str,
    by: &str,
    at: DateTime<Utc>,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE drafts SET state = ?, decided_by = ?, decided_at = ? WHERE id = ? AND state = 'pending'",
    )
    .bind(state)
    .bind(by)
    .bind(at)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn mark_sent(conn: &mut SqliteConnection, id: i64) -> Result<()> {
    sqlx::query("UPDATE drafts SET state = 'sent' WHERE id = ?")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Replace the text of a pending draft (`drafts edit`).
pub async fn edit(conn: &mut SqliteConnection, id: i64, subject: &str, body: &str) -> Result<bool> {
    let done =
        sqlx::query("UPDATE drafts SET subject = ?, body = ? WHERE id = ? AND state = 'pending'")
            .bind(subject)
            .bind(body)
            .bind(id)
            .execute(conn)
            .await?;
    Ok(done.rows_affected() == 1)
}

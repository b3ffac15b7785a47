//! The outbox: approved replies as the exact bytes to send, with a Message-ID fixed before the
//! first attempt. The states make sending exactly-once across crashes:
//!
//! `queued` → `sending` (committed before SMTP) → `sent` (committed after the server's 250) →
//! `filed` (copy appended to Sent). A row found in `sending` at start-up was interrupted: if Sent
//! holds its Message-ID it went out; otherwise it becomes `unconfirmed` and waits for a person,
//! because sending it again could send it twice.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Result, SqliteConnection};

/// An outbox row.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct OutboxRow {
    pub id: i64,
    /// `None` for a reminder digest to the practitioner.
    pub draft_id: Option<i64>,
    pub message_id: String,
    pub recipient: String,
    #[serde(skip)]
    pub raw: Vec<u8>,
    pub state: String,
    pub attempts: i64,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub queued_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub filed_at: Option<DateTime<Utc>>,
}

pub async fn enqueue(
    conn: &mut SqliteConnection,
    draft_id: Option<i64>,
    message_id: &str,
    recipient: &str,
    raw: &[u8],
    now: DateTime<Utc>,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO outbox (draft_id, message_id, recipient, raw, queued_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(draft_id)
    .bind(message_id)
    .bind(recipient)
    .bind(raw)
    .bind(now)
    .fetch_one(conn)
    .await?)
}

/// Rows in `state`, oldest first.
pub async fn in_state(conn: &mut SqliteConnection, state: &str) -> Result<Vec<OutboxRow>> {
    Ok(
        sqlx::query_as("SELECT * FROM outbox WHERE state = ? ORDER BY id")
            .bind(state)
            .fetch_all(conn)
            .await?,
    )
}

/// Queued rows whose next attempt is due.
pub async fn due(conn: &mut SqliteConnection, now: DateTime<Utc>) -> Result<Vec<OutboxRow>> {
    Ok(sqlx::query_as(
        "SELECT * FROM outbox WHERE state = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id",
    )
    .bind(now)
    .fetch_all(conn)
    .await?)
}

pub async fn get_by_draft(conn: &mut SqliteConnection, draft_id: i64) -> Result<Option<OutboxRow>> {
    Ok(sqlx::query_as("SELECT * FROM outbox WHERE draft_id = ?")
        .bind(draft_id)
        .fetch_optional(conn)
        .await?)
}

/// Move a row from one state to another; false when it was not in `from` (someone else moved it).
/// Entering `sending` counts an attempt; entering `sent` or `filed` records the time.
pub async fn transition(
    conn: &mut SqliteConnection,
    id: i64,
    from: &str,
    to: &str,
    now: DateTime<Utc>,
) -> Result<bool> {
    let sql = match to {
        "sending" => "UPDATE outbox SET state = ?1, attempts = attempts + 1, next_attempt_at = ?4 WHERE id = ?2 AND state = ?3",
        "sent" => "UPDATE outbox SET state = ?1, sent_at = ?4, last_error = NULL WHERE id = ?2 AND state = ?3",
        "filed" => "UPDATE outbox SET state = ?1, filed_at = ?4 WHERE id = ?2 AND state = ?3",
        _ => "UPDATE outbox SET state = ?1, next_attempt_at = ?4 WHERE id = ?2 AND state = ?3",
    };
    let done = sqlx::query(sql)
        .bind(to)
        .bind(id)
        .bind(from)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// A failed attempt: back to `queued` with the error and the time of the next attempt, or to
/// `failed` when the server refused the message for good.
pub async fn attempt_failed(
    conn: &mut SqliteConnection,
    id: i64,
    error: &str,
    next_attempt_at: Option<DateTime<Utc>>,
) -> Result<()> {
    let state = if next_attempt_at.is_some() {
        "queued"
    } else {
        "failed"
    };
    sqlx::query("UPDATE outbox SET state = ?, last_error = ?, next_attempt_at = ? WHERE id = ?")
        .bind(state)
        .bind(error)
        .bind(next_attempt_at)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

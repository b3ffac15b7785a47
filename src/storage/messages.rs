//! Messages the daemon has read: where they are (mailbox, UIDVALIDITY, UID), who sent them, how
//! they were classified and which case they belong to. Never their bodies.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Result, SqliteConnection};

/// A message to record.
#[derive(Debug, Clone)]
pub struct NewMessage<'a> {
    pub mailbox: &'a str,
    pub uid_validity: u32,
    pub uid: u32,
    pub message_key: &'a str,
    pub sender: Option<&'a str>,
    pub subject: &'a str,
    pub arrived_at: DateTime<Utc>,
    pub size: usize,
    pub kinds: String,
    pub automated: bool,
    pub id_document: bool,
    pub language: Option<&'a str>,
    pub confidence: Option<f32>,
    pub needs_review: bool,
    pub parse_error: Option<String>,
}

/// A recorded message.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct MessageRow {
    pub id: i64,
    pub mailbox: String,
    pub uid_validity: i64,
    pub uid: i64,
    pub message_key: String,
    pub sender: Option<String>,
    pub subject: String,
    pub arrived_at: DateTime<Utc>,
    pub size: i64,
    pub kinds: String,
    pub automated: bool,
    pub id_document: bool,
    pub language: Option<String>,
    pub confidence: Option<f64>,
    pub needs_review: bool,
    pub parse_error: Option<String>,
    pub case_id: Option<i64>,
    pub filed_at: Option<DateTime<Utc>>,
    pub deleted_at: Option<DateTime<Utc>>,
}

/// Outcome of [`upsert`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upsert {
    /// First time we see this message.
    Inserted(i64),
    /// Already known (e.g. after a UIDVALIDITY change): its location was updated, nothing else.
    Relocated(i64),
}

/// Record a message, or, when the same Message-ID is already known in this mailbox, only move
/// its recorded UID — so a UIDVALIDITY change never opens a case twice.
pub async fn upsert(conn: &mut SqliteConnection, m: &NewMessage<'_>) -> Result<Upsert> {
    let existing: Option<i64> =
        sqlx::query_scalar("SELECT id FROM messages WHERE mailbox = ? AND message_key = ?")
            .bind(m.mailbox)
            .bind(m.message_key)
            .fetch_optional(&mut *conn)
            .await?;
    if let Some(id) = existing {
        sqlx::query("UPDATE messages SET uid_validity = ?, uid = ? WHERE id = ?")
            .bind(i64::from(m.uid_validity))
            .bind(i64::from(m.uid))
            .bind(id)
            .execute(&mut *conn)
            .await?;
        return Ok(Upsert::Relocated(id));
    }
    let id = sqlx::query_scalar(
        "INSERT INTO messages (mailbox, uid_validity, uid, message_key, sender, subject, arrived_at,
             size, kinds, automated, id_document, language, confidence, needs_review, parse_error)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(m.mailbox)
    .bind(i64::from(m.uid_validity))
    .bind(i64::from(m.uid))
    .bind(m.message_key)
    .bind(m.sender)
    .bind(m.subject)
    .bind(m.arrived_at)
    .bind(m.size as i64)
    .bind(&m.kinds)
    .bind(m.automated)
    .bind(m.id_document)
    .bind(m.language)
    .bind(m.confidence)
    .bind(m.needs_review)
    .bind(&m.parse_error)
    .fetch_one(&mut *conn)
    .await?;
    Ok(Upsert::Inserted(id))
}

pub async fn set_case(conn: &mut SqliteConnection, message_id: i64, case_id: i64) -> Result<()> {
    sqlx::query("UPDATE messages SET case_id = ? WHERE id = ?")
        .bind(case_id)
        .bind(message_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Whether this address wrote to the business before `before` (for `id_check = "unknown_senders"`).
pub async fn sender_known_before(
    conn: &mut SqliteConnection,
    sender: &str,
    before: DateTime<Utc>,
) -> Result<bool> {
    let count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM messages WHERE sender = ? COLLATE NOCASE AND arrived_at < ? AND automated = 0",
    )
    .bind(sender)
    .bind(before)
    .fetch_one(conn)
    .await?;
    Ok(count > 0)
}

pub async fn for_case(conn: &mut SqliteConnection, case_id: i64) -> Result<Vec<MessageRow>> {
    Ok(
        sqlx::query_as("SELECT * FROM messages WHERE case_id = ? ORDER BY arrived_at, id")
            .bind(case_id)
            .fetch_all(conn)
            .await?,
    )
}

/// Messages with a request signal that no case took: the review list.
pub async fn needing_review(conn: &mut SqliteConnection) -> Result<Vec<MessageRow>> {
    Ok(sqlx::query_as(
        "SELECT * FROM messages WHERE needs_review = 1 AND case_id IS NULL ORDER BY arrived_at",
    )
    .fetch_all(conn)
    .await?)
}

pub async fn count(conn: &mut SqliteConnection) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM messages")
        .fetch_one(conn)
        .await?)
}

//! What the legal clock needs from storage: suspensions of a case's clock, when the first answer
//! went out, extensions, reminders already queued, and breaches.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Result, SqliteConnection};

/// A stored suspension.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SuspensionRow {
    pub id: i64,
    pub case_id: i64,
    pub reason: String,
    pub asked_at: DateTime<Utc>,
    pub resumed_at: Option<DateTime<Utc>>,
}

pub async fn suspensions(conn: &mut SqliteConnection, case_id: i64) -> Result<Vec<SuspensionRow>> {
    Ok(
        sqlx::query_as("SELECT * FROM suspensions WHERE case_id = ? ORDER BY asked_at, id")
            .bind(case_id)
            .fetch_all(conn)
            .await?,
    )
}

/// Start a suspension (the request for ID or clarification went out at `asked_at`).
pub async fn suspend(
    conn: &mut SqliteConnection,
    case_id: i64,
    reason: &str,
    asked_at: DateTime<Utc>,
) -> Result<()> {
    sqlx::query("INSERT INTO suspensions (case_id, reason, asked_at) VALUES (?, ?, ?)")
        .bind(case_id)
        .bind(reason)
        .bind(asked_at)
        .execute(conn)
        .await?;
    Ok(())
}

/// End every open suspension of the case; returns how many were open.
pub async fn resume(conn: &mut SqliteConnection, case_id: i64, at: DateTime<Utc>) -> Result<u64> {
    let done = sqlx::query(
        "UPDATE suspensions SET resumed_at = ? WHERE case_id = ? AND resumed_at IS NULL",
    )
    .bind(at)
    .bind(case_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// When the first message to the requester of this case was sent, if any.
pub async fn first_answer_at(
    conn: &mut SqliteConnection,
    case_id: i64,
) -> Result<Option<DateTime<Utc>>> {
    Ok(sqlx::query_scalar(
        "SELECT MIN(o.sent_at) FROM outbox o JOIN drafts d ON d.id = o.draft_id WHERE d.case_id = ? AND o.sent_at IS NOT NULL",
    )
    .bind(case_id)
    .fetch_one(conn)
    .await?)
}

pub async fn record_extension(
    conn: &mut SqliteConnection,
    case_id: i64,
    notice_at: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(
        "UPDATE cases SET extension_notice_at = ? WHERE id = ? AND extension_notice_at IS NULL",
    )
    .bind(notice_at)
    .bind(case_id)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_extension_reason(
    conn: &mut SqliteConnection,
    case_id: i64,
    reason: &str,
) -> Result<()> {
    sqlx::query("UPDATE cases SET extension_reason = ? WHERE id = ?")
        .bind(reason)
        .bind(case_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Which of `keys` have been queued already.
pub async fn reminders_already_sent(
    conn: &mut SqliteConnection,
) -> Result<std::collections::HashSet<String>> {
    let keys: Vec<String> = sqlx::query_scalar("SELECT key FROM reminders_sent")
        .fetch_all(conn)
        .await?;
    Ok(keys.into_iter().collect())
}

pub async fn record_reminder(
    conn: &mut SqliteConnection,
    key: &str,
    outbox_id: i64,
    at: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(
        "INSERT OR IGNORE INTO reminders_sent (key, outbox_id, queued_at) VALUES (?, ?, ?)",
    )
    .bind(key)
    .bind(outbox_id)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

/// A stored breach.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct BreachRow {
    pub id: i64,
    pub description: String,
    pub aware_at: DateTime<Utc>,
    pub notified_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

pub async fn open_breach(
    conn: &mut SqliteConnection,
    description: &str,
    aware_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO breaches (description, aware_at, created_at) VALUES (?, ?, ?) RETURNING id",
    )
    .bind(description)
    .bind(aware_at)
    .bind(now)
    .fetch_one(conn)
    .await?)
}

pub async fn close_breach(
    conn: &mut SqliteConnection,
    id: i64,
    notified_at: DateTime<Utc>,
) -> Result<bool> {
    let done =
        sqlx::query("UPDATE breaches SET notified_at = ? WHERE id = ? AND notified_at IS NULL")
            .bind(notified_at)
            .bind(id)
            .execute(conn)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// Breaches; only those not yet notified unless `all`.
pub async fn breaches(conn: &mut SqliteConnection, all: bool) -> Result<Vec<BreachRow>> {
    let sql = if all {
        "SELECT * FROM breaches ORDER BY aware_at"
    } else {
        "SELECT * FROM breaches WHERE notified_at IS NULL ORDER BY aware_at"
    };
    Ok(sqlx::query_as(sql).fetch_all(conn).await?)
}

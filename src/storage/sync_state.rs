//! How far each watched mailbox has been read: its UIDVALIDITY and the highest UID processed.

use chrono::{DateTime, Utc};

use super::{Result, SqliteConnection};

/// The stored position in one mailbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncState {
    pub uid_validity: u32,
    pub last_uid: u32,
}

pub async fn get(conn: &mut SqliteConnection, mailbox: &str) -> Result<Option<SyncState>> {
    let row: Option<(i64, i64)> =
        sqlx::query_as("SELECT uid_validity, last_uid FROM mailbox_sync WHERE mailbox = ?")
            .bind(mailbox)
            .fetch_optional(conn)
            .await?;
    Ok(row.map(|(v, u)| SyncState {
        uid_validity: v as u32,
        last_uid: u as u32,
    }))
}

pub async fn set(
    conn: &mut SqliteConnection,
    mailbox: &str,
    state: SyncState,
    now: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO mailbox_sync (mailbox, uid_validity, last_uid, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (mailbox) DO UPDATE SET uid_validity = excluded.uid_validity,
             last_uid = excluded.last_uid, updated_at = excluded.updated_at",
    )
    .bind(mailbox)
    .bind(i64::from(state.uid_validity))
    .bind(i64::from(state.last_uid))
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

//! The append-only audit log: who did what, when and why. Rows are never updated or deleted
//! (triggers in the schema refuse it). Details name ids and reasons, never mail content.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Result, SqliteConnection};

/// One audit event to record.
#[derive(Debug, Clone)]
pub struct Event<'a> {
    pub at: DateTime<Utc>,
    pub actor: &'a str,
    pub action: &'a str,
    pub case_id: Option<i64>,
    pub draft_id: Option<i64>,
    pub detail: String,
}

/// A recorded event.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct EventRow {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub case_id: Option<i64>,
    pub draft_id: Option<i64>,
    pub detail: String,
}

pub async fn record(conn: &mut SqliteConnection, event: Event<'_>) -> Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor, action, case_id, draft_id, detail) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(event.at)
    .bind(event.actor)
    .bind(event.action)
    .bind(event.case_id)
    .bind(event.draft_id)
    .bind(event.detail)
    .execute(conn)
    .await?;
    Ok(())
}

/// The events of one case, oldest first.
pub async fn for_case(conn: &mut SqliteConnection, case_id: i64) -> Result<Vec<EventRow>> {
    Ok(
        sqlx::query_as("SELECT * FROM audit_log WHERE case_id = ? ORDER BY id")
            .bind(case_id)
            .fetch_all(conn)
            .await?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::test_support::temp_db;

    #[tokio::test]
    async fn the_log_refuses_updates_and_deletes() {
        let (db, _dir) = temp_db().await;
        let mut conn = db.conn().await.unwrap();
        record(
            &mut conn,
            Event {
                at: Utc::now(),
                actor: "test",
                action: "case.opened",
                case_id: Some(1),
                draft_id: None,
                detail: "x".into(),
            },
        )
        .await
        .unwrap();
        assert_eq!(for_case(&mut conn, 1).await.unwrap().len(), 1);
        assert!(sqlx::query("UPDATE audit_log SET detail = 'y'")
            .execute(&mut *conn)
            .await
            .is_err());
        assert!(sqlx::query("DELETE FROM audit_log")
            .execute(&mut *conn)
            .await
            .is_err());
        assert_eq!(for_case(&mut conn, 1).await.unwrap()[0].detail, "x");
    }
}

//! Sending approved replies exactly once, and filing a copy in Sent.
//!
//! The order is what makes it crash-safe (see `storage::outbox`): the row is marked `sending` and
//! committed before SMTP; marked `sent` and committed after the server accepted it; then the copy
//! is appended to Sent (unless Sent already holds that Message-ID) and the row marked `filed`.
//! A row still `sending` at start-up was interrupted mid-send: if Sent holds its Message-ID it
//! went out, otherwise it becomes `unconfirmed` and waits for a person — resending blindly could
//! deliver it twice.

use chrono::{DateTime, Duration, Utc};

use crate::mail::imap::{Imap, SpecialUse};
use crate::mail::smtp::{SendError, Smtp};
use crate::replies::Purpose;
use crate::storage::outbox::{self, OutboxRow};
use crate::storage::{audit, deadlines, drafts};

use super::Context;

/// Counts from one pass.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutboxReport {
    pub sent: usize,
    pub filed: usize,
    pub retry_later: usize,
    pub failed: usize,
    pub recovered: usize,
    pub unconfirmed: usize,
}

/// The Sent folder: configured, else the server's `\Sent` special-use folder, else "Sent".
pub async fn sent_folder(ctx: &Context, imap: &mut Imap) -> anyhow::Result<String> {
    if let Some(folder) = &ctx.config.imap.sent_folder {
        return Ok(folder.clone());
    }
    Ok(imap
        .special_use_folder(SpecialUse::Sent)
        .await?
        .unwrap_or_else(|| "Sent".to_string()))
}

/// Settle rows left `sending` by an interrupted run. Call before [`send_due`].
pub async fn recover_interrupted(
    ctx: &Context,
    imap: &mut Imap,
    sent: &str,
) -> anyhow::Result<OutboxReport> {
    let mut report = OutboxReport::default();
    let interrupted = {
        let mut conn = ctx.db.conn().await?;
        outbox::in_state(&mut conn, "sending").await?
    };
    for row in interrupted {
        let in_sent = !imap
            .search_message_id(sent, &row.message_id)
            .await?
            .is_empty();
        let now = ctx.clock.now();
        let mut tx = ctx.db.begin().await?;
        if in_sent {
            record_sent(&mut tx, &row, now, "interrupted send found in Sent".into()).await?;
            outbox::transition(&mut tx, row.id, "sent", "filed", now).await?;
            report.recovered += 1;
        } else {
            outbox::transition(&mut tx, row.id, "sending", "unconfirmed", now).await?;
            record(
                &mut tx,
                &row,
                now,
                "reply.unconfirmed",
                "sending was interrupted and Sent has no copy; not resent automatically".into(),
            )
            .await?;
            tracing::warn!(
                outbox = row.id,
                "a send was interrupted and may or may not have gone out; see `gdpr-inbox drafts`"
            );
            report.unconfirmed += 1;
        }
        tx.commit().await?;
    }
    Ok(report)
}

/// Send every queued reply that is due, and file copies of sent ones in Sent.
pub async fn send_due(
    ctx: &Context,
    imap: &mut Imap,
    smtp: &Smtp,
    sent: &str,
) -> anyhow::Result<OutboxReport> {
    let mut report = OutboxReport::default();
    let due = {
        let mut conn = ctx.db.conn().await?;
        outbox::due(&mut conn, ctx.clock.now()).await?
    };
    for row in due {
        let now = ctx.clock.now();
        {
            let mut tx = ctx.db.begin().await?;
            if !outbox::transition(&mut tx, row.id, "queued", "sending", now).await? {
                continue; // someone else took it
            }
            tx.commit().await?;
        }
        let result = smtp
            .send(&ctx.config.business.address, &row.recipient, &row.raw)
            .await;
        let now = ctx.clock.now();
        let mut tx = ctx.db.begin().await?;
        match result {
            Ok(()) => {
                record_sent(&mut tx, &row, now, format!("as {}", row.message_id)).await?;
                report.sent += 1;
                tracing::info!(outbox = row.id, "reply sent");
            }
            Err(SendError::Transient(e)) => {
                let next = retry_at(now, row.attempts + 1);
                outbox::attempt_failed(&mut tx, row.id, &e.to_string(), Some(next)).await?;
                tracing::warn!(outbox = row.id, error = %e, next = %next, "sending failed; will retry");
                report.retry_later += 1;
            }
            Err(SendError::Permanent(e)) => {
                outbox::attempt_failed(&mut tx, row.id, &e.to_string(), None).await?;
                record(&mut tx, &row, now, "reply.failed", e.to_string()).await?;
                tracing::error!(outbox = row.id, error = %e, "the server refused the reply; it will not be retried");
                report.failed += 1;
            }
        }
        tx.commit().await?;
    }
    report.filed = file_sent(ctx, imap, sent).await?;
    Ok(report)
}

/// Append copies of sent replies to Sent (once: skipped when Sent already has the Message-ID).
async fn file_sent(ctx: &Context, imap: &mut Imap, sent: &str) -> anyhow::Result<usize> {
    let rows = {
        let mut conn = ctx.db.conn().await?;
        outbox::in_state(&mut conn, "sent").await?
    };
    let mut filed = 0;
    for row in rows {
        // Digests to the practitioner are not filed in Sent; replies to clients are.
        if row.draft_id.is_some()
            && imap
                .search_message_id(sent, &row.message_id)
                .await?
                .is_empty()
        {
            imap.append(sent, "(\\Seen)", &row.raw).await?;
        }
        let mut conn = ctx.db.conn().await?;
        outbox::transition(&mut conn, row.id, "sent", "filed", ctx.clock.now()).await?;
        filed += 1;
    }
    Ok(filed)
}

/// The server took the message: `sending` → `sent`, with its bookkeeping and audit event.
async fn record_sent(
    conn: &mut crate::storage::SqliteConnection,
    row: &OutboxRow,
    now: DateTime<Utc>,
    detail: String,
) -> anyhow::Result<()> {
    outbox::transition(conn, row.id, "sending", "sent", now).await?;
    mark_draft_sent(conn, row, now).await?;
    record(conn, row, now, "reply.sent", detail).await
}

/// Bookkeeping once a reply has gone out: the draft is sent; an ID request starts a suspension
/// of the legal clock; an extension notice makes the extension take effect (Art. 12(3)).
async fn mark_draft_sent(
    conn: &mut crate::storage::SqliteConnection,
    row: &OutboxRow,
    sent_at: DateTime<Utc>,
) -> anyhow::Result<()> {
    let Some(draft_id) = row.draft_id else {
        return Ok(());
    };
    drafts::mark_sent(conn, draft_id).await?;
    let Some(draft) = drafts::get(conn, draft_id).await? else {
        return Ok(());
    };
    match draft.purpose.parse::<Purpose>() {
        Ok(Purpose::IdRequest) => {
            super::deadlines::suspend_clock(conn, draft.case_id, sent_at).await?;
        }
        Ok(Purpose::Extension) => {
            deadlines::record_extension(conn, draft.case_id, sent_at).await?;
            audit::record(
                conn,
                audit::Event {
                    at: sent_at,
                    actor: "daemon",
                    action: "case.extended",
                    case_id: Some(draft.case_id),
                    draft_id: Some(draft_id),
                    detail: "extension notice sent (Art. 12(3))".into(),
                },
            )
            .await?;
        }
        _ => {}
    }
    Ok(())
}

/// Back off 1, 2, 4 … minutes, at most an hour.
fn retry_at(now: DateTime<Utc>, attempts: i64) -> DateTime<Utc> {
    let minutes = 1i64 << attempts.clamp(0, 6);
    now + Duration::minutes(minutes.min(60))
}

async fn record(
    conn: &mut crate::storage::SqliteConnection,
    row: &OutboxRow,
    at: DateTime<Utc>,
    action: &str,
    detail: String,
) -> anyhow::Result<()> {
    let case_id = match row.draft_id {
        Some(draft_id) => drafts::get(conn, draft_id).await?.map(|d| d.case_id),
        None => None,
    };
    audit::record(
        conn,
        audit::Event {
            at,
            actor: "daemon",
            action,
            case_id,
            draft_id: row.draft_id,
            detail,
        },
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_to_an_hour() {
        let now = Utc::now();
        assert_eq!(retry_at(now, 1) - now, Duration::minutes(2));
        assert_eq!(retry_at(now, 0) - now, Duration::minutes(1));
        assert_eq!(retry_at(now, 50) - now, Duration::minutes(60));
        assert_eq!(retry_at(now, -3) - now, Duration::minutes(1));
    }
}

//! Reading the watched mailbox incrementally: new UIDs since the last pass, in batches, each
//! batch recorded in one transaction together with the new high-water mark. A crash mid-batch
//! rolls the batch back and it is read again; nothing is lost and nothing is counted twice.
//! A changed UIDVALIDITY starts over from UID 1, matching known messages by Message-ID.

use anyhow::Context as _;

use crate::mail::imap::{Imap, FETCH_BATCH};
use crate::storage::audit;
use crate::storage::sync_state::{self, SyncState};

use super::intake::{Intake, Outcome};
use super::Context;

/// Counts from one pass.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncReport {
    pub read: usize,
    pub opened: usize,
    pub joined: usize,
    pub review: usize,
    pub already_known: usize,
    pub unreadable: usize,
    pub uid_validity_changed: bool,
    /// UIDNEXT when the pass began, to tell whether mail arrived since.
    pub uid_next: Option<u32>,
}

/// Read everything new in the watched mailbox.
pub async fn sync_inbox(ctx: &Context, imap: &mut Imap) -> anyhow::Result<SyncReport> {
    let mailbox = ctx.config.imap.mailbox.clone();
    let selected = imap.select(&mailbox).await?;
    let mut report = SyncReport {
        uid_next: selected.uid_next,
        ..SyncReport::default()
    };

    let stored = {
        let mut conn = ctx.db.conn().await?;
        sync_state::get(&mut conn, &mailbox).await?
    };
    let mut last_uid = match stored {
        Some(state) if state.uid_validity == selected.uid_validity => state.last_uid,
        changed => {
            // First sight of the mailbox, or a new UIDVALIDITY: read it from the start.
            let mut tx = ctx.db.begin().await?;
            if let Some(state) = changed {
                tracing::warn!(
                    mailbox = %mailbox,
                    old = state.uid_validity,
                    new = selected.uid_validity,
                    "UIDVALIDITY changed; re-reading the mailbox and matching known messages by Message-ID"
                );
                report.uid_validity_changed = true;
                audit::record(
                    &mut tx,
                    audit::Event {
                        at: ctx.clock.now(),
                        actor: "daemon",
                        action: "mailbox.uidvalidity_changed",
                        case_id: None,
                        draft_id: None,
                        detail: format!(
                            "{mailbox}: {} -> {}",
                            state.uid_validity, selected.uid_validity
                        ),
                    },
                )
                .await?;
            }
            sync_state::set(
                &mut tx,
                &mailbox,
                SyncState {
                    uid_validity: selected.uid_validity,
                    last_uid: 0,
                },
                ctx.clock.now(),
            )
            .await?;
            tx.commit().await?;
            0
        }
    };

    let new = imap.uids_after(last_uid).await?;
    for batch in new.chunks(FETCH_BATCH) {
        let fetched = imap.fetch(batch).await?;
        let now = ctx.clock.now();
        let intake = Intake {
            config: &ctx.config,
            templates: &ctx.templates,
            mailbox: &mailbox,
            uid_validity: selected.uid_validity,
            now,
            history_starts: chrono::Duration::from_std(ctx.config.imap.read_history)
                .ok()
                .and_then(|window| now.checked_sub_signed(window))
                .unwrap_or(chrono::DateTime::<chrono::Utc>::MIN_UTC),
        };
        let mut tx = ctx.db.begin().await?;
        for message in &fetched {
            report.read += 1;
            // Each message in a savepoint: one that cannot be handled is recorded for review
            // and the rest of the batch goes on.
            let mut savepoint = sqlx::Acquire::begin(&mut *tx).await?;
            let outcome = match intake.take(&mut savepoint, message).await {
                Ok(outcome) => {
                    savepoint.commit().await?;
                    outcome
                }
                Err(error) => {
                    savepoint.rollback().await?;
                    tracing::error!(uid = message.uid, mailbox = %mailbox, error = %format!("{error:#}"), "message could not be handled; recorded for review");
                    intake
                        .record_failure(&mut tx, message, &format!("{error:#}"))
                        .await
                        .with_context(|| {
                            format!("recording message UID {} of {mailbox}", message.uid)
                        })?;
                    Outcome::Unreadable
                }
            };
            match outcome {
                Outcome::Opened { .. } => report.opened += 1,
                Outcome::Joined { .. } => report.joined += 1,
                Outcome::Review => report.review += 1,
                Outcome::AlreadyKnown => report.already_known += 1,
                Outcome::Unreadable => report.unreadable += 1,
                Outcome::Ignored => {}
            }
        }
        // The high-water mark is the batch's last UID, even for a message the server listed but
        // did not return (expunged meanwhile): it is gone either way.
        last_uid = batch.iter().map(|(uid, _)| *uid).max().unwrap_or(last_uid);
        sync_state::set(
            &mut tx,
            &mailbox,
            SyncState {
                uid_validity: selected.uid_validity,
                last_uid,
            },
            now,
        )
        .await?;
        tx.commit().await?;
    }
    Ok(report)
}

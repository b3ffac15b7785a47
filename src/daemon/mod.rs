//! The daemon: wires the edges (IMAP, SMTP, the database, the clock) to the pure core.
//!
//! One pass = read new mail (intake), then housekeeping (send approved replies, file copies in
//! Sent). `run --once` does one pass and exits; `run` repeats it, waiting for new mail with IDLE
//! (or polling), and reconnects with backoff when the connection drops. This module must never
//! panic on bad mail or a flaky server: it logs one line and goes on.

pub mod deadlines;
pub mod drafting;
pub mod intake;
pub mod outbox;
pub mod shutdown;
pub mod sync;

use std::time::Duration;

use crate::clock::Clock;
use crate::config::Config;
use crate::mail::imap::{Imap, Woke};
use crate::mail::smtp::Smtp;
use crate::replies::Templates;
use crate::storage::Db;

use self::shutdown::Shutdown;

/// Everything a pass needs.
pub struct Context {
    pub config: Config,
    pub db: Db,
    pub templates: Templates,
    pub clock: Clock,
}

/// What one pass did.
#[derive(Debug, Clone, Copy, Default)]
pub struct PassReport {
    pub sync: sync::SyncReport,
    /// Reminders put in today's digest to the practitioner.
    pub reminders: usize,
    pub outbox: outbox::OutboxReport,
}

impl Context {
    /// Load templates and open the database for `config`.
    pub async fn open(config: Config, clock: Clock) -> anyhow::Result<Context> {
        let db = Db::open(&config.storage.database).await?;
        Ok(Context {
            config,
            db,
            templates: Templates::builtin(),
            clock,
        })
    }
}

/// One connection's worth of work: recover, then passes until shutdown or an error.
async fn session(
    ctx: &Context,
    once: bool,
    shutdown: &mut Shutdown,
    passes: &mut u64,
) -> anyhow::Result<()> {
    let mut imap = Imap::connect(&ctx.config.imap).await?;
    let smtp = Smtp::new(&ctx.config.smtp)?;
    let sent = outbox::sent_folder(ctx, &mut imap).await?;
    let recovered = outbox::recover_interrupted(ctx, &mut imap, &sent).await?;
    if recovered.recovered + recovered.unconfirmed > 0 {
        tracing::info!(
            recovered = recovered.recovered,
            unconfirmed = recovered.unconfirmed,
            "settled interrupted sends"
        );
    }
    let mut watching = false;
    loop {
        let report = pass(ctx, &mut imap, &smtp, &sent).await?;
        log_pass(&report);
        if *passes == 0 {
            let _ = sd_notify::notify(&[sd_notify::NotifyState::Ready]);
        }
        *passes += 1;
        if once || shutdown.is_requested() {
            imap.logout().await;
            return Ok(());
        }
        // Watch the inbox again; if mail came in during housekeeping, go round at once.
        let now_next = imap.select(&ctx.config.imap.mailbox).await?.uid_next;
        if now_next != report.sync.uid_next {
            continue;
        }
        if !watching {
            watching = true;
            tracing::info!(
                mailbox = %ctx.config.imap.mailbox,
                idle = imap.capabilities().idle && ctx.config.imap.idle,
                "watching for new mail"
            );
        }
        let wait = imap.wait_for_change(ctx.config.imap.poll_interval, ctx.config.imap.idle);
        tokio::select! {
            result = wait => {
                let (connection, woke) = result?;
                imap = connection;
                if woke == Woke::Changed {
                    tracing::debug!("the server reported a change");
                }
            }
            _ = shutdown.requested() => return Ok(()),
        }
    }
}

/// One pass over an open connection.
pub async fn pass(
    ctx: &Context,
    imap: &mut Imap,
    smtp: &Smtp,
    sent: &str,
) -> anyhow::Result<PassReport> {
    let sync = sync::sync_inbox(ctx, imap).await?;
    let reminders = {
        let mut tx = ctx.db.begin().await?;
        let queued =
            deadlines::queue_reminders(&mut tx, &ctx.config, &ctx.templates, ctx.clock.now())
                .await?;
        tx.commit().await?;
        queued
    };
    let outbox = outbox::send_due(ctx, imap, smtp, sent).await?;
    Ok(PassReport {
        sync,
        reminders,
        outbox,
    })
}

fn log_pass(report: &PassReport) {
    let s = &report.sync;
    let o = &report.outbox;
    if s.read + report.reminders + o.sent + o.failed + o.retry_later > 0 {
        tracing::info!(
            read = s.read,
            opened = s.opened,
            joined = s.joined,
            review = s.review,
            unreadable = s.unreadable,
            reminders = report.reminders,
            sent = o.sent,
            retry_later = o.retry_later,
            failed = o.failed,
            "pass done"
        );
    }
}

/// Run the daemon. With `once`, one pass and return (an error is returned, not retried).
pub async fn run(ctx: &Context, once: bool) -> anyhow::Result<()> {
    let mut shutdown = if once {
        Shutdown::never()
    } else {
        Shutdown::listen()
    };
    let mut passes = 0u64;
    let mut passes_at_last_failure = 0u64;
    let mut backoff = Duration::from_secs(1);
    loop {
        match session(ctx, once, &mut shutdown, &mut passes).await {
            Ok(()) => break,
            Err(e) if once => return Err(e),
            Err(e) => {
                if passes > passes_at_last_failure {
                    backoff = Duration::from_secs(1);
                }
                passes_at_last_failure = passes;
                tracing::warn!(error = %format!("{e:#}"), retry_in = ?backoff, "connection lost or pass failed; reconnecting");
                tokio::select! {
                    _ = tokio::time::sleep(backoff) => {}
                    _ = shutdown.requested() => break,
                }
                backoff = (backoff * 2).min(Duration::from_secs(300));
            }
        }
    }
    if shutdown.is_requested() {
        tracing::info!("shutting down");
    }
    let _ = sd_notify::notify(&[sd_notify::NotifyState::Stopping]);
    ctx.db.close().await;
    Ok(())
}

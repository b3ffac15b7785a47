//! The legal clock applied to stored cases: rebuild a case's [`CaseClock`] from its record
//! (received, suspensions, extension, answers sent, closing), and queue the practitioner's
//! reminder digest — each reminder once, across restarts, because its key is recorded in the
//! same transaction that queues the digest.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::cases::kinds_from_text;
use crate::config::{Config, FIRST_ANSWER, FULFILMENT};
use crate::domain::RequestKind;
use crate::legal_clock::{
    breach_clock, local_day, plan_reminders, CaseClock, CaseStatus, Reminder, Suspension,
    SuspensionReason, TrackedDeadline,
};
use crate::replies::compose::{compose, new_message_id, Outgoing};
use crate::replies::{long_date, Templates};
use crate::storage::cases::CaseRow;
use crate::storage::{audit, cases as case_store, deadlines as store, outbox, SqliteConnection};

/// Rebuild the legal clock of a stored case.
pub async fn case_clock(
    conn: &mut SqliteConnection,
    config: &Config,
    case: &CaseRow,
) -> anyhow::Result<CaseClock> {
    let kind = kinds_from_text(&case.kinds)
        .first()
        .copied()
        .unwrap_or(RequestKind::Access);
    let mut clock = CaseClock::new(config.business.country, kind, case.received_at);
    for row in store::suspensions(conn, case.id).await? {
        clock.suspend(Suspension {
            reason: if row.reason == "clarification" {
                SuspensionReason::Clarification
            } else {
                SuspensionReason::Identity
            },
            asked_at: row.asked_at,
            resumed_at: row.resumed_at,
        });
    }
    clock.extension_notice_at = case.extension_notice_at;
    if let Some(at) = store::first_answer_at(conn, case.id).await? {
        clock.mark_target_met(FIRST_ANSWER, at);
    }
    if let Some(at) = case.closed_at {
        clock.mark_target_met(FULFILMENT, at);
    }
    Ok(clock)
}

/// The request for identity documents went out at `at`: the legal clock is suspended from then
/// (EDPB 01/2022 §159; whether it counts is the clock's decision, see `ask_id_within_days`).
pub async fn suspend_clock(
    conn: &mut SqliteConnection,
    case_id: i64,
    at: DateTime<Utc>,
) -> anyhow::Result<()> {
    store::suspend(conn, case_id, "identity", at).await?;
    audit::record(
        conn,
        audit::Event {
            at,
            actor: "daemon",
            action: "case.clock_suspended",
            case_id: Some(case_id),
            draft_id: None,
            detail: "awaiting identity documents".into(),
        },
    )
    .await?;
    Ok(())
}

/// The requester answered (or identity was settled otherwise): the clock runs again.
pub async fn resume_clock(
    conn: &mut SqliteConnection,
    case_id: i64,
    actor: &str,
    at: DateTime<Utc>,
) -> anyhow::Result<()> {
    if store::resume(conn, case_id, at).await? > 0 {
        audit::record(
            conn,
            audit::Event {
                at,
                actor,
                action: "case.clock_resumed",
                case_id: Some(case_id),
                draft_id: None,
                detail: String::new(),
            },
        )
        .await?;
    }
    Ok(())
}

/// Where a stored case stands on the clock at `now`.
pub async fn case_status(
    conn: &mut SqliteConnection,
    config: &Config,
    case: &CaseRow,
    now: DateTime<Utc>,
) -> anyhow::Result<CaseStatus> {
    let clock = case_clock(conn, config, case).await?;
    Ok(clock.status(
        now,
        &config.deadlines.suspension_policy(),
        &config.deadlines.target_policy(),
    )?)
}

/// One line of the digest, as the `reminder_digest` template sees it.
#[derive(Debug, Clone, Serialize)]
struct DigestItem {
    reference: String,
    what: String,
    due: String,
    days_left: i64,
    overdue: bool,
    requester: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct DigestContext<'a> {
    business: DigestBusiness<'a>,
    today: String,
    items: Vec<DigestItem>,
}

#[derive(Debug, Clone, Serialize)]
struct DigestBusiness<'a> {
    name: &'a str,
}

/// Plan today's reminders and, if there are any, queue one digest to the practitioner.
/// Returns how many reminders the digest carries.
pub async fn queue_reminders(
    conn: &mut SqliteConnection,
    config: &Config,
    templates: &Templates,
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    let country = config.business.country;
    let mut tracked = Vec::new();
    let mut labels = std::collections::HashMap::new();
    for case in case_store::list(conn, false).await? {
        let status = case_status(conn, config, &case, now).await?;
        let item = format!("case-{}", case.id);
        labels.insert(
            item.clone(),
            (case.reference.clone(), Some(case.requester.clone())),
        );
        tracked.extend(status.tracked_deadlines(&item));
    }
    for breach in store::breaches(conn, false).await? {
        let clock = breach_clock(breach.aware_at)?;
        let item = format!("breach-{}", breach.id);
        labels.insert(item.clone(), (format!("#{}", breach.id), None));
        tracked.push(TrackedDeadline {
            item,
            label: "breach".into(),
            due: local_day(country, clock.notify_by),
        });
    }
    let sent = store::reminders_already_sent(conn).await?;
    let today = local_day(country, now);
    let reminders = plan_reminders(&tracked, &config.deadlines.reminder_days, today, &sent);
    if reminders.is_empty() {
        return Ok(0);
    }
    let language = config.business.language();
    let items = reminders
        .iter()
        .map(|r: &Reminder| {
            let (reference, requester) = labels
                .get(&r.item)
                .cloned()
                .unwrap_or_else(|| (r.item.clone(), None));
            DigestItem {
                reference,
                what: r.label.clone(),
                due: long_date(r.due, language),
                days_left: r.days_left,
                overdue: r.days_left < 0,
                requester,
            }
        })
        .collect();
    let context = DigestContext {
        business: DigestBusiness {
            name: &config.business.name,
        },
        today: long_date(today, language),
        items,
    };
    let rendered = templates.render_named("reminder_digest", language, &context)?;
    let salt = format!(
        "digest.{}.{}",
        now.timestamp_nanos_opt().unwrap_or_default(),
        std::process::id()
    );
    let message_id = new_message_id(0, &config.business.address, salt.as_bytes());
    let raw = compose(&Outgoing {
        from_name: "gdpr-inbox",
        from_address: &config.business.address,
        to_address: &config.business.practitioner,
        subject: &rendered.subject,
        body: &rendered.body,
        message_id: &message_id,
        in_reply_to: None,
        references: &[],
        date: now.into(),
        auto_submitted: Some("auto-generated"),
    })?;
    let outbox_id = outbox::enqueue(
        conn,
        None,
        &message_id,
        &config.business.practitioner,
        &raw,
        now,
    )
    .await?;
    for reminder in &reminders {
        store::record_reminder(conn, &reminder.key, outbox_id, now).await?;
    }
    audit::record(
        conn,
        audit::Event {
            at: now,
            actor: "daemon",
            action: "reminders.queued",
            case_id: None,
            draft_id: None,
            detail: reminders
                .iter()
                .map(|r| r.key.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        },
    )
    .await?;
    Ok(reminders.len())
}

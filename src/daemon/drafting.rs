//! Drafting a reply for a case: gather the facts, render the template in the requester's
//! language, store the draft. Automatic acknowledgments (when the policy switches them on) go
//! straight to the outbox; every other draft waits for approval.

use chrono::{DateTime, Utc};

use crate::cases::kinds_from_text;
use crate::classify::automated::is_machine_address;
use crate::config::Config;
use crate::domain::Language;
use crate::legal_clock;

use super::deadlines;
use crate::replies::compose::{compose, new_message_id, Outgoing};
use crate::replies::{
    long_date, reply_language, BusinessFacts, CaseFacts, Purpose, ReplyContext, RequesterFacts,
    Templates,
};
use crate::storage::cases::CaseRow;
use crate::storage::{audit, cases as case_store, drafts, outbox, SqliteConnection};

/// The thread a draft answers.
#[derive(Debug, Clone, Default)]
pub struct Thread {
    /// The Message-ID answered.
    pub in_reply_to: Option<String>,
    /// The conversation so far, oldest first.
    pub references: Vec<String>,
}

impl Thread {
    /// Answer the request that opened `case`.
    pub fn opening(case: &CaseRow) -> Thread {
        Thread {
            in_reply_to: case.opened_message_id.clone(),
            references: case.opened_message_id.iter().cloned().collect(),
        }
    }
}

/// The template context for a draft of `purpose` in `case`, at `now`: the legal due date as the
/// clock stands (suspensions counted), and for an extension notice the date it would extend to.
pub async fn context(
    conn: &mut SqliteConnection,
    config: &Config,
    case: &CaseRow,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> anyhow::Result<ReplyContext> {
    let language = reply_language(case.language.parse().unwrap_or(Language::En));
    let country = config.business.country;
    let policy = config.deadlines.suspension_policy();
    let clock = deadlines::case_clock(conn, config, case).await?;
    let legal = clock.legal_deadline(now, &policy)?;
    let extended = match purpose {
        Purpose::Extension => clock.check_extension(now, &policy)?.extended,
        _ => legal.extended,
    };
    Ok(ReplyContext {
        business: BusinessFacts {
            name: config.business.name.clone(),
            address: config.business.address.clone(),
            country,
        },
        authority: country.authority(),
        facts: config.facts.clone(),
        case: CaseFacts {
            reference: case.reference.clone(),
            kinds: kinds_from_text(&case.kinds),
            received: long_date(legal_clock::local_day(country, case.received_at), language),
            due: long_date(legal.original.due, language),
            extended_due: extended.map(|p| long_date(p.due, language)),
            extension_reason: case.extension_reason.clone(),
        },
        requester: RequesterFacts {
            name: case.requester_name.clone(),
            address: case.requester.clone(),
        },
    })
}

/// Render and store a pending draft for `case`. Returns the draft id.
pub async fn draft(
    conn: &mut SqliteConnection,
    config: &Config,
    templates: &Templates,
    case: &CaseRow,
    purpose: Purpose,
    thread: &Thread,
    now: DateTime<Utc>,
) -> anyhow::Result<i64> {
    let language = reply_language(case.language.parse().unwrap_or(Language::En));
    let context = context(conn, config, case, purpose, now).await?;
    let rendered = templates.render(purpose, language, &context)?;
    let id = drafts::insert(
        conn,
        &drafts::NewDraft {
            case_id: case.id,
            purpose: purpose.as_str(),
            language: language.code(),
            to_address: &case.requester,
            subject: &rendered.subject,
            body: &rendered.body,
            in_reply_to: thread.in_reply_to.as_deref(),
            refs: thread.references.join(" "),
            created_at: now,
        },
    )
    .await?;
    audit::record(
        conn,
        audit::Event {
            at: now,
            actor: "daemon",
            action: "draft.created",
            case_id: Some(case.id),
            draft_id: Some(id),
            detail: format!("{purpose} in {}", language.code()),
        },
    )
    .await?;
    Ok(id)
}

/// Approve a pending draft: build the exact message with a fresh Message-ID and put it in the
/// outbox, in the caller's transaction. `auto_submitted` marks automatic receipts.
pub async fn approve(
    conn: &mut SqliteConnection,
    config: &Config,
    draft_id: i64,
    actor: &str,
    auto_submitted: Option<&str>,
    now: DateTime<Utc>,
) -> anyhow::Result<ApproveOutcome> {
    let Some(draft) = drafts::get(conn, draft_id).await? else {
        return Ok(ApproveOutcome::NotFound);
    };
    if draft.state == "pending" && is_machine_address(&draft.to_address) {
        // A relay's no-reply sender opened the case and named no address for the person.
        return Ok(ApproveOutcome::Refused(format!(
            "{} takes no reply (a no-reply system relayed the request); answer the client by hand \
             and reject this draft",
            draft.to_address
        )));
    }
    if draft.purpose == Purpose::Extension.as_str() && draft.state == "pending" {
        // Art. 12(3): the extension notice must go out within the first month.
        if let Some(case) = case_store::get(conn, draft.case_id).await? {
            let clock = deadlines::case_clock(conn, config, &case).await?;
            if let Err(e) = clock.check_extension(now, &config.deadlines.suspension_policy()) {
                return Ok(ApproveOutcome::Refused(e.to_string()));
            }
        }
    }
    if !drafts::decide(conn, draft_id, "approved", actor, now).await? {
        return Ok(ApproveOutcome::NotPending(draft.state));
    }
    let salt = format!(
        "{}.{}",
        now.timestamp_nanos_opt().unwrap_or_default(),
        std::process::id()
    );
    let message_id = new_message_id(draft_id, &config.business.address, salt.as_bytes());
    let references = draft.references();
    let raw = compose(&Outgoing {
        from_name: &config.business.name,
        from_address: &config.business.address,
        to_address: &draft.to_address,
        subject: &draft.subject,
        body: &draft.body,
        message_id: &message_id,
        in_reply_to: draft.in_reply_to.as_deref(),
        references: &references,
        date: now.into(),
        auto_submitted,
    })?;
    outbox::enqueue(
        conn,
        Some(draft_id),
        &message_id,
        &draft.to_address,
        &raw,
        now,
    )
    .await?;
    audit::record(
        conn,
        audit::Event {
            at: now,
            actor,
            action: "draft.approved",
            case_id: Some(draft.case_id),
            draft_id: Some(draft_id),
            detail: format!("queued as {message_id}"),
        },
    )
    .await?;
    Ok(ApproveOutcome::Queued { message_id })
}

/// What [`approve`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApproveOutcome {
    Queued {
        message_id: String,
    },
    NotFound,
    /// The draft was already decided; its state.
    NotPending(String),
    /// The law does not allow it any more (e.g. an extension after the original due date).
    Refused(String),
}

//! Intake: what happens to one newly read message. Parse, classify, route (open a case, join one,
//! flag for review, or nothing), record it all, and draft the first reply — in the caller's
//! transaction, so a crash leaves either all of it or none.
//!
//! Never sends anything, and never logs mail content: log lines carry UIDs and case ids only.

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use crate::cases::{self, Arrival, CaseEvent, CaseState, Routing};
use crate::classify::relay::{self, Writer};
use crate::classify::{classify, Classification};
use crate::config::Config;
use crate::mail::imap::Fetched;
use crate::message::Message;
use crate::replies::{Purpose, Templates};
use crate::storage::{audit, cases as case_store, messages, SqliteConnection};

use super::drafting::{self, Thread};

/// What was made of a message, for recording it.
enum Reading<'m> {
    Read {
        msg: &'m Message,
        class: &'m Classification,
        /// Put it on the review list.
        review: bool,
    },
    /// It could not be parsed or handled; kept for review with the error.
    Failed {
        msg: Option<&'m Message>,
        error: String,
    },
}

/// A message read and recorded, about to open or join a case.
struct Recorded<'m> {
    msg: &'m Message,
    /// Whom it speaks for (its sender, or the person a relay names).
    writer: &'m Writer,
    /// Its row in `messages`.
    row: i64,
}

/// At most this many thread ids of a message are looked up.
const MAX_THREAD_IDS: usize = 50;

/// What intake did with a message (for counting and tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Opened {
        case_id: i64,
    },
    Joined {
        case_id: i64,
    },
    Review,
    Ignored,
    /// Seen before (e.g. after a UIDVALIDITY change): only its location was updated.
    AlreadyKnown,
    /// Could not be parsed; recorded for review.
    Unreadable,
}

/// Everything intake needs that is not the message.
pub struct Intake<'a> {
    pub config: &'a Config,
    pub templates: &'a Templates,
    pub mailbox: &'a str,
    pub uid_validity: u32,
    pub now: DateTime<Utc>,
    /// Mail that reached the mailbox before this opens no case (see `imap.read_history`).
    pub history_starts: DateTime<Utc>,
}

/// Run a pure step, turning a panic (a bug) into an error so the pass goes on without it.
fn contained<T>(step: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(step)).map_err(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        format!("internal error while reading the message ({what}); please report it")
    })
}

/// The key a message is known by: its Message-ID, or a hash of its bytes when it has none.
pub fn message_key(parsed: Option<&Message>, raw: &[u8]) -> String {
    match parsed.and_then(|m| m.message_id.as_deref()) {
        Some(id) => id.to_string(),
        None => {
            let digest = Sha256::digest(raw);
            let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
            format!("sha256:{hex}")
        }
    }
}

impl Intake<'_> {
    /// Record and act on one fetched message.
    pub async fn take(
        &self,
        conn: &mut SqliteConnection,
        fetched: &Fetched,
    ) -> anyhow::Result<Outcome> {
        let parsed = contained(|| Message::parse(&fetched.raw))
            .and_then(|parsed| parsed.map_err(|e| e.to_string()));
        let key = message_key(parsed.as_ref().ok(), &fetched.raw);
        let msg = match parsed {
            Ok(msg) => msg,
            Err(e) => {
                tracing::warn!(uid = fetched.uid, error = %e, "message could not be parsed; recorded for review");
                let recorded = self
                    .record(
                        conn,
                        fetched,
                        &key,
                        Reading::Failed {
                            msg: None,
                            error: e.to_string(),
                        },
                    )
                    .await?;
                return Ok(match recorded {
                    messages::Upsert::Inserted(_) => Outcome::Unreadable,
                    messages::Upsert::Relocated(_) => Outcome::AlreadyKnown,
                });
            }
        };
        if fetched.truncated {
            tracing::info!(
                uid = fetched.uid,
                size = fetched.size,
                "large message read partially"
            );
        }
        // A bug in the pure core must cost one message (kept for review), never the daemon.
        let class = contained(|| classify(&msg)).map_err(|e| anyhow::anyhow!(e))?;
        // In-Reply-To and the newest References are what threads; a hostile mail with thousands
        // of References costs no more than this.
        let mut thread_ids: Vec<&str> = msg.thread_ids().take(MAX_THREAD_IDS).collect();
        thread_ids.sort_unstable();
        thread_ids.dedup();
        // A relay's sender is the system's: the person it names is who the mail is from.
        let writer = relay::writer(&msg);
        let open_cases =
            case_store::routing_candidates(conn, writer.address(&msg), &thread_ids).await?;
        let routing = cases::route(
            Arrival {
                sender: writer.address(&msg),
                thread_ids: &thread_ids,
                classification: &class,
                before_history: fetched.arrived_at < self.history_starts,
                from_the_business: self.sent_by_the_business(&msg),
            },
            &open_cases,
        );
        let review = matches!(routing, Routing::Review);
        let message_row = match self
            .record(
                conn,
                fetched,
                &key,
                Reading::Read {
                    msg: &msg,
                    class: &class,
                    review,
                },
            )
            .await?
        {
            messages::Upsert::Inserted(id) => id,
            messages::Upsert::Relocated(_) => return Ok(Outcome::AlreadyKnown),
        };
        let recorded = Recorded {
            msg: &msg,
            writer: &writer,
            row: message_row,
        };
        match routing {
            Routing::Open { kinds } => {
                let case_id = self
                    .open_case(conn, &recorded, &class, &kinds, fetched)
                    .await?;
                Ok(Outcome::Opened { case_id })
            }
            Routing::Join {
                case_id,
                new_kinds,
                id_document,
            } => {
                self.join_case(conn, &recorded, case_id, &new_kinds, id_document)
                    .await?;
                Ok(Outcome::Joined { case_id })
            }
            Routing::Review => Ok(Outcome::Review),
            Routing::Ignore => Ok(Outcome::Ignored),
        }
    }

    /// Whether the business itself sent the message (from its inbox address or the
    /// practitioner's).
    fn sent_by_the_business(&self, msg: &Message) -> bool {
        let business = &self.config.business;
        msg.sender_address().is_some_and(|sender| {
            sender.eq_ignore_ascii_case(&business.address)
                || sender.eq_ignore_ascii_case(&business.practitioner)
        })
    }

    /// Record a message whose handling failed, for review (the failure is kept as its error).
    pub async fn record_failure(
        &self,
        conn: &mut SqliteConnection,
        fetched: &Fetched,
        error: &str,
    ) -> anyhow::Result<()> {
        let parsed = contained(|| Message::parse(&fetched.raw))
            .ok()
            .and_then(Result::ok);
        let key = message_key(parsed.as_ref(), &fetched.raw);
        let reading = Reading::Failed {
            msg: parsed.as_ref(),
            error: error.to_string(),
        };
        self.record(conn, fetched, &key, reading).await?;
        Ok(())
    }

    async fn record(
        &self,
        conn: &mut SqliteConnection,
        fetched: &Fetched,
        key: &str,
        reading: Reading<'_>,
    ) -> anyhow::Result<messages::Upsert> {
        let (msg, class, needs_review, parse_error) = match reading {
            Reading::Read { msg, class, review } => (Some(msg), Some(class), review, None),
            Reading::Failed { msg, error } => (msg, None, true, Some(error)),
        };
        Ok(messages::upsert(
            conn,
            &messages::NewMessage {
                mailbox: self.mailbox,
                uid_validity: self.uid_validity,
                uid: fetched.uid,
                message_key: key,
                sender: msg.and_then(Message::sender_address),
                subject: msg.map(|m| m.subject.as_str()).unwrap_or_default(),
                arrived_at: fetched.arrived_at,
                size: fetched.raw.len().max(fetched.size as usize),
                kinds: class
                    .map(|c| cases::kinds_to_text(&c.kinds))
                    .unwrap_or_default(),
                automated: class.is_some_and(|c| c.automated),
                id_document: class.is_some_and(|c| c.id_document),
                language: class.map(|c| c.language.code()),
                confidence: class.map(|c| c.confidence),
                needs_review,
                parse_error,
            },
        )
        .await?)
    }

    async fn open_case(
        &self,
        conn: &mut SqliteConnection,
        recorded: &Recorded<'_>,
        class: &Classification,
        kinds: &[crate::domain::RequestKind],
        fetched: &Fetched,
    ) -> anyhow::Result<i64> {
        let Recorded { msg, writer, row } = *recorded;
        let Some(from) = msg.from.as_ref() else {
            anyhow::bail!("a request without a From address cannot open a case");
        };
        let (requester, sender_known, reply_to_differs) = match writer {
            Writer::Sender => (
                from,
                messages::sender_known_before(conn, &from.address, fetched.arrived_at).await?,
                msg.reply_to
                    .as_ref()
                    .is_some_and(|reply_to| !reply_to.same_address(&from.address)),
            ),
            // What a relay gives for the person was typed into a form: where to answer, never
            // proof of who they are.
            Writer::Relayed { person, .. } => (person, false, false),
            Writer::Unnamed => (from, false, false),
        };
        let needs_id = self.config.policy.needs_id(kinds, sender_known);
        let (case_id, reference) = case_store::insert(
            conn,
            &case_store::NewCase {
                state: CaseState::initial(needs_id),
                kinds: cases::kinds_to_text(kinds),
                language: class.language.code(),
                requester: &requester.address,
                requester_name: requester.name.as_deref(),
                reply_to_differs,
                received_at: fetched.arrived_at,
                opened_message_id: msg.message_id.as_deref(),
                created_at: self.now,
            },
        )
        .await?;
        messages::set_case(conn, row, case_id).await?;
        self.audit(
            conn,
            case_id,
            "case.opened",
            format!(
                "{reference}: {} ({}), confidence {:.2}, id {}",
                cases::kinds_to_text(kinds),
                class.language,
                class.confidence,
                if needs_id { "requested" } else { "not needed" }
            ),
        )
        .await?;
        if reply_to_differs {
            self.audit(
                conn,
                case_id,
                "case.reply_to_flagged",
                "Reply-To differs from From; replies go to From only".into(),
            )
            .await?;
        }
        match writer {
            Writer::Sender => {}
            Writer::Relayed { via, .. } => {
                let detail = format!(
                    "relayed by a no-reply system; replies go to the address in its {}, which \
                     nobody has verified",
                    via.as_str()
                );
                self.audit(conn, case_id, "case.relayed", detail).await?;
            }
            Writer::Unnamed => {
                // Nothing can be sent: the relay takes no reply and names no address.
                let detail = "relayed by a no-reply system that gives no address for the \
                              client; no reply drafted: answer the client by hand";
                self.audit(conn, case_id, "case.relay_flagged", detail.into())
                    .await?;
                tracing::info!(
                    case = case_id,
                    uid = fetched.uid,
                    "relayed request opened a case; no reply drafted"
                );
                return Ok(case_id);
            }
        }
        tracing::info!(case = case_id, uid = fetched.uid, "request opened a case");

        let case = case_store::get(conn, case_id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("case {case_id} vanished"))?;
        let thread = reply_thread(msg);
        if self.config.policy.acknowledge_receipt {
            let ack = drafting::draft(
                conn,
                self.config,
                self.templates,
                &case,
                Purpose::Acknowledgment,
                &thread,
                self.now,
            )
            .await?;
            drafting::approve(
                conn,
                self.config,
                ack,
                "daemon",
                Some("auto-replied"),
                self.now,
            )
            .await?;
        }
        let purpose = if needs_id {
            Purpose::IdRequest
        } else {
            Purpose::Reply
        };
        drafting::draft(
            conn,
            self.config,
            self.templates,
            &case,
            purpose,
            &thread,
            self.now,
        )
        .await?;
        Ok(case_id)
    }

    async fn join_case(
        &self,
        conn: &mut SqliteConnection,
        recorded: &Recorded<'_>,
        case_id: i64,
        new_kinds: &[crate::domain::RequestKind],
        id_document: bool,
    ) -> anyhow::Result<()> {
        let Recorded { msg, writer, row } = *recorded;
        messages::set_case(conn, row, case_id).await?;
        let Some(case) = case_store::get(conn, case_id).await? else {
            anyhow::bail!("case {case_id} vanished");
        };
        let mut state = case.state()?;
        if !new_kinds.is_empty() {
            let mut kinds = cases::kinds_from_text(&case.kinds);
            kinds.extend_from_slice(new_kinds);
            kinds.sort();
            kinds.dedup();
            case_store::set_kinds(conn, case_id, &cases::kinds_to_text(&kinds)).await?;
            self.audit(
                conn,
                case_id,
                "case.kinds_added",
                cases::kinds_to_text(new_kinds),
            )
            .await?;
            // A follow-up never skips the identity check a new request would have had.
            let needs_id =
                self.config.policy.needs_id(new_kinds, false) && case.id_verified_at.is_none();
            if state == CaseState::Open && needs_id {
                state = CaseState::AwaitingId;
                case_store::set_state(conn, case_id, state).await?;
                self.audit(
                    conn,
                    case_id,
                    "case.awaiting_id",
                    "new kinds need identity documentation".into(),
                )
                .await?;
                let case = case_store::get(conn, case_id)
                    .await?
                    .unwrap_or(case.clone());
                drafting::draft(
                    conn,
                    self.config,
                    self.templates,
                    &case,
                    Purpose::IdRequest,
                    &reply_thread(msg),
                    self.now,
                )
                .await?;
            }
        }
        if id_document {
            if let Ok(next) = state.apply(CaseEvent::IdDocumentArrived) {
                if next != state {
                    case_store::set_state(conn, case_id, next).await?;
                    super::deadlines::resume_clock(conn, case_id, "daemon", self.now).await?;
                    self.audit(
                        conn,
                        case_id,
                        "case.id_received",
                        "a reply with identity documentation arrived".into(),
                    )
                    .await?;
                }
            }
        }
        // (an unnamed relay's message came from the relay: another address than the case's)
        let sender = writer.address(msg).or(msg.sender_address());
        let sender_differs = sender.is_some_and(|s| !s.eq_ignore_ascii_case(&case.requester));
        let reply_to_differs = msg
            .reply_to
            .as_ref()
            .is_some_and(|r| !r.same_address(&case.requester));
        if (sender_differs || reply_to_differs) && !case.reply_to_differs {
            case_store::flag_reply_to(conn, case_id).await?;
            self.audit(
                conn,
                case_id,
                "case.reply_to_flagged",
                "a message in the thread came from or points to another address".into(),
            )
            .await?;
        }
        self.audit(
            conn,
            case_id,
            "case.message_joined",
            format!("message {row}"),
        )
        .await?;
        tracing::info!(case = case_id, "message joined a case");
        Ok(())
    }

    async fn audit(
        &self,
        conn: &mut SqliteConnection,
        case_id: i64,
        action: &str,
        detail: String,
    ) -> anyhow::Result<()> {
        audit::record(
            conn,
            audit::Event {
                at: self.now,
                actor: "daemon",
                action,
                case_id: Some(case_id),
                draft_id: None,
                detail,
            },
        )
        .await?;
        Ok(())
    }
}

/// The thread headers of a reply to `msg`.
fn reply_thread(msg: &Message) -> Thread {
    let mut references = msg.references.clone();
    if let Some(id) = &msg.message_id {
        if !references.contains(id) {
            references.push(id.clone());
        }
    }
    Thread {
        in_reply_to: msg.message_id.clone(),
        references,
    }
}

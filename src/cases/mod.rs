//! Cases: one per data-subject request. This module holds the case state machine and the routing
//! rule that decides whether a newly read message opens a case, joins one, or needs nothing.
//!
//! Pure: plain data in, decisions out. It must never do I/O, read the clock, or let a follow-up
//! skip the identity check a new case would have had.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, Utc};
use serde::Serialize;

use crate::classify::Classification;
use crate::domain::RequestKind;

/// Where a case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseState {
    /// Identity documents have been asked for (or are about to be): the clock may be suspended.
    AwaitingId,
    /// A reply carrying an image or PDF arrived; the practitioner must `verify`.
    IdReceived,
    /// Identity is settled (verified or not needed): the request is being answered.
    Open,
    /// Closed with a [`Resolution`]; kept for accountability, then purged.
    Closed,
}

/// How a case ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    Fulfilled,
    /// Refused with reasons and the right to complain (Art. 12(4)).
    Refused,
    Withdrawn,
    /// No identity documentation arrived in time.
    Unverified,
}

/// Something that happens to a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseEvent {
    /// A message in the case's thread carries identity documentation.
    IdDocumentArrived,
    /// The practitioner checked the documentation.
    IdVerified,
    Close(Resolution),
}

/// A transition the state machine does not allow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a case that is {state} cannot take {event}")]
pub struct TransitionError {
    pub state: CaseState,
    pub event: String,
}

impl CaseState {
    pub fn as_str(self) -> &'static str {
        match self {
            CaseState::AwaitingId => "awaiting_id",
            CaseState::IdReceived => "id_received",
            CaseState::Open => "open",
            CaseState::Closed => "closed",
        }
    }

    /// The state a new case starts in.
    pub fn initial(needs_id: bool) -> CaseState {
        if needs_id {
            CaseState::AwaitingId
        } else {
            CaseState::Open
        }
    }

    pub fn is_closed(self) -> bool {
        self == CaseState::Closed
    }

    /// Apply an event.
    pub fn apply(self, event: CaseEvent) -> Result<CaseState, TransitionError> {
        use CaseState::*;
        let next = match (self, event) {
            (AwaitingId | IdReceived, CaseEvent::IdDocumentArrived) => IdReceived,
            // Verifying straight from AwaitingId covers ID shown in person or by other means.
            (AwaitingId | IdReceived, CaseEvent::IdVerified) => Open,
            (AwaitingId | IdReceived | Open, CaseEvent::Close(_)) => Closed,
            (state, event) => {
                return Err(TransitionError {
                    state,
                    event: format!("{event:?}"),
                })
            }
        };
        Ok(next)
    }
}

impl fmt::Display for CaseState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CaseState {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [
            CaseState::AwaitingId,
            CaseState::IdReceived,
            CaseState::Open,
            CaseState::Closed,
        ]
        .into_iter()
        .find(|state| state.as_str() == s)
        .ok_or_else(|| format!("unknown case state {s:?}"))
    }
}

impl Resolution {
    pub fn as_str(self) -> &'static str {
        match self {
            Resolution::Fulfilled => "fulfilled",
            Resolution::Refused => "refused",
            Resolution::Withdrawn => "withdrawn",
            Resolution::Unverified => "unverified",
        }
    }
}

impl FromStr for Resolution {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [
            Resolution::Fulfilled,
            Resolution::Refused,
            Resolution::Withdrawn,
            Resolution::Unverified,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
        .ok_or_else(|| {
            format!("unknown resolution {s:?} (use fulfilled, refused, withdrawn or unverified)")
        })
    }
}

/// What routing needs to know about an open case.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenCase {
    pub id: i64,
    pub state: CaseState,
    pub requester: String,
    pub kinds: Vec<RequestKind>,
    /// Message-IDs of every message in the case (received and sent).
    pub message_ids: Vec<String>,
}

/// What routing needs to know about a newly read message.
#[derive(Debug, Clone, Copy)]
pub struct Arrival<'a> {
    pub sender: Option<&'a str>,
    /// In-Reply-To and References ids.
    pub thread_ids: &'a [&'a str],
    pub classification: &'a Classification,
    /// The message reached the mailbox before the history window (e.g. old mail found at the
    /// first run): a request in it is put up for review instead of opening a case whose
    /// deadline passed long ago.
    pub before_history: bool,
    /// Sent from the business's own address or the practitioner's (a copy of a reply, a mail
    /// forwarded to the inbox): never a new request of the business's own, and never the
    /// client's identity documentation.
    pub from_the_business: bool,
}

/// What to do with a newly read message.
#[derive(Debug, Clone, PartialEq)]
pub enum Routing {
    /// A new request: open a case with these kinds.
    Open { kinds: Vec<RequestKind> },
    /// Part of an open case; `new_kinds` are kinds it adds, `id_document` whether it carries ID.
    Join {
        case_id: i64,
        new_kinds: Vec<RequestKind>,
        id_document: bool,
    },
    /// No request, but some request signal: a person should look.
    Review,
    /// Nothing to do (automated mail, ordinary correspondence).
    Ignore,
}

/// Decide what a newly read message means for the cases.
///
/// Thread headers win over the sender: a reply in a case's thread joins it even from another
/// address (it is then flagged by the caller, never trusted silently). A repeat request from the
/// sender of an open case joins that case instead of opening a duplicate. Machines never open or
/// join cases. The business's own mail joins its thread's case as correspondence, adding nothing;
/// outside a case, request words in it (a client's mail the practitioner forwarded to the inbox)
/// put it up for review, since the business is not the requester.
pub fn route(arrival: Arrival<'_>, open_cases: &[OpenCase]) -> Routing {
    let class = arrival.classification;
    if class.automated {
        return Routing::Ignore;
    }
    if arrival.from_the_business {
        return route_our_own(arrival, open_cases);
    }
    let in_thread = case_in_thread(&arrival, open_cases);
    let same_sender = || {
        let sender = arrival.sender?;
        open_cases
            .iter()
            .filter(|case| case.requester.eq_ignore_ascii_case(sender))
            .max_by_key(|case| case.id)
    };
    let joined = in_thread.or_else(|| {
        if class.is_request() {
            same_sender()
        } else {
            None
        }
    });
    if let Some(case) = joined {
        return Routing::Join {
            case_id: case.id,
            new_kinds: class
                .kinds
                .iter()
                .copied()
                .filter(|k| !case.kinds.contains(k))
                .collect(),
            id_document: class.id_document,
        };
    }
    if class.is_request() && !arrival.before_history {
        Routing::Open {
            kinds: class.kinds.clone(),
        }
    } else if class.is_request() || class.needs_review() {
        Routing::Review
    } else {
        Routing::Ignore
    }
}

/// The open case whose thread the message is part of.
fn case_in_thread<'c>(arrival: &Arrival<'_>, open_cases: &'c [OpenCase]) -> Option<&'c OpenCase> {
    open_cases.iter().find(|case| {
        arrival
            .thread_ids
            .iter()
            .any(|id| case.message_ids.iter().any(|known| known == id))
    })
}

/// [`route`] for mail the business sent itself.
fn route_our_own(arrival: Arrival<'_>, open_cases: &[OpenCase]) -> Routing {
    let class = arrival.classification;
    let in_thread = case_in_thread(&arrival, open_cases);
    match in_thread {
        Some(case) => Routing::Join {
            case_id: case.id,
            new_kinds: Vec::new(),
            id_document: false,
        },
        None if class.is_request() || class.needs_review() => Routing::Review,
        None => Routing::Ignore,
    }
}

/// The human-facing case reference, e.g. `GDPR-2026-0007`, quoted in reply subjects so replies sent
/// from the practitioner's own mail client can be matched to the case.
pub fn reference(id: i64, opened: DateTime<Utc>) -> String {
    format!("GDPR-{}-{:04}", opened.year(), id)
}

/// Find a case reference in a subject line, e.g. "Re: Your request [GDPR-2026-0007]".
pub fn find_reference(subject: &str) -> Option<&str> {
    let start = subject.find("GDPR-")?;
    let rest = &subject[start..];
    let bytes = rest.as_bytes();
    // GDPR-YYYY-NNNN...
    let year_ok =
        bytes.len() >= 10 && bytes[5..9].iter().all(u8::is_ascii_digit) && bytes[9] == b'-';
    if !year_ok {
        return None;
    }
    let digits = bytes[10..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    (digits >= 4).then(|| &rest[..10 + digits])
}

/// Kinds stored as a comma-separated list.
pub fn kinds_to_text(kinds: &[RequestKind]) -> String {
    kinds
        .iter()
        .map(|k| k.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// Parse kinds stored by [`kinds_to_text`]; unknown names are skipped.
pub fn kinds_from_text(text: &str) -> Vec<RequestKind> {
    let mut kinds: Vec<RequestKind> = text
        .split(',')
        .filter_map(|k| k.trim().parse().ok())
        .collect();
    kinds.sort();
    kinds.dedup();
    kinds
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Language;

    fn class(kinds: &[RequestKind], automated: bool, id_document: bool) -> Classification {
        Classification {
            kinds: kinds.to_vec(),
            id_document,
            automated,
            language: Language::Da,
            confidence: 0.9,
            evidence: vec![],
        }
    }

    fn open_case(id: i64, requester: &str, message_ids: &[&str]) -> OpenCase {
        OpenCase {
            id,
            state: CaseState::AwaitingId,
            requester: requester.into(),
            kinds: vec![RequestKind::Access],
            message_ids: message_ids.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn a_new_request_opens_a_case() {
        let c = class(&[RequestKind::Access], false, false);
        let routing = route(
            Arrival {
                sender: Some("anna@example.dk"),
                thread_ids: &[],
                classification: &c,
                before_history: false,
                from_the_business: false,
            },
            &[],
        );
        assert_eq!(
            routing,
            Routing::Open {
                kinds: vec![RequestKind::Access]
            }
        );
    }

    #[test]
    fn a_reply_in_the_thread_joins_with_its_id_document() {
        let c = class(&[], false, true);
        let cases = [open_case(
            3,
            "anna@example.dk",
            &["req@example.dk", "ask-id@calmo.dk"],
        )];
        let routing = route(
            Arrival {
                sender: Some("anna@example.dk"),
                thread_ids: &["ask-id@calmo.dk"],
                classification: &c,
                before_history: false,
                from_the_business: false,
            },
            &cases,
        );
        assert_eq!(
            routing,
            Routing::Join {
                case_id: 3,
                new_kinds: vec![],
                id_document: true
            }
        );
    }

    #[test]
    fn a_repeat_request_from_the_same_sender_joins_and_adds_kinds() {
        let c = class(&[RequestKind::Access, RequestKind::Erasure], false, false);
        let cases = [
            open_case(1, "other@x.dk", &[]),
            open_case(2, "Anna@Example.dk", &[]),
        ];
        let routing = route(
            Arrival {
                sender: Some("anna@example.dk"),
                thread_ids: &[],
                classification: &c,
                before_history: false,
                from_the_business: false,
            },
            &cases,
        );
        assert_eq!(
            routing,
            Routing::Join {
                case_id: 2,
                new_kinds: vec![RequestKind::Erasure],
                id_document: false
            }
        );
    }

    #[test]
    fn ordinary_mail_from_a_requester_does_not_join_without_thread() {
        let c = class(&[], false, false);
        let cases = [open_case(2, "anna@example.dk", &[])];
        let routing = route(
            Arrival {
                sender: Some("anna@example.dk"),
                thread_ids: &[],
                classification: &c,
                before_history: false,
                from_the_business: false,
            },
            &cases,
        );
        assert_eq!(routing, Routing::Ignore);
    }

    #[test]
    fn machines_never_open_or_join() {
        let c = class(&[RequestKind::Erasure], true, false);
        let cases = [open_case(2, "anna@example.dk", &["req@x"])];
        let routing = route(
            Arrival {
                sender: Some("anna@example.dk"),
                thread_ids: &["req@x"],
                classification: &c,
                before_history: false,
                from_the_business: false,
            },
            &cases,
        );
        assert_eq!(routing, Routing::Ignore);
    }

    #[test]
    fn an_old_request_found_at_first_run_is_reviewed_not_opened() {
        let c = class(&[RequestKind::Erasure], false, false);
        let arrival = Arrival {
            sender: Some("anna@example.dk"),
            thread_ids: &[],
            classification: &c,
            before_history: true,
            from_the_business: false,
        };
        assert_eq!(route(arrival, &[]), Routing::Review);
        let cases = [open_case(2, "anna@example.dk", &[])];
        assert!(matches!(
            route(arrival, &cases),
            Routing::Join { case_id: 2, .. }
        ));
    }

    #[test]
    fn the_business_own_mail_never_opens_a_case_nor_brings_id() {
        // The practitioner's reply, copied to the inbox, reads like a request ("I have deleted
        // your notes … send me your ID") and has a PDF: it joins its case and adds nothing.
        let c = class(&[RequestKind::Erasure], false, true);
        let cases = [open_case(2, "anna@example.dk", &["req@x"])];
        let ours = |thread_ids| Arrival {
            sender: Some("info@calmo.dk"),
            thread_ids,
            classification: &c,
            before_history: false,
            from_the_business: true,
        };
        assert_eq!(
            route(ours(&["req@x"]), &cases),
            Routing::Join {
                case_id: 2,
                new_kinds: vec![],
                id_document: false
            }
        );
        // Outside a case (a client's mail the practitioner forwarded to the inbox), a person
        // decides: the business is not the requester.
        assert_eq!(route(ours(&[]), &cases), Routing::Review);
        let plain = class(&[], false, false);
        let chat = Arrival {
            classification: &plain,
            ..ours(&[])
        };
        assert_eq!(route(chat, &cases), Routing::Ignore);
    }

    #[test]
    fn uncertain_signal_goes_to_review() {
        let mut c = class(&[], false, false);
        c.confidence = 0.4;
        c.evidence = vec!["slet".into()];
        let routing = route(
            Arrival {
                sender: Some("anna@example.dk"),
                thread_ids: &[],
                classification: &c,
                before_history: false,
                from_the_business: false,
            },
            &[],
        );
        assert_eq!(routing, Routing::Review);
    }

    #[test]
    fn state_machine() {
        use CaseState::*;
        assert_eq!(CaseState::initial(true), AwaitingId);
        assert_eq!(CaseState::initial(false), Open);
        assert_eq!(
            AwaitingId.apply(CaseEvent::IdDocumentArrived),
            Ok(IdReceived)
        );
        assert_eq!(IdReceived.apply(CaseEvent::IdVerified), Ok(Open));
        assert_eq!(
            Open.apply(CaseEvent::Close(Resolution::Fulfilled)),
            Ok(Closed)
        );
        assert!(Open.apply(CaseEvent::IdVerified).is_err());
        assert!(Closed.apply(CaseEvent::Close(Resolution::Refused)).is_err());
        assert!(Closed.apply(CaseEvent::IdDocumentArrived).is_err());
        for s in [AwaitingId, IdReceived, Open, Closed] {
            assert_eq!(s.as_str().parse::<CaseState>(), Ok(s));
        }
    }

    #[test]
    fn references_round_trip_through_subjects() {
        let opened = DateTime::parse_from_rfc3339("2026-03-05T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let r = reference(7, opened);
        assert_eq!(r, "GDPR-2026-0007");
        assert_eq!(
            find_reference(&format!("Re: Din henvendelse [{r}]")),
            Some("GDPR-2026-0007")
        );
        assert_eq!(find_reference("GDPR-2026-12345 x"), Some("GDPR-2026-12345"));
        assert_eq!(find_reference("About GDPR-rules"), None);
        assert_eq!(find_reference("GDPR-"), None);
        assert_eq!(find_reference("GDPR-2026-12"), None);
    }

    #[test]
    fn kinds_text_round_trip() {
        let kinds = vec![RequestKind::Access, RequestKind::WithdrawConsent];
        assert_eq!(kinds_from_text(&kinds_to_text(&kinds)), kinds);
        assert_eq!(kinds_from_text(""), vec![]);
        assert_eq!(
            kinds_from_text("erasure,bogus,access"),
            vec![RequestKind::Access, RequestKind::Erasure]
        );
    }
}

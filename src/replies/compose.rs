//! Turning an approved draft into the exact RFC 5322 bytes that are sent and filed in Sent:
//! From the business, To the verified requester only, threaded with In-Reply-To/References, and a
//! Message-ID fixed before the first attempt so a retry is recognisable.
//!
//! Pure: the date and the Message-ID are passed in. Never sends anything itself.

use std::time::SystemTime;

use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::Mailbox;
use sha2::{Digest, Sha256};

/// RFC 3834 `Auto-Submitted`, for the automatic acknowledgment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AutoSubmitted(pub String);

impl Header for AutoSubmitted {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Auto-Submitted")
    }
    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(AutoSubmitted(s.to_string()))
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// Everything needed to build an outgoing reply.
#[derive(Debug, Clone)]
pub struct Outgoing<'a> {
    pub from_name: &'a str,
    pub from_address: &'a str,
    pub to_address: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    /// Message-ID without angle brackets.
    pub message_id: &'a str,
    /// The message answered, without angle brackets.
    pub in_reply_to: Option<&'a str>,
    /// The thread so far, oldest first, without angle brackets.
    pub references: &'a [String],
    pub date: SystemTime,
    /// `Some("auto-replied")` for automatic receipts; `None` for replies a person approved.
    pub auto_submitted: Option<&'a str>,
}

/// Why a reply could not be built.
#[derive(Debug, thiserror::Error)]
pub enum ComposeError {
    #[error("invalid address {0:?}")]
    Address(String),
    #[error("cannot build the message: {0}")]
    Build(String),
}

/// Build the message bytes.
pub fn compose(out: &Outgoing<'_>) -> Result<Vec<u8>, ComposeError> {
    let from = Mailbox::new(
        Some(out.from_name.to_string()),
        out.from_address
            .parse()
            .map_err(|_| ComposeError::Address(out.from_address.to_string()))?,
    );
    let to: Mailbox = out
        .to_address
        .parse()
        .map_err(|_| ComposeError::Address(out.to_address.to_string()))?;
    let mut builder = lettre::Message::builder()
        .from(from)
        .to(to)
        .subject(out.subject)
        .date(out.date)
        .message_id(Some(format!("<{}>", out.message_id)))
        .header(ContentType::TEXT_PLAIN);
    if let Some(parent) = out.in_reply_to {
        builder = builder.in_reply_to(format!("<{parent}>"));
    }
    if !out.references.is_empty() {
        let refs: Vec<String> = out.references.iter().map(|id| format!("<{id}>")).collect();
        builder = builder.references(refs.join(" "));
    }
    if let Some(value) = out.auto_submitted {
        builder = builder.header(AutoSubmitted(value.to_string()));
    }
    let message = builder
        .body(out.body.to_string())
        .map_err(|e| ComposeError::Build(e.to_string()))?;
    Ok(message.formatted())
}

/// A Message-ID for draft `draft_id`, unique because draft ids are, and unguessable enough that
/// it reveals nothing: `gdpr-inbox.<draft>.<hash>@<domain of the business address>`.
pub fn new_message_id(draft_id: i64, business_address: &str, salt: &[u8]) -> String {
    let domain = business_address
        .rsplit_once('@')
        .map(|(_, d)| d)
        .unwrap_or("localhost");
    let mut hasher = Sha256::new();
    hasher.update(draft_id.to_be_bytes());
    hasher.update(salt);
    let digest = hasher.finalize();
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("gdpr-inbox.{draft_id}.{hex}@{domain}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::Message;
    use std::time::{Duration, UNIX_EPOCH};

    fn sample<'a>(refs: &'a [String]) -> Outgoing<'a> {
        Outgoing {
            from_name: "Calmo",
            from_address: "info@calmo.dk",
            to_address: "anna@example.dk",
            subject: "Svar på din henvendelse [GDPR-2026-0001]",
            body: "Kære Anna\n\nHer er svaret. Æ ø å.\n",
            message_id: "gdpr-inbox.1.abc@calmo.dk",
            in_reply_to: Some("req@example.dk"),
            references: refs,
            date: UNIX_EPOCH + Duration::from_secs(1_772_700_000),
            auto_submitted: None,
        }
    }

    #[test]
    fn composed_reply_is_threaded_and_parses_back() {
        let refs = vec!["first@example.dk".to_string(), "req@example.dk".to_string()];
        let raw = compose(&sample(&refs)).unwrap();
        let msg = Message::parse(&raw).unwrap();
        assert_eq!(msg.message_id.as_deref(), Some("gdpr-inbox.1.abc@calmo.dk"));
        assert_eq!(msg.in_reply_to, vec!["req@example.dk"]);
        assert_eq!(msg.references, refs);
        assert_eq!(msg.subject, "Svar på din henvendelse [GDPR-2026-0001]");
        assert!(msg.text.contains("Æ ø å"));
        assert_eq!(msg.to.len(), 1);
        assert!(msg.to[0].same_address("anna@example.dk"));
        assert_eq!(msg.from.as_ref().unwrap().name.as_deref(), Some("Calmo"));
        assert!(!msg.has_header("auto-submitted"));
    }

    #[test]
    fn acknowledgments_are_marked_auto_replied() {
        let mut out = sample(&[]);
        out.auto_submitted = Some("auto-replied");
        let msg = Message::parse(&compose(&out).unwrap()).unwrap();
        assert_eq!(msg.header("auto-submitted"), Some("auto-replied"));
    }

    #[test]
    fn a_bad_address_is_an_error_not_a_panic() {
        let mut out = sample(&[]);
        out.to_address = "not an address";
        assert!(matches!(compose(&out), Err(ComposeError::Address(_))));
    }

    #[test]
    fn message_ids_differ_per_draft_and_salt() {
        let a = new_message_id(1, "info@calmo.dk", b"x");
        assert!(
            a.starts_with("gdpr-inbox.1.") && a.ends_with("@calmo.dk"),
            "{a}"
        );
        assert_ne!(a, new_message_id(2, "info@calmo.dk", b"x"));
        assert_ne!(a, new_message_id(1, "info@calmo.dk", b"y"));
    }
}

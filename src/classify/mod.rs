//! Reads a [`Message`] and decides which data-subject rights it exercises, whether it carries
//! identity documentation, whether a machine sent it, and in which language it is written.
//!
//! Pure: no I/O, no logging of content, no clock. It must never mark automated mail as a request,
//! and when unsure it reports a low confidence rather than silence, so the daemon can queue the
//! message for review.
//!
//! FIRST CUT: plainly worded access and erasure requests in da/sv/en plus the obvious automated
//! headers. The full classifier replaces the body of this module behind the same interface.

use serde::Serialize;

use crate::domain::{Language, RequestKind};
use crate::message::Message;

/// What the classifier concluded about one message.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Classification {
    /// The rights exercised, sorted and without repeats; empty when the mail is no request.
    pub kinds: Vec<RequestKind>,
    /// Whether the mail supplies identity documentation.
    pub id_document: bool,
    /// Sent by a machine (auto-reply, bounce, newsletter, notification): never answered.
    pub automated: bool,
    pub language: Language,
    /// 0.0–1.0: how sure the classifier is of `kinds` (and of "no request" when empty).
    pub confidence: f32,
    /// The phrases or headers that decided.
    pub evidence: Vec<String>,
}

impl Classification {
    /// Below this confidence a request (or a near-request) goes to the review list.
    pub const REVIEW_BELOW: f32 = 0.7;

    /// A request a case should be opened for.
    pub fn is_request(&self) -> bool {
        !self.automated && !self.kinds.is_empty()
    }

    /// A human should look: an uncertain request, or a non-request with some request signal.
    pub fn needs_review(&self) -> bool {
        !self.automated
            && self.confidence < Self::REVIEW_BELOW
            && (!self.kinds.is_empty() || !self.evidence.is_empty())
    }
}

/// Classify one message.
pub fn classify(msg: &Message) -> Classification {
    let language = detect_language(msg);
    if let Some(reason) = automated_reason(msg) {
        return Classification {
            kinds: Vec::new(),
            id_document: false,
            automated: true,
            language,
            confidence: 0.99,
            evidence: vec![reason],
        };
    }
    let text = format!("{}\n{}", msg.subject, msg.text).to_lowercase();
    let mut kinds = Vec::new();
    let mut evidence = Vec::new();
    for (kind, phrases) in PHRASES {
        for phrase in *phrases {
            if text.contains(phrase) {
                if !kinds.contains(kind) {
                    kinds.push(*kind);
                }
                evidence.push((*phrase).to_string());
            }
        }
    }
    kinds.sort();
    let id_document = msg.attachments.iter().any(|a| a.is_image_or_pdf());
    Classification {
        confidence: if kinds.is_empty() { 0.8 } else { 0.9 },
        kinds,
        id_document,
        automated: false,
        language,
        evidence,
    }
}

const PHRASES: &[(RequestKind, &[&str])] = &[
    (
        RequestKind::Access,
        &["indsigt", "aktindsigt", "registerutdrag", "vilka uppgifter", "access to my", "copy of my data", "what data you hold"],
    ),
    (
        RequestKind::Erasure,
        &["slette mine", "slet mine", "sletning", "radera mina", "radering", "delete my", "erase my", "erasure"],
    ),
];

fn automated_reason(msg: &Message) -> Option<String> {
    if let Some(v) = msg.header("auto-submitted") {
        if !v.trim().eq_ignore_ascii_case("no") {
            return Some(format!("Auto-Submitted: {v}"));
        }
    }
    for name in ["list-id", "list-unsubscribe", "x-autoreply", "x-autorespond"] {
        if msg.has_header(name) {
            return Some(format!("header {name}"));
        }
    }
    if let Some(p) = msg.header("precedence") {
        if ["bulk", "list", "junk"].contains(&p.trim().to_ascii_lowercase().as_str()) {
            return Some(format!("Precedence: {p}"));
        }
    }
    if msg.content_type == "multipart/report" {
        return Some("multipart/report".into());
    }
    None
}

fn detect_language(msg: &Message) -> Language {
    let text = format!(" {} {} ", msg.subject, msg.text).to_lowercase();
    let score = |words: &[&str]| words.iter().filter(|w| text.contains(*w)).count();
    let candidates = [
        (Language::Da, score(&[" jeg ", " ikke ", " mine ", " oplysninger", " hvad ", " venlig"])),
        (Language::Sv, score(&[" jag ", " inte ", " mina ", " uppgifter", " vad ", " vänlig"])),
        (Language::En, score(&[" i ", " the ", " my ", " please ", " what ", " data "])),
    ];
    candidates
        .into_iter()
        .max_by_key(|(_, s)| *s)
        .filter(|(_, s)| *s > 0)
        .map(|(l, _)| l)
        .unwrap_or(Language::En)
}

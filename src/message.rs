//! A received mail reduced to the plain facts the rest of gdpr-inbox works from: thread headers,
//! sender, subject, the readable body text, the names and types of attachments, and the raw header
//! lines the classifier needs to spot machines.
//!
//! Parsing is pure (bytes in, [`Message`] out) and total: broken MIME, odd charsets and hostile
//! headers give a best-effort message or a [`ParseError`], never a panic. This module must never
//! log bodies or addresses, and never touch a mailbox.

use chrono::{DateTime, Utc};
use mail_parser::{HeaderValue, MessageParser, MimeHeaders};

/// How much body text we keep for classification. Requests are short; anything past this is
/// quoted history, signatures or attachments pasted inline.
pub const MAX_TEXT_BYTES: usize = 256 * 1024;

/// At most this many header lines are kept, so a hostile mail with thousands of headers costs
/// bounded memory.
pub const MAX_HEADERS: usize = 200;

/// Attached mails read, at most (a forward attaches one; more are kept as attachments only).
pub const MAX_ATTACHED_MESSAGES: usize = 2;

/// A name and an address, as in `From: Anna Berg <anna@example.dk>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailbox {
    pub name: Option<String>,
    /// The address as written, trimmed. Compare with [`Mailbox::same_address`].
    pub address: String,
}

impl Mailbox {
    pub fn new(name: Option<&str>, address: &str) -> Mailbox {
        Mailbox {
            name: name.map(printable).filter(|n| !n.is_empty()),
            address: printable(address),
        }
    }

    /// Addresses are compared case-insensitively: the local part is case-sensitive in theory,
    /// but no mail system our users meet treats it so.
    pub fn same_address(&self, other: &str) -> bool {
        self.address.eq_ignore_ascii_case(other.trim())
    }
}

/// A mail attached to this one as `message/rfc822`: a forward "as attachment".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachedMessage {
    pub from: Option<Mailbox>,
    pub subject: String,
    /// Its body as plain text, as [`Message::text`] is read.
    pub text: String,
}

/// An attachment's metadata; its contents are never kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// `type/subtype`, lower case, e.g. `image/jpeg`.
    pub content_type: String,
    pub filename: Option<String>,
    pub size: usize,
}

impl Attachment {
    /// An image or a PDF: what identity documentation arrives as.
    pub fn is_image_or_pdf(&self) -> bool {
        let by_type =
            self.content_type.starts_with("image/") || self.content_type == "application/pdf";
        let by_name = self.filename.as_deref().is_some_and(|name| {
            let name = name.to_ascii_lowercase();
            [
                ".pdf", ".jpg", ".jpeg", ".png", ".heic", ".heif", ".gif", ".tif", ".tiff", ".webp",
            ]
            .iter()
            .any(|ext| name.ends_with(ext))
        });
        by_type || by_name
    }
}

/// A parsed mail: metadata and readable text, nothing that needs the raw bytes again.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Message {
    /// Message-ID without angle brackets.
    pub message_id: Option<String>,
    /// In-Reply-To ids, without angle brackets.
    pub in_reply_to: Vec<String>,
    /// References ids, without angle brackets, oldest first.
    pub references: Vec<String>,
    pub from: Option<Mailbox>,
    pub reply_to: Option<Mailbox>,
    pub to: Vec<Mailbox>,
    pub subject: String,
    /// The Date header, if it parsed.
    pub date: Option<DateTime<Utc>>,
    /// The top-level `type/subtype`, lower case (`multipart/report` for bounces).
    pub content_type: String,
    /// Header lines in order, names lower case, values unfolded and trimmed (at most
    /// [`MAX_HEADERS`]).
    pub headers: Vec<(String, String)>,
    /// The body as plain text: the text/plain parts, or the HTML converted to text when that is
    /// all there is. At most [`MAX_TEXT_BYTES`].
    pub text: String,
    /// Whether [`Message::text`] was converted from HTML.
    pub text_from_html: bool,
    pub attachments: Vec<Attachment>,
    /// Mails attached whole (`message/rfc822`, as some programs forward), at most
    /// [`MAX_ATTACHED_MESSAGES`]: who sent each and its text.
    pub attached_messages: Vec<AttachedMessage>,
    /// Size of the raw message in bytes.
    pub size: usize,
}

/// Why a mail could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("the message is empty")]
    Empty,
    #[error("the message has no header section that could be parsed")]
    Unparseable,
}

impl Message {
    /// Parse a raw RFC 5322 message.
    pub fn parse(raw: &[u8]) -> Result<Message, ParseError> {
        if raw.iter().all(u8::is_ascii_whitespace) {
            return Err(ParseError::Empty);
        }
        let parsed = MessageParser::default()
            .parse(raw)
            .ok_or(ParseError::Unparseable)?;
        if parsed.headers().is_empty() {
            return Err(ParseError::Unparseable);
        }

        let (text, text_from_html) = body_text(&parsed);
        Ok(Message {
            message_id: parsed
                .message_id()
                .map(strip_angles)
                .filter(|id| !id.is_empty()),
            in_reply_to: id_list(parsed.in_reply_to()),
            references: id_list(parsed.references()),
            from: parsed.from().and_then(first_mailbox),
            reply_to: parsed.reply_to().and_then(first_mailbox),
            to: parsed
                .to()
                .map(|a| a.iter().filter_map(to_mailbox).collect())
                .unwrap_or_default(),
            subject: printable(parsed.subject().unwrap_or_default()),
            date: parsed
                .date()
                .and_then(|d| DateTime::from_timestamp(d.to_timestamp(), 0)),
            content_type: parsed
                .content_type()
                .map(|ct| match ct.subtype() {
                    Some(sub) => format!("{}/{}", ct.ctype(), sub),
                    None => ct.ctype().to_string(),
                })
                .unwrap_or_else(|| "text/plain".to_string())
                .to_ascii_lowercase(),
            headers: parsed
                .headers_raw()
                .take(MAX_HEADERS)
                .map(|(name, value)| (name.to_ascii_lowercase(), unfold(value)))
                .collect(),
            text,
            text_from_html,
            attachments: parsed.attachments().map(attachment).collect(),
            attached_messages: parsed
                .attachments()
                .filter_map(|part| part.message())
                .take(MAX_ATTACHED_MESSAGES)
                .map(attached_message)
                .collect(),
            size: raw.len(),
        })
    }

    /// The first header with this name (case-insensitive), unfolded.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Whether any header with this name is present.
    pub fn has_header(&self, name: &str) -> bool {
        self.header(name).is_some()
    }

    /// The sender's address, if there is one.
    pub fn sender_address(&self) -> Option<&str> {
        self.from.as_ref().map(|m| m.address.as_str())
    }

    /// Every id this message points back to (In-Reply-To first, then References newest first),
    /// for joining it to an existing conversation.
    pub fn thread_ids(&self) -> impl Iterator<Item = &str> {
        self.in_reply_to
            .iter()
            .chain(self.references.iter().rev())
            .map(String::as_str)
    }
}

fn body_text(parsed: &mail_parser::Message<'_>) -> (String, bool) {
    let mut text = String::new();
    let mut from_html = false;
    for (pos, part) in parsed.text_bodies().enumerate() {
        if text.len() >= MAX_TEXT_BYTES {
            break;
        }
        if let Some(body) = parsed.body_text(pos) {
            from_html |= part.is_text_html();
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&body);
        }
    }
    truncate_at_char_boundary(&mut text, MAX_TEXT_BYTES);
    (text, from_html)
}

fn attached_message(parsed: &mail_parser::Message<'_>) -> AttachedMessage {
    AttachedMessage {
        from: parsed.from().and_then(first_mailbox),
        subject: printable(parsed.subject().unwrap_or_default()),
        text: body_text(parsed).0,
    }
}

fn truncate_at_char_boundary(text: &mut String, max: usize) {
    let cut = char_prefix(text, max).len();
    text.truncate(cut);
}

/// The longest prefix of `text` of at most `max` bytes that ends on a character boundary.
pub(crate) fn char_prefix(text: &str, max: usize) -> &str {
    let mut cut = text.len().min(max);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text.get(..cut).unwrap_or("")
}

fn attachment(part: &mail_parser::MessagePart<'_>) -> Attachment {
    let content_type = part
        .content_type()
        .map(|ct| match ct.subtype() {
            Some(sub) => format!("{}/{}", ct.ctype(), sub),
            None => ct.ctype().to_string(),
        })
        .unwrap_or_else(|| "application/octet-stream".to_string())
        .to_ascii_lowercase();
    Attachment {
        content_type,
        filename: part.attachment_name().map(String::from),
        size: part.len(),
    }
}

fn first_mailbox(address: &mail_parser::Address<'_>) -> Option<Mailbox> {
    address.iter().find_map(to_mailbox)
}

fn to_mailbox(addr: &mail_parser::Addr<'_>) -> Option<Mailbox> {
    let address = addr.address()?.trim();
    if address.is_empty() {
        return None;
    }
    Some(Mailbox::new(addr.name(), address))
}

fn id_list(value: &HeaderValue<'_>) -> Vec<String> {
    match value {
        HeaderValue::Text(id) => vec![strip_angles(id)],
        HeaderValue::TextList(ids) => ids.iter().map(|id| strip_angles(id)).collect(),
        _ => Vec::new(),
    }
    .into_iter()
    .filter(|id| !id.is_empty())
    .collect()
}

fn strip_angles(id: &str) -> String {
    id.trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim()
        .to_string()
}

/// Header text safe to store and print: control characters (terminal escapes, NUL, line breaks)
/// become spaces, runs of whitespace one space.
fn printable(text: &str) -> String {
    text.split(|c: char| c.is_control() || c.is_whitespace())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn unfold(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const DANISH_REQUEST: &str = "From: Anna Berg <Anna@Example.dk>\r\n\
        To: info@calmo.dk\r\n\
        Subject: =?utf-8?q?Indsigt_i_mine_oplysninger?=\r\n\
        Message-ID: <abc123@example.dk>\r\n\
        In-Reply-To: <prev@calmo.dk>\r\n\
        References: <first@calmo.dk> <prev@calmo.dk>\r\n\
        Date: Thu, 05 Mar 2026 10:15:00 +0100\r\n\
        Auto-Submitted: no\r\n\
        Content-Type: text/plain; charset=utf-8\r\n\
        Content-Transfer-Encoding: quoted-printable\r\n\
        \r\n\
        Hej, jeg vil gerne have indsigt i de oplysninger, I har om mig. Tak, Anna =C3=B8\r\n";

    #[test]
    fn parses_thread_headers_sender_and_text() {
        let msg = Message::parse(DANISH_REQUEST.as_bytes()).unwrap();
        assert_eq!(msg.message_id.as_deref(), Some("abc123@example.dk"));
        assert_eq!(msg.in_reply_to, vec!["prev@calmo.dk"]);
        assert_eq!(msg.references, vec!["first@calmo.dk", "prev@calmo.dk"]);
        assert_eq!(
            msg.thread_ids().collect::<Vec<_>>(),
            vec!["prev@calmo.dk", "prev@calmo.dk", "first@calmo.dk"]
        );
        let from = msg.from.as_ref().unwrap();
        assert_eq!(from.name.as_deref(), Some("Anna Berg"));
        assert!(from.same_address("anna@example.DK"));
        assert_eq!(msg.subject, "Indsigt i mine oplysninger");
        assert!(msg.text.contains("indsigt i de oplysninger"));
        assert!(msg.text.contains('ø'));
        assert!(!msg.text_from_html);
        assert_eq!(msg.header("AUTO-SUBMITTED"), Some("no"));
        assert_eq!(msg.date.unwrap().to_rfc3339(), "2026-03-05T09:15:00+00:00");
        assert_eq!(msg.content_type, "text/plain");
    }

    #[test]
    fn html_only_mail_becomes_text() {
        let raw = "From: a@b.se\r\nSubject: x\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
                   <html><body><p>Radera <b>mina</b> uppgifter</p></body></html>\r\n";
        let msg = Message::parse(raw.as_bytes()).unwrap();
        assert!(msg.text_from_html);
        assert!(msg.text.contains("Radera"), "{:?}", msg.text);
        assert!(!msg.text.contains("<b>"));
    }

    #[test]
    fn attachments_keep_type_and_name_only() {
        let raw = "From: a@b.se\r\nSubject: ID\r\nMIME-Version: 1.0\r\n\
                   Content-Type: multipart/mixed; boundary=XX\r\n\r\n\
                   --XX\r\nContent-Type: text/plain\r\n\r\nHer er mit pas.\r\n\
                   --XX\r\nContent-Type: image/jpeg; name=pas.jpg\r\n\
                   Content-Disposition: attachment; filename=pas.jpg\r\n\
                   Content-Transfer-Encoding: base64\r\n\r\n/9j/4AAQSkZJRgABAQ==\r\n--XX--\r\n";
        let msg = Message::parse(raw.as_bytes()).unwrap();
        assert_eq!(msg.attachments.len(), 1);
        assert_eq!(msg.attachments[0].content_type, "image/jpeg");
        assert_eq!(msg.attachments[0].filename.as_deref(), Some("pas.jpg"));
        assert!(msg.attachments[0].is_image_or_pdf());
        assert_eq!(msg.text.trim(), "Her er mit pas.");
    }

    #[test]
    fn a_mail_forwarded_as_attachment_is_read() {
        let raw = "From: resepsjon@klinikk.no\r\nSubject: VS: journal\r\n\
                   Content-Type: multipart/mixed; boundary=XX\r\n\r\n\
                   --XX\r\nContent-Type: text/plain\r\n\r\nSe vedlagt.\r\n\
                   --XX\r\nContent-Type: message/rfc822\r\n\r\n\
                   From: Roger <roger@example.no>\r\nSubject: journal\r\n\
                   Content-Type: text/plain; charset=utf-8\r\n\r\n\
                   Kan jeg få kopi av journalen min?\r\n\
                   --XX--\r\n";
        let msg = Message::parse(raw.as_bytes()).unwrap();
        assert_eq!(msg.text.trim(), "Se vedlagt.");
        assert_eq!(msg.attached_messages.len(), 1);
        let attached = &msg.attached_messages[0];
        assert_eq!(attached.from.as_ref().unwrap().address, "roger@example.no");
        assert_eq!(attached.subject, "journal");
        assert!(
            attached.text.contains("kopi av journalen"),
            "{:?}",
            attached.text
        );
    }

    #[test]
    fn garbage_never_panics() {
        assert_eq!(Message::parse(b""), Err(ParseError::Empty));
        assert_eq!(Message::parse(b"  \r\n "), Err(ParseError::Empty));
        for raw in [
            &b"\xff\xfe\x00garbage"[..],
            b"Subject: =?x-unknown?B?////?=\r\n\r\n",
            b"Content-Type: multipart/mixed; boundary=\r\n\r\n--\r\n--\r\n",
            b"From: <<<>>>@@@\r\nMessage-ID: <>\r\n\r\nbody",
        ] {
            let _ = Message::parse(raw);
        }
        let msg = Message::parse(b"From: <<<>>>@@@\r\nMessage-ID: <>\r\n\r\nbody").unwrap();
        assert_eq!(msg.message_id, None);
    }

    #[test]
    fn hostile_header_text_is_made_printable() {
        let raw = "From: =?utf-8?q?Evil=1B[2J?= <a@b.dk>\r\nSubject: =?utf-8?q?Hi=1B]0;x=07_there=00?=\r\n\r\nbody";
        let msg = Message::parse(raw.as_bytes()).unwrap();
        assert!(
            !msg.subject.chars().any(char::is_control),
            "{:?}",
            msg.subject
        );
        assert!(msg.subject.starts_with("Hi"), "{:?}", msg.subject);
        let name = msg.from.unwrap().name.unwrap();
        assert!(!name.chars().any(char::is_control), "{name:?}");
    }

    #[test]
    fn header_count_and_text_are_bounded() {
        let mut raw = String::new();
        for i in 0..5000 {
            raw.push_str(&format!("X-Junk-{i}: y\r\n"));
        }
        raw.push_str("Subject: big\r\n\r\n");
        raw.push_str(&"æøå ".repeat(200_000));
        let msg = Message::parse(raw.as_bytes()).unwrap();
        assert!(msg.headers.len() <= MAX_HEADERS);
        assert!(msg.text.len() <= MAX_TEXT_BYTES);
    }
}

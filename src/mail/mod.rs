//! Mail transport: the IMAP connection that watches and changes the mailbox, and the SMTP
//! connection that sends approved replies. TLS by default, STARTTLS on request, plaintext only
//! to loopback (enforced by the config).
//!
//! This is the edge of the program: it moves bytes and reports errors that name the server. It
//! must never decide anything about requests or cases, and never log message contents.

pub mod imap;
pub mod smtp;
pub mod stream;

/// A transport failure, naming the server and saying what to check.
#[derive(Debug, thiserror::Error)]
#[error("{server}: {message}")]
pub struct MailError {
    /// e.g. `imap imap.example.com:993`
    pub server: String,
    pub message: String,
}

impl MailError {
    pub fn new(server: &str, message: impl Into<String>) -> MailError {
        MailError {
            server: server.to_string(),
            message: message.into(),
        }
    }
}

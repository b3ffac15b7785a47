//! The IMAP side: log in, select the watched mailbox, list new UIDs, fetch messages with
//! `BODY.PEEK[]` (so `\Seen` never changes), find special-use folders, search by Message-ID,
//! append copies, and wait for new mail with IDLE (or a poll when the server has no IDLE).
//!
//! Every command is bounded by a timeout and every error names the server. This module must never
//! set flags, expunge or move anything it was not explicitly asked to, and never log content.

use std::time::Duration;

use async_imap::types::NameAttribute;
use async_imap::Session;
use chrono::{DateTime, Utc};
use futures::TryStreamExt;

use super::stream::{connect_tcp, start_tls, MailStream};
use super::MailError;
use crate::config::{Security, ServerConfig};

/// Mail larger than this is read only up to this many bytes: enough for headers and text, while
/// a 50 MB attachment never fills memory.
pub const MAX_FETCH_BYTES: u32 = 4 * 1024 * 1024;

/// How many messages one FETCH asks for.
pub const FETCH_BATCH: usize = 100;

/// How long any single command may take before the connection is considered dead.
pub const COMMAND_TIMEOUT: Duration = Duration::from_secs(120);

/// What the server can do that we care about.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Capabilities {
    pub idle: bool,
    pub uidplus: bool,
    pub moves: bool,
    pub special_use: bool,
    pub condstore: bool,
}

/// The selected mailbox's identity and size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selected {
    pub uid_validity: u32,
    pub uid_next: Option<u32>,
    pub exists: u32,
}

/// One fetched message.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub uid: u32,
    /// INTERNALDATE: when the message reached the mailbox.
    pub arrived_at: DateTime<Utc>,
    pub size: u32,
    pub raw: Vec<u8>,
    /// Only the first [`MAX_FETCH_BYTES`] were read.
    pub truncated: bool,
}

/// Folders with a special use (RFC 6154).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecialUse {
    Sent,
    Drafts,
    Trash,
}

/// Why a wait ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Woke {
    /// The server reported a change (IDLE).
    Changed,
    /// The wait timed out (poll interval, or IDLE refresh).
    Timeout,
}

/// A logged-in IMAP connection.
pub struct Imap {
    session: Session<MailStream>,
    server: String,
    capabilities: Capabilities,
}

impl Imap {
    /// Connect and log in as the config says.
    pub async fn connect(config: &ServerConfig) -> Result<Imap, MailError> {
        let server = format!("imap {}:{}", config.host, config.port);
        let fail = |message: String| MailError::new(&server, message);
        let password = config
            .password()
            .map_err(fail)?
            .ok_or_else(|| fail("no password configured (password_file or password_env)".into()))?;
        let username = config.username.as_deref().unwrap_or_default();

        let tcp = connect_tcp(&config.host, config.port).await.map_err(|e| {
            fail(format!(
                "cannot connect: {e}; check imap.host and imap.port"
            ))
        })?;
        let stream = match config.security {
            Security::Tls => start_tls(tcp, &config.host, config.ca_file.as_deref())
                .await
                .map_err(|e| fail(format!("TLS failed: {e}; is imap.port the TLS port (993)?")))?,
            Security::None => MailStream::Plain(tcp),
            Security::Starttls => {
                let mut client = async_imap::Client::new(tcp);
                read_greeting(&mut client).await.map_err(fail)?;
                timed(client.run_command_and_check_ok("STARTTLS", None))
                    .await
                    .map_err(|e| fail(format!("STARTTLS refused: {e}")))?;
                start_tls(client.into_inner(), &config.host, config.ca_file.as_deref())
                    .await
                    .map_err(|e| fail(format!("TLS after STARTTLS failed: {e}")))?
            }
        };
        let mut client = async_imap::Client::new(stream);
        if config.security != Security::Starttls {
            read_greeting(&mut client).await.map_err(fail)?;
        }
        let mut session = match timed(async {
            client
                .login(username, password.expose())
                .await
                .map_err(|(e, _)| e)
        })
        .await
        {
            Ok(session) => session,
            Err(e) => {
                return Err(fail(format!(
                    "login as {username:?} failed: {e}; check imap.username and the password"
                )))
            }
        };
        let caps = timed(session.capabilities())
            .await
            .map_err(|e| fail(format!("CAPABILITY failed: {e}")))?;
        let capabilities = Capabilities {
            idle: caps.has_str("IDLE"),
            uidplus: caps.has_str("UIDPLUS"),
            moves: caps.has_str("MOVE"),
            special_use: caps.has_str("SPECIAL-USE"),
            condstore: caps.has_str("CONDSTORE"),
        };
        Ok(Imap {
            session,
            server,
            capabilities,
        })
    }

    pub fn capabilities(&self) -> Capabilities {
        self.capabilities
    }

    pub fn server(&self) -> &str {
        &self.server
    }

    fn error(&self, what: &str, e: impl std::fmt::Display) -> MailError {
        MailError::new(&self.server, format!("{what}: {e}"))
    }

    /// Unsolicited responses pile up in a bounded channel that silently drops when full; we
    /// re-read state explicitly, so they are drained and discarded after every command.
    fn drain(&mut self) {
        while self.session.unsolicited_responses.try_recv().is_ok() {}
    }

    /// SELECT a mailbox (read-write; needed later for filing and deletion).
    pub async fn select(&mut self, mailbox: &str) -> Result<Selected, MailError> {
        let result = timed(self.session.select(mailbox)).await;
        self.drain();
        let mailbox_state = result.map_err(|e| self.error(&format!("SELECT {mailbox:?}"), e))?;
        let uid_validity = mailbox_state.uid_validity.ok_or_else(|| {
            self.error(
                &format!("SELECT {mailbox:?}"),
                "the server reported no UIDVALIDITY",
            )
        })?;
        Ok(Selected {
            uid_validity,
            uid_next: mailbox_state.uid_next,
            exists: mailbox_state.exists,
        })
    }

    /// UIDs above `last_uid` in the selected mailbox, with their sizes, ascending.
    pub async fn uids_after(&mut self, last_uid: u32) -> Result<Vec<(u32, u32)>, MailError> {
        let range = format!("{}:*", last_uid.saturating_add(1));
        let result = timed(async {
            let stream = self.session.uid_fetch(&range, "(UID RFC822.SIZE)").await?;
            stream.try_collect::<Vec<_>>().await
        })
        .await;
        self.drain();
        let fetches = result.map_err(|e| self.error("UID FETCH (sizes)", e))?;
        let mut found: Vec<(u32, u32)> = fetches
            .iter()
            .filter_map(|f| Some((f.uid?, f.size.unwrap_or(0))))
            // `n:*` returns the highest message even when its UID is below n.
            .filter(|(uid, _)| *uid > last_uid)
            .collect();
        found.sort_unstable();
        found.dedup();
        Ok(found)
    }

    /// Fetch the given messages (raw bytes, INTERNALDATE) without setting `\Seen`. Messages
    /// larger than [`MAX_FETCH_BYTES`] are read partially and marked truncated.
    pub async fn fetch(&mut self, uids: &[(u32, u32)]) -> Result<Vec<Fetched>, MailError> {
        let (small, large): (Vec<_>, Vec<_>) =
            uids.iter().partition(|(_, size)| *size <= MAX_FETCH_BYTES);
        let mut out = Vec::with_capacity(uids.len());
        for chunk in small.chunks(FETCH_BATCH) {
            out.extend(self.fetch_set(chunk, "BODY.PEEK[]", false).await?);
        }
        for chunk in large.chunks(FETCH_BATCH) {
            let item = format!("BODY.PEEK[]<0.{MAX_FETCH_BYTES}>");
            out.extend(self.fetch_set(chunk, &item, true).await?);
        }
        out.sort_by_key(|f| f.uid);
        Ok(out)
    }

    async fn fetch_set(
        &mut self,
        uids: &[(u32, u32)],
        body_item: &str,
        truncated: bool,
    ) -> Result<Vec<Fetched>, MailError> {
        if uids.is_empty() {
            return Ok(Vec::new());
        }
        let set = uid_set(uids.iter().map(|(uid, _)| *uid));
        let query = format!("(UID INTERNALDATE RFC822.SIZE {body_item})");
        let result = timed(async {
            let stream = self.session.uid_fetch(&set, &query).await?;
            stream.try_collect::<Vec<_>>().await
        })
        .await;
        self.drain();
        let fetches = result.map_err(|e| self.error("UID FETCH (bodies)", e))?;
        Ok(fetches
            .iter()
            .filter_map(|f| {
                let uid = f.uid?;
                Some(Fetched {
                    uid,
                    arrived_at: f
                        .internal_date()
                        .map(|d| d.with_timezone(&Utc))
                        .unwrap_or_else(Utc::now),
                    size: f.size.unwrap_or(0),
                    raw: f.body().map(<[u8]>::to_vec).unwrap_or_default(),
                    truncated,
                })
            })
            .collect())
    }

    /// The folder with this special use, if the server marks one.
    pub async fn special_use_folder(
        &mut self,
        wanted: SpecialUse,
    ) -> Result<Option<String>, MailError> {
        let result = timed(async {
            let stream = self.session.list(Some(""), Some("*")).await?;
            stream.try_collect::<Vec<_>>().await
        })
        .await;
        self.drain();
        let names = result.map_err(|e| self.error("LIST", e))?;
        Ok(names
            .iter()
            .find(|name| {
                name.attributes().iter().any(|attr| {
                    matches!(
                        (wanted, attr),
                        (SpecialUse::Sent, NameAttribute::Sent)
                            | (SpecialUse::Drafts, NameAttribute::Drafts)
                            | (SpecialUse::Trash, NameAttribute::Trash)
                    )
                })
            })
            .map(|name| name.name().to_string()))
    }

    /// UIDs in `mailbox` whose Message-ID header is `message_id` (without angle brackets).
    /// Selects `mailbox` read-only.
    pub async fn search_message_id(
        &mut self,
        mailbox: &str,
        message_id: &str,
    ) -> Result<Vec<u32>, MailError> {
        let examined = timed(self.session.examine(mailbox)).await;
        self.drain();
        examined.map_err(|e| self.error(&format!("EXAMINE {mailbox:?}"), e))?;
        let query = format!("HEADER Message-ID {}", quote(&format!("<{message_id}>"))?);
        let result = timed(self.session.uid_search(&query)).await;
        self.drain();
        let mut uids: Vec<u32> = result
            .map_err(|e| self.error("UID SEARCH", e))?
            .into_iter()
            .collect();
        uids.sort_unstable();
        Ok(uids)
    }

    /// Append a message to `mailbox` with `flags` (e.g. `(\Seen)`).
    pub async fn append(
        &mut self,
        mailbox: &str,
        flags: &str,
        raw: &[u8],
    ) -> Result<(), MailError> {
        let result = timed(self.session.append(mailbox, Some(flags), None, raw)).await;
        self.drain();
        result.map_err(|e| self.error(&format!("APPEND to {mailbox:?}"), e))
    }

    /// Wait up to `timeout` for the selected mailbox to change: IDLE when the server has it and
    /// `use_idle` is set, otherwise a plain sleep (the caller polls). Returns the connection.
    pub async fn wait_for_change(
        mut self,
        timeout: Duration,
        use_idle: bool,
    ) -> Result<(Imap, Woke), MailError> {
        if !(use_idle && self.capabilities.idle) {
            tokio::time::sleep(timeout).await;
            timed(self.session.noop())
                .await
                .map_err(|e| self.error("NOOP", e))?;
            self.drain();
            return Ok((self, Woke::Timeout));
        }
        let server = self.server.clone();
        let capabilities = self.capabilities;
        let fail = |what: &str, e: async_imap::error::Error| {
            MailError::new(&server, format!("{what}: {e}"))
        };
        let mut handle = self.session.idle();
        timed(handle.init()).await.map_err(|e| fail("IDLE", e))?;
        let woke = {
            let (wait, _stop) = handle.wait_with_timeout(timeout);
            match wait.await.map_err(|e| fail("IDLE", e))? {
                async_imap::extensions::idle::IdleResponse::NewData(_) => Woke::Changed,
                _ => Woke::Timeout,
            }
        };
        let session = timed(handle.done())
            .await
            .map_err(|e| fail("IDLE DONE", e))?;
        let mut imap = Imap {
            session,
            server,
            capabilities,
        };
        imap.drain();
        Ok((imap, woke))
    }

    /// Log out politely; errors are irrelevant at this point.
    pub async fn logout(mut self) {
        let _ = tokio::time::timeout(Duration::from_secs(5), self.session.logout()).await;
    }
}

async fn read_greeting<T>(client: &mut async_imap::Client<T>) -> Result<(), String>
where
    T: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + std::fmt::Debug + Send,
{
    match tokio::time::timeout(COMMAND_TIMEOUT, client.read_response()).await {
        Ok(Ok(Some(_))) => Ok(()),
        Ok(Ok(None)) => Err("the server closed the connection before greeting".into()),
        Ok(Err(e)) => Err(format!("no greeting: {e}")),
        Err(_) => Err("no greeting within the timeout; is this an IMAP port?".into()),
    }
}

/// Run one IMAP operation with [`COMMAND_TIMEOUT`].
async fn timed<T>(
    op: impl std::future::Future<Output = async_imap::error::Result<T>>,
) -> async_imap::error::Result<T> {
    match tokio::time::timeout(COMMAND_TIMEOUT, op).await {
        Ok(result) => result,
        Err(_) => Err(async_imap::error::Error::Io(std::io::Error::new(
            std::io::ErrorKind::TimedOut,
            "the server did not answer in time",
        ))),
    }
}

/// A compact UID set: `1:3,7,9:10`.
pub fn uid_set(uids: impl IntoIterator<Item = u32>) -> String {
    let mut sorted: Vec<u32> = uids.into_iter().collect();
    sorted.sort_unstable();
    sorted.dedup();
    let mut parts = Vec::new();
    let mut iter = sorted.into_iter().peekable();
    while let Some(start) = iter.next() {
        let mut end = start;
        while iter.peek() == Some(&(end.wrapping_add(1))) {
            end = iter.next().unwrap_or(end);
        }
        parts.push(if start == end {
            start.to_string()
        } else {
            format!("{start}:{end}")
        });
    }
    parts.join(",")
}

/// An IMAP quoted string; refuses CR/LF, which cannot be quoted.
fn quote(text: &str) -> Result<String, MailError> {
    if text.contains(['\r', '\n']) {
        return Err(MailError::new(
            "imap",
            "a search string contains a line break",
        ));
    }
    Ok(format!(
        "\"{}\"",
        text.replace('\\', "\\\\").replace('"', "\\\"")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uid_sets_are_compact() {
        assert_eq!(uid_set([3, 1, 2, 7, 9, 10, 10]), "1:3,7,9:10");
        assert_eq!(uid_set([5]), "5");
        assert_eq!(uid_set([]), "");
        assert_eq!(
            uid_set([u32::MAX - 1, u32::MAX]),
            format!("{}:{}", u32::MAX - 1, u32::MAX)
        );
    }

    #[test]
    fn quoting() {
        assert_eq!(quote("<a\"b@c>").unwrap(), "\"<a\\\"b@c>\"");
        assert!(quote("a\r\nb").is_err());
    }
}

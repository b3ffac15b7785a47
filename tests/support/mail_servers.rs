//! Test support: a private, real mail system for integration tests and the demo.
//!
//! [`MailServers::start`] launches a real **Dovecot** (IMAP + LMTP) and a real **Postfix** (SMTP)
//! on free loopback ports, configured from scratch inside a fresh temporary directory (nothing in
//! `/etc/dovecot` or `/etc/postfix` is read or touched, no system service is involved). Mail sent
//! to the SMTP port takes the real path Postfix → LMTP → Dovecot → Maildir, and any recipient at
//! any domain is accepted. Dropping the [`MailServers`] kills both servers and removes the
//! directory, also when the test panicked; a small watchdog process does the same if the test
//! process dies without running destructors (SIGKILL, `process::exit`, a `static`).
//!
//! The module is self-contained (no `crate::` paths) so it can be mounted anywhere with
//! `#[path = "support/mail_servers.rs"] mod mail_servers;`. It needs the crates `anyhow`,
//! `tokio` (rt, net, time, io-util), `async-imap` (runtime-tokio), `futures`, `lettre`
//! (smtp-transport, tokio1) and `tempfile`, and the Debian packages `dovecot-imapd`,
//! `dovecot-lmtpd` and `postfix` (`scripts/install-test-deps.sh`).
//!
//! ```ignore
//! let servers = MailServers::start().await?;
//! servers.add_user("info@calmo.dk", "secret")?;
//! servers.deliver(b"Subject: hi\r\n\r\nbody\r\n", "client@example.com", "info@calmo.dk").await?;
//! servers.wait_for_messages("info@calmo.dk", "secret", "INBOX", 1, Duration::from_secs(10)).await?;
//! // point the code under test at servers.host(), servers.imap_port(), servers.smtp_port()
//! ```
//!
//! # Users and mailboxes
//! * The IMAP login is the full, lower-cased e-mail address (`add_user("Info@Calmo.dk", pw)` logs
//!   in as `info@calmo.dk`; Dovecot lower-cases logins). Its Maildir is `dir()/mail/DOMAIN/LOCAL`, its
//!   password file `dir()/dovecot/users/LOGIN`.
//! * Delivery never needs `add_user`: LMTP accepts every recipient (static userdb,
//!   `allow_all_users`) and creates the mailbox on first delivery. `add_user` is only needed to log
//!   in over IMAP. `local+tag@domain` is delivered to `local@domain`'s INBOX.
//! * Every account has INBOX, Drafts, Sent, Trash and Junk (created and subscribed at first login,
//!   with the RFC 6154 special-use flags). The hierarchy separator is `/`.
//! * Mailbox names given to the helpers are plain Unicode ("Journalført"); they are encoded to
//!   IMAP modified UTF-7 for you ([`imap_utf7`]).
//!
//! # Parallelism
//! Each `MailServers` is fully independent (own directory, ports, processes), so tests in one
//! binary can each start their own instance in parallel. Start-up takes about 0.1 s (measured on
//! 2 cores: 70-110 ms alone, 4 at once 0.3 s, 8 at once 0.6 s) and teardown 10-60 ms (both
//! servers are SIGKILLed: Dovecot's graceful stop alone sleeps a fixed second, and nothing here
//! needs a clean shutdown), so one instance per test is the recommended pattern: nothing leaks
//! between tests. [`MailServers::shared`] offers one process-wide instance (never dropped;
//! cleaned up by the watchdog at exit) for the rare suite that wants it; use [`unique_address`]
//! there to keep tests apart.
//!
//! # Root and non-root
//! Dovecot runs as root or as an ordinary user. As root (CI) its login processes run as
//! `dovenull`, mail is stored as the `dovecot` user, and Postfix provides SMTP. Postfix needs
//! root; as an ordinary user the SMTP port is instead served by a small in-process relay
//! ([`SmtpBackend::Relay`]) that forwards each message to Dovecot's LMTP, so everything above
//! works unprivileged, minus Postfix's own behaviour (queueing, `Received:` headers, bounces).
//!
//! # Environment
//! * `MAIL_SERVERS_SMTP=postfix|relay` forces the SMTP side (default: Postfix when root).
//! * `MAIL_SERVERS_KEEP=1` keeps the directory (configs, logs, Maildirs) after teardown and prints
//!   its path; the servers are still stopped.
//! * `MAIL_SERVERS_TMPDIR=/path` where to create the directory (default `/tmp` as root, else
//!   `$TMPDIR`); it must be traversable by the `dovecot`, `dovenull` and `postfix` users.
//! * `MAIL_SERVERS_READY_TIMEOUT_SECS=N` start-up timeout (default 15).
//!
//! When a test panics while a `MailServers` is alive, the tail of both servers' logs is printed to
//! stderr (cargo shows it with the failure).

#![allow(dead_code)]

use std::fmt;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{Ipv4Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context, Result};
use futures::TryStreamExt;

/// The address every server listens on.
pub const HOST: &str = "127.0.0.1";

/// Gives every version of a user's passwd file a distinct mtime (see `add_user`).
static PASSWD_VERSION: AtomicU64 = AtomicU64::new(1);

/// Upper bound for any single network operation of the helpers (connect, login, command).
const IO_TIMEOUT: Duration = Duration::from_secs(10);
/// Interval of the bounded polling loops.
const POLL: Duration = Duration::from_millis(10);
/// How many times start-up is retried when a chosen port was taken meanwhile.
const START_ATTEMPTS: u32 = 3;

/// An authenticated IMAP session of the helpers (plain TCP over loopback).
pub type ImapSession = async_imap::Session<tokio::net::TcpStream>;

/// Which program serves the SMTP port.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SmtpBackend {
    /// A real Postfix (requires root): Postfix → LMTP → Dovecot.
    Postfix,
    /// A minimal in-process SMTP server that hands each message to Dovecot's LMTP synchronously.
    Relay,
}

/// Start-up options; `Options::default()` reads the `MAIL_SERVERS_*` environment variables.
#[derive(Clone, Debug)]
pub struct Options {
    /// `None`: Postfix when running as root, else the relay.
    pub smtp: Option<SmtpBackend>,
    /// Keep the directory after teardown (for post-mortems).
    pub keep_dir: bool,
    /// Give up starting after this long.
    pub ready_timeout: Duration,
    /// Parent of the temporary directory.
    pub tmp_parent: Option<PathBuf>,
    /// Also offer TLS: a private CA ([`MailServers::ca_file`]) signs a certificate for
    /// `localhost`/127.0.0.1; Dovecot answers IMAPS on [`MailServers::imaps_port`] and STARTTLS on
    /// the IMAP port, Postfix offers STARTTLS.
    pub tls: bool,
}

impl Default for Options {
    fn default() -> Self {
        let smtp = match std::env::var("MAIL_SERVERS_SMTP").ok().as_deref() {
            Some("postfix") => Some(SmtpBackend::Postfix),
            Some("relay") => Some(SmtpBackend::Relay),
            _ => None,
        };
        let keep_dir = std::env::var("MAIL_SERVERS_KEEP").is_ok_and(|v| !v.is_empty() && v != "0");
        let ready_timeout = std::env::var("MAIL_SERVERS_READY_TIMEOUT_SECS")
            .ok()
            .and_then(|v| v.parse().ok())
            .map(Duration::from_secs)
            .unwrap_or(Duration::from_secs(15));
        let tmp_parent = std::env::var_os("MAIL_SERVERS_TMPDIR").map(PathBuf::from);
        let tls = std::env::var("MAIL_SERVERS_TLS").is_ok_and(|v| !v.is_empty() && v != "0");
        Options {
            smtp,
            keep_dir,
            ready_timeout,
            tmp_parent,
            tls,
        }
    }
}

/// A running Dovecot + Postfix (or relay) pair; see the module documentation.
pub struct MailServers {
    dir: PathBuf,
    imap_port: u16,
    /// IMAPS (TLS from the first byte); 0 without [`Options::tls`].
    imaps_port: u16,
    tls: bool,
    lmtp_port: u16,
    smtp_port: u16,
    backend: SmtpBackend,
    dovecot_pid: Option<u32>,
    postfix_pid: Option<u32>,
    relay: Option<Relay>,
    watchdog: Option<Child>,
    users_lock: Mutex<()>,
    startup: Duration,
    keep_dir: bool,
    stopped: bool,
}

impl fmt::Debug for MailServers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MailServers")
            .field("dir", &self.dir)
            .field("imap_port", &self.imap_port)
            .field("lmtp_port", &self.lmtp_port)
            .field("smtp_port", &self.smtp_port)
            .field("backend", &self.backend)
            .finish_non_exhaustive()
    }
}

impl MailServers {
    /// Starts Dovecot and Postfix (or the relay when not root) and waits until all ports answer.
    pub async fn start() -> Result<MailServers> {
        Self::start_with(Options::default()).await
    }

    /// [`start`](Self::start) with explicit options.
    pub async fn start_with(options: Options) -> Result<MailServers> {
        tokio::task::spawn_blocking(move || Self::start_blocking_with(options))
            .await
            .context("mail server start-up task failed")?
    }

    /// Synchronous [`start`](Self::start), for code without a runtime.
    pub fn start_blocking() -> Result<MailServers> {
        Self::start_blocking_with(Options::default())
    }

    /// Synchronous [`start_with`](Self::start_with).
    pub fn start_blocking_with(options: Options) -> Result<MailServers> {
        let mut attempt = 1;
        loop {
            match Self::try_start(&options) {
                Ok(servers) => return Ok(servers),
                Err(e) if attempt < START_ATTEMPTS && format!("{e:#}").contains("in use") => {
                    attempt += 1; // a port we picked was taken in between: pick new ones
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// One process-wide instance, started on first use and never dropped (the watchdog stops it
    /// when the process exits). Give each test its own users ([`unique_address`]).
    pub fn shared() -> &'static MailServers {
        static SHARED: OnceLock<MailServers> = OnceLock::new();
        SHARED.get_or_init(|| match MailServers::start_blocking() {
            Ok(servers) => servers,
            Err(e) => panic!("starting the shared mail servers failed: {e:#}"),
        })
    }

    fn try_start(options: &Options) -> Result<MailServers> {
        let started = Instant::now();
        let root = effective_uid() == 0;
        let backend = options.smtp.unwrap_or(if root {
            SmtpBackend::Postfix
        } else {
            SmtpBackend::Relay
        });
        if backend == SmtpBackend::Postfix && !root {
            bail!("Postfix needs root; run as root or use MAIL_SERVERS_SMTP=relay");
        }
        let dovecot = find_program("dovecot").ok_or_else(|| {
            anyhow!("the `dovecot` program was not found; install dovecot-imapd and dovecot-lmtpd (scripts/install-test-deps.sh)")
        })?;

        let parent = options.tmp_parent.clone().unwrap_or_else(|| {
            if root {
                PathBuf::from("/tmp")
            } else {
                std::env::temp_dir()
            }
        });
        let dir = tempfile::Builder::new()
            .prefix("mail-servers-")
            .tempdir_in(&parent)
            .with_context(|| {
                format!(
                    "cannot create a temporary directory in {}",
                    parent.display()
                )
            })?
            .keep();
        let dir_str = dir.to_str().unwrap_or_default();
        if dir_str.is_empty()
            || dir_str.contains(|c: char| c.is_whitespace() || c == '"')
            || dir_str.len() > 60
        {
            let _ = fs::remove_dir_all(&dir);
            bail!("temporary directory {} is unusable for server configs (non-UTF-8, whitespace or too long for socket paths); set MAIL_SERVERS_TMPDIR", dir.display());
        }

        let (imap_port, lmtp_port, smtp_port, imaps_port) = {
            let ports = free_ports(4)?;
            let smtp = if backend == SmtpBackend::Postfix {
                ports[2]
            } else {
                0
            };
            let imaps = if options.tls { ports[3] } else { 0 };
            (ports[0], ports[1], smtp, imaps)
        };
        let mut servers = MailServers {
            dir,
            imap_port,
            imaps_port,
            tls: options.tls,
            lmtp_port,
            smtp_port,
            backend,
            dovecot_pid: None,
            postfix_pid: None,
            relay: None,
            watchdog: None,
            users_lock: Mutex::new(()),
            startup: Duration::ZERO,
            keep_dir: options.keep_dir,
            stopped: false,
        };
        // From here on, an error drops `servers`, which stops whatever was started.
        servers.watchdog = Some(spawn_watchdog(&servers.dir, options.keep_dir)?);
        let deadline = started + options.ready_timeout;

        // Launch everything, then wait for all greetings: the servers get ready in parallel.
        if options.tls {
            servers.write_tls_files()?;
        }
        servers.write_dovecot_config(root)?;
        if backend == SmtpBackend::Postfix {
            servers.write_postfix_config()?;
        }
        servers.start_dovecot(&dovecot, deadline)?;
        match backend {
            SmtpBackend::Postfix => servers.start_postfix(deadline)?,
            SmtpBackend::Relay => {
                let relay = Relay::start(lmtp_port)?;
                servers.smtp_port = relay.port;
                servers.relay = Some(relay);
            }
        }
        for (what, port, greeting) in [
            ("Dovecot IMAP", servers.imap_port, "* OK"),
            ("Dovecot LMTP", servers.lmtp_port, "220"),
            ("SMTP", servers.smtp_port, "220"),
        ] {
            wait_for_greeting(HOST, port, greeting, deadline).map_err(|e| {
                servers.with_logs(e.context(format!("{what} did not become ready")))
            })?;
        }
        servers.startup = started.elapsed();
        Ok(servers)
    }

    // ----- accessors ---------------------------------------------------------------------------

    /// Always `"127.0.0.1"`.
    pub fn host(&self) -> &'static str {
        HOST
    }
    /// Dovecot's plain-text IMAP port (no TLS; `LOGIN`/`AUTHENTICATE PLAIN` allowed).
    pub fn imap_port(&self) -> u16 {
        self.imap_port
    }
    /// Dovecot's IMAPS port (TLS from the first byte), when started with [`Options::tls`].
    pub fn imaps_port(&self) -> u16 {
        self.imaps_port
    }
    /// The private CA certificate (PEM) that signed the servers' certificate for `localhost` and
    /// 127.0.0.1, when started with [`Options::tls`].
    pub fn ca_file(&self) -> PathBuf {
        self.dir.join("tls/ca.pem")
    }
    /// Dovecot's LMTP port (what Postfix delivers to).
    pub fn lmtp_port(&self) -> u16 {
        self.lmtp_port
    }
    /// The SMTP port (Postfix, or the relay), no TLS, no authentication, any recipient accepted.
    pub fn smtp_port(&self) -> u16 {
        self.smtp_port
    }
    /// Which program serves [`smtp_port`](Self::smtp_port).
    pub fn smtp_backend(&self) -> SmtpBackend {
        self.backend
    }
    /// The temporary directory holding configs, logs (`dovecot/dovecot.log`,
    /// `postfix/postfix.log`) and Maildirs (`mail/`). Removed on drop.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
    /// Where the Maildir of `address` lives (it exists after the first delivery or login).
    pub fn maildir(&self, address: &str) -> PathBuf {
        let address = address.to_lowercase();
        let (local, domain) = address.rsplit_once('@').unwrap_or((&address, ""));
        self.dir.join("mail").join(domain).join(local)
    }
    /// Wall-clock time from the call to start until every port answered.
    pub fn startup_time(&self) -> Duration {
        self.startup
    }
    /// Dovecot's whole log.
    pub fn dovecot_log(&self) -> String {
        fs::read_to_string(self.dir.join("dovecot/dovecot.log")).unwrap_or_default()
    }
    /// Postfix's whole log (empty with the relay).
    pub fn postfix_log(&self) -> String {
        fs::read_to_string(self.dir.join("postfix/postfix.log")).unwrap_or_default()
    }
    /// The last `lines` lines of every server log, labelled, for error messages.
    pub fn log_tail(&self, lines: usize) -> String {
        let mut out = String::new();
        for (name, path) in [
            ("dovecot.log", "dovecot/dovecot.log"),
            ("dovecot start-up output", "dovecot/startup.out"),
            ("postfix.log", "postfix/postfix.log"),
            ("postfix start-up output", "postfix/startup.out"),
        ] {
            let Ok(text) = fs::read_to_string(self.dir.join(path)) else {
                continue;
            };
            if text.trim().is_empty() {
                continue;
            }
            let all: Vec<&str> = text.lines().collect();
            out.push_str(&format!(
                "--- {name} (last {} lines) ---\n",
                lines.min(all.len())
            ));
            for line in &all[all.len().saturating_sub(lines)..] {
                out.push_str(line);
                out.push('\n');
            }
        }
        out
    }

    /// The error, followed by the tail of the server logs.
    fn with_logs(&self, e: anyhow::Error) -> anyhow::Error {
        let tail = self.log_tail(25);
        if tail.is_empty() {
            e
        } else {
            anyhow!("{e:#}\nserver logs in {}:\n{tail}", self.dir.display())
        }
    }

    // ----- users -------------------------------------------------------------------------------

    /// Lets `address` log in over IMAP with `password` (any characters). The login is the
    /// lower-cased address. A new user can log in at once. Adding an existing address with a
    /// different password replaces it; that call may block for up to a second (Dovecot re-reads
    /// a user's passwd file at most once a second, so it waits until a stale read is impossible).
    pub fn add_user(&self, address: &str, password: &str) -> Result<()> {
        let login = address.trim().to_lowercase();
        if login.is_empty()
            || login.starts_with('.')
            || login.contains(|c: char| c == ':' || c == '/' || c.is_whitespace() || c.is_control())
        {
            bail!("invalid IMAP user name {address:?}: must be non-empty, without ':', '/', whitespace or a leading '.'");
        }
        let _guard = self.users_lock.lock().unwrap_or_else(|p| p.into_inner());
        let path = self.dir.join("dovecot/users").join(&login);
        // {PLAIN.b64}: the password may contain ':' or anything else.
        let line = format!("{login}:{{PLAIN.b64}}{}\n", base64(password.as_bytes()));
        let replacing = match fs::read_to_string(&path) {
            Ok(current) if current == line => return Ok(()), // same password: nothing to do
            Ok(_) => true,
            Err(_) => false,
        };
        // Written aside and renamed, so Dovecot's auth process never reads half a file. Every
        // version gets its own mtime: Dovecot reloads on a change of size or mtime (seconds).
        let tmp = self.dir.join("dovecot/users").join(format!(".new-{login}"));
        let file = fs::File::create(&tmp).context("writing a Dovecot passwd file")?;
        (&file).write_all(line.as_bytes())?;
        let version = PASSWD_VERSION.fetch_add(1, Ordering::Relaxed);
        file.set_modified(std::time::UNIX_EPOCH + Duration::from_secs(1_000_000_000 + version))?;
        drop(file);
        fs::set_permissions(&tmp, fs::Permissions::from_mode(0o644))?;
        fs::rename(&tmp, &path).context("installing a Dovecot passwd file")?;
        if replacing {
            // Dovecot skips the re-check if it already read this file within the current
            // second; from the next second on, every lookup sees the new password.
            let second = |t: std::time::SystemTime| {
                t.duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs())
            };
            let written = second(std::time::SystemTime::now());
            while second(std::time::SystemTime::now()) == written {
                thread::sleep(POLL);
            }
        }
        Ok(())
    }

    // ----- delivery ----------------------------------------------------------------------------

    /// Submits `raw_message` over SMTP (Postfix, or the relay) for one recipient. With Postfix it
    /// returns once Postfix queued the message; use [`wait_for_messages`](Self::wait_for_messages)
    /// to wait for the delivery.
    pub async fn deliver(&self, raw_message: &[u8], envelope_from: &str, rcpt: &str) -> Result<()> {
        self.deliver_many(raw_message, envelope_from, &[rcpt]).await
    }

    /// [`deliver`](Self::deliver) for several recipients in one transaction. An empty
    /// `envelope_from` means the null sender `<>`.
    pub async fn deliver_many(
        &self,
        raw_message: &[u8],
        envelope_from: &str,
        rcpts: &[&str],
    ) -> Result<()> {
        use lettre::address::{Address, Envelope};
        use lettre::transport::smtp::extension::ClientId;
        use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

        let from = if envelope_from.is_empty() {
            None
        } else {
            Some(
                envelope_from
                    .parse::<Address>()
                    .with_context(|| format!("bad envelope sender {envelope_from:?}"))?,
            )
        };
        let to = rcpts
            .iter()
            .map(|r| {
                r.parse::<Address>()
                    .with_context(|| format!("bad recipient {r:?}"))
            })
            .collect::<Result<Vec<_>>>()?;
        let envelope = Envelope::new(from, to).context("bad envelope")?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(HOST)
            .port(self.smtp_port)
            .hello_name(ClientId::Domain("localhost".into()))
            .timeout(Some(IO_TIMEOUT))
            .build();
        transport
            .send_raw(&envelope, raw_message)
            .await
            .map_err(|e| {
                self.with_logs(anyhow!(
                    "SMTP delivery to {rcpts:?} via port {} failed: {e}",
                    self.smtp_port
                ))
            })?;
        Ok(())
    }

    /// Delivers straight to Dovecot over LMTP, bypassing SMTP. Synchronous: when it returns the
    /// message is stored. Bare LF line ends are turned into CRLF.
    pub async fn deliver_lmtp(
        &self,
        raw_message: &[u8],
        envelope_from: &str,
        rcpt: &str,
    ) -> Result<()> {
        let data = dot_stuff(raw_message);
        let (port, from, rcpt) = (self.lmtp_port, envelope_from.to_owned(), rcpt.to_owned());
        tokio::task::spawn_blocking(move || lmtp_deliver(port, &from, &[rcpt], &data))
            .await
            .context("LMTP task failed")?
            .map_err(|e| self.with_logs(e))
    }

    /// Stores `raw_message` in `mailbox` with IMAP APPEND (e.g. to seed Drafts or Sent).
    /// `flags` like `Some("(\\Seen)")`.
    pub async fn append(
        &self,
        user: &str,
        password: &str,
        mailbox: &str,
        raw_message: &[u8],
        flags: Option<&str>,
    ) -> Result<()> {
        let mut session = self.imap_login(user, password).await?;
        io_timeout(session.append(imap_utf7(mailbox), flags, None, raw_message))
            .await
            .with_context(|| format!("APPEND to {mailbox:?} as {user}"))?;
        let _ = io_timeout(session.logout()).await;
        Ok(())
    }

    // ----- reading -----------------------------------------------------------------------------

    /// Logs in over IMAP (plain TCP) and returns the session, for checks the helpers don't cover.
    pub async fn imap_login(&self, user: &str, password: &str) -> Result<ImapSession> {
        let port = self.imap_port;
        let login = async {
            let tcp = tokio::net::TcpStream::connect((HOST, port))
                .await
                .with_context(|| format!("connecting to IMAP at {HOST}:{port}"))?;
            let mut client = async_imap::Client::new(tcp);
            client
                .read_response()
                .await
                .context("reading the IMAP greeting")?
                .ok_or_else(|| anyhow!("IMAP server closed the connection before its greeting"))?;
            client.login(user, password).await.map_err(|(e, _)| {
                anyhow!("IMAP login as {user:?} failed ({e}); did you add_user() it?")
            })
        };
        tokio::time::timeout(IO_TIMEOUT, login)
            .await
            .map_err(|_| anyhow!("IMAP login as {user:?} timed out"))?
    }

    /// Number of messages in `mailbox` (IMAP STATUS; 0 if the mailbox does not exist).
    pub async fn mailbox_count(&self, user: &str, password: &str, mailbox: &str) -> Result<u32> {
        let mut session = self.imap_login(user, password).await?;
        let count = status_messages(&mut session, mailbox).await?;
        let _ = io_timeout(session.logout()).await;
        Ok(count.unwrap_or(0))
    }

    /// Polls `mailbox` until it holds at least `count` messages; returns the number it holds.
    /// On timeout the error says how many arrived and shows the tail of the server logs.
    pub async fn wait_for_messages(
        &self,
        user: &str,
        password: &str,
        mailbox: &str,
        count: u32,
        timeout: Duration,
    ) -> Result<u32> {
        let deadline = tokio::time::Instant::now() + timeout;
        let mut session = self.imap_login(user, password).await?;
        let mut seen;
        loop {
            seen = status_messages(&mut session, mailbox).await?;
            if seen.is_some_and(|n| n >= count) {
                let _ = io_timeout(session.logout()).await;
                return Ok(seen.unwrap_or(0));
            }
            if tokio::time::Instant::now() >= deadline {
                break;
            }
            tokio::time::sleep(POLL * 2).await;
        }
        let state = match seen {
            Some(n) => format!("it holds {n}"),
            None => "it does not exist".to_owned(),
        };
        Err(self.with_logs(anyhow!("{user}'s mailbox {mailbox:?} did not reach {count} message(s) within {timeout:?}: {state}")))
    }

    /// Every message in `mailbox` as raw RFC 822 bytes, in mailbox order (BODY.PEEK[], so no flag
    /// changes). An empty vector if the mailbox is empty; an error if it does not exist.
    pub async fn fetch_all(
        &self,
        user: &str,
        password: &str,
        mailbox: &str,
    ) -> Result<Vec<Vec<u8>>> {
        let mut session = self.imap_login(user, password).await?;
        let selected = io_timeout(session.examine(imap_utf7(mailbox)))
            .await
            .with_context(|| format!("EXAMINE {mailbox:?} as {user}"))?;
        let mut out = Vec::new();
        if selected.exists > 0 {
            let mut fetches: Vec<async_imap::types::Fetch> = io_timeout(async {
                session
                    .fetch("1:*", "BODY.PEEK[]")
                    .await?
                    .try_collect()
                    .await
            })
            .await
            .with_context(|| format!("FETCH from {mailbox:?} as {user}"))?;
            fetches.sort_by_key(|f| f.message);
            for fetch in &fetches {
                out.push(fetch.body().map(<[u8]>::to_vec).unwrap_or_default());
            }
        }
        let _ = io_timeout(session.logout()).await;
        Ok(out)
    }

    // ----- teardown ----------------------------------------------------------------------------

    /// Stops the servers and removes the directory now, reporting problems (Drop does the same
    /// but can only print them). Returns how long it took.
    pub fn shutdown(mut self) -> Result<Duration> {
        self.teardown()
    }

    fn teardown(&mut self) -> Result<Duration> {
        if self.stopped {
            return Ok(Duration::ZERO);
        }
        self.stopped = true;
        let started = Instant::now();
        let mut problems = Vec::new();
        if let Some(relay) = self.relay.take() {
            relay.stop();
        }
        // Postfix first, so it does not try to deliver into a dying Dovecot. Both are killed
        // outright: their process groups contain every server process, and a graceful Dovecot
        // stop sleeps a fixed second. Nothing in here is worth a clean shutdown.
        let pids: Vec<u32> = [
            self.postfix_pid
                .or_else(|| read_pid(&self.dir.join("postfix/queue/pid/master.pid"))),
            self.dovecot_pid
                .or_else(|| read_pid(&self.dir.join("dovecot/run/master.pid"))),
        ]
        .into_iter()
        .flatten()
        .collect();
        for &pid in &pids {
            kill_process_group(pid);
        }
        let deadline = Instant::now() + Duration::from_secs(5);
        let ports = [self.imap_port, self.lmtp_port, self.smtp_port];
        while pids.iter().any(|&p| process_alive(p))
            || ports.iter().any(|&p| p != 0 && port_open(p))
        {
            if Instant::now() >= deadline {
                problems.push(format!(
                    "servers still running 5 s after SIGKILL (pids {pids:?}, ports {ports:?})"
                ));
                break;
            }
            thread::sleep(POLL);
        }
        if self.keep_dir {
            let _ = writeln!(
                std::io::stderr(),
                "mail servers: keeping {} (MAIL_SERVERS_KEEP)",
                self.dir.display()
            );
        } else if let Err(e) = remove_dir_all_retrying(&self.dir) {
            problems.push(format!("cannot remove {}: {e}", self.dir.display()));
        }
        if let Some(mut watchdog) = self.watchdog.take() {
            if problems.is_empty() {
                // Tell it that all is done; otherwise EOF makes it retry the cleanup.
                if let Some(mut stdin) = watchdog.stdin.take() {
                    let _ = stdin.write_all(b"done\n");
                }
            }
            drop(watchdog.stdin.take());
            let _ = watchdog.wait();
        }
        if problems.is_empty() {
            Ok(started.elapsed())
        } else {
            Err(anyhow!(problems.join("; ")))
        }
    }

    // ----- start-up internals ------------------------------------------------------------------

    fn write_dovecot_config(&self, root: bool) -> Result<()> {
        let d = self.dir.to_str().expect("checked to be UTF-8");
        for sub in ["dovecot", "dovecot/run", "dovecot/state", "mail", "postfix"] {
            fs::create_dir_all(self.dir.join(sub))?;
        }
        // Dovecot's unprivileged processes (auth as `dovecot`, logins as `dovenull`) and
        // Postfix's (as `postfix`) must traverse the directory.
        for sub in ["", "dovecot", "postfix"] {
            fs::set_permissions(self.dir.join(sub), fs::Permissions::from_mode(0o755))?;
        }
        let internal_group = if root {
            "dovecot".to_owned()
        } else {
            current_user_and_group()?.1
        };
        let (internal_user, login_user, mail_user) = if root {
            (
                "dovecot".to_owned(),
                "dovenull".to_owned(),
                "dovecot".to_owned(),
            )
        } else {
            let (me, _) = current_user_and_group()?;
            (me.clone(), me.clone(), me)
        };
        if root {
            let (uid, gid) = lookup_user(&mail_user).ok_or_else(|| {
                anyhow!("user {mail_user:?} not found; is dovecot-core installed?")
            })?;
            std::os::unix::fs::chown(self.dir.join("mail"), Some(uid), Some(gid))?;
            lookup_user(&login_user).ok_or_else(|| {
                anyhow!("user {login_user:?} not found; is dovecot-core installed?")
            })?;
        }
        fs::create_dir(self.dir.join("dovecot/users"))?;
        fs::set_permissions(
            self.dir.join("dovecot/users"),
            fs::Permissions::from_mode(0o755),
        )?;
        let config = format!(
            r#"# Generated by tests/support/mail_servers.rs for one test run.
instance_name = mail-servers
base_dir = {d}/dovecot/run
state_dir = {d}/dovecot/state
log_path = {d}/dovecot/dovecot.log
protocols = imap lmtp
listen = {HOST}
default_internal_user = {internal_user}
default_internal_group = {internal_group}
default_login_user = {login_user}
{ssl}
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_verbose = yes
# A failed login is answered after at most 0.5 s (the auth process checks its
# failure queue twice a second) instead of after 2 s.
auth_failure_delay = 0
first_valid_uid = 1
mail_uid = {mail_user}
mail_gid = {internal_group}
mail_location = maildir:{d}/mail/%d/%n
mail_fsync = never
# One passwd-file per user: Dovecot re-reads a passwd-file at most once a second, so with
# a single file a user added right after another one's login would be unknown for a moment;
# a new user's file is always read fresh.
passdb {{
  driver = passwd-file
  args = username_format=%Lu {d}/dovecot/users/%Lu
}}
userdb {{
  driver = static
  args = uid={mail_user} gid={internal_group} home={d}/mail/%d/%n allow_all_users=yes
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Drafts {{
    special_use = \Drafts
    auto = subscribe
  }}
  mailbox Sent {{
    special_use = \Sent
    auto = subscribe
  }}
  mailbox Trash {{
    special_use = \Trash
    auto = subscribe
  }}
  mailbox Junk {{
    special_use = \Junk
    auto = subscribe
  }}
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = {HOST}
    port = {imap}
  }}
  inet_listener imaps {{
    address = {HOST}
    port = {imaps}
  }}
}}
service lmtp {{
  inet_listener lmtp {{
    address = {HOST}
    port = {lmtp}
  }}
}}
service anvil {{
  chroot =
  # Moving this socket away disables the auth penalty: otherwise every login from
  # 127.0.0.1 after a failed one (a test of a wrong password) waits 2 s, then 4 s...
  unix_listener anvil-auth-penalty {{
    path = anvil-auth-penalty-disabled
  }}
}}
"#,
            imap = self.imap_port,
            imaps = self.imaps_port,
            lmtp = self.lmtp_port,
            ssl = if self.tls {
                format!("ssl = yes\nssl_cert = <{d}/tls/server.pem\nssl_key = <{d}/tls/server.key")
            } else {
                "ssl = no".to_owned()
            },
        );
        fs::write(self.dir.join("dovecot/dovecot.conf"), config)?;
        Ok(())
    }

    fn start_dovecot(&mut self, dovecot: &Path, deadline: Instant) -> Result<()> {
        let out = fs::File::create(self.dir.join("dovecot/startup.out"))?;
        // Dovecot forks into the background (a new session, so its process group holds all its
        // processes); output goes to a file because a pipe would stay open in the daemon.
        let status = Command::new(dovecot)
            .arg("-c")
            .arg(self.dir.join("dovecot/dovecot.conf"))
            .stdin(Stdio::null())
            .stdout(out.try_clone()?)
            .stderr(out)
            .status()
            .with_context(|| format!("running {}", dovecot.display()))?;
        if !status.success() {
            return Err(self.with_logs(anyhow!("dovecot failed to start ({status})")));
        }
        let pid_file = self.dir.join("dovecot/run/master.pid");
        self.dovecot_pid = Some(
            poll_until(deadline, || read_pid(&pid_file))
                .ok_or_else(|| self.with_logs(anyhow!("dovecot wrote no pid file")))?,
        );
        Ok(())
    }

    /// A private CA and a certificate it signed for `localhost` and 127.0.0.1 (openssl, EC
    /// keys: a few milliseconds), in `dir()/tls`.
    fn write_tls_files(&self) -> Result<()> {
        let t = self.dir.join("tls");
        fs::create_dir_all(&t)?;
        fs::set_permissions(&t, fs::Permissions::from_mode(0o755))?;
        fs::write(
            t.join("server.ext"),
            "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=critical,CA:FALSE\n\
             keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n",
        )?;
        let ec = [
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
        ];
        let steps: [Vec<&str>; 3] = [
            [
                &["req", "-x509"][..],
                &ec[..],
                &[
                    "-keyout",
                    "ca.key",
                    "-out",
                    "ca.pem",
                    "-days",
                    "2",
                    "-subj",
                    "/CN=mail-servers test CA",
                    "-addext",
                    "basicConstraints=critical,CA:TRUE",
                    "-addext",
                    "keyUsage=critical,keyCertSign,cRLSign",
                ][..],
            ]
            .concat(),
            [
                &["req"][..],
                &ec[..],
                &[
                    "-keyout",
                    "server.key",
                    "-out",
                    "server.csr",
                    "-subj",
                    "/CN=localhost",
                ][..],
            ]
            .concat(),
            vec![
                "x509",
                "-req",
                "-in",
                "server.csr",
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                "server.pem",
                "-days",
                "2",
                "-extfile",
                "server.ext",
            ],
        ];
        for args in steps {
            let out = Command::new("openssl")
                .args(&args)
                .current_dir(&t)
                .output()
                .context("running openssl (package openssl) to make test certificates")?;
            if !out.status.success() {
                bail!(
                    "openssl {} failed: {}",
                    args.join(" "),
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        }
        // Dovecot and Postfix read the key as root at start-up; keep it private anyway.
        fs::set_permissions(t.join("server.key"), fs::Permissions::from_mode(0o600))?;
        Ok(())
    }

    fn write_postfix_config(&self) -> Result<()> {
        let p = self.dir.join("postfix");
        let ps = p.to_str().expect("checked to be UTF-8");
        let (postfix_uid, _) = lookup_user("postfix")
            .ok_or_else(|| anyhow!("user \"postfix\" not found; is postfix installed?"))?;
        let postdrop_gid = lookup_group("postdrop")
            .ok_or_else(|| anyhow!("group \"postdrop\" not found; is postfix installed?"))?;
        for sub in ["etc", "data", "queue"] {
            fs::create_dir_all(p.join(sub))?;
            fs::set_permissions(p.join(sub), fs::Permissions::from_mode(0o755))?;
        }
        std::os::unix::fs::chown(p.join("data"), Some(postfix_uid), None)?;
        // The queue layout `postfix start` would create with `post-install create-missing`;
        // making it here lets us start `master` directly (7 ms instead of 2-3 s).
        let q = p.join("queue");
        for (sub, mode, gid) in [
            ("active", 0o700, 0),
            ("bounce", 0o700, 0),
            ("corrupt", 0o700, 0),
            ("defer", 0o700, 0),
            ("deferred", 0o700, 0),
            ("flush", 0o700, 0),
            ("hold", 0o700, 0),
            ("incoming", 0o700, 0),
            ("private", 0o700, 0),
            ("saved", 0o700, 0),
            ("trace", 0o700, 0),
            ("maildrop", 0o730, postdrop_gid),
            ("public", 0o710, postdrop_gid),
        ] {
            fs::create_dir(q.join(sub))?;
            std::os::unix::fs::chown(q.join(sub), Some(postfix_uid), Some(gid))?;
            fs::set_permissions(q.join(sub), fs::Permissions::from_mode(mode))?;
        }
        fs::create_dir(q.join("pid"))?;
        let main_cf = format!(
            r#"# Generated by tests/support/mail_servers.rs for one test run.
compatibility_level = 3.6
queue_directory = {ps}/queue
data_directory = {ps}/data
maillog_file = {ps}/postfix.log
maillog_file_prefixes = {ps}
myhostname = mail-servers.localhost
mydomain = localhost
myorigin = $myhostname
mydestination =
inet_interfaces = loopback-only
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
smtpd_peername_lookup = no
smtp_host_lookup = native
lmtp_host_lookup = native
relayhost =
alias_maps =
alias_database =
local_recipient_maps =
virtual_alias_maps =
virtual_mailbox_domains = static:all
virtual_mailbox_maps = static:all
virtual_transport = lmtp:inet:{HOST}:{lmtp}
message_size_limit = 52428800
queue_run_delay = 1s
minimal_backoff_time = 1s
maximal_backoff_time = 5s
biff = no
append_dot_mydomain = no
smtpd_banner = $myhostname ESMTP
{tls}
"#,
            lmtp = self.lmtp_port,
            tls = if self.tls {
                let t = self.dir.join("tls");
                let t = t.to_str().expect("checked to be UTF-8");
                format!("smtpd_tls_cert_file = {t}/server.pem\nsmtpd_tls_key_file = {t}/server.key\nsmtpd_tls_security_level = may")
            } else {
                String::new()
            },
        );
        // `chroot` (5th column) is `n` everywhere: the queue is not a chroot jail.
        let master_cf = format!(
            r#"# Generated by tests/support/mail_servers.rs for one test run.
{HOST}:{smtp} inet n - n - - smtpd
pickup     unix  n - n 60    1 pickup
cleanup    unix  n - n -     0 cleanup
qmgr       unix  n - n 300   1 qmgr
rewrite    unix  - - n -     - trivial-rewrite
bounce     unix  - - n -     0 bounce
defer      unix  - - n -     0 bounce
trace      unix  - - n -     0 bounce
verify     unix  - - n -     1 verify
flush      unix  n - n 1000? 0 flush
proxymap   unix  - - n -     - proxymap
proxywrite unix  - - n -     1 proxymap
smtp       unix  - - n -     - smtp
relay      unix  - - n -     - smtp
showq      unix  n - n -     - showq
error      unix  - - n -     - error
retry      unix  - - n -     - error
discard    unix  - - n -     - discard
lmtp       unix  - - n -     - lmtp
anvil      unix  - - n -     1 anvil
scache     unix  - - n -     1 scache
tlsmgr     unix  - - n 1000? 1 tlsmgr
postlog    unix-dgram n - n - 1 postlogd
"#,
            smtp = self.smtp_port,
        );
        // Postfix re-reads a config file until its mtime is over a second old (so it never
        // reads one mid-edit): 300 ms naps, 1.5-2 s per start. Backdating the files avoids that.
        let past = std::time::SystemTime::now() - Duration::from_secs(60);
        for (name, text) in [("etc/main.cf", main_cf), ("etc/master.cf", master_cf)] {
            let file = fs::File::create(p.join(name))?;
            (&file).write_all(text.as_bytes())?;
            file.set_modified(past)?;
        }
        Ok(())
    }

    fn start_postfix(&mut self, deadline: Instant) -> Result<()> {
        let p = self.dir.join("postfix");
        let master = postfix_master()?;
        let out = fs::File::create(p.join("startup.out"))?;
        // `master -w` daemonizes (new session) and returns once the master is initialized.
        let status = Command::new(&master)
            .arg("-c")
            .arg(p.join("etc"))
            .arg("-w")
            .env("MAIL_CONFIG", p.join("etc"))
            .stdin(Stdio::null())
            .stdout(out.try_clone()?)
            .stderr(out)
            .status()
            .with_context(|| format!("running {}", master.display()))?;
        if !status.success() {
            // master says nothing on failure (it logs through its own, not yet running, postlogd).
            if TcpListener::bind((HOST, self.smtp_port)).is_err() {
                return Err(anyhow!(
                    "postfix master failed to start: SMTP port {} is in use",
                    self.smtp_port
                ));
            }
            // `postfix check` explains config problems.
            let check = Command::new(find_program("postfix").unwrap_or_else(|| "postfix".into()))
                .arg("-c")
                .arg(p.join("etc"))
                .arg("check")
                .stdin(Stdio::null())
                .output();
            let mut msg = format!("postfix master failed to start ({status})");
            if let Ok(check) = check {
                msg.push_str(&format!(
                    "; `postfix check` says: {}{}",
                    String::from_utf8_lossy(&check.stdout),
                    String::from_utf8_lossy(&check.stderr)
                ));
            }
            return Err(self.with_logs(anyhow!(msg)));
        }
        let pid_file = p.join("queue/pid/master.pid");
        self.postfix_pid = Some(
            poll_until(deadline, || read_pid(&pid_file))
                .ok_or_else(|| self.with_logs(anyhow!("postfix master wrote no pid file")))?,
        );
        Ok(())
    }
}

impl Drop for MailServers {
    fn drop(&mut self) {
        // eprintln! would panic (abort, in a drop during a panic) if stderr is a closed pipe.
        if thread::panicking() && !self.stopped {
            let _ = writeln!(
                std::io::stderr(),
                "mail servers at {} (test failed):\n{}",
                self.dir.display(),
                self.log_tail(30)
            );
        }
        if let Err(e) = self.teardown() {
            let _ = writeln!(std::io::stderr(), "mail servers teardown: {e:#}");
        }
    }
}

/// A fresh address for tests sharing one instance: `{prefix}-{pid}-{n}@example.test`.
pub fn unique_address(prefix: &str) -> String {
    static N: AtomicU64 = AtomicU64::new(0);
    format!(
        "{prefix}-{}-{}@example.test",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}

/// Encodes a mailbox name as IMAP modified UTF-7 (RFC 3501 §5.1.3): `Journalført` →
/// `Journalf&APg-rt`.
pub fn imap_utf7(name: &str) -> String {
    const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";
    let mut out = String::new();
    let mut pending: Vec<u16> = Vec::new();
    let flush = |pending: &mut Vec<u16>, out: &mut String| {
        if pending.is_empty() {
            return;
        }
        let bytes: Vec<u8> = pending.iter().flat_map(|u| u.to_be_bytes()).collect();
        out.push('&');
        for chunk in bytes.chunks(3) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, b)| n | (*b as u32) << (16 - 8 * i));
            for i in 0..=chunk.len() {
                out.push(B64[(n >> (18 - 6 * i) & 63) as usize] as char);
            }
        }
        out.push('-');
        pending.clear();
    };
    for c in name.chars() {
        if (' '..='~').contains(&c) {
            flush(&mut pending, &mut out);
            if c == '&' {
                out.push_str("&-");
            } else {
                out.push(c);
            }
        } else {
            pending.extend(c.encode_utf16(&mut [0; 2]).iter());
        }
    }
    flush(&mut pending, &mut out);
    out
}

// ----- IMAP helpers ------------------------------------------------------------------------------

async fn io_timeout<T, E>(
    fut: impl std::future::Future<Output = std::result::Result<T, E>>,
) -> Result<T>
where
    E: std::error::Error + Send + Sync + 'static,
{
    match tokio::time::timeout(IO_TIMEOUT, fut).await {
        Ok(result) => Ok(result?),
        Err(_) => bail!("IMAP command timed out after {IO_TIMEOUT:?}"),
    }
}

/// STATUS (MESSAGES); `None` when the server says NO (no such mailbox).
async fn status_messages(session: &mut ImapSession, mailbox: &str) -> Result<Option<u32>> {
    match tokio::time::timeout(IO_TIMEOUT, session.status(imap_utf7(mailbox), "(MESSAGES)")).await {
        Ok(Ok(status)) => Ok(Some(status.exists)),
        Ok(Err(async_imap::error::Error::No(_))) => Ok(None),
        Ok(Err(e)) => Err(anyhow!("STATUS {mailbox:?} failed: {e}")),
        Err(_) => bail!("STATUS {mailbox:?} timed out"),
    }
}

// ----- LMTP and the relay ----------------------------------------------------------------------

/// SMTP/LMTP DATA encoding: CRLF line ends, leading dots doubled, ending in CRLF.
fn dot_stuff(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len() + 64);
    let mut at_line_start = true;
    let mut prev = 0u8;
    for &b in raw {
        if b == b'\n' && prev != b'\r' {
            out.push(b'\r');
        }
        if at_line_start && b == b'.' {
            out.push(b'.');
        }
        out.push(b);
        at_line_start = b == b'\n';
        prev = b;
    }
    if !out.ends_with(b"\r\n") {
        out.extend_from_slice(b"\r\n");
    }
    out
}

/// One LMTP transaction with already dot-stuffed `data`; fails unless every recipient got 250.
fn lmtp_deliver(port: u16, from: &str, rcpts: &[String], data: &[u8]) -> Result<()> {
    let stream =
        TcpStream::connect_timeout(&SocketAddr::from((Ipv4Addr::LOCALHOST, port)), IO_TIMEOUT)
            .with_context(|| format!("connecting to LMTP at {HOST}:{port}"))?;
    stream.set_read_timeout(Some(IO_TIMEOUT))?;
    stream.set_write_timeout(Some(IO_TIMEOUT))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    let expect = |reader: &mut BufReader<TcpStream>, code: &str, what: &str| -> Result<()> {
        let reply = read_reply(reader)?;
        if reply.starts_with(code) {
            Ok(())
        } else {
            bail!("LMTP {what}: {}", reply.trim_end())
        }
    };
    expect(&mut reader, "220", "greeting")?;
    writer.write_all(b"LHLO localhost\r\n")?;
    expect(&mut reader, "250", "LHLO")?;
    writer.write_all(format!("MAIL FROM:<{from}>\r\n").as_bytes())?;
    expect(&mut reader, "250", "MAIL FROM")?;
    for rcpt in rcpts {
        writer.write_all(format!("RCPT TO:<{rcpt}>\r\n").as_bytes())?;
        expect(&mut reader, "250", &format!("RCPT TO:<{rcpt}>"))?;
    }
    writer.write_all(b"DATA\r\n")?;
    expect(&mut reader, "354", "DATA")?;
    writer.write_all(data)?;
    writer.write_all(b".\r\n")?;
    for rcpt in rcpts {
        expect(&mut reader, "250", &format!("delivery to <{rcpt}>"))?;
    }
    let _ = writer.write_all(b"QUIT\r\n");
    Ok(())
}

/// Reads one (possibly multi-line) SMTP/LMTP reply.
fn read_reply(reader: &mut impl BufRead) -> Result<String> {
    let mut all = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            bail!("connection closed");
        }
        all.push_str(&line);
        if line.len() < 4 || line.as_bytes()[3] != b'-' {
            return Ok(all);
        }
    }
}

/// A minimal SMTP server on a free loopback port that forwards every message to Dovecot's LMTP
/// before answering DATA (so delivery is synchronous). No TLS, no AUTH, no pipelining.
struct Relay {
    port: u16,
    stop: Arc<AtomicBool>,
    thread: Option<thread::JoinHandle<()>>,
}

impl Relay {
    fn start(lmtp_port: u16) -> Result<Relay> {
        let listener = TcpListener::bind((HOST, 0)).context("binding the SMTP relay")?;
        let port = listener.local_addr()?.port();
        let stop = Arc::new(AtomicBool::new(false));
        let stop2 = stop.clone();
        let thread = thread::Builder::new()
            .name("smtp-relay".into())
            .spawn(move || {
                for conn in listener.incoming() {
                    if stop2.load(Ordering::SeqCst) {
                        break;
                    }
                    if let Ok(conn) = conn {
                        let _ = thread::Builder::new().name("smtp-relay-conn".into()).spawn(
                            move || {
                                let _ = relay_session(conn, lmtp_port);
                            },
                        );
                    }
                }
            })?;
        Ok(Relay {
            port,
            stop,
            thread: Some(thread),
        })
    }

    fn stop(mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect((HOST, self.port)); // wakes the accept loop
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn relay_session(stream: TcpStream, lmtp_port: u16) -> Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut w = stream;
    w.write_all(b"220 mail-servers-relay ESMTP\r\n")?;
    let (mut from, mut rcpts): (Option<String>, Vec<String>) = (None, Vec::new());
    let angle = |arg: &str| -> Option<String> {
        let start = arg.find('<')?;
        let end = start + arg[start..].find('>')?;
        Some(arg[start + 1..end].to_owned())
    };
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let upper = line.to_ascii_uppercase();
        let verb = upper.split_whitespace().next().unwrap_or("");
        match verb {
            "EHLO" => w.write_all(
                b"250-mail-servers-relay\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE 52428800\r\n",
            )?,
            "HELO" => w.write_all(b"250 mail-servers-relay\r\n")?,
            "MAIL" => match angle(&line) {
                Some(addr) => {
                    from = Some(addr);
                    rcpts.clear();
                    w.write_all(b"250 2.1.0 Ok\r\n")?
                }
                None => w.write_all(b"501 5.5.4 Syntax: MAIL FROM:<address>\r\n")?,
            },
            "RCPT" => match (angle(&line), &from) {
                (Some(addr), Some(_)) if !addr.is_empty() => {
                    rcpts.push(addr);
                    w.write_all(b"250 2.1.5 Ok\r\n")?
                }
                (_, None) => w.write_all(b"503 5.5.1 MAIL first\r\n")?,
                _ => w.write_all(b"501 5.5.4 Syntax: RCPT TO:<address>\r\n")?,
            },
            "DATA" if from.is_none() || rcpts.is_empty() => {
                w.write_all(b"503 5.5.1 RCPT first\r\n")?
            }
            "DATA" => {
                w.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")?;
                let mut data = Vec::new();
                loop {
                    let mut l = Vec::new();
                    if reader.read_until(b'\n', &mut l)? == 0 {
                        return Ok(());
                    }
                    if l == b".\r\n" || l == b".\n" {
                        break;
                    }
                    data.extend_from_slice(&l); // still dot-stuffed, exactly what LMTP wants
                }
                match lmtp_deliver(lmtp_port, from.as_deref().unwrap_or(""), &rcpts, &data) {
                    Ok(()) => w.write_all(b"250 2.0.0 Ok: delivered\r\n")?,
                    Err(e) => w.write_all(
                        format!(
                            "451 4.3.0 {}\r\n",
                            format!("{e:#}").replace(['\r', '\n'], " ")
                        )
                        .as_bytes(),
                    )?,
                }
                from = None;
                rcpts.clear();
            }
            "RSET" => {
                from = None;
                rcpts.clear();
                w.write_all(b"250 2.0.0 Ok\r\n")?
            }
            "NOOP" => w.write_all(b"250 2.0.0 Ok\r\n")?,
            "QUIT" => {
                w.write_all(b"221 2.0.0 Bye\r\n")?;
                let _ = w.shutdown(Shutdown::Both);
                return Ok(());
            }
            _ => w.write_all(b"502 5.5.2 Command not implemented\r\n")?,
        }
    }
}

// ----- process and system helpers --------------------------------------------------------------

/// A shell that waits on a pipe from this process. If the pipe closes without "done" (the test
/// process died without running Drop), it kills both servers' process groups and removes `dir`.
/// It has its own process group, so a Ctrl-C on the test does not kill it first.
fn spawn_watchdog(dir: &Path, keep_dir: bool) -> Result<Child> {
    let script = r#"
read -r line
[ "$line" = done ] && exit 0
for f in "$1/postfix/queue/pid/master.pid" "$1/dovecot/run/master.pid"; do
  if [ -f "$f" ] && read -r pid < "$f" && [ -n "$pid" ]; then kill -KILL -"$pid" 2>/dev/null; fi
done
[ "$2" = keep ] || { sleep 0.2; rm -rf "$1"; }
"#;
    Command::new("/bin/sh")
        .arg("-c")
        .arg(script)
        .arg("mail-servers-watchdog")
        .arg(dir)
        .arg(if keep_dir { "keep" } else { "remove" })
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .context("starting the cleanup watchdog (/bin/sh)")
}

/// `n` distinct free loopback ports. They are chosen below the kernel's ephemeral range
/// (32768+), so client connections of a busy test run cannot grab them before the servers bind;
/// the rare clash with another test's choice is handled by retrying start-up.
fn free_ports(n: usize) -> Result<Vec<u16>> {
    static SEQ: AtomicU64 = AtomicU64::new(0);
    let seed = std::process::id() as u64
        ^ std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
    let mut held = Vec::new();
    let mut ports = Vec::new();
    for _ in 0..2000 {
        if ports.len() == n {
            break;
        }
        // splitmix64 over (seed, sequence) for an even spread in 20000..32000
        let mut x = seed.wrapping_add(
            SEQ.fetch_add(1, Ordering::Relaxed)
                .wrapping_mul(0x9E37_79B9_7F4A_7C15),
        );
        x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        let port = 20000 + (x ^ (x >> 31)) % 12000;
        if let Ok(l) = TcpListener::bind((HOST, port as u16)) {
            held.push(l); // hold it until all are chosen, so they are distinct
            ports.push(port as u16);
        }
    }
    if ports.len() < n {
        bail!("found no free loopback ports in 20000..32000");
    }
    Ok(ports)
}

/// Connects until the server's first line starts with `prefix`, or the deadline passes.
fn wait_for_greeting(host: &str, port: u16, prefix: &str, deadline: Instant) -> Result<()> {
    let addr: SocketAddr = (host.parse::<Ipv4Addr>()?, port).into();
    let mut last;
    loop {
        match TcpStream::connect_timeout(&addr, Duration::from_millis(500)) {
            Ok(stream) => {
                stream.set_read_timeout(Some(Duration::from_secs(2)))?;
                let mut line = String::new();
                match BufReader::new(&stream).read_line(&mut line) {
                    Ok(_) if line.starts_with(prefix) => {
                        let _ = (&stream).write_all(if prefix == "220" {
                            b"QUIT\r\n"
                        } else {
                            b"a LOGOUT\r\n"
                        });
                        return Ok(());
                    }
                    Ok(_) => last = format!("unexpected greeting {:?}", line.trim_end()),
                    Err(e) => last = format!("reading the greeting: {e}"),
                }
            }
            Err(e) => last = format!("connecting: {e}"),
        }
        if Instant::now() >= deadline {
            bail!("port {port} not ready before the start-up timeout ({last})");
        }
        thread::sleep(POLL);
    }
}

fn poll_until<T>(deadline: Instant, mut f: impl FnMut() -> Option<T>) -> Option<T> {
    loop {
        if let Some(v) = f() {
            return Some(v);
        }
        if Instant::now() >= deadline {
            return None;
        }
        thread::sleep(POLL);
    }
}

fn port_open(port: u16) -> bool {
    TcpStream::connect_timeout(
        &SocketAddr::from((Ipv4Addr::LOCALHOST, port)),
        Duration::from_millis(200),
    )
    .is_ok()
}

fn read_pid(path: &Path) -> Option<u32> {
    fs::read_to_string(path).ok()?.trim().parse().ok()
}

/// `(state, process group)` from /proc/PID/stat.
fn proc_stat(pid: u32) -> Option<(char, u32)> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let mut fields = stat[stat.rfind(')')? + 2..].split(' ');
    let state = fields.next()?.chars().next()?;
    let _ppid = fields.next()?;
    Some((state, fields.next()?.parse().ok()?))
}

fn process_alive(pid: u32) -> bool {
    matches!(proc_stat(pid), Some((state, _)) if state != 'Z' && state != 'X')
}

/// SIGKILL to the process group led by `pid` (each server's master is a session leader, and all
/// its processes are in its group), or to `pid` alone if it leads no group.
fn kill_process_group(pid: u32) {
    let Some((_, pgid)) = proc_stat(pid) else {
        return;
    };
    let target = if pgid == pid {
        format!("-{pid}")
    } else {
        pid.to_string()
    };
    let _ = Command::new("/bin/sh")
        .arg("-c")
        .arg(format!("kill -KILL {target}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

fn remove_dir_all_retrying(dir: &Path) -> std::io::Result<()> {
    let mut tries = 0;
    loop {
        match fs::remove_dir_all(dir) {
            Ok(()) => return Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            // a dying process may still have created a file
            Err(_) if tries < 50 => {
                tries += 1;
                thread::sleep(POLL);
            }
            Err(e) => return Err(e),
        }
    }
}

fn effective_uid() -> u32 {
    fs::metadata("/proc/self")
        .map(|m| m.uid())
        .unwrap_or(u32::MAX)
}

/// Names of the current user and of its primary group (Dovecot wants names, not numbers).
fn current_user_and_group() -> Result<(String, String)> {
    let uid = effective_uid();
    let field = |db: &str, key: &str, n: usize| -> Option<String> {
        let out = Command::new("getent").args([db, key]).output().ok()?;
        let text = String::from_utf8_lossy(&out.stdout);
        let value = text.trim().split(':').nth(n)?.to_owned();
        (!value.is_empty()).then_some(value)
    };
    let user = field("passwd", &uid.to_string(), 0).ok_or_else(|| {
        anyhow!("uid {uid} has no user name (getent passwd {uid}); Dovecot needs one")
    })?;
    let gid = field("passwd", &uid.to_string(), 3).unwrap_or_default();
    let group = field("group", &gid, 0).ok_or_else(|| {
        anyhow!("group {gid} of user {user} has no name (getent group {gid}); Dovecot needs one")
    })?;
    Ok((user, group))
}

/// The fields of `name`'s entry in /etc/passwd or /etc/group, else from `getent` (NSS).
fn account_entry(db: &str, name: &str) -> Option<Vec<String>> {
    let split = |line: &str| {
        line.trim()
            .split(':')
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let from_file = fs::read_to_string(format!("/etc/{db}"))
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|l| l.split(':').next() == Some(name))
                .map(split)
        });
    from_file.or_else(|| {
        let out = Command::new("getent").args([db, name]).output().ok()?;
        Some(split(&String::from_utf8_lossy(&out.stdout))).filter(|f| f.len() > 2)
    })
}

/// `(uid, gid)` of a user.
fn lookup_user(name: &str) -> Option<(u32, u32)> {
    let f = account_entry("passwd", name)?;
    Some((f.get(2)?.parse().ok()?, f.get(3)?.parse().ok()?))
}

fn lookup_group(name: &str) -> Option<u32> {
    account_entry("group", name)?.get(2)?.parse().ok()
}

/// `$PATH`, then the sbin directories (which an ordinary user's PATH often lacks).
fn find_program(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin", "/usr/local/sbin", "/sbin"].map(PathBuf::from))
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// Postfix's `master` daemon: Debian's (or Red Hat's) path, else `postconf -h daemon_directory`.
fn postfix_master() -> Result<PathBuf> {
    static MASTER: OnceLock<Option<PathBuf>> = OnceLock::new();
    MASTER
        .get_or_init(|| {
            let from_postconf = || find_program("postconf").and_then(|postconf| {
                let out = Command::new(postconf).args(["-d", "-h", "daemon_directory"]).output().ok()?;
                Some(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()).join("master"))
            });
            [PathBuf::from("/usr/lib/postfix/sbin/master"), PathBuf::from("/usr/libexec/postfix/master")]
                .into_iter()
                .find(|p| p.is_file())
                .or_else(|| from_postconf().filter(|p| p.is_file()))
        })
        .clone()
        .ok_or_else(|| anyhow!("Postfix's master daemon was not found; install postfix (scripts/install-test-deps.sh)"))
}

fn base64(bytes: &[u8]) -> String {
    const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (*b as u32) << (16 - 8 * i));
        for i in 0..4 {
            out.push(if i <= chunk.len() {
                B64[(n >> (18 - 6 * i) & 63) as usize] as char
            } else {
                '='
            });
        }
    }
    out
}

/// `MailServers` is shared across threads and tasks (e.g. by [`MailServers::shared`]).
const _: () = {
    const fn check<T: Send + Sync>() {}
    check::<MailServers>()
};

//! The configuration file: the TOML contract of SPEC.md, read once at start and validated whole,
//! so that a bad file fails with one line naming the file, the key and what to do.
//!
//! Secrets never live here: the config names a password *file* or *environment variable*, and the
//! password is read only when a connection is made ([`ServerConfig::password`]). This module must
//! never log or print a secret, and never hold one in a `Debug`-printable field.

use std::fmt;
use std::net::IpAddr;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer};

use crate::domain::{Country, Language, RequestKind};
use crate::legal_clock::{InternalTarget, SuspensionPolicy, TargetDuration, TargetPolicy};

/// Where the config is looked for when `--config` is not given and `$GDPR_INBOX_CONFIG` is unset.
pub const DEFAULT_PATH: &str = "/etc/gdpr-inbox/config.toml";

/// A configuration problem, always naming the file; `Display` is one line a person can act on.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct ConfigError {
    pub path: PathBuf,
    pub message: String,
}

/// The whole, validated configuration.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub business: Business,
    pub imap: ServerConfig,
    pub smtp: ServerConfig,
    pub storage: Storage,
    #[serde(default)]
    pub policy: Policy,
    #[serde(default)]
    pub facts: Facts,
    #[serde(default)]
    pub deadlines: Deadlines,
    /// The file this was read from (for messages).
    #[serde(skip)]
    pub path: PathBuf,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Business {
    pub name: String,
    pub country: Country,
    /// The business's own language: reminders and digests, and replies when the client's
    /// language is unknown.
    pub language: Option<Language>,
    /// The watched inbox; replies are sent from here.
    pub address: String,
    /// Where reminders and digests go.
    pub practitioner: String,
}

impl Business {
    pub fn language(&self) -> Language {
        self.language
            .unwrap_or_else(|| self.country.default_language())
    }
}

/// How a connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    /// TLS from the first byte (IMAPS 993, SMTPS 465).
    Tls,
    /// Plain connection upgraded with STARTTLS before login.
    Starttls,
    /// No encryption; only allowed to a loopback host.
    None,
}

/// An IMAP or SMTP server and how to log in to it.
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerConfig {
    pub host: String,
    pub port: u16,
    #[serde(default = "default_security")]
    pub security: Security,
    pub username: Option<String>,
    pub password_file: Option<PathBuf>,
    pub password_env: Option<String>,
    /// A PEM file of extra CA certificates to trust (a server with a private CA); the public
    /// web PKI roots are always trusted.
    pub ca_file: Option<PathBuf>,
    /// IMAP only: the watched mailbox.
    #[serde(default = "default_inbox")]
    pub mailbox: String,
    /// IMAP only: how often to look for new mail when the server cannot IDLE.
    #[serde(default = "default_poll", deserialize_with = "de_duration")]
    pub poll_interval: Duration,
    /// IMAP only: mail that reached the mailbox longer ago than this when it is first read (old
    /// mail at the first run, after a UIDVALIDITY change, or moved back into the inbox) opens no
    /// case; a request in it goes on the review list instead.
    #[serde(default = "default_read_history", deserialize_with = "de_duration")]
    pub read_history: Duration,
    /// IMAP only: wait for new mail with IDLE when the server offers it (`false` polls every
    /// `poll_interval`, for servers whose IDLE is unreliable).
    #[serde(default = "default_true")]
    pub idle: bool,
    /// IMAP only: the Sent folder; found by SPECIAL-USE when not given.
    pub sent_folder: Option<String>,
    /// IMAP only: the Drafts folder; found by SPECIAL-USE when not given.
    pub drafts_folder: Option<String>,
    /// IMAP only: the Trash folder; found by SPECIAL-USE when not given.
    pub trash_folder: Option<String>,
}

impl fmt::Debug for ServerConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServerConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("username", &self.username)
            .field("password_file", &self.password_file)
            .field("password_env", &self.password_env)
            .finish_non_exhaustive()
    }
}

/// A password read from a file or the environment. Never printed.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl ServerConfig {
    /// Whether the host is a loopback address (or `localhost`), where plaintext is allowed.
    pub fn is_loopback(&self) -> bool {
        is_loopback_host(&self.host)
    }

    /// The password, read now from `password_file` or `password_env`; `None` when neither is
    /// configured (an SMTP relay on loopback needs none).
    pub fn password(&self) -> Result<Option<Secret>, String> {
        if let Some(file) = &self.password_file {
            check_secret_file(file)?;
            let text = std::fs::read_to_string(file)
                .map_err(|e| format!("cannot read password file {}: {e}", file.display()))?;
            let password = text.trim_end_matches(['\r', '\n']).to_string();
            if password.is_empty() {
                return Err(format!("password file {} is empty", file.display()));
            }
            return Ok(Some(Secret(password)));
        }
        if let Some(var) = &self.password_env {
            return match std::env::var(var) {
                Ok(value) if !value.is_empty() => Ok(Some(Secret(value))),
                _ => Err(format!(
                    "environment variable {var} (password_env) is not set or empty"
                )),
            };
        }
        Ok(None)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Storage {
    pub database: PathBuf,
    pub journal_dir: PathBuf,
}

/// When identity documents are asked for (Art. 12(6), EDPB 01/2022 §§ 64–79).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdCheck {
    /// Every request that may need it (not unsubscribe or withdrawal of consent).
    Always,
    /// Only when the sender has never written to the business before.
    UnknownSenders,
    Never,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// A client's mail must be filed this long after arrival.
    #[serde(default = "hours_48", deserialize_with = "de_duration")]
    pub file_within: Duration,
    /// And deleted at the latest this long after filing.
    #[serde(default = "hours_48", deserialize_with = "de_duration")]
    pub delete_after_filing: Duration,
    #[serde(default = "default_id_check")]
    pub id_check: IdCheck,
    /// Send an automatic acknowledgment of receipt (`Auto-Submitted: auto-replied`).
    #[serde(default)]
    pub acknowledge_receipt: bool,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            file_within: hours_48(),
            delete_after_filing: hours_48(),
            id_check: default_id_check(),
            acknowledge_receipt: false,
        }
    }
}

impl Policy {
    /// Whether a request of these kinds from a sender (known or not) needs identity documents.
    pub fn needs_id(&self, kinds: &[RequestKind], sender_known: bool) -> bool {
        let any_needs = kinds.iter().any(|k| k.may_require_id());
        match self.id_check {
            IdCheck::Always => any_needs,
            IdCheck::UnknownSenders => any_needs && !sender_known,
            IdCheck::Never => false,
        }
    }
}

/// Facts from the business's privacy policy, quoted in replies. Written in the business's language.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    /// What personal data is held, e.g. "name, contact details, appointments and session notes".
    #[serde(default)]
    pub data_held: String,
    /// Why it is held.
    #[serde(default)]
    pub purposes: String,
    /// How long it is kept.
    #[serde(default)]
    pub retention: String,
    /// Which processors receive it.
    #[serde(default)]
    pub processors: String,
}

/// Internal targets, reminders and the suspension rule (`[deadlines]`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deadlines {
    /// An ID request suspends the legal clock only when sent at most this many days after the
    /// day of receipt ("without undue delay", EDPB 01/2022 §159).
    #[serde(default = "default_ask_id_within_days")]
    pub ask_id_within_days: u32,
    /// Remind the practitioner this many days before each deadline (0 = on the day); overdue
    /// items are always reminded once.
    #[serde(default = "default_reminder_days")]
    pub reminder_days: Vec<u32>,
    /// Internal target: the first answer to a request (e.g. the ID request) within this long.
    #[serde(default = "default_first_answer", deserialize_with = "de_target")]
    pub first_answer: TargetDuration,
    /// Internal target: the request fulfilled (case closed) within this long.
    #[serde(default = "default_fulfilment", deserialize_with = "de_target")]
    pub fulfilment: TargetDuration,
    /// Per-kind overrides, e.g. `[deadlines.kinds.erasure] fulfilment = "10d"`.
    #[serde(default)]
    pub kinds: BTreeMap<RequestKind, KindTargets>,
}

/// Targets for one request kind; unset ones fall back to `[deadlines]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindTargets {
    #[serde(default, deserialize_with = "de_target_opt")]
    pub first_answer: Option<TargetDuration>,
    #[serde(default, deserialize_with = "de_target_opt")]
    pub fulfilment: Option<TargetDuration>,
}

impl Default for Deadlines {
    fn default() -> Self {
        Deadlines {
            ask_id_within_days: default_ask_id_within_days(),
            reminder_days: default_reminder_days(),
            first_answer: default_first_answer(),
            fulfilment: default_fulfilment(),
            kinds: BTreeMap::new(),
        }
    }
}

impl Deadlines {
    pub fn suspension_policy(&self) -> SuspensionPolicy {
        SuspensionPolicy {
            ask_within_days: self.ask_id_within_days,
        }
    }

    /// The internal targets as the legal clock takes them.
    pub fn target_policy(&self) -> TargetPolicy {
        let targets = |first: TargetDuration, fulfil: TargetDuration| {
            vec![
                InternalTarget::new(FIRST_ANSWER, first),
                InternalTarget::new(FULFILMENT, fulfil),
            ]
        };
        TargetPolicy {
            default: targets(self.first_answer, self.fulfilment),
            per_kind: self
                .kinds
                .iter()
                .map(|(kind, t)| {
                    (
                        *kind,
                        targets(
                            t.first_answer.unwrap_or(self.first_answer),
                            t.fulfilment.unwrap_or(self.fulfilment),
                        ),
                    )
                })
                .collect(),
        }
    }
}

/// Name of the internal target met by the first message sent to the requester.
pub const FIRST_ANSWER: &str = "first_answer";
/// Name of the internal target met when the case is closed.
pub const FULFILMENT: &str = "fulfilment";

fn default_ask_id_within_days() -> u32 {
    SuspensionPolicy::default().ask_within_days
}
fn default_reminder_days() -> Vec<u32> {
    crate::legal_clock::DEFAULT_HORIZONS.to_vec()
}
fn default_first_answer() -> TargetDuration {
    TargetDuration::Hours(48)
}
fn default_fulfilment() -> TargetDuration {
    TargetDuration::Days(10)
}

fn de_target<'de, D: Deserializer<'de>>(d: D) -> Result<TargetDuration, D::Error> {
    let text = String::deserialize(d)?;
    text.parse().map_err(serde::de::Error::custom)
}

fn de_target_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<TargetDuration>, D::Error> {
    de_target(d).map(Some)
}

fn default_security() -> Security {
    Security::Tls
}
fn default_read_history() -> Duration {
    Duration::from_secs(30 * 86_400)
}
fn default_true() -> bool {
    true
}
fn default_inbox() -> String {
    "INBOX".to_string()
}
fn default_poll() -> Duration {
    Duration::from_secs(60)
}
fn hours_48() -> Duration {
    Duration::from_secs(48 * 3600)
}
fn default_id_check() -> IdCheck {
    IdCheck::Always
}

fn de_duration<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
    let text = String::deserialize(d)?;
    parse_duration(&text).map_err(serde::de::Error::custom)
}

/// Parse `"48h"`, `"60s"`, `"10d"`, `"30m"` or a combination like `"1d12h"`.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let invalid =
        || format!("invalid duration {text:?}: write e.g. \"48h\", \"10d\", \"30m\", \"60s\"");
    let mut total: u64 = 0;
    let mut number = String::new();
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(invalid());
    }
    for c in trimmed.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let unit = match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            'w' => 7 * 86_400,
            _ => return Err(invalid()),
        };
        let n: u64 = number.parse().map_err(|_| invalid())?;
        total = n
            .checked_mul(unit)
            .and_then(|v| total.checked_add(v))
            .ok_or_else(invalid)?;
        number.clear();
    }
    if !number.is_empty() {
        return Err(invalid());
    }
    Ok(Duration::from_secs(total))
}

/// Whether `host` names this machine: `localhost` or a loopback IP.
pub fn is_loopback_host(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

fn check_secret_file(file: &Path) -> Result<(), String> {
    let meta = std::fs::metadata(file).map_err(|e| {
        format!(
            "password file {} cannot be read ({e}); create it with mode 0600 or use password_env",
            file.display()
        )
    })?;
    if !meta.is_file() {
        return Err(format!(
            "password file {} is not a regular file",
            file.display()
        ));
    }
    if meta.permissions().mode() & 0o004 != 0 {
        return Err(format!(
            "password file {} is readable by everyone; run: chmod 600 {}",
            file.display(),
            file.display()
        ));
    }
    Ok(())
}

impl Config {
    /// Which file to read: `--config`, else `$GDPR_INBOX_CONFIG`, else [`DEFAULT_PATH`].
    pub fn locate(explicit: Option<&Path>) -> PathBuf {
        explicit
            .map(Path::to_path_buf)
            .or_else(|| std::env::var_os("GDPR_INBOX_CONFIG").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from(DEFAULT_PATH))
    }

    /// Read and validate the file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: path.to_path_buf(),
            message: format!(
                "cannot read the config file ({e}); pass --config FILE or set GDPR_INBOX_CONFIG"
            ),
        })?;
        Config::parse(&text, path)
    }

    /// Parse and validate config text; `path` is only used in messages.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let error = |message: String| ConfigError {
            path: path.to_path_buf(),
            message,
        };
        let mut config: Config = toml::from_str(text).map_err(|e| error(toml_message(text, &e)))?;
        config.path = path.to_path_buf();
        config.validate().map_err(error)?;
        Ok(config)
    }

    fn validate(&self) -> Result<(), String> {
        require_nonempty("business.name", &self.business.name)?;
        require_address("business.address", &self.business.address)?;
        require_address("business.practitioner", &self.business.practitioner)?;
        for (section, server) in [("imap", &self.imap), ("smtp", &self.smtp)] {
            require_nonempty(&format!("{section}.host"), &server.host)?;
            if server.port == 0 {
                return Err(format!("{section}.port: must be a port number, 1-65535"));
            }
            if server.security == Security::None && !server.is_loopback() {
                return Err(format!(
                    "{section}.security: \"none\" sends passwords and mail in clear text and is only allowed to a loopback host ({section}.host = {:?}); use \"tls\" or \"starttls\"",
                    server.host
                ));
            }
            if server.password_file.is_some() && server.password_env.is_some() {
                return Err(format!(
                    "{section}: set password_file or password_env, not both"
                ));
            }
            if let Some(file) = &server.password_file {
                check_secret_file(file).map_err(|e| format!("{section}.password_file: {e}"))?;
            }
            if let Some(file) = &server.ca_file {
                if !file.is_file() {
                    return Err(format!(
                        "{section}.ca_file: {} is not a readable file of PEM certificates",
                        file.display()
                    ));
                }
            }
        }
        if self.imap.username.is_none() {
            return Err("imap.username: missing; the IMAP login name is required".into());
        }
        if self.imap.password_file.is_none() && self.imap.password_env.is_none() {
            return Err(
                "imap: set password_file (e.g. a systemd credential) or password_env; passwords never go in the config"
                    .into(),
            );
        }
        if self.imap.poll_interval < Duration::from_secs(5) {
            return Err("imap.poll_interval: must be at least \"5s\"".into());
        }
        if self.smtp.username.is_some()
            && self.smtp.password_file.is_none()
            && self.smtp.password_env.is_none()
        {
            return Err("smtp: a username is set but no password_file or password_env".into());
        }
        if self.policy.file_within.is_zero() || self.policy.delete_after_filing.is_zero() {
            return Err("policy: file_within and delete_after_filing must be longer than 0".into());
        }
        for (key, dir) in [
            ("storage.database", &self.storage.database),
            ("storage.journal_dir", &self.storage.journal_dir),
        ] {
            if !dir.is_absolute() {
                return Err(format!(
                    "{key}: must be an absolute path, got {}",
                    dir.display()
                ));
            }
        }
        Ok(())
    }
}

fn require_nonempty(key: &str, value: &str) -> Result<(), String> {
    if value.trim().is_empty() {
        return Err(format!("{key}: must not be empty"));
    }
    Ok(())
}

fn require_address(key: &str, value: &str) -> Result<(), String> {
    let value = value.trim();
    let valid = value.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty() && (domain.contains('.') || domain == "localhost")
    }) && !value.contains(char::is_whitespace);
    if !valid {
        return Err(format!("{key}: {value:?} is not an e-mail address"));
    }
    Ok(())
}

/// The toml crate's messages span several lines with a source excerpt; we want one line with the
/// line number and the message.
fn toml_message(text: &str, error: &toml::de::Error) -> String {
    let message = error.message().trim().replace('\n', " ");
    match error.span() {
        Some(span) => {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let section = before
                .lines()
                .rev()
                .map(str::trim)
                .find(|l| l.starts_with('[') && l.ends_with(']'))
                .map(|l| format!(" in {l}"))
                .unwrap_or_default();
            format!("line {line}{section}: {message}")
        }
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) const EXAMPLE: &str = r#"
[business]
name = "Calmo"
country = "DK"
language = "da"
address = "info@calmo.dk"
practitioner = "info@calmo.dk"

[imap]
host = "127.0.0.1"
port = 1143
security = "none"
username = "info@calmo.dk"
password_env = "GDPR_TEST_IMAP_PASSWORD"

[smtp]
host = "127.0.0.1"
port = 1025
security = "none"

[storage]
database = "/var/lib/gdpr-inbox/state.db"
journal_dir = "/var/lib/gdpr-inbox/journal"

[policy]
file_within = "48h"
delete_after_filing = "2d"
"#;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, Path::new("/etc/gdpr-inbox/config.toml"))
    }

    #[test]
    fn example_parses_with_defaults() {
        let config = parse(EXAMPLE).unwrap();
        assert_eq!(config.business.country, Country::Denmark);
        assert_eq!(config.imap.mailbox, "INBOX");
        assert_eq!(config.imap.poll_interval, Duration::from_secs(60));
        assert_eq!(
            config.policy.delete_after_filing,
            Duration::from_secs(48 * 3600)
        );
        assert_eq!(config.policy.id_check, IdCheck::Always);
    }

    #[test]
    fn unknown_key_is_named_with_its_line() {
        let text = EXAMPLE.replace("port = 1143", "port = 1143\nhostname = \"x\"");
        let err = parse(&text).unwrap_err().to_string();
        assert!(
            err.starts_with("/etc/gdpr-inbox/config.toml: line 12 in [imap]:"),
            "{err}"
        );
        assert!(err.contains("hostname"), "{err}");
        assert!(!err.contains('\n'));
    }

    #[test]
    fn plaintext_to_a_remote_host_is_refused() {
        let text = EXAMPLE.replacen("host = \"127.0.0.1\"", "host = \"mail.example.com\"", 1);
        let err = parse(&text).unwrap_err().to_string();
        assert!(err.contains("imap.security"), "{err}");
        assert!(err.contains("mail.example.com"), "{err}");
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("48h"), Ok(Duration::from_secs(172_800)));
        assert_eq!(parse_duration("1d12h"), Ok(Duration::from_secs(129_600)));
        assert_eq!(parse_duration("90s"), Ok(Duration::from_secs(90)));
        for bad in ["", "48", "h", "4x", "-1h", "99999999999999999999d"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
        let text = EXAMPLE.replace("\"2d\"", "\"two days\"");
        let err = parse(&text).unwrap_err().to_string();
        assert!(err.contains("invalid duration"), "{err}");
    }

    #[test]
    fn loopback_hosts() {
        for host in ["127.0.0.1", "localhost", "::1", "[::1]", "127.5.0.1"] {
            assert!(is_loopback_host(host), "{host}");
        }
        for host in ["10.0.0.1", "mail.example.com", "localhost.example.com"] {
            assert!(!is_loopback_host(host), "{host}");
        }
    }

    #[test]
    fn id_policy() {
        let mut policy = Policy::default();
        assert!(policy.needs_id(&[RequestKind::Access], true));
        assert!(!policy.needs_id(&[RequestKind::Unsubscribe], false));
        policy.id_check = IdCheck::UnknownSenders;
        assert!(!policy.needs_id(&[RequestKind::Erasure], true));
        assert!(policy.needs_id(&[RequestKind::Erasure], false));
        policy.id_check = IdCheck::Never;
        assert!(!policy.needs_id(&[RequestKind::Erasure], false));
    }

    #[test]
    fn deadlines_default_to_the_seed_policy_and_take_per_kind_overrides() {
        let config = parse(EXAMPLE).unwrap();
        assert_eq!(config.deadlines.target_policy(), TargetPolicy::seed());
        assert_eq!(config.deadlines.reminder_days, vec![7, 2, 0]);
        let text = format!("{EXAMPLE}\n[deadlines]\nfulfilment = \"30d\"\n[deadlines.kinds.erasure]\nfulfilment = \"10d\"\n");
        let policy = parse(&text).unwrap().deadlines.target_policy();
        assert_eq!(
            policy.for_kind(RequestKind::Access)[1].within,
            TargetDuration::Days(30)
        );
        assert_eq!(
            policy.for_kind(RequestKind::Erasure)[1].within,
            TargetDuration::Days(10)
        );
        assert_eq!(
            policy.for_kind(RequestKind::Erasure)[0].within,
            TargetDuration::Hours(48)
        );
        let bad = format!("{EXAMPLE}\n[deadlines.kinds.erasure]\nfulfilment = \"soon\"\n");
        assert!(parse(&bad).unwrap_err().to_string().contains("soon"));
    }

    #[test]
    fn secrets_are_not_debug_printed() {
        assert_eq!(format!("{:?}", Secret("hunter2".into())), "Secret(***)");
    }
}

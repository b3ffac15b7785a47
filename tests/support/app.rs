//! Test support: gdpr-inbox as a user meets it — a config file written from the SPEC.md contract
//! in a private temporary directory, pointed at a [`MailServers`] pair, and the real binary run
//! with `--config`. Mount next to `mail_servers.rs`:
//!
//! ```ignore
//! #[path = "support/mail_servers.rs"] mod mail_servers;
//! #[path = "support/app.rs"] mod app;
//! ```

#![allow(dead_code)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::mail_servers::MailServers;

/// The business mailbox every test uses.
pub const BUSINESS: &str = "info@calmo.test";
pub const BUSINESS_PASSWORD: &str = "business-secret";

/// A configured gdpr-inbox installation in a temporary directory.
pub struct App {
    pub dir: tempfile::TempDir,
    pub config_path: PathBuf,
}

/// The config text for `servers`, with `state` as the state directory. `extra` is appended (for
/// `[policy]`/`[facts]` sections).
pub fn config_text(
    servers: &MailServers,
    state: &Path,
    password_file: &Path,
    extra: &str,
) -> String {
    format!(
        r#"[business]
name = "Calmo"
country = "DK"
language = "da"
address = "{BUSINESS}"
practitioner = "{BUSINESS}"

[imap]
host = "{host}"
port = {imap}
security = "none"
username = "{BUSINESS}"
password_file = "{password}"
poll_interval = "5s"

[smtp]
host = "{host}"
port = {smtp}
security = "none"

[storage]
database = "{state}/state.db"
journal_dir = "{state}/journal"
{extra}
"#,
        host = servers.host(),
        imap = servers.imap_port(),
        smtp = servers.smtp_port(),
        password = password_file.display(),
        state = state.display(),
    )
}

impl App {
    /// Create the business account and a config pointing at `servers`.
    pub fn new(servers: &MailServers) -> App {
        App::with_extra(servers, "")
    }

    /// Like [`App::new`], with extra config text appended.
    pub fn with_extra(servers: &MailServers, extra: &str) -> App {
        servers
            .add_user(BUSINESS, BUSINESS_PASSWORD)
            .expect("create the business mailbox");
        let dir = tempfile::tempdir().expect("temp dir");
        let password_file = dir.path().join("imap-password");
        std::fs::write(&password_file, format!("{BUSINESS_PASSWORD}\n")).unwrap();
        std::fs::set_permissions(&password_file, std::fs::Permissions::from_mode(0o600)).unwrap();
        let config_path = dir.path().join("config.toml");
        let text = config_text(servers, &dir.path().join("state"), &password_file, extra);
        std::fs::write(&config_path, text).unwrap();
        App { dir, config_path }
    }

    pub fn database(&self) -> PathBuf {
        self.dir.path().join("state/state.db")
    }

    /// Run the binary with this config; returns its output whatever the exit status.
    pub fn run(&self, args: &[&str]) -> Output {
        binary(&self.config_path, args)
    }

    /// Run with the clock pinned to `now` (RFC 3339), as `GDPR_INBOX_NOW` does.
    pub fn run_at(&self, now: &str, args: &[&str]) -> Output {
        Command::new(binary_path())
            .arg("--config")
            .arg(&self.config_path)
            .args(args)
            .env("GDPR_INBOX_LOG", "warn")
            .env("GDPR_INBOX_NOW", now)
            .output()
            .expect("run gdpr-inbox")
    }

    /// Run and require success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "gdpr-inbox {args:?} failed with {}:\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("stdout is UTF-8")
    }

    /// Run a `--json` command; one JSON value per line.
    pub fn json(&self, args: &[&str]) -> Vec<serde_json::Value> {
        self.ok(args)
            .lines()
            .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
            .collect()
    }
}

/// The real `gdpr-inbox` binary: cargo's path for integration tests, else the one built beside
/// the running executable (examples live in target/<profile>/examples/).
pub fn binary_path() -> PathBuf {
    if let Some(path) = option_env!("CARGO_BIN_EXE_gdpr-inbox") {
        return PathBuf::from(path);
    }
    let exe = std::env::current_exe().expect("current executable");
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("target directory");
    profile_dir.join("gdpr-inbox")
}

/// Run the real binary with `--config path`.
pub fn binary(config: &Path, args: &[&str]) -> Output {
    Command::new(binary_path())
        .arg("--config")
        .arg(config)
        .args(args)
        .env("GDPR_INBOX_LOG", "warn")
        .env_remove("GDPR_INBOX_NOW")
        .output()
        .expect("run gdpr-inbox")
}

/// `gdpr-inbox run` as a child process, with its log collected as it is written.
pub struct Daemon {
    child: std::process::Child,
    log: std::sync::Arc<std::sync::Mutex<String>>,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Daemon {
    /// Start the daemon for `app` with `GDPR_INBOX_LOG=info` (or `$TEST_DAEMON_LOG`).
    pub fn start(app: &App) -> Daemon {
        let mut child = Command::new(binary_path())
            .arg("--config")
            .arg(&app.config_path)
            .arg("run")
            .env(
                "GDPR_INBOX_LOG",
                std::env::var("TEST_DAEMON_LOG").unwrap_or_else(|_| "info".into()),
            )
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("start gdpr-inbox run");
        let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let stderr = child.stderr.take().expect("piped stderr");
        let sink = log.clone();
        let reader = std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(stderr)
                .lines()
                .map_while(Result::ok)
            {
                let mut log = sink.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        Daemon {
            child,
            log,
            reader: Some(reader),
        }
    }

    /// The log so far.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Wait (bounded) until the log contains `text` `times` times; false on timeout.
    pub async fn wait_for_log(
        &self,
        text: &str,
        times: usize,
        timeout: std::time::Duration,
    ) -> bool {
        let deadline = std::time::Instant::now() + timeout;
        while self.log().matches(text).count() < times {
            if std::time::Instant::now() >= deadline {
                return false;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        true
    }

    /// SIGTERM, then wait; the exit status and the whole log.
    pub fn stop(mut self) -> (std::process::ExitStatus, String) {
        let pid = self.child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let status = self.child.wait().expect("wait for the daemon");
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
        (status, self.log())
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Poll `check` every 100 ms for at most `timeout`; whether it came to hold.
pub async fn eventually(timeout: std::time::Duration, mut check: impl FnMut() -> bool) -> bool {
    let deadline = std::time::Instant::now() + timeout;
    while !check() {
        if std::time::Instant::now() >= deadline {
            return false;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    true
}

/// Send `raw` by SMTP from `from` to the business and wait (bounded) until the business INBOX
/// holds at least `inbox_count` messages.
pub async fn deliver_to_business(servers: &MailServers, raw: &[u8], from: &str, inbox_count: u32) {
    servers
        .deliver(raw, from, BUSINESS)
        .await
        .expect("deliver by SMTP");
    servers
        .wait_for_messages(
            BUSINESS,
            BUSINESS_PASSWORD,
            "INBOX",
            inbox_count,
            std::time::Duration::from_secs(20),
        )
        .await
        .expect("the mail reaches the business INBOX");
}

/// Wait (bounded) until the business INBOX holds at least `count` messages.
pub async fn business_inbox_reaches(servers: &MailServers, count: u32) {
    servers
        .wait_for_messages(
            BUSINESS,
            BUSINESS_PASSWORD,
            "INBOX",
            count,
            std::time::Duration::from_secs(20),
        )
        .await
        .expect("the business INBOX fills");
}

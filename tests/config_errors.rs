//! A bad config stops the program at once with exit status 2 and one line that names the file and
//! the key, and says what to do. No mail server is needed to find out.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

struct Setup {
    dir: tempfile::TempDir,
}

impl Setup {
    fn new() -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let secret = dir.path().join("imap-password");
        std::fs::write(&secret, "s3cret\n").unwrap();
        std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o600)).unwrap();
        Setup { dir }
    }

    fn path(&self, name: &str) -> std::path::PathBuf {
        self.dir.path().join(name)
    }

    /// A valid config (from the SPEC.md contract) with `edit` applied.
    fn config(&self, edit: impl FnOnce(String) -> String) -> std::path::PathBuf {
        let text = format!(
            r#"[business]
name = "Calmo"
country = "DK"
language = "da"
address = "info@calmo.dk"
practitioner = "info@calmo.dk"

[imap]
host = "imap.example.com"
port = 993
security = "tls"
username = "info@calmo.dk"
password_file = "{secret}"

[smtp]
host = "smtp.example.com"
port = 465
security = "tls"
username = "info@calmo.dk"
password_env = "GDPR_TEST_SMTP_PASSWORD"

[storage]
database = "{state}/state.db"
journal_dir = "{state}/journal"

[policy]
file_within = "48h"
delete_after_filing = "48h"
"#,
            secret = self.path("imap-password").display(),
            state = self.path("state").display(),
        );
        let path = self.path("config.toml");
        std::fs::write(&path, edit(text)).unwrap();
        path
    }
}

/// Run a command that reads the config but touches no server (`cases`).
fn run_with(config: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gdpr-inbox"))
        .args(["--config", config.to_str().unwrap(), "cases"])
        .env("GDPR_TEST_SMTP_PASSWORD", "x")
        .output()
        .unwrap()
}

/// Assert a usage failure: exit 2, one stderr line naming the file and containing every `needle`.
fn assert_config_error(config: &Path, needles: &[&str]) {
    let out = run_with(config);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    assert!(
        stderr.contains(&config.display().to_string()),
        "names the file: {stderr}"
    );
    for needle in needles {
        assert!(stderr.contains(needle), "mentions {needle:?}: {stderr}");
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn the_contract_config_is_accepted() {
    let setup = Setup::new();
    let config = setup.config(|t| t);
    let out = run_with(&config);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let db = setup.path("state/state.db");
    let mode = std::fs::metadata(&db).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "the database is private");
}

#[test]
fn an_unknown_key_is_an_error_naming_the_key_and_line() {
    let setup = Setup::new();
    let config = setup.config(|t| t.replace("port = 993", "port = 993\nhostname = \"x\""));
    assert_config_error(&config, &["line 11 in [imap]", "unknown field `hostname`"]);
}

#[test]
fn plaintext_to_a_remote_server_is_refused() {
    let setup = Setup::new();
    let config = setup.config(|t| t.replacen("security = \"tls\"", "security = \"none\"", 1));
    assert_config_error(&config, &["imap.security", "imap.example.com", "loopback"]);
}

#[test]
fn plaintext_to_loopback_is_allowed() {
    let setup = Setup::new();
    let config = setup.config(|t| {
        t.replacen("imap.example.com", "127.0.0.1", 1).replacen(
            "security = \"tls\"",
            "security = \"none\"",
            1,
        )
    });
    assert!(run_with(&config).status.success());
}

#[test]
fn a_missing_password_file_is_refused() {
    let setup = Setup::new();
    std::fs::remove_file(setup.path("imap-password")).unwrap();
    let config = setup.config(|t| t);
    assert_config_error(
        &config,
        &["imap.password_file", "imap-password", "cannot be read"],
    );
}

#[test]
fn a_world_readable_password_file_is_refused() {
    let setup = Setup::new();
    let secret = setup.path("imap-password");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o644)).unwrap();
    let config = setup.config(|t| t);
    assert_config_error(
        &config,
        &["imap.password_file", "readable by everyone", "chmod 600"],
    );
}

#[test]
fn a_password_in_the_config_is_not_a_thing() {
    let setup = Setup::new();
    let config = setup.config(|t| {
        t.replacen(
            "username = \"info@calmo.dk\"",
            "username = \"info@calmo.dk\"\npassword = \"hunter2\"",
            1,
        )
    });
    assert_config_error(&config, &["unknown field `password`"]);
    let out = run_with(&config);
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("hunter2"),
        "the secret is not echoed"
    );
}

#[test]
fn a_bad_value_names_its_key() {
    let setup = Setup::new();
    let config = setup.config(|t| t.replace("country = \"DK\"", "country = \"DE\""));
    assert_config_error(&config, &["unknown variant `DE`"]);
    let config = setup.config(|t| t.replace("file_within = \"48h\"", "file_within = \"two days\""));
    assert_config_error(&config, &["invalid duration", "two days"]);
}

#[test]
fn a_missing_config_file_says_how_to_point_at_one() {
    let setup = Setup::new();
    assert_config_error(
        &setup.path("nope.toml"),
        &["cannot read the config file", "--config"],
    );
}

#[test]
fn the_example_config_is_valid_apart_from_its_secret_paths() {
    let example = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/config/gdpr-inbox.example.toml"
    ))
    .unwrap();
    let setup = Setup::new();
    let secret = setup.path("imap-password").display().to_string();
    let text = example
        .replace("/run/credentials/gdpr-inbox.service/imap", &secret)
        .replace("/run/credentials/gdpr-inbox.service/smtp", &secret)
        .replace(
            "/var/lib/gdpr-inbox",
            &setup.path("state").display().to_string(),
        );
    let path = setup.path("example.toml");
    std::fs::write(&path, text).unwrap();
    let out = run_with(&path);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

//! The command line: `gdpr-inbox <command>`, one file per command. This module parses arguments,
//! loads the config, and turns every failure into one line on stderr with the right exit status
//! (2 for bad usage or config, 1 for runtime failures). It must never panic or print a backtrace
//! for bad input.

mod breach;
mod cases;
mod check;
mod classify;
mod deadline;
mod drafts;
mod run;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::clock::Clock;
use crate::config::Config;

/// Keeps the GDPR promises of a small practice: watches its inbox, recognises data-subject
/// requests, tracks the legal deadlines and drafts replies for approval.
#[derive(Debug, Parser)]
#[command(name = "gdpr-inbox", version, about, long_about = None)]
pub struct Cli {
    /// The config file [default: $GDPR_INBOX_CONFIG, else /etc/gdpr-inbox/config.toml]
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the daemon: watch the inbox, open cases, draft and send approved replies.
    Run(run::Args),
    /// Classify .eml files (or one message on stdin); touches no mailbox.
    Classify(classify::Args),
    /// List cases, most recent first.
    Cases(cases::ListArgs),
    /// Work with one case.
    Case {
        #[command(subcommand)]
        action: cases::CaseAction,
    },
    /// List drafted replies, or show, edit, approve or reject one.
    Drafts(drafts::Args),
    /// Compute a request's statutory due date (no mailbox, database or config needed).
    Deadline(deadline::Args),
    /// Record a personal-data breach and follow its 72-hour clock (Art. 33).
    Breach {
        #[command(subcommand)]
        action: breach::Action,
    },
    /// Check the config, the templates, and the IMAP and SMTP logins.
    Check,
}

/// A failure, sorted by who can fix it.
#[derive(Debug)]
pub enum Failure {
    /// Bad usage or config: exit 2.
    Usage(String),
    /// Something went wrong while working: exit 1.
    Runtime(anyhow::Error),
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Runtime(e)
    }
}

impl From<crate::storage::StorageError> for Failure {
    fn from(e: crate::storage::StorageError) -> Self {
        Failure::Runtime(e.into())
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::Runtime(e.into())
    }
}

pub type Outcome = Result<(), Failure>;

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    init_logging(matches!(cli.command, Command::Run(_)));
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("gdpr-inbox: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(dispatch(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("gdpr-inbox: {message}");
            ExitCode::from(2)
        }
        Err(Failure::Runtime(error)) => {
            eprintln!("gdpr-inbox: {}", one_line(&error));
            ExitCode::from(1)
        }
    }
}

async fn dispatch(cli: Cli) -> Outcome {
    let config_path = cli.config.as_deref();
    match cli.command {
        Command::Run(args) => run::run(load_config(config_path)?, args).await,
        Command::Classify(args) => classify::run(args),
        Command::Cases(args) => cases::list(load_config(config_path)?, args).await,
        Command::Case { action } => cases::act(load_config(config_path)?, action).await,
        Command::Drafts(args) => drafts::run(load_config(config_path)?, args).await,
        Command::Deadline(args) => deadline::run(args),
        Command::Breach { action } => breach::run(load_config(config_path)?, action).await,
        Command::Check => check::run(load_config(config_path)?).await,
    }
}

fn load_config(explicit: Option<&Path>) -> Result<Config, Failure> {
    let path = Config::locate(explicit);
    Config::load(&path).map_err(|e| Failure::Usage(e.to_string()))
}

fn clock() -> Result<Clock, Failure> {
    Clock::from_env().map_err(Failure::Usage)
}

/// Who is acting, for the audit log: `cli:<user>`.
fn actor() -> String {
    let user = std::env::var("SUDO_USER")
        .or_else(|_| std::env::var("USER"))
        .unwrap_or_else(|_| "unknown".into());
    format!("cli:{user}")
}

/// An error chain on one line: "outer: inner: root".
fn one_line(error: &anyhow::Error) -> String {
    format!("{error:#}").replace('\n', " ")
}

fn init_logging(daemon: bool) {
    use tracing_subscriber::EnvFilter;
    let default = if daemon { "info" } else { "warn" };
    let filter =
        EnvFilter::try_from_env("GDPR_INBOX_LOG").unwrap_or_else(|_| EnvFilter::new(default));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false)
        .try_init();
}

/// Print one JSON object per line.
fn print_json_line<T: serde::Serialize>(value: &T) -> Outcome {
    let line = serde_json::to_string(value).map_err(|e| Failure::Runtime(e.into()))?;
    println!("{line}");
    Ok(())
}

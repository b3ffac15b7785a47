//! `gdpr-inbox classify [--json] [FILE.eml ...]`: classify files, or one message on stdin.
//! Touches no mailbox and needs no config.

use std::io::Read;
use std::path::PathBuf;

use serde::Serialize;

use crate::classify::{classify, Classification};
use crate::message::Message;

use super::{print_json_line, Failure, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// One JSON object per message, one per line.
    #[arg(long)]
    json: bool,
    /// Messages to classify; none reads one message from stdin.
    files: Vec<PathBuf>,
}

#[derive(Serialize)]
struct Line<'a> {
    file: &'a str,
    #[serde(flatten)]
    classification: &'a Classification,
}

pub fn run(args: Args) -> Outcome {
    let inputs: Vec<(String, std::io::Result<Vec<u8>>)> = if args.files.is_empty() {
        let mut raw = Vec::new();
        let read = std::io::stdin().read_to_end(&mut raw).map(|_| raw);
        vec![("-".to_string(), read)]
    } else {
        args.files
            .iter()
            .map(|path| (path.display().to_string(), std::fs::read(path)))
            .collect()
    };
    let mut failures = 0;
    for (file, raw) in inputs {
        let result = raw
            .map_err(|e| e.to_string())
            .and_then(|raw| Message::parse(&raw).map_err(|e| e.to_string()));
        match result {
            Ok(msg) => {
                let classification = classify(&msg);
                if args.json {
                    print_json_line(&Line {
                        file: &file,
                        classification: &classification,
                    })?;
                } else {
                    println!("{}", human_line(&file, &classification));
                }
            }
            Err(e) => {
                failures += 1;
                eprintln!("gdpr-inbox: {file}: {e}");
            }
        }
    }
    if failures > 0 {
        return Err(Failure::Runtime(anyhow::anyhow!(
            "{failures} message(s) could not be read"
        )));
    }
    Ok(())
}

fn human_line(file: &str, c: &Classification) -> String {
    let what = if c.automated {
        "automated".to_string()
    } else if c.kinds.is_empty() {
        "no request".to_string()
    } else {
        c.kinds
            .iter()
            .map(|k| k.as_str())
            .collect::<Vec<_>>()
            .join("+")
    };
    let id = if c.id_document { ", ID attached" } else { "" };
    let review = if c.needs_review() { ", REVIEW" } else { "" };
    format!(
        "{file}: {what} ({}, {:.2}{id}{review})",
        c.language, c.confidence
    )
}

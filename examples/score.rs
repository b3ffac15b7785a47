//! A working tool for tuning the classifier: scores labelled sets the way
//! `tests/classifier_eval.rs` does, one line per set, and lists each disagreement on one line
//! with the evidence, so a round of tuning can be read and diffed quickly.
//!
//! ```text
//! cargo run --release --example score -- tests/corpus_blind32 tests/corpus_blind33
//! cargo run --release --example score -- --all tests/corpus_blind*   > snapshot.tsv
//! printf 'access|Hej // Kan jeg se min journal?\n' | cargo run --release --example score -- --text
//! ```
//!
//! `--all` prints every mail (`set/file  want  got  language-want  language-got  review`) instead
//! of the figures, for diffing two revisions. `--text` reads phrasebook lines (`kinds|subject //
//! body`, `\n` for a line break) from standard input and prints each verdict with its evidence.

use std::collections::BTreeSet;
use std::io::BufRead;
use std::path::Path;

use gdpr_inbox::classify::{classify, Classification};
use gdpr_inbox::domain::RequestKind;
use gdpr_inbox::message::Message;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let all = args.iter().any(|a| a == "--all");
    if args.iter().any(|a| a == "--text") {
        return score_text();
    }
    for dir in args.iter().filter(|a| !a.starts_with("--")) {
        score_set(Path::new(dir), all);
    }
}

fn kinds_of(c: &Classification) -> BTreeSet<RequestKind> {
    if c.is_request() {
        c.kinds.iter().copied().collect()
    } else {
        BTreeSet::new()
    }
}

fn list(kinds: &BTreeSet<RequestKind>) -> String {
    if kinds.is_empty() {
        return "-".into();
    }
    kinds
        .iter()
        .map(|k| k.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

fn parse_kinds(s: &str) -> BTreeSet<RequestKind> {
    s.split(',')
        .map(str::trim)
        .filter(|k| !k.is_empty() && *k != "-")
        .map(|k| k.parse().expect("known kind"))
        .collect()
}

fn score_set(dir: &Path, all: bool) {
    let labels = std::fs::read_to_string(dir.join("labels.tsv")).expect("labels.tsv");
    let set = dir.file_name().unwrap_or_default().to_string_lossy();
    let (mut tp, mut fp, mut fnn, mut exact, mut lang, mut n, mut auto_req, mut review) =
        (0, 0, 0, 0, 0, 0, 0, 0);
    for line in labels
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#') && !l.starts_with("file\t"))
    {
        let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
        let want = parse_kinds(cols[1]);
        let raw = std::fs::read(dir.join(cols[0])).expect("mail file");
        let c = classify(&Message::parse(&raw).expect("parses"));
        let got = kinds_of(&c);
        let lang_ok = c.language.to_string() == cols[4];
        n += 1;
        lang += usize::from(lang_ok);
        match (!want.is_empty(), !got.is_empty()) {
            (true, true) => tp += 1,
            (false, true) => fp += 1,
            (true, false) => fnn += 1,
            _ => {}
        }
        if !want.is_empty() {
            exact += usize::from(want == got);
            review += usize::from(got.is_empty() && c.needs_review());
        }
        if cols[3] == "true" && !got.is_empty() {
            auto_req += 1;
        }
        if all {
            println!(
                "{set}/{}\t{}\t{}\t{}\t{}\t{}",
                cols[0],
                list(&want),
                list(&got),
                cols[4],
                c.language,
                c.needs_review()
            );
        } else if want != got || !lang_ok {
            println!(
                "  {:<14} want {:<28} got {:<28} {}{} conf {:.2} {}",
                cols[0],
                list(&want),
                list(&got),
                if lang_ok {
                    String::new()
                } else {
                    format!("lang {} ", c.language)
                },
                if c.needs_review() { "REVIEW" } else { "" },
                c.confidence,
                c.evidence.join("; ")
            );
        }
    }
    if !all {
        let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
        println!(
            "{set}: recall {:.3} precision {:.3} exact {:.3} language {:.3}  (n {n}, tp {tp}, fp {fp}, fn {fnn}, missed but for review {review}, automated as request {auto_req})",
            ratio(tp, tp + fnn),
            ratio(tp, tp + fp),
            ratio(exact, tp + fnn),
            ratio(lang, n),
        );
    }
}

fn score_text() {
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let Some((want, mail)) = line.split_once('|') else {
            continue;
        };
        let (subject, body) = mail.split_once("//").unwrap_or(("", mail));
        let raw = format!(
            "From: a@b.example\r\nTo: x@y.dk\r\nSubject: {}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{}\r\n",
            subject.trim(),
            body.trim().replace("\\n", "\r\n")
        );
        let c = classify(&Message::parse(raw.as_bytes()).expect("parses"));
        let got = kinds_of(&c);
        let mark = if got == parse_kinds(want) {
            "ok  "
        } else {
            "WRONG"
        };
        println!(
            "{mark} want {} got {} {} conf {:.2} {}\n      {}",
            want.trim(),
            list(&got),
            c.language,
            c.confidence,
            if c.needs_review() { "REVIEW" } else { "" },
            c.evidence.join("; ")
        );
    }
}

//! Throughput of MIME parsing alone and of parsing + classification, on the labelled corpus in
//! `tests/corpus/` repeated until each measurement takes a couple of seconds. One thread.
//!
//! Run with `cargo bench --bench classify`. No criterion: plain `Instant` timing, so the numbers
//! are indicative (best of three rounds).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use gdpr_inbox::classify::classify;
use gdpr_inbox::message::Message;

fn corpus_dir() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    if here.join("labels.tsv").exists() {
        return here;
    }
    // Built from a crate that mounts this file from elsewhere: find the corpus next to it.
    Path::new(file!())
        .parent()
        .and_then(Path::parent)
        .map(|p| p.join("tests/corpus"))
        .unwrap_or(here)
}

fn load() -> Vec<Vec<u8>> {
    let dir = corpus_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "eml"))
        .collect();
    files.sort();
    files.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

/// Messages per second for `f` over the corpus, repeated for at least `target`.
fn measure(corpus: &[Vec<u8>], target: Duration, f: impl Fn(&[u8]) -> usize) -> (f64, usize) {
    let mut best = 0.0f64;
    let mut total = 0;
    for _ in 0..3 {
        let start = Instant::now();
        let mut n = 0usize;
        let mut sink = 0usize;
        while start.elapsed() < target / 3 {
            for raw in corpus {
                sink = sink.wrapping_add(f(black_box(raw)));
                n += 1;
            }
        }
        black_box(sink);
        let rate = n as f64 / start.elapsed().as_secs_f64();
        best = best.max(rate);
        total += n;
    }
    (best, total)
}

fn main() {
    let corpus = load();
    assert!(
        !corpus.is_empty(),
        "no .eml files found in {}",
        corpus_dir().display()
    );
    let bytes: usize = corpus.iter().map(Vec::len).sum();
    // Warm up (builds the lexicon once).
    for raw in &corpus {
        if let Ok(m) = Message::parse(raw) {
            black_box(classify(&m));
        }
    }
    // Classification alone, on pre-parsed messages.
    let parsed: Vec<Message> = corpus
        .iter()
        .filter_map(|r| Message::parse(r).ok())
        .collect();

    let target = Duration::from_secs(3);
    let (parse_rate, n1) = measure(&corpus, target, |raw| {
        Message::parse(raw).map_or(0, |m| m.text.len())
    });
    let (both_rate, n2) = measure(&corpus, target, |raw| {
        Message::parse(raw).map_or(0, |m| {
            let c = classify(&m);
            c.kinds.len() + usize::from(c.automated)
        })
    });
    let mut best_classify = 0.0f64;
    for _ in 0..3 {
        let start = Instant::now();
        let mut n = 0usize;
        while start.elapsed() < target / 3 {
            for m in &parsed {
                black_box(classify(black_box(m)));
                n += 1;
            }
        }
        best_classify = best_classify.max(n as f64 / start.elapsed().as_secs_f64());
    }

    println!(
        "corpus: {} messages, {} bytes (mean {} bytes/message), one thread",
        corpus.len(),
        bytes,
        bytes / corpus.len()
    );
    println!(
        "parse only          {:>10.0} msgs/s  ({n1} messages timed)",
        parse_rate
    );
    println!(
        "parse + classify    {:>10.0} msgs/s  ({n2} messages timed)",
        both_rate
    );
    println!(
        "classify only       {:>10.0} msgs/s  (pre-parsed)",
        best_classify
    );
    println!(
        "per message: parse {:.1} µs, classify {:.1} µs",
        1e6 / parse_rate,
        1e6 / best_classify
    );
}

//! Throughput of MIME parsing alone, of parsing + classification and of classification alone (on
//! pre-parsed messages), on the labelled corpus in `tests/corpus/`. One thread.
//!
//! Run with `cargo bench --bench classify`. No criterion: plain `Instant` timing. The three
//! measurements are interleaved over several rounds and the median round is reported, with the
//! spread (min–max), so noise from other work on the machine shows instead of hiding in a "best
//! of". `CLASSIFY_BENCH_ROUNDS` and `CLASSIFY_BENCH_MS` (per measurement per round) override the
//! defaults.

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

/// Messages per second for one pass of `f` over `items`, repeated for at least `slice`.
fn round<T>(items: &[T], slice: Duration, f: &impl Fn(&T) -> usize) -> f64 {
    let start = Instant::now();
    let mut n = 0usize;
    let mut sink = 0usize;
    while start.elapsed() < slice {
        for item in items {
            sink = sink.wrapping_add(f(black_box(item)));
            n += 1;
        }
    }
    black_box(sink);
    n as f64 / start.elapsed().as_secs_f64()
}

/// Median, minimum and maximum of the per-round rates.
fn summary(rates: &mut [f64]) -> (f64, f64, f64) {
    rates.sort_by(f64::total_cmp);
    let median = rates.get(rates.len() / 2).copied().unwrap_or(0.0);
    let min = rates.first().copied().unwrap_or(0.0);
    let max = rates.last().copied().unwrap_or(0.0);
    (median, min, max)
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
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
    let parsed: Vec<Message> = corpus
        .iter()
        .filter_map(|r| Message::parse(r).ok())
        .collect();

    let rounds = env_u64("CLASSIFY_BENCH_ROUNDS", 9).max(1);
    let slice = Duration::from_millis(env_u64("CLASSIFY_BENCH_MS", 400).max(10));
    let parse = |raw: &Vec<u8>| Message::parse(raw).map_or(0, |m| m.text.len());
    let both = |raw: &Vec<u8>| {
        Message::parse(raw).map_or(0, |m| {
            let c = classify(&m);
            c.kinds.len() + usize::from(c.automated)
        })
    };
    let only = |m: &Message| {
        let c = classify(m);
        c.kinds.len() + usize::from(c.automated)
    };
    let (mut p, mut b, mut o) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds {
        p.push(round(&corpus, slice, &parse));
        b.push(round(&corpus, slice, &both));
        o.push(round(&parsed, slice, &only));
    }

    println!(
        "corpus: {} messages, {} bytes (mean {} bytes/message), one thread, {rounds} rounds of {} ms each",
        corpus.len(),
        bytes,
        bytes / corpus.len(),
        slice.as_millis()
    );
    println!(
        "{:<18} {:>12} {:>10}   {:>23}",
        "median of rounds", "msgs/s", "µs/msg", "spread msgs/s (min–max)"
    );
    for (name, rates) in [
        ("parse only", &mut p),
        ("classify only", &mut o),
        ("parse + classify", &mut b),
    ] {
        let (median, min, max) = summary(rates);
        println!(
            "{name:<18} {median:>12.0} {:>10.1}   {min:>10.0} – {max:<10.0}",
            1e6 / median
        );
    }
    let (pm, _, _) = summary(&mut p);
    let (om, _, _) = summary(&mut o);
    println!(
        "classification costs {:.2}× MIME parsing (target: ≤ 1×, and ≥ 20000 msgs/s parse + classify)",
        pm / om
    );
}

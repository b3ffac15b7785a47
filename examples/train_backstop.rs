//! Trains the classifier's learned backstop (`src/classify/backstop.rs`) on labelled sets and
//! measures it the honest way: leave one set out, train on the rest, and on the left-out set
//! print the rules' figures, then per threshold how many of the requests the rules missed the
//! backstop flags for review ("caught/missed") and how many non-requests it flags ("false").
//!
//! ```text
//! cargo run --release --example train_backstop -- [--threshold 0.8] [--l2 0.02] \
//!     [--hold-out tests/corpus_blind9] [--write src/classify/backstop.tsv] tests/corpus*
//! ```
//!
//! Sets named with `--hold-out` are never trained on; they are only scored (by a model trained
//! on every other set), so a fresh set stays an untouched measure. `--write` trains on every set
//! that is not held out and writes the model file.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use gdpr_inbox::classify::backstop::{self, Feature, Model, PerKind};
use gdpr_inbox::classify::training_example;
use gdpr_inbox::domain::RequestKind;
use gdpr_inbox::message::Message;

/// One labelled mail as the backstop sees it.
struct Example {
    set: usize,
    file: String,
    /// The labelled kinds.
    want: BTreeSet<RequestKind>,
    /// What the rules alone found; `None` when the classifier took it for automated mail.
    rules: Option<BTreeSet<RequestKind>>,
    features: Vec<Feature>,
}

struct Options {
    sets: Vec<PathBuf>,
    hold_out: Vec<PathBuf>,
    thresholds: Vec<f32>,
    l2: f32,
    min_count: usize,
    write: Option<PathBuf>,
}

fn main() {
    let options = parse_args();
    let verbose = std::env::var_os("VERBOSE").is_some();
    let mut examples = Vec::new();
    let mut words = BTreeMap::new();
    let all_sets: Vec<&PathBuf> = options.sets.iter().chain(&options.hold_out).collect();
    for (i, dir) in all_sets.iter().enumerate() {
        load_set(dir, i, &mut examples, &mut words);
    }
    let held: BTreeSet<usize> = (options.sets.len()..all_sets.len()).collect();
    eprintln!(
        "{} labelled mails in {} sets ({} held out)",
        examples.len(),
        all_sets.len(),
        held.len()
    );

    println!(
        "{:<16} {:>5} | {:^23} | {}",
        "left-out set",
        "req",
        "rules: recall prec exact",
        options
            .thresholds
            .iter()
            .map(|t| format!("t={t:<4} caught false"))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    let mut totals = vec![Score::default(); options.thresholds.len() + 1];
    for (s, dir) in all_sets.iter().enumerate() {
        let train: Vec<&Example> = examples
            .iter()
            .filter(|e| e.set != s && !held.contains(&e.set))
            .collect();
        let test: Vec<&Example> = examples.iter().filter(|e| e.set == s).collect();
        let model = train_model(&train, 0.5, options.l2, options.min_count, &words);
        let mut line = format!(
            "{:<16} {:>5} | {} |",
            short(dir),
            test.iter().filter(|e| !e.want.is_empty()).count(),
            score(&test, None).row()
        );
        totals[0].add(&score(&test, None));
        for (j, &t) in options.thresholds.iter().enumerate() {
            let model = model.clone().with_threshold(t);
            let sc = score(&test, Some(&model));
            line.push_str(&format!(" {:<6} {} |", "", sc.flags()));
            totals[j + 1].add(&sc);
        }
        println!("{line}");
        if verbose {
            let model = model
                .clone()
                .with_threshold(options.thresholds.first().copied().unwrap_or(0.8));
            for e in &test {
                let Some(rules) = e.rules.as_ref().filter(|r| r.is_empty()) else {
                    continue;
                };
                if let Some(g) = model.guess(&e.features) {
                    println!(
                        "  {} want {:?} rules {:?} guess {:?} {:.2}",
                        e.file, e.want, rules, g.kind, g.probability
                    );
                }
            }
        }
    }
    let mut line = format!("{:<16} {:>5} | {} |", "all", "", totals[0].row());
    for t in &totals[1..] {
        line.push_str(&format!(" {:<6} {} |", "", t.flags()));
    }
    println!("{line}");

    if let Some(path) = &options.write {
        let train: Vec<&Example> = examples.iter().filter(|e| !held.contains(&e.set)).collect();
        let threshold = options.thresholds.first().copied().unwrap_or(0.8);
        let model = train_model(&train, threshold, options.l2, options.min_count, &words);
        let names: Vec<String> = options.sets.iter().map(|p| short(p)).collect();
        let header = format!(
            "The classifier's learned backstop: written by\n  cargo run --release --example train_backstop -- --threshold {threshold} --l2 {} --min-count {} --write {} {}\n\
             from {} labelled mails (not automated) of: {}.\n\
             Per kind, weights of a logistic model over concepts met in one sentence (\"DEL+MY\") and words' first letters (\"~slett\");\n\
             edit by retraining, not by hand.",
            options.l2,
            options.min_count,
            path.display(),
            options
                .sets
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(" "),
            train.iter().filter(|e| e.rules.is_some()).count(),
            names.join(", ")
        );
        std::fs::write(path, model.to_tsv(&header))
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        eprintln!(
            "wrote {} ({} features)",
            path.display(),
            model.weights().len()
        );
    }
}

fn parse_args() -> Options {
    let mut options = Options {
        sets: Vec::new(),
        hold_out: Vec::new(),
        thresholds: Vec::new(),
        l2: 0.02,
        min_count: 2,
        write: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--threshold" => options
                .thresholds
                .push(value().parse().expect("--threshold: a number")),
            "--l2" => options.l2 = value().parse().expect("--l2: a number"),
            "--min-count" => options.min_count = value().parse().expect("--min-count: a number"),
            "--hold-out" => options.hold_out.push(PathBuf::from(value())),
            "--write" => options.write = Some(PathBuf::from(value())),
            _ => options.sets.push(PathBuf::from(a)),
        }
    }
    if options.thresholds.is_empty() {
        options.thresholds = vec![0.6, 0.7, 0.8, 0.9];
    }
    options
}

fn short(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn load_set(dir: &Path, set: usize, out: &mut Vec<Example>, words: &mut BTreeMap<Feature, String>) {
    let path = dir.join("labels.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    for line in text.lines() {
        if line.trim().is_empty() || line.starts_with('#') || line.starts_with("file\t") {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
        let (Some(file), Some(kinds)) = (cols.first(), cols.get(1)) else {
            continue;
        };
        let want: BTreeSet<RequestKind> = kinds
            .split(',')
            .map(str::trim)
            .filter(|k| !k.is_empty() && *k != "-")
            .map(|k| k.parse().unwrap_or_else(|_| panic!("{file}: kind {k:?}")))
            .collect();
        let raw = std::fs::read(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let Ok(msg) = Message::parse(&raw) else {
            continue;
        };
        let (rules, features) = match training_example(&msg) {
            Some(example) => {
                for prefix in example.prefixes {
                    words.insert(backstop::word_feature(&prefix), prefix);
                }
                (
                    Some(example.rules.kinds.into_iter().collect()),
                    example.features,
                )
            }
            None => (None, Vec::new()),
        };
        out.push(Example {
            set,
            file: file.to_string(),
            want,
            rules,
            features,
        });
    }
}

/// Request-level figures, summed over mails.
#[derive(Clone, Default)]
struct Score {
    requests: usize,
    predicted: usize,
    hits: usize,
    exact: usize,
    /// Requests the rules missed, those the backstop flagged, and non-requests it flagged.
    missed: usize,
    caught: usize,
    false_flags: usize,
}

impl Score {
    fn add(&mut self, o: &Score) {
        self.requests += o.requests;
        self.predicted += o.predicted;
        self.hits += o.hits;
        self.exact += o.exact;
        self.missed += o.missed;
        self.caught += o.caught;
        self.false_flags += o.false_flags;
    }

    fn flags(&self) -> String {
        format!(
            "{:>6} {:>5}",
            format!("{}/{}", self.caught, self.missed),
            self.false_flags
        )
    }

    fn row(&self) -> String {
        let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
        format!(
            "{:.3} {:.3} {:.3}",
            ratio(self.hits, self.requests),
            ratio(self.hits, self.predicted),
            ratio(self.exact, self.requests)
        )
    }
}

/// Score mails with the rules, and what the backstop flags when given.
fn score(test: &[&Example], model: Option<&Model>) -> Score {
    let mut sc = Score::default();
    for e in test {
        let got = e.rules.clone().unwrap_or_default();
        let flagged = e.rules.is_some()
            && got.is_empty()
            && model.is_some_and(|m| m.guess(&e.features).is_some());
        if got.is_empty() {
            sc.missed += usize::from(!e.want.is_empty());
            sc.caught += usize::from(!e.want.is_empty() && flagged);
            sc.false_flags += usize::from(e.want.is_empty() && flagged);
        }
        sc.requests += usize::from(!e.want.is_empty());
        sc.predicted += usize::from(!got.is_empty());
        sc.hits += usize::from(!e.want.is_empty() && !got.is_empty());
        sc.exact += usize::from(!e.want.is_empty() && got == e.want);
    }
    sc
}

/// One logistic model per kind over binary features, by full-batch gradient descent with an L2
/// penalty; features seen in fewer than `min_count` training mails are left out.
fn train_model(
    train: &[&Example],
    threshold: f32,
    l2: f32,
    min_count: usize,
    words: &BTreeMap<Feature, String>,
) -> Model {
    let train: Vec<&&Example> = train.iter().filter(|e| e.rules.is_some()).collect();
    let mut counts: HashMap<Feature, usize> = HashMap::new();
    for e in &train {
        for f in &e.features {
            *counts.entry(*f).or_default() += 1;
        }
    }
    let mut kept: Vec<Feature> = counts
        .into_iter()
        .filter(|&(_, n)| n >= min_count)
        .map(|(f, _)| f)
        .collect();
    kept.sort_unstable();
    let index: HashMap<Feature, usize> = kept.iter().enumerate().map(|(i, f)| (*f, i)).collect();
    let rows: Vec<Vec<usize>> = train
        .iter()
        .map(|e| {
            e.features
                .iter()
                .filter_map(|f| index.get(f).copied())
                .collect()
        })
        .collect();

    const KINDS: usize = RequestKind::ALL.len();
    let mut bias: PerKind = [0.0; KINDS];
    let mut weights = vec![[0.0f32; KINDS]; kept.len()];
    let n = train.len().max(1) as f32;
    for (k, kind) in RequestKind::ALL.iter().enumerate() {
        let y: Vec<f32> = train
            .iter()
            .map(|e| f32::from(u8::from(e.want.contains(kind))))
            .collect();
        let mut w = vec![0.0f32; kept.len()];
        let mut b = 0.0f32;
        // Adagrad: features differ wildly in how often they occur.
        let (mut gw_sum, mut gb_sum) = (vec![1e-8f32; kept.len()], 1e-8f32);
        for _ in 0..400 {
            let mut gw = vec![0.0f32; kept.len()];
            let mut gb = 0.0f32;
            for (row, &yi) in rows.iter().zip(&y) {
                let z = b + row.iter().map(|&j| w[j]).sum::<f32>();
                let err = 1.0 / (1.0 + (-z).exp()) - yi;
                gb += err;
                for &j in row {
                    gw[j] += err;
                }
            }
            for j in 0..kept.len() {
                let g = gw[j] / n + l2 * w[j];
                gw_sum[j] += g * g;
                w[j] -= 0.5 * g / gw_sum[j].sqrt();
            }
            let g = gb / n;
            gb_sum += g * g;
            b -= 0.5 * g / gb_sum.sqrt();
        }
        bias[k] = b;
        for (j, wj) in w.into_iter().enumerate() {
            weights[j][k] = wj;
        }
    }
    let weights: Vec<(Feature, PerKind)> = kept
        .into_iter()
        .zip(weights)
        .filter(|(_, w)| w.iter().any(|x| x.abs() >= 0.01))
        .map(|(f, w)| (f, w.map(|x| (x * 1000.0).round() / 1000.0)))
        .collect();
    let named = weights
        .iter()
        .filter_map(|(f, _)| Some((*f, words.get(f)?.clone())))
        .collect();
    Model::new(
        threshold,
        bias.map(|x| (x * 1000.0).round() / 1000.0),
        weights,
        named,
    )
}

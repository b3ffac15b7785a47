//! Evaluates the classifier on the labelled corpus in `tests/corpus/` (labels in
//! `tests/corpus/labels.tsv`: file, kinds, id_document, automated, language).
//!
//! Prints a per-kind precision/recall table and the request-level, exact-kind-set, language,
//! ID-document and automated figures, then asserts floors. Run with `--nocapture` to see the
//! table and the misclassified files.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use gdpr_inbox::classify::{classify, Classification};
use gdpr_inbox::domain::{Language, RequestKind};
use gdpr_inbox::message::Message;

struct Label {
    file: String,
    kinds: BTreeSet<RequestKind>,
    id_document: bool,
    automated: bool,
    language: Language,
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

fn corpus_dir_checked() -> PathBuf {
    // The scratch build crate mounts these files from elsewhere; fall back to this file's folder.
    let here = corpus_dir();
    if here.join("labels.tsv").exists() {
        return here;
    }
    Path::new(file!())
        .parent()
        .map(|p| p.join("corpus"))
        .unwrap_or(here)
}

fn load_labels(dir: &Path) -> Vec<Label> {
    let text = std::fs::read_to_string(dir.join("labels.tsv"))
        .expect("tests/corpus/labels.tsv must exist");
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 5, "bad label line: {line}");
            let kinds = if cols[1] == "-" {
                BTreeSet::new()
            } else {
                cols[1]
                    .split(',')
                    .map(|k| k.parse().expect("known kind"))
                    .collect()
            };
            Label {
                file: cols[0].to_string(),
                kinds,
                id_document: cols[2] == "true",
                automated: cols[3] == "true",
                language: cols[4].parse().expect("known language"),
            }
        })
        .collect()
}

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        1.0
    } else {
        num as f64 / den as f64
    }
}

#[test]
fn classifier_meets_its_floors_on_the_corpus() {
    let dir = corpus_dir_checked();
    let labels = load_labels(&dir);
    assert!(
        labels.len() >= 250,
        "corpus has only {} messages",
        labels.len()
    );

    let mut results: Vec<(Label, Classification)> = Vec::new();
    for label in labels {
        let raw =
            std::fs::read(dir.join(&label.file)).unwrap_or_else(|e| panic!("{}: {e}", label.file));
        let msg = Message::parse(&raw).unwrap_or_else(|e| panic!("{}: {e}", label.file));
        let got = classify(&msg);
        results.push((label, got));
    }

    println!(
        "\n{:<18} {:>5} {:>5} {:>5} {:>9} {:>7}",
        "kind", "tp", "fp", "fn", "precision", "recall"
    );
    let mut per_kind = Vec::new();
    for kind in RequestKind::ALL {
        let (mut tp, mut fp, mut fnn) = (0, 0, 0);
        for (l, g) in &results {
            let want = l.kinds.contains(&kind);
            let have = g.is_request() && g.kinds.contains(&kind);
            match (want, have) {
                (true, true) => tp += 1,
                (false, true) => fp += 1,
                (true, false) => fnn += 1,
                _ => {}
            }
        }
        let (p, r) = (ratio(tp, tp + fp), ratio(tp, tp + fnn));
        println!(
            "{:<18} {:>5} {:>5} {:>5} {:>9.3} {:>7.3}",
            kind.as_str(),
            tp,
            fp,
            fnn,
            p,
            r
        );
        per_kind.push((kind, p, r));
    }

    let (mut rtp, mut rfp, mut rfn) = (0, 0, 0);
    let mut exact = 0;
    let mut requests = 0;
    let mut lang_ok = 0;
    let mut id_tp = 0;
    let mut id_fp = 0;
    let mut id_fn = 0;
    let mut auto_ok = 0;
    let mut auto_total = 0;
    let mut automated_as_request = Vec::new();
    let mut human_marked_automated = Vec::new();
    let mut review = 0;
    let mut misses = Vec::new();
    for (l, g) in &results {
        let want = !l.kinds.is_empty();
        let have = g.is_request();
        match (want, have) {
            (true, true) => rtp += 1,
            (false, true) => rfp += 1,
            (true, false) => rfn += 1,
            _ => {}
        }
        let got_kinds: BTreeSet<RequestKind> = if have {
            g.kinds.iter().copied().collect()
        } else {
            BTreeSet::new()
        };
        if want {
            requests += 1;
            if got_kinds == l.kinds {
                exact += 1;
            }
        }
        if got_kinds != l.kinds
            || g.language != l.language
            || g.id_document != l.id_document
            || g.automated != l.automated
        {
            misses.push(format!(
                "  {:<28} want {:?}/{}/id={}/auto={}  got {:?}/{}/id={}/auto={} conf={:.2} {:?}",
                l.file,
                l.kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
                l.language,
                l.id_document,
                l.automated,
                g.kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
                g.language,
                g.id_document,
                g.automated,
                g.confidence,
                g.evidence
            ));
        }
        if g.language == l.language {
            lang_ok += 1;
        }
        match (l.id_document, g.id_document) {
            (true, true) => id_tp += 1,
            (false, true) => id_fp += 1,
            (true, false) => id_fn += 1,
            _ => {}
        }
        if l.automated {
            auto_total += 1;
            if g.automated {
                auto_ok += 1;
            }
            if have {
                automated_as_request.push(l.file.clone());
            }
        } else if g.automated {
            human_marked_automated.push(l.file.clone());
        }
        if g.needs_review() {
            review += 1;
        }
    }
    let n = results.len();
    let req_p = ratio(rtp, rtp + rfp);
    let req_r = ratio(rtp, rtp + rfn);
    let exact_rate = ratio(exact, requests);
    let lang_acc = ratio(lang_ok, n);
    println!(
        "\nmessages {n}, requests {requests}, automated {auto_total}, flagged for review {review}"
    );
    println!("request precision {req_p:.3}  recall {req_r:.3}  (tp {rtp}, fp {rfp}, fn {rfn})");
    println!("exact kind set    {exact_rate:.3}  ({exact}/{requests})");
    println!("language accuracy {lang_acc:.3}  ({lang_ok}/{n})");
    println!(
        "id_document       precision {:.3}  recall {:.3}",
        ratio(id_tp, id_tp + id_fp),
        ratio(id_tp, id_tp + id_fn)
    );
    println!(
        "automated         recall {:.3} ({auto_ok}/{auto_total}), automated classified as request: {}, human mail marked automated: {}",
        ratio(auto_ok, auto_total),
        automated_as_request.len(),
        human_marked_automated.len()
    );
    if !misses.is_empty() {
        println!("\ndisagreements ({}):", misses.len());
        for m in &misses {
            println!("{m}");
        }
    }

    assert!(
        automated_as_request.is_empty(),
        "automated mail classified as request: {automated_as_request:?}"
    );
    assert!(
        human_marked_automated.is_empty(),
        "human mail marked automated: {human_marked_automated:?}"
    );
    assert!(req_r >= 0.97, "request recall {req_r:.3}");
    assert!(req_p >= 0.95, "request precision {req_p:.3}");
    assert!(exact_rate >= 0.88, "exact kind set {exact_rate:.3}");
    assert!(lang_acc >= 0.95, "language accuracy {lang_acc:.3}");
    assert!(ratio(auto_ok, auto_total) >= 0.97, "automated recall");
    for (kind, p, r) in per_kind {
        assert!(
            p >= 0.85 && r >= 0.8,
            "{kind}: precision {p:.3}, recall {r:.3}"
        );
    }
}

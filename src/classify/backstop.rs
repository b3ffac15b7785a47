//! A learned backstop behind the rules: one logistic model per request kind over which concepts
//! meet in a sentence ("DEL" with "MY", "REQ" with "HOLD") and which words occur (by their first
//! letters, so "slettet", "slettes" and "sletning" count alike), trained on the labelled sets by
//! `examples/train_backstop.rs` and stored as `backstop.tsv` beside this file.
//!
//! The rules decide; the backstop is asked only when they find no request at all, and what it
//! finds is reported as weak evidence ("weak erasure: … (learned backstop …)") with a low
//! confidence, so the daemon puts the mail on the review list rather than letting a paraphrase
//! the rules have never seen pass as "no request" unseen. Measured by leaving each labelled set
//! out in turn, about half of what it flags is a request, too few to open a case on: it must
//! never add a kind, never see automated mail (the classifier returns before it) and never raise
//! a confidence. Pure: the model is data compiled into the binary.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::domain::RequestKind;

use super::lexicon::{Concepts, WordList, CONCEPT_NAMES};
use super::text::Token;

/// A feature: two concepts (or one, twice) met in one sentence, as `first * 128 + second` with
/// `first <= second`; or, from [`WORDS_FROM`] on, a word's [`word_prefix`] hashed.
pub type Feature = u32;

/// Word features are numbered from here on.
pub const WORDS_FROM: Feature = 128 * 128;

/// The features of a tagged text (folded words, their concepts), sorted and without repeats.
pub fn features(toks: &[Token], tags: &[Concepts], words: &WordList) -> Vec<Feature> {
    let mut out = Vec::with_capacity(toks.len() * 2);
    for_each_feature(toks, tags, words, |f| out.push(f));
    out.sort_unstable();
    out.dedup();
    out
}

/// The [`word_prefix`]es of a text's folded words, in order.
pub fn prefixes(words: &WordList) -> impl Iterator<Item = &str> + '_ {
    (0..words.len()).filter_map(|i| words.get(i).and_then(word_prefix))
}

/// Every feature of a tagged text as met, repeats included: the words', then the concept pairs'.
fn for_each_feature(
    toks: &[Token],
    tags: &[Concepts],
    words: &WordList,
    mut each: impl FnMut(Feature),
) {
    for prefix in prefixes(words) {
        each(word_feature(prefix));
    }
    for_each_pair(toks, tags, each);
}

/// Every pair of concepts met in a sentence, each concept with itself included, sentence by
/// sentence (a pair met in two sentences comes twice).
fn for_each_pair(toks: &[Token], tags: &[Concepts], mut each: impl FnMut(Feature)) {
    let mut sentence_concepts: Concepts = 0;
    let mut sentence = toks.first().map_or(0, |t| t.sentence);
    for (t, &tag) in toks.iter().zip(tags) {
        if t.sentence != sentence {
            pairs(sentence_concepts, &mut each);
            sentence_concepts = 0;
            sentence = t.sentence;
        }
        sentence_concepts |= tag;
    }
    pairs(sentence_concepts, &mut each);
}

/// What a folded word counts as: its first five letters, for words of three letters or more.
pub fn word_prefix(folded: &str) -> Option<&str> {
    let mut ends = folded.char_indices().map(|(i, ch)| i + ch.len_utf8());
    ends.nth(2)?;
    Some(
        ends.nth(1)
            .and_then(|fifth| folded.get(..fifth))
            .unwrap_or(folded),
    )
}

/// The feature of a [`word_prefix`]: an FNV-1a hash, so no word list is needed to read mail.
pub fn word_feature(prefix: &str) -> Feature {
    let mut h: u32 = 0x811c_9dc5;
    for b in prefix.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    WORDS_FROM + h % (Feature::MAX - WORDS_FROM)
}

/// Every pair of the concepts in `set`, each concept with itself included.
fn pairs(set: Concepts, each: &mut impl FnMut(Feature)) {
    let mut rest = set;
    while rest != 0 {
        let a = rest.trailing_zeros();
        let mut later = rest;
        while later != 0 {
            let b = later.trailing_zeros();
            each(a * 128 + b);
            later &= later - 1;
        }
        rest &= rest - 1;
    }
}

/// A concept feature's name in the model file: "DEL+MY", or "DEL" for a concept alone. (A word
/// feature is named by its prefix after a `~`, which only the model's `words` know.)
pub fn feature_name(f: Feature) -> String {
    let (a, b) = ((f / 128) as usize, (f % 128) as usize);
    let name = |i: usize| CONCEPT_NAMES.get(i).copied().unwrap_or("?");
    if a == b {
        name(a).to_string()
    } else {
        format!("{}+{}", name(a), name(b))
    }
}

/// A feature from its name in the model file.
pub fn parse_feature(name: &str) -> Option<Feature> {
    if let Some(prefix) = name.strip_prefix('~') {
        return (!prefix.is_empty()).then(|| word_feature(prefix));
    }
    let index = |n: &str| CONCEPT_NAMES.iter().position(|c| *c == n);
    let (a, b) = match name.split_once('+') {
        Some((a, b)) => (index(a)?, index(b)?),
        None => (index(name)?, index(name)?),
    };
    let (a, b) = (a.min(b), a.max(b));
    Feature::try_from(a * 128 + b).ok()
}

/// Per kind, in [`RequestKind::ALL`] order.
pub type PerKind = [f32; RequestKind::ALL.len()];

/// The trained weights.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// A kind is guessed when its probability reaches this.
    pub threshold: f32,
    pub bias: PerKind,
    /// Sorted by feature.
    weights: Vec<(Feature, PerKind)>,
    /// The prefixes of the word features, for the model file.
    words: BTreeMap<Feature, String>,
    /// Where each feature's weights are: this runs for every mail the rules read as no request.
    index: Index,
}

/// Feature → row of [`Model::weights`]: concept pairs straight from a table, word features from
/// an open-addressing hash table.
#[derive(Debug, Clone, PartialEq)]
struct Index {
    /// Per concept pair, its row + 1 (0: no weights).
    pairs: Vec<u32>,
    /// Word feature and row + 1; (0, 0) is an empty slot. Its length is a power of two.
    words: Vec<(Feature, u32)>,
}

impl Index {
    fn new(weights: &[(Feature, PerKind)]) -> Index {
        let word_count = weights.iter().filter(|(f, _)| *f >= WORDS_FROM).count();
        let mut index = Index {
            pairs: vec![0; WORDS_FROM as usize],
            words: vec![(0, 0); (word_count * 2).next_power_of_two().max(16)],
        };
        for (row, (f, _)) in weights.iter().enumerate() {
            let row = row as u32 + 1;
            if *f < WORDS_FROM {
                if let Some(slot) = index.pairs.get_mut(*f as usize) {
                    *slot = row;
                }
                continue;
            }
            let mask = index.words.len() - 1;
            let mut i = Self::home(*f, mask);
            while index.words.get(i).is_some_and(|slot| slot.1 != 0) {
                i = (i + 1) & mask;
            }
            if let Some(slot) = index.words.get_mut(i) {
                *slot = (*f, row);
            }
        }
        index
    }

    fn home(f: Feature, mask: usize) -> usize {
        (f.wrapping_mul(0x9E37_79B9) >> 7) as usize & mask
    }

    /// The row of `f`'s weights, if it has any.
    fn row(&self, f: Feature) -> Option<usize> {
        let row = if f < WORDS_FROM {
            *self.pairs.get(f as usize)?
        } else {
            let mask = self.words.len() - 1;
            let mut i = Self::home(f, mask);
            loop {
                let (key, row) = *self.words.get(i)?;
                if row == 0 || key == f {
                    break row;
                }
                i = (i + 1) & mask;
            }
        };
        (row as usize).checked_sub(1)
    }
}

/// What the trainer learns from one message.
#[derive(Debug, Clone)]
pub struct Example {
    /// The rules' reading, the backstop left out.
    pub rules: super::Classification,
    pub features: Vec<Feature>,
    /// The [`word_prefix`]es behind the word features, to name them in the model file.
    pub prefixes: Vec<String>,
}

/// What the backstop guesses for a message the rules read as no request.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Guess {
    pub kind: RequestKind,
    pub probability: f32,
}

impl Model {
    /// The model compiled into the binary.
    pub fn get() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(|| {
            // The file is checked by a unit test; a broken one disables the backstop.
            Model::parse(include_str!("backstop.tsv")).unwrap_or_else(|_| Model::empty())
        })
    }

    /// A model from its weights (sorted and deduplicated here) and the prefixes of its word
    /// features.
    pub fn new(
        threshold: f32,
        bias: PerKind,
        mut weights: Vec<(Feature, PerKind)>,
        words: BTreeMap<Feature, String>,
    ) -> Model {
        weights.sort_by_key(|(f, _)| *f);
        weights.dedup_by_key(|(f, _)| *f);
        // The weakest go first if there are too many to index.
        if weights.len() > MAX_ROWS {
            weights.sort_by(|a, b| strength(b).total_cmp(&strength(a)));
            weights.truncate(MAX_ROWS);
            weights.sort_by_key(|(f, _)| *f);
        }
        let index = Index::new(&weights);
        Model {
            threshold,
            bias,
            weights,
            words,
            index,
        }
    }

    /// A model that never guesses.
    pub fn empty() -> Model {
        Model::new(
            2.0,
            [-10.0; RequestKind::ALL.len()],
            Vec::new(),
            BTreeMap::new(),
        )
    }

    /// The same weights, guessing from another threshold.
    pub fn with_threshold(self, threshold: f32) -> Model {
        Model { threshold, ..self }
    }

    /// The weights, sorted by feature.
    pub fn weights(&self) -> &[(Feature, PerKind)] {
        &self.weights
    }

    fn weights_of(&self, f: Feature) -> Option<&PerKind> {
        self.weights.get(self.index.row(f)?).map(|(_, w)| w)
    }

    /// The probability of each kind for these features.
    pub fn probabilities(&self, features: &[Feature]) -> PerKind {
        let mut z = self.bias;
        for w in features.iter().filter_map(|f| self.weights_of(*f)) {
            for (zk, wk) in z.iter_mut().zip(w) {
                *zk += wk;
            }
        }
        z.map(sigmoid)
    }

    /// The most probable kind, when it reaches the threshold.
    pub fn guess(&self, features: &[Feature]) -> Option<Guess> {
        self.best(self.probabilities(features))
    }

    /// [`Model::guess`] for the [`features`] of a tagged text, without collecting them: each
    /// feature's weights count once, however often it occurs.
    pub fn guess_text(&self, toks: &[Token], tags: &[Concepts], words: &WordList) -> Option<Guess> {
        let mut seen = [0u64; MAX_ROWS / 64];
        let mut z = self.bias;
        let add = |f: Feature| {
            let Some(row) = self.index.row(f) else { return };
            let Some(bits) = seen.get_mut(row / 64) else {
                return;
            };
            if *bits >> (row % 64) & 1 == 0 {
                *bits |= 1 << (row % 64);
                if let Some((_, w)) = self.weights.get(row) {
                    for (zk, wk) in z.iter_mut().zip(w) {
                        *zk += wk;
                    }
                }
            }
        };
        for_each_feature(toks, tags, words, add);
        self.best(z.map(sigmoid))
    }

    fn best(&self, p: PerKind) -> Option<Guess> {
        RequestKind::ALL
            .iter()
            .zip(p)
            .filter(|(_, p)| *p >= self.threshold)
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(&kind, probability)| Guess { kind, probability })
    }

    /// The features that speak most for `kind`, strongest first (for the evidence).
    pub fn strongest_for(&self, kind: RequestKind, features: &[Feature]) -> Option<Feature> {
        let k = RequestKind::ALL.iter().position(|&x| x == kind)?;
        features
            .iter()
            .filter_map(|f| Some((*f, self.weights_of(*f)?.get(k).copied()?)))
            .filter(|(_, w)| *w > 0.0)
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(f, _)| f)
    }

    /// Read the model file: `#` comments, a `threshold` line, a `bias` line and one line per
    /// feature, each with one weight per kind in [`RequestKind::ALL`] order, tab-separated.
    pub fn parse(text: &str) -> Result<Model, String> {
        let mut threshold = f32::NAN;
        let mut bias = [0.0; RequestKind::ALL.len()];
        let mut weights = Vec::new();
        let mut words = BTreeMap::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let head = cols.next().unwrap_or("");
            let numbers: Vec<f32> = cols
                .map(|c| c.parse::<f32>())
                .collect::<Result<_, _>>()
                .map_err(|e| format!("line {}: {e}", n + 1))?;
            if head == "threshold" {
                threshold = *numbers
                    .first()
                    .ok_or_else(|| format!("line {}: no threshold", n + 1))?;
                continue;
            }
            let row: PerKind = numbers.try_into().map_err(|_| {
                format!(
                    "line {}: expected {} weights",
                    n + 1,
                    RequestKind::ALL.len()
                )
            })?;
            if head == "bias" {
                bias = row;
            } else {
                let f = parse_feature(head)
                    .ok_or_else(|| format!("line {}: unknown feature {head:?}", n + 1))?;
                if let Some(prefix) = head.strip_prefix('~') {
                    words.insert(f, prefix.to_string());
                }
                weights.push((f, row));
            }
        }
        if !threshold.is_finite() {
            return Err("no threshold line".into());
        }
        Ok(Model::new(threshold, bias, weights, words))
    }

    /// The model file, as [`Model::parse`] reads it.
    pub fn to_tsv(&self, header: &str) -> String {
        let mut out = String::new();
        for line in header.lines() {
            out.push_str("# ");
            out.push_str(line);
            out.push('\n');
        }
        out.push_str("# columns: feature");
        for k in RequestKind::ALL {
            out.push('\t');
            out.push_str(k.as_str());
        }
        out.push('\n');
        out.push_str(&format!("threshold\t{}\n", self.threshold));
        let row = |out: &mut String, head: &str, w: &PerKind| {
            out.push_str(head);
            for x in w {
                out.push_str(&format!("\t{x:.3}"));
            }
            out.push('\n');
        };
        row(&mut out, "bias", &self.bias);
        for (f, w) in &self.weights {
            match self.words.get(f) {
                Some(prefix) => row(&mut out, &format!("~{prefix}"), w),
                None => row(&mut out, &feature_name(*f), w),
            }
        }
        out
    }
}

/// The most features a model keeps.
const MAX_ROWS: usize = 16 * 1024;

fn strength((_, w): &(Feature, PerKind)) -> f32 {
    w.iter().map(|x| x.abs()).fold(0.0, f32::max)
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::c;
    use super::*;

    fn tok(sentence: u32) -> Token {
        Token {
            start: 0,
            end: 0,
            sentence,
            segment: 0,
            comma_before: false,
            number: false,
            capital: false,
        }
    }

    #[test]
    fn features_are_pairs_within_a_sentence() {
        let toks = [tok(0), tok(0), tok(1)];
        let tags = [c::DEL, c::MY, c::CONSENT];
        let mut words = WordList::default();
        for w in ["slettet", "my", "samtykke"] {
            words.push(w);
        }
        let got = features(&toks, &tags, &words);
        let mut want: Vec<Feature> = ["DEL", "DEL+MY", "MY", "CONSENT", "~slett", "~samty"]
            .into_iter()
            .filter_map(parse_feature)
            .collect();
        want.sort_unstable();
        assert_eq!(got, want);
        assert!(got.iter().all(|f| *f != word_feature("my")));
    }

    #[test]
    fn word_prefixes_are_the_first_five_letters() {
        assert_eq!(word_prefix("slettes"), Some("slett"));
        assert_eq!(word_prefix("löschen"), Some("lösch"));
        assert_eq!(word_prefix("samty"), Some("samty"));
        assert_eq!(word_prefix("mig"), Some("mig"));
        assert_eq!(word_prefix("om"), None);
        assert_eq!(word_prefix("æøå"), Some("æøå"));
        assert!(word_feature("slett") >= WORDS_FROM);
    }

    #[test]
    fn feature_names_round_trip() {
        for f in [0u32, 1, 12, 128 + 12, 97 * 128 + 97, 13 * 128 + 97] {
            assert_eq!(
                parse_feature(&feature_name(f)),
                Some(f),
                "{}",
                feature_name(f)
            );
        }
        assert_eq!(parse_feature("MY+DEL"), parse_feature("DEL+MY"));
        assert_eq!(parse_feature("NO_SUCH"), None);
    }

    #[test]
    fn the_compiled_model_parses_and_round_trips() {
        let text = include_str!("backstop.tsv");
        let model = Model::parse(text).expect("backstop.tsv");
        assert!(model.threshold > 0.5 && model.threshold < 1.0);
        assert_eq!(Model::parse(&model.to_tsv("x")).as_ref(), Ok(&model));
    }

    #[test]
    fn guesses_only_at_the_threshold() {
        let del_my = parse_feature("DEL+MY").unwrap();
        let erasure = RequestKind::ALL
            .iter()
            .position(|&k| k == RequestKind::Erasure)
            .unwrap();
        let mut w = [0.0; RequestKind::ALL.len()];
        w[erasure] = 4.0;
        let slett = word_feature("slett");
        let model = Model::new(
            0.8,
            [-2.0; RequestKind::ALL.len()],
            vec![(slett, [0.5; RequestKind::ALL.len()]), (del_my, w)],
            BTreeMap::from([(slett, "slett".to_string())]),
        );
        assert_eq!(
            model.weights_of(slett),
            Some(&[0.5; RequestKind::ALL.len()])
        );
        // Read from the text, a feature met twice counts once, as in training.
        let toks = [tok(0), tok(0), tok(1), tok(1)];
        let tags = [c::DEL, c::MY, c::DEL, c::MY];
        let mut words = WordList::default();
        for w in ["slettes", "mine", "slettet", "mine"] {
            words.push(w);
        }
        let from_text = model.guess_text(&toks, &tags, &words).expect("a guess");
        let from_features = model.guess(&features(&toks, &tags, &words));
        assert_eq!(Some(from_text), from_features);
        assert!((from_text.probability - sigmoid(2.5)).abs() < 1e-6);
        assert_eq!(model.weights_of(word_feature("samtx")), None);
        assert_eq!(model.weights_of(parse_feature("DEL").unwrap()), None);
        let guess = model.guess(&[del_my]).expect("a guess");
        assert_eq!(guess.kind, RequestKind::Erasure);
        assert!((guess.probability - sigmoid(2.0)).abs() < 1e-6);
        assert_eq!(model.guess(&[]), None);
        assert_eq!(
            model.strongest_for(RequestKind::Erasure, &[del_my]),
            Some(del_my)
        );
        assert_eq!(Model::empty().guess(&[del_my]), None);
    }

    #[test]
    fn bad_model_files_are_refused() {
        assert!(Model::parse("bias\t1").is_err());
        assert!(Model::parse("threshold\t0.9\nNO_SUCH\t1\t1\t1\t1\t1\t1\t1\t1").is_err());
        assert!(Model::parse("threshold\tx").is_err());
    }
}

//! Lists the words of labelled mail that get concepts only from *another* language's terms,
//! most frequent first: the fold (æ/å/ä → a, ø/ö → o) and the Snowball stemmers make words of
//! one language collide with terms of another ("må" with Trøndersk "mæ", Danish "der" with
//! Norwegian "deres"). Most hits are loanwords read rightly ("du", "instagram"); the others
//! belong in the lexicon's `FALSE_FRIENDS` or need an exact (`=`) term.
//!
//! ```text
//! cargo run --release --example lexicon_collisions -- tests/corpus*
//! ```

use std::collections::HashMap;
use std::path::Path;

use gdpr_inbox::classify::lexicon::{self, Concepts, Lexicon, WordList};
use gdpr_inbox::classify::text;
use gdpr_inbox::message::Message;

const LANGUAGES: [&str; 7] = ["da", "sv", "no", "en", "de", "nl", "fi"];
const ENGLISH: u8 = 1 << 3;
const SCANDINAVIAN: u8 = 0b111;

/// (language, word as written, the concepts only other languages gave it) → how often.
type Counts = HashMap<(String, String, String), usize>;

fn main() {
    let mut counts = Counts::new();
    for dir in std::env::args().skip(1) {
        count_set(Path::new(&dir), &mut counts);
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by_key(|row| std::cmp::Reverse(row.1));
    for ((language, word, concepts), n) in rows.into_iter().take(90) {
        println!("{n:5} {language} {word:18} {concepts}");
    }
}

/// Count the collisions in one labelled set's human mail (its `labels.tsv` gives the language).
fn count_set(dir: &Path, counts: &mut Counts) {
    let labels = std::fs::read_to_string(dir.join("labels.tsv"))
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for line in labels.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(file), Some(&"false"), Some(language)) = (cols.first(), cols.get(3), cols.get(4))
        else {
            continue;
        };
        let Some(l) = LANGUAGES.iter().position(|x| x == language) else {
            continue;
        };
        let Ok(raw) = std::fs::read(dir.join(file)) else {
            continue;
        };
        if let Ok(msg) = Message::parse(&raw) {
            count_message(&msg, l, counts);
        }
    }
}

fn count_message(msg: &Message, l: usize, counts: &mut Counts) {
    let lex = Lexicon::get();
    let body = text::own_words(&msg.text);
    let mut toks = Vec::new();
    text::tokenize(&body, 0, &mut toks);
    let words: Vec<&str> = toks
        .iter()
        .map(|t| body.get(t.start..t.end).unwrap_or(""))
        .collect();
    let mut folded = WordList::default();
    for w in &words {
        folded.push(&text::fold(w));
    }
    // As the classifier allows: the language itself, English, and for a Scandinavian text the
    // other two Scandinavian languages.
    let own = 1u8 << l;
    let allowed = if l < 3 {
        SCANDINAVIAN | ENGLISH
    } else {
        own | ENGLISH
    };
    let stems_own = lexicon::stem_all(lex, own, &words, &folded);
    let stems_all = lexicon::stem_all(lex, allowed, &words, &folded);
    for (i, word) in words.iter().enumerate() {
        let (alone, _) = lex.match_at(l, own, &stems_own, &folded, i, words.len());
        let (mixed, _) = lex.match_at(l, allowed, &stems_all, &folded, i, words.len());
        let extra = mixed & !alone & !lexicon::false_friend(word);
        if extra != 0 {
            let key = (LANGUAGES[l].to_string(), word.to_lowercase(), names(extra));
            *counts.entry(key).or_default() += 1;
        }
    }
}

fn names(concepts: Concepts) -> String {
    lexicon::CONCEPT_NAMES
        .iter()
        .enumerate()
        .filter(|(bit, _)| concepts >> bit & 1 == 1)
        .map(|(_, name)| *name)
        .collect::<Vec<_>>()
        .join("|")
}

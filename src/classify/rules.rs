//! The rules that turn tagged words into request kinds: an action near an object ("slette" near
//! "mine oplysninger"), a right named outright ("aktindsigt", "Datenübertragbarkeit"), an article
//! cited (Art. 15), with negation ("I do NOT want my data deleted"), reported speech ("I asked you
//! last month…"), thanks ("thanks for deleting…") and questions about how things work taken into
//! account. Each rule yields a scored [`Hit`] pointing at the words that decided it.
//!
//! Pure and total: only reads the token/tag slices it is given, every index is checked, and it
//! must never look at raw headers or decide whether mail is automated.

use crate::domain::RequestKind;

use super::lexicon::{c, Concepts};
use super::text::Token;

/// One piece of evidence for a kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub kind: RequestKind,
    pub score: f32,
    /// First and last token of the evidence.
    pub from: usize,
    pub to: usize,
    pub rule: &'static str,
}

/// A right called by its name: "indsigt", "right to be forgotten", "Widerspruch",
/// "dataportabilitet".
const NAMED_RIGHTS: Concepts = c::ACCESS_STRONG
    | c::ERASE_STRONG
    | c::RECT_STRONG
    | c::RESTRICT_STRONG
    | c::OBJECT_STRONG
    | c::PORT_STRONG;

/// What the rules read.
pub struct View<'a> {
    pub toks: &'a [Token],
    pub tags: &'a [Concepts],
    index: SentenceIndex,
    /// The text's language puts the verb last ("bitte alle meine Daten … löschen"): an
    /// action's object may sit further before it.
    verb_final: bool,
    /// The mail reminds of an earlier request ("Indsigtsanmodning – rykker", "I have not
    /// heard back"): what it reports asking for is still asked for.
    reminder: bool,
    /// The mail is a short reply whose own words name nothing, and the mail it answers names the
    /// writer's records ("Kan de fjernes?" below "Notatene … ligger fortsatt i journalen din"):
    /// "them" are those records.
    quoted_records: bool,
}

/// Where each sentence's tokens are and which concepts occur in it, so that the rules' many
/// "is there an X in this sentence / nearby" questions skip sentences without any X.
#[derive(Default)]
struct SentenceIndex {
    /// Per token: the range of tokens of its sentence and the concepts found there. Empty when
    /// the tokens' sentence numbers do not increase run by run, or their segment numbers do not
    /// grow with them (a segment within one sentence) — never so for tokenised text — in which
    /// case every question scans the whole text as written.
    of_token: Vec<(usize, usize, Concepts)>,
    /// All concepts of the text.
    all: Concepts,
}

impl SentenceIndex {
    fn new(toks: &[Token], tags: &[Concepts]) -> SentenceIndex {
        let n = toks.len().min(tags.len());
        let all = tags.iter().take(n).fold(0, |acc, t| acc | t);
        let mut of_token = Vec::with_capacity(n);
        let mut last: Option<u32> = None;
        // Segment numbers never fall and change with every sentence: a segment lies in one
        // sentence.
        let segments_nest = toks
            .iter()
            .zip(toks.iter().skip(1))
            .take(n.saturating_sub(1))
            .fold(true, |ok, (a, b)| {
                ok & ((b.segment > a.segment)
                    | ((b.segment == a.segment) & (b.sentence == a.sentence)))
            });
        if !segments_nest {
            return SentenceIndex {
                of_token: Vec::new(),
                all,
            };
        }
        let mut start = 0;
        while start < n {
            let sent = toks.get(start).map_or(u32::MAX, |t| t.sentence);
            let mut end = start;
            let mut concepts = 0;
            while end < n && toks.get(end).map_or(u32::MAX, |t| t.sentence) == sent {
                concepts |= tags.get(end).copied().unwrap_or(0);
                end += 1;
            }
            if last.is_some_and(|last| last >= sent) {
                // Sentence numbers that do not increase: no shortcuts.
                return SentenceIndex {
                    of_token: Vec::new(),
                    all,
                };
            }
            last = Some(sent);
            of_token.resize(end, (start, end, concepts));
            start = end;
        }
        SentenceIndex { of_token, all }
    }
}

impl<'a> View<'a> {
    pub fn new(toks: &'a [Token], tags: &'a [Concepts]) -> View<'a> {
        View {
            toks,
            tags,
            index: SentenceIndex::new(toks, tags),
            verb_final: false,
            reminder: false,
            quoted_records: false,
        }
    }

    /// Read the text as a reminder of an earlier request.
    pub fn reminder(mut self, yes: bool) -> View<'a> {
        self.reminder = yes;
        self
    }

    /// Read "it"/"them" as the records the quoted mail names.
    pub fn quoted_records(mut self, yes: bool) -> View<'a> {
        self.quoted_records = yes;
        self
    }

    /// Read the text as one whose verbs come last (German, Dutch).
    pub fn verb_final(mut self, yes: bool) -> View<'a> {
        self.verb_final = yes;
        self
    }

    /// Whether the sentence of token `i` certainly has no token carrying `mask`.
    fn sentence_lacks(&self, i: usize, mask: Concepts) -> bool {
        self.index
            .of_token
            .get(i)
            .is_some_and(|&(_, _, concepts)| concepts & mask == 0)
    }

    /// The sentence of token `i`: its first token, one past its last, and the concepts in it.
    pub fn sentence_of(&self, i: usize) -> Option<(usize, usize, Concepts)> {
        self.index.of_token.get(i).copied()
    }

    fn tag(&self, i: usize) -> Concepts {
        self.tags.get(i).copied().unwrap_or(0)
    }
    fn has(&self, i: usize, mask: Concepts) -> bool {
        self.tag(i) & mask != 0
    }
    fn sentence(&self, i: usize) -> u32 {
        self.toks.get(i).map_or(u32::MAX, |t| t.sentence)
    }
    fn segment(&self, i: usize) -> u32 {
        self.toks.get(i).map_or(u32::MAX, |t| t.segment)
    }
    fn len(&self) -> usize {
        self.toks.len().min(self.tags.len())
    }

    /// The nearest token within `before`/`after` words of `i` carrying `mask`, in the same
    /// sentence (and the same comma segment when `same_segment`).
    fn near(
        &self,
        i: usize,
        mask: Concepts,
        before: usize,
        after: usize,
        same_segment: bool,
    ) -> Option<usize> {
        if self.sentence_lacks(i, mask) {
            return None;
        }
        let sent = self.sentence(i);
        let seg = self.segment(i);
        let ok = |j: usize| {
            self.sentence(j) == sent
                && (!same_segment || self.segment(j) == seg)
                && self.has(j, mask)
        };
        for d in 1..=before.max(after) {
            if d <= before && i >= d && ok(i - d) {
                return Some(i - d);
            }
            if d <= after && i + d < self.len() && ok(i + d) {
                return Some(i + d);
            }
        }
        None
    }

    fn in_sentence(&self, i: usize, mask: Concepts) -> Option<usize> {
        let sent = self.sentence(i);
        let (start, end) = match self.index.of_token.get(i) {
            Some(&(_, _, concepts)) if concepts & mask == 0 => return None,
            Some(&(start, end, _)) => (start, end),
            None => (0, self.len()),
        };
        (start..end).find(|&j| j != i && self.sentence(j) == sent && self.has(j, mask))
    }

    fn anywhere(&self, mask: Concepts) -> bool {
        self.index.all & mask != 0 || self.tags.iter().skip(self.len()).any(|t| t & mask != 0)
    }

    /// Whether the word at `i` is negated: a NEG word up to five words before it (not across a
    /// "but/so", and across a comma only when a "that" follows it), or up to three words after it
    /// within its comma segment ("radera dem inte", "löschen Sie meine Daten nicht").
    pub fn negated(&self, i: usize) -> bool {
        // Both directions look only within the sentence (a segment lies in one).
        if self.sentence_lacks(i, c::NEG) {
            return false;
        }
        let sent = self.sentence(i);
        let mut j = i;
        let mut steps = 0;
        while j > 0 && steps < 5 {
            let here = j;
            j -= 1;
            // "jeg vil ikke have, at mine notater bliver slettet": "at" and "bliver" only join
            // the wish to its verb
            if !self.has(j, c::COMPL | c::PASSIVE) {
                steps += 1;
            }
            if self.sentence(j) != sent || self.has(j, c::BREAK) {
                break;
            }
            // "Jag vill inte vara med längre och återkallar …": "no longer" ends its clause.
            if self.has(j, c::AND) && j > 0 && self.has(j - 1, c::LONGER) {
                break;
            }
            // "… not Shivon can you fix it": a question starts a new clause (not in "I do not
            // want you to …")
            if self.has(j, c::REQ) && self.has(here, c::YOU) && !self.has(j.wrapping_sub(1), c::NEG)
            {
                break;
            }
            if self.toks.get(here).is_some_and(|t| t.comma_before) && !self.has(here, c::COMPL) {
                break;
            }
            if self.has(j, c::NEG) && !self.polite_question(j) {
                return true;
            }
        }
        if self.opens_negated(i) {
            return true;
        }
        let seg = self.segment(i);
        for k in i + 1..(i + 5).min(self.len()) {
            if self.segment(k) != seg || self.has(k, c::BREAK | c::AND) {
                break;
            }
            // ("verwenden Sie die Unterlagen nicht weiter": a use not continued is a use stopped)
            let no_longer = self.has(k, c::LONGER | c::MORE) && !self.has(i, c::USE);
            if self.has(k, c::NEG) && !no_longer {
                return true;
            }
        }
        // German and Dutch imperatives end their clause with the "not": "Löschen Sie es aber
        // bitte auch nicht", "Löschen Sie die Aufnahmen bitte nicht" ("aber" is no "but" there)
        // ("Bitte löschen Sie …": after a "please" that opens the sentence)
        // ("… an Dritte und löschen Sie die Daten auch nicht": a second imperative after "und")
        let imperative = self.opens_sentence(i)
            || self.toks.get(i).is_some_and(|t| t.comma_before)
            || (self.has(i - 1, c::REQ) && self.opens_sentence(i - 1))
            || (self.has(i - 1, c::AND) && self.has(i + 1, c::YOU));
        if self.verb_final && imperative {
            let clause_end = (i + 1..(i + 10).min(self.len()))
                .find(|&k| self.segment(k) != seg)
                .unwrap_or((i + 10).min(self.len()));
            let last = clause_end.saturating_sub(1);
            if last > i && self.has(last, c::NEG) && !self.has(last, c::LONGER | c::MORE) {
                return true;
            }
            // ("Bitte löschen Sie das Glossar … (Serie KM-400) auf keinen Fall": "in no case"
            // later in the sentence, before another subject)
            let in_no_case = (i + 1..(i + 20).min(self.len()))
                .take_while(|&k| {
                    self.sentence(k) == sent && !self.has(k, c::BREAK | c::WE | c::I_SELF)
                })
                .any(|k| self.has(k, c::NEG) && self.has(k + 1, c::NEG));
            if in_no_case {
                return true;
            }
        }
        // "Jeg vil ikke at noe i journalen min slettes eller endres", "I do not want that …":
        // a negated "that" covers its whole clause.
        // (not the verb after a comma: "Vill inte att ni använder bilder på mig, ta bort den")
        let own_clause = self.toks.get(i).is_some_and(|t| t.comma_before);
        !own_clause
            && !self.sentence_lacks(i, c::COMPL)
            && (i.saturating_sub(10)..i).rev().any(|k| {
                self.has(k, c::NEG)
                    && self.has(k + 1, c::COMPL)
                    && !self.polite_question(k)
                    && (k..i).all(|j| {
                        // (", und widerspreche dieser Verarbeitung": a new clause)
                        // (", dus ik trek mijn toestemming in": a new subject, a new clause)
                        let new_clause = self.has(j + 1, c::AND | c::I_SELF)
                            && self.toks.get(j + 1).is_some_and(|t| t.comma_before);
                        self.sentence(j) == sent
                            && !self.has(j + 1, c::BREAK | c::NEG)
                            && !new_clause
                    })
            })
    }

    /// The sentence of `i` opens with a negation that nothing before `i` cuts off: "Inte för att
    /// jag vill att du raderar något", "Not that I want you to delete anything".
    fn opens_negated(&self, i: usize) -> bool {
        let Some(&(start, _, concepts)) = self.index.of_token.get(i) else {
            return false;
        };
        start < i
            && concepts & c::NEG != 0
            && self.has(start, c::NEG)
            && !(start + 1..i).any(|k| {
                self.has(k, c::BREAK | c::AND | c::NEG)
                    || (self.has(k, c::REQ) && self.has(k, c::YOU))
            })
    }

    /// A NEG word at `j` that belongs to a polite question, not to a refusal: "vil du ikke rette
    /// det?", "kan I ikke slette mig?", "kan ni inte ta bort det?" (a modal + you + not; the
    /// request terms "kan I", "kan ni" tag the modal).
    fn polite_question(&self, j: usize) -> bool {
        if j < 2 {
            return false;
        }
        let pronoun = self.has(j - 1, c::YOU)
            || (self.tag(j - 1) == 0
                && self
                    .toks
                    .get(j - 1)
                    .is_some_and(|t| t.end.saturating_sub(t.start) <= 2));
        pronoun && self.has(j - 2, c::REQ) && !self.has(j - 2, c::I_SELF)
    }

    /// An action at `i` aimed at something that is not personal data: an appointment, a list,
    /// an invoice, a post on the website.
    fn other_object(&self, i: usize) -> bool {
        // ("delete the session recordings": the session only says which recordings)
        let records_of = |o: usize| {
            self.has(o, c::EVENT) && self.has(o + 1, c::DATA_STRONG | c::DATA_WEAK | c::PHOTO)
        };
        let after = self
            .near(
                i,
                c::EVENT | c::NEWS | c::LIST | c::PUBLISHED | c::INVOICE,
                0,
                5,
                true,
            )
            .is_some_and(|o| !records_of(o));
        // "kunnen jullie mijn afspraak van morgen verwijderen?", "den Termin am Montag löschen":
        // the object before a verb that comes last (no data named between)
        let before = || {
            // (any segment: "14:00" splits one)
            self.near(i, c::EVENT | c::INVOICE, 6, 0, false)
                .is_some_and(|o| {
                    !(o..i)
                        .any(|k| self.has(k, c::DATA_STRONG | c::DATA_WEAK | c::FIELD | c::PHOTO))
                })
        };
        after || (self.verb_final && before())
    }

    /// The token at `k` opens its sentence.
    fn opens_sentence(&self, k: usize) -> bool {
        k == 0 || self.sentence(k - 1) != self.sentence(k)
    }

    /// Whether a token carrying `mask` occurs among the `n` tokens before `i`, in any sentence:
    /// what "it" in "can you correct it?" may stand for.
    fn recent(&self, i: usize, mask: Concepts, n: usize) -> bool {
        (i.saturating_sub(n)..i).any(|k| self.has(k, mask))
    }

    /// Nothing but little words follow the action at `i` in its clause ("Please delete.",
    /// "slet det venligst"): no object of its own.
    fn bare(&self, i: usize) -> bool {
        let seg = self.segment(i);
        (i + 1..(i + 4).min(self.len()))
            .take_while(|&k| self.segment(k) == seg)
            .all(|k| {
                self.has(
                    k,
                    c::REQ | c::IT | c::ALL | c::YOU | c::ME | c::GREETING | c::WORD,
                )
            })
    }

    /// The mail talks about the data somewhere (so "it", "them", "everything" can stand for it).
    fn data_context(&self) -> bool {
        self.anywhere(c::DATA_STRONG | c::DATA_WEAK | c::ABOUT_ME | c::FIELD | c::SYSTEM)
    }

    /// A personal-data object for an action at `i`: a strong data word, or a weak one with an
    /// owner (my, about me, you hold, your system) nearby.
    fn data_object(&self, i: usize) -> Option<usize> {
        // German and Dutch put the verb last, or first in an imperative ("löschen Sie bei der
        // Gelegenheit auch gleich meine Daten"): the object may sit further away either side.
        let (before, after) = if self.verb_final { (10, 9) } else { (6, 7) };
        if let Some(j) = self.near(i, c::DATA_STRONG, before, after, true) {
            return Some(j);
        }
        // "en udskrift af det, der står i min journal": what the clause after "it" names as mine
        let named_after_it = || {
            let it = self.near(i, c::IT, 0, 3, true)?;
            self.near(it, c::DATA_STRONG | c::DATA_WEAK, 0, 8, false)
                .filter(|&j| self.near(j, c::MY | c::ABOUT_ME, 2, 2, false).is_some())
        };
        let Some(j) = self.near(i, c::DATA_WEAK, before, after, true) else {
            return named_after_it();
        };
        // ("our contact details" are a couple's; "our data processing agreement" a supplier's)
        let ours = if self.anywhere(c::POLICY) { 0 } else { c::OUR };
        let owner = c::MY | ours | c::ABOUT_ME | c::HOLD | c::YOU | c::SYSTEM | c::ME;
        let owned = self.near(j, owner, 4, 4, true).is_some()
            || self.near(i, owner, 4, 4, true).is_some()
            // "de oplysninger, I har om mig": a relative clause after a comma says whose
            // ("de notater og den afsluttende udtalelse, du har om Freja")
            || self.near(j, c::ABOUT_ME | c::HOLD, 0, 7, false).is_some()
            // "… vilka personuppgifter ni har sparat om Elias, och därefter att uppgifterna
            // raderas": "the data" are those the sentence has named
            || self.named_before(j)
            || self.recorded_at_our_sessions(j);
        if owned {
            Some(j)
        } else {
            named_after_it()
        }
    }

    /// "the notes from our sessions", "notaterne fra vores samtaler": what was recorded at the
    /// writer's own appointments.
    fn recorded_at_our_sessions(&self, j: usize) -> bool {
        self.followed_by_a_session(j, true)
    }

    /// "… from (our) session(s)" right after the data word at `j` ("from", then within two words
    /// the session, after "our" when `ours`), in a mail about no third party.
    fn followed_by_a_session(&self, j: usize, ours: bool) -> bool {
        let session = |k: usize| {
            if ours {
                self.has(k, c::OUR) && self.has(k + 1, c::EVENT)
            } else {
                self.has(k, c::EVENT)
            }
        };
        self.has(j + 1, c::FROM)
            && (j + 2..(j + 4).min(self.len())).any(session)
            && !self.anywhere(c::THIRD)
    }

    /// The action at `i` is a right listed, not exercised: "Jag har rätt att när som helst
    /// återkalla mitt samtycke", "you have the right to request access" (a form, a policy).
    fn right_listed(&self, i: usize) -> bool {
        self.near(i, c::RIGHT, 12, 0, false).is_some_and(|r| {
            // "har rätt att … begära", "har hun ret til indsigt"
            self.near(r, c::AUX_PERF, 2, 0, true).is_some()
                && (i <= r + 2 || (r + 1..i).any(|k| self.has(k, c::COMPL)))
                && self.near(r, c::REQ, 8, 0, false).is_none()
        })
    }

    /// The word after `i`, in the same clause, carries `mask`: the subject of a verb put first.
    fn subject_after(&self, i: usize, mask: Concepts) -> bool {
        self.has(i + 1, mask)
            && self.sentence(i + 1) == self.sentence(i)
            && !self.toks.get(i + 1).is_some_and(|t| t.comma_before)
    }

    /// "the notes from the session": recorded at an appointment (to be deleted, it is the
    /// writer's; a recording from a webinar to be sent is not).
    fn recorded_at_a_session(&self, j: usize) -> bool {
        self.has(j, c::DATA_WEAK) && self.followed_by_a_session(j, false)
    }

    /// Personal data named, with its holder, earlier in the sentence of `j`.
    fn named_before(&self, j: usize) -> bool {
        let Some(&(start, _, concepts)) = self.index.of_token.get(j) else {
            return false;
        };
        concepts & c::DATA_STRONG != 0
            && (start..j).any(|k| {
                self.has(k, c::DATA_STRONG)
                    && self
                        .near(k, c::MY | c::ABOUT_ME | c::HOLD | c::YOU, 3, 3, true)
                        .is_some()
            })
    }

    /// A statement about something done, not a request: "er slettet", "has been deleted",
    /// "thanks for…", or a past form without a request word before it.
    fn statement(&self, i: usize) -> bool {
        // "er slettet", "has been deleted"; "jeg har fået en udskrift", "I have received a copy".
        // ("jeg har meldt mig ud af Facebook og slettet min profil": one "har" for both)
        // ("Jeg har anonymiseret det hele, ændret alder og by": a list after one "har")
        let listed = || self.toks.get(i).is_some_and(|t| t.comma_before);
        let coordinated = || {
            (self.has(i.wrapping_sub(1), c::AND) || listed())
                && self.near(i, c::AUX_PERF, 7, 0, false).is_some_and(|a| {
                    self.has(a.wrapping_sub(1), c::I_SELF)
                        && !(a + 1..i).any(|k| self.has(k, c::REQ | c::BREAK))
                })
        };
        let perfect = self.near(i, c::AUX_PERF, 2, 0, true).is_some()
            || coordinated()
            || self
                .near(i, c::GOT, 3, 0, true)
                .is_some_and(|g| g >= 1 && self.near(g, c::AUX_PERF, 2, 0, true).is_some())
            || self.verb_final_perfect(i);
        // ("Ville bara berätta att jag har raderat appen": a wish to tell)
        // ("Sie haben 2018 auf meine Bitte hin meine Daten gelöscht": my request, a noun)
        let asked = self.near(i, c::REQ, 5, 0, false).is_some_and(|r| {
            self.near(r, c::TELL, 0, 3, true).is_none() && !self.has(r.wrapping_sub(1), c::MY)
        });
        if perfect && !asked && self.wish_that(i).is_none() {
            return true;
        }
        // (a dictated run-on without full stops thanks for one thing, then asks another: "… så
        // tack för det men jag vill att du raderar …")
        // (thanks right after the ask only closes it: "Radera mina uppgifter, tack för hjälpen";
        // not after a clause of its own: "… slette min profil …, og det gjorde I, mange tak")
        // ("… bitte alle daten von mir löschen … und ich brauch das nicht mehr danke": a bare
        // thanks at the end still only closes it; "tak for det", thanks for "it", thanks for
        // the deed told)
        let closes_the_ask = |t: usize| {
            t > i
                && (!(i + 1..t).any(|k| self.has(k, c::AND | c::BREAK))
                    || !(t + 1..t + 3).any(|k| self.has(k, c::IT)))
        };
        if let Some(thanks) = self
            .in_sentence(i, c::THANKS)
            .filter(|&t| !closes_the_ask(t))
        {
            let turn = (thanks..i).find(|&k| self.has(k, c::BREAK));
            let asked_since = turn.is_some_and(|b| (b..i).any(|k| self.has(k, c::REQ)));
            if !asked_since {
                return true;
            }
        }
        // "Jeg så på jeres hjemmeside, at I sletter journaler efter 10 år": what the business
        // does, seen or heard, in the present tense
        // (Danish "I" is "you" but folds like the preposition "i": "at I sletter")
        let heard = c::SEE | c::KNOW | c::TELL | c::PUBLISHED | c::POLICY;
        let you_do = self.has(i.wrapping_sub(1), c::YOU) || self.has(i.wrapping_sub(2), c::COMPL);
        if you_do
            && !self.has(i.wrapping_sub(1), c::REQ)
            && self.near(i, heard, 10, 0, false).is_some()
            && self.near(i, c::REQ, 6, 0, false).is_none()
        {
            return true;
        }
        // "ich habe in der Zeitung gelesen, dass Praxen Patientenakten … vernichten", "Du nævnte
        // sidst at du sletter klientoplysninger": a "that" clause after a word of hearing or
        // reading, nothing asked since.
        // (Not "Kan ni se till att den försvinner?", asked; not "Jeg har lest at jeg har rett på
        // dataportabilitet", the writer's own right; not across a "but".)
        if let Some(that) = self.near(i, c::COMPL, 10, 0, false) {
            if let Some(source) = self.near(that, heard, 5, 0, false) {
                // (a wish inside what was heard is part of the report: "Jeg har hørt fra Viggos
                // mor, at hun vil have hans journal slettet")
                let reported_wish = self.has(that + 1, c::HE_SHE | c::THEY | c::OTHERS);
                let asked_until = if reported_wish { that } else { i };
                let asked = (source.saturating_sub(3)..asked_until).any(|k| self.has(k, c::REQ));
                let turned = (that..i).any(|k| self.has(k, c::BREAK));
                if !asked && !turned && !self.has(that + 1, c::I_SELF) {
                    return true;
                }
            }
        }
        // "Jeg har læst, at man kan bede om at få sine oplysninger slettet", "Jag vet att man kan
        // be om att få sin journal raderad": what anyone may ask, told (not "… att man kan radera
        // mina uppgifter": the writer's own)
        // ("Darf man als Patient … verlangen, dass …?", "Kan man få slettet sin journal?":
        // asked of how things are, for anyone)
        if let Some(g) = self.near(i, c::GENERIC, 14, 0, false) {
            let mine = (g + 1..(i + 4).min(self.len())).any(|k| {
                self.sentence(k) == self.sentence(i) && self.has(k, c::I_SELF | c::ME | c::MY)
            });
            let told = self.has(g.wrapping_sub(1), c::COMPL)
                && i - g <= 8
                && self.segment(g) == self.segment(i);
            // (a capital after a colon opens a question too: "… anfangen: Darf man …")
            let asks_for_anyone = g >= 1
                && (self.opens_sentence(g - 1) || self.toks.get(g - 1).is_some_and(|t| t.capital));
            if (told || asks_for_anyone) && !mine {
                return true;
            }
        }
        // "Dere slettet kontoen min i fjor etter at jeg ba om det": the reader's deed told, the
        // sentence opening on "you" and its verb, nothing asked in it
        if self.has(i, c::DEL)
            && self.has(i.wrapping_sub(1), c::YOU)
            && i >= 1
            && self.opens_sentence(i - 1)
            && self.in_sentence(i, c::REQ).is_none()
        {
            return true;
        }
        // "die Auskunft und die Kopie meiner Akte sind heute angekommen": received, asked nothing.
        // (not an imperative that opens its sentence: "Afmeld mig venlist, har fået 3 på en uge"
        // asks, then says why)
        // (nor a question word: "hur har ni fått tag på mitt nummer?")
        if !self.opens_sentence(i)
            && !self.has(i, c::HOW | c::WHERE | c::WHO)
            && self.near(i, c::GOT, 0, 8, false).is_some()
            && self.in_sentence(i, c::REQ).is_none()
        {
            return true;
        }
        // "I saw in your privacy policy that notes are deleted after two years"
        if self.in_sentence(i, c::POLICY).is_some() && self.near(i, c::REQ, 6, 0, false).is_none() {
            return true;
        }
        // "Angående klienten som ba om innsyn": someone's request told of, not a reminder.
        if self.near(i, c::PAST_REQ, 2, 0, true).is_some() && !self.reminder {
            return true;
        }
        // "Jag märker att jag glömmer hälften": the writer's own doing, in the present.
        // "bagefter sletter jeg det", "dann lösche ich sie": the same, its subject after the verb.
        // (not "Jeg ber om at alle opplysninger om ham slettes hos dere, og at han fjernes fra
        // påminnelseslistene": a second "that" clause to the wish)
        let second_wish = || {
            self.has(i.wrapping_sub(2), c::COMPL)
                && self.has(i.wrapping_sub(3), c::AND)
                && self.near(i, c::REQ, 20, 0, false).is_some()
        };
        // ("Nu hvor alle journaler er flyttet over …, sletter vi den gamle server": a supplier's
        // "we", after its verb)
        let writer_does = self.has(i, c::DEL)
            && (self.has(i.wrapping_sub(1), c::I_SELF)
                || self.subject_after(i, c::I_SELF)
                || (self.subject_after(i, c::WE) && !self.anywhere(c::REPRESENT)))
            && !self.has(i.wrapping_sub(1), c::REQ)
            && self.near(i, c::REQ, 3, 0, true).is_none()
            && !second_wish();
        // ("Jeg … vil bli fjernet fra nyhetsbrevet": the writer's participle after "be" is
        // wanted, not done; "your account will be deleted" is still a statement.)
        // ("Vil du sørge for at billederne … bliver fjernet?": asked of "you", the same.)
        // ("I'd like the recordings you already have to be deleted": the writer's wish, a
        // "you" only in the object's description)
        let i_wish = |w: usize| {
            self.has(w, c::REQ)
                && (self.has(w, c::I_SELF) || self.has(w.wrapping_sub(1), c::I_SELF))
                && !(w + 1..i).any(|k| self.has(k, c::BREAK))
        };
        let wanted = self.has(i.wrapping_sub(1), c::PASSIVE)
            && (self
                .near(i, c::I_SELF, 12, 0, false)
                .is_some_and(|w| !(w + 1..i).any(|k| self.has(k, c::YOU)))
                || self.near(i, c::REQ, 12, 0, false).is_some_and(i_wish)
                || self.wish_that(i).is_some());
        // ("lyckades radera allt", "lykkedes at slette": managed to, done)
        // ("det lykkedes mig at slette": "me" and "to" between)
        let managed = (1..=3).any(|d| {
            i >= d
                && self.tag(i - d) == c::PAST_SELF
                && (i - d + 1..i).all(|k| self.tag(k) & !(c::COMPL | c::ME) == 0)
        });
        writer_does
            || ((self.has(i, c::PAST_SELF) || managed)
                && !wanted
                && self.near(i, c::REQ, 5, 0, false).is_none())
    }

    /// German and Dutch put the participle last: "Sie hatten meine Daten ja im Januar
    /// gelöscht" has its auxiliary far before, with nothing asked, wanted or passive between.
    fn verb_final_perfect(&self, i: usize) -> bool {
        // ("auf meinen Wunsch hin", "op mijn verzoek": my wish, a noun, asks nothing here)
        let asked = |k: usize| {
            self.has(k, c::COMPL | c::PASSIVE)
                || (self.has(k, c::REQ) && !self.has(k.wrapping_sub(1), c::MY))
        };
        // ("…, dass Sie die Adresse … so schnell korrigiert haben": the auxiliary after it, in a
        // clause; not "…, dass Sie bis Freitag alles gelöscht haben", wished)
        let clause_perfect = self.has(i + 1, c::AUX_PERF)
            && self.near(i, c::COMPL, 12, 0, false).is_some()
            && self.wish_that(i).is_none();
        self.verb_final
            && (clause_perfect
                || self
                    .near(i, c::AUX_PERF, 12, 0, true)
                    .is_some_and(|a| !(a + 1..i).any(asked)))
    }

    /// A wish and a "that" before `i` in its sentence, nothing said or seen between: "jeg vil
    /// at …", "Jag vill också att alla inspelningar som redan har gjorts raderas" (what follows
    /// is wanted, not reported). Where the wish is.
    fn wish_that(&self, i: usize) -> Option<usize> {
        let wish = self.near(i, c::REQ, 12, 0, false)?;
        let that = (wish + 1..i).any(|k| self.has(k, c::COMPL));
        let told =
            (wish + 1..i).any(|k| self.has(k, c::KNOW | c::SEE | c::INFORM | c::TELL | c::BREAK));
        (that && !told).then_some(wish)
    }

    /// How much to keep of a hit at `i`: reported earlier requests, "how do you…" questions and
    /// "we have…" statements count for less.
    fn damping(&self, i: usize) -> f32 {
        let mut f = 1.0;
        if self.near(i, c::PAST_REQ, 8, 0, false).is_some() && !self.reminder {
            f *= 0.6;
        }
        // ("How long will you keep my notes?" asks about the writer's data, not how things work.)
        if self
            .near(i, c::HOW | c::HANDLE, 6, 0, false)
            .is_some_and(|h| !self.has(h, c::DURATION))
        {
            f *= 0.6;
        }
        // "habe ich bereits Widerspruch eingelegt", "I have already objected": an earlier step
        // reported (a reminder restates what it still asks for).
        // ("the recordings that already exist": the object described, not a step reported)
        // (nor "the recordings you already have": the data, then "you")
        let describes = |a: usize| {
            a.checked_sub(1).is_some_and(|y| {
                self.has(y, c::YOU)
                    && self
                        .near(y, c::DATA_STRONG | c::DATA_WEAK | c::PHOTO, 2, 0, true)
                        .is_some()
            })
        };
        if self
            .near(i, c::ALREADY, 4, 0, true)
            .is_some_and(|a| !self.has(a.wrapping_sub(1), c::COMPL) && !describes(a))
            && !self.reminder
            && self.wish_that(i).is_none()
        {
            f *= 0.6;
        }
        // "I accidentally deleted my account", "I clicked unsubscribe by mistake": what the
        // writer did, not what they ask.
        if self.near(i, c::ACCIDENT, 4, 4, true).is_some() {
            f *= 0.4;
        }
        // ("Den krypterede slut-backup gemmer vi …": "we" after a verb that follows the
        // object, nothing asked before it)
        let we_subject = self.index.of_token.get(i).is_some_and(|&(start, _, _)| {
            (start..(start + 2).min(i)).any(|k| self.has(k, c::WE))
                || (start..(start + 6).min(i)).any(|k| {
                    self.has(k, c::WE) && !(start..k).any(|m| self.has(m, c::REQ | c::YOU))
                })
        });
        // "Vi vill att ni tar bort …", "We would like you to delete …": parents or an employer
        // asking, not the business reporting what it does.
        let we_ask = self
            .index
            .of_token
            .get(i)
            .is_some_and(|&(start, _, _)| (start..i).any(|k| we_ask_at(self, k)));
        // A business never withdraws consent: "Vi trækker vores samtykke tilbage" is a couple,
        // and so is what they ask in the same breath ("… og vil gerne have billedet fjernet").
        let couple_withdraws = self.in_sentence(i, c::WITHDRAW | c::PULL).is_some()
            && self.in_sentence(i, c::CONSENT).is_some();
        // ("vi vill inte ha nyhetsbrevet längre": "we don't want", refused)
        let we_refuse = self.index.of_token.get(i).is_some_and(|&(start, _, _)| {
            (start..i)
                .any(|k| self.has(k, c::WE) && self.has(k + 1, c::REQ) && self.has(k + 2, c::NEG))
        });
        if (self.near(i, c::WE, 3, 0, true).is_some() || we_subject)
            && !we_ask
            && !we_refuse
            && !couple_withdraws
            && !self.has(i, c::WITHDRAW | c::PULL | c::CONSENT)
            && self
                .near(i, c::I_SELF | c::ME | c::MY, 6, 6, false)
                .is_none()
            && !self.anywhere(c::REPRESENT)
        {
            f *= 0.5;
        }
        // "Jeg har en pasient som har bedt om innsyn": a third party asked, whoever's notes are
        // named beside it.
        if let Some(p) = self.near(i, c::PAST_REQ, 4, 0, false) {
            if self.near(p, c::THIRD, 5, 0, false).is_some() {
                f *= 0.5;
            }
        }
        // "Jeg har bedt kommunen om aktindsigt og samtidig sendt dem en anmodning om indsigt":
        // a request the writer sent to someone else, reported
        if let Some(s) = self.near(i, c::SEND, 6, 0, true) {
            let to_them = self.has(s + 1, c::IT | c::THEY | c::OTHERS | c::HIM_HER)
                && !self.has(s + 1, c::ME | c::YOU);
            if to_them && self.near(s, c::AUX_PERF, 12, 0, true).is_some() {
                f *= 0.45;
            }
        }
        // "Jeg har fået en mail fra jeres bookingsystem om, at min profil bliver slettet": what a
        // mail the writer got says, reported
        if let Some(g) = self.near(i, c::GOT, 12, 0, false) {
            if self.near(g, c::MAIL, 0, 3, true).is_some()
                && self.near(g, c::REQ, 4, 0, true).is_none()
            {
                f *= 0.45;
            }
        }
        // "Har du svaret Mette H. på hendes indsigtsanmodning?": someone else's request, named
        if self.has(i, NAMED_RIGHTS)
            && self.has(i.wrapping_sub(1), c::OTHERS)
            && !self.anywhere(c::REPRESENT)
        {
            f *= 0.4;
        }
        // "a former client asked for access": someone else's request, talked about.
        if self.in_sentence(i, c::THIRD).is_some()
            && self.in_sentence(i, c::REPRESENT | c::MY | c::ME).is_none()
        {
            f *= 0.5;
        }
        f
    }
}

/// "Vi ønsker at …", "Vi vill att ni …", "We would like you to …", "Wir bitten Sie …": at `k`,
/// "we" asking someone (the business) to act.
pub fn we_ask_at(v: &View<'_>, k: usize) -> bool {
    if !v.has(k, c::WE) {
        return false;
    }
    // "… beder vi om, at I ikke sletter noget om Oscar": the wish may come first. "We don't want
    // Noah's assessment deleted": the wish may be refused.
    // ("Emme halua, että …": Finnish says "we do not want" in one word)
    let (after, asked) = if k > 0 && v.has(k - 1, c::REQ) {
        (k + 1, c::COMPL | c::YOU)
    } else if v.has(k, c::REQ) {
        (k + 1, c::COMPL | c::YOU | c::DEL | c::PASSIVE)
    } else {
        let wish = if v.has(k + 1, c::NEG) { k + 2 } else { k + 1 };
        // ("Vi protesterer mot at opplysningene om sønnen vår brukes": parents object)
        if wish == k + 1 && v.has(wish, c::OPPOSE | c::OBJECT_STRONG) {
            return true;
        }
        if !v.has(wish, c::REQ) {
            return false;
        }
        (wish + 1, c::COMPL | c::YOU | c::DEL | c::PASSIVE)
    };
    let mut after = after..(after + 4).min(v.len());
    after.clone().any(|j| v.has(j, asked))
        && !after.any(|j| v.has(j, c::KNOW | c::INFORM | c::REMINDER))
}

/// Parents object or take consent back for a child: "Vi protesterer mot at opplysningene om
/// sønnen vår brukes i forskningsprosjektet", "Diese Einwilligung widerrufen wir hiermit" ("we"
/// right before or after the objection or the withdrawal), or refuse a use ("Emme halua, että
/// Ellan tietoja jaetaan").
pub fn we_object(v: &View<'_>) -> bool {
    // ("Vi skrev på att du fick filma Elsa … Vi tar tillbaka det nu": the leave told of)
    let objects = |k: usize| {
        v.has(k, c::OPPOSE | c::OBJECT_STRONG)
            || (v.has(k, c::WITHDRAW)
                && (v.in_sentence(k, c::CONSENT).is_some() || permission_told(v, k)))
    };
    // ("Emme halua, että Ellan tietoja jaetaan päiväkodille", "vi vill inte att det filmas
    // mer": "we do not want" a use)
    let refuses = |k: usize| {
        we_ask_at(v, k)
            && (k..k + 3).any(|n| v.has(n, c::NEG))
            && v.in_sentence(k, c::USE).is_some()
    };
    (0..v.len())
        .any(|k| v.has(k, c::WE) && (objects(k + 1) || (k > 0 && objects(k - 1)) || refuses(k)))
}

/// Parents or an employer ask for someone's data to go: "Vi ønsker at alt som er lagret om henne
/// slettes", "Vi vill att ni tar bort allt material om henne". (An authority's "Vi beder jer
/// redegøre for sagen" asks for no deletion.)
pub fn we_ask_deletion(v: &View<'_>) -> bool {
    (0..v.len()).any(|k| {
        we_ask_at(v, k)
            && (k + 2..(k + 14).min(v.len()))
                .take_while(|&j| v.sentence(j) == v.sentence(k))
                .any(|j| v.has(j, c::DEL))
    })
}

/// The writer has received a request, a practitioner asking how to answer it: "Jeg har fået en
/// anmodning om indsigt fra en tidligere klient", "I've just received my first subject access
/// request". (Not "I have received your answer to my request".)
pub fn received_request(v: &View<'_>) -> bool {
    let named = NAMED_RIGHTS | c::ACCESS_MED;
    if !v.anywhere(c::GOT | c::RECEIVE) || !v.anywhere(named) {
        return false;
    }
    (0..v.len()).any(|k| {
        // ("a client has sent me a SAR")
        let sent_me =
            v.has(k, c::SEND) && v.has(k + 1, c::ME) && v.near(k, c::THIRD, 4, 0, true).is_some();
        let got = v.has(k, c::GOT)
            || sent_me
            || (v.has(k, c::RECEIVE) && v.near(k, c::AUX_PERF, 2, 0, true).is_some());
        got && (k + 1..(k + 8).min(v.len()))
            .take_while(|&j| v.sentence(j) == v.sentence(k) && !v.has(j, c::YOU))
            .any(|j| {
                let request = v.has(j, c::REQ) && v.near(j, named, 2, 3, true).is_some();
                // ("Jeg fikk innsyn i journalen min": the writer got to see their own data)
                // ("… en innsynsbegjæring på klinikken min": the writer's clinic got it)
                let mine = v
                    .near(j, c::MY | c::ABOUT_ME, 0, 4, true)
                    .filter(|&m| !v.has(m.wrapping_sub(1), c::PROVIDER));
                (request || v.has(j, c::ACCESS_STRONG | c::ERASE_STRONG))
                    && !v.has(j.wrapping_sub(1), c::MY)
                    && mine.is_none()
            })
    })
}

/// A hit of `kind` over the words `a` to `b` (either order).
pub fn hit(kind: RequestKind, score: f32, a: usize, b: usize, rule: &'static str) -> Hit {
    Hit {
        kind,
        score,
        from: a.min(b),
        to: a.max(b),
        rule,
    }
}

/// Kinds named by article number (Art. 15 … Art. 21, Art. 7(3)).
pub fn article_kind(number: u32) -> Option<RequestKind> {
    match number {
        15 => Some(RequestKind::Access),
        16 => Some(RequestKind::Rectification),
        17 => Some(RequestKind::Erasure),
        18 => Some(RequestKind::Restriction),
        20 => Some(RequestKind::Portability),
        21 => Some(RequestKind::Objection),
        _ => None,
    }
}

/// Run every rule. `numbers[i]` is the value of token `i` when it is a number.
pub fn evaluate(v: &View<'_>, numbers: &[Option<u32>]) -> Vec<Hit> {
    use RequestKind::*;
    let mut hits = Vec::new();
    let n = v.len();
    for i in 0..n {
        let t = v.tag(i);
        if t == 0 && numbers.get(i).copied().flatten().is_none() {
            continue;
        }
        // "I'd like them to delete everything they have about me": someone else is to delete.
        // (only "them to delete": Scandinavian "de" is also "those", as in "at de slettes")
        if t & c::DEL != 0 && v.has(i.wrapping_sub(2), c::THEY) && v.tag(i.wrapping_sub(1)) == 0 {
            continue;
        }
        // ("jeg vil ikke have dem mere stop det venligst": a "stop" after a "not … any more"
        // starts anew, unpunctuated)
        let restarts = t & c::STOP != 0
            && v.near(i, c::LONGER | c::MORE, 3, 0, true)
                .is_some_and(|m| v.near(m, c::NEG, 4, 0, true).is_some());
        let neg = v.negated(i) && !restarts;
        // Worked out at the first hit only: most tagged words yield none.
        let mut damp: Option<f32> = None;
        let mut push = |h: Hit| {
            let mut h = h;
            h.score *= *damp.get_or_insert_with(|| v.damping(i));
            hits.push(h);
        };

        // ---- articles: "Art. 15", "artikel 17", "Article 20", "15 DSGVO"
        if t & c::ARTICLE != 0 {
            for k in i + 1..(i + 3).min(n) {
                if let Some(kind) = numbers.get(k).copied().flatten().and_then(article_kind) {
                    // "Art. 17 Abs. 3 lit. b", "art. 17(3)": the exceptions to erasure, cited
                    // to explain why something is kept
                    let exceptions = kind == Erasure
                        && (k + 1..(k + 3).min(n))
                            .any(|m| numbers.get(m).copied().flatten() == Some(3));
                    if !exceptions {
                        push(hit(kind, 3.0, i, k, "article cited"));
                    }
                    break;
                }
            }
        }
        if let Some(kind) = numbers.get(i).copied().flatten().and_then(article_kind) {
            // "15 DSGVO", and in Finnish "20 artiklan" (the number before the word)
            let after = v.has(i + 1, c::LEGAL)
                || (v.has(i + 1, c::ARTICLE) && numbers.get(i + 2).copied().flatten().is_none());
            if after && !v.has(i.wrapping_sub(1), c::ARTICLE) {
                push(hit(kind, 3.0, i, i + 1, "article cited"));
            }
        }
        // ---- rules where the negation is the request: "no longer consent", "don't use my
        // data", "ikke flere nyhedsbreve", "ønsker ikke længere at modtage mails"
        // ("Det samtykket gjelder ikke lenger": the negation after; "det giver jeg ikke lov til
        // længere": the term two words long)
        if t & c::CONSENT != 0 && t & c::NEG == 0 {
            // (after only for "that consent": "… då hennes samtycke inte längre gäller" gives a
            // reason for an erasure)
            let after = if v.has(i.wrapping_sub(1), c::IT) {
                2
            } else {
                0
            };
            if let Some(j) = v.near(i, c::NEG, 4, after, false) {
                if v.near(i, c::LONGER, 4, 3, false).is_some() {
                    push(hit(WithdrawConsent, 2.5, j, i, "no longer consent"));
                }
            }
        }
        // "Jag vill inte vara med på era bilder på Instagram": the writer refuses to appear in the
        // business's published pictures; with no consent in view, an objection (a consent given
        // and regretted is withdrawn, below)
        if t & c::PHOTO != 0 && !v.anywhere(c::CONSENT) {
            let refused = v.near(i, c::NEG, 6, 0, true).filter(|&n| {
                v.near(n, c::REQ | c::I_SELF, 3, 1, true).is_some()
                    && !(n..i).any(|k| v.has(k, c::DEL | c::SEE | c::COPY | c::SEND | c::BREAK))
            });
            let theirs =
                v.in_sentence(i, c::PUBLISHED).is_some() || v.has(i.wrapping_sub(1), c::YOU);
            if let Some(n) = refused.filter(|_| theirs) {
                push(hit(Objection, 2.0, n, i, "not in your pictures"));
            }
        }

        // "… skrev under på at du måtte tale med min læge. Det ønsker jeg ikke længere."
        if t & c::REQ != 0 {
            if let Some(k) = no_longer_that(v, i) {
                push(hit(
                    WithdrawConsent,
                    2.2,
                    k,
                    i,
                    "no longer want that (the consent given)",
                ));
            }
        }
        // ("… at den ikke bliver sendt videre til PPR, før vi har holdt mødet": passing on is a use)
        // ("Behold journalen, men send den ikke til nogen … før vi har fået styr på det": kept,
        // and not sent meanwhile)
        // (not "Hvis du må beholde journalen min, vil jeg ikke at den brukes …": a condition)
        // ("Radera ingenting ur min journal, men lämna inte ut något till Försäkringskassan …")
        let kept_unsent = || {
            v.negated(i)
                && (v
                    .in_sentence(i, c::KEEP)
                    .is_some_and(|k| v.near(k, c::IF, 4, 0, true).is_none())
                    || (t & c::SEND != 0 && negated_delete_anywhere(v)))
        };
        // ("Jeg vil ikke at du sender noe om hva vi snakker om til HR": sending, unwanted)
        let unwanted_send = || {
            v.has(i.wrapping_sub(1), c::YOU)
                && v.near(i, c::NEG, 4, 0, true).is_some_and(|n| wished_not(v, n))
                // (not "at du sender fakturaen på papir": how an invoice is sent)
                && !(i + 1..i + 3).any(|k| v.has(k, c::INVOICE))
        };
        // ("Bitte gebt meine Daten nicht an das Partnerstudio weiter": asked not to pass on)
        // (not "Please don't send ID documents by email": how to send, the writer's own not
        // in it)
        let not_passed_on = || {
            v.negated(i)
                && v.near(i, c::REQ, 3, 0, true).is_some()
                && v.near(i, c::MY, 0, 4, true).is_some()
        };
        let passed_on = t & c::SEND != 0
            && (v.has(i.wrapping_sub(1), c::PASSIVE)
                || kept_unsent()
                || unwanted_send()
                || not_passed_on());
        if t & c::USE != 0 || passed_on {
            if let Some(s) = stop_using(v, i) {
                let temporary = v.in_sentence(i, c::FREEZE).is_some()
                    || meantime(v, i)
                    || kept_unsent()
                    || negated_delete_anywhere(v);
                if temporary {
                    push(hit(Restriction, 2.2, s, i, "stop using until / but keep"));
                } else if let Some(j) = v
                    .in_sentence(i, c::PURPOSE)
                    // ("Jeg trækker derfor mit samtykke tilbage – du må ikke længere bruge mit
                    // forløb i undervisning": the use the consent allowed, withdrawn)
                    .filter(|_| v.in_sentence(i, c::CONSENT).is_none())
                {
                    push(hit(Objection, 2.2, s, j.max(i), "stop using for a purpose"));
                } else if v.near(i, c::YOU, 2, 0, true).is_some()
                    && v.near(i, c::LONGER, 0, 8, true).is_some()
                    // (a consent in view: what it allowed is withdrawn, not objected to)
                    && !v.anywhere(c::CONSENT)
                {
                    // "Vill inte att ni använder bilder på mig på insta längre": you, not any
                    // more (not "jeg bruger den ikke længere", the writer's own use)
                    push(hit(Objection, 2.0, s, i, "stop using (no longer)"));
                } else if wished_not(v, s)
                    // (a consent in view is withdrawn, a deletion asked covers the use)
                    && !v.anywhere(c::CONSENT | c::DEL)
                {
                    // "Jeg vil ikke at du sender noe om hva vi snakker om til HR", "ich möchte
                    // nicht, dass mein Fall dort besprochen wird": the wish said outright
                    push(hit(Objection, 2.0, s, i, "not wanted used"));
                } else {
                    push(hit(Objection, 1.5, s, i, "stop using"));
                }
            }
        }
        if t & c::NEWS != 0 {
            // "… jeres nyhedsbrev hver uge, jeg vil ikke have det mere"
            let refused_after = || {
                v.near(i, c::NEG, 0, 8, false).filter(|&n| {
                    v.near(n, c::REQ | c::I_SELF, 3, 0, true).is_some()
                        && v.near(n, c::LONGER | c::MORE, 0, 4, true).is_some()
                        && v.near(n, c::IT, 0, 3, true).is_some()
                })
            };
            if let Some(j) = v.near(i, c::NEG, 6, 0, false).or_else(refused_after) {
                if v.near(i, c::LONGER | c::MORE, 6, 3, false).is_some()
                    || v.near(i, c::REQ, 6, 0, false).is_some()
                {
                    if marketing_by_phone(v, i) {
                        push(hit(Objection, 2.5, j, i, "no marketing by phone or post"));
                    } else {
                        push(hit(Unsubscribe, 2.5, j, i, "no more newsletters"));
                    }
                }
            }
        }
        if t & (c::RECEIVE | c::MAIL) != 0 && t & c::NEWS == 0 {
            if let Some(j) = v.near(i, c::NEG, 6, 0, false) {
                // ("jeg vil ikke ha SMS-ene om nye treningstilbud lenger": at its clause's end)
                let longer = v.near(i, c::LONGER | c::MORE, 6, 3, false).is_some()
                    || v.near(i, c::LONGER, 0, 6, true).is_some();
                // ("Ingen flere emails eller sms please": a sentence that opens with the "no")
                let opens = v
                    .index
                    .of_token
                    .get(j)
                    .is_some_and(|&(start, _, _)| start == j);
                let req = v.near(i, c::REQ, 8, 4, false).is_some() || opens;
                let object =
                    t & c::MAIL != 0 || v.near(i, c::MAIL | c::NEWS, 0, 5, false).is_some();
                // ("Jeg ønsker heller ikke at modtage tilbud fra jer på sms": marketing refused)
                // (by phone or post it is an objection, read at the marketing word)
                let marketing = v
                    .near(i, c::PURPOSE | c::ADVERT, 0, 5, false)
                    .is_some_and(|m| {
                        !marketing_by_phone(v, m)
                            || (v.near(i, c::MAIL, 0, 6, false).is_some()
                                && v.in_sentence(i, c::CALL).is_none())
                    });
                // ("Om du inte vill få fler mejl från mig, svara bara nej tack", "If you no
                // longer wish to receive these e-mails": the sender offers the reader a way out)
                // ("Vill du inte få fler mejl från mig? Svara bara …": asked of the reader, the
                // wish before the "you")
                let you = v.near(j, c::YOU, 2, 0, true);
                let asked_of_reader = you.is_some_and(|y| v.has(y.wrapping_sub(1), c::REQ));
                let readers_choice = you.is_some()
                    && v.near(j, c::I_SELF | c::ME | c::MY, 3, 0, true).is_none()
                    && (asked_of_reader || v.near(j, c::REQ, 3, 0, true).is_none());
                if (longer || marketing) && object && req && !readers_choice {
                    push(hit(Unsubscribe, 2.5, j, i, "no longer receive mail"));
                } else if longer && req && v.near(i, c::IT, 6, 0, false).is_some() {
                    // "Jeg får stadig jeres brochurer og julekort med posten. Det ønsker jeg ikke
                    // længere at modtage.": "that" is the marketing just named
                    let named = (i.saturating_sub(25)..i)
                        .rev()
                        .find(|&k| v.has(k, c::PURPOSE | c::ADVERT | c::NEWS));
                    if let Some(m) = named {
                        if marketing_by_phone(v, m) {
                            push(hit(Objection, 2.2, m, i, "no marketing by phone or post"));
                        } else {
                            push(hit(Unsubscribe, 2.2, m, i, "no longer receive mail"));
                        }
                    }
                }
            }
        }
        // "I no longer want you to keep my data", "jeg vil ikke have at I gemmer mine oplysninger"
        if t & c::HOLD != 0 {
            let kept = v.data_object(i);
            let refused = v
                .near(i, c::NEG, 8, 0, false)
                .filter(|&j| v.negated(i) || v.near(j, c::LONGER, 2, 3, false).is_some());
            let other = v
                .in_sentence(
                    i,
                    c::USE | c::RECEIVE | c::MAIL | c::NEWS | c::SEND | c::CONSENT | c::DEL,
                )
                .is_some();
            if let (Some(j), Some(k)) = (kept, refused) {
                if !other && v.near(i, c::REQ, 8, 0, false).is_some() {
                    push(hit(Erasure, 2.0, k, j.max(i), "no longer keep my data"));
                }
            }
        }
        // "Kan du göra så att jag inte finns i ditt system längre?", "make it so I'm not in your
        // system anymore": out of the system is deleted.
        if t & c::SYSTEM != 0 {
            if let Some(j) = out_of_the_system(v, i) {
                push(hit(Erasure, 2.2, j, i, "not in your system any more"));
            }
        }
        // "Sluta ringa mig om era kurser", "lad være med at ringe til mig om den slags": marketing
        // calls, objected to.
        if t & c::CALL != 0 && v.near(i, c::STOP, 4, 0, true).is_some() {
            if let Some(j) = v.near(i, c::ME, 0, 2, true) {
                if v.anywhere(c::ADVERT | c::PURPOSE | c::NEWS | c::EVENT) {
                    push(hit(Objection, 2.5, i, j, "no marketing by phone or post"));
                }
            }
        }
        // "Og ikke send meg sms mer om time", "don't send me texts any more": the same, negated.
        // ("schicken Sie mir keine Werbe-Mails mehr")
        if t & c::SEND != 0
            && t & c::STOP == 0
            && (v.has(i.wrapping_sub(1), c::NEG) || v.near(i, c::NEG, 0, 3, true).is_some())
        {
            // ("… får fortsatt nyhetsbrev på epost og sms. Ikke send meg mer av det.")
            let texts = v.near(i, c::MAIL | c::NEWS, 0, 8, true).or_else(|| {
                v.near(i, c::IT, 0, 5, true)
                    .filter(|_| v.recent(i, c::NEWS | c::MAIL, 25))
            });
            let more = v.near(i, c::LONGER | c::MORE, 0, 6, true).is_some();
            if let Some(j) = texts.filter(|_| more) {
                push(hit(
                    Unsubscribe,
                    2.5,
                    i.saturating_sub(1),
                    j,
                    "don't send any more",
                ));
            } else if let Some(j) = v.near(i, c::PURPOSE, 0, 4, true).filter(|_| more) {
                // "Bitte senden Sie keine Werbung mehr an unsere Anschrift": advertising by post;
                // "samtykke til markedsføring på e-post … ikke send meg flere kampanjer": by mail
                if v.recent(i, c::MAIL, 25) && !marketing_by_phone(v, j) {
                    push(hit(Unsubscribe, 2.2, i, j, "no more advertising by mail"));
                } else {
                    push(hit(Objection, 2.2, i, j, "no more advertising"));
                }
            }
        }
        // "I har lagt min anmeldelse op på jeres hjemmeside … stop med at bruge den", "Es rufen
        // mich immer wieder Leute von Ihrem Institut an … Ich will das nicht": what the business
        // was just said to do with the writer, refused (the refusal is negated by nature).
        if t & (c::REQ | c::STOP) != 0 {
            if let Some(k) = refuses_what_you_do(v, i) {
                // ("I overvejer at bruge mit forløb … (inkl. billederne) som eksempel i jeres
                // nyhedsbrev": the writer's case used in a newsletter, not a newsletter received)
                let used = v.in_sentence(k, c::USE).is_some()
                    && v.in_sentence(k, c::PHOTO | c::DATA_STRONG | c::DATA_WEAK)
                        .is_some();
                let kind =
                    if v.recent(i, c::NEWS | c::MAIL, 40) && !v.recent(i, c::CALL, 40) && !used {
                        Unsubscribe
                    } else {
                        Objection
                    };
                push(hit(kind, 2.0, k, i, "refuses what you do with me"));
            }
        }

        // "Sluta ringa mig", "Jag vill inte bli kontaktad i marknadsföringssyfte … på telefon":
        // an objection to direct marketing (Art. 21(2)), not a newsletter to leave.
        if t & c::CALL != 0 && v.in_sentence(i, c::NEWS | c::LIST | c::EVENT).is_none() {
            let stop = v.near(i, c::STOP, 4, 0, true).filter(|_| !neg);
            // (a consent taken back in the mail: its calls are withdrawn, not objected to)
            let refused = v.near(i, c::NEG, 5, 0, false).filter(|_| {
                // ("Älkää soittako minulle enää tarjouksistanne": don't call me about your offers)
                v.near(i, c::REQ | c::I_SELF, 8, 0, false).is_some()
                    && v.in_sentence(i, c::PURPOSE | c::ADVERT).is_some()
                    && !(neg && v.anywhere(c::CONSENT))
            });
            if let Some(j) = stop
                .filter(|_| {
                    v.near(i, c::ME, 0, 2, true).is_some() || v.in_sentence(i, c::PURPOSE).is_some()
                })
                .or(refused)
            {
                push(hit(Objection, 2.5, j, i, "no marketing by phone or post"));
            }
        }
        // "… men far stadig mails fra jer hver uge. stop dem": the mails just named, stopped.
        if t & c::STOP != 0 && !v.negated(i) && !v.statement(i) {
            let mails_named = || {
                v.recent(i, c::MAIL | c::NEWS, 20)
                    && v.recent(i, c::YOU, 20)
                    && !v.recent(i, c::CALL, 20)
            };
            // ("Vi ber om at dette stoppes")
            // (not "stop this processing": a determiner)
            let pronoun = |j: usize| !v.has(j + 1, c::USE | c::DATA_STRONG | c::DATA_WEAK);
            // (not "att du slutar använda dem": the data used, not mails sent)
            let used = |j: usize| (i.min(j)..i.max(j)).any(|k| v.has(k, c::USE));
            if let Some(j) = v
                .near(i, c::IT, 2, 2, true)
                .filter(|&j| pronoun(j) && !used(j) && mails_named())
            {
                push(hit(Unsubscribe, 2.2, i, j, "stop them (the mails)"));
            }
        }

        // "Jeg vil ikke ringes opp av dere i markedsføringsøyemed igjen" in a mail about sales
        // calls: marketing by phone refused (not calls a consent allowed: that is withdrawn)
        if t & c::CALL != 0
            && neg
            && v.near(i, c::REQ, 4, 0, false).is_some()
            && v.anywhere(c::PURPOSE | c::ADVERT)
            && !v.anywhere(c::CONSENT)
            && v.near(i, c::EVENT, 3, 6, true).is_none()
        {
            push(hit(Objection, 2.2, i, i, "no marketing calls"));
        }

        // "Jeg ber om at dere ikke sletter noe av journalen min før saken er avgjort", "Please do
        // not delete my file until the case is decided": kept for a claim, a deletion put off
        if t & c::DEL != 0 && v.negated(i) && !v.statement(i) {
            // (or the imperative opening its sentence: "Radera inte min journal innan …")
            let asked = v.near(i, c::REQ, 12, 0, true).is_some()
                || v.opens_negated(i)
                || v.opens_sentence(i);
            // ("do not delete, amend or otherwise process them, other than storing them, until
            // the matter has been resolved")
            let until = v.near(i, c::UNTIL, 0, 14, true);
            let data = v.near(
                i,
                c::DATA_STRONG | c::DATA_WEAK | c::IT | c::ALL,
                0,
                6,
                true,
            );
            if let (true, Some(u), Some(_)) = (asked, until, data) {
                push(hit(Restriction, 2.2, i, u, "don't delete until"));
            }
        }
        // "Jeg vil ikke længere være med i undersøgelsen", "Jag vill inte längre vara med i
        // studien", "I no longer want to take part in the study": a study left, the consent to
        // it taken back
        // (not "lad være med at slette", don't delete)
        if t & c::PARTICIPATE != 0
            && !v.statement(i)
            && !v.has(i + 1, c::COMPL)
            && !v.has(i + 2, c::COMPL)
        {
            let leaves = (neg && v.in_sentence(i, c::LONGER | c::MORE).is_some())
                || v.near(i, c::STOP | c::WITHDRAW, 4, 0, true).is_some();
            // (or a study named before and "it", or a word not known: "En halua enää
            // osallistua selkäkipututkimukseen" under the subject "Tutkimus")
            let named_before = |k: usize| (k < v.len() && v.recent(i, c::STUDY, 40)).then_some(k);
            // ("an der Studie zu Rückenschmerzen teilnehmen": the verb last)
            let before = if v.verb_final { 8 } else { 0 };
            let study = v
                .near(i, c::STUDY, before, 8, true)
                .or_else(|| v.near(i, c::IT, 0, 3, true).and_then(named_before))
                .or_else(|| (v.tag(i + 1) == 0).then_some(i + 1).and_then(named_before));
            if let (true, Some(j)) = (leaves, study) {
                push(hit(WithdrawConsent, 2.4, i, j, "leave the study"));
            }
        }
        if neg {
            continue;
        }
        // "Bitte nehmen Sie mich aus Ihrem Verteiler", "take me off your list": whatever the verb.
        // "bitte nehmen Sie meine dienstliche Adresse … aus dem Newsletter-Verteiler": the same,
        // with the writer's address for "me".
        if t & (c::LIST | c::NEWS) != 0 {
            let my_address = || {
                v.near(i, c::FIELD | c::MAIL, 10, 0, true)
                    .filter(|&f| v.near(f, c::MY, 2, 0, true).is_some())
            };
            if let Some(j) = v
                .near(i, c::ME, 4, 0, true)
                .or_else(my_address)
                .filter(|&j| {
                    (j + 1..i).any(|k| v.has(k, c::FROM))
                        && v.near(j, c::REQ | c::YOU, 4, 0, true).is_some()
                })
            {
                let mailing = v.anywhere(c::NEWS | c::MAIL | c::ADVERT) || t & c::NEWS != 0;
                let score = if mailing { 2.5 } else { 1.5 };
                push(hit(Unsubscribe, score, j, i, "take me off the list"));
            }
        }

        // ---- erasure and unsubscribe by removal
        if t & c::ERASE_STRONG != 0 && !v.statement(i) {
            push(hit(Erasure, 3.0, i, i, "right to erasure named"));
        }
        // "… markedsføringslisten, så fjern e-postadressen min fra den": off that list.
        // "det er greit at timen tas opp, så lenge opptaket slettes etterpå": a condition set
        // (not "if possible, please delete …": a wish after the "if")
        let condition = || {
            v.near(i, c::IF, 4, 0, true)
                .is_some_and(|f| !(f + 1..i).any(|k| v.has(k, c::REQ | c::YOU)))
        };
        let deleting = t & c::DEL != 0
            && t & c::RETRACT == 0
            && !v.statement(i)
            && !from_own_device(v, i)
            && !opposed(v, i)
            && !off_mailing_lists(v, i)
            && !condition()
            && !held_off(v, i)
            && !third_persons_wish(v, i);
        if deleting && (off_the_list(v, i) || from_the_list(v, i)) {
            push(hit(
                Unsubscribe,
                2.5,
                i,
                i,
                "remove my address from the list",
            ));
        } else if deleting {
            // "Fjern mig fra listen og slet min mailadresse": a list before the action belongs
            // to an earlier clause when the action has an object of its own.
            let own_object = v.near(i, c::FIELD | c::ABOUT_ME, 0, 8, true).is_some()
                || v.near(i, c::MY, 0, 2, true).is_some();
            // (not "Radera den gamla Excel-listan": the list itself, a colleague's tip)
            let list_itself = |j: usize| {
                j > i
                    && !v.has(j, c::NEWS)
                    && v.in_sentence(i, c::ME | c::MY | c::I_SELF).is_none()
                    // (nor "poistaa hänet postituslistalta": someone taken off it)
                    && !(i + 1..j).any(|k| {
                        v.has(k, c::FROM | c::FIELD | c::MAIL | c::YOU | c::HIM_HER | c::OTHERS)
                    })
            };
            // ("alles von mir löschen und vom Newsletter abmelden": the list belongs to the verb
            // after the "and")
            let next_verbs = |j: usize| {
                j > i
                    && (i + 1..j).any(|a| {
                        v.has(a, c::AND)
                            && (a + 1..(a + 6).min(v.len())).any(|k| {
                                v.has(k, c::UNSUB | c::TAKE_OFF) && v.sentence(k) == v.sentence(a)
                            })
                    })
            };
            let fits = |&j: &usize| (j > i || !own_object) && !list_itself(j) && !next_verbs(j);
            // ("Meld meg av nyhetsbrevet og slett epostadressen min fra lista": the list after,
            // when the one before belongs to the earlier clause)
            let list = v
                .near(i, c::NEWS | c::LIST, 4, 7, true)
                .filter(fits)
                .or_else(|| v.near(i, c::NEWS | c::LIST, 0, 7, true).filter(fits));
            let session_notes = || {
                v.near(i, c::DATA_WEAK, 0, 3, true)
                    .filter(|&j| v.recorded_at_a_session(j))
            };
            // "Bitte vom Verteiler nehmen und Kontaktdaten löschen": the subscriber's own details
            // (off the list, and the details deleted)
            let subscriber_details = v
                .near(i, c::DATA_WEAK, 2, 2, true)
                .zip(list.filter(|&l| l < i));
            if let Some(j) = v.data_object(i).or_else(session_notes) {
                push(hit(Erasure, 2.1, i, j, "delete + personal data"));
            } else if let Some((j, l)) = subscriber_details {
                push(hit(Erasure, 2.1, i, j, "delete + personal data"));
                push(hit(Unsubscribe, 2.5, l, l, "remove from list"));
            } else if let Some(j) = list {
                push(hit(Unsubscribe, 2.5, i, j, "remove from list"));
            } else if let Some(j) = v
                // ("die Fotos von Instagram und aus eurem Archiv zu löschen": the verb last)
                .near(i, c::PHOTO, if v.verb_final { 9 } else { 3 }, 6, true)
                // ("kunnen jullie de foto's van mij van … site en insta halen en verwijderen?":
                // asked of "you" before a long object, the verb last)
                .or_else(|| {
                    v.near(i, c::PHOTO, if v.verb_final { 20 } else { 0 }, 0, true)
                        .filter(|&p| v.near(p, c::YOU, 3, 0, true).is_some())
                })
                .filter(|_| writer_photo(v))
                .filter(|_| {
                    v.near(i, c::REQ | c::YOU, 6, 3, false).is_some()
                        || v.opens_sentence(i)
                        || v.toks.get(i).is_some_and(|t| t.comma_before)
                })
            {
                // A picture of the writer is personal data: "please remove the photo of me".
                push(hit(Erasure, 2.1, i, j, "delete + photo"));
            } else if let Some(j) = v
                .near(i, c::ID_DOC, 0, 5, true)
                .filter(|_| v.near(i, c::REQ | c::YOU, 4, 0, false).is_some())
            {
                // "Kan I venligst slette de kopier af pas og bevis": the ID copies sent in.
                push(hit(Erasure, 2.1, i, j, "delete the ID copies"));
            } else if let Some(j) = v
                .near(i, c::ME, 1, 3, true)
                .filter(|_| !off_a_booking(v, i))
                .or_else(|| v.near(i, c::SYSTEM, 0, 6, true))
            {
                push(hit(Erasure, 2.0, i, j, "delete me / from your system"));
            } else if let Some(j) = v
                .near(i, c::PASSIVE, 2, 0, true)
                .filter(|_| v.near(i, c::I_SELF, 5, 0, false).is_some())
            {
                push(hit(Erasure, 2.0, j, i, "I want to be deleted"));
            } else if let Some(j) = wanted_deleted(v, i) {
                push(hit(Erasure, 2.0, j, i, "want the data deleted"));
            } else if let Some(j) = v
                .near(i, c::IT, 3, 3, true)
                // ("kunnen jullie die weghalen?": the object before a final verb)
                // ("kan du slette det jeg skreiv til deg på søndag??": what the writer wrote)
                .filter(|&j| {
                    data_mentioned(v)
                        || recorded_writer(v)
                        || ((j > i || v.verb_final) && writer_photo(v))
                        || (j > i && v.has(j + 1, c::I_SELF) && v.has(j + 2, c::TELL))
                })
                .filter(|_| !own_wish_to_delete(v, i))
                .filter(|&j| !an_appointment(v, j))
            {
                // "… og sletter du dem, når forløbet er slut?": what the practice does, asked
                let habit =
                    !v.verb_final && v.has(i + 1, c::YOU) && v.in_sentence(i, c::REQ).is_none();
                let score = if habit { 1.2 } else { 2.0 };
                push(hit(Erasure, score, i, j, "delete it (the data)"));
            } else if let Some(j) = v.near(i, c::ALL, 3, 4, true) {
                // "Raderar du allt direkt eller väntar du?": what the other one does, asked.
                let habit =
                    !v.verb_final && v.has(i + 1, c::YOU) && v.in_sentence(i, c::REQ).is_none();
                let context = v.anywhere(c::DATA_STRONG | c::DATA_WEAK | c::ABOUT_ME | c::SYSTEM);
                let score = if habit {
                    1.2
                } else if context {
                    2.0
                } else {
                    1.5
                };
                push(hit(Erasure, score, i, j, "delete everything"));
            } else if let Some(j) = v
                .near(i, c::ABOUT_ME, 0, 8, false)
                .or_else(|| v.near(i, c::HOLD, 0, 5, true))
            {
                push(hit(Erasure, 2.0, i, j, "delete what you hold about me"));
            } else if let Some(j) = v
                .near(i, c::MY, 2, 3, true)
                .filter(|&j| j < i || !(i + 1..j).any(|k| v.has(k, c::FROM)))
                // "Glem min mail fra i går": the message, not the data
                .filter(|&j| {
                    !v.other_object(i) && (!v.has(j + 1, c::MAIL) || v.has(j + 1, c::FIELD))
                })
            {
                push(hit(Erasure, 2.0, i, j, "delete my …"));
            } else if let Some(j) = v
                // "bitte ich Sie, die bisherigen Aufnahmen zu löschen": the verb comes last
                .near(i, c::REQ, if v.verb_final { 8 } else { 5 }, 3, false)
                .filter(|&r| r + 1 != i || !own_wish_to_delete(v, i))
                .or_else(|| {
                    // An imperative opens its sentence or clause: "Slet venligst …", "Delete it all".
                    // (not "we will this Saturday (15 March) delete backup sets": a subject before
                    // a date put aside)
                    let seg = v.segment(i.wrapping_sub(1));
                    let aside = (i.saturating_sub(4)..i)
                        .filter(|&k| v.segment(k) == seg)
                        .any(|k| v.toks.get(k).is_some_and(|t| t.number));
                    let subject = aside
                        && v.near(i, c::WE | c::I_SELF, 8, 0, false)
                            .is_some_and(|w| !(w + 1..i).any(|k| v.has(k, c::REQ | c::BREAK)));
                    // ("Ta meg av nyhetsbrevet …, og slett e-postadressen …": after ", and")
                    // (an ask before it in the sentence: not "Jeg har slettet …, og slettet
                    // hans nummer", told)
                    let opener = v.index.of_token.get(i).map_or(i, |&(start, _, _)| start);
                    let act = c::TAKE_OFF | c::DEL | c::UNSUB | c::STOP | c::SEND | c::CORRECT;
                    let asked_before = v.has(opener, act) || (opener..i).any(|k| v.has(k, c::REQ));
                    let after_and = v.has(i.wrapping_sub(1), c::AND)
                        && v.toks
                            .get(i.wrapping_sub(1))
                            .is_some_and(|t| t.comma_before)
                        && asked_before;
                    let first = v.opens_sentence(i)
                        || v.toks.get(i).is_some_and(|t| t.comma_before) && !subject
                        || after_and;
                    first.then_some(i)
                })
            {
                // In a mail to a practice, a wish to delete without an object nearly always means
                // the writer's data; an appointment or a list is something else.
                // ("Har ni kvar videon … där jag tränar? … Sen kan ni radera den": the video)
                let the_photo = || {
                    v.near(i, c::IT, 0, 3, true).is_some()
                        && v.recent(i, c::PHOTO, 40)
                        && writer_photo(v)
                };
                // ("Jeg sendte dere feil vedlegg … Kan dere slette den mailen og vedlegget?": what
                // the writer sent by mistake)
                let sent_by_writer = || {
                    v.near(i, c::MAIL | c::ATTACH, 0, 4, true).is_some()
                        && (0..v.len()).any(|k| {
                            v.has(k, c::I_SELF) && v.near(k, c::SEND, 0, 3, true).is_some()
                        })
                };
                let context = v.data_context()
                    || v.anywhere(c::CONSENT | c::WITHDRAW)
                    || the_photo()
                    || sent_by_writer();
                // ("… booket to tider paa torsdag d. 7. kl 10 og kl 10.30 … Vil du slette den
                // ene?": the booking, dates and times counted as words)
                let it_other = (v.near(i, c::IT, 0, 3, true).is_some()
                    && v.recent(i, c::EVENT | c::PUBLISHED, 30)
                    && !v.recent(i, c::DATA_STRONG | c::DATA_WEAK | c::PHOTO | c::FIELD, 25))
                    // ("Han hade en tid hos er på tisdag, den kan ni ta bort": "it" before)
                    || v.near(i, c::IT, 3, 0, true).is_some_and(|k| an_appointment(v, k));
                // ("Bitte nehmen Sie mich aus der Studie raus": out of a study, a consent or a use
                // ended, not the data deleted)
                let score = if v.other_object(i) || it_other || out_of(v, i, c::PURPOSE) {
                    1.0
                } else if context {
                    2.0
                } else if v.bare(i) {
                    1.8
                } else {
                    1.0
                };
                let rule = if score > 1.0 {
                    "please delete (their data)"
                } else {
                    "delete (no object)"
                };
                push(hit(Erasure, score, j, i, rule));
            }
        }
        // ("tragen Sie mich in Ihren Newsletter ein" signs up)
        if t & c::TAKE_OFF != 0 && v.in_sentence(i, c::SUBSCRIBE).is_none() {
            // ("… your newsletter e-mails and the text messages about special offers. Could
            // you please take him off both?": the mailings just named)
            let just_named = || {
                let ends = (i + 1..i + 5).any(|k| k >= v.len() || v.sentence(k) != v.sentence(i));
                (ends && v.recent(i, c::NEWS | c::MAIL, 30)).then_some(i)
            };
            if let Some(j) = v
                .near(i, c::NEWS | c::LIST | c::MAIL, 0, 8, false)
                .or_else(just_named)
            {
                push(hit(Unsubscribe, 2.5, i, j, "take me off the list"));
            }
        }

        // ---- access
        if t & c::ACCESS_STRONG != 0
            && !v.statement(i)
            && !v.right_listed(i)
            && v.in_sentence(i, c::OFFICIAL_RECORD).is_none()
            && t & c::OFFICIAL_RECORD == 0
        {
            push(hit(Access, 3.0, i, i, "access named"));
        }
        // ("får jag behålla tillgång till övningsbiblioteket": access to a service, kept)
        let kept_access = v.near(i, c::KEEP | c::HOLD, 2, 0, true).is_some();
        if t & c::ACCESS_MED != 0 && !v.statement(i) && !v.right_listed(i) && !kept_access {
            let obj = v
                .data_object(i)
                .or_else(|| v.near(i, c::ABOUT_ME | c::ME | c::MY, 3, 6, true))
                .or_else(|| v.near(i, c::REQ | c::LEGAL | c::ARTICLE, 6, 6, false));
            match obj {
                Some(j) => push(hit(Access, 2.5, i, j, "access + object")),
                None => push(hit(Access, 1.2, i, i, "access word")),
            }
        }
        // "Kan jeg få en kopi av det som ble sendt?", "en kopi af alt hvad du har sendt til min
        // arbejdsgiver om mig": a copy of what went to a third party about the writer
        if t & c::COPY != 0 && !v.statement(i) {
            if let Some(j) = copy_of_what_was_sent(v, i) {
                push(hit(Access, 2.2, i, j, "a copy of what was sent"));
            }
        }
        // "before I send my documents": the writer sends, nobody is asked to.
        // "I withdraw my consent to your sending information to my doctor": what is consented to.
        let writer_sends = t & (c::SEE | c::COPY | c::KNOW | c::GET) == 0
            && t & c::SEND != 0
            && (v.has(i.wrapping_sub(1), c::I_SELF)
                || v.has(i.wrapping_sub(2), c::I_SELF)
                || v.near(i, c::CONSENT, 8, 0, false).is_some())
            && v.near(i, c::ME, 0, 2, true).is_none();
        // "(se mitt tidigare mejl)" points at a message; "jeg kan se, at I har …" perceives;
        // "Jag har sparat mina anteckningar i en skrivbok och läser i den" reads on their own.
        let reference = t & c::SEE != 0
            && (v.near(i, c::MAIL, 0, 3, true).is_some()
                || v.has(i + 1, c::COMPL)
                || reads_on_their_own(v, i));
        // "journalen kan bli sendt videre til bedriftshelsetjenesten": sent on, not to the writer.
        // "du må gerne sende et kort notat til min læge": to a doctor, not to the writer.
        let sent_on = t & c::SEND != 0
            && (t & c::PASSIVE != 0
                || v.has(i.wrapping_sub(1), c::PASSIVE)
                || v.near(i, c::PROVIDER, 0, 8, true).is_some()
                // "den Bericht gern an meinen Hausarzt schicken": the verb last
                || (v.verb_final && v.near(i, c::PROVIDER, 4, 0, true).is_some()))
            && v.near(i, c::ME, 0, 2, true).is_none();
        // ("a file my new physio's system can read": the system reads, not the writer)
        let system_reads =
            t & c::SEE != 0 && v.near(i, c::SYSTEM | c::PROVIDER, 3, 0, true).is_some();
        if t & (c::SEE | c::COPY | c::KNOW | c::GET | c::SEND) != 0
            && t & c::DEL == 0
            && !writer_sends
            && !sent_on
            && !reference
            && !system_reads
            && !v.statement(i)
        {
            let about = v.near(i, c::ABOUT_ME, 0, 8, false);
            let confirm = t & (c::SEE | c::COPY | c::GET | c::SEND) == 0
                && v.in_sentence(i, c::DEL).is_some();
            // ("Kan jeg få en kopi av røntgenbildene og notatene": the notes, unowned, copied;
            // "Findes de optagelser stadig, og kan jeg få dem tilsendt?": the ones just named)
            // ("hvad I skrev ned om min ryg dengang – kan I sende det?": sent to the writer)
            let sent_to_writer = t & c::SEND != 0
                && v.near(i, c::YOU, 2, 0, true).is_some()
                && v.near(i, c::REQ, 3, 0, true).is_some();
            let copied = || {
                v.near(i, c::DATA_WEAK, 0, 6, true)
                    .or_else(|| {
                        v.near(i, c::IT, 0, 3, true)
                            .and_then(|_| data_just_named(v, i))
                    })
                    .filter(|_| asked_for_writer(v, i) || sent_to_writer)
            };
            if let Some(j) = v
                .data_object(i)
                .or_else(copied)
                .filter(|&j| owned_by_writer(v, i, j))
                .or(about)
                .filter(|_| !confirm)
            {
                let (lo, hi) = (i.min(j), i.max(j));
                // "I want to know who you have shared my information with": the sharing is
                // what is asked about (recipients, Art. 15(1)(c))
                let asked_about = |k: usize| {
                    t & c::KNOW != 0
                        && v.has(k, c::USE | c::TRANSFER)
                        && ((i + 1..k).any(|w| v.has(w, c::WHAT | c::WHO))
                            || v.has(k.wrapping_sub(1), c::AUX_PERF))
                };
                let other_action = (lo + 1..hi).any(|k| {
                    !asked_about(k)
                        && v.has(
                        k,
                        c::DEL
                            | c::CORRECT
                            | c::UPDATE
                            | c::RESTRICT
                            | c::TRANSFER
                            | c::USE
                            | c::ATTACH,
                    )
                }) || v
                    .near(i, c::DEL | c::CORRECT | c::UPDATE, 0, 2, true)
                    .is_some()
                    // "Under Article 20 I request a copy of the data I provided": the portability
                    // copy, not access
                    // (unless both articles are cited: "eine Kopie aller Daten (Art. 15 DSGVO),
                    // und zusätzlich … maschinenlesbar (Art. 20 DSGVO)" asks both)
                    || ((v.in_sentence(i, c::PORT_STRONG).is_some()
                        || article_in_sentence(v, numbers, i, 20))
                        && !(article_in_sentence(v, numbers, i, 15)
                            && article_in_sentence(v, numbers, i, 20)))
                    // "få felaktiga personuppgifter om mig rättade": to have them corrected
                    || done_to(v, hi)
                    // "I bruger mine oplysninger til at sende mig breve med tilbud": what the
                    // data are used for
                    || (j < i && v.near(j, c::USE, 3, 0, true).is_some())
                    // "erase the video recordings and any copies held by your supervisor"
                    || (j < i && v.near(j, c::DEL, 3, 0, true).is_some())
                    // "to store my health information in your journal system and to send me
                    // SMS reminders": the data belongs to the clause before, texts are sent
                    || (j < i
                        && (j + 1..i).any(|k| v.has(k, c::AND))
                        && t & (c::GET | c::SEND) != 0
                        && v.near(i, c::MAIL, 0, 3, true).is_some())
                    // "… in Ihrer Kartei und schicken mir die Rechnung neu": the invoice is sent
                    || (t & (c::GET | c::SEND) != 0 && v.other_object(i))
                    // "Ja, det går bra att du skickar mina röntgenbilder … till ortopeden": leave
                    // given for the business to send, nothing asked
                    // ("Ich bin einverstanden, dass Du den Bericht so an meine Krankenkasse
                    // schickst": the same, its verb last)
                    || (t & c::SEND != 0
                        && (v.has(i.wrapping_sub(1), c::YOU) && v.has(i.wrapping_sub(2), c::COMPL)
                            || v.verb_final
                                && v.near(i, c::YOU, 9, 0, false).is_some_and(|y| {
                                    v.has(y.wrapping_sub(1), c::COMPL)
                                }))
                        && v.near(i, c::REQ, 8, 0, false).is_none())
                    // "Vil du sende mine journalnotater … direkte til hende?": sent on, not to
                    // the writer
                    || (t & c::SEND != 0
                        && v.near(i, c::DIRECT, 0, 20, true).is_some()
                        && v.in_sentence(i, c::ME).is_none())
                    // "… or send her emails about me": sent to someone else
                    || (t & c::SEND != 0 && v.has(i + 1, c::HIM_HER | c::OTHERS))
                    // "Could you send my records to him electronically?", "skicka över det du
                    // har om mig till henne": sent on, the writer only what they are about
                    // "geben Sie meine Daten bitte nicht … weiter": a sending refused
                    || (t & c::SEND != 0
                        && (sent_on_to_another(v, i)
                            || v.negated(i)
                            || (v.verb_final && v.near(i, c::NEG, 0, 6, true).is_some())))
                    // "Who can see my notes?": who may read them, not the writer asking to
                    || (t & c::SEE != 0
                        && v.near(i, c::WHO, 2, 0, true).is_some()
                        && v.near(i, c::I_SELF, 2, 0, true).is_none())
                    // "Have you received my records from the GP?": whether they arrived
                    || (t & c::GOT != 0
                        && v.has(i.wrapping_sub(1), c::YOU)
                        && i >= 2
                        && (v.has(i - 2, c::AUX_PERF) || v.opens_sentence(i - 2)))
                    // "Du må også gerne sende dem det korte notat": two objects, the first the
                    // receivers ("dem", them), and the writer is not one
                    || (t & c::SEND != 0
                        && v.has(i + 1, c::THEY | c::IT)
                        && (i + 2..i + 5).any(|k| v.has(k, c::DATA_STRONG | c::DATA_WEAK))
                        && v.near(i, c::ME, 0, 6, true).is_none());
                if !other_action {
                    let strong = t & c::COPY != 0 || t & c::SEE != 0;
                    let rule = if strong {
                        "see/copy + personal data"
                    } else if t & (c::GET | c::SEND) == 0
                        && v.near(i, c::WHAT, 0, 3, false).is_some()
                    {
                        // "jeg vil gerne vide, hvilke oplysninger I har om mig"
                        "know what + personal data"
                    } else if t & (c::GET | c::SEND) == 0 {
                        "know + personal data"
                    } else {
                        "get/send + personal data"
                    };
                    push(hit(Access, if strong { 2.2 } else { 2.0 }, i, j, rule));
                }
            } else if let Some(j) = v.near(i, c::DATA_STRONG, 0, 8, false).filter(|_| {
                t & (c::COPY | c::SEND) != 0 && v.near(i, c::REQ, 6, 0, false).is_some()
            }) {
                // "please provide copies of all clinical notes … relating to Mr Reid", from an
                // insurer or an employer: someone else's records asked for. Not the person's own
                // request (a reply would disclose them), but a person should look.
                push(hit(Access, 1.2, i, j, "another's records asked for"));
            }
        }
        // "Kan I sende dem til mig?" in answer to "jeg har testresultaterne … liggende"
        if v.quoted_records
            && t & (c::SEND | c::COPY) != 0
            && t & c::DEL == 0
            && !writer_sends
            && !sent_on
            && !v.statement(i)
        {
            if let Some(j) = v
                .near(i, c::IT, 0, 2, true)
                .filter(|_| v.near(i, c::ME, 0, 4, true).is_some() || t & c::COPY != 0)
            {
                push(hit(Access, 2.0, i, j, "send me them (the records quoted)"));
            }
        }
        // "I filmede mig … Findes de optagelser stadig, og kan jeg i givet fald få dem
        // tilsendt?", "Finns det inspelningar där jag syns …, och kan jag i så fall få se dem?":
        // the writer's records just named, asked for as "them"
        if t & (c::SEE | c::SEND) != 0
            && t & c::DEL == 0
            && !v.quoted_records
            && !v.statement(i)
            && v.near(i, c::IT, 2, 2, true).is_some()
            && v.near(i, c::GET, 2, 0, true).is_some()
            && v.near(i, c::REQ | c::I_SELF, 8, 0, false).is_some()
        {
            let writers = |k: usize| {
                let s = v.sentence(k);
                (k.saturating_sub(25)..(k + 8).min(v.len()))
                    .filter(|&w| v.sentence(w) + 1 >= s && v.sentence(w) <= s)
                    .any(|w| v.has(w, c::ME | c::I_SELF | c::MY))
            };
            if let Some(k) = data_just_named(v, i).filter(|&k| k + 20 > i && writers(k)) {
                push(hit(Access, 2.0, k, i, "them (my records just named)"));
            }
        }
        // "vil gerne vide, hvad I har sendt til min læge", "tell me who you gave it to": what was
        // passed on, and to whom (Art. 15(1)(c))
        if t & (c::KNOW | c::TELL) != 0 && !v.statement(i) {
            // (not "hvad jeg har sendt": the writer's own doing)
            // ("Jeg vil gerne vide, om der er sendt noget, og i så fald hvad og til hvem": whether
            // first, then what and to whom)
            let whether = || {
                let p = v.near(i, c::SEND | c::USE, 0, 6, false)?;
                v.near(p, c::WHAT | c::WHO, 0, 8, false).map(|_| p)
            };
            if let Some(passed) = v
                .near(i, c::WHAT | c::WHO, 0, 3, false)
                .and_then(|w| v.near(w, c::SEND | c::USE, 0, 5, true))
                .or_else(whether)
                .filter(|&p| (i..p).all(|k| !v.has(k, c::I_SELF | c::WE)))
            {
                let writers =
                    v.in_sentence(i, c::ME | c::MY | c::ABOUT_ME).is_some() || data_mentioned(v);
                let done = c::AUX_PERF | c::YOU | c::PASSIVE;
                if writers && v.has(passed.wrapping_sub(1), done) {
                    push(hit(Access, 2.0, i, passed, "what was passed on, to whom"));
                }
            }
        }
        // "Har ni kvar mina journalanteckningar? I så fall skulle jag gärna vilja få en kopia"
        if t & c::COPY != 0
            && t & c::DEL == 0
            && !v.statement(i)
            && v.data_object(i).is_none()
            // (not "jeg vet hvor lett slike utdrag kan kjennes igjen": no copy asked for)
            && (v.near(i, c::REQ, 6, 0, false).is_some() || asked_for_writer(v, i))
            && v.in_sentence(i, c::ATTACH | c::ID_DOC | c::DEL | c::CORRECT)
                .is_none()
        {
            if let Some(k) = mine_just_named(v, i) {
                push(hit(Access, 2.0, k, i, "a copy (of my data just named)"));
            }
        }
        let done_to = c::DEL | c::CORRECT | c::UPDATE | c::RESTRICT | c::TRANSFER;
        // ("at slette hendes oplysninger, både kontaktoplysninger og hvad I ellers har liggende
        // om hende": what else is to be deleted, nothing asked to be seen in between)
        let deleted_too = || {
            v.near(i, done_to, 10, 0, false).is_some_and(|d| {
                (d + 1..i).any(|k| v.has(k, c::AND))
                    && !(d + 1..i)
                        .any(|k| v.has(k, c::SEE | c::COPY | c::KNOW | c::TELL | c::BREAK))
            })
        };
        let relative = || {
            v.has(i.wrapping_sub(1), c::ALL)
                || v.near(i, done_to, 5, 0, true).is_some()
                || deleted_too()
        };
        // "confirm which data were deleted": a confirmation of erasure, not access.
        let deleted_which = || v.near(i, c::DEL, 0, 8, true).is_some();
        // ("… att jag borde begära ut vad de har om mig": what others hold)
        if t & c::WHAT != 0 && !relative() && !deleted_which() && !v.has(i + 1, c::THEY) {
            // "Hva har dere registrert om henne?" from a parent ("Datteren min …")
            let about = v.near(i, c::ABOUT_ME, 0, 10, false).or_else(|| {
                // (you and a holding between: "which confuse and upset her" is not one)
                v.near(i, c::OTHERS, 0, 8, false).filter(|&k| {
                    writes_of_kin(v)
                        && (i..k).any(|m| v.has(m, c::YOU))
                        && (i..k).any(|m| v.has(m, c::HOLD))
                })
            });
            let data = v.near(i, c::DATA_STRONG | c::DATA_WEAK, 0, 4, false);
            let hold = v.in_sentence(i, c::HOLD | c::YOU | c::SYSTEM).is_some();
            if let Some(j) = about.or(data) {
                let personal = about.is_some() || v.in_sentence(i, c::I_SELF | c::ME).is_some();
                if hold {
                    let score = if personal { 2.0 } else { 1.6 };
                    push(hit(Access, score, i, j, "what do you hold about me"));
                } else if about.is_some() {
                    push(hit(Access, 1.5, i, j, "what … about me"));
                }
            } else if let Some(h) = v.near(i, c::HOLD, 0, 6, true).filter(|_| {
                // "… allt annat ni har om mig. Innan ni gör det vill jag gärna veta vad ni faktiskt
                // har sparat": what "you" hold, asked to be known, the writer's data named before
                v.near(i, c::YOU, 0, 3, true).is_some()
                    && v.near(i, c::KNOW, 3, 0, true).is_some()
                    && v.near(i, c::REQ, 6, 0, false).is_some()
                    && (0..i).any(|k| v.has(k, c::ABOUT_ME))
            }) {
                push(hit(
                    Access,
                    2.0,
                    i,
                    h,
                    "what you hold (about me, named before)",
                ));
            }
        }

        // "I'd like to see what it says (in my file)": see + what, with the data named in the mail.
        // ("… så vil jeg gerne at du kan se hvad vi har talt om": the practitioner is to see)
        let you_see = v.has(i.wrapping_sub(2), c::YOU) && v.has(i.wrapping_sub(3), c::COMPL);
        if t & c::SEE != 0 && !you_see && !v.statement(i) && v.data_context() {
            if let Some(j) = v.near(i, c::WHAT, 0, 2, true) {
                if v.near(i, c::REQ, 6, 0, false).is_some() {
                    push(hit(Access, 2.0, i, j, "see what is written"));
                }
            }
        }

        // "hvor lenge kommer du til å lagre opplysningene om meg?", "how long will you keep my
        // notes?": the writer's own data, asked about (how long notes are kept in general is not).
        if t & c::HOLD != 0 && !v.statement(i) {
            if let Some(d) = v.near(i, c::DURATION, 6, 0, false) {
                // "my notes", "the data about me": named as the writer's, not just asked by them
                if let Some(j) = v
                    .data_object(i)
                    .filter(|&j| {
                        v.has(j, c::MY) || v.near(j, c::MY | c::ABOUT_ME, 3, 3, true).is_some()
                    })
                    .or_else(|| v.near(i, c::ABOUT_ME, 0, 6, true))
                {
                    push(hit(Access, 2.0, d, j.max(i), "how long you keep my data"));
                }
            }
        }
        // "Har du stadig min journal liggende?", "Do you still have my notes?"
        if t & c::YOU != 0 {
            if let Some((from, j)) = still_have_mine(v, i) {
                push(hit(Access, 2.0, from, j, "do you still have my data"));
            } else if let Some(j) = whether_you_have_mine(v, i) {
                push(hit(Access, 2.0, i, j, "whether you hold data about me"));
            }
        }
        // "Hvor har du den fra?", "Where did you get my address?": the source of the writer's
        // data (Art. 15(1)(g)).
        // "Hvem har I givet mit CPR-nummer videre til?", "en liste over hvem der har fået mine
        // oplysninger fra jer": the recipients (Art. 15(1)(c))
        // ("Jag undrar vilka som har läst min journal": who has read it)
        if t & c::WHO != 0 && !v.statement(i) {
            // ("my mother, who sees you for her hip": "you" seen, a relative clause)
            let verb = v
                .near(i, c::GOT | c::SEND | c::USE | c::SEE | c::TELL, 0, 4, false)
                .filter(|&p| !v.has(p + 1, c::YOU));
            let got_mine = verb.and_then(|p| {
                v.near(p, c::MY | c::ABOUT_ME, 0, 3, false)
                    .filter(|_| (i..p).all(|k| !v.has(k, c::I_SELF)))
            });
            // (asked of "you"; or who has read the writer's record, whoever at the practice)
            let read_record = || {
                verb.is_some_and(|p| v.has(p, c::SEE | c::TELL))
                    && v.in_sentence(i, c::DATA_STRONG).is_some()
            };
            if let Some(j) =
                got_mine.filter(|_| v.in_sentence(i, c::YOU).is_some() || read_record())
            {
                push(hit(Access, 2.0, i, j, "who got my data"));
            }
        }
        // ("Och hur har ni fått tag på mitt nummer?": how, with a getting)
        let how_got = t & c::HOW != 0
            && v.near(i, c::GOT | c::GET, 0, 4, true).is_some()
            && v.near(i, c::DURATION, 0, 2, true).is_none();
        if (t & c::WHERE != 0 || how_got) && !v.statement(i) {
            if let Some(j) = source_of_mine(v, i) {
                push(hit(Access, 2.0, i, j, "where you got my data"));
            }
        }

        // "Bitte nimm das Testimonial samt Foto von der Website", "take the photo off your
        // website", "tage billedet af mig ned fra hjemmesiden": what shows the writer taken down
        if t & c::PUBLISHED != 0 && v.in_sentence(i, c::DEL).is_none() && !v.statement(i) {
            let off = (1..=2).any(|d| v.has(i.saturating_sub(d), c::FROM | c::OFF));
            let shown = v.near(i, c::PHOTO | c::DATA_STRONG | c::DATA_WEAK, 8, 0, false);
            let asked = v.near(i, c::REQ, 10, 0, false);
            if let (true, Some(j), Some(_)) = (off, shown, asked) {
                if writer_photo(v) || !v.has(j, c::PHOTO) {
                    push(hit(Erasure, 2.1, j, i, "take it off the website"));
                }
            }
        }

        // ---- rectification
        if t & c::RECT_STRONG != 0 && !v.statement(i) {
            push(hit(Rectification, 2.8, i, i, "rectification named"));
        }
        // ("Could you correct the invoice to 2 participants?": the invoice is corrected)
        if t & c::CORRECT != 0
            && t & c::RECT_STRONG == 0
            && !v.statement(i)
            && !v.has(i + 1, c::ME)
            && v.near(i, c::INVOICE, 0, 2, true).is_none()
            // ("… and they've corrected it in their system": someone else did, told)
            && !(v.has(i.wrapping_sub(1), c::THEY) && v.near(i, c::REQ, 4, 0, true).is_none())
            // ("do not delete, amend or otherwise process them": a freeze)
            && v.near(i, c::DEL, 2, 2, true).is_none()
        {
            // ("kan du rette min email i jeres system": my e-mail address)
            let my_address = || {
                v.near(i, c::MAIL, 0, 3, true)
                    .filter(|&j| v.has(j.saturating_sub(1), c::MY))
            };
            if let Some(j) = v
                .near(
                    i,
                    c::FIELD | c::DATA_STRONG | c::DATA_WEAK | c::WRONG,
                    8,
                    8,
                    false,
                )
                .or_else(my_address)
            {
                push(hit(Rectification, 2.0, i, j, "correct + field"));
            } else if field_and_wrong(v) {
                push(hit(
                    Rectification,
                    2.0,
                    i,
                    i,
                    "correct (a wrong field mentioned)",
                ));
            } else if let Some(j) = v
                .near(i, c::IT, 0, 2, true)
                .or_else(|| v.near(i, c::REQ, 6, 0, false))
                // "Kan det blive rettet?", "can it be corrected?"
                .or_else(|| {
                    v.near(i, c::IT, 3, 0, true)
                        .filter(|_| v.has(i.wrapping_sub(1), c::PASSIVE))
                })
                // "Kan det rettes?": "it" before a verb that ends its clause
                .or_else(|| v.near(i, c::IT, 2, 0, true).filter(|_| v.bare(i)))
                // ("Fakturaen … er på 850 kr, men … Kan dere rette den": the invoice)
                // ("Der står …, at jeg ikke mødte op … Det er forkert. … var det jer selv der
                // flyttede tiden. Det vil jeg gerne have rettet.": a wrong statement about the
                // writer, a booking only told of)
                .filter(|_| {
                    let wrong_said = (i.saturating_sub(40)..i)
                        .rev()
                        .find(|&k| v.has(k, c::WRONG))
                        .is_some_and(|w| v.in_sentence(w, c::EVENT | c::INVOICE).is_none());
                    !v.other_object(i)
                        && (!v.recent(i, c::EVENT, 15) || wrong_said)
                        && !invoice_meant(v, i)
                })
                .filter(|_| v.data_context() || v.anywhere(c::WRONG | c::CHANGED))
            {
                push(hit(Rectification, 2.0, i, j, "correct it (the data)"));
            }
        }
        // ("… that nothing in my file is deleted or changed while that complaint is looked at":
        // deleted-or-changed is a freeze, nothing corrected)
        if t & c::UPDATE != 0
            && !v.statement(i)
            && !v.has(i + 1, c::ME)
            && v.near(i, c::WE, 3, 0, false).is_none()
            && v.near(i, c::DEL, 2, 2, true).is_none()
        {
            let my_mail = v
                .near(i, c::MAIL, 0, 3, true)
                .filter(|&j| v.has(j.wrapping_sub(1), c::MY))
                // "the work email you have on file … no longer exists, please change it"
                .or_else(|| {
                    it_after(v, i)
                        .and(v.near(i, c::MAIL | c::FIELD, 14, 0, false))
                        .filter(|&m| v.near(m, c::HOLD, 0, 4, false).is_some())
                })
                // "Riktig e-post er … Endre det i systemet deres NÅ": the address just given
                .or_else(|| {
                    (v.opens_sentence(i) && v.has(i + 1, c::IT))
                        .then(|| v.near(i, c::SYSTEM, 0, 4, false))
                        .flatten()
                        .filter(|_| v.recent(i, c::FIELD | c::MAIL, 25))
                });
            if let Some(j) = v.near(i, c::FIELD, 8, 8, false).or(my_mail) {
                push(hit(Rectification, 2.0, i, j, "update + field"));
            } else if let Some(j) = v
                .data_object(i)
                .filter(|_| v.near(i, c::EVENT, 0, 4, true).is_none())
            {
                push(hit(Rectification, 2.0, i, j, "update + my data"));
            } else if v
                .near(i, c::YOU | c::SYSTEM | c::REQ, 4, 4, false)
                .is_some()
                && field_changed(v)
            {
                push(hit(
                    Rectification,
                    2.0,
                    i,
                    i,
                    "update (a changed field mentioned)",
                ));
            } else if let Some(j) = it_after(v, i)
                .filter(|_| v.near(i, c::REQ, 3, 0, true).is_some())
                // ("Fakturaen … er på 850 kr, men … Kan dere rette den": the invoice; but "Det,
                // I har stående om min arbejdssituation, er forældet – … tilbage på fuld tid":
                // what you hold, said to be wrong)
                .filter(|_| {
                    let held_wrong = v.anywhere(c::HOLD) && v.recent(i, c::WRONG, 30);
                    !v.other_object(i)
                        && (!v.recent(i, c::EVENT, 15) || held_wrong || field_last(v, i))
                        && !invoice_meant(v, i)
                        && (v.data_context() || held_wrong)
                })
            {
                // "det står att jag vägde 94 kg …, det var 84! Kan du ändra det?"
                push(hit(Rectification, 2.0, i, j, "change it (the data)"));
            } else if let Some(j) = v
                .near(i, c::REQ, 3, 0, true)
                .filter(|_| v.bare(i))
                // ("Fakturaen … er på 850 kr, men … Kan dere rette den": the invoice)
                .filter(|_| {
                    !v.other_object(i) && !v.recent(i, c::EVENT, 15) && !invoice_meant(v, i)
                })
                .filter(|_| v.data_context())
            {
                // "I kundeopplysningene står det at jeg jobber i Equinor … Vennligst oppdater."
                push(hit(Rectification, 2.0, j, i, "please update (the data)"));
            }
        }
        if t & c::WRONG != 0 && !restrict_pending_check(v) {
            // "my number", "the number you have" is wrong
            let owned = |j: usize| {
                v.near(j, c::MY, 2, 2, true).is_some()
                    || v.has(j, c::MY)
                    || v.near(j, c::YOU, 0, 2, true).is_some()
            };
            let field = |before, after| v.near(i, c::FIELD | c::DATA_STRONG, before, after, false);
            let mine = field(6, 0)
                .filter(|&j| owned(j))
                .or(field(0, 6).filter(|&j| owned(j)));
            if let Some(j) = mine.or(field(6, 6)) {
                if owned(j) {
                    push(hit(Rectification, 2.0, i, j, "my field is wrong"));
                } else if v.near(i, c::YOU | c::SYSTEM, 6, 6, false).is_some() {
                    push(hit(Rectification, 1.6, i, j, "wrong field"));
                }
            }
        }

        // "Ny adresse", "I have moved, my new address is …", "min nye adresse er"
        let new_field = t & c::NEWPROV != 0 && v.has(i + 1, c::FIELD);
        if t & c::CHANGED != 0 || new_field {
            let field = if t & c::FIELD != 0 {
                Some(i)
            } else if new_field {
                Some(i + 1)
            } else {
                v.near(i, c::FIELD, 4, 4, false)
            };
            // (a subject "Ny adresse?" over "Kan dere sende meg adressen til den nye klinikken":
            // the business's address, asked for)
            let mine = v.near(i, c::MY | c::I_SELF, 6, 6, false).is_some()
                || (v.sentence(i) == 0 && !asks_for_an_address(v));
            // (not "Thanks for letting me know my records were updated with my new address")
            let thanked = v.in_sentence(i, c::THANKS).is_some()
                && v.in_sentence(i, c::AUX_PERF | c::PAST_SELF).is_some();
            // (not "Jeg ved godt at du har ændret navn og alder": changed by the reader)
            let by_you = v.near(i, c::YOU, 3, 0, true).is_some();
            // (nor "Mijn nieuwe adres heb ik zelf al aangepast in de app": changed already)
            let done = v
                .in_sentence(i, c::UPDATE | c::CORRECT)
                .is_some_and(|k| k != i && v.statement(k));
            // (nor "Jeg ønsker ikke, at du deler oplysninger om mig … Det gælder også min nye
            // adresse": the new address named as more of what the ask before covers)
            let extends = v.sentence_of(i).is_some_and(|(start, _, _)| {
                v.has(start, c::IT) && (start..i).any(|k| v.has(k, c::ALSO))
            });
            let told = thanked || by_you || done || extends;
            if let Some(j) = field.filter(|_| mine && !v.negated(i) && !told) {
                push(hit(Rectification, 2.0, i, j, "my field has changed"));
            }
        }

        // ---- restriction
        if t & c::RESTRICT_STRONG != 0 {
            push(hit(Restriction, 3.0, i, i, "restriction named"));
        } else if t & c::RESTRICT != 0 && !v.statement(i) {
            match v.near(i, c::USE | c::DATA_STRONG | c::DATA_WEAK, 6, 6, false) {
                Some(j) => push(hit(Restriction, 2.5, i, j, "restrict + processing")),
                None => match v.near(i, c::REQ | c::LEGAL | c::ARTICLE, 6, 6, false) {
                    Some(j) => push(hit(Restriction, 2.2, i, j, "restriction requested")),
                    None => push(hit(Restriction, 1.2, i, i, "restrict word")),
                },
            }
        }
        if t & c::FREEZE != 0 {
            if let Some(j) = v
                .data_object(i)
                .or_else(|| v.near(i, c::DATA_WEAK, 4, 4, true))
                .filter(|_| !v.statement(i))
            {
                push(hit(Restriction, 2.2, i, j, "block/put on hold + data"));
            } else if negated_delete_anywhere(v) && !v.statement(i) {
                // "Bitte also NICHT löschen … Also einfach sperren": what is not to be deleted.
                push(hit(Restriction, 2.2, i, i, "block instead of delete"));
            } else if v.near(i, c::REQ, 3, 0, true).is_some()
                // (the verb with its object: not "ett vanligt block", a notepad)
                && v.near(i, c::IT | c::YOU | c::ME, 0, 3, true).is_some()
                && data_mentioned(v)
                && !v.statement(i)
                && !v.negated(i)
            {
                // "Bitte sperren Sie sie also, bis ich mich wieder melde" (the records named)
                push(hit(Restriction, 2.0, i, i, "block it (the data named)"));
            }
        }
        // "Until it's fixed, please don't send any more reports to my insurer", "zolang het niet
        // is aangepast, wil ik niet dat mijn dossier naar mijn verzekeraar gaat": kept from use
        // while it is corrected (Art. 18(1)(a)).
        // ("Bis das geklärt ist, geben Sie meine Daten bitte nicht … weiter": a dispute)
        // (not "bis zum 30.11.2024": a deadline)
        let deadline =
            (i + 1..(i + 3).min(v.len())).any(|k| v.toks.get(k).is_some_and(|t| t.number));
        let mine_named =
            || v.in_sentence(i, c::MY | c::ABOUT_ME).is_some() && data_mentioned(v) && !deadline;
        if t & c::UNTIL != 0
            && (v.anywhere(c::CORRECT | c::RECT_STRONG | c::UPDATE) || mine_named())
        {
            if let Some(n) = unwanted_meanwhile(v, i) {
                push(hit(Restriction, 2.2, i, n, "not used until corrected"));
            }
        }

        // ---- objection, and "don't use my data" (objection, or restriction when temporary)
        // "If you object to the erasure": the business objecting, not the writer.
        // ("… må desværre gøre indsigelse mod beløbet": an invoice disputed)
        let against_a_bill = || {
            v.near(i, c::INVOICE, 0, 4, true).is_some()
                && v.in_sentence(i, c::USE | c::DATA_STRONG | c::DATA_WEAK | c::PURPOSE)
                    .is_none()
        };
        if t & c::OBJECT_STRONG != 0
            && !v.statement(i)
            && !v.has(i.wrapping_sub(1), c::YOU)
            && !opposes_deletion(v, i)
            && !against_a_bill()
        {
            let boost = v
                .in_sentence(i, c::USE | c::DATA_STRONG | c::DATA_WEAK | c::PURPOSE)
                .is_some();
            push(hit(
                Objection,
                if boost { 3.0 } else { 2.5 },
                i,
                i,
                "objection named",
            ));
        }
        if t & c::OPPOSE != 0 && !opposes_deletion(v, i) {
            match v.near(
                i,
                c::USE | c::PURPOSE | c::DATA_STRONG | c::DATA_WEAK,
                0,
                8,
                false,
            ) {
                Some(j) => push(hit(Objection, 2.5, i, j, "oppose + processing")),
                // "… ikke at den brukes i det prosjektet. Jeg motsetter meg det.": the use just
                // named
                None => match v
                    .near(i, c::IT, 0, 3, true)
                    .and_then(|_| (i.saturating_sub(50)..i).rev().find(|&k| v.has(k, c::USE)))
                {
                    Some(k) => push(hit(Objection, 2.2, k, i, "oppose it (the use just named)")),
                    None => push(hit(Objection, 1.5, i, i, "oppose")),
                },
            }
        }

        // ---- portability
        if t & c::PORT_STRONG != 0 && !v.statement(i) {
            push(hit(Portability, 3.0, i, i, "portability named"));
        }
        // A format alone ("some form of …", "in a format that suits you") is no portability: the
        // data must be the object and something must move it or make it machine-readable.
        // "in a commonly used electronic format" alone is how an access copy is sent.
        let electronic_only = || {
            v.has(i.wrapping_sub(1), c::ELECTRONIC)
                && v.near(i, c::MACHINE, 12, 12, false).is_none()
        };
        if t & c::MACHINE != 0 && !electronic_only() {
            if let Some(j) = v.in_sentence(i, c::DATA_STRONG | c::DATA_WEAK).filter(|_| {
                v.in_sentence(
                    i,
                    c::GET | c::SEND | c::TRANSFER | c::COPY | c::NEWPROV | c::REQ,
                )
                .is_some()
                // (not "Alle journaler eksporteres og indlæses i det nye system": a supplier's
                // plan, nobody's ask)
                && v.in_sentence(i, c::REQ | c::I_SELF | c::ME | c::MY | c::YOU)
                    .is_some()
            }) {
                push(hit(Portability, 2.1, i, j, "machine-readable format"));
            } else if let Some(j) = v
                .data_object(i)
                .filter(|&j| {
                    // "findes der en måde at eksportere min profil og mine logs … i JSON?"
                    v.near(j, c::MY, 2, 0, true).is_some() || v.has(j + 1, c::MY)
                })
                // "Du har jo registreret alle mine timer … Kan jeg få det hele som en fil?"
                // ("Finns det något sätt att exportera alla inlägg, gärna i JSON, så att jag kan
                // flytta dem?": moved, or an export and a format named together)
                .or_else(|| {
                    v.in_sentence(i, c::ALL | c::IT).filter(|_| {
                        v.in_sentence(i, c::GET | c::SEND | c::TRANSFER | c::MACHINE)
                            .is_some()
                            && data_mentioned(v)
                    })
                })
            {
                push(hit(
                    Portability,
                    2.1,
                    i,
                    j,
                    "my data in a machine-readable format",
                ));
            }
        }
        // "exportera … i ett vanligt format, typ CSV … skicka det direkt till min nya coach"
        if t & c::MACHINE != 0
            && v.in_sentence(i, c::DATA_STRONG | c::DATA_WEAK).is_none()
            && v.in_sentence(i, c::REQ | c::SEND | c::TRANSFER).is_some()
        {
            if let Some(j) = new_provider(v) {
                push(hit(Portability, 2.1, i, j, "export for a new provider"));
            }
        }
        if t & c::TRANSFER != 0 && v.in_sentence(i, c::NEWPROV | c::DIRECT).is_none() {
            // "Jag ska byta terapeut. Kan ni föra över min journal till henne?"
            if let Some(j) = v
                .data_object(i)
                .filter(|&j| j > i && owned_by_writer(v, i, j))
                .filter(|_| v.anywhere(c::NEWPROV | c::DIRECT | c::MACHINE))
            {
                push(hit(
                    Portability,
                    2.0,
                    i,
                    j,
                    "transfer my data (new provider named)",
                ));
            }
        }
        // ("Thanks for sending my file last week … for my new therapist": done, not asked)
        // ("They told me a clinic can send it directly": what clinics do, asked of nobody)
        // ("… direkt an meine neue Orthopädin schicken": the provider before a final verb is
        // where the data go)
        let asked = t & c::TRANSFER != 0
            || v.near(i, c::PROVIDER, 3, 0, true)
                .is_none_or(|p| v.near(p, c::MY | c::NEWPROV, 2, 0, false).is_some())
            || v.near(i, c::YOU, 6, 0, false).is_some();
        // ("Vilka uppgifter om mig har du flyttat över dit?", "om de er overført til det nye
        // journalsystemet": a move told or asked about, not asked for)
        if t & (c::TRANSFER | c::SEND) != 0
            && !writer_sends
            && asked
            && v.in_sentence(i, c::THANKS).is_none()
            && !(t & c::TRANSFER != 0 && v.statement(i))
        {
            if let (Some(j), Some(_)) = (
                v.data_object(i)
                    .or_else(|| v.in_sentence(i, c::DATA_STRONG))
                    // "Kan I sende det … til den nye psykolog?" after a sentence about the data
                    .or_else(|| v.near(i, c::IT, 10, 2, true).filter(|_| data_mentioned(v)))
                    // "Kan ni skicka över allt direkt till dem", "sende alt dere har på meg"
                    .or_else(|| v.near(i, c::ALL, 0, 3, true).filter(|_| data_mentioned(v)))
                    // "overføre oversikten over timene mine … i en fil de kan lese inn"
                    .or_else(|| {
                        v.near(i, c::MY, 0, 6, true).filter(|_| {
                            t & c::TRANSFER != 0 && v.in_sentence(i, c::MACHINE).is_some()
                        })
                    })
                    .filter(|&j| !someone_elses(v, j)),
                new_destination(v, i),
            ) {
                let destination = v.near(j, c::NEWPROV, 0, 8, false).is_some() && j > i;
                // "… sendt direkte over til hende" in a mail about finding a new psychologist
                // ("… direkte til hende", the psychologist the writer goes on with)
                let direct_to_new = v.in_sentence(i, c::DIRECT).is_some_and(|d| {
                    new_provider(v).is_some()
                        || v.near(d, c::HIM_HER | c::PROVIDER, 0, 3, true).is_some()
                });
                // ("gärna elektroniskt så att de kan föra in den i sitt system. Kan du skicka den
                // direkt dit?": straight into the next system)
                let direct_electronic =
                    v.in_sentence(i, c::DIRECT).is_some() && v.anywhere(c::ELECTRONIC);
                let score = if t & c::TRANSFER != 0
                    || destination
                    || direct_to_new
                    || direct_electronic
                    || v.in_sentence(i, c::MACHINE).is_some()
                    // ("… over til henne. Hun sa at de helst vil ha det elektronisk")
                    || (sent_on_to_another(v, i) && electronic_near(v, i))
                {
                    2.0
                } else {
                    1.6
                };
                push(hit(Portability, score, i, j, "transfer to a new provider"));
            }
        }

        // "få mine data med mig", "meine Daten mitnehmen": the data go with the writer.
        if t & c::ALONG != 0 && !v.negated(i) {
            let mine = v
                .near(i, c::DATA_STRONG | c::DATA_WEAK, 5, 3, true)
                .filter(|&j| v.has(j, c::MY) || v.near(j, c::MY, 2, 0, true).is_some());
            let taking = v.near(i, c::GET | c::TRANSFER, 6, 0, true).is_some()
                || t & c::GET != 0
                || v.verb_final;
            if let Some(j) = mine.filter(|_| taking) {
                push(hit(Portability, 2.0, j, i, "take my data along"));
            }
        }

        // ---- withdraw consent
        // ("Jag har noterat att du återkallat ditt samtycke": the reader's withdrawal, told back)
        let yours_told = || {
            v.has(i.wrapping_sub(1), c::YOU)
                && v.near(i, c::COMPL, 3, 0, true).is_some()
                && v.near(i, c::REQ, 8, 0, false).is_none()
        };
        // ("Sie können Ihre Einwilligung jederzeit … widerrufen": the reader's consent, from a
        // researcher's invitation)
        let the_writers = |j: &usize| !v.has(j.wrapping_sub(1), c::YOU);
        if t & (c::WITHDRAW | c::PULL | c::REGRET) != 0 && !v.right_listed(i) && !yours_told() {
            if let Some(j) = v.near(i, c::CONSENT, 2, 8, false).filter(the_writers) {
                let score = if t & c::WITHDRAW != 0 || v.in_sentence(i, c::BACK).is_some() {
                    3.0
                } else {
                    2.5
                };
                push(hit(WithdrawConsent, score, i, j, "withdraw consent"));
            } else if let Some(j) = v.near(i, c::CONSENT, 12, 0, false).filter(|j| {
                the_writers(j) && t & c::WITHDRAW != 0
                    || (t & c::PULL != 0 && v.near(i, c::BACK, 0, 4, false).is_some())
            }) {
                // "jeg ga samtykke til nyhetsbrev, men det trekker jeg tilbake nå", "Sofern ich
                // eine Einwilligung erteilt habe, widerrufe ich diese hiermit"
                push(hit(
                    WithdrawConsent,
                    2.5,
                    j,
                    i,
                    "withdraw consent (given earlier)",
                ));
            } else if let Some(j) = v
                .near(i, c::IT, 4, 0, true)
                // "I'm taking that back"
                .or_else(|| v.near(i, c::IT | c::COMPL, 0, 2, true))
                .filter(|_| {
                    let taken_back = t & c::PULL != 0 && v.near(i, c::BACK, 0, 4, true).is_some();
                    // "Det har jeg fortrudt", "… och återkallar det"
                    let undone = t & (c::REGRET | c::WITHDRAW) != 0;
                    (taken_back || undone) && (v.recent(i, c::CONSENT, 30) || permission_told(v, i))
                })
            {
                // "Jeg sa ja til at timene kunne tas opp. Det trekker jeg tilbake."
                push(hit(
                    WithdrawConsent,
                    2.5,
                    j,
                    i,
                    "take it back (the consent given)",
                ));
            } else if v.has(i.wrapping_sub(1), c::I_SELF)
                && (t & c::WITHDRAW != 0
                    || (t & c::PULL != 0 && v.near(i, c::BACK, 0, 2, true).is_some()))
                && v.recent(i, c::CONSENT, 30)
                && !v.negated(i)
            {
                // "Jeg sa ja til at du kan sende papirer om meg til fastlegen min. … Jeg trekker
                // tilbake ja-et mitt.": the writer takes back the yes just told of
                push(hit(
                    WithdrawConsent,
                    2.2,
                    i,
                    i,
                    "withdraw (the consent just told of)",
                ));
            } else if t & c::REGRET != 0
                && v.recent(i, c::CONSENT, 45)
                && !v.negated(i)
                // ("Har ombestemt meg", "Ich habe es mir anders überlegt", "Jeg har tænkt meget
                // over det og har fortrudt")
                && (v.near(i, c::I_SELF, 3, 0, true).is_some()
                    || v.near(i, c::ME, 2, 1, true).is_some()
                    || (v.has(i.wrapping_sub(1), c::AUX_PERF)
                        && v.near(i, c::I_SELF, 8, 0, false).is_some_and(|s| {
                            !(s + 1..i).any(|k| v.has(k, c::YOU | c::WE | c::HE_SHE | c::REQ))
                        })))
            {
                // "… sa jag ok till att du spelade in våra samtal … Jag har ångrat mig"
                push(hit(
                    WithdrawConsent,
                    2.2,
                    i,
                    i,
                    "changed my mind (on the consent given)",
                ));
            } else if t & c::WITHDRAW != 0 && t & c::UNSUB == 0 {
                push(hit(
                    WithdrawConsent,
                    1.2,
                    i,
                    i,
                    "withdraw (no consent named)",
                ));
            }
        }

        // ---- unsubscribe
        // (not "så jeg slipper for at udfylde det igen": spared a chore)
        let spared = || v.has(i + 1, c::COMPL) || v.has(i + 2, c::COMPL);
        // (nor "Tak for at du allerede har afmeldt mig nyhedsbrevet": done, thanked for)
        let thanked_for = || {
            v.in_sentence(i, c::THANKS).is_some() && v.near(i, c::AUX_PERF, 3, 0, true).is_some()
        };
        if t & c::UNSUB != 0
            && t & c::WITHDRAW == 0
            && !v.statement(i)
            && !spared()
            && !thanked_for()
        {
            let event = v.near(i, c::EVENT, 3, 5, true).is_some();
            match v.near(i, c::NEWS | c::LIST | c::MAIL, 6, 8, false) {
                Some(j) => push(hit(Unsubscribe, 2.5, i, j, "unsubscribe")),
                // "Unsubscribe me, please": from what a practice sends.
                None if !event && (v.has(i + 1, c::ME) || v.has(i + 2, c::ME)) => {
                    push(hit(Unsubscribe, 2.2, i, i + 1, "unsubscribe me"))
                }
                // "Willen jullie me uitschrijven …?" after the newsletter was named: the "me"
                // before a verb that comes last
                None if !event
                    && v.verb_final
                    && v.has(i.wrapping_sub(1), c::ME)
                    && v.near(i, c::YOU | c::REQ, 4, 0, true).is_some()
                    && v.anywhere(c::NEWS | c::LIST) =>
                {
                    push(hit(Unsubscribe, 2.2, i - 1, i, "unsubscribe me"))
                }
                // "… krijg ik elke maand een nieuwsbrief. … Graag uitschrijven"; "unsubscribe
                // pls. the link in your new newsletter doesnt work"
                None if !event
                    && (v.has(i.wrapping_sub(1), c::REQ) || v.has(i + 1, c::REQ))
                    && v.anywhere(c::NEWS | c::LIST) =>
                {
                    let (from, to) = if v.has(i.wrapping_sub(1), c::REQ) {
                        (i - 1, i)
                    } else {
                        (i, i + 1)
                    };
                    push(hit(
                        Unsubscribe,
                        2.2,
                        from,
                        to,
                        "please unsubscribe (the list named)",
                    ))
                }
                // "Kan I annullere min afmelding?" in a mail about appointments: a booking.
                None if !event && v.anywhere(c::EVENT) => {
                    push(hit(Unsubscribe, 1.2, i, i, "unsubscribe word"))
                }
                None if !event => push(hit(Unsubscribe, 1.6, i, i, "unsubscribe word")),
                None => {}
            }
        } else if t & c::UNSUB != 0 && t & c::PAST_SELF == 0 && !thanked_for() {
            if let Some(j) = v.near(i, c::NEWS, 0, 4, false) {
                push(hit(Unsubscribe, 2.5, i, j, "unsubscribe"));
            }
        }
        // (not "Jeg har sluttet å få SMS-påminnelser": stopped, reported)
        if t & c::STOP != 0 && !v.statement(i) {
            // "… at de sms beskeder om timerne holder op": the mailings named before the verb,
            // when the writer asks it (not "jeg skrev en mail om at stoppe forløbet")
            let named_before = || {
                v.near(i, c::MAIL | c::NEWS, 5, 0, true).filter(|&j| {
                    v.in_sentence(i, c::REQ).is_some() && !(j..i).any(|k| v.has(k, c::I_SELF))
                })
            };
            // ("i bliver ved med at sende mig sms om tilbud … stop det venligst": "it", the
            // marketing mail named a sentence or so before)
            let it_named = || {
                v.near(i, c::IT, 0, 2, true)
                    .filter(|_| v.in_sentence(i, c::REQ).is_some())
                    .and_then(|_| {
                        (i.saturating_sub(30)..i)
                            .rev()
                            .find(|&k| v.has(k, c::MAIL | c::NEWS))
                            .filter(|&k| {
                                v.near(k, c::ADVERT | c::NEWS | c::PURPOSE, 4, 4, false)
                                    .is_some()
                            })
                    })
            };
            // ("Stop i hvert fald med at sende mig nyhedsbrevet": an adverbial between)
            if let Some(j) = v
                .near(i, c::SEND | c::MAIL | c::NEWS, 0, 7, false)
                .filter(|&j| {
                    j <= i + 5 || !(i + 1..j).any(|k| v.has(k, c::I_SELF | c::AND | c::WE))
                })
                .or_else(named_before)
                .or_else(it_named)
            {
                // ("Please stop sending these. I no longer want to be part of the study": a
                // study's questionnaires, no mailing list)
                let study_mail = v.has(j, c::SEND)
                    && v.anywhere(c::STUDY)
                    && !v.anywhere(c::NEWS | c::ADVERT | c::LIST);
                if marketing_by_phone(v, i) {
                    push(hit(Objection, 2.5, i, j, "no marketing by phone or post"));
                } else if !study_mail {
                    push(hit(Unsubscribe, 2.5, i, j, "stop sending"));
                }
            }
        }
        if t & c::NEWS != 0
            && v.near(i, c::NEG, 6, 0, false).is_none()
            && v.in_sentence(i, c::SUBSCRIBE).is_none()
        {
            if let Some(j) = v
                .near(i, c::ME, 4, 4, false)
                .filter(|_| v.in_sentence(i, c::REQ).is_some())
            {
                push(hit(Unsubscribe, 1.4, i, j, "newsletter + me"));
            }
        }
    }
    rights_listed(v, &mut hits);
    replaced_not_erased(v, &mut hits);
    retracted(v, &mut hits);
    right_misnamed(v, &mut hits);
    if business_of_a_third_party(v) {
        for h in hits.iter_mut() {
            h.score = h.score.min(1.2);
        }
    }
    let restriction_asked = hits.iter().any(|h| h.kind == Restriction && h.score >= 2.0);
    if erasure_declined(v, restriction_asked) {
        for h in hits.iter_mut().filter(|h| h.kind == Erasure) {
            h.score = h.score.min(1.2);
        }
    }
    hits
}

/// An access letter lists what it must be told, among it "the existence of the right to
/// request rectification or erasure … or to object" (Art. 15(1)(e)); privacy notices and
/// suppliers' mails list rights the same way. Two or more other rights named after a "right
/// to" that nobody exercises ("I invoke", "my right to") are a list, not requests.
fn rights_listed(v: &View<'_>, hits: &mut [Hit]) {
    // "I exercise my right to …" exercises it; "I know I have the right to …" does not.
    // "Inform me of the existence of my rights to …" (Art. 15(1)(e)) exercises none of them.
    let exercised = |r: usize| {
        (v.near(r, c::MY | c::REQ, 4, 0, true).is_some() || v.near(r, c::MY, 0, 1, true).is_some())
            && v.near(r, c::INFORM, 8, 0, false).is_none()
    };
    for r in (0..v.len()).filter(|&r| v.has(r, c::RIGHT) && !exercised(r)) {
        let listed = |h: &Hit| {
            h.kind != RequestKind::Access
                && h.from > r
                && h.from - r <= 25
                && v.sentence(h.from) == v.sentence(r)
        };
        let mut kinds: Vec<RequestKind> =
            hits.iter().filter(|h| listed(h)).map(|h| h.kind).collect();
        kinds.sort();
        kinds.dedup();
        if kinds.len() >= 2 {
            for h in hits.iter_mut().filter(|h| listed(h)) {
                h.score = h.score.min(1.2);
            }
        }
    }
}

/// "Skyldner har fremsatt innsigelse mot kravet … send oss dokumentasjon": a business ("we")
/// writing of a third party's step, the writer never speaking of themself or for anyone.
fn business_of_a_third_party(v: &View<'_>) -> bool {
    v.anywhere(c::WE)
        && v.anywhere(c::THIRD)
        && !v.anywhere(c::I_SELF | c::MY | c::ME | c::REPRESENT)
}

/// "I invoke my right to be forgotten — please send me a copy of my file", "Ich mache mein
/// Recht auf Datenübertragbarkeit geltend, d.h. ich möchte, dass alle meine Daten gelöscht
/// werden": the right named is the wrong one, and what the writer spells out right after it is
/// what they ask. The named right is dropped when another kind is asked in words within a few
/// words after it (the same sentence, or the next when the name ends its sentence), with no
/// "and"/"also" between, and nothing of the named kind is asked in words anywhere.
fn right_misnamed(v: &View<'_>, hits: &mut [Hit]) {
    let in_words = |h: &Hit| h.score >= 2.0 && !v.has(h.from, NAMED_RIGHTS);
    let ends_sentence =
        |k: usize| (k + 1..(k + 5).min(v.len())).any(|n| v.sentence(n) != v.sentence(k));
    let spelled_out = |n: &Hit, h: &Hit| {
        h.kind != n.kind
            && in_words(h)
            && h.from > n.to
            && h.from - n.to <= 14
            && (v.sentence(h.from) == v.sentence(n.to)
                || (v.sentence(h.from) == v.sentence(n.to) + 1 && ends_sentence(n.to)))
            && !(n.to + 1..h.from).any(|k| v.has(k, c::AND | c::ALSO))
    };
    let exercised = |n: &Hit| v.near(n.from, c::MY, 3, 2, false).is_some();
    let misnamed: Vec<RequestKind> = hits
        .iter()
        .filter(|n| n.score >= 2.0 && v.has(n.from, NAMED_RIGHTS) && exercised(n))
        .filter(|n| hits.iter().any(|h| spelled_out(n, h)))
        .filter(|n| !hits.iter().any(|h| h.kind == n.kind && in_words(h)))
        .map(|n| n.kind)
        .collect();
    for h in hits.iter_mut().filter(|h| misnamed.contains(&h.kind)) {
        h.score = h.score.min(1.2);
    }
}

/// "jeg vil at opptakene blir slettet", "Vi ønsker at alt som er lagret om henne slettes": a
/// wish, "that", then the data and the deletion in the passive. The wish, if so.
fn wanted_deleted(v: &View<'_>, i: usize) -> Option<usize> {
    let passive = v.has(i, c::PASSIVE) || v.near(i, c::PASSIVE, 2, 0, true).is_some();
    let wish = v.wish_that(i)?;
    // ("Vil du sørge for at billederne og citatet med mit navn bliver fjernet?")
    // ("Vi återkallar vårt samtycke och vill att de filmer som redan finns raderas": the films
    // the consent allowed)
    let pictures_in_view = || writer_photo(v) || v.anywhere(c::CONSENT);
    let data = (wish + 1..i).any(|k| {
        v.has(k, c::DATA_STRONG | c::DATA_WEAK | c::ALL)
            || (v.has(k, c::PHOTO | c::FIELD) && v.near(k, c::MY, 3, 3, true).is_some())
            || (v.has(k, c::PHOTO) && pictures_in_view())
    });
    // "… blir slettet", "… slettes": the data named before the deletion is what goes.
    let object_after = v.has(i + 1, c::ME | c::IT | c::ALL | c::MY);
    (data && (passive || !object_after)).then_some(wish)
}

/// "så att jag inte finns i ditt system längre", "so I'm not in your system anymore", "I don't
/// want to be in your system any more": the writer, not, no longer, the system — asked for.
/// Where the asking starts, if so.
fn out_of_the_system(v: &View<'_>, i: usize) -> Option<usize> {
    let not = v.near(i, c::NEG, 5, 0, true)?;
    let writer = v.near(not, c::I_SELF | c::ME, 3, 0, true)?;
    v.near(i, c::LONGER, 5, 3, true)?;
    // Asked of the business ("kan du göra så att jag …"), or wanted ("I don't want to be …").
    let asked = v
        .near(writer, c::REQ, 8, 0, false)
        .filter(|&r| (r..writer).any(|k| v.has(k, c::YOU | c::COMPL | c::BREAK)));
    // ("Jeg vil (bare) ikke være …": the wish before the "not")
    let wanted = v.near(not, c::REQ, 3, 2, true).map(|_| writer);
    asked.or(wanted)
}

/// "Det ønsker jeg ikke længere", "I don't want that any more", "Das möchte ich nicht mehr": a
/// wish at `i` refused from now on, about "that", with a consent given in the sentences before
/// and none named in this one. Where the consent is.
fn no_longer_that(v: &View<'_>, i: usize) -> Option<usize> {
    let &(start, end, concepts) = v.index.of_token.get(i)?;
    if concepts & c::NEG == 0 || concepts & (c::LONGER | c::MORE) == 0 || concepts & c::CONSENT != 0
    {
        return None;
    }
    let that = v.near(i, c::IT, 2, 2, true)?;
    let refused = (i.min(that)..(i + 4).min(end)).any(|k| v.has(k, c::NEG))
        && (i..(i + 5).min(end)).any(|k| v.has(k, c::LONGER | c::MORE));
    // Only little words besides: the sentence is about "that" alone.
    // ("Det vill jag inte längre, jag vill inte att de får veta mer …": its own clause)
    let seg = v.segment(i);
    let clause = (start..end).filter(|&k| v.segment(k) == seg).count();
    let short = end - start <= 7 || clause <= 6;
    (refused && short)
        .then(|| {
            (start.saturating_sub(40)..start)
                .rev()
                .find(|&k| v.has(k, c::CONSENT))
        })
        .flatten()
}

/// "Har du stadig min journal liggende?", "Har ni mina anteckningar kvar?", "Do you still have
/// my notes?": a question opening with "have you" (or "do you … have"), the writer's data its
/// object, nothing read, got or done to it. Where the question starts and the data word.
fn still_have_mine(v: &View<'_>, you: usize) -> Option<(usize, usize)> {
    let &(start, end, concepts) = v.index.of_token.get(you)?;
    // The question opens its sentence, or follows a greeting ("Hello Ingrid, do you still …").
    let opener = you.checked_sub(1)?;
    let opens = opener == start || v.toks.get(opener).is_some_and(|t| t.comma_before);
    // (not ", at I har registreret forkerte oplysninger": a "that" clause states)
    if !opens || v.has(opener, c::COMPL) || concepts & (c::DATA_STRONG | c::DATA_WEAK) == 0 {
        return None;
    }
    let have = v.has(opener, c::AUX_PERF | c::HOLD)
        || (you + 1..(you + 3).min(end)).any(|k| v.has(k, c::HOLD));
    let other = c::SEE
        | c::GET
        | c::GOT
        | c::RECEIVE
        | c::SEND
        | c::COPY
        | c::DEL
        | c::CORRECT
        | c::UPDATE
        | c::USE
        | c::ATTACH
        | c::TRANSFER;
    let j = (you + 1..(you + 7).min(end))
        .take_while(|&k| !v.has(k, other))
        .find(|&k| v.has(k, c::DATA_STRONG | c::DATA_WEAK))?;
    // ("Haben Sie meine Unterlagen vom Arzt bekommen?": a participle closing the question asks
    // whether they arrived)
    if v.has(end - 1, other) && !v.has(end - 1, c::HOLD) {
        return None;
    }
    // ("mine gamle noter", "my old notes")
    let mine = v.has(j, c::MY)
        || v.near(j, c::MY, 2, 0, true).is_some()
        || v.has(j + 1, c::MY | c::ABOUT_ME);
    (have && mine).then_some((opener, j))
}

/// "Could you check whether you have any information about me?", "Kan du kolla om du har några
/// uppgifter om mig?": asked (an ask earlier in the sentence), "you" and then "have" or "hold",
/// the data within a few words, about the writer. Where the data word is.
fn whether_you_have_mine(v: &View<'_>, you: usize) -> Option<usize> {
    let &(start, end, _) = v.index.of_token.get(you)?;
    // (not "… at dere tar vare på journalen", a "that" clause; nor "du har skrevet", a perfect:
    // the word after "have" is "any", "some", or the data itself)
    if !(start..you).any(|k| v.has(k, c::REQ))
        || !v.has(you + 1, c::AUX_PERF | c::HOLD)
        || v.has(you.wrapping_sub(1), c::COMPL)
    {
        return None;
    }
    let quantifier = |k: usize| v.tag(k) & !(c::ALL | c::WORD) == 0;
    let j = if you + 2 < end && v.has(you + 2, c::DATA_STRONG) {
        you + 2
    } else if you + 3 < end && quantifier(you + 2) && v.has(you + 3, c::DATA_STRONG | c::DATA_WEAK)
    {
        you + 3
    } else {
        return None;
    };
    let mine = v.has(j, c::MY | c::ABOUT_ME)
        || (j + 1..(j + 3).min(end)).any(|k| v.has(k, c::ABOUT_ME | c::MY));
    mine.then_some(j)
}

/// "Hvor har du den fra?", "Where did you get my e-mail address?", "Woher haben Sie meine
/// Adresse?": "where" with "you" right after it, a "from" or a "get", and the writer's data (or
/// "it", with data or an address named in the mail) as the object. Where that object is.
fn source_of_mine(v: &View<'_>, i: usize) -> Option<usize> {
    let sent = v.sentence(i);
    let span = (i + 1..(i + 9).min(v.len())).take_while(|&k| v.sentence(k) == sent);
    let you = span.clone().take(3).any(|k| v.has(k, c::YOU));
    let from = v.has(i, c::FROM) || span.clone().any(|k| v.has(k, c::FROM | c::GET | c::GOT));
    let named = data_mentioned(v) || v.anywhere(c::FIELD | c::MAIL);
    let object = span.clone().find(|&k| {
        v.has(k, c::MY | c::ABOUT_ME | c::DATA_STRONG | c::FIELD)
            || (v.has(k, c::IT | c::DATA_WEAK | c::MAIL) && named)
    });
    object.filter(|_| you && from && !span.clone().any(|k| v.has(k, c::EVENT)))
}

/// The data word at `j` is followed, in its clause, by what is to be done to it: "få mina
/// uppgifter rättade", "have my data deleted" (not "a copy of my data and delete it").
fn done_to(v: &View<'_>, j: usize) -> bool {
    let seg = v.segment(j);
    (j + 1..(j + 4).min(v.len()))
        .take_while(|&k| v.segment(k) == seg && !v.has(k, c::AND | c::BREAK))
        .any(|k| v.has(k, c::DEL | c::CORRECT | c::UPDATE | c::RESTRICT))
}

/// The writer is the one who reads at `i`, asking nobody: "Jag har sparat alla mina anteckningar
/// i en skrivbok och läser i den ibland". ("Jeg har hørt at man har ret til at se sin journal"
/// has another subject after the "that".)
fn reads_on_their_own(v: &View<'_>, i: usize) -> bool {
    v.near(i, c::I_SELF, 10, 0, false)
        .is_some_and(|j| !(j + 1..i).any(|k| v.has(k, c::COMPL)))
        && v.in_sentence(i, c::REQ | c::YOU).is_none()
}

/// Marketing by phone or post in the sentence of `i` ("reklame på sms eller telefon", "sales
/// calls"; or a call or a letter named in the sentences around it), and no newsletter or list:
/// direct marketing the writer objects to (Art. 21(2)). Marketing by text message or e-mail
/// alone is a mailing to leave: an unsubscription.
fn marketing_by_phone(v: &View<'_>, i: usize) -> bool {
    let Some(&(start, end, concepts)) = v.index.of_token.get(i) else {
        return false;
    };
    let here = |mask: Concepts| (start..end).any(|k| v.has(k, mask));
    let just_before = |mask: Concepts| (start.saturating_sub(25)..start).any(|k| v.has(k, mask));
    // ("Jeg får fortsatt SMS om tilbud … Jeg vil ikke ha reklame på telefonen": the texts told
    // of just before are what comes on the phone)
    let texts_before = || just_before(c::MAIL) && !just_before(c::CALL) && !here(c::MAIL);
    // ("Jeg fikk et brev i posten … Jeg vil ikke ha sånn reklame sendt hjem til meg")
    (concepts & c::CALL != 0
        || (i.saturating_sub(25)..(i + 25).min(v.len())).any(|k| v.has(k, c::CALL)))
        && concepts & c::PURPOSE != 0
        && concepts & c::LIST == 0
        // (appointment reminders are a list to leave; "tidigare patient" earlier on is not one)
        && v.near(i, c::EVENT, 3, 6, true).is_none()
        // "nyhetsbrevet" is a newsletter; "reklame" is marketing whatever it comes by
        && !(start..end).any(|k| v.has(k, c::NEWS) && !v.has(k, c::PURPOSE))
        // ("sluta skicka erbjudanden … via sms till honom. Han … ringer mig": the texts named
        // here, not the call told of after)
        && !(concepts & c::CALL == 0 && here(c::MAIL))
        && !texts_before()
}

/// "Glem det jeg skrev om å slette journalen", "never mind my last mail": what a sentence
/// takes back is no request.
/// "Kan I slette den forkerte og skrive den rigtige i stedet?", "Können Sie das bitte löschen und
/// die Techniker Krankenkasse eintragen?", "ta bort den felaktiga adressen och använda den här":
/// a wrong entry deleted to put the right one in is a correction. An erasure hit whose deletion
/// takes a wrong field as its object, or is followed by "and" and a writing-in (or, the object
/// wrong, a use of the new one), becomes a rectification.
fn replaced_not_erased(v: &View<'_>, hits: &mut [Hit]) {
    for h in hits.iter_mut().filter(|h| h.kind == RequestKind::Erasure) {
        let Some(d) = (h.from..=h.to).find(|&k| v.has(k, c::DEL)) else {
            continue;
        };
        let same = |k: usize| k < v.len() && v.sentence(k) == v.sentence(d);
        // ("Slett fødselsdatoen min hos dere, den er feil": said wrong after an "it")
        let wrong_object = (d + 1..d + 10).any(|k| {
            same(k) && v.has(k, c::WRONG) && (k < d + 4 || v.near(k, c::IT, 3, 0, true).is_some())
        });
        let written_in = (d + 1..d + 5)
            .filter(|&k| same(k) && v.has(k, c::AND))
            .any(|a| (a + 1..a + 5).any(|k| same(k) && v.has(k, c::REPLACE)));
        let used_instead = (d + 1..d + 8)
            .filter(|&k| same(k) && v.has(k, c::AND))
            .any(|a| (a + 1..a + 3).any(|k| same(k) && v.has(k, c::USE)))
            && wrong_object;
        // ("slet det forkerte billede af mig": a wrong photo still goes; a wrong field is fixed)
        let wrong_field = wrong_object && (d + 1..d + 5).any(|k| same(k) && v.has(k, c::FIELD));
        if written_in || used_instead || wrong_field {
            h.kind = RequestKind::Rectification;
            h.rule = "delete the wrong entry, put the right one in";
        }
    }
}

/// What the writer takes back, only weighs, threatens or gives as a reason is no ask: the hits
/// concerned drop to a mention.
fn retracted(v: &View<'_>, hits: &mut [Hit]) {
    for r in (0..v.len()).filter(|&r| v.has(r, c::RETRACT)) {
        let sent = v.sentence(r);
        for h in hits.iter_mut().filter(|h| v.sentence(h.from) == sent) {
            h.score = h.score.min(1.0);
        }
    }
    // "Jag har tänkt på om jag ska be att få se dina anteckningar": weighed, not asked (up to
    // a "but" or the sentence's end)
    cap_later_in_sentence(v, hits, c::PONDER, |p, h| {
        !(p + 1..h.from).any(|k| v.has(k, c::BREAK))
    });
    // "Det er viktig for meg fordi journalen skal sendes til forsikringen": a reason given, no
    // ask in it (unless one follows the "because": "because I want you to delete it")
    cap_later_in_sentence(v, hits, c::BECAUSE, |p, h| {
        !(p + 1..=h.from).any(|k| v.has(k, c::REQ | c::YOU))
    });
    // "Eigentlich wollte ich Ihnen schreiben, dass Sie alles löschen sollen. Aber ich habe es mir
    // anders überlegt": an ask meant, then taken back by a change of mind told after it
    cap_later_in_sentence(v, hits, c::INTENDED, |p, _| {
        (p + 1..v.len()).any(|q| v.has(q, c::CHANGED_MIND))
    });
    // "jeg vil gerne have at i sletter alt om mig … nej vent … lad det ligge": a change of mind
    // and then what is to stay: the deletion asked before it is taken back
    for q in (0..v.len()).filter(|&q| v.has(q, c::CHANGED_MIND)) {
        let keep = (q + 1..(q + 40).min(v.len()))
            .take_while(|&k| v.sentence(k) <= v.sentence(q) + 2)
            .any(|k| v.has(k, c::KEEP));
        if keep {
            for h in hits
                .iter_mut()
                .filter(|h| h.to < q && h.kind == RequestKind::Erasure)
            {
                h.score = h.score.min(1.0);
            }
        }
    }
    // "Hvis I fastholder fakturaen, vil jeg bede om indsigt … og klage til Datatilsynet",
    // "Sollte der Betrag … nicht eingegangen sein, werde ich … Auskunft … verlangen und mich an
    // die Datenschutzbehörde wenden": a threat, the condition first and the authority named
    for h in hits.iter_mut() {
        let opens_with_if = v.index.of_token.get(h.from).is_some_and(|&(start, _, _)| {
            (start..(start + 2).min(h.from)).any(|k| v.has(k, c::IF))
        });
        if opens_with_if && v.in_sentence(h.from, c::AUTHORITY).is_some() {
            h.score = h.score.min(1.0);
        }
    }
}

/// Every hit after a `marker` word in its sentence, for which `applies(marker, hit)`, drops to a
/// mention.
fn cap_later_in_sentence(
    v: &View<'_>,
    hits: &mut [Hit],
    marker: Concepts,
    applies: impl Fn(usize, &Hit) -> bool,
) {
    for p in (0..v.len()).filter(|&p| v.has(p, marker)) {
        let later = |h: &Hit| h.from > p && v.sentence(h.from) == v.sentence(p);
        for h in hits.iter_mut().filter(|h| later(h) && applies(p, h)) {
            h.score = h.score.min(1.0);
        }
    }
}

/// "Restriction instead of erasure", "statt der Löschung", "ikke sletter den, men begrenser
/// behandlingen", "jag motsätter mig att uppgifterna raderas", "Ikke slett journalen. …
/// Samtidig ber jeg om at journalen sperres": the writer asks for something other than erasure
/// and says so (`restriction_asked`: a restriction found in the words, "but don't use it").
fn erasure_declined(v: &View<'_>, restriction_asked: bool) -> bool {
    let restriction = restriction_asked || v.anywhere(c::RESTRICT | c::RESTRICT_STRONG | c::FREEZE);
    // (not "Hvis I … ikke må slette det, så vil jeg i det mindste have at det bliver låst": the
    // deletion asked first, the restriction if it cannot be)
    let conditional = |k: usize| v.near(k, c::IF, 8, 0, false).is_some();
    (0..v.len()).any(|k| {
        v.has(k, c::DEL | c::ERASE_STRONG)
            && ((1..=3).any(|d| k >= d && v.has(k - d, c::INSTEAD))
                || ((v.negated(k) || opposed(v, k)) && restriction && !conditional(k)))
    })
}

/// The deletion at `k` is what the writer opposes: "motsätter mig att uppgifterna raderas",
/// "I object to the data being deleted" (nothing else asked or opposed in between).
fn opposed(v: &View<'_>, k: usize) -> bool {
    v.near(k, c::OPPOSE | c::OBJECT_STRONG, 6, 0, true)
        .is_some_and(|o| opposes_deletion(v, o))
}

/// The opposition at `o` is aimed at a deletion right after it, not at the processing.
fn opposes_deletion(v: &View<'_>, o: usize) -> bool {
    let seg = v.segment(o);
    let between = c::REQ | c::AND | c::USE | c::PURPOSE | c::BREAK;
    for k in o + 1..(o + 7).min(v.len()) {
        if v.segment(k) != seg {
            return false;
        }
        if v.has(k, c::DEL | c::ERASE_STRONG) {
            return true;
        }
        if v.has(k, between) {
            return false;
        }
    }
    false
}

/// Whether the sentence of token `i` cites Article `number` ("Article 20", "Art. 20 DSGVO").
fn article_in_sentence(v: &View<'_>, numbers: &[Option<u32>], i: usize, number: u32) -> bool {
    let sent = v.sentence(i);
    (0..v.len()).any(|k| {
        v.sentence(k) == sent
            && numbers.get(k).copied().flatten() == Some(number)
            && (v.has(k.wrapping_sub(1), c::ARTICLE) || v.has(k + 1, c::LEGAL))
    })
}

/// Where the mail names a new provider: "min nye psykolog", "another therapist", "einen
/// neuen Anbieter" (a "new"/"another" word right before a provider word).
fn new_provider(v: &View<'_>) -> Option<usize> {
    (1..v.len()).find(|&k| {
        v.has(k, c::PROVIDER) && (v.has(k - 1, c::NEWPROV) || (k >= 2 && v.has(k - 2, c::NEWPROV)))
    })
}

/// A stop/negation word governing a "use/process" word at `i`: "don't use", "stop processing",
/// "lade være med at bruge", "nicht … verwenden".
fn stop_using(v: &View<'_>, i: usize) -> Option<usize> {
    let governor = v
        .near(i, c::STOP, 5, 0, false)
        .or_else(|| {
            if v.negated(i) {
                // ("verwenden Sie die Unterlagen nicht weiter": the "not" after the object)
                v.near(i, c::NEG, 6, if v.verb_final { 6 } else { 3 }, false)
            } else {
                None
            }
        })
        // "jeg ønsker ikke at noget af det …, eller andre oplysninger om mig, bliver brugt"
        .or_else(|| {
            // ("Emme halua, että Ellan tietoja jaetaan": the wish word between, untagged)
            v.near(i, c::NEG, 14, 0, false).filter(|&n| {
                let wish_in_the_not =
                    v.has(n, c::REQ) && v.tag(n + 1) == 0 && v.has(n + 2, c::COMPL);
                (v.has(n + 1, c::COMPL) && v.near(n, c::REQ | c::I_SELF, 2, 0, true).is_some())
                    || wish_in_the_not
            })
        })?;
    // ("Jeg har ikke været til den behandling d. 4. marts": what the writer has not done, told)
    if v.has(governor, c::NEG)
        && v.has(governor.wrapping_sub(1), c::AUX_PERF)
        && v.has(governor.wrapping_sub(2), c::I_SELF)
    {
        return None;
    }
    // "Jeg avslutter behandlingen nå": the writer ends their own treatment; "stopped using the
    // notes app": what the writer stopped doing, told
    if v.has(governor, c::STOP)
        && (v.has(governor.wrapping_sub(1), c::I_SELF) || v.has(governor, c::PAST_SELF))
    {
        return None;
    }
    // The thing not to be used must be the person's data ("it" after a data sentence counts).
    // ("at du tar opp øktene våre", "was wir besprechen": our sessions, what we talk about)
    let ours = || {
        v.near(i, c::EVENT, 6, 6, false)
            .is_some_and(|e| v.has(e + 1, c::OUR) || v.has(e.wrapping_sub(1), c::OUR))
            || (i.saturating_sub(6)..i + 6).any(|k| v.has(k, c::WHAT) && v.has(k + 1, c::WE))
    };
    let object = v.data_object(i).is_some()
        || ours()
        || v.near(i, c::DATA_STRONG | c::DATA_WEAK | c::MY, 6, 6, false)
            .is_some()
        // "jeg vil ikke at I bruger billeder af ham til reklame": pictures, when wished so (a
        // form's "men inte att ni får använda bilder på mig" reports a choice ticked)
        || (v.near(i, c::PHOTO, 6, 6, false).is_some()
            && (v.near(governor, c::REQ, 2, 1, true).is_some()
                // "I må ikke bruge billeder af ham i jeres reklame" from his father
                || (writer_photo(v) && v.in_sentence(i, c::PURPOSE).is_some())))
        || v.in_sentence(i, c::FREEZE).is_some()
        // "Inntil dere har vurdert dette, må dere ikke sende eller bruke noe": nothing of the
        // data named before is used meanwhile
        || (v.in_sentence(i, c::UNTIL).is_some() && data_mentioned(v))
        // ("… at den bliver brugt til noget")
        // ("Så radera inte anteckningarna än. Men jag vill inte att de används …": "them",
        // when wished so; not "De bliver ikke brugt til andet", the practitioner telling)
        || (v.near(i, c::THEY, 3, 3, true).is_some()
            && v.near(governor, c::REQ, 4, 0, false).is_some()
            && data_mentioned(v))
        // ("Ikke slett dem, men de skal heller ikke brukes …": kept, and not used)
        || (v.near(i, c::THEY | c::IT, 5, 3, true).is_some()
            && negated_delete_anywhere(v)
            && (data_mentioned(v) || v.anywhere(c::PHOTO)))
        || (v.near(i, c::IT, 3, 3, true).is_some()
            && (data_mentioned(v)
                // "lade være med at bruge det (billedet af mig) i jeres reklamer"
                || (writer_photo(v) && v.in_sentence(i, c::PURPOSE).is_some())));
    object.then_some(governor)
}

/// Before `i`, the writer told of a leave given to the reader: "I said at the start you could
/// send updates … to my GP", "Vi skrev på i höstas att du fick filma Elsa", "hatte ich
/// unterschrieben, dass ihr Fotos von mir … nehmen dürft" — the consent, in other words.
fn permission_told(v: &View<'_>, i: usize) -> bool {
    (i.saturating_sub(40)..i).any(|k| {
        v.has(k, c::YOU)
            && (k + 1..(k + 6).min(i)).any(|u| v.has(u, c::SEND | c::USE | c::PHOTO))
            && v.near(k, c::I_SELF | c::WE, 10, 0, false).is_some()
    })
}

/// The negation at `n` is the writer's wish: "Jeg vil ikke at …", "ich möchte nicht, dass …",
/// "I don't want you to …".
fn wished_not(v: &View<'_>, n: usize) -> bool {
    v.has(n, c::NEG)
        && (v.has(n + 1, c::COMPL) || (v.tag(n + 1) == 0 && v.has(n + 2, c::COMPL)))
        && v.near(n, c::REQ | c::I_SELF, 2, 0, true).is_some()
}

/// The last thing named before `i` is a field of the writer's, not a booking or an invoice:
/// "Auf Ihrer letzten Rechnung steht noch meine alte Anschrift. Bitte ändern Sie das".
fn field_last(v: &View<'_>, i: usize) -> bool {
    (i.saturating_sub(15)..i)
        .rev()
        .find(|&k| v.has(k, c::FIELD | c::EVENT | c::INVOICE))
        .is_some_and(|k| v.has(k, c::FIELD) && v.near(k, c::MY, 2, 0, true).is_some())
}

/// "it" right after the verb at `i`, or after a "you" there: "change it", "ändern Sie das".
fn it_after(v: &View<'_>, i: usize) -> Option<usize> {
    v.near(i, c::IT, 0, 1, true)
        .or_else(|| (v.has(i + 1, c::YOU) && v.has(i + 2, c::IT)).then_some(i + 2))
}

/// Where the data at `i` are to go: a new provider or "directly" in its sentence — not the
/// business's own new tool ("moving them into your new booking tool").
fn new_destination(v: &View<'_>, i: usize) -> Option<usize> {
    // (nor "Fel i journalen efter flytten till nytt system": a new system)
    v.in_sentence(i, c::NEWPROV | c::DIRECT)
        .filter(|&n| {
            !(v.has(n, c::NEWPROV) && (v.has(n.wrapping_sub(1), c::YOU) || v.has(n + 1, c::SYSTEM)))
        })
        // ("sende journalen … elektronisk til Fysioterapeutene på Solsiden": another provider,
        // electronically)
        .or_else(|| {
            v.near(i, c::PROVIDER, 0, 8, true)
                .filter(|_| v.in_sentence(i, c::ELECTRONIC | c::MACHINE).is_some())
        })
        // ("I've started seeing a therapist here … Could you send my records to him
        // electronically?": the provider named before, the format beside the sending)
        .or_else(|| {
            v.near(i, c::HIM_HER, 0, 10, true).filter(|_| {
                sent_on_to_another(v, i)
                    && electronic_near(v, i)
                    && v.anywhere(c::PROVIDER | c::NEWPROV)
            })
        })
}

/// "Could you send my records to him", "skicka över det du har om mig till henne": the sending
/// at `i` goes to someone other than the writer (the "me" only what the data are about).
fn sent_on_to_another(v: &View<'_>, i: usize) -> bool {
    let Some(&(_, end, _)) = v.index.of_token.get(i) else {
        return false;
    };
    let end = end.min(i + 14);
    let to_me = (i + 1..end).any(|k| v.has(k, c::ME) && !v.has(k.wrapping_sub(1), c::ABOUT_ME));
    !to_me && (i + 2..end).any(|k| v.has(k, c::HIM_HER | c::PROVIDER | c::NEWPROV))
}

/// A format named in the sentence of `i` or the one after: "elektronisk", "som fil", "PDF".
fn electronic_near(v: &View<'_>, i: usize) -> bool {
    let sent = v.sentence(i);
    (i.saturating_sub(15)..(i + 30).min(v.len())).any(|k| {
        v.has(k, c::ELECTRONIC | c::MACHINE) && (v.sentence(k) == sent || v.sentence(k) == sent + 1)
    })
}

/// A copy (at `i`) asked for of what was sent: "a copy of the assessment you sent to them",
/// "en kopi af alt hvad du har sendt", "en kopi av det som ble sendt" — "what", "it" or "all"
/// and then the sending, by the reader or in the passive, not by the writer, and nothing
/// billed or booked in between. Where the sending is.
fn copy_of_what_was_sent(v: &View<'_>, i: usize) -> Option<usize> {
    v.near(i, c::REQ | c::GET, 6, 0, false)?;
    let sent = v.near(i, c::SEND, 0, 8, false)?;
    let what =
        (i + 1..sent).any(|k| v.has(k, c::WHAT | c::IT | c::ALL | c::DATA_WEAK | c::DATA_STRONG));
    let billed = (i + 1..sent).any(|k| v.has(k, c::INVOICE | c::EVENT));
    let by_writer = v.near(sent, c::I_SELF, 2, 0, true).is_some();
    (what && !billed && !by_writer && !v.other_object(i)).then_some(sent)
}

/// "Vil du vente med at slette den?", "vänta med att radera", "lade være med at slette": the
/// deletion at `k` put off.
fn held_off(v: &View<'_>, k: usize) -> bool {
    // ("lade være med at slette": four words back)
    v.near(k, c::STOP, 4, 0, true)
        .is_some_and(|s| !(s + 1..k).any(|w| v.has(w, c::AND | c::DEL)))
}

/// The sentence of `i` speaks of a meantime ("indtil sagen er afgjort", "mens I behandler min
/// indsigelse"), not of a deadline ("bis zum 30.11.2024").
fn meantime(v: &View<'_>, i: usize) -> bool {
    // The sentence's tokens from the index, as `View::in_sentence` reads them (the whole text
    // when there is no index), and none of them when the sentence has no "until" at all.
    let (start, end) = match v.index.of_token.get(i) {
        Some(&(_, _, concepts)) if concepts & c::UNTIL == 0 => return false,
        Some(&(start, end, _)) => (start, end),
        None => (0, v.len()),
    };
    let sent = v.sentence(i);
    (start..end).any(|k| {
        v.sentence(k) == sent
            && v.has(k, c::UNTIL)
            && !(k + 1..(k + 4).min(v.len())).any(|n| v.toks.get(n).is_some_and(|t| t.number))
    })
}

/// The data at `j` come from another provider: "en kopia av min journal från vårdcentralen", "my
/// records from the hospital" — held there, not by the business written to.
fn held_elsewhere(v: &View<'_>, j: usize) -> bool {
    (j + 1..j + 3)
        .find(|&f| v.has(f, c::FROM))
        .is_some_and(|f| {
            (f + 1..f + 3).any(|k| v.has(k, c::PROVIDER | c::AUTHORITY)) && !v.has(f + 1, c::YOU)
        })
}

/// Whether the data word at `j` (the object of an action at `i`) is the writer's own: "my
/// journal", "journalen min", "what you hold about me", or personal data asked for by someone
/// writing as themselves. "The notes", "die Unterlagen" or "the journal notes for our client"
/// are someone's records, not the writer's data.
fn owned_by_writer(v: &View<'_>, i: usize, j: usize) -> bool {
    if someone_elses(v, j) || held_elsewhere(v, j) {
        return false;
    }
    if v.has(j, c::MY | c::ABOUT_ME)
        || v.near(j, c::MY | c::ABOUT_ME, 3, 3, true).is_some()
        || v.recorded_at_our_sessions(j)
    {
        return true;
    }
    // A parent or a lawyer asks for "de notater, du har om Freja": the records the business
    // holds on the person they speak for.
    // ("… en kopi av det dere har skrevet om ham" from "Sønnen min"'s mother)
    // ("en kopi av journalen hans fra samtalene hos deg" from his wife, with his power of attorney)
    if (v.anywhere(c::REPRESENT) || writes_of_kin(v))
        && v.near(j, c::YOU | c::HOLD, 3, 6, false).is_some()
    {
        return true;
    }
    // Someone else's records, unless the writer speaks for them (a parent, a lawyer).
    let third = v.anywhere(c::THIRD) && !v.anywhere(c::REPRESENT);
    let my_record =
        || (0..v.len()).any(|k| v.has(k, c::DATA_STRONG) && v.near(k, c::MY, 2, 1, true).is_some());
    // ("Kan jeg få en kopi av røntgenbildene og notatene": a copy of the notes, for the writer)
    let records = v.has(j, c::DATA_STRONG) || (v.has(j, c::DATA_WEAK) && asked_for_writer(v, i));
    !third && records && (v.near(i, c::ME | c::I_SELF, 6, 4, false).is_some() || my_record())
}

/// The data word at `j` is someone else's — "her journal", "my daughter's records", "min datters
/// journal" — and the writer does not say they write for that person.
fn someone_elses(v: &View<'_>, j: usize) -> bool {
    j > 0 && v.has(j - 1, c::OTHERS) && !v.anywhere(c::REPRESENT)
}

/// The writer asks for restriction while the accuracy is checked (Art. 18(1)(a)) and asks for
/// nothing to be corrected: "my journal contains errors, restrict it until you have checked".
fn restrict_pending_check(v: &View<'_>) -> bool {
    v.anywhere(c::RESTRICT | c::RESTRICT_STRONG | c::FREEZE)
        && !v.anywhere(c::CORRECT | c::RECT_STRONG | c::UPDATE | c::CHANGED)
}

/// "Please remove me from your e-mail and SMS lists": the writer comes off mailing lists (the
/// first list after "me from" is one), which the list rules read; "ta bort mig från er
/// kundlista" is an erasure.
fn off_mailing_lists(v: &View<'_>, i: usize) -> bool {
    let Some(m) = v
        .near(i, c::ME, 0, 1, true)
        .filter(|&m| v.has(m + 1, c::FROM))
    else {
        return false;
    };
    (m + 2..(m + 9).min(v.len()))
        .find(|&k| v.has(k, c::LIST | c::NEWS))
        .is_some_and(|k| v.has(k, c::NEWS) || v.near(k, c::MAIL, 3, 0, false).is_some())
}

/// "Jeg troede, jeg ville slette dem alle sammen": "I" and a wish right before the deletion at
/// `i`, nothing of the business's (you, your system) named in the sentence: the writer deleting
/// their own.
fn own_wish_to_delete(v: &View<'_>, i: usize) -> bool {
    v.has(i.wrapping_sub(1), c::REQ)
        && v.has(i.wrapping_sub(2), c::I_SELF)
        && v.in_sentence(i, c::YOU | c::SYSTEM).is_none()
}

/// The deletion at `i` is what a third person wants, told by someone who does not speak for
/// them: "han har spurt … om han kan få slettet noe av det han sa" (a colleague's client).
fn third_persons_wish(v: &View<'_>, i: usize) -> bool {
    // ("jeg har en klient som vil «slette seg» hos meg": a third person's, a colleague asking)
    v.near(i, c::HE_SHE | c::THIRD, 4, 0, true)
        .is_some_and(|h| !(h + 1..i).any(|k| v.has(k, c::YOU | c::I_SELF | c::ME)))
        && !v.anywhere(c::REPRESENT)
        && !writes_of_kin(v)
}

/// The deletion at `i` is from the writer's own device: "slettet kaloriappen og alle bildene
/// fra telefonen", "deleted the photos from my phone" — not from the business's (not "Kan du
/// slette bildet av meg fra mobilen din?", nor "kan du slette det fra telefonen?", asked).
fn from_own_device(v: &View<'_>, i: usize) -> bool {
    let Some(d) = v
        .near(i, c::FROM, 0, 8, false)
        .and_then(|f| v.near(f, c::DEVICE, 0, 2, false).filter(|&d| d > f))
    else {
        return false;
    };
    let yours = v.near(d, c::YOU, 2, 2, false).is_some();
    let mine = v.near(d, c::MY, 2, 2, false).is_some();
    let asked = v.near(i, c::REQ | c::YOU, 6, 0, false).is_some();
    !yours && (mine || !asked)
}

/// "Kan I fjerne mig fra ventelisten til tirsdag?", "take me off Thursday's class": off a
/// booking (a class, a waiting list), not out of the records.
fn off_a_booking(v: &View<'_>, i: usize) -> bool {
    out_of(v, i, c::EVENT)
}

/// The "it" at `j` stands for an appointment: a booking named before it in its sentence, and
/// nothing else (data, a photo, a mail) there or in the sentence before ("Han hade en tid hos er på tisdag, den kan ni ta
/// bort").
fn an_appointment(v: &View<'_>, j: usize) -> bool {
    let things = c::EVENT | c::DATA_STRONG | c::DATA_WEAK | c::PHOTO | c::FIELD | c::MAIL;
    let sentence = || {
        (j.saturating_sub(20)..j)
            .rev()
            .take_while(|&k| v.sentence(k) == v.sentence(j))
    };
    let before = || {
        (j.saturating_sub(40)..j)
            .rev()
            .take_while(|&k| v.sentence(k) + 1 >= v.sentence(j))
    };
    sentence().any(|k| v.has(k, c::EVENT)) && !before().any(|k| v.has(k, things & !c::EVENT))
}

/// The removal at `i` is out of or off something `what` names, just after it: "fra ventelisten",
/// "aus der Studie".
fn out_of(v: &View<'_>, i: usize, what: Concepts) -> bool {
    // ("aus der Studie raus": the particle last)
    let before = if v.verb_final { 4 } else { 0 };
    v.near(i, c::FROM | c::OFF, before, 4, true)
        .is_some_and(|f| {
            (f + 1..(f + 4).min(v.len())).any(|k| v.has(k, what) && v.sentence(k) == v.sentence(f))
        })
}

/// The writer's address (the object of the action at `i`) is to come off a list named before it: "… markedsføringslisten,
/// så fjern e-postadressen min fra den" (from it, from the list).
fn off_the_list(v: &View<'_>, i: usize) -> bool {
    v.near(i, c::FROM, 0, 5, true)
        .is_some_and(|f| v.has(f + 1, c::IT))
        && v.recent(i, c::LIST | c::NEWS, 20)
}

/// "Remove my details from your mailing list": what goes is the entry on the list, nothing
/// else ("from your system and the list" is an erasure too).
fn from_the_list(v: &View<'_>, i: usize) -> bool {
    let mailing = |k: usize| {
        v.has(k, c::NEWS) || (v.has(k, c::LIST) && (v.has(k, c::MAIL) || v.has(k - 1, c::MAIL)))
    };
    v.near(i, c::FROM, 0, 6, true).is_some_and(|f| {
        !(i + 1..f).any(|k| v.has(k, c::AND | c::DEL | c::UNSUB | c::TAKE_OFF))
            && (f + 1..(f + 4).min(v.len())).any(mailing)
            && v.near(f, c::SYSTEM | c::DATA_STRONG | c::ALL, 0, 4, true)
                .is_none()
    })
}

/// A wish in the sentence of `i` (an "until") that the data not be sent or used: a negation
/// after a "please" or an "I want" earlier in the sentence ("please don't send", "wil ik niet
/// dat mijn dossier", "geben Sie meine Daten bitte nicht weiter"), with the data, "it", "about
/// me", or a sending or use beside it.
fn unwanted_meanwhile(v: &View<'_>, i: usize) -> Option<usize> {
    let sent = v.sentence(i);
    let object = c::SEND | c::USE | c::DATA_STRONG | c::DATA_WEAK | c::IT | c::ABOUT_ME;
    (i.saturating_sub(25)..(i + 25).min(v.len())).find(|&n| {
        v.sentence(n) == sent
            && v.has(n, c::NEG)
            // "please don't", "jag vill att du inte lämnar ut något om mig … och att du inte
            // använder …"
            && (n.saturating_sub(20)..n).any(|r| v.sentence(r) == sent && v.has(r, c::REQ))
            && v.near(n, object, 4, 6, true).is_some()
    })
}

/// "Kan dere sende meg adressen til den nye klinikken?": the writer asks for an address.
fn asks_for_an_address(v: &View<'_>) -> bool {
    (0..v.len()).any(|k| {
        v.has(k, c::SEND | c::GET)
            && v.near(k, c::ME, 0, 2, true).is_some()
            && v.near(k, c::FIELD, 0, 4, true).is_some()
    })
}

/// The writer asks at `i` for something to be copied, sent or shown to them: "kan jeg få en
/// kopi", "vil du sende mig", "can I see" — a request, not a report.
fn asked_for_writer(v: &View<'_>, i: usize) -> bool {
    // "Kan jeg få …", "Could I get …": a get after "I" after a verb (not ", I get the info
    // from the app anyway"; not "hvis jeg får …")
    // ("… spurgt om jeg kan få en kopi": "I" and a verb, then the get)
    let asks_to_get = |g: usize| {
        g >= 2
            && v.segment(g - 2) == v.segment(g)
            && v.sentence(g - 2) == v.sentence(g)
            && ((v.has(g - 1, c::I_SELF) && !v.has(g - 2, c::IF | c::AND | c::BREAK | c::I_SELF))
                || (v.has(g - 2, c::I_SELF) && !v.has(g - 1, c::AND | c::BREAK)))
    };
    let get = if v.has(i, c::GET) {
        Some(i)
    } else {
        v.near(i, c::GET, 4, 0, true)
    };
    v.has(i, c::COPY | c::SEND | c::GET | c::SEE)
        && !v.statement(i)
        && (v.near(i, c::REQ, 4, 0, true).is_some() || get.is_some_and(asks_to_get))
        && (v.has(i, c::COPY)
            || v.near(i, c::ME, 0, 2, true).is_some()
            || v.near(i, c::I_SELF, 3, 0, true).is_some())
}

/// A record named in the 25 words before `i` ("de optagelser", "journalen"): what "them" asks
/// for.
fn data_just_named(v: &View<'_>, i: usize) -> Option<usize> {
    (i.saturating_sub(25)..i)
        .rev()
        .find(|&k| v.has(k, c::DATA_STRONG | c::DATA_WEAK))
}

/// The last thing named in the 40 words before `i` is an invoice, not a field or the data:
/// "it" is the invoice.
fn invoice_meant(v: &View<'_>, i: usize) -> bool {
    (i.saturating_sub(40)..i)
        .rev()
        .find(|&k| v.has(k, c::INVOICE | c::FIELD | c::DATA_STRONG | c::DATA_WEAK))
        .is_some_and(|k| v.has(k, c::INVOICE))
}

/// The writer names a relative of theirs: "Datteren min", "min søn", "my son".
fn writes_of_kin(v: &View<'_>) -> bool {
    (1..v.len()).any(|k| v.has(k, c::OTHERS) && (v.has(k - 1, c::MY) || v.has(k + 1, c::MY)))
}

/// The writer's own data named in the 50 words before `i` ("mina journalanteckningar"), in the
/// sentence of `i` or one of the two before it.
fn mine_just_named(v: &View<'_>, i: usize) -> Option<usize> {
    let sentence = v.sentence(i);
    (i.saturating_sub(50)..i).rev().find(|&k| {
        v.sentence(k) + 2 >= sentence
            && v.has(k, c::DATA_STRONG | c::DATA_WEAK)
            && (v.has(k, c::MY)
                || v.near(k, c::MY, 2, 0, true).is_some()
                // "journalen min": the possessive after; "die Audioaufnahmen aus unseren
                // Sitzungen": the sessions the writer had
                || v.has(k + 1, c::MY)
                || v.near(k, c::OUR, 0, 2, true).is_some()
                // "dine noter om mig": your notes about me
                || v.has(k + 1, c::ABOUT_ME))
    })
}

/// A short refusal at `i` ("Det vil jeg ikke", "Ich will das nicht mehr", "I don't accept it",
/// "stop med at bruge den", "sluta med det") of what a sentence just before says the business does
/// with the writer: "you" with a use, a call, a mailing or a publication, and "me/my" — with no
/// consent in view (a consent taken back is withdrawn, not objected to). Where that sentence
/// names the business.
fn refuses_what_you_do(v: &View<'_>, i: usize) -> Option<usize> {
    let &(sentence_start, end, _) = v.index.of_token.get(i)?;
    // The refusal is a short sentence, or the short last clause of one ("Og dere har ringt meg
    // … for å selge abonnement, det vil jeg heller ikke ha").
    let seg = v.segment(i);
    let start = (sentence_start..i)
        .find(|&k| v.segment(k) == seg)
        .unwrap_or(i);
    let clause_end = (i..end).find(|&k| v.segment(k) != seg).unwrap_or(end);
    if clause_end - start > 10 || start == 0 {
        return None;
    }
    // (the person a representative writes for refuses too: "og hun vil ikke ha det lenger")
    let refuser = if v.anywhere(c::REPRESENT) {
        c::I_SELF | c::HE_SHE
    } else {
        c::I_SELF
    };
    let refused = if v.has(i, c::STOP) {
        !v.negated(i) && v.near(i, c::IT | c::USE, 0, 4, true).is_some()
    } else {
        v.near(i, c::NEG, 0, 4, true).is_some()
            && v.near(i, refuser, 2, 2, true).is_some()
            && v.near(i, c::IT, 2, 3, true).is_some()
    };
    // (a consent anywhere: what is refused is what it allowed, and that is withdrawn; a
    // subscription the writer made wants the mail: "… angemeldet, aber noch nichts bekommen")
    let subscribed = || (0..v.len()).any(|k| v.has(k, c::SUBSCRIBE) && !v.negated(k));
    // (an earlier ask, not "hun har bedt meg skrive", the ask to write for her)
    let asked_before =
        (i.saturating_sub(40)..i).any(|k| v.has(k, c::PAST_REQ) && !v.has(k, c::REPRESENT));
    // ("Ni spelade in mig … Jag vill inte att det finns kvar någonstans. Kan ni ta bort det
    // helt?": refused to exist, and the deletion asked next)
    let deletion_next =
        || (clause_end..(clause_end + 12).min(v.len())).any(|k| v.has(k, c::DEL) && !v.negated(k));
    if !refused || v.anywhere(c::CONSENT) || asked_before || subscribed() || deletion_next() {
        return None;
    }
    let before = &(start.saturating_sub(35)..start);
    let doing = c::USE | c::CALL | c::PUBLISHED | c::SEND | c::NEWS | c::ADVERT | c::PURPOSE;
    let you = before.clone().rev().find(|&k| v.has(k, c::YOU))?;
    let same = |mask| {
        let s = v.sentence(you);
        before.clone().any(|k| v.sentence(k) == s && v.has(k, mask))
    };
    // (whom the business does it to: the writer, or the person a representative writes for)
    let person = c::MY | c::ME | c::ABOUT_ME | (refuser & c::HE_SHE);
    (same(doing) && same(person)).then_some(you)
}

/// The mail names a picture of the writer: "the photo of me", "mit billede", "bilder av meg";
/// or a parent writes of the child's ("Hilsen Sanne (mor til Emil)"); or the writer's consent
/// to publishing pictures is what the mail is about ("I signed your consent form allowing you
/// to use photos … on your website"); or a picture is published in a sentence the writer is in.
fn writer_photo(v: &View<'_>) -> bool {
    (v.anywhere(c::REPRESENT)
        || v.anywhere(c::CONSENT)
            && v.anywhere(c::PUBLISHED)
            && v.anywhere(c::I_SELF | c::MY | c::OUR))
        && v.anywhere(c::PHOTO)
        || (0..v.len()).any(|k| {
            v.has(k, c::PHOTO)
                && (v.near(k, c::MY | c::ME | c::ABOUT_ME, 3, 3, false)
                    .is_some()
                    // "de har lagt ut eit bilete … på Facebook-sida dykkar, og eg er med på det":
                    // a published picture the writer is in
                    || v.in_sentence(k, c::PUBLISHED).is_some()
                        && v.in_sentence(k, c::I_SELF).is_some())
        })
}

/// The mail tells of the writer recorded or used: "Ni spelade in mig på workshopen", "you
/// filmed me" — what "it" then names is the writer's data.
fn recorded_writer(v: &View<'_>) -> bool {
    (0..v.len()).any(|k| {
        v.has(k, c::USE)
            && (k + 1..(k + 4).min(v.len()))
                .any(|m| v.has(m, c::ME) && v.sentence(m) == v.sentence(k))
    })
}

fn data_mentioned(v: &View<'_>) -> bool {
    v.quoted_records || v.anywhere(c::DATA_STRONG | c::DATA_WEAK | c::ABOUT_ME)
}

/// The writer asks for something not to be deleted ("ikke slett den", "please don't delete it
/// yet"); "if you cannot delete all of it, …" is a condition, not a wish.
fn negated_delete_anywhere(v: &View<'_>) -> bool {
    // (not "Jeg kan derfor ikke slette dem nu": the writer cannot, a practitioner's answer)
    let cannot = |k: usize| {
        v.near(k, c::I_SELF, 5, 0, true)
            .is_some_and(|s| !(s + 1..k).any(|m| v.has(m, c::YOU | c::REQ)))
    };
    (0..v.len()).any(|k| {
        v.has(k, c::DEL)
            && (v.negated(k) || held_off(v, k))
            && !cannot(k)
            && v.near(k, c::IF, 8, 0, false)
                .is_none_or(|f| v.segment(f) != v.segment(k))
    })
}

fn field_and_wrong(v: &View<'_>) -> bool {
    (0..v.len())
        .any(|k| v.has(k, c::WRONG) && v.near(k, c::FIELD | c::DATA_STRONG, 6, 6, false).is_some())
}

fn field_changed(v: &View<'_>) -> bool {
    (0..v.len()).any(|k| v.has(k, c::CHANGED) && v.near(k, c::FIELD, 4, 4, false).is_some())
        || (0..v.len())
            .any(|k| v.has(k, c::FIELD | c::CHANGED) && v.has(k, c::CHANGED) && v.has(k, c::FIELD))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(n: usize, sentence_break_at: Option<usize>) -> Vec<Token> {
        (0..n)
            .map(|i| {
                let s = u32::from(sentence_break_at.is_some_and(|b| i >= b));
                Token {
                    start: i,
                    end: i + 1,
                    sentence: s,
                    segment: s,
                    comma_before: false,
                    number: false,
                    capital: false,
                }
            })
            .collect()
    }

    #[test]
    fn delete_my_data_is_erasure_and_negation_cancels() {
        let tags = [c::I_SELF, c::REQ, c::DEL, c::MY, c::DATA_WEAK];
        let t = toks(tags.len(), None);
        let hits = evaluate(&View::new(&t, &tags), &[None; 5]);
        assert!(hits
            .iter()
            .any(|h| h.kind == RequestKind::Erasure && h.score >= 2.0));
        let tags = [c::I_SELF, c::NEG, c::REQ, c::MY, c::DATA_WEAK, c::DEL];
        let t = toks(tags.len(), None);
        let hits = evaluate(&View::new(&t, &tags), &[None; 6]);
        assert!(!hits.iter().any(|h| h.kind == RequestKind::Erasure));
    }

    #[test]
    fn article_numbers() {
        let tags = [c::ARTICLE, 0, c::LEGAL];
        let t = toks(3, None);
        let hits = evaluate(&View::new(&t, &tags), &[None, Some(17), None]);
        assert_eq!(hits.first().map(|h| h.kind), Some(RequestKind::Erasure));
        assert_eq!(article_kind(19), None);
    }

    #[test]
    fn empty_and_mismatched_inputs_do_not_panic() {
        let v = View::new(&[], &[]);
        assert!(evaluate(&v, &[]).is_empty());
        let t = toks(2, Some(1));
        let tags = [
            c::DEL | c::NEG | c::WHAT | c::USE | c::STOP | c::CONSENT,
            c::ALL,
        ];
        let _ = evaluate(&View::new(&t, &tags), &[]);
        let _ = evaluate(&View::new(&t, &tags[..1]), &[Some(15)]);
    }
}

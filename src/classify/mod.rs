//! Reads a [`Message`] and decides which data-subject rights it exercises, whether it carries
//! identity documentation, whether a machine sent it, and in which language it is written.
//!
//! The pipeline: [`text`] keeps only the sender's own words (quotes, Outlook blocks, signatures and
//! disclaimers cut) and tokenises them with the subject; [`language`] picks the language from
//! marker words; [`automated`] stops machine mail early; [`lexicon`] stems every candidate word
//! with the Snowball stemmer of the detected language and tags it with concepts (delete, my data,
//! not, please, Art. 15 …); [`rules`] turns nearby concepts into scored hits per kind;
//! [`id_document`] looks for ID scans. Scores become kinds, a confidence and evidence here; when
//! the rules find no request, [`backstop`], a small learned model, may still flag the message
//! for review (weak evidence, never a kind).
//!
//! Pure: no I/O, no logging, no clock, no panics on any input. It must never mark automated mail
//! as a request, and when unsure it reports a low confidence rather than silence, so the daemon
//! can queue the message for review.

pub mod automated;
pub mod backstop;
pub mod id_document;
pub mod language;
pub mod lexicon;
pub mod relay;
pub mod rules;
pub mod scratch;
pub mod text;

use serde::Serialize;

use crate::domain::{Language, RequestKind};
use crate::message::Message;

use lexicon::{c, lang_index, Concepts, Lexicon};

/// What the classifier concluded about one message.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Classification {
    /// The rights exercised, sorted and without repeats; empty when the mail is no request.
    pub kinds: Vec<RequestKind>,
    /// Whether the mail supplies identity documentation.
    pub id_document: bool,
    /// Sent by a machine (auto-reply, bounce, newsletter, notification): never answered.
    pub automated: bool,
    pub language: Language,
    /// 0.0–1.0: how sure the classifier is of `kinds` (and of "no request" when empty).
    pub confidence: f32,
    /// The phrases or headers that decided.
    pub evidence: Vec<String>,
}

impl Classification {
    /// Below this confidence a request (or a near-request) goes to the review list.
    pub const REVIEW_BELOW: f32 = 0.7;

    /// A request a case should be opened for.
    pub fn is_request(&self) -> bool {
        !self.automated && !self.kinds.is_empty()
    }

    /// A human should look: an uncertain request, or a non-request with some request signal.
    pub fn needs_review(&self) -> bool {
        !self.automated
            && self.confidence < Self::REVIEW_BELOW
            && (!self.kinds.is_empty() || !self.evidence.is_empty())
    }
}

/// A kind is reported at this score; the best kind of a message is still reported (with a low
/// confidence, for review) from [`GUESS_AT`].
const KIND_AT: f32 = 2.0;
const GUESS_AT: f32 = 1.5;
/// Hits below this are too weak even to mention.
const MENTION_AT: f32 = 0.9;

/// The language score a sender's own words above a forward need to decide the language reported
/// (a few marker words: "Kan du tage den her? Jeg er på messe").
const OWN_LANGUAGE_AT: f32 = 4.0;

/// Classify one message.
pub fn classify(msg: &Message) -> Classification {
    read(msg, Backstop::Ask(backstop::Model::get())).0
}

/// What the backstop's trainer learns from: the rules' own reading of a message, the backstop
/// left out, and the message's [`backstop::features`]. `None` for automated mail, which the
/// backstop never sees.
pub fn training_example(msg: &Message) -> Option<backstop::Example> {
    let mut prefixes = Vec::new();
    let (rules, features) = read(msg, Backstop::Features(&mut prefixes));
    (!rules.automated).then_some(backstop::Example {
        rules,
        features,
        prefixes,
    })
}

/// How [`read`] uses the learned backstop.
enum Backstop<'m> {
    /// Ask this model when the rules find no request.
    Ask(&'m backstop::Model),
    /// Never ask; return every message's features, and its word prefixes here (for training).
    Features(&'m mut Vec<String>),
}

fn read(msg: &Message, backstop: Backstop) -> (Classification, Vec<backstop::Feature>) {
    let (subject, reply_subject) = text::strip_subject_prefixes(&msg.subject);
    let is_reply = reply_subject || !msg.in_reply_to.is_empty() || !msg.references.is_empty();

    // The subject, a blank line, and the sender's own words written straight after them.
    let mut combined = scratch::string(subject.len() + 4 + msg.text.len().min(8192));
    combined.push_str(subject);
    combined.push_str("\n\n");
    let body_start = combined.len();
    text::own_words_into(&msg.text, &mut combined);
    // "Bifogar min begäran" with "Begäran radering Holmgren.pdf": a letter's name says what it is.
    let names_start = combined.len();
    text::document_names_into(&msg.attachments, &mut combined);
    // A forward passes on the mail below it: that mail is read too, unless the sender says it
    // has been dealt with ("Til info: dette er ordnet").
    let forwarded_start = combined.len();
    if text::is_forward_subject(&msg.subject, &msg.text) {
        combined.push('\n');
        text::forwarded_words_into(&msg.text, &mut combined);
    }
    // A mail forwarded "as attachment" (message/rfc822) is read the same way, unless a role
    // (a newsletter, a service desk) sent it.
    for attached in &msg.attached_messages {
        let role = attached
            .from
            .as_ref()
            .is_some_and(|m| text::local_part_is_a_role(m.address.split('@').next().unwrap_or("")));
        if !role {
            combined.push('\n');
            text::own_words_into(&attached.text, &mut combined);
        }
    }
    let combined = combined;
    let body = combined.get(body_start..).unwrap_or("");

    let mut toks = scratch::vec::<text::Token>(combined.len() / 5);
    text::tokenize(&combined, 0, &mut toks);

    // Fold each word and weigh it for the language; the lexicon's own words are looked up whole.
    let lex = Lexicon::get();
    let mut folded = lexicon::WordList::with_capacity(toks.len());
    let mut infos = scratch::vec(toks.len());
    let mut scores = language::LanguageScores::default();
    // The sender's own words alone, when a forward follows them: the language they write in
    // (a forward's subject is the forwarded mail's). Nothing without a forward.
    let mut own_scores = language::LanguageScores::default();
    let own = if forwarded_start < combined.len() {
        let words = combined.get(body_start..forwarded_start).unwrap_or("");
        body_start..body_start + text::history_start(words).unwrap_or(words.len())
    } else {
        0..0
    };
    let mut buf = scratch::string(32);
    let mut absence_words = false;
    for t in &toks {
        let raw = combined.get(t.start..t.end).unwrap_or("");
        let (info, weights) = weigh_word(lex, raw, &mut buf);
        scores.add_weights(&weights);
        if own.contains(&t.start) {
            own_scores.add_weights(&weights);
        }
        match info {
            Some(i) => folded.push_lent(i.folded()),
            None => folded.push(&buf),
        }
        absence_words |= info.map_or_else(|| automated::is_absence_word(&buf), |i| i.absence());
        infos.push(info);
    }
    // A one-line reply ("Afmeld", "Stop") says too little: the quoted mail it answers is in
    // the same conversation's language.
    if toks.len() < 6 && body.len() < msg.text.len() {
        let mut quoted = Vec::new();
        text::tokenize(&msg.text, 0, &mut quoted);
        for t in quoted.iter().take(300) {
            let raw = msg.text.get(t.start..t.end).unwrap_or("");
            scores.add_weights(&weigh_word(lex, raw, &mut buf).1);
        }
    }
    scores.add_letters(&combined);
    if toks.len() < 40 {
        scores.add_device_signature(&msg.text);
    }
    let (language, _margin) = scores.best();
    // What is reported (and answered in) is the sender's own language when their words say it
    // clearly; the words are read in the language of the whole.
    let reported = if own.is_empty() {
        language
    } else {
        own_scores.add_letters(combined.get(own).unwrap_or(""));
        match own_scores.best() {
            (own, margin) if own_scores.top() >= OWN_LANGUAGE_AT && margin >= 0.25 => own,
            _ => language,
        }
    };

    if let Some(reason) = automated::reason_with(msg, body, absence_words) {
        let class = Classification {
            kinds: Vec::new(),
            id_document: false,
            automated: true,
            language: reported,
            confidence: 0.97,
            evidence: vec![reason],
        };
        return (class, Vec::new());
    }

    // Stem (per allowed language) and tag.
    let allowed = allowed_languages(language, scores.runner_up());
    let words: Vec<&str> = toks
        .iter()
        .map(|t| combined.get(t.start..t.end).unwrap_or(""))
        .collect();
    let stems = lexicon::stem_all_with(lex, allowed, &words, &folded, &infos);
    let sentence_end = sentence_ends(&toks);
    let mut tags = scratch::vec::<Concepts>(toks.len());
    let mut numbers = scratch::vec::<Option<u32>>(toks.len());
    // How many words the term at each word covers ("Subject Access Request"), for the evidence.
    let mut spans = scratch::vec::<usize>(toks.len());
    let mut answers_newsletter = false;
    // What a reply's subject says, kept aside: "Re: Din begäran om registerutdrag".
    let mut subject_tags: Vec<(usize, Concepts)> = Vec::new();
    let small_sie_is_them = language == Language::De && german_sie_is_capitalised(&toks, &words);
    for (i, t) in toks.iter().enumerate() {
        let limit = sentence_end.get(i).copied().unwrap_or(toks.len());
        let (mut concepts, span) =
            lex.match_at(lang_index(language), allowed, &stems, &folded, i, limit);
        spans.push(span);
        let raw = combined.get(t.start..t.end).unwrap_or("");
        if language == Language::En
            && (raw == "I" || raw.starts_with("I'") || raw.starts_with("I’"))
        {
            // "I'd like", "I'm": the writer, not an "ID".
            concepts = (concepts & !c::ID_DOC) | c::I_SELF;
        }
        let opens = i == 0 || toks.get(i - 1).map(|p| p.sentence) != Some(t.sentence);
        if language == Language::Da && raw == "I" && !opens {
            // "kan I sende det?", "det, I har stående": a capital "I" inside a sentence is "you"
            // (the preposition is written "i"; only at a sentence's start is "I" ambiguous)
            concepts |= c::YOU;
        }
        if small_sie_is_them && raw == "sie" && !opens {
            // "Bitte … löscht sie auch bei euch": "them", from a writer who says "ihr" or
            // writes the polite "Sie" with its capital
            concepts = (concepts & !c::YOU) | c::IT | c::THEY;
        }
        if language == Language::En && raw == "stop" && i > 0 && folded.get(i - 1) == Some("full") {
            // "… since we moved back to Leeds full stop": a dictated full stop, not a "stop"
            concepts &= !c::STOP;
        }
        if language == Language::Da && raw == "i" && asks_first(&toks, &folded, i) {
            // "Har i stadig mine gamle noter?": a lower-case "I" (you) after a verb that opens
            // a question, not the preposition.
            concepts |= c::YOU;
        }
        if language == Language::Fi
            && concepts & (c::DATA_STRONG | c::DATA_WEAK | c::FIELD | c::PHOTO) != 0
            && raw.ends_with("ni")
        {
            // "henkilötietojeni", "osoitteeni": Finnish says "my" in the word's ending
            concepts |= c::MY;
        }
        if concepts == 0 && you_wrote(&tags, folded.get(i).unwrap_or("")) {
            // "Såg att du skrev att du raderar anteckningar …": what the business wrote, told
            concepts = c::TELL;
        } else if concepts == 0 && !t.number {
            concepts = lexicon::compound_head(folded.get(i).unwrap_or(""));
        } else {
            concepts &= !lexicon::false_friend(raw);
        }
        // A reply's subject repeats what the other side wrote: read it for the language only
        // (and for what a bare "Afmeld" answers).
        if reply_subject && t.start < body_start {
            answers_newsletter |= concepts & (c::NEWS | c::LIST) != 0;
            if concepts != 0 {
                subject_tags.push((i, concepts));
            }
            concepts = 0;
        }
        tags.push(concepts);
        numbers.push(if t.number && raw.len() <= 3 {
            raw.parse().ok()
        } else {
            None
        });
    }

    past_passives(&folded, &mut tags);
    of_mine_after_a_third(&mut tags);
    separable_verbs(&toks, &folded, &mut tags);
    parent_signs(&toks, &folded, &mut tags);
    speak_for_the_represented(&folded, &mut tags);

    // A forward "nur zur Ablage … die Sache ist also erledigt": the forwarded request is not
    // read, and what the forwarder says of it is a report.
    // So is a letter the writer sent to another company and forwards for information ("To:
    // kundeservice@sats.dk"): never a request to this business.
    // Whether a forwarded mail was read below the sender's own words.
    let forwarding = forwarded_start < combined.len();
    let handled =
        forwarding && (forward_handled(&toks, &tags, forwarded_start) || forwarded_elsewhere(msg));
    if handled {
        for (t, tag) in toks.iter().zip(tags.iter_mut()) {
            if t.start >= forwarded_start {
                *tag = 0;
            }
        }
    }

    let mut sentences = scratch::vec::<u32>(toks.len());
    sentences.extend(toks.iter().map(|t| t.sentence));
    let id = id_document::detect(msg, is_reply, &tags, &sentences);

    let all = tags.iter().fold(0, |acc, t| acc | t);
    let reminder = reminds(all, &subject_tags);
    let body_words = toks.iter().filter(|t| t.start >= body_start).count();
    let quoted_records = is_reply
        && body_words <= 60
        && all & c::IT != 0
        && all & (c::DATA_STRONG | c::DATA_WEAK | c::ABOUT_ME) == 0
        && concepts_in(&msg.text, lex, allowed, lang_index(language))
            & (c::DATA_STRONG | c::DATA_WEAK)
            != 0;
    let view = rules::View::new(&toks, &tags)
        .verb_final(matches!(language, Language::De | Language::Nl))
        .reminder(reminder)
        .quoted_records(quoted_records);
    let mut hits = rules::evaluate(&view, &numbers);
    // A reply that only brings the ID asked for ("Här kommer en kopia på mitt körkort") belongs
    // to the request its subject names: "Re: Din begäran om registerutdrag".
    // What the body asks besides is asked too ("Her er mit pas. Og ret venligst min adresse").
    if id.is_some() && !subject_tags.is_empty() {
        let named = subject_request(&toks, &tags, &subject_tags, &numbers, language);
        let body_asks = hits.iter().any(|h| h.score >= KIND_AT);
        hits.extend(named.into_iter().map(|mut h| {
            // (a subject that names the request is the request, beside a new ask)
            if body_asks && h.score >= GUESS_AT {
                h.score = h.score.max(KIND_AT);
            }
            h
        }));
    }
    // "Re: Please delete my account" — "could you also delete the results from the posture scan
    // and the photos you took of my back?": more of the erasure the thread is about, asked.
    let thread_erases = is_reply
        && subject_tags
            .iter()
            .any(|&(_, t)| t & c::DEL != 0 && t & c::PAST_SELF == 0);
    if thread_erases {
        for h in hits.iter_mut().filter(|h| h.rule == "delete (no object)") {
            let asked = (h.from.saturating_sub(4)..=h.to)
                .any(|k| tags.get(k).is_some_and(|t| t & c::REQ != 0));
            if asked {
                h.score = KIND_AT;
                h.rule = "delete (more, in a thread about erasure)";
            }
        }
    }
    let in_body = |i: usize| toks.get(i).is_some_and(|t| t.start >= body_start);
    deleted_from_the_list_too(&folded, &tags, in_body, &mut hits);
    translation_text(
        &toks,
        &tags,
        forwarding.then_some(forwarded_start),
        &mut hits,
    );
    // A mail signed with a practitioner's title ("Leg. psykoterapeut", "Sekretær", "MBACP"), and
    // no forward of a client's mail in it: the business or a colleague writing, not a client.
    // (under the signature separator too: "-- / Hannah Price MBACP / Price Counselling")
    let signed_below = || {
        text::signature_block(&msg.text).is_some_and(|block| {
            concepts_in(block, lex, allowed, lang_index(language)) & c::PROFESSION != 0
        })
    };
    let signed_by_a_practitioner = !forwarding
        && !writer_represents(&toks, &tags)
        && (professional_sign_off(&toks, &tags) || signed_below());
    // "Datatilsynet viser til klage fra en tidligere pasient … vår ref. 24/01832": the authority
    // writes about a case; what it names is the case, not a request of its own.
    let authority_writes = all & (c::CASE_REF | c::WE) != 0
        && toks.iter().enumerate().any(|(i, t)| {
            tags.get(i).is_some_and(|tag| tag & c::AUTHORITY != 0)
                && i.checked_sub(1)
                    .and_then(|p| toks.get(p))
                    .is_none_or(|p| p.sentence != t.sentence)
        });
    // The business's own reply copied to the inbox ("Tack för att du skickade din id-handling.
    // Här kommer registerutdraget", "Jeg bekræfter hermed, at dine personoplysninger er
    // slettet"), a colleague or the authority: what they say of requests is only mentioned.
    // "Ter info … Je hoeft er niets mee te doen", "Absolutely no need to do anything": informing.
    let only_informs = all & c::NO_ACTION != 0;
    if thanks_for_an_id(&toks, &tags)
        || confirms_yours(&toks, &tags)
        || verifies_your_identity(&folded)
        || only_informs
        || signed_by_a_practitioner
        || authority_writes
    {
        for h in &mut hits {
            h.score = h.score.min(1.2);
        }
    }
    // A request speaks for someone: without any "I/me/my" a message is a notice, an advert or a
    // forwarded article, and only a named right with a request word survives.
    let couples = couples_own(&tags, all, language == Language::En);
    let personal = all & (c::I_SELF | c::ME | c::MY | c::ABOUT_ME | c::REPRESENT) != 0
        || couples
        || implied_self(&toks, &tags)
        || rules::we_ask_deletion(&view)
        || rules::we_object(&view);
    // Talk about requests — a colleague asking how to handle a client's, a vendor selling
    // templates — names rights without anyone exercising one: without the writer's own data in
    // view, nothing in it is more than a mention.
    // "I was a patient", "my training programme" speak of the writer, not of others or an offer.
    let after_my = |i: usize| {
        i.checked_sub(1)
            .and_then(|j| tags.get(j))
            .is_some_and(|p| p & c::MY != 0)
    };
    let third = tags
        .iter()
        .enumerate()
        .any(|(i, t)| t & c::THIRD != 0 && !self_described(&tags, &folded, i));
    // "I used the template from the ICO website", "håber det er ok at jeg bare bruger den": the
    // template is the writer's own letter, not a vendor's or a colleague's.
    let writer_uses_template = tags
        .windows(3)
        .any(|w| w[0] & c::I_SELF != 0 && (w[1] & c::USE != 0 || w[2] & c::USE != 0));
    let talk = usize::from(third && all & c::REPRESENT == 0)
        + usize::from(all & (c::HOW | c::HANDLE) != 0)
        + if writer_uses_template {
            0
        } else {
            tags.iter()
                .enumerate()
                .filter(|&(i, t)| t & c::POLICY != 0 || (t & c::ADVERT != 0 && !after_my(i)))
                .count()
                .min(2)
        };
    // What is only reported or talked about is at most mentioned: a handled forward, talk about
    // requests, a request received by the writer (unless the writer exercises a right too).
    let discussed = talk >= 2 && !own_data(&tags) && !couples;
    let talked_about = || (discussed || rules::received_request(&view)) && !performs_right(&tags);
    if !hits.is_empty() && (handled || written_inside(msg)) {
        for h in &mut hits {
            h.score = h.score.min(1.2);
        }
    } else if !hits.is_empty() && talked_about() {
        // ("P.S. Kan du ta bort mig från nyhetsbrevet?" under a long letter about the writer's
        // year: the writer's own unsubscription is never talk about requests)
        // ("kan ni sluta skicka sms till mig?": the "me" a few words on)
        let takes_me_off = |h: &rules::Hit| {
            let sentence = toks.get(h.from).map(|t| t.sentence);
            h.kind == RequestKind::Unsubscribe
                && (h.from..=h.to + 3).any(|k| {
                    tags.get(k).is_some_and(|t| t & c::ME != 0)
                        && toks.get(k).map(|t| t.sentence) == sentence
                })
        };
        for h in hits.iter_mut().filter(|h| !takes_me_off(h)) {
            h.score = h.score.min(1.2);
        }
    }
    // "Fick det här från min gamla arbetsgivare …" over "Registerutdrag_Sara_Holm.pdf": a
    // document's name in a mail that says more than "see attached" and never calls it the
    // writer's own letter names a document, not a request.
    let in_zone = |i: usize, zone: std::ops::Range<usize>| {
        toks.get(i).is_some_and(|t| zone.contains(&t.start))
    };
    let names_read = names_start < forwarded_start && !hits.is_empty();
    let own_words = || {
        (0..toks.len())
            .filter(|&i| in_zone(i, body_start..names_start))
            .count()
    };
    let letter_pointed_at = || {
        (0..toks.len()).any(|i| {
            in_zone(i, body_start..names_start) && tags.get(i).is_some_and(|t| t & c::ATTACH != 0)
        })
    };
    if names_read && own_words() > 12 && !letter_pointed_at() {
        for h in hits
            .iter_mut()
            .filter(|h| in_zone(h.from, names_start..forwarded_start))
        {
            h.score = h.score.min(1.2);
        }
    }
    if !personal {
        // "Nordtolk har ikke besvaret hans anmodning om indsigt": someone else's request
        let notice = tags
            .iter()
            .any(|t| t & (c::ADVERT | c::POLICY | c::WE | c::OTHERS) != 0);
        for h in &mut hits {
            h.score = if notice {
                h.score.min(1.2)
            } else {
                h.score * 0.85
            };
        }
    }

    // "STOP" and nothing else (as to an SMS service), in a new mail: off the mailings.
    if hits.is_empty()
        && !reply_subject
        && (1..=2).contains(&body_words)
        && toks
            .iter()
            .zip(tags.iter())
            .filter(|(t, _)| t.start >= body_start)
            .all(|(_, tag)| tag & c::STOP != 0)
    {
        if let Some(i) = toks.iter().position(|t| t.start >= body_start) {
            hits.push(rules::hit(
                RequestKind::Unsubscribe,
                2.5,
                i,
                i,
                "STOP alone (an opt-out)",
            ));
        }
    }
    // "Stop med det her. Jeg har aldrig meldt mig til." in answer to a newsletter: stop that.
    if hits.is_empty() && answers_newsletter && body_words <= 15 {
        let stop_it = (0..toks.len()).find(|&i| {
            toks.get(i).is_some_and(|t| t.start >= body_start)
                && tags.get(i).is_some_and(|t| t & c::STOP != 0)
                && (i + 1..i + 4).any(|k| tags.get(k).is_some_and(|t| t & c::IT != 0))
        });
        if let Some(i) = stop_it {
            hits.push(rules::hit(
                RequestKind::Unsubscribe,
                2.5,
                i,
                i,
                "stop it (answering a newsletter)",
            ));
        }
    }
    // "Afmeld", "Unsubscribe me" in answer to a newsletter, or a subject "unsubscribe" over an
    // empty body: off that newsletter.
    // A new mail saying no more than "unsubscribe" says it to the business's mailings.
    // ("afmeld tak" over a quoted newsletter whose subject names none: "Nyt fra Yogahuset")
    let quotes_a_newsletter = || {
        is_reply
            && body_words <= 3
            && hits.iter().any(|h| h.kind == RequestKind::Unsubscribe)
            && concepts_in(&msg.text, lex, allowed, lang_index(language)) & c::NEWS != 0
    };
    if answers_newsletter
        || body_words == 0
        || (body_words <= 3 && !reply_subject)
        || quotes_a_newsletter()
    {
        for h in &mut hits {
            if h.kind == RequestKind::Unsubscribe && h.score < 2.5 && h.score >= 1.0 {
                h.score = 2.5;
                h.rule = "unsubscribe (answering a newsletter)";
            }
        }
    }
    misnumbered_articles(&toks, &mut hits);
    // A hit on one word that starts a longer term shows the whole term.
    for h in &mut hits {
        if h.from == h.to {
            h.to = h.from + spans.get(h.from).copied().unwrap_or(1).max(1) - 1;
        }
    }
    let class = decide(&combined, &toks, &hits, id.as_deref(), reported);
    let (mut class, features) = match backstop {
        Backstop::Features(prefixes) => {
            prefixes.extend(backstop::prefixes(&folded).map(str::to_string));
            return (class, backstop::features(&toks, &tags, &folded));
        }
        Backstop::Ask(model) if class.kinds.is_empty() => {
            match model.guess_text(&toks, &tags, &folded) {
                Some(guess) => {
                    let features = backstop::features(&toks, &tags, &folded);
                    hits.push(backstop_hit(model, guess, &features, &view, &folded));
                    let class = decide(&combined, &toks, &hits, id.as_deref(), reported);
                    (class, features)
                }
                None => (class, Vec::new()),
            }
        }
        Backstop::Ask(_) => (class, Vec::new()),
    };
    if class.evidence.is_empty() && body_words <= 12 {
        if let Some(letter) = unread_letter(msg) {
            // "Se vedlegg." and a PDF: what it asks is in a file never read; a person should look.
            class
                .evidence
                .push(format!("a letter attached, not read: {letter}"));
            class.confidence = 0.5;
        }
    }
    (class, features)
}

/// The name of an attached letter (a PDF or a document, not an image) that a short mail sends
/// instead of saying what it wants. (Called only when nothing else, ID included, was found.)
fn unread_letter(msg: &Message) -> Option<&str> {
    msg.attachments
        .iter()
        .find_map(|a| a.filename.as_deref().filter(|_| text::is_document(a)))
}

/// The forwarded mail's header says it was the writer's own letter to someone other than this
/// mail's recipients: its "To:" names another address, at another domain unless the domain is a
/// public mail service. Unknown (no such line, or no recipients here) is false. (A company's
/// notice forwarded on is never read at all: [`text::forwarded_words_into`] drops a role's mail.)
fn forwarded_elsewhere(msg: &Message) -> bool {
    let (Some(forwarded_from), Some(forwarded_to)) = text::forwarded_addresses(&msg.text) else {
        return false;
    };
    let same = |here: &str| {
        here.eq_ignore_ascii_case(forwarded_to) || text::same_organisation(here, forwarded_to)
    };
    // Sent by the forwarder (a letter of theirs to another company), not by a client whose mail
    // a reception passes on ("Fra: Søren … Til: reception@klinik.dk").
    let by_the_forwarder = msg
        .from
        .as_ref()
        .is_some_and(|m| m.address.eq_ignore_ascii_case(forwarded_from));
    let not_to_us = !msg.to.is_empty() && !msg.to.iter().any(|m| same(&m.address));
    not_to_us && by_the_forwarder
}

/// Written inside the business: sent from the domain of the mailbox it was delivered to (To,
/// Bcc, Delivered-To; not a Cc, where outsiders copy their own colleagues) — a colleague writing
/// about a client, the practitioner's copy of a reply to themselves. Never a data subject's
/// request, unless it passes one on: a forward, a mail attached whole, or a contact form's relay
/// that names the client in Reply-To.
fn written_inside(msg: &Message) -> bool {
    let Some(from) = msg.from.as_ref().map(|m| m.address.as_str()) else {
        return false;
    };
    if text::is_forward_subject(&msg.subject, &msg.text)
        || !msg.attached_messages.is_empty()
        || msg
            .reply_to
            .as_ref()
            .is_some_and(|r| !text::same_organisation(&r.address, from))
    {
        return false;
    }
    let listed = msg
        .headers
        .iter()
        .filter(|(name, _)| matches!(name.as_str(), "bcc" | "delivered-to" | "x-original-to"));
    msg.to
        .iter()
        .any(|m| text::same_organisation(&m.address, from))
        || listed
            .flat_map(|(_, value)| value.split(','))
            .any(|a| text::same_organisation(text::bare_address(a), from))
}

/// The sender of a forward says, in their own words (the tokens before `forwarded_start`), that
/// the matter is dealt with ("allerede", "ordnet", "jeg slettet henne", "Hun er slettet i
/// MailerLite") and asks nothing more of the reader, and chases nothing; or asks whether the
/// forwarded mail is genuine ("Er den her fra jer?").
fn forward_handled(toks: &[text::Token], tags: &[Concepts], forwarded_start: usize) -> bool {
    let own = toks
        .iter()
        .take_while(|t| t.start < forwarded_start)
        .count();
    let own = &tags[..own.min(tags.len())];
    // "… det er klaret. Men se nederst … Kan du svare ham?": one thing done, another passed on.
    // (not "Og så en helt anden ting: kan du tage min onsdag morgen?": the ask is about
    // something else, nothing of the forwarded mail named in it)
    let the_matter =
        c::IT | c::HIM_HER | c::HE_SHE | c::THIRD | c::MAIL | c::DATA_STRONG | c::DATA_WEAK;
    let passed_on = (0..own.len().saturating_sub(1)).any(|k| {
        own[k] & c::REQ != 0
            && own[k + 1] & c::YOU != 0
            && own[k + 2..(k + 8).min(own.len())]
                .iter()
                .any(|t| t & the_matter != 0)
    });
    // "Er den her fra jer?", "Is this from you?": a suspicious mail asked about, not passed on.
    let asks_if_genuine = (0..own.len()).any(|i| {
        own[i] & c::AUX_PERF != 0
            && own.get(i + 1).is_some_and(|t| t & c::IT != 0)
            && (i + 2..(i + 5).min(own.len()))
                .any(|k| own[k] & c::FROM != 0 && own.get(k + 1).is_some_and(|t| t & c::YOU != 0))
    });
    // ("Vil I ikke nok bekræfte at mine oplysninger er slettet?": asked to confirm, not done)
    let asked_before = |i: usize| {
        own[i.saturating_sub(6)..i]
            .iter()
            .any(|t| t & (c::CONFIRM | c::REQ) != 0)
    };
    let done = (0..own.len()).any(|i| {
        let tag = own[i];
        tag & (c::ALREADY | c::PAST_SELF) != 0
            || (tag & c::DEL != 0
                && i > 0
                && own[i - 1] & (c::AUX_PERF | c::I_SELF) != 0
                && !asked_before(i))
    });
    // "lähetin alla olevan pyynnön jo 24.2. enkä ole saanut mitään vastausta": a request sent
    // before and never answered, forwarded again — chased, not dealt with.
    let chased = own.iter().any(|t| t & c::REMINDER != 0);
    asks_if_genuine || (done && !passed_on && !chased)
}

/// The backstop's guess as a hit only strong enough to be mentioned (so the message goes to
/// review), shown on the sentence that holds the feature speaking most for it.
fn backstop_hit(
    model: &backstop::Model,
    guess: backstop::Guess,
    features: &[backstop::Feature],
    view: &rules::View<'_>,
    folded: &lexicon::WordList,
) -> rules::Hit {
    // The first word that carries the feature: the word itself, or a concept of the pair in a
    // sentence that holds both.
    let carrier = model.strongest_for(guess.kind, features).and_then(|f| {
        if f >= backstop::WORDS_FROM {
            return (0..folded.len()).find(|&i| {
                folded
                    .get(i)
                    .and_then(backstop::word_prefix)
                    .is_some_and(|p| backstop::word_feature(p) == f)
            });
        }
        let pair: Concepts = (1 << (f / 128)) | (1 << (f % 128));
        (0..view.tags.len()).find(|&i| {
            view.sentence_of(i)
                .is_some_and(|(_, _, concepts)| concepts & pair == pair)
        })
    });
    let (from, to) = carrier
        .and_then(|i| view.sentence_of(i))
        .map_or((0, 0), |(from, end, _)| (from, end.saturating_sub(1)));
    rules::Hit {
        kind: guess.kind,
        score: MENTION_AT,
        from,
        to: to.min(from + 24),
        rule: "learned backstop",
    }
}

/// The request a reply's subject names, read with the subject's words tagged again.
fn subject_request(
    toks: &[text::Token],
    tags: &[Concepts],
    subject_tags: &[(usize, Concepts)],
    numbers: &[Option<u32>],
    language: Language,
) -> Vec<rules::Hit> {
    let mut with_subject = tags.to_vec();
    for &(i, concepts) in subject_tags {
        if let Some(t) = with_subject.get_mut(i) {
            *t = concepts;
        }
    }
    let subject_end = subject_tags.last().map_or(0, |&(i, _)| i);
    let view = rules::View::new(toks, &with_subject)
        .verb_final(matches!(language, Language::De | Language::Nl));
    rules::evaluate(&view, numbers)
        .into_iter()
        .filter(|h| h.to <= subject_end)
        .map(|mut h| {
            h.rule = "the request this reply brings ID for";
            h
        })
        // "Re: Forespørsel om innsyn og sletting": a deletion named in the subject of an ID
        // reply is the erasure it brings ID for.
        .chain(
            subject_tags
                .iter()
                .filter(|&&(_, t)| t & c::DEL != 0 && t & c::PAST_SELF == 0)
                .map(|&(i, _)| rules::Hit {
                    kind: RequestKind::Erasure,
                    score: 2.5,
                    from: i,
                    to: i,
                    rule: "the request this reply brings ID for",
                }),
        )
        .collect()
}

/// What a word as written adds to the language scores, and what the lexicon knows of it; for a
/// word it does not know, `buf` holds the folded word afterwards.
fn weigh_word<'l>(
    lex: &'l Lexicon,
    raw: &str,
    buf: &mut String,
) -> (Option<&'l lexicon::WordInfo>, [f32; Language::ALL.len()]) {
    match lex.word(raw) {
        Some(info) => (Some(info), *info.weights()),
        None => {
            text::fold_into(raw, buf);
            (None, language::word_weights(buf, raw))
        }
    }
}

/// Every concept named in `text` (its first 4 KiB), tagged as a mail's own words are: what a
/// quoted mail speaks of.
fn concepts_in(text: &str, lex: &Lexicon, allowed: u8, primary: usize) -> Concepts {
    let text = crate::message::char_prefix(text, 4096);
    let mut toks = Vec::new();
    text::tokenize(text, 0, &mut toks);
    let words: Vec<&str> = toks
        .iter()
        .map(|t| text.get(t.start..t.end).unwrap_or(""))
        .collect();
    let mut folded = lexicon::WordList::with_capacity(words.len());
    for w in &words {
        folded.push(&text::fold(w));
    }
    let stems = lexicon::stem_all(lex, allowed, &words, &folded);
    let ends = sentence_ends(&toks);
    (0..toks.len()).fold(0, |acc, i| {
        let limit = ends.get(i).copied().unwrap_or(toks.len());
        let (found, _) = lex.match_at(primary, allowed, &stems, &folded, i, limit);
        acc | if found == 0 {
            lexicon::compound_head(folded.get(i).unwrap_or(""))
        } else {
            found
        }
    })
}

/// The mail reminds the business of an earlier request ("Indsigtsanmodning – rykker", "I have
/// not heard back"), in its words or its subject; an appointment reminder answered is not one.
fn reminds(body: Concepts, subject_tags: &[(usize, Concepts)]) -> bool {
    let all = subject_tags.iter().fold(body, |acc, (_, t)| acc | t);
    all & c::REMINDER != 0 && all & c::EVENT == 0
}

/// A sentence that opens with a wish and an action, its "I" left out as people do in
/// informal Scandinavian mail: "Vil gerne slettes fra jeres system", "Ønsker en kopi"; or with
/// "stop sending" said to the business.
fn implied_self(toks: &[text::Token], tags: &[Concepts]) -> bool {
    let action = c::REQ
        | c::DEL
        | c::SEE
        | c::COPY
        | c::GET
        | c::SEND
        | c::KNOW
        | c::CORRECT
        | c::UPDATE
        | c::UNSUB;
    let sentence = |i: usize| toks.get(i).map(|t| t.sentence);
    (0..toks.len().saturating_sub(1)).any(|i| {
        // At the start of a sentence, or after a greeting: "hej, vil gerne …", "Hi Anna, would
        // like …"
        let opens = (i.saturating_sub(2)..=i)
            .rev()
            .find(|&k| k == 0 || sentence(k - 1) != sentence(k))
            .is_some_and(|start| {
                (start..i).all(|k| {
                    tags.get(k)
                        .is_some_and(|t| t & !(c::GREETING | c::OTHERS) == 0)
                })
            });
        let wish = tags
            .get(i)
            .is_some_and(|t| t & c::REQ != 0 && t & c::YOU == 0)
            && tags
                .get(i + 1)
                .is_some_and(|t| t & action != 0 && t & c::YOU == 0);
        // "sluta skicka sms om erbjudanden", "stop sending me offers": said to the business
        let stop = tags.get(i).is_some_and(|t| t & c::STOP != 0)
            && tags
                .get(i + 1)
                .is_some_and(|t| t & (c::SEND | c::MAIL | c::CALL) != 0);
        // "Bitte vom Verteiler nehmen": off the list, asked of whoever keeps it
        let window = |from: usize, to: usize, want: Concepts| {
            tags.iter()
                .take(to.min(tags.len()))
                .skip(from)
                .any(|t| t & want != 0)
        };
        let off_list = tags.get(i).is_some_and(|t| t & c::REQ != 0)
            && window(i + 1, i + 4, c::LIST | c::NEWS)
            && window(i + 2, i + 6, c::PULL | c::DEL | c::UNSUB);
        opens && (wish || stop || off_list)
    })
}

/// "Dorthe Winther (mor)", "Therese (Elsas mamma)", "Emmas pappa": a parent signs the mail's
/// last lines, writing for the child the mail is about — a representative.
fn parent_signs(toks: &[text::Token], folded: &lexicon::WordList, tags: &mut [Concepts]) {
    const PARENTS: [&str; 14] = [
        "mor", "far", "mamma", "pappa", "mother", "father", "mum", "mom", "dad", "mutter", "vater",
        "moeder", "vader", "aiti",
    ];
    let Some(last) = toks.last().map(|t| t.sentence) else {
        return;
    };
    // (the last sentence, short: a sign-off, not a story)
    let start = toks
        .iter()
        .position(|t| t.sentence == last)
        .unwrap_or(toks.len());
    if toks.len() - start > 8 {
        return;
    }
    for k in start..toks.len() {
        if folded.get(k).is_some_and(|w| PARENTS.contains(&w)) {
            if let Some(t) = tags.get_mut(k) {
                *t |= c::REPRESENT;
            }
        }
    }
}

/// A representative ("on behalf of my wife", "Jeg er tolk for …", "som hennes verge") writes of
/// the person represented as "she", "her", "his": what that person wants is asked as the
/// writer's own would be, so "she" reads as "I" and "her" as "me/my". Nothing changes in mail
/// without a representative, or from a firm acting for "our client". "About him" reads as
/// "about me" ("alt du har registrert om ham").
fn speak_for_the_represented(folded: &lexicon::WordList, tags: &mut [Concepts]) {
    // (not a firm acting for "our client": its "her" is anyone, the client is named as such)
    let representing = (0..tags.len()).any(|i| {
        tags[i] & c::REPRESENT != 0
            && !(i.saturating_sub(2)..(i + 1).min(tags.len()))
                .any(|k| tags[k] & (c::WE | c::OUR) != 0)
    });
    if !representing {
        return;
    }
    let about = |w: &str| matches!(w, "om" | "about" | "on" | "uber" | "over" | "omkring");
    for k in 0..tags.len() {
        if tags[k] & c::HE_SHE != 0 {
            tags[k] |= c::I_SELF;
        }
        if tags[k] & c::HIM_HER != 0 {
            // ("update her details": "her" before a noun of data is "my", not "me")
            let owner = tags
                .get(k + 1)
                .is_some_and(|n| n & (c::DATA_STRONG | c::DATA_WEAK | c::FIELD | c::PHOTO) != 0);
            let me = if owner { 0 } else { c::ME };
            tags[k] = (tags[k] | me | c::MY) & !c::OTHERS;
            if k > 0 && folded.get(k - 1).is_some_and(about) {
                tags[k - 1] |= c::ABOUT_ME;
            }
        }
    }
}

/// "Een cliënt van mij", "a client of mine": "of mine" after a third person names whose client,
/// not data about the writer.
fn of_mine_after_a_third(tags: &mut [Concepts]) {
    for k in 1..tags.len() {
        let after_third = (k.saturating_sub(2)..k).any(|j| tags[j] & c::THIRD != 0);
        if after_third && tags[k] & c::ABOUT_ME != 0 && tags[k] & c::DATA_STRONG == 0 {
            tags[k] &= !c::ABOUT_ME;
        }
    }
}

/// Separable verbs: "slå sms-påmindelserne fra", "turn the reminders off", "take the photo
/// down", "tag dem ned", "Melden Sie mich bitte vom Newsletter ab", "Hören Sie endlich auf, …",
/// "meld mij af": the verb with its particle a few words after means what the joined verb ("slå
/// fra", "abmelden", "aufhören") does, and both words carry it (what is stopped may follow
/// either). German puts the particle last in its clause, so there it counts only at a clause's
/// end ("ab Montag" is a date).
fn separable_verbs(toks: &[text::Token], folded: &lexicon::WordList, tags: &mut [Concepts]) {
    let sentence = |k: usize| toks.get(k).map(|t| t.sentence);
    // (a "please" may close the clause after the particle: "… nieuwsbrief af alstublieft")
    let polite = |k: usize| {
        matches!(
            folded.get(k),
            Some("alstublieft" | "alsjeblieft" | "aub" | "graag" | "bitte" | "danke" | "please")
        )
    };
    // (word `n` after `k` starts a new clause, or there is none)
    let breaks_at = |n: usize, k: usize| {
        toks.get(n)
            .is_none_or(|next| next.comma_before || Some(next.sentence) != sentence(k))
    };
    // ("… nicht an das Partnerstudio weiter und nehmt mich …": an "and" starts the next clause)
    let and_next = |k: usize| matches!(folded.get(k + 1), Some("und" | "en" | "and"));
    let clause_ends =
        |k: usize| breaks_at(k + 1, k) || (polite(k + 1) && breaks_at(k + 2, k)) || and_next(k);
    for i in 0..toks.len() {
        // (particle, what the pair means, whether the particle ends its clause)
        let pairs: &[(&str, Concepts, bool)] = match folded.get(i).unwrap_or("") {
            "sla" => &[("fra", c::STOP, false), ("av", c::STOP, false)],
            "skru" => &[("av", c::STOP, false)],
            "turn" | "switch" => &[("off", c::STOP, false)],
            "take" => &[("down", c::DEL, false)],
            // "tag dem venligst ned", "ta ned bildet", "ta ner bilderna"
            "tag" | "tage" => &[("ned", c::DEL, false)],
            "ta" => &[("ned", c::DEL, false), ("ner", c::DEL, false)],
            // "lämna inte ut något till Försäkringskassan": hand over (to someone)
            "lamna" => &[("ut", c::SEND, false)],
            // "Byt gärna ut det", "bytt ut nummeret": replace (a contact, a field)
            "byt" | "byta" | "bytt" | "bytte" => &[("ut", c::UPDATE, false)],
            "horen" | "hort" => &[("auf", c::STOP, true)],
            "melden" | "melde" | "bestellen" => &[("ab", c::UNSUB, true)],
            "meld" => &[("ab", c::UNSUB, true), ("af", c::UNSUB, false)],
            "tragen" => &[("aus", c::UNSUB, true)],
            "schrijf" | "schrijft" => &[("uit", c::UNSUB, false)],
            // "haal me ook van uw nieuwsbrief af" (folded: "hal")
            "hal" | "halt" => &[("af", c::UNSUB, true)],
            // "Bitte gebt meine Daten nicht an das Partnerstudio weiter": pass on
            "gebt" | "gib" | "geben" | "gibt" => &[("weiter", c::SEND, true)],
            // "gooi ook al mijn gegevens weg": throw away
            "gooi" | "gooien" | "gooit" => &[("weg", c::DEL, false)],
            // "Das nehme ich hiermit zurück", "ziehe meine Zusage zurück": take back
            "nehme" | "nehmen" | "nehmt" | "nimm" | "ziehe" | "ziehen" => {
                &[("zuruck", c::WITHDRAW, true)]
            }
            _ => continue,
        };
        for &(particle, meaning, last) in pairs {
            // ("take the quote and the photo down": a few words between)
            let reach = if last { 10 } else { 6 };
            let joined = (i + 2..(i + 1 + reach).min(toks.len())).find(|&k| {
                sentence(k) == sentence(i)
                    && folded.get(k) == Some(particle)
                    && (!last || clause_ends(k))
            });
            for k in joined.into_iter().flat_map(|k| [i, k]) {
                if let Some(t) = tags.get_mut(k) {
                    *t |= meaning;
                }
            }
        }
    }
}

/// "navnene var ændret", "the notes were deleted", "wurde gelöscht": a past "was" right before
/// a change or a deletion reports it, as a perfect does. Only there: "var" alone is also
/// Swedish "where", and "var snäll och …" asks.
fn past_passives(folded: &lexicon::WordList, tags: &mut [Concepts]) {
    const WAS: [&str; 9] = [
        "var", "blev", "ble", "vart", "was", "were", "wurde", "wurden", "werd",
    ];
    for i in 1..tags.len() {
        let done = tags
            .get(i)
            .is_some_and(|t| t & (c::CHANGED | c::UPDATE | c::DEL) != 0);
        if done && WAS.contains(&folded.get(i - 1).unwrap_or("")) {
            if let Some(t) = tags.get_mut(i - 1) {
                *t |= c::AUX_PERF;
            }
        }
    }
}

/// The writer must check the reader's identity: "når jeg har bekræftet din identitet, sender
/// jeg …", "behöver jag säkerställa din identitet", "I need to verify your identity". Only the
/// business answering a request writes so (a client sending ID says "my passport").
fn verifies_your_identity(folded: &lexicon::WordList) -> bool {
    const YOUR: [&str; 9] = [
        "din", "dit", "ditt", "dine", "dina", "your", "ihre", "ihrer", "deine",
    ];
    const IDENTITY: [&str; 7] = [
        "identitet",
        "identiteten",
        "identity",
        "identitat",
        "legitimation",
        "legitimasjon",
        "legitimering",
    ];
    const CHECK: [&str; 14] = [
        "bekrafte",
        "bekraftet",
        "bekrafta",
        "bekrefte",
        "verificere",
        "verifisere",
        "verifiera",
        "sakerstalla",
        "sikre",
        "verify",
        "confirm",
        "confirmed",
        "uberprufen",
        "bestatigen",
    ];
    let word = |i: usize| folded.get(i).unwrap_or("");
    (2..folded.len().saturating_sub(1)).any(|i| {
        YOUR.contains(&word(i))
            && IDENTITY.contains(&word(i + 1))
            && (CHECK.contains(&word(i - 1)) || CHECK.contains(&word(i - 2)))
    })
}

/// A verb of writing right after "you" (tagged so far in `tags`): "du skrev", "you wrote", "Sie
/// schrieben". Alone, "skrev" is also the writer's own letter ("jeg skrev til jer i marts").
fn you_wrote(tags: &[Concepts], folded: &str) -> bool {
    const WROTE: [&str; 8] = [
        "skrev",
        "skriver",
        "wrote",
        "write",
        "schrieben",
        "schreiben",
        "schrieb",
        "schreibst",
    ];
    tags.last().is_some_and(|t| t & c::YOU != 0) && WROTE.contains(&folded)
}

/// "I was a patient", "jeg var klient hos jer": the word at `i` describes the writer.
fn self_described(tags: &[Concepts], folded: &lexicon::WordList, i: usize) -> bool {
    const COPULAS: [&str; 10] = [
        "was", "am", "var", "er", "ar", "war", "bin", "ben", "olin", "olen",
    ];
    i >= 2
        && tags.get(i - 2).is_some_and(|t| t & c::I_SELF != 0)
        && COPULAS.contains(&folded.get(i - 1).unwrap_or(""))
}

/// The writer performs a right in the first person: "Ich widerspreche", "I object", "peruutan".
fn performs_right(tags: &[Concepts]) -> bool {
    let act = c::OPPOSE | c::OBJECT_STRONG | c::WITHDRAW;
    // ("I hereby withdraw", "jeg trækker hermed": one word between)
    tags.iter()
        .enumerate()
        .any(|(i, t)| t & c::I_SELF != 0 && tags.iter().skip(i).take(3).any(|n| n & act != 0))
}

/// "our consent", "vores billeder", "vores søn", "excerpts from our sessions": a couple or
/// parents writing of their own (a supplier's "our data processing agreement" has a policy in
/// view).
fn couples_own(tags: &[Concepts], all: Concepts, english: bool) -> bool {
    // "Vi trekkjer attende samtykket vi gav": a business never withdraws a consent.
    let we_withdraw = |w: &[Concepts]| {
        w[0] & c::WE != 0
            && w[1] & (c::WITHDRAW | c::PULL) != 0
            && w[2..].iter().any(|t| t & c::CONSENT != 0)
    };
    all & c::POLICY == 0
        && (tags.windows(3).any(|w| {
            // ("våra uppgifter och dina anteckningar": a couple's data; in English "our data"
            // is a vendor's more often than a couple's)
            let data = if english {
                0
            } else {
                c::DATA_WEAK | c::DATA_STRONG
            };
            w[1] & c::OUR != 0
                && (w[2] & (c::CONSENT | c::PHOTO | c::OTHERS | data) != 0
                    || (w[0] & c::FROM != 0 && w[2] & c::EVENT != 0))
        }) || tags.windows(4).any(we_withdraw)
            // "Vi er flyttet. Ny adresse er …": a household's own change told
            || tags
                .windows(3)
                .any(|w| w[0] & c::WE != 0 && w[1..].iter().any(|t| t & c::CHANGED != 0)))
}

/// Whether the writer speaks of their own data: "my data/address/journal", "the data I gave
/// you", "about me", or a lawyer writing for a client.
fn own_data(tags: &[Concepts]) -> bool {
    let data = c::DATA_STRONG | c::DATA_WEAK | c::FIELD;
    let my_within = |i: usize, after: usize| {
        (i.saturating_sub(2)..=i + after).any(|k| tags.get(k).is_some_and(|t| t & c::MY != 0))
    };
    tags.iter().enumerate().any(|(i, t)| {
        t & (c::ABOUT_ME | c::REPRESENT) != 0
            // "photos of my son", "mit billede"
            || (t & c::PHOTO != 0 && my_within(i, 3))
            // (Finnish says "my" in the word's ending: "asiakastietoihini", "sukunimeni")
            || (t & data != 0 && t & c::MY != 0)
            || (t & data != 0
                && ((1..=2).any(|d| {
                    i.checked_sub(d)
                        .and_then(|j| tags.get(j))
                        .is_some_and(|p| p & c::MY != 0)
                }) || tags.get(i + 1).is_some_and(|n| n & c::I_SELF != 0)))
    })
}

/// Whether a German writer tells the polite "Sie" (you) from "sie" (she, they, them) by the
/// capital: they say "du"/"ihr" to the practice, or write "Sie" with its capital inside a
/// sentence. (A writer who types everything small gets "sie" read as "you".)
fn german_sie_is_capitalised(toks: &[text::Token], words: &[&str]) -> bool {
    const INFORMAL: [&str; 9] = [
        "du", "dir", "dich", "euch", "euer", "eure", "euren", "eurem", "eurer",
    ];
    toks.iter().zip(words).enumerate().any(|(i, (t, w))| {
        let inside = i > 0 && toks.get(i - 1).is_some_and(|p| p.sentence == t.sentence);
        INFORMAL.contains(w) || (*w == "Sie" && inside)
    })
}

/// "Meld meg av nyhetsbrevet og slett e-postadressen min fra lista": the unsubscription asked in
/// words of its own, and the address on the list asked *deleted* besides — two asks, the second an
/// erasure. A lone "remove my address from your list", "slet mig fra nyhedsbrevet" (me, not my
/// address), or a "ta bort"/"fjern" (take off, not delete) is the unsubscription alone.
fn deleted_from_the_list_too(
    folded: &lexicon::WordList,
    tags: &[Concepts],
    in_body: impl Fn(usize) -> bool,
    hits: &mut Vec<rules::Hit>,
) {
    // (folded: "radér" is "rader", "löschen" "loschen")
    const DELETE: [&str; 5] = ["slet", "rader", "delet", "erase", "losch"];
    let has = |k: usize, mask: Concepts| tags.get(k).is_some_and(|t| t & mask != 0);
    // The verb, and the address or number its object before the "from".
    let deletes_address = |i: usize| {
        folded
            .get(i)
            .is_some_and(|w| DELETE.iter().any(|d| w.starts_with(d)))
            && (i + 1..i + 6)
                .take_while(|&k| !has(k, c::FROM))
                .any(|k| has(k, c::MAIL | c::FIELD))
    };
    let Some((from, to)) = hits
        .iter()
        .filter(|h| {
            matches!(
                h.rule,
                "remove my address from the list" | "remove from list"
            )
        })
        .find_map(|h| {
            (h.from..=h.to)
                .find(|&i| deletes_address(i))
                .map(|i| (i, h.to.max(i)))
        })
    else {
        return;
    };
    // (in the body: a subject "Avmelding" over the deletion is that deletion's name)
    let unsubscribed_apart = hits.iter().any(|h| {
        h.kind == RequestKind::Unsubscribe && (h.to < from || h.from > to) && in_body(h.from)
    });
    if unsubscribed_apart && !hits.iter().any(|h| h.kind == RequestKind::Erasure) {
        hits.push(rules::hit(
            RequestKind::Erasure,
            2.1,
            from,
            to,
            "delete my address (besides the unsubscription)",
        ));
    }
}

/// "Could you translate the letter below into Danish for me?", "ich benötige eine Übersetzung
/// des folgenden Textes", "Kan du läsa igenom innan jag skickar?": the text after a job on a
/// document (translating, proofreading) is that document — a letter to someone else, however
/// much it asks — and what it asks is only mentioned. With the document pointed to ("below",
/// "nedenstående", "the attached letter"), everything after the job's sentence is the document
/// and the subject only names it; with only the verb asked ("kan du oversætte …"), the long text
/// after it. (A short ask right after the job is still the writer's own.)
///
/// In a forward, "Kan du kigge på den her?" above a client's mail passes it on to be handled: a
/// job in the forwarder's own words counts only when it points at a document ("nedenstående").
fn translation_text(
    toks: &[text::Token],
    tags: &[Concepts],
    forwarded_start: Option<usize>,
    hits: &mut [rules::Hit],
) {
    const DOCUMENT_AFTER: usize = 40;
    let sentence = |i: usize| toks.get(i).map(|t| t.sentence);
    let tagged = |k: usize, mask: Concepts| tags.get(k).is_some_and(|t| t & mask != 0);
    let within = |i: usize, before: usize, after: usize, mask: Concepts| {
        (i.saturating_sub(before)..=i + after)
            .any(|k| k != i && sentence(k) == sentence(i) && tagged(k, mask))
    };
    // ("Jeg har fundet den her skabelon … Kan du hjælpe mig med at skrive den færdig?": a
    // template the writer found is the document too)
    let template_found = || tags.iter().any(|t| t & c::POLICY != 0);
    for i in (0..tags.len()).filter(|&i| tagged(i, c::TRANSLATE)) {
        // ("anbei übersenden wir ein Schreiben (Auskunftsersuchen nach Art. 15 DSGVO), das unser
        // Mandant … richten möchte, mit der Bitte um Übersetzung": the sentence sends and names it)
        let sent_in_sentence = within(i, 30, 0, c::ATTACH);
        // ("Hieronder en in de bijlage het besluit … Kunnen jullie dit vertalen?": "this", the
        // document pointed at before)
        let pointer = (0..i)
            .rev()
            .find(|&k| tagged(k, c::FOLLOWING | c::ATTACH))
            .filter(|_| within(i, 2, 2, c::IT));
        let this_one = pointer.is_some();
        let pointed = within(i, 6, 6, c::FOLLOWING | c::ATTACH) || sent_in_sentence || this_one;
        let passed_on =
            forwarded_start.is_some_and(|f| toks.get(i).is_some_and(|t| t.start < f) && !pointed);
        if passed_on {
            continue;
        }
        // ("the attached letter", "das untenstehende Schreiben"; the subject names it too:
        // "Übersetzung DE > DA - Auskunftsersuchen an Hausverwaltung")
        let asked = within(i, 12, 0, c::REQ);
        let document_after = if pointed || (asked && template_found()) {
            let subject = |h: &rules::Hit| sentence(h.from) == Some(0) && sentence(i) != Some(0);
            for h in hits.iter_mut().filter(|h| subject(h)) {
                h.score = h.score.min(1.2);
            }
            Some(toks.iter().position(|t| Some(t.sentence) > sentence(i)))
        } else if asked {
            Some(Some(i + DOCUMENT_AFTER))
        } else {
            None
        };
        if let Some(from) = document_after {
            // (the job's own object names the document: "formulere innsynskravet til NAV")
            let from = from.unwrap_or(usize::MAX);
            // (and the sentence that pointed at "this" describes it)
            let named = |h: &rules::Hit| {
                ((h.from > i || sent_in_sentence) && sentence(h.from) == sentence(i))
                    || pointer.is_some_and(|p| sentence(h.from) == sentence(p))
            };
            for h in hits.iter_mut().filter(|h| h.from >= from || named(h)) {
                h.score = h.score.min(1.2);
            }
            return;
        }
    }
}

/// Whether the writer speaks for someone ("on behalf of my mother", "Jeg er værge for …"), not
/// only tells of someone who does ("Jag fick det här från en förälder till en av mina
/// patienter": a representative the letter came from).
fn writer_represents(toks: &[text::Token], tags: &[Concepts]) -> bool {
    let sentence = |k: usize| toks.get(k).map(|t| t.sentence);
    (0..tags.len()).any(|k| {
        tags[k] & c::REPRESENT != 0
            && !(k.saturating_sub(3)..k)
                .any(|j| sentence(j) == sentence(k) && tags[j] & c::FROM != 0)
    })
}

/// A practitioner's title among the last words of the mail, its sign-off ("Karin Wallin / Leg.
/// psykoterapeut, socionom / Wallin Familjeterapi AB / Ågatan 22 …").
fn professional_sign_off(toks: &[text::Token], tags: &[Concepts]) -> bool {
    const SIGN_OFF: usize = 28;
    // A sign-off block names and places; it does not act ("… hos en ny kiropraktor i Drammen"
    // is the letter).
    let acting = c::I_SELF
        | c::ME
        | c::MY
        | c::YOU
        | c::WE
        | c::REQ
        | c::NEWPROV
        | c::DEL
        | c::SEND
        | c::GET
        | c::TRANSFER
        | c::AUX_PERF;
    let sentence = |k: usize| toks.get(k).map(|t| t.sentence);
    let start = tags.len().saturating_sub(SIGN_OFF);
    // (nor a short mail whose ask comes after the title: "vaihdan fysioterapeuttia … Voitteko
    // siirtää mun tiedot")
    (start..tags.len()).any(|k| {
        tags[k] & c::PROFESSION != 0
            && !(0..tags.len()).any(|j| sentence(j) == sentence(k) && tags[j] & acting != 0)
            && !(k + 1..tags.len()).any(|j| tags[j] & c::REQ != 0)
    })
}

/// Thanks for an ID document that is not the writer's ("Takk for kopien av førerkortet", "thank
/// you for sending your passport"): only the business that asked for it says so.
fn thanks_for_an_id(toks: &[text::Token], tags: &[Concepts]) -> bool {
    let sentence = |i: usize| toks.get(i).map(|t| t.sentence);
    let tagged = |k: usize, mask: Concepts| tags.get(k).is_some_and(|t| t & mask != 0);
    (0..tags.len()).filter(|&i| tagged(i, c::THANKS)).any(|i| {
        (i + 1..i + 9).any(|k| {
            sentence(k) == sentence(i)
                && tagged(k, c::ID_DOC)
                && !(k.saturating_sub(3)..k).any(|m| tagged(m, c::MY | c::I_SELF))
        })
    }) && !asks_for_own(tags)
}

/// Somewhere the writer asks for something of their own: a wish and "me/my" right after it
/// ("Vill avregistrera mig …, ni får gärna radera mitt konto … Tack för alla fina pass!": the
/// Swedish "pass" there is a yoga class, the thanks a client's).
fn asks_for_own(tags: &[Concepts]) -> bool {
    let tagged = |k: usize, mask: Concepts| tags.get(k).is_some_and(|t| t & mask != 0);
    (0..tags.len()).any(|i| tagged(i, c::REQ) && (i + 1..i + 4).any(|k| tagged(k, c::MY | c::ME)))
}

/// "I (we) confirm" something done to "your" data (or to data, or a deletion), not asked to and
/// with nothing of the writer's in it ("Vi kan bekræfte, at dine oplysninger er slettet"): the
/// business reports a request it handled.
fn confirms_yours(toks: &[text::Token], tags: &[Concepts]) -> bool {
    let sentence = |i: usize| toks.get(i).map(|t| t.sentence);
    let tagged = |k: usize, mask: Concepts| tags.get(k).is_some_and(|t| t & mask != 0);
    (0..tags.len()).filter(|&i| tagged(i, c::CONFIRM)).any(|i| {
        // (not "Jag ber er bekräfta …": asked to confirm; nor "Graag ontvang ik een
        // bevestiging zodra …": a confirmation asked for, the wish earlier in the sentence)
        let before = i.saturating_sub(3)..i;
        let asked = (i.saturating_sub(8)..i)
            .any(|k| sentence(k) == sentence(i) && tagged(k, c::REQ | c::GET));
        let by_writer = before.clone().any(|k| tagged(k, c::I_SELF | c::WE)) && !asked;
        let clause = (i + 1..i + 12).filter(|&k| sentence(k) == sentence(i));
        // ("dine", "your": Danish "din" carries no tag of its own)
        let data = c::YOU | c::DEL | c::DATA_STRONG | c::DATA_WEAK | c::COPY;
        let yours = clause.clone().any(|k| tagged(k, data));
        let mine = clause
            .clone()
            .any(|k| tagged(k, c::MY | c::ME | c::I_SELF | c::ABOUT_ME));
        let done = clause
            .clone()
            .any(|k| tagged(k, c::AUX_PERF | c::PAST_SELF));
        by_writer && yours && done && !mine
    })
}

/// "Recht auf Berichtigung (Art. 15 DSGVO)", "Gemäß Art. 16 DSGVO möchte ich, dass Sie alle
/// meine Daten löschen": a right named or asked in words (a kind's score) a few words from an
/// article number that belongs to another right, which nothing else in the mail asks for.
/// People cite the wrong article; the words decide, and the number alone adds no kind — in the
/// subject either, when it repeats the number.
fn misnumbered_articles(toks: &[text::Token], hits: &mut [rules::Hit]) {
    const CITED: &str = "article cited";
    let sentence = |i: usize| toks.get(i).map(|t| t.sentence);
    // A few words away, or a little further in the same sentence ("under Article 17 I have the
    // right to have this rectified").
    let beside = |g: &rules::Hit, h: &rules::Hit| {
        let distance = g.from.abs_diff(h.from).min(g.to.abs_diff(h.from));
        distance <= 8 || (distance <= 12 && sentence(g.from) == sentence(h.from))
    };
    let named_near = |hits: &[rules::Hit], h: &rules::Hit| {
        hits.iter()
            .any(|g| g.kind != h.kind && g.rule != CITED && g.score >= KIND_AT && beside(g, h))
    };
    let asked_otherwise = |hits: &[rules::Hit], h: &rules::Hit| {
        hits.iter().any(|g| g.kind == h.kind && g.rule != CITED)
    };
    let demote: Vec<usize> = hits
        .iter()
        .enumerate()
        .filter(|(_, h)| h.rule == CITED && named_near(hits, h) && !asked_otherwise(hits, h))
        .map(|(k, _)| k)
        .collect();
    // The subject repeats the citation ("Löschung nach Art. 16 DSGVO"): misnumbered there too.
    let subject_too: Vec<usize> = hits
        .iter()
        .enumerate()
        .filter(|(_, h)| {
            h.rule == CITED
                && sentence(h.from) == Some(0)
                && demote
                    .iter()
                    .any(|&k| hits.get(k).is_some_and(|d| d.kind == h.kind))
                && !asked_otherwise(hits, h)
        })
        .map(|(k, _)| k)
        .collect();
    for k in demote.into_iter().chain(subject_too) {
        if let Some(h) = hits.get_mut(k) {
            h.score = h.score.min(1.2);
        }
    }
}

/// The word before `i` opens its sentence and is a verb that opens a Danish question ("Har i
/// …?", "Kan i …?", "Gemmer i …?").
fn asks_first(toks: &[text::Token], folded: &lexicon::WordList, i: usize) -> bool {
    const VERBS: [&str; 8] = [
        "har",
        "kan",
        "vil",
        "gemmer",
        "opbevarer",
        "sletter",
        "sender",
        "skal",
    ];
    let Some(verb) = i.checked_sub(1) else {
        return false;
    };
    let opens =
        verb == 0 || toks.get(verb).map(|t| t.sentence) != toks.get(verb - 1).map(|t| t.sentence);
    opens && folded.get(verb).is_some_and(|w| VERBS.contains(&w))
}

/// Which languages' terms may tag words of a text in `lang`: its own, English (loanwords are
/// everywhere), the other Scandinavian languages for a Scandinavian text (people mix them), and
/// the runner-up language.
fn allowed_languages(lang: Language, runner_up: Option<Language>) -> u8 {
    let bit = |l: Language| 1u8 << lang_index(l);
    let mut mask = bit(lang) | bit(Language::En);
    if matches!(lang, Language::Da | Language::Sv | Language::No) {
        mask |= bit(Language::Da) | bit(Language::Sv) | bit(Language::No);
    }
    if let Some(r) = runner_up {
        mask |= bit(r);
    }
    mask
}

/// For each token, one past the last token of its sentence.
fn sentence_ends(toks: &[text::Token]) -> scratch::Scratch<usize> {
    let mut ends = scratch::vec(toks.len());
    ends.resize(toks.len(), toks.len());
    let mut start = 0;
    for i in 1..=toks.len() {
        let boundary = i == toks.len()
            || toks.get(i).map(|t| t.sentence) != toks.get(i - 1).map(|t| t.sentence);
        if boundary {
            for e in ends.iter_mut().take(i).skip(start) {
                *e = i;
            }
            start = i;
        }
    }
    ends
}

fn decide(
    text: &str,
    toks: &[text::Token],
    hits: &[rules::Hit],
    id: Option<&str>,
    language: Language,
) -> Classification {
    // Score per kind: the best hit, plus a little for each further independent hit.
    let mut best = PerKind::default();
    for kind in RequestKind::ALL {
        // The kind's hits worth a mention; the top one is the first of the highest score (what a
        // stable sort by descending score puts first).
        let mut top: Option<(usize, f32)> = None;
        let (mut count, mut strong) = (0usize, 0usize);
        for (index, h) in hits.iter().enumerate() {
            if h.kind != kind || !h.score.ge(&MENTION_AT) {
                continue;
            }
            count += 1;
            if h.score >= GUESS_AT {
                strong += 1;
            }
            if top.is_none_or(|(_, s)| h.score.total_cmp(&s).is_gt()) {
                top = Some((index, h.score));
            }
        }
        let Some((index, top_score)) = top else {
            continue;
        };
        // Every further hit at GUESS_AT or more, the top one not counted.
        let extra = (strong - usize::from(top_score >= GUESS_AT)) as f32;
        let score = (top_score + 0.15 * extra).min(3.4);
        best.push((kind, score, index, count));
    }
    // Portability asks for the data too; a plain "send me my data" in the same breath is part of it
    // (unless access is asked apart: "… send my journal to her directly? I'd like a copy myself").
    let send_my_data = |h: &rules::Hit| h.rule == "get/send + personal data";
    let access_apart = hits
        .iter()
        .any(|h| h.kind == RequestKind::Access && h.score >= KIND_AT && !send_my_data(h));
    if best
        .iter()
        .any(|b| b.0 == RequestKind::Portability && b.1 >= KIND_AT)
        && !access_apart
    {
        best.retain(|b| {
            !(b.0 == RequestKind::Access && b.1 < 2.2 && hits.get(b.2).is_some_and(send_my_data))
        });
    }

    // "Let me know when it is done", "lad mig vide …" beside an erasure, a withdrawal or an
    // unsubscription asks for a confirmation of that, not for access.
    let confirmed = best.iter().any(|b| {
        b.1 >= KIND_AT
            && matches!(
                b.0,
                RequestKind::Erasure | RequestKind::WithdrawConsent | RequestKind::Unsubscribe
            )
    });
    // An erasure by article or by name that asks "which data you must keep, and until when"
    // asks about the exceptions to the erasure, not for access.
    let erasure_cited = best
        .iter()
        .any(|b| b.0 == RequestKind::Erasure && b.1 >= 2.8);
    if confirmed {
        best.retain(|b| {
            !(b.0 == RequestKind::Access
                && b.1 < 2.5
                && hits.get(b.2).is_some_and(|h| {
                    h.rule == "know + personal data"
                        || (erasure_cited && h.rule == "what do you hold about me")
                }))
        });
    }

    let mut kinds: Vec<RequestKind> = best
        .iter()
        .filter(|b| b.1 >= KIND_AT)
        .map(|b| b.0)
        .collect();
    let top = best.iter().copied().max_by(|a, b| a.1.total_cmp(&b.1));
    let mut guessed = false;
    if kinds.is_empty() {
        if let Some(t) = top.filter(|t| t.1 >= GUESS_AT) {
            kinds.push(t.0);
            guessed = true;
        }
    }
    kinds.sort();
    kinds.dedup();

    let mut evidence: Vec<String> = Vec::new();
    let mut ordered = best;
    ordered.sort_by(|a, b| b.1.total_cmp(&a.1));
    for (kind, score, index, _) in ordered.iter() {
        let Some(h) = hits.get(*index) else { continue };
        // `{label}: "{snippet}" ({rule}, {score:.1})`, built by hand: this runs for most mail.
        let mut line = String::with_capacity(h.rule.len() + 160);
        if !kinds.contains(kind) {
            line.push_str("weak ");
        }
        line.push_str(kind.as_str());
        line.push_str(": \"");
        push_snippet(&mut line, text, toks, h.from, h.to);
        line.push_str("\" (");
        line.push_str(h.rule);
        line.push_str(", ");
        push_one_decimal(&mut line, *score);
        line.push(')');
        evidence.push(line);
    }
    if let Some(id) = id {
        evidence.push(id.to_string());
    }

    let confidence = if kinds.is_empty() {
        match top {
            Some(t) if t.1 >= MENTION_AT => 0.5,
            _ => 0.9,
        }
    } else {
        let weakest = best
            .iter()
            .filter(|b| kinds.contains(&b.0))
            .map(|b| b.1)
            .fold(f32::INFINITY, f32::min);
        let conf = (0.3 + 0.22 * weakest).clamp(0.3, 0.97);
        if guessed {
            conf.min(Classification::REVIEW_BELOW - 0.05)
        } else {
            conf
        }
    };

    Classification {
        kinds,
        id_document: id.is_some(),
        automated: false,
        language,
        confidence: (confidence * 100.0).round() / 100.0,
        evidence,
    }
}

/// Per kind that has a hit worth a mention: the kind, its score, the index of its top hit and how
/// many hits it has — at most one entry per kind, so kept in a fixed array rather than a vector
/// (this runs for every message). Reads as a slice.
#[derive(Clone, Copy)]
struct PerKind {
    items: [(RequestKind, f32, usize, usize); RequestKind::ALL.len()],
    len: usize,
}

impl Default for PerKind {
    fn default() -> PerKind {
        PerKind {
            items: [(RequestKind::Access, 0.0, 0, 0); RequestKind::ALL.len()],
            len: 0,
        }
    }
}

impl PerKind {
    /// Add an entry (one per kind: there is always room).
    fn push(&mut self, item: (RequestKind, f32, usize, usize)) {
        if let Some(slot) = self.items.get_mut(self.len) {
            *slot = item;
            self.len += 1;
        }
    }

    /// Keep the entries `keep` is true of, in order (as [`Vec::retain`]).
    fn retain(&mut self, mut keep: impl FnMut(&(RequestKind, f32, usize, usize)) -> bool) {
        let mut kept = 0;
        for i in 0..self.len {
            let Some(item) = self.items.get(i).copied() else {
                break;
            };
            if keep(&item) {
                if let Some(slot) = self.items.get_mut(kept) {
                    *slot = item;
                }
                kept += 1;
            }
        }
        self.len = kept;
    }
}

impl std::ops::Deref for PerKind {
    type Target = [(RequestKind, f32, usize, usize)];
    fn deref(&self) -> &Self::Target {
        self.items.get(..self.len).unwrap_or(&[])
    }
}

impl std::ops::DerefMut for PerKind {
    fn deref_mut(&mut self) -> &mut Self::Target {
        self.items.get_mut(..self.len).unwrap_or(&mut [])
    }
}

/// Append the text from token `from` to token `to`, whitespace collapsed, at most 120 characters
/// (117 and "…" when longer).
fn push_snippet(out: &mut String, text: &str, toks: &[text::Token], from: usize, to: usize) {
    let start = toks.get(from).map_or(0, |t| t.start);
    let end = toks.get(to).map_or(start, |t| t.end).max(start);
    let raw = text.get(start..end).unwrap_or("");
    let base = out.len();
    let mut chars = 0usize;
    // Characters of the snippet up to its 117th, and where that one ends.
    let mut cut = None;
    for (n, word) in raw.split_whitespace().enumerate() {
        if n > 0 {
            out.push(' ');
            chars += 1;
            if chars == 117 {
                cut = Some(out.len());
            }
        }
        for ch in word.chars() {
            out.push(ch);
            chars += 1;
            if chars == 117 {
                cut = Some(out.len());
            }
        }
    }
    if chars > 120 {
        if let Some(cut) = cut.filter(|c| *c >= base) {
            out.truncate(cut);
            out.push('…');
        }
    }
}

/// Append `x` with one decimal, as `format!("{x:.1}")` writes it. For 0 ≤ x < 19 (every score)
/// ten times an `f32` is exact in an `f64`, and rounding it half to even gives the digits the
/// formatter gives (checked for every `f32` in that range); other values go to the formatter.
fn push_one_decimal(out: &mut String, x: f32) {
    if (0.0..19.0).contains(&x) {
        let tenths = (f64::from(x) * 10.0).round_ties_even() as u32;
        out.push_str(itoa_small(tenths / 10));
        out.push('.');
        out.push(char::from(b'0' + (tenths % 10) as u8));
    } else {
        use std::fmt::Write;
        let _ = write!(out, "{x:.1}");
    }
}

/// The decimal digits of `n` < 20.
fn itoa_small(n: u32) -> &'static str {
    const DIGITS: [&str; 20] = [
        "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16",
        "17", "18", "19",
    ];
    DIGITS.get(n as usize).copied().unwrap_or("?")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classify_raw(headers: &str, body: &str) -> Classification {
        let raw = format!(
            "From: Anna <anna@example.dk>\r\nTo: info@calmo.dk\r\n{headers}\r\n\r\n{body}\r\n"
        );
        classify(&Message::parse(raw.as_bytes()).unwrap_or_default())
    }

    fn kinds(headers: &str, body: &str) -> Vec<RequestKind> {
        classify_raw(headers, body).kinds
    }

    #[test]
    fn a_forward_is_in_its_sender_s_language() {
        let body = "Hej Anne\r\n\r\nKan du tage den her? Jeg er på messe i Frankfurt resten af \
                    ugen. Hun var kunde hos os i 2023.\r\n\r\nSøren\r\n\r\n\
                    ---------- Forwarded message ---------\r\nFrom: Ana <ana@example.pt>\r\n\
                    Date: Mon, 3 Feb 2025 at 10:12\r\nSubject: Question about my data\r\n\
                    To: <info@calmo.dk>\r\n\r\nDear team, I would like to know what \
                    personal data you still hold about me, and please send me a copy of it. \
                    I was a customer in 2023 and I never heard from you since then. Kind regards, Ana\r\n";
        let c = classify_raw("Subject: VS: Question about my data", body);
        assert_eq!(c.language, Language::Da);
        assert_eq!(c.kinds, vec![RequestKind::Access]);
    }

    #[test]
    fn a_document_s_name_is_a_request_only_when_the_mail_sends_it_as_one() {
        let with_pdf = |text: &str, name: &str| {
            let body = format!(
                "--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n--B\r\n\
                 Content-Type: application/pdf\r\n\
                 Content-Disposition: attachment; filename=\"{name}\"\r\n\r\nJVBERi0=\r\n--B--\r\n"
            );
            kinds(
                "Subject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=B",
                &body,
            )
        };
        // a document received, talked about
        let received = "Hej Johan, fick det här från min gamla arbetsgivare efter att facket \
                        hjälpte mig. Det står en del om samtalen med dig som jag vill prata om. \
                        Kan vi kolla på det på mötet på torsdag?";
        assert!(with_pdf(received, "Registerutdrag_Sara_Holm.pdf").is_empty());
        // the writer's own letter, sent as one
        let sent = "Hej, jeg har fået hjælp af min søn til at skrive brevet, og jeg har \
                    vedhæftet det her. Jeg håber, I kan hjælpe mig. Venlig hilsen Jens";
        assert_eq!(
            with_pdf(sent, "Anmodning_om_indsigt.pdf"),
            vec![RequestKind::Access]
        );
    }

    #[test]
    fn a_representative_asks_for_the_person_represented() {
        let wife = "I'm writing on behalf of my wife, Anja, who did the coaching programme with \
                    you last year. She'd like a copy of all the data you hold about her.";
        assert_eq!(kinds("Subject: x", wife), vec![RequestKind::Access]);
        // a firm acting for "our client" asks nothing for "her", the other party
        let firm = "We act for Mr Daniel Frost. We understand that you translated documents \
                    for his former spouse. We should be grateful if you would provide us with \
                    copies of all documents translated for her.";
        assert!(kinds("Subject: x", firm).is_empty());
    }

    #[test]
    fn a_separable_verb_means_what_the_joined_verb_does() {
        use RequestKind::Unsubscribe;
        for body in [
            "Melden Sie mich bitte umgehend von Ihrem Newsletter ab, danke.",
            "Hören Sie endlich auf, mir Ihren Newsletter zu schicken!",
            "Kan I slå sms-påmindelserne fra?",
            "Can you turn the SMS reminders off?",
            "Schrijf mij uit van de nieuwsbrief alstublieft.",
        ] {
            assert_eq!(kinds("Subject: x", body), vec![Unsubscribe], "{body}");
        }
        // "ab" before a date is no particle
        assert!(kinds("Subject: x", "Bitte melden Sie sich ab Montag bei uns.").is_empty());
    }

    #[test]
    fn a_finnish_reply_is_no_forward_and_a_chaser_is_not_dealt_with() {
        let finnish = "Hei,\r\n\r\nLähetin alla olevan pyynnön jo viisi viikkoa sitten, enkä ole \
                       vieläkään saanut vastausta. Pyydän edelleen kopiota kaikista minusta \
                       tallennetuista tiedoista.\r\n\r\n-----Alkuperäinen viesti-----\r\n\
                       Lähettäjä: Mikko <m@x.fi>\r\n\r\nHei, pyydän kopion tiedoistani.\r\n";
        assert_eq!(
            kinds("Subject: Vs: Tietopyyntö", finnish),
            vec![RequestKind::Access]
        );
        let again = "Lähetin alla olevan pyynnön jo 24.2. enkä ole saanut mitään vastausta. \
                     Lähetän sen nyt uudelleen.\r\n\r\n________________________________\r\n\
                     Lähettäjä: Mikko <m@x.fi>\r\nAihe: Poistopyyntö\r\n\r\n\
                     Pyydän, että poistatte kaikki minua koskevat henkilötiedot rekisteristänne.\r\n";
        assert_eq!(
            kinds("Subject: VL: Poistopyyntö", again),
            vec![RequestKind::Erasure]
        );
    }

    #[test]
    fn a_that_clause_after_telling_reports_but_so_that_does_not() {
        let told = "Du nævnte sidst at du sletter klientoplysninger efter et forløb.";
        assert!(kinds("Subject: Noter", told).is_empty());
        // ("så" folds like "sa", said)
        let so_that = "Jag har flyttat, så att ni kan radera mina uppgifter nu.";
        assert_eq!(kinds("Subject: Hej", so_that), [RequestKind::Erasure]);
    }

    #[test]
    fn the_authority_writing_about_a_case_is_no_request_but_a_client_citing_it_is() {
        let authority = "Datatilsynet har modtaget en klage over, at De ikke har besvaret \
                         klagerens anmodning om indsigt. Vi skal anmode Dem om en udtalelse. \
                         J.nr. 2024-32-3391.";
        assert!(kinds("Subject: Klage over manglende indsigt", authority).is_empty());
        let client = "Jeg anmoder om indsigt i mine oplysninger. Svarer I ikke inden en \
                      måned, klager jeg til Datatilsynet.";
        assert_eq!(kinds("Subject: Indsigt", client), [RequestKind::Access]);
    }

    #[test]
    fn recipients_sources_and_pictures_taken_down_are_asked_for() {
        let access = [RequestKind::Access];
        let who = "Hvem har I givet mit CPR-nummer videre til?";
        assert_eq!(kinds("Subject: cpr nummer??", who), access);
        let shared = "I want to know who you have shared my information with.";
        assert_eq!(kinds("Subject: Who got my data", shared), access);
        let how = "Jag får SMS från er varje vecka. Hur har ni fått tag på mitt nummer?";
        assert!(kinds("Subject: SMS", how).contains(&RequestKind::Access));
        let down = "Kan I tage billedet af mig ned fra hjemmesiden?";
        assert_eq!(kinds("Subject: Billedet", down), [RequestKind::Erasure]);
        // a page taken down that shows nobody's data is no erasure
        let page = "Kan I tage siden om kurset ned fra hjemmesiden? Den er forældet.";
        assert!(!kinds("Subject: Kursus", page).contains(&RequestKind::Erasure));
    }

    #[test]
    fn a_mail_that_asks_nothing_of_the_reader_only_informs() {
        let curious = "Random question: which journal system do you use, and is it cloud-based? \
                       Absolutely no need to do anything, it's just professional interest.";
        assert!(kinds("Subject: Quick question", curious).is_empty());
        let fyi =
            "Ter info: dit heb ik gisteren naar HR gestuurd. Je hoeft er niets mee te doen.\n\
                   Op grond van artikel 15 AVG verzoek ik om inzage in mijn personeelsdossier.";
        assert!(kinds("Subject: Ter info: brief aan HR", fyi).is_empty());
    }

    #[test]
    fn a_danish_capital_i_inside_a_sentence_is_you() {
        let asks = "Jeg har brug for at vide præcis, hvad I skrev ned om min ryg dengang.";
        assert_eq!(kinds("Subject: Min ryg", asks), [RequestKind::Access]);
        // a "that" clause with "I" states what the business did
        let states =
            "Jeg kan se, at I har registreret min gamle adresse. Tak for en god behandling.";
        assert!(!kinds("Subject: Tak", states).contains(&RequestKind::Access));
    }

    #[test]
    fn a_deletion_put_off_set_as_a_condition_or_reported_is_no_erasure() {
        // put off, and not used meanwhile: a restriction
        let wait = "Vil du vente med at slette den? Men jeg vil ikke have at den bliver brugt \
                    eller sendt til nogen, indtil sagen er afgjort.";
        assert_eq!(
            kinds("Subject: SV: Sletning", wait),
            [RequestKind::Restriction]
        );
        let condition = "Det er greit for meg at timen tas opp til veiledningen din, så lenge \
                         opptaket slettes etterpå slik du sa.";
        assert!(kinds("Subject: Opptak", condition).is_empty());
        let was = "Også selvom navnene var ændret, så var der alt for mange detaljer.";
        assert!(kinds("Subject: Oplægget", was).is_empty());
        // a wish to have it deleted still asks
        let wish = "Jeg vil gerne have at mine notater bliver slettet.";
        assert_eq!(kinds("Subject: Notater", wish), [RequestKind::Erasure]);
    }

    #[test]
    fn an_attached_letter_is_read_by_its_name_and_an_unreadable_one_is_put_up_for_review() {
        let with_pdf = |body: &str, name: &str| {
            let raw = format!(
                "From: Tor <tor@gmail.com>\r\nTo: info@calmo.dk\r\nSubject: Brev\r\n\
                 Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\
                 Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n--b\r\n\
                 Content-Type: application/pdf; name=\"{name}\"\r\n\
                 Content-Disposition: attachment; filename=\"{name}\"\r\n\r\n%PDF-1.4\r\n--b--\r\n"
            );
            classify(&Message::parse(raw.as_bytes()).unwrap_or_default())
        };
        let named = with_pdf(
            "Hermed mit brev, se vedhæftede.",
            "Anmodning_om_sletning.pdf",
        );
        assert_eq!(named.kinds, [RequestKind::Erasure], "{named:?}");
        let unnamed = with_pdf("Se vedlegg.", "brev_2025.pdf");
        assert!(
            unnamed.kinds.is_empty() && unnamed.needs_review(),
            "{unnamed:?}"
        );
        assert!(unnamed.evidence[0].contains("brev_2025.pdf"));
        // a mail that says what the file is needs no second look
        let said = with_pdf(
            "Attached is the signed consent form for the video recording, both of us have signed.",
            "consent_form_signed.pdf",
        );
        assert!(!said.needs_review(), "{said:?}");
    }

    #[test]
    fn mail_written_inside_the_business_is_at_most_for_review_unless_it_passes_one_on() {
        let body = "Har du svaret Mette på hendes indsigtsanmodning? Fristen er 4. april.";
        let colleague = |more: &str| {
            let raw = format!(
                "From: Signe <signe@bech-terapi.dk>\r\nTo: lone@bech-terapi.dk\r\n{more}\
                 Subject: Mette - indsigtsanmodningen\r\n\r\n{body}\r\n"
            );
            classify(&Message::parse(raw.as_bytes()).unwrap_or_default())
        };
        let inside = colleague("");
        assert!(
            inside.kinds.is_empty() && inside.needs_review(),
            "{inside:?}"
        );
        // a client's own mail, and two clients on one public service, are not inside
        let client = "Jeg anmoder om indsigt i mine personoplysninger.";
        let raw = |from: &str, to: &str| {
            format!("From: {from}\r\nTo: {to}\r\nSubject: Indsigt\r\n\r\n{client}\r\n")
        };
        for (from, to) in [
            ("mette@gmail.com", "lone@bech-terapi.dk"),
            ("mette@gmail.com", "terapeut@gmail.com"),
        ] {
            let c = classify(&Message::parse(raw(from, to).as_bytes()).unwrap_or_default());
            assert_eq!(c.kinds, [RequestKind::Access], "{from} to {to}");
        }
        // the practitioner's copy of their own reply, delivered to their own mailbox
        let copy = "From: Lone <lone@bech-terapi.dk>\r\nTo: mette@gmail.com\r\n\
                    Delivered-To: lone@bech-terapi.dk\r\nSubject: Re: Sletning\r\n\r\n\
                    Jeg sletter dine oplysninger i morgen, som du bad om.\r\n";
        let c = classify(&Message::parse(copy.as_bytes()).unwrap_or_default());
        assert!(c.kinds.is_empty(), "{c:?}");
        // a web form's relay names the client in Reply-To: passed on, still a request
        let form = "From: web@bech-terapi.dk\r\nTo: lone@bech-terapi.dk\r\n\
                    Reply-To: mette@gmail.com\r\nSubject: Kontaktformular\r\n\r\n\
                    Jeg anmoder om indsigt i mine personoplysninger.\r\n";
        let c = classify(&Message::parse(form.as_bytes()).unwrap_or_default());
        assert_eq!(c.kinds, [RequestKind::Access]);
    }

    #[test]
    fn a_letter_forwarded_from_another_company_is_not_this_business_request() {
        let forward = |from: &str, to: &str| {
            format!(
                "Til info, det her lå i indbakken.\r\n\r\n---------- Videresendt meddelelse \
                 ----------\r\nFra: <{from}>\r\nTil: <{to}>\r\nEmne: Sletning\r\n\r\n\
                 Jeg anmoder hermed om sletning af alle mine personoplysninger."
            )
        };
        let headers = "Subject: Fwd: Sletning";
        // the writer's own letter to a gym, and a company's notice to the writer
        assert!(kinds(headers, &forward("anna@example.dk", "kundeservice@sats.dk")).is_empty());
        assert!(kinds(headers, &forward("noreply@shop.example", "anna@example.dk")).is_empty());
        // sent to this business, or a client's mail that a reception passes on: it stands
        assert_eq!(
            kinds(headers, &forward("anna@example.dk", "info@calmo.dk")),
            [RequestKind::Erasure]
        );
        assert_eq!(
            kinds(headers, &forward("soren@privat.dk", "reception@klinik.dk")),
            [RequestKind::Erasure]
        );
    }

    #[test]
    fn a_backstop_guess_goes_to_review_without_a_kind() {
        // A model that reads "flytte" as an erasure: the wiring, not the trained model.
        let erasure = RequestKind::ALL
            .iter()
            .position(|&k| k == RequestKind::Erasure)
            .unwrap_or(0);
        let mut weights = [0.0; RequestKind::ALL.len()];
        weights[erasure] = 5.0;
        let flytt = backstop::word_feature("flytt");
        let model = backstop::Model::new(
            0.7,
            [-2.0; RequestKind::ALL.len()],
            vec![(flytt, weights)],
            std::collections::BTreeMap::new(),
        );
        let raw = "From: Anna <anna@example.dk>\r\nSubject: Tid\r\n\r\nHej, kan vi flytte \
                   timen på torsdag til kl. 14? Hilsen Trine\r\n";
        let msg = Message::parse(raw.as_bytes()).unwrap_or_default();
        let (class, _) = read(&msg, Backstop::Ask(&model));
        assert!(class.kinds.is_empty(), "{class:?}");
        assert!(class.needs_review(), "{class:?}");
        assert!(
            class.evidence.iter().any(|e| e.starts_with("weak erasure:")
                && e.contains("flytte")
                && e.contains("learned backstop")),
            "{class:?}"
        );
        // The same booking with a model that never guesses, or with the one compiled in.
        let (quiet, _) = read(&msg, Backstop::Ask(&backstop::Model::empty()));
        assert!(!quiet.needs_review(), "{quiet:?}");
        assert!(!classify(&msg).needs_review());
        // A training example carries the features the guess was made from.
        let example = training_example(&msg).expect("not automated");
        assert!(example.features.contains(&flytt));
        assert!(example.prefixes.iter().any(|p| p == "flytt"));
    }

    #[test]
    fn everyday_requests_in_each_language() {
        use RequestKind::*;
        assert_eq!(
            kinds(
                "Subject: Hej",
                "Hej, jeg vil gerne have slettet mine oplysninger."
            ),
            vec![Erasure]
        );
        assert_eq!(
            kinds("Subject: x", "Hej! Kan ni radera mina uppgifter? Tack"),
            vec![Erasure]
        );
        assert_eq!(
            kinds("Subject: x", "jeg vil gerne se hvad I har om mig"),
            vec![Access]
        );
        assert_eq!(kinds("Subject: x", "hej kan ni ta bort mig"), vec![Erasure]);
        assert_eq!(
            kinds("Subject: Auskunft", "Auskunft nach Art. 15 bitte."),
            vec![Access]
        );
        assert_eq!(
            kinds("Subject: x", "Please take me off your newsletter."),
            vec![Unsubscribe]
        );
        assert_eq!(
            kinds("Subject: x", "Hei, jeg ber om innsyn i journalen min."),
            vec![Access]
        );
    }

    #[test]
    fn several_kinds_at_once() {
        use RequestKind::*;
        let k = kinds(
            "Subject: x",
            "Please send me a copy of my data and then delete it all. Also unsubscribe me from the newsletter.",
        );
        assert!(k.contains(&Access) && k.contains(&Unsubscribe), "{k:?}");
    }

    #[test]
    fn erasure_without_an_object_and_beside_other_rights() {
        use RequestKind::*;
        assert_eq!(kinds("Subject: x", "kan ni ta bort det?"), vec![Erasure]);
        assert_eq!(
            kinds(
                "Subject: Samtykke",
                "Jeg trækker mit samtykke tilbage til at I bruger mine billeder. Slet dem gerne."
            ),
            vec![Erasure, WithdrawConsent]
        );
        assert_eq!(
            kinds(
                "Subject: x",
                "Please unsubscribe me and delete my details while you're at it."
            ),
            vec![Erasure, Unsubscribe]
        );
        // A booking is not personal data to erase.
        assert!(kinds("Subject: x", "Kan I slette min tid på torsdag? Jeg er syg.").is_empty());
    }

    #[test]
    fn rectification_in_plain_words() {
        use RequestKind::*;
        assert_eq!(
            kinds(
                "Subject: Ny adresse",
                "Hej, min nye adresse er Nørregade 12, 2100 Kbh."
            ),
            vec![Rectification]
        );
        assert_eq!(
            kinds(
                "Subject: x",
                "Hi, my phone number is wrong on my file, it should be 07700 900123."
            ),
            vec![Rectification]
        );
        assert_eq!(
            kinds("Subject: x", "Hej, kan ni ändra mitt efternamn till Berg?"),
            vec![Rectification]
        );
    }

    #[test]
    fn word_order_and_everyday_paraphrases() {
        use RequestKind::*;
        // German puts the verb last, far from its object.
        assert_eq!(
            kinds(
                "Subject: Re: Ihre Übersetzung",
                "bitte jetzt alle meine daten und die hochgeladenen zeugnisse bei ihnen löschen, danke"
            ),
            vec![Erasure]
        );
        // Restriction asked for instead of erasure declines the erasure.
        assert_eq!(
            kinds(
                "Subject: Art. 18",
                "Sie haben mir mitgeteilt, dass Sie meine Daten löschen werden. Ich verlange die Einschränkung der Verarbeitung statt der Löschung."
            ),
            vec![Restriction]
        );
        // Portability without its name: the data go along to a new provider.
        assert_eq!(
            kinds(
                "Subject: Export",
                "Kan ni exportera det jag har lagt in i ett vanligt format, typ CSV? Skicka det gärna direkt till min nya coach."
            ),
            vec![Portability]
        );
        assert!(kinds(
            "Subject: Journal",
            "Jeg har forstået at jeg har ret til at få mine data med mig til den nye psykolog."
        )
        .contains(&Portability));
        // Consent given earlier, taken back later in the sentence.
        assert!(kinds(
            "Subject: Re: tilbud",
            "jeg ga samtykke til nyhetsbrev i 2022 men det trekker jeg tilbake nå."
        )
        .contains(&WithdrawConsent));
    }

    #[test]
    fn what_the_writer_did_or_got_is_no_request() {
        // Deleted by accident, received already, about to send.
        assert!(kinds(
            "Subject: råkade radera mitt konto??",
            "hej, kan ni återställa kontot eller lägga in tisdagen igen?"
        )
        .is_empty());
        assert!(kinds(
            "Subject: Papirer",
            "Min læge har givet mig en udskrift af min journal, som du gerne ville se."
        )
        .is_empty());
        assert!(kinds(
            "Subject: Question before I send my documents",
            "Do you keep copies of the documents after the job is done?"
        )
        .is_empty());
        // "andra" without its umlaut is "others", not "change".
        assert!(kinds(
            "Subject: x",
            "Informera de andra coacherna som fått mina uppgifter om detta, tack."
        )
        .iter()
        .all(|k| *k != RequestKind::Rectification));
    }

    #[test]
    fn talk_about_requests_is_not_a_request() {
        assert!(kinds(
            "Subject: Spørgsmål",
            "En tidligere klient har bedt mig slette alt om hende. Hvordan håndterer du den slags anmodninger?"
        )
        .is_empty());
        assert!(kinds(
            "Subject: x",
            "Hi, I uploaded my documents to your portal last year. Please delete my account."
        )
        .iter()
        .all(|k| *k == RequestKind::Erasure));
        // A practitioner who has received a request asks how to answer it.
        assert!(kinds(
            "Subject: Spørgsmål",
            "Jeg har fået en anmodning om indsigt fra en tidligere klient. Skal jeg udlevere det hele?"
        )
        .is_empty());
        assert!(kinds(
            "Subject: Help",
            "I've just received my first subject access request from a former client. Any tips?"
        )
        .is_empty());
        // A client who got to see their own journal and asks for a correction still asks.
        assert_eq!(
            kinds(
                "Subject: Retting",
                "Jeg fikk innsyn i journalen min forrige uke. Fødselsdatoen min er feil, kan dere rette den?"
            ),
            vec![RequestKind::Rectification]
        );
    }

    #[test]
    fn negations_and_mentions_are_not_requests() {
        assert!(kinds("Subject: x", "I do NOT want my data deleted, I'll be back.").is_empty());
        assert!(kinds(
            "Subject: Nyt",
            "Vi har opdateret vores persondatapolitik. Du skal ikke gøre noget."
        )
        .is_empty());
        assert!(kinds(
            "Subject: x",
            "Jeg slettede de gamle billeder af min eks i går."
        )
        .is_empty());
    }

    #[test]
    fn a_business_trip_note_is_an_auto_reply() {
        let c = classify_raw(
            "Subject: AW: Angebot",
            "Vielen Dank für Ihre Nachricht.\n\nIch befinde mich bis zum 10. März auf Geschäftsreise und habe nur eingeschränkten Zugriff auf meine E-Mails. Ich melde mich nach meiner Rückkehr.",
        );
        assert!(c.automated, "{c:?}");
    }

    #[test]
    fn automated_mail_is_never_a_request() {
        let c = classify_raw(
            "Subject: Delete my data\r\nAuto-Submitted: auto-replied",
            "Please delete my data",
        );
        assert!(c.automated && c.kinds.is_empty() && !c.is_request());
        let c = classify_raw(
            "Subject: Delete my data\r\nAuto-Submitted: no",
            "Please delete my data",
        );
        assert!(!c.automated && c.is_request());
    }

    #[test]
    fn a_short_reply_asks_about_the_records_the_quoted_mail_names() {
        let reply = "Subject: Re: Spørgsmål\r\nIn-Reply-To: <a@b>";
        let quote = |said: &str| {
            format!(
                "Den 3. feb. 2025 skrev Mette <mette@tale.dk>:\r\n> Hej Rasmus,\r\n> {said}\r\n"
            )
        };
        let records =
            quote("Jeg har testresultaterne og lydoptagelserne fra udredningen liggende.");
        let body = format!("Tak for svar. Kan I sende dem til mig?\r\n\r\n{records}");
        assert_eq!(kinds(reply, &body), vec![RequestKind::Access]);
        let body = format!("Ok. Kan de slettes?\r\n\r\n{records}");
        assert_eq!(kinds(reply, &body), vec![RequestKind::Erasure]);
        // The same words about something that is not the writer's records.
        let hours = quote("Jeg har sendt fakturaerne for januar og februar.");
        let body = format!("Tak for svar. Kan I sende dem til mig?\r\n\r\n{hours}");
        assert!(kinds(reply, &body).is_empty());
        // A new mail has no quoted records to point at.
        assert!(kinds("Subject: Spørgsmål", "Tak. Kan I sende dem til mig?").is_empty());
    }

    #[test]
    fn a_request_that_opens_the_text_is_read() {
        // With no subject, the first word of the body is the first token (no word before it).
        assert_eq!(
            kinds("Subject: ", "Send me no more newsletters, please."),
            vec![RequestKind::Unsubscribe]
        );
        assert_eq!(
            kinds(
                "Subject: ",
                "uitschrijven graag, ik krijg jullie nieuwsbrief"
            ),
            vec![RequestKind::Unsubscribe]
        );
    }

    #[test]
    fn quoted_requests_do_not_count() {
        let body = "Tak, det var alt.\r\n\r\nDen 3. marts 2025 skrev Calmo <info@calmo.dk>:\r\n> Hej, slet mine oplysninger\r\n";
        assert!(kinds("Subject: Re: Sletning\r\nIn-Reply-To: <a@b>", body).is_empty());
    }

    #[test]
    fn id_document_words() {
        let c = classify_raw("Subject: ID", "Hej, vedhæftet er en kopi af mit pas.");
        assert!(c.id_document);
        let c = classify_raw("Subject: ID", "Skal jeg tage mit pas med?");
        assert!(!c.id_document);
    }

    #[test]
    fn language_and_evidence() {
        let c = classify_raw(
            "Subject: Sletning",
            "Hej, jeg vil gerne have at I sletter mine oplysninger. Mvh Anna",
        );
        assert_eq!(c.language, Language::Da);
        assert!(
            c.evidence
                .iter()
                .any(|e| e.contains("sletter mine oplysninger")),
            "{:?}",
            c.evidence
        );
        assert!(c.confidence >= Classification::REVIEW_BELOW);
    }

    #[test]
    fn hand_written_evidence_matches_the_formatter() {
        let mut x = 0.0f32;
        while x < 25.0 {
            let mut s = String::new();
            push_one_decimal(&mut s, x);
            assert_eq!(s, format!("{x:.1}"));
            x += 0.0137;
        }
        for x in [
            1.25f32,
            1.75,
            2.25,
            2.75,
            3.25,
            0.05,
            18.95,
            18.99,
            -1.0,
            f32::NAN,
            1e9,
        ] {
            let mut s = String::new();
            push_one_decimal(&mut s, x);
            assert_eq!(s, format!("{x:.1}"));
        }
        // The snippet: words joined by one space, cut to 117 characters and "…" past 120.
        fn reference(raw: &str) -> String {
            let out = raw.split_whitespace().collect::<Vec<_>>().join(" ");
            if out.chars().count() > 120 {
                out.chars().take(117).collect::<String>() + "…"
            } else {
                out
            }
        }
        for n in [0, 1, 5, 30, 39, 40, 41, 60] {
            for word in ["ab", "æøå", "x", "日本語"] {
                let text = format!(" {}\n", vec![word; n].join(" \t "));
                let mut toks = Vec::new();
                text::tokenize(&text, 0, &mut toks);
                let mut got = String::from(">");
                push_snippet(&mut got, &text, &toks, 0, toks.len().saturating_sub(1));
                let start = toks.first().map_or(0, |t| t.start);
                let end = toks.last().map_or(start, |t| t.end);
                assert_eq!(
                    got,
                    format!(">{}", reference(&text[start..end])),
                    "{n} {word}"
                );
            }
        }
    }

    #[test]
    fn total_on_empty_and_hostile_messages() {
        let c = classify(&Message::default());
        assert!(c.kinds.is_empty() && !c.automated);
        let long = "slet ".repeat(50_000);
        let _ = classify_raw("Subject: x", &long);
        let _ = classify_raw("Subject: Re: Re: SV:", "> > >\r\n-- \r\n");
        let _ = classify_raw(
            "Subject: Art. 15",
            "Art. 9999999999999999999 art art. . . ,,,",
        );
    }
}

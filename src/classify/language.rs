//! Tells which of our languages a text is written in, from weighted marker words and a few
//! letters. Danish and Norwegian (bokmål) share most function words, so they are told apart by
//! their own markers (hvad/hva, mig/meg, efter/etter, gerne/gjerne, jer/dere, tak/takk, hej/hei,
//! oplysninger/opplysninger, …), which works on the two-line mails where general-purpose
//! detectors guess.
//!
//! Pure and total: no I/O, no panics, and it must never answer with a language outside
//! [`Language::ALL`].

use std::sync::OnceLock;

use crate::domain::Language;

use super::lexicon::FastMap;
use super::text::fold;

const N: usize = 7;
const DA: usize = 0;
const SV: usize = 1;
const NO: usize = 2;
const EN: usize = 3;
const DE: usize = 4;
const NL: usize = 5;
const FI: usize = 6;

/// The languages in index order (DA = 0 … FI = 6), as `domain` lists them.
const ORDER: [Language; N] = Language::ALL;

/// (marker, language, weight). Markers are folded before use, so "gärna" and "garna" are one.
const MARKERS: &[(&str, usize, f32)] = &[
    // Danish, and what tells it from Norwegian.
    ("jeg", DA, 1.0),
    ("jeg", NO, 1.0),
    ("ikke", DA, 1.0),
    ("ikke", NO, 1.0),
    ("og", DA, 1.0),
    ("og", NO, 1.0),
    ("af", DA, 2.5),
    ("hvad", DA, 3.0),
    ("hvilke", DA, 1.0),
    ("hvilke", NO, 1.0),
    ("mig", DA, 1.5),
    ("mig", SV, 1.0),
    ("dig", DA, 1.0),
    ("dig", SV, 1.0),
    ("nu", DA, 1.0),
    ("nu", SV, 1.0),
    ("efter", DA, 2.0),
    ("efter", SV, 1.0),
    ("gerne", DA, 3.0),
    ("mit", DA, 1.5),
    ("mine", DA, 0.7),
    ("mine", NO, 0.7),
    ("vores", DA, 3.0),
    ("jer", DA, 3.0),
    ("jeres", DA, 3.0),
    ("venlig", DA, 3.0),
    ("venligst", DA, 3.0),
    ("hilsen", DA, 0.7),
    ("hilsen", NO, 0.7),
    ("tak", DA, 2.5),
    ("noget", DA, 2.5),
    ("nogen", DA, 2.5),
    ("nogle", DA, 3.0),
    ("blive", DA, 2.5),
    ("bliver", DA, 3.0),
    ("blevet", DA, 3.0),
    ("meget", DA, 1.5),
    ("hej", DA, 1.0),
    ("hej", SV, 1.0),
    ("oplysninger", DA, 3.0),
    ("oplysningerne", DA, 3.0),
    ("personoplysninger", DA, 3.0),
    ("sletning", DA, 3.0),
    ("tilbage", DA, 3.0),
    ("op", DA, 1.5),
    ("ud", DA, 2.0),
    ("uge", DA, 3.0),
    ("ugen", DA, 3.0),
    ("hjælp", DA, 3.0),
    ("paa", DA, 2.0),
    ("faa", DA, 2.0),
    ("saa", DA, 1.0),
    ("mvh", DA, 0.5),
    ("mvh", NO, 0.5),
    ("mvh", SV, 0.5),
    ("vh", DA, 1.0),
    ("kh", DA, 1.0),
    ("også", DA, 0.5),
    ("også", NO, 0.5),
    ("hvordan", DA, 0.5),
    ("hvordan", NO, 0.5),
    ("desværre", DA, 3.0),
    ("undskyld", DA, 3.0),
    ("kan", DA, 0.3),
    ("kan", NO, 0.3),
    ("kan", SV, 0.3),
    ("har", DA, 0.3),
    ("har", NO, 0.3),
    ("har", SV, 0.3),
    ("være", DA, 0.7),
    ("være", NO, 0.7),
    ("ønsker", DA, 0.7),
    ("ønsker", NO, 0.7),
    ("skal", DA, 0.7),
    ("skal", NO, 0.7),
    ("forløb", DA, 2.0),
    ("forløbet", DA, 2.0),
    ("samtykke", DA, 0.5),
    ("samtykke", NO, 0.5),
    ("indsigt", DA, 3.0),
    ("heller", DA, 0.5),
    ("heller", NO, 0.5),
    ("sådan", DA, 2.0),
    ("selv", DA, 0.5),
    ("selv", NO, 0.5),
    ("lige", DA, 1.5),
    ("jo", DA, 0.5),
    ("fordi", DA, 0.5),
    ("fordi", NO, 0.5),
    ("eller", DA, 0.3),
    ("eller", NO, 0.3),
    ("eller", SV, 0.3),
    // Subject-only asks ("Afmeld nyhedsbrev", "stopp sms", "Avregistrera"): words short mails
    // are made of.
    ("afmeld", DA, 2.0),
    ("afmelde", DA, 2.0),
    ("nyhedsbrev", DA, 2.0),
    ("nyhedsbrevet", DA, 2.0),
    ("nyhetsbrev", NO, 1.0),
    ("nyhetsbrev", SV, 1.0),
    ("nyhetsbrevet", NO, 1.0),
    ("nyhetsbrevet", SV, 1.0),
    ("stopp", NO, 1.5),
    ("avmeld", NO, 2.0),
    ("avmelde", NO, 2.0),
    ("avregistrera", SV, 2.0),
    ("avsluta", SV, 1.5),
    ("abmelden", DE, 2.0),
    ("afmelden", NL, 2.0),
    // Norwegian.
    ("av", NO, 2.0),
    ("av", SV, 2.0),
    ("hva", NO, 3.0),
    ("meg", NO, 3.0),
    ("deg", NO, 3.0),
    ("seg", NO, 2.0),
    ("nå", NO, 1.5),
    ("etter", NO, 3.0),
    // the words of notices and receipts, where few function words appear ("Du har mottatt en
    // betaling", "Meldingen din kunne ikke leveres", "Sikkerhetskopi fullført")
    ("mottatt", NO, 2.0),
    ("mottaker", NO, 2.0),
    ("mottakeren", NO, 2.0),
    ("mottakere", NO, 2.0),
    ("melding", NO, 1.0),
    ("meldingen", NO, 1.5),
    ("beløp", NO, 2.0),
    ("levert", NO, 1.5),
    ("igjen", NO, 2.0),
    ("feilet", NO, 2.0),
    ("ukentlig", NO, 2.0),
    ("fullført", NO, 2.0),
    ("virksomhet", NO, 2.0),
    ("innhold", NO, 2.0),
    ("opptak", NO, 2.0),
    ("sikkerhetskopi", NO, 2.0),
    ("modtaget", DA, 2.0),
    ("modtager", DA, 2.0),
    ("modtageren", DA, 2.0),
    ("beløb", DA, 2.0),
    ("leveret", DA, 1.5),
    ("igen", DA, 1.5),
    ("ugentlig", DA, 2.0),
    ("fuldført", DA, 2.0),
    ("virksomhed", DA, 2.0),
    ("indhold", DA, 2.0),
    ("sikkerhedskopi", DA, 2.0),
    ("gjerne", NO, 3.0),
    ("mitt", NO, 1.0),
    ("mitt", SV, 1.0),
    ("våre", NO, 2.0),
    ("dere", NO, 3.0),
    ("deres", NO, 1.0),
    ("deres", DA, 0.5),
    ("vennlig", NO, 3.0),
    ("vennligst", NO, 3.0),
    ("takk", NO, 3.0),
    ("noe", NO, 3.0),
    ("noen", NO, 3.0),
    ("bli", NO, 2.0),
    ("blir", NO, 2.5),
    ("blitt", NO, 3.0),
    ("mye", NO, 3.0),
    ("hei", NO, 2.5),
    ("hei", FI, 1.0),
    ("opplysninger", NO, 3.0),
    ("opplysningene", NO, 3.0),
    ("personopplysninger", NO, 3.0),
    ("personopplysningene", NO, 3.0),
    ("sletting", NO, 3.0),
    ("tilbake", NO, 3.0),
    ("opp", NO, 2.0),
    ("uke", NO, 3.0),
    ("hjelp", NO, 3.0),
    ("innsyn", NO, 3.0),
    ("ikkje", NO, 3.0),
    // (session 15: short phone mail — "sitter fast i trafikken", "glem det fant sms'en", "min
    // veninde sagde 10 år")
    ("sitter", NO, 2.5),
    ("sidder", DA, 2.5),
    ("fant", NO, 2.0),
    ("fandt", DA, 2.0),
    ("veninde", DA, 3.0),
    ("venninne", NO, 3.0),
    ("sagde", DA, 2.0),
    ("gemmer", DA, 2.0),
    ("nysgerrig", DA, 2.5),
    ("nysgjerrig", NO, 2.5),
    ("eg", NO, 2.0),
    ("kva", NO, 3.0),
    ("ber", NO, 1.5),
    ("dessverre", NO, 3.0),
    ("timen", NO, 2.0),
    ("personvern", NO, 3.0),
    ("heisann", NO, 3.0),
    ("tusen", NO, 1.5),
    ("slik", NO, 2.0),
    ("sånn", NO, 2.0),
    ("fra", DA, 0.7),
    ("fra", NO, 0.7),
    ("til", DA, 0.3),
    ("til", NO, 0.3),
    ("fortsetter", NO, 3.0),
    ("etterpå", NO, 3.0),
    ("prøvde", NO, 2.5),
    ("foreslo", NO, 2.0),
    ("e-post", NO, 1.5),
    ("epost", NO, 1.5),
    ("lagret", NO, 1.0),
    ("lagret", DA, 0.5),
    ("hilsen", NO, 0.0),
    ("ble", NO, 2.5),
    ("blev", DA, 2.0),
    ("fikk", NO, 2.5),
    ("fik", DA, 2.0),
    ("kjære", NO, 3.0),
    ("kære", DA, 3.0),
    ("veldig", NO, 3.0),
    ("registrert", NO, 1.5),
    ("registreret", DA, 1.5),
    ("logg", NO, 1.5),
    // Swedish.
    ("jag", SV, 3.0),
    ("inte", SV, 3.0),
    ("och", SV, 3.0),
    ("att", SV, 3.0),
    ("är", SV, 3.0),
    ("vad", SV, 3.0),
    ("vilka", SV, 3.0),
    ("vilken", SV, 3.0),
    ("gärna", SV, 3.0),
    ("mina", SV, 3.0),
    ("ni", SV, 2.0),
    ("era", SV, 2.5),
    ("ert", SV, 3.0),
    ("vänlig", SV, 3.0),
    ("vänliga", SV, 3.0),
    ("hälsningar", SV, 3.0),
    ("hälsning", SV, 3.0),
    ("tack", SV, 3.0),
    ("också", SV, 3.0),
    ("något", SV, 3.0),
    ("några", SV, 3.0),
    ("någon", SV, 3.0),
    ("vara", SV, 2.0),
    ("mycket", SV, 3.0),
    ("uppgifter", SV, 3.0),
    ("uppgifterna", SV, 3.0),
    ("personuppgifter", SV, 3.0),
    ("radera", SV, 3.0),
    ("tillbaka", SV, 3.0),
    ("från", SV, 3.0),
    ("vill", SV, 2.0),
    ("ska", SV, 2.0),
    ("vänligen", SV, 3.0),
    ("upp", SV, 1.5),
    ("vecka", SV, 3.0),
    ("hjälp", SV, 1.5),
    ("skulle", SV, 2.0),
    ("för", SV, 1.5),
    ("på", SV, 0.3),
    ("på", DA, 0.3),
    ("på", NO, 0.3),
    ("hejsan", SV, 3.0),
    ("kram", SV, 1.5),
    ("mejl", SV, 3.0),
    ("mejla", SV, 3.0),
    ("tyvärr", SV, 3.0),
    ("själv", SV, 3.0),
    ("kunde", SV, 0.5),
    ("bara", SV, 1.5),
    ("sig", SV, 0.5),
    ("sig", DA, 0.5),
    ("snälla", SV, 3.0),
    ("ännu", SV, 3.0),
    ("också", SV, 0.0),
    ("langre", SV, 1.0),
    ("tills", SV, 2.0),
    ("ett", SV, 2.5),
    ("till", SV, 1.5),
    ("skicka", SV, 2.0),
    ("kvitto", SV, 2.0),
    ("mitt", SV, 0.5),
    // "Vedlagt kopi av passet mitt": Swedish says "bifogad kopia"
    ("vedlagt", NO, 1.5),
    ("vedlagt", DA, 1.0),
    ("kopi", NO, 1.0),
    ("kopi", DA, 1.0),
    ("min", SV, 0.3),
    ("min", DA, 0.3),
    ("min", NO, 0.3),
    // English.
    ("i", EN, 0.6),
    ("the", EN, 3.0),
    ("and", EN, 3.0),
    ("to", EN, 1.5),
    ("of", EN, 2.0),
    ("is", EN, 2.0),
    ("my", EN, 3.0),
    ("me", EN, 2.0),
    ("you", EN, 3.0),
    ("your", EN, 3.0),
    ("please", EN, 3.0),
    ("would", EN, 3.0),
    ("like", EN, 2.0),
    ("want", EN, 3.0),
    ("thanks", EN, 2.5),
    ("thank", EN, 3.0),
    ("hi", EN, 1.5),
    ("hello", EN, 2.0),
    ("dear", EN, 2.0),
    ("regards", EN, 3.0),
    ("best", EN, 1.0),
    ("have", EN, 1.5),
    ("this", EN, 2.0),
    ("that", EN, 2.0),
    ("with", EN, 1.5),
    ("for", EN, 1.0),
    ("it", EN, 1.0),
    ("be", EN, 2.0),
    ("can", EN, 1.5),
    ("could", EN, 3.0),
    ("not", EN, 2.0),
    ("dont", EN, 2.0),
    ("im", EN, 2.0),
    ("cheers", EN, 3.0),
    ("all", EN, 1.0),
    ("about", EN, 3.0),
    ("what", EN, 3.0),
    ("which", EN, 3.0),
    ("on", EN, 1.0),
    ("are", EN, 2.0),
    ("will", EN, 1.0),
    ("from", EN, 1.5),
    ("any", EN, 2.0),
    ("data", EN, 0.3),
    ("kind", EN, 1.5),
    ("sincerely", EN, 3.0),
    ("faithfully", EN, 3.0),
    ("hey", EN, 1.5),
    ("thx", EN, 2.0),
    ("plz", EN, 2.0),
    ("u", EN, 1.0),
    ("ur", EN, 2.0),
    ("sent", EN, 1.0),
    // German.
    ("ich", DE, 3.0),
    ("nicht", DE, 3.0),
    ("und", DE, 3.0),
    ("die", DE, 2.0),
    ("der", DE, 1.0),
    ("das", DE, 2.0),
    ("meine", DE, 3.0),
    ("mein", DE, 2.0),
    ("meiner", DE, 3.0),
    ("meinen", DE, 3.0),
    ("meines", DE, 3.0),
    ("mich", DE, 3.0),
    ("mir", DE, 3.0),
    ("sie", DE, 2.0),
    ("ist", DE, 3.0),
    ("bitte", DE, 3.0),
    ("daten", DE, 3.0),
    ("danke", DE, 3.0),
    ("hallo", DE, 1.5),
    ("hallo", NL, 0.5),
    ("gruß", DE, 3.0),
    ("grüße", DE, 3.0),
    ("gruesse", DE, 3.0),
    ("freundlichen", DE, 3.0),
    ("haben", DE, 3.0),
    ("über", DE, 3.0),
    ("von", DE, 2.0),
    ("zu", DE, 2.0),
    ("auf", DE, 3.0),
    ("für", DE, 2.0),
    ("nach", DE, 2.0),
    ("eine", DE, 3.0),
    ("einen", DE, 3.0),
    ("ein", DE, 2.0),
    ("dass", DE, 3.0),
    ("möchte", DE, 3.0),
    ("bei", DE, 2.0),
    ("auch", DE, 2.0),
    ("noch", DE, 2.0),
    ("keine", DE, 3.0),
    ("sehr", DE, 2.0),
    ("geehrte", DE, 3.0),
    ("geehrter", DE, 3.0),
    ("löschen", DE, 3.0),
    ("auskunft", DE, 3.0),
    ("zur", DE, 3.0),
    ("zum", DE, 3.0),
    ("wir", DE, 3.0),
    ("ihre", DE, 3.0),
    ("ihr", DE, 1.0),
    ("uns", DE, 2.0),
    ("sind", DE, 3.0),
    ("wird", DE, 3.0),
    ("werden", DE, 3.0),
    ("es", DE, 1.0),
    ("lg", DE, 2.0),
    ("viele", DE, 3.0),
    ("mit", DE, 1.5),
    ("mit", DA, 0.5),
    ("hiermit", DE, 3.0),
    ("gemäß", DE, 3.0),
    ("dsgvo", DE, 3.0),
    ("euch", DE, 3.0),
    ("eurer", DE, 3.0),
    ("anbei", DE, 3.0),
    ("kann", DE, 2.0),
    ("können", DE, 3.0),
    ("ob", DE, 1.0),
    // Dutch.
    ("ik", NL, 3.0),
    ("niet", NL, 3.0),
    ("het", NL, 3.0),
    ("van", NL, 2.0),
    ("mijn", NL, 3.0),
    ("mij", NL, 3.0),
    ("uw", NL, 3.0),
    ("graag", NL, 3.0),
    ("groet", NL, 3.0),
    ("groetjes", NL, 3.0),
    ("bedankt", NL, 3.0),
    ("een", NL, 3.0),
    ("wil", NL, 2.0),
    ("wilt", NL, 3.0),
    ("voor", NL, 3.0),
    ("naar", NL, 3.0),
    ("heeft", NL, 3.0),
    ("hebben", NL, 3.0),
    ("gegevens", NL, 3.0),
    ("persoonsgegevens", NL, 3.0),
    ("verwijderen", NL, 3.0),
    ("met", NL, 2.0),
    ("vriendelijke", NL, 3.0),
    ("jullie", NL, 3.0),
    ("kunt", NL, 3.0),
    ("zijn", NL, 2.0),
    ("deze", NL, 3.0),
    ("dit", NL, 2.0),
    ("ook", NL, 3.0),
    ("nog", NL, 2.0),
    ("maar", NL, 2.0),
    ("hoi", NL, 3.0),
    ("beste", NL, 1.5),
    ("afspraak", NL, 3.0),
    ("volgende", NL, 3.0),
    ("hierbij", NL, 3.0),
    ("geachte", NL, 3.0),
    ("verzoek", NL, 3.0),
    ("klopt", NL, 3.0),
    ("mag", NL, 2.0),
    ("trek", NL, 1.0),
    ("u", NL, 1.0),
    ("toestemming", NL, 3.0),
    ("uitschrijven", NL, 3.0),
    ("nieuwsbrief", NL, 3.0),
    ("kom", NL, 1.5),
    ("meer", NL, 2.0),
    ("terug", NL, 3.0),
    ("dat", NL, 1.0),
    ("ben", NL, 1.0),
    ("tot", NL, 2.0),
    // Finnish.
    ("ja", FI, 1.5),
    ("ei", FI, 3.0),
    ("minä", FI, 3.0),
    ("minun", FI, 3.0),
    ("minusta", FI, 3.0),
    ("haluan", FI, 3.0),
    ("haluaisin", FI, 3.0),
    ("kiitos", FI, 3.0),
    ("terveisin", FI, 3.0),
    ("tiedot", FI, 3.0),
    ("tietoni", FI, 3.0),
    ("että", FI, 3.0),
    ("teillä", FI, 3.0),
    ("ole", FI, 3.0),
    ("olen", FI, 3.0),
    ("mitä", FI, 3.0),
    ("voisitteko", FI, 3.0),
    ("pyydän", FI, 3.0),
    ("kaikki", FI, 3.0),
    ("ensi", FI, 3.0),
    ("viikolla", FI, 3.0),
    ("ystävällisin", FI, 3.0),
    ("on", FI, 0.7),
    ("onko", FI, 3.0),
    ("poistatte", FI, 3.0),
    ("henkilötietoja", FI, 3.0),
    ("enkä", FI, 3.0),
    ("nähdään", FI, 3.0),
    ("tai", FI, 2.0),
    ("osoitteeni", FI, 3.0),
    ("väärin", FI, 3.0),
    ("sähköpostiani", FI, 3.0),
    ("se", FI, 0.5),
    // everyday and spoken Finnish ("voitko poistaa mun varauksen torstaina klo 16 tuli este.
    // kiitti")
    ("voitko", FI, 3.0),
    ("voisitko", FI, 3.0),
    ("voitteko", FI, 3.0),
    ("mun", FI, 2.0),
    ("mulla", FI, 3.0),
    ("mulle", FI, 3.0),
    ("kiitti", FI, 3.0),
    ("moi", FI, 2.0),
    ("klo", FI, 2.0),
    ("tuli", FI, 2.0),
    ("poistaa", FI, 3.0),
    ("teidän", FI, 3.0),
    ("tänään", FI, 3.0),
    ("huomenna", FI, 3.0),
    ("maanantaina", FI, 3.0),
    ("tiistaina", FI, 3.0),
    ("keskiviikkona", FI, 3.0),
    ("torstaina", FI, 3.0),
    ("perjantaina", FI, 3.0),
];

/// Every marker word as written (for the lexicon's table of known words).
pub fn marker_words() -> impl Iterator<Item = &'static str> {
    MARKERS.iter().map(|(word, _, _)| *word)
}

/// The markers' weights by folded word, with whether markers written differently share it ("på"
/// and Danish "paa", "för" and "for", "våre" and "være"); and for those, each marker's weights by
/// the word as written (lower case), so a Swede's "på" is not counted as Danish "paa". A word
/// written otherwise ("pa" for "på") keeps the shared weights.
struct Table {
    folded: FastMap<String, ([f32; N], bool)>,
    written: FastMap<String, [f32; N]>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut folded: FastMap<String, ([f32; N], bool)> = FastMap::default();
        let mut first_spelling: FastMap<String, &str> = FastMap::default();
        for &(word, lang, weight) in MARKERS {
            let key = fold(word);
            let spelling = *first_spelling.entry(key.clone()).or_insert(word);
            let (weights, shared) = folded.entry(key).or_insert(([0.0; N], false));
            *shared |= spelling != word;
            if let Some(slot) = weights.get_mut(lang) {
                *slot += weight;
            }
        }
        let mut written: FastMap<String, [f32; N]> = FastMap::default();
        for &(word, lang, weight) in MARKERS {
            if folded.get(&fold(word)).is_some_and(|(_, shared)| *shared) {
                let weights = written.entry(word.to_lowercase()).or_insert([0.0; N]);
                if let Some(slot) = weights.get_mut(lang) {
                    *slot += weight;
                }
            }
        }
        Table { folded, written }
    })
}

/// What one folded word adds to each language's score (`raw` is the word as written, to tell
/// English "I" from Danish "i" = "in"). Scores only ever grow, so adding a zero changes nothing.
pub fn word_weights(folded: &str, raw: &str) -> [f32; N] {
    let mut weights = [0.0; N];
    if folded == "a" {
        // Norwegian's infinitive marker "å" folds to English "a"; Danish writes "at".
        if raw == "å" || raw == "Å" {
            weights[NO] += 2.0;
        }
        return weights;
    }
    if folded == "i" {
        if raw == "I" {
            weights[EN] += 1.5;
        } else {
            weights[DA] += 0.3;
            weights[SV] += 0.3;
            weights[NO] += 0.3;
        }
        return weights;
    }
    let table = table();
    if let Some((w, shared)) = table.folded.get(folded) {
        weights = *w;
        if *shared {
            if let Some(w) = table.written.get(raw.to_lowercase().as_str()) {
                weights = *w;
            }
        }
    } else if folded.len() > 5 && folded.is_ascii() {
        // Finnish case endings are a good tell on words no list holds.
        let fi_suffix = ["ssa", "ssä", "lla", "llä", "sta", "lta", "ksi", "tta"]
            .iter()
            .any(|s| folded.ends_with(s));
        if fi_suffix {
            weights[FI] += 0.4;
        }
    }
    weights
}

/// Per-language weights with the given languages set.
const fn weights(set: &[(usize, f32)]) -> [f32; N] {
    let mut w = [0.0; N];
    let mut k = 0;
    while k < set.len() {
        w[set[k].0] = set[k].1;
        k += 1;
    }
    w
}

/// Running evidence for the language of one text.
#[derive(Debug, Clone, Default)]
pub struct LanguageScores {
    scores: [f32; N],
}

impl LanguageScores {
    /// Count one folded word (`raw` is the word as written, to tell English "I" from Danish
    /// "i" = "in").
    pub fn add_word(&mut self, folded: &str, raw: &str) {
        self.add_weights(&word_weights(folded, raw));
    }

    /// Count one word whose [`word_weights`] are known.
    pub fn add_weights(&mut self, weights: &[f32; N]) {
        for (s, w) in self.scores.iter_mut().zip(weights.iter()) {
            *s += *w;
        }
    }

    /// Count the letters that only some of our languages use.
    pub fn add_letters(&mut self, text: &str) {
        // Every letter counted is U+00C4 … U+00FC: two bytes in UTF-8, the first 0xC3, which in
        // valid UTF-8 only ever starts such a character. Scanning the bytes for it finds the same
        // letters in the same order as decoding every character, at a fraction of the cost.
        // Blocks of ASCII are skipped whole.
        let bytes = text.as_bytes();
        let mut block = 0;
        while block < bytes.len() {
            let end = (block + 16).min(bytes.len());
            let chunk = bytes.get(block..end).unwrap_or(&[]);
            let first = block;
            block = end;
            if chunk.is_ascii() {
                continue;
            }
            for (k, _) in chunk.iter().enumerate().filter(|(_, &b)| b == 0xC3) {
                self.add_letter(bytes.get(first + k + 1).copied());
            }
        }
    }

    /// Count the letter whose UTF-8 encoding is 0xC3 and `second`.
    fn add_letter(&mut self, second: Option<u8>) {
        match second {
            // æ Æ ø Ø
            Some(0xA6 | 0x86 | 0xB8 | 0x98) => {
                self.scores[DA] += 0.4;
                self.scores[NO] += 0.4;
            }
            // ä Ä ö Ö
            Some(0xA4 | 0x84 | 0xB6 | 0x96) => {
                self.scores[SV] += 0.3;
                self.scores[DE] += 0.2;
                self.scores[FI] += 0.3;
            }
            // ü Ü ß
            Some(0xBC | 0x9C | 0x9F) => self.scores[DE] += 0.5,
            // å Å
            Some(0xA5 | 0x85) => {
                self.scores[SV] += 0.2;
                self.scores[DA] += 0.2;
                self.scores[NO] += 0.2;
            }
            _ => {}
        }
    }

    /// Count a phone's signature line ("Skickat från min iPhone", "Lähetetty iPhonesta"): the
    /// phone speaks its owner's language, which settles a four-word "blir sen typ 10 min". Only
    /// the first lines are read, and only the signature's start (ASCII case ignored).
    pub fn add_device_signature(&mut self, text: &str) {
        const SIGNATURES: [(&str, [f32; N]); 7] = [
            ("sendt fra min", weights(&[(DA, 1.5), (NO, 1.5)])),
            ("skickat från min", weights(&[(SV, 2.5)])),
            ("lähetetty", weights(&[(FI, 2.5)])),
            ("von meinem", weights(&[(DE, 2.5)])),
            ("verzonden vanaf", weights(&[(NL, 2.5)])),
            ("verstuurd vanaf", weights(&[(NL, 2.5)])),
            // (a Nordic phone is often set to English: a hint only)
            ("sent from my", weights(&[(EN, 0.3)])),
        ];
        for line in text.lines().take(40) {
            let line = line.trim();
            if line.len() > 60 || line.starts_with('>') {
                continue;
            }
            let starts = |s: &str| {
                line.as_bytes()
                    .get(..s.len())
                    .is_some_and(|head| head.eq_ignore_ascii_case(s.as_bytes()))
            };
            if let Some((_, w)) = SIGNATURES.iter().find(|(s, _)| starts(s)) {
                self.add_weights(w);
                return;
            }
        }
    }

    /// The best language's score.
    pub fn top(&self) -> f32 {
        self.scores.iter().copied().fold(0.0, f32::max)
    }

    /// The second-best language, when it scored at all.
    pub fn runner_up(&self) -> Option<Language> {
        let (best, _) = self.best();
        let bi = ORDER.iter().position(|l| *l == best).unwrap_or(EN);
        self.scores
            .iter()
            .enumerate()
            .filter(|(i, s)| *i != bi && **s > 0.0)
            .max_by(|a, b| a.1.total_cmp(b.1))
            .and_then(|(i, _)| ORDER.get(i).copied())
    }

    /// The best language, and how far ahead of the runner-up it is (0 = a tie, 1 = alone).
    pub fn best(&self) -> (Language, f32) {
        let mut order: [(usize, f32); N] = std::array::from_fn(|i| (i, 0.0));
        for ((_, o), s) in order.iter_mut().zip(self.scores.iter()) {
            *o = *s;
        }
        // The comparison is total (ties broken by index), so an unstable sort orders as a stable
        // one would, without a buffer.
        order.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let (first, top) = order.first().copied().unwrap_or((EN, 0.0));
        let second = order.get(1).map_or(0.0, |x| x.1);
        if top <= 0.0 {
            return (Language::En, 0.0);
        }
        let lang = ORDER.get(first).copied().unwrap_or(Language::En);
        (lang, ((top - second) / top).clamp(0.0, 1.0))
    }
}

/// The language of a whole text (convenience for tests and callers without tokens).
pub fn detect(text: &str) -> Language {
    let mut scores = LanguageScores::default();
    let mut buf = String::new();
    for raw in text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-')) {
        if raw.is_empty() {
            continue;
        }
        super::text::fold_into(raw, &mut buf);
        scores.add_word(&buf, raw);
    }
    scores.add_letters(text);
    scores.best().0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phone_signature_settles_a_four_word_mail() {
        let text = "blir sen typ 10 min, bussen står still\n\nSkickat från min iPhone\n";
        let mut scores = LanguageScores::default();
        for word in ["blir", "sen", "typ", "min", "bussen", "står", "still"] {
            scores.add_word(&word.replace('å', "a"), word);
        }
        scores.add_device_signature(text);
        assert_eq!(scores.best().0, Language::Sv);
        // A quoted signature is someone else's phone.
        let mut quoted = LanguageScores::default();
        quoted.add_device_signature("> Lähetetty iPhonesta\n");
        assert_eq!(quoted.top(), 0.0);
    }

    #[test]
    fn tells_the_scandinavian_languages_apart() {
        assert_eq!(
            detect("Hej, jeg vil gerne se hvad I har om mig. Tak"),
            Language::Da
        );
        assert_eq!(
            detect("Hei, jeg vil gjerne vite hva dere har om meg. Takk"),
            Language::No
        );
        assert_eq!(
            detect("Hej, jag vill veta vad ni har om mig. Tack"),
            Language::Sv
        );
        assert_eq!(detect("slette mine oplysninger"), Language::Da);
        assert_eq!(detect("radera mina uppgifter"), Language::Sv);
        assert_eq!(detect("kan ni ta bort mig"), Language::Sv);
        assert_eq!(detect("Auskunft nach Art. 15"), Language::De);
        assert_eq!(detect("Please take me off your newsletter"), Language::En);
        assert_eq!(
            detect("Graag uitschrijven voor de nieuwsbrief"),
            Language::Nl
        );
        assert_eq!(
            detect("Haluan peruuttaa uutiskirjeen tilauksen. Kiitos."),
            Language::Fi
        );
    }

    #[test]
    fn markers_that_fold_alike_count_as_written() {
        // "på" is no Danish "paa", "for" no Swedish "för", "være" no Norwegian "våre"
        let pa = word_weights("pa", "på");
        assert!(pa[DA] == pa[NO] && pa[DA] == pa[SV], "{pa:?}");
        assert!(word_weights("pa", "paa")[DA] > word_weights("pa", "paa")[NO]);
        assert_eq!(word_weights("for", "for")[SV], 0.0);
        assert!(word_weights("for", "för")[SV] > 0.0);
        assert_eq!(
            word_weights("vare", "være")[NO],
            word_weights("vare", "være")[DA]
        );
        assert_eq!(
            detect("Det er helt sprøtt å ta 950 kr for 20 minutter. Jeg var inne og ute på et kvarter."),
            Language::No
        );
    }

    #[test]
    fn letters_are_counted_as_character_by_character() {
        fn by_chars(text: &str) -> [f32; N] {
            let mut s = [0.0f32; N];
            for c in text.chars() {
                match c {
                    'æ' | 'Æ' | 'ø' | 'Ø' => {
                        s[DA] += 0.4;
                        s[NO] += 0.4;
                    }
                    'ä' | 'Ä' | 'ö' | 'Ö' => {
                        s[SV] += 0.3;
                        s[DE] += 0.2;
                        s[FI] += 0.3;
                    }
                    'ü' | 'Ü' | 'ß' => s[DE] += 0.5,
                    'å' | 'Å' => {
                        s[SV] += 0.2;
                        s[DA] += 0.2;
                        s[NO] += 0.2;
                    }
                    _ => {}
                }
            }
            s
        }
        let letters = "æÆøØäÄöÖüÜßåÅéÃ¦ÿ€日本ab ";
        let mut text = String::new();
        for (i, c) in letters.chars().cycle().take(400).enumerate() {
            text.push(c);
            if i % 7 == 0 {
                text.push_str("plain ascii ");
            }
            let mut scores = LanguageScores::default();
            scores.add_letters(&text);
            assert_eq!(
                scores.scores.map(f32::to_bits),
                by_chars(&text).map(f32::to_bits),
                "{text}"
            );
        }
    }

    #[test]
    fn empty_text_is_english_and_total() {
        assert_eq!(detect(""), Language::En);
        assert_eq!(detect("12345 !!!"), Language::En);
    }
}

//! Turns a message body into what the classifier reads: the client's own words only (quoted
//! replies, forwarded Outlook header blocks, signatures and disclaimers cut away), split into
//! tokens that remember their sentence, their comma segment and where they sit in the text, and
//! folded so that missing diacritics and typed-out digraphs ("oe" for "ø") compare equal.
//!
//! Pure string work. It must never allocate per character in a hot loop beyond the token buffers,
//! never index a string at a position that might not be a char boundary, and never panic.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use crate::message::Attachment;

/// The part of a body that the sender wrote in this message: everything before the first quote
/// header, `>`-quoted lines skipped, signatures and confidentiality disclaimers removed.
pub fn own_words(body: &str) -> String {
    let mut out = String::with_capacity(body.len().min(8192));
    own_words_into(body, &mut out);
    out
}

/// [`own_words`] appended to `out` (what is already there is left as it is), so that the caller
/// can put it straight where it is read, without a string of its own.
pub fn own_words_into(body: &str, out: &mut String) {
    // One walk over the lines: each paragraph's lines go straight to `out` (one newline after
    // each) and are taken back if the paragraph turns out to be a disclaimer; the walk stops at
    // the first signature separator or quote header (which looks ahead on a copy of the walk).
    let mut paragraph = Paragraph {
        start: out.len(),
        lines: 0,
        len: 0,
    };
    // The line before, and whether it went to `out`.
    let mut previous: Option<(&str, bool)> = None;
    let mut lines = Lines { rest: body };
    let start = out.len();
    while let Some(line) = lines.next() {
        let history = might_start_history(line) && starts_quoted_history(line, lines.clone());
        if is_signature_separator(line) || history {
            // A wrapped Gmail-style intro ("On Mon, 3 Feb 2025 at 10:01, Anna <a@b>\nwrote:"):
            // the intro's first line sits just above the cut, and goes too.
            let cut = line.trim();
            if ends_with_wrote(cut) && !looks_like_intro_start(cut) {
                if let Some((prev, kept)) = previous {
                    // (A line that was not kept — blank, quoted, a phone's signature — never
                    // looks like an intro.)
                    if looks_like_intro_start(prev.trim()) && kept {
                        out.truncate(out.len().saturating_sub(prev.len() + 1));
                        paragraph.lines -= 1;
                        paragraph.len -= prev.len();
                    }
                }
            }
            if !(history && writer_goes_on_below(line, lines.clone(), out.len() == start)) {
                break;
            }
            previous = Some((line, false));
            continue;
        }
        let t = line.trim_start();
        let kept = if t.starts_with('>') || is_mobile_signature(t) {
            false
        } else if t.trim().is_empty() {
            paragraph.flush(out);
            false
        } else {
            out.push_str(line);
            out.push('\n');
            paragraph.lines += 1;
            paragraph.len += line.len();
            true
        };
        previous = Some((line, kept));
    }
    paragraph.flush(out);
    drop_template_choices(out, start);
}

/// The first lines under the sender's signature separator ("-- "), where a name, a title and a
/// practice stand: at most [`SIGNATURE_LINES`] lines, and nothing when a quoted mail comes first.
pub fn signature_block(body: &str) -> Option<&str> {
    let mut lines = Lines { rest: body };
    while let Some(line) = lines.next() {
        if might_start_history(line) && starts_quoted_history(line, lines.clone()) {
            return None;
        }
        if is_signature_separator(line) {
            let block = lines.rest;
            let mut end = 0;
            let mut taken = 0;
            let mut below = lines.clone();
            while let Some(l) = below.next() {
                if taken == SIGNATURE_LINES || might_start_history(l) || l.starts_with('>') {
                    break;
                }
                taken += usize::from(!l.trim().is_empty());
                end = block.len() - below.rest.len();
            }
            return block.get(..end);
        }
    }
    None
}

/// How many lines under a signature separator [`signature_block`] reads.
const SIGNATURE_LINES: usize = 4;

/// A template's choices left unchosen ("Skäl för radering: [Välj ett: uppgifterna behövs inte
/// längre / jag återkallar det samtycke … / jag invänder mot behandlingen]") say nothing the
/// writer asks: a bracketed span with a "/" in it goes (a link in brackets with it, harmlessly).
fn drop_template_choices(out: &mut String, from: usize) {
    const LONGEST: usize = 600;
    let mut at = from;
    while let Some(open) = out
        .get(at..)
        .and_then(|rest| rest.find('['))
        .map(|o| at + o)
    {
        let Some(close) = out
            .get(open..)
            .and_then(|rest| rest.find(']'))
            .map(|c| open + c)
            .filter(|&c| c - open <= LONGEST)
        else {
            break;
        };
        if out.get(open..close).is_some_and(|span| span.contains('/')) {
            out.replace_range(open..=close, "");
            at = open;
        } else {
            at = close + 1;
        }
    }
}

/// The mail forwarded below the sender's own words ("VS: Sletning af mine oplysninger" passed on
/// by a receptionist, a client sending their unanswered request again): its body without the
/// header block ("Fra: … / Sendt: … / Emne: …", "---------- Forwarded message ---------"), cut
/// like [`own_words`], appended to `out`. Nothing when no forwarded mail is found.
pub fn forwarded_words_into(body: &str, out: &mut String) {
    if let Some(rest) = forwarded_body(body) {
        // A forward quoted with "> " (some mail programs) is read without the marks.
        if rest.trim_start().starts_with('>') {
            let unquoted: String = Lines { rest }
                .map(|l| {
                    let l = l.trim_start();
                    let l = l.strip_prefix('>').unwrap_or(l);
                    l.strip_prefix(' ').unwrap_or(l)
                })
                .flat_map(|l| [l, "\n"])
                .collect();
            own_words_into(&unquoted, out);
        } else {
            own_words_into(rest, out);
        }
    }
}

/// Where the mail's history (a forwarded or quoted mail's header block) starts in `body`, as a
/// byte offset; the sender's own words end there.
pub fn history_start(body: &str) -> Option<usize> {
    let (first, _) = history(body)?;
    (first.as_ptr() as usize).checked_sub(body.as_ptr() as usize)
}

/// The first line of the mail's history, and the lines after it.
fn history(body: &str) -> Option<(&str, Lines<'_>)> {
    let mut lines = Lines { rest: body };
    loop {
        let line = lines.next()?;
        if might_start_history(line) && starts_quoted_history(line, lines.clone()) {
            return Some((line, lines));
        }
    }
}

/// The forwarded mail's body: what follows its header block, if there is one and it is not a
/// role's mail.
fn forwarded_body(body: &str) -> Option<&str> {
    // Where the history starts: the forwarded mail's header.
    let (first, mut lines) = history(body)?;
    // A mail from a newsletter, a newsroom or a company's service desk passes on nobody's request.
    let header_block = std::iter::once(first).chain(lines.clone()).take(8);
    if header_block.map(header_text).any(sender_is_a_role) {
        return None;
    }
    // Past the rest of the header block: labels, separators, blank lines.
    let mut rest = lines.rest;
    while let Some(line) = lines.next() {
        let t = header_text(line);
        let header = t.is_empty()
            || t.starts_with('-')
            || t.starts_with('_')
            || lower_starts_with_any(t, &FROM_LABELS)
            || lower_starts_with_any(t, &HEADER_LABELS)
            || lower_starts_with_any(t, &["cc:", "kopi:", "kopia:", "reply-to:"]);
        if !header {
            break;
        }
        rest = lines.rest;
    }
    Some(rest)
}

/// A header line without the quote marks and indentation before it.
fn header_text(line: &str) -> &str {
    line.trim_start_matches(|c: char| c == '>' || c.is_whitespace())
}

/// A "From:" header line whose address is a role's, not a person's: "nyhedsbrev@",
/// "redaktion@", "no-reply@", "hr-service@", "info@".
fn sender_is_a_role(line: &str) -> bool {
    if !lower_starts_with_any(line, &FROM_LABELS) {
        return false;
    }
    let Some(at) = line.find('@') else {
        return false;
    };
    let local = line
        .get(..at)
        .unwrap_or("")
        .rsplit(['<', ' ', ':', '"'])
        .next()
        .unwrap_or("");
    local_part_is_a_role(local)
}

/// The names of attached letters (PDF, Word, OpenDocument, text), each on a line of its own
/// with its extension dropped and `_`, `-`, `.` read as spaces: "Anmodning_berigtigelse.pdf" →
/// "Anmodning berigtigelse". Images are left out (a photo's name says nothing of a request).
/// The contents are never read.
pub fn document_names_into(attachments: &[Attachment], out: &mut String) {
    for a in attachments.iter().take(4) {
        let Some(name) = a.filename.as_deref().filter(|_| is_document(a)) else {
            continue;
        };
        if name.len() > 120 {
            continue;
        }
        let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        out.push_str("\n\n");
        out.extend(stem.chars().map(|ch| match ch {
            '_' | '-' | '.' | '+' => ' ',
            ch => ch,
        }));
        out.push('\n');
    }
}

/// A letter or document (PDF, Word, OpenDocument, RTF, plain text), not an image.
pub fn is_document(a: &Attachment) -> bool {
    const DOCUMENTS: [&str; 6] = [
        "application/pdf",
        "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.oasis.opendocument.text",
        "application/rtf",
        "text/plain",
    ];
    DOCUMENTS.contains(&a.content_type.as_str())
}

/// Two addresses of one organisation: the same domain, not a public mail service's (two
/// clients both on gmail.com are no colleagues).
pub fn same_organisation(a: &str, b: &str) -> bool {
    fn domain(address: &str) -> Option<&str> {
        address.trim().rsplit_once('@').map(|(_, d)| d.trim())
    }
    match (domain(a), domain(b)) {
        (Some(x), Some(y)) => x.eq_ignore_ascii_case(y) && !public_mail_domain(x),
        _ => false,
    }
}

/// A domain anyone can get a mailbox at: "gmail.com", "hotmail.dk", "online.no", "gmx.de".
pub fn public_mail_domain(domain: &str) -> bool {
    // By the name before the country or generic ending: "hotmail" covers hotmail.com, .dk, .se.
    const SERVICES: [&str; 34] = [
        "gmail",
        "googlemail",
        "hotmail",
        "outlook",
        "live",
        "msn",
        "yahoo",
        "ymail",
        "icloud",
        "me",
        "mac",
        "aol",
        "gmx",
        "web",
        "t-online",
        "freenet",
        "posteo",
        "proton",
        "protonmail",
        "pm",
        "tutanota",
        "fastmail",
        "mail",
        "email",
        "online",
        "telia",
        "jubii",
        "ofir",
        "sol",
        "spray",
        "bredband",
        "yandex",
        "zoho",
        "hey",
    ];
    let mut labels = domain.rsplit('.');
    labels.next();
    labels
        .next()
        .is_some_and(|name| SERVICES.iter().any(|s| s.eq_ignore_ascii_case(name)))
}

/// The address in a header item: "Lone Bech <lone@bech.dk>" → "lone@bech.dk".
pub fn bare_address(item: &str) -> &str {
    let item = item.trim();
    match (item.rfind('<'), item.rfind('>')) {
        (Some(open), Some(close)) if open < close => item.get(open + 1..close).unwrap_or(item),
        _ => item,
    }
}

/// An address's local part (before the `@`) that names a role, not a person: "nyhedsbrev",
/// "no-reply", "hr-service", "info".
pub fn local_part_is_a_role(local: &str) -> bool {
    const ROLES: [&str; 30] = [
        "noreply",
        "no-reply",
        "no_reply",
        "donotreply",
        "newsletter",
        "nyhedsbrev",
        "nyhetsbrev",
        "nieuwsbrief",
        "redaktion",
        "redaksjon",
        "redactie",
        "news",
        "nyheter",
        "marketing",
        "service",
        "support",
        "kundeservice",
        "kundservice",
        "kundenservice",
        "klantenservice",
        "customerservice",
        "privacy",
        "dpo",
        "datenschutz",
        "hr",
        "info",
        "kontakt",
        "admin",
        "notification",
        "system",
    ];
    let local = local.to_ascii_lowercase();
    ROLES.iter().any(|r| {
        local == *r
            || local
                .strip_prefix(r)
                .is_some_and(|rest| rest.starts_with(['-', '_', '.']))
    })
}

/// The addresses on the first "From:" and first "To:" lines of a forwarded header in `body`
/// ("Fra: Anna <anna@example.dk>", "Til: <kundeservice@sats.dk>"), in any of their languages.
pub fn forwarded_addresses(body: &str) -> (Option<&str>, Option<&str>) {
    const TO_LABELS: [&str; 6] = ["to:", "til:", "till:", "an:", "aan:", "vastaanottaja:"];
    let address_after = |labels: &[&str]| {
        body.lines().map(header_text).find_map(|line| {
            lower_starts_with_any(line, labels)
                .then(|| line.split_once(':'))
                .flatten()
                .and_then(|(_, rest)| {
                    rest.split(|ch: char| ch.is_whitespace() || ch == ',' || ch == ';')
                        .find(|w| w.contains('@'))
                })
                .map(|w| w.trim_matches(|ch: char| "<>\"'()[]".contains(ch)))
        })
    };
    (address_after(&FROM_LABELS), address_after(&TO_LABELS))
}

/// Whether a subject marks a forward ("Fwd:", "FW:", "VS:", "VB:", "WG:", "Doorst:",
/// "Doorgestuurd:", Finnish "VL:"). Finnish "Vs:" (vastaus) answers instead: a "Vs:" over Finnish quoted headers
/// ("Lähettäjä:", "-----Alkuperäinen viesti-----", "… kirjoitti …:") is a reply.
pub fn is_forward_subject(subject: &str, body: &str) -> bool {
    const FORWARD: [&str; 8] = [
        "fwd:",
        "fw:",
        "vs:",
        "vb:",
        "wg:",
        "doorst:",
        "doorgestuurd:",
        "vl:",
    ];
    let s = subject.trim_start().as_bytes();
    let Some(prefix) = FORWARD.iter().find(|p| {
        s.get(..p.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(p.as_bytes()))
    }) else {
        return false;
    };
    let finnish_reply = || {
        body.lines().map(header_text).any(|line| {
            lower_starts_with_any(line, &["lähettäjä:", "-----alkuperäinen viesti"])
                || (line.contains(" kirjoitti ") && line.trim_end().ends_with(':'))
        })
    };
    *prefix != "vs:" || !finnish_reply()
}

/// The lines of a text exactly as [`str::lines`] gives them (split after each `\n`, which is
/// dropped with a `\r` before it), found by a plain byte loop: the lines of mail are short, and
/// the general-purpose search costs more to start than it saves.
#[derive(Clone)]
struct Lines<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if self.rest.is_empty() {
            return None;
        }
        let line = match self.rest.bytes().position(|b| b == b'\n') {
            Some(at) => {
                let line = self.rest.get(..at).unwrap_or("");
                self.rest = self.rest.get(at + 1..).unwrap_or("");
                line.strip_suffix('\r').unwrap_or(line)
            }
            None => std::mem::take(&mut self.rest),
        };
        Some(line)
    }
}

/// The paragraph being collected at the end of [`own_words`]'s output: where it starts, how many
/// lines it has and their length.
struct Paragraph {
    start: usize,
    lines: usize,
    len: usize,
}

impl Paragraph {
    /// End the paragraph: a blank line after it, or nothing at all if it is a disclaimer.
    fn flush(&mut self, out: &mut String) {
        if self.lines > 0 {
            // Its lines joined by newlines (the last one's dropped).
            let text = out
                .get(self.start..out.len().saturating_sub(1))
                .unwrap_or("");
            if self.len > 60 && is_disclaimer_paragraph(text) {
                // Mail flattened from HTML may hold the whole message in one paragraph, the
                // footer's disclaimer last: what comes before it, after a greeting, is kept.
                let kept = letter_before_disclaimer(text);
                out.truncate(self.start + kept);
                if kept > 0 {
                    out.push('\n');
                }
            } else {
                out.push('\n');
            }
        }
        *self = Paragraph {
            start: out.len(),
            lines: 0,
            len: 0,
        };
    }
}

/// In a disclaimer paragraph that opens with a greeting ("Hej Johan,", "Dear Ms Berg"), the length
/// of the lines before the first one holding a disclaimer phrase (with their newlines): the
/// letter the disclaimer was run into. 0 when the paragraph does not open with a greeting — a
/// disclaimer's own first lines ("please delete it") must not be read.
fn letter_before_disclaimer(paragraph: &str) -> usize {
    let mut lines = paragraph.split('\n');
    let greeting = lines.next().is_some_and(|first| {
        let first = first.trim();
        first.len() <= 40 && (first.ends_with(',') || first.ends_with('!'))
    });
    if !greeting {
        return 0;
    }
    let mut at = 0;
    for line in paragraph.split('\n') {
        if is_disclaimer_paragraph(line) {
            return at;
        }
        at += line.len() + 1;
    }
    0
}

/// Whether a paragraph (its lines joined by newlines) is a confidentiality disclaimer: whether its
/// lines joined by spaces and lower-cased hold a [`DISCLAIMER_MARKERS`] phrase.
fn is_disclaimer_paragraph(text: &str) -> bool {
    // The markers are ASCII, and the only characters whose lower case holds ASCII are ASCII
    // itself, 'İ' and the Kelvin sign: without those two, lower-casing just the ASCII letters
    // (or matching them in any case) finds exactly the markers full lower-casing would.
    let plain = text.is_ascii() || !(text.contains('\u{130}') || text.contains('\u{212A}'));
    // Newlines become spaces, as joining the lines would make them.
    let joined = || text.replace('\n', " ");
    match (disclaimer_searcher(), disclaimer_markers()) {
        (Some(searcher), _) if plain => {
            let search = |buf: &mut Vec<u8>| {
                buf.clear();
                buf.extend(text.bytes().map(|b| {
                    if b == b'\n' {
                        b' '
                    } else {
                        b.to_ascii_lowercase()
                    }
                }));
                searcher.find(&buf[..]).is_some()
            };
            // The bytes searched go to a buffer kept per thread.
            SEARCHED
                .try_with(|buf| match buf.try_borrow_mut() {
                    Ok(mut buf) => search(&mut buf),
                    Err(_) => search(&mut Vec::new()),
                })
                .unwrap_or_else(|_| search(&mut Vec::new()))
        }
        (None, Some(markers)) if plain => markers.is_match(&joined()),
        _ => is_disclaimer(&joined().to_lowercase()),
    }
}

thread_local! {
    /// The lower-cased paragraph [`is_disclaimer_paragraph`] last searched: a buffer reused, not
    /// a cache.
    static SEARCHED: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Confidentiality-disclaimer phrases (ASCII: see [`is_disclaimer_paragraph`]).
const DISCLAIMER_MARKERS: [&str; 12] = [
    "fortrolig",
    "confidential",
    "intended recipient",
    "rette modtager",
    "vertraulich",
    "konfidentiell",
    "avsedd mottagare",
    "rette mottaker",
    "konfidensiell",
    "vertrouwelijk",
    "luottamuksellinen",
    "received this e-mail in error",
];

fn is_disclaimer(lower: &str) -> bool {
    DISCLAIMER_MARKERS.iter().any(|m| lower.contains(m))
}

/// [`DISCLAIMER_MARKERS`] in one automaton that ignores ASCII case: most paragraphs are
/// searched, and one pass is far cheaper than lower-casing a copy and searching it twelve times.
/// (`None` only if the automaton could not be built: callers then search a lower-cased copy.)
/// [`DISCLAIMER_MARKERS`] in a packed (SIMD) multi-substring searcher, for a text whose ASCII
/// letters are lower-cased: a few instructions per 16 or 32 bytes. `None` where the CPU or the
/// build offers no packed searcher; [`disclaimer_markers`] serves then.
fn disclaimer_searcher() -> Option<&'static aho_corasick::packed::Searcher> {
    static SEARCHER: OnceLock<Option<aho_corasick::packed::Searcher>> = OnceLock::new();
    SEARCHER
        .get_or_init(|| aho_corasick::packed::Searcher::new(DISCLAIMER_MARKERS))
        .as_ref()
}

fn disclaimer_markers() -> Option<&'static AhoCorasick> {
    static MARKERS: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    MARKERS
        .get_or_init(|| {
            // A DFA without prefilter: a table step per byte. The paragraphs are short and the
            // markers' letters common, so a prefilter would mostly stop and restart.
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .kind(Some(AhoCorasickKind::DFA))
                .prefilter(false)
                .build(DISCLAIMER_MARKERS)
                .ok()
        })
        .as_ref()
}

/// Cheap pre-check: every quote header ends with ':' or starts with '-', '_' or a header label.
fn might_start_history(line: &str) -> bool {
    let t = line.trim();
    t.ends_with(':')
        || t.starts_with('-')
        || t.starts_with('_')
        || t.get(..12).is_some_and(|p| p.contains(':'))
}

fn is_signature_separator(line: &str) -> bool {
    line == "-- " || line == "--" || line.trim_end() == "-- " || line == "—"
}

fn is_mobile_signature(line: &str) -> bool {
    let t = line.trim();
    if t.len() >= 80
        || !t
            .chars()
            .next()
            .is_some_and(|c| matches!(c, 'S' | 's' | 'V' | 'v' | 'G' | 'g' | 'H' | 'h' | 'L' | 'l'))
    {
        return false;
    }
    const SIGS: [&str; 11] = [
        "sent from my",
        "verstuurd vanaf mijn",
        "sendt fra min",
        "skickat från min",
        "sendt fra min iphone",
        "von meinem iphone gesendet",
        "von meinem",
        "get outlook for",
        "hent outlook til",
        "verzonden vanaf mijn",
        "lähetetty",
    ];
    if t.is_ascii() {
        // Lower-casing keeps the length; compare prefixes without building the lower-case copy.
        let b = t.as_bytes();
        return SIGS.iter().any(|s| {
            b.get(..s.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(s.as_bytes()))
        });
    }
    let l = t.to_lowercase();
    l.len() < 80 && SIGS.iter().any(|s| l.starts_with(s))
}

const WROTE: [&str; 12] = [
    "wrote:",
    "skrev:",
    "skrev følgende:",
    "skrev följande:",
    "schrieb:",
    "schreef:",
    "kirjoitti:",
    "a écrit :",
    "a écrit:",
    "escribió:",
    "skreiv:",
    "har skrevet:",
];

fn ends_with_wrote(line: &str) -> bool {
    if line.is_ascii() {
        // An ASCII line lower-cases byte for byte, and only the ASCII phrases can end it.
        let b = line.as_bytes();
        return WROTE.iter().any(|w| {
            b.len()
                .checked_sub(w.len())
                .and_then(|start| b.get(start..))
                .is_some_and(|end| end.eq_ignore_ascii_case(w.as_bytes()))
        });
    }
    let l = line.to_lowercase();
    WROTE.iter().any(|w| l.ends_with(w))
}

fn looks_like_intro_start(line: &str) -> bool {
    if line.is_ascii() {
        // As below, byte for byte: only the ASCII prefixes can start an ASCII line.
        let b = line.as_bytes();
        return INTRO_STARTS.iter().any(|p| {
            b.get(..p.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(p.as_bytes()))
        }) || b.first().is_some_and(u8::is_ascii_digit);
    }
    let l = line.to_lowercase();
    INTRO_STARTS.iter().any(|p| l.starts_with(p))
        || l.chars().next().is_some_and(|c| c.is_ascii_digit())
}

const INTRO_STARTS: [&str; 9] = [
    "on ", "den ", "am ", "op ", "le ", "el ", "tors ", "mån ", "tis ",
];

const ORIGINAL: [&str; 9] = [
    "original message",
    "oprindelig meddelelse",
    "ursprungligt meddelande",
    "opprinnelig melding",
    "ursprüngliche nachricht",
    "oorspronkelijk bericht",
    "alkuperäinen viesti",
    "videresendt meddelelse",
    "message d'origine",
];

const FROM_LABELS: [&str; 7] = [
    "from:",
    "fra:",
    "från:",
    "von:",
    "van:",
    "lähettäjä:",
    "de:",
];
const HEADER_LABELS: [&str; 18] = [
    "sent:",
    "sendt:",
    "skickat:",
    "gesendet:",
    "verzonden:",
    "lähetetty:",
    "date:",
    "dato:",
    "datum:",
    "to:",
    "til:",
    "till:",
    "an:",
    "aan:",
    "subject:",
    "emne:",
    "ämne:",
    "betreff:",
];

/// Whether quoted history starts at line `i`: a "… wrote:" intro, an Outlook separator, or an
/// Outlook header block ("From: … / Sent: … / To: …").
/// The verb of a reply header with the sender's name after it.
const WROTE_VERBS: [&str; 7] = [
    " skrev ",
    " wrote ",
    " schrieb ",
    " schreef ",
    " kirjoitti ",
    " skreiv ",
    " a écrit ",
];

fn starts_quoted_history(line: &str, following: Lines<'_>) -> bool {
    let t = line.trim();
    if t.is_empty() {
        return false;
    }
    let lower = if t.is_ascii() {
        t.to_ascii_lowercase()
    } else {
        t.to_lowercase()
    };
    if ends_with_wrote(&lower) && t.len() < 300 {
        return true;
    }
    // "Den 3. mar. 2025 kl. 10.12 skrev Calmo <info@calmo.dk>:", "Am … schrieb Praxis <…>:"
    if lower.ends_with(':')
        && t.len() < 300
        && (looks_like_intro_start(&lower) || lower.contains('@'))
        && WROTE_VERBS.iter().any(|v| lower.contains(v))
    {
        return true;
    }
    if lower.starts_with("-----") && ORIGINAL.iter().any(|o| lower.contains(o)) {
        return true;
    }
    if lower.starts_with("________________") {
        return following
            .take(3)
            .any(|l| lower_starts_with_any(l.trim(), &FROM_LABELS));
    }
    if starts_with_any(&lower, &FROM_LABELS) {
        let headers = following
            .take(4)
            .filter(|l| lower_starts_with_any(l.trim(), &HEADER_LABELS))
            .count();
        return headers >= 2;
    }
    false
}

/// "Am Di., 3. März 2026 um 10:12 Uhr schrieb Praxis <…>:" over "> …" lines: the quoted lines
/// are dropped one by one and what the writer put below them is kept (a reply written under the
/// quote, or answers between its lines). With nothing of the writer's above it (`first`),
/// unquoted text below such a header is the writer's too. Forwards and Outlook blocks end the
/// writer's words as ever.
fn writer_goes_on_below(line: &str, following: Lines<'_>, first: bool) -> bool {
    let t = line.trim();
    let lower = t.to_lowercase();
    let reply_header = !t.starts_with('-')
        && !t.starts_with('_')
        && (ends_with_wrote(&lower) || WROTE_VERBS.iter().any(|v| lower.contains(v)));
    let below = following.map(str::trim).find(|l| !l.is_empty());
    reply_header
        && below.is_some_and(|l| {
            l.starts_with('>')
                || (first && !lower_starts_with_any(l, &FROM_LABELS) && !might_start_history(l))
        })
}

fn starts_with_any(s: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| s.starts_with(p))
}

/// `starts_with_any(&s.to_lowercase(), prefixes)` without the copy, for lower-case prefixes
/// without 'σ' and 'ς' (the one context-dependent lower-casing, of 'Σ', then cannot matter):
/// the lower case of a string is that of its characters one after another.
fn lower_starts_with_any(s: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| {
        let mut lower = s.chars().flat_map(char::to_lowercase);
        p.chars().all(|c| lower.next() == Some(c))
    })
}

/// Lower-cases and folds a word into `out`: æ/ä→a, ø/ö→o, å→a, ü→u, ß→ss, accents dropped, then
/// the digraphs people type for missing letters ("ae", "oe", "aa", "ue") collapsed, so
/// "begrænsning", "begraensning" and "begransning" all become "begransning".
pub fn fold_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        // The same mapping as below, for ASCII: letters lower-cased, apostrophes dropped.
        out.push_str(word);
        out.make_ascii_lowercase();
        if out.bytes().fold(false, |found, b| found | (b == b'\'')) {
            out.retain(|c| c != '\'');
        }
        collapse_digraphs(out);
        return;
    }
    for c in word.chars() {
        match c {
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            'a'..='z' | '0'..='9' => out.push(c),
            'æ' | 'Æ' | 'ä' | 'Ä' | 'å' | 'Å' | 'á' | 'à' | 'â' | 'Á' | 'À' | 'Â' => {
                out.push('a')
            }
            'ø' | 'Ø' | 'ö' | 'Ö' | 'ó' | 'ò' | 'ô' | 'Ó' | 'Ô' => out.push('o'),
            'ü' | 'Ü' | 'ú' | 'ù' | 'û' => out.push('u'),
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' => out.push('e'),
            'í' | 'ì' | 'î' | 'ï' => out.push('i'),
            'ß' => out.push_str("ss"),
            '\'' | '’' => {}
            _ => {
                for l in c.to_lowercase() {
                    out.push(l);
                }
            }
        }
    }
    collapse_digraphs(out);
}

fn collapse_digraphs(s: &mut String) {
    if !s.is_ascii() || s.len() < 2 {
        return;
    }
    let digraph = |a: u8, b: u8| {
        matches!(
            (a, b),
            (b'a', b'e') | (b'o', b'e') | (b'a', b'a') | (b'u', b'e')
        )
    };
    // Whether any pair is a digraph, tested for every pair without stopping early: no branch
    // that depends on the letters, so nothing for the processor to mispredict.
    let bytes = s.as_bytes();
    let found = bytes
        .iter()
        .zip(bytes.iter().skip(1))
        .fold(false, |found, (&a, &b)| {
            let second_e = b == b'e';
            found
                | (((a == b'a') & (second_e | (b == b'a')))
                    | (((a == b'o') | (a == b'u')) & second_e))
        });
    if !found {
        return;
    }
    // Left to right, a digraph's second letter is dropped and the letter after it starts afresh.
    let mut prev: Option<u8> = None;
    s.retain(|c| {
        let b = u8::try_from(c).unwrap_or(0);
        let drop = prev.is_some_and(|p| digraph(p, b));
        prev = if drop { None } else { Some(b) };
        !drop
    });
}

/// Lower-cases a word into `out` character by character (the form the stemmers are given).
pub fn lower_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
        return;
    }
    for ch in word.chars() {
        out.extend(ch.to_lowercase());
    }
}

/// A folded copy of a whole word (convenience for tables built once).
pub fn fold(word: &str) -> String {
    let mut s = String::new();
    fold_into(word, &mut s);
    s
}

/// One word of the text.
#[derive(Debug, Clone)]
pub struct Token {
    /// Byte range in the text it was cut from.
    pub start: usize,
    pub end: usize,
    /// Sentence number (0 = the subject line when there is one).
    pub sentence: u32,
    /// Comma segment number, unique across the text.
    pub segment: u32,
    /// Whether a comma or dash separates this token from the previous one.
    pub comma_before: bool,
    /// Whether the token is all digits.
    pub number: bool,
    /// Whether the word was written with a capital first letter.
    pub capital: bool,
}

/// Split `text` into tokens with sentence and segment numbers. Sentences end at `.`, `!`, `?`,
/// `;` and blank lines; a `.` after a known abbreviation ("art.", "jf.", "z.B.") or before a
/// digit does not end one.
pub fn tokenize(text: &str, first_sentence: u32, out: &mut Vec<Token>) -> u32 {
    let mut sentence = first_sentence;
    let mut segment = first_sentence * 1000;
    let mut pending_break = false;
    let mut pending_comma = false;
    let mut newlines = 0u32;
    let mut last_word: (usize, usize) = (0, 0);
    // Walked by byte offset rather than `char_indices`: most text is ASCII, which needs no
    // decoding, and a word is scanned to its end in one tight loop.
    let bytes = text.as_bytes();
    let char_at = |i: usize| -> Option<char> {
        match bytes.get(i) {
            Some(&b) if b.is_ascii() => Some(char::from(b)),
            Some(_) => text.get(i..).and_then(|rest| rest.chars().next()),
            None => None,
        }
    };
    let mut i = 0;
    while let Some(c) = char_at(i) {
        let next_at = i + c.len_utf8();
        if is_alphanumeric(c) {
            // A word: letters and digits, and apostrophes once it has started.
            let start = i;
            i = next_at;
            loop {
                while bytes
                    .get(i)
                    .is_some_and(|&b| ASCII_ALPHANUMERIC[usize::from(b)])
                {
                    i += 1;
                }
                match bytes.get(i) {
                    Some(b'\'') => i += 1,
                    Some(b) if !b.is_ascii() => match char_at(i) {
                        Some(c) if c == '’' || is_alphanumeric(c) => i += c.len_utf8(),
                        _ => break,
                    },
                    _ => break,
                }
            }
            // A word character is never a newline.
            newlines = 0;
            push_token(
                text,
                start,
                i,
                &mut sentence,
                &mut segment,
                &mut pending_break,
                &mut pending_comma,
                out,
            );
            last_word = (start, i);
            continue;
        }
        let peek = || char_at(next_at);
        match c {
            '\n' => {
                newlines += 1;
                if newlines >= 2 {
                    pending_break = true;
                }
            }
            '!' | '?' | ';' => pending_break = true,
            '.' => {
                let next = peek();
                let prev_word = text.get(last_word.0..last_word.1).unwrap_or("");
                let abbreviation = last_word.1 == i && is_abbreviation(prev_word);
                let glued = next.is_some_and(|n| n.is_alphanumeric());
                if !(abbreviation || glued) {
                    pending_break = true;
                }
            }
            ',' | '–' | '—' | '(' | ')' | ':' => pending_comma = true,
            // A dash between words parts a clause; one glued to a word ends half a compound:
            // "e-post- og SMS-lister".
            '-' if peek().is_some_and(char::is_whitespace) && last_word.1 != i => {
                pending_comma = true
            }
            _ => {}
        }
        if c != '\n' && !c.is_whitespace() {
            newlines = 0;
        }
        i = next_at;
    }
    sentence + 1
}

/// Which bytes are ASCII letters and digits (a table look-up is a little cheaper than the two
/// range tests, and this is the innermost loop).
static ASCII_ALPHANUMERIC: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// [`char::is_alphanumeric`], answered without the Unicode tables for ASCII and the Latin-1
/// letters (U+00C0 … U+00FF but × and ÷), the characters of nearly every word we read.
fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{C0}'..='\u{FF}').contains(&c) {
        c != '×' && c != '÷'
    } else {
        c.is_alphanumeric()
    }
}

#[allow(clippy::too_many_arguments)]
fn push_token(
    text: &str,
    start: usize,
    end: usize,
    sentence: &mut u32,
    segment: &mut u32,
    pending_break: &mut bool,
    pending_comma: &mut bool,
    out: &mut Vec<Token>,
) {
    // Trailing apostrophes dropped, as repeated `strip_suffix('\'')` / `strip_suffix('’')` would.
    let bytes = text.as_bytes();
    let mut end = end.min(bytes.len());
    while end > start {
        match bytes.get(..end) {
            Some([.., b'\'']) => end -= 1,
            Some([.., 0xE2, 0x80, 0x99]) if end >= start + 3 => end -= 3,
            _ => break,
        }
    }
    let Some(word) = text.get(start..end).filter(|w| !w.is_empty()) else {
        return;
    };
    let has_previous = out.last().is_some_and(|t| t.sentence == *sentence);
    if *pending_break && has_previous {
        *sentence += 1;
        *segment += 1;
    } else if *pending_comma && has_previous {
        *segment += 1;
    }
    let comma_before = *pending_comma && has_previous && !*pending_break;
    *pending_break = false;
    *pending_comma = false;
    out.push(Token {
        start,
        end,
        sentence: *sentence,
        segment: *segment,
        comma_before,
        number: word.as_bytes().first().is_some_and(u8::is_ascii_digit)
            && word.bytes().all(|b| b.is_ascii_digit()),
        capital: match word.as_bytes().first() {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => word.chars().next().is_some_and(char::is_uppercase),
        },
    });
}

fn is_abbreviation(word: &str) -> bool {
    // (also "f.eks.", "e.g.", "dvs.", "esim.", "bijv.", "evtl.": for example, that is)
    // ("kl. 14", "tlf. 22 33 44 55": a time of day, a phone number)
    const ABBR: [&str; 46] = [
        "art", "jf", "jfr", "fx", "evt", "bl", "ca", "nr", "dr", "stk", "z", "b", "bzw", "ggf",
        "inkl", "ekskl", "t", "e", "ex", "resp", "mfl", "u", "a", "i", "abs", "lit", "vgl", "ff",
        "mom", "kap", "pkt", "f", "eks", "g", "dvs", "mht", "ifm", "esim", "mm", "evtl", "bzgl",
        "bijv", "incl", "kl", "tlf", "tel",
    ];
    ABBR.iter().any(|a| word.eq_ignore_ascii_case(a))
}

/// Strip reply/forward prefixes from a subject ("Re:", "SV:", "AW:", "Vs:", "Fwd:", …) and
/// report whether there were any.
pub fn strip_subject_prefixes(subject: &str) -> (&str, bool) {
    const PREFIXES: [&str; 13] = [
        "re:", "sv:", "aw:", "vs:", "vs.:", "antw:", "fwd:", "fw:", "vb:", "wg:", "doorst:",
        "ref:", "vl:",
    ];
    let mut s = subject.trim();
    let mut stripped = false;
    // The prefixes are ASCII without 'i' or 'k', the only ASCII letters a non-ASCII character
    // lower-cases to ('İ', the Kelvin sign): comparing bytes ignoring ASCII case finds exactly
    // what lower-casing the first eight characters would.
    let prefix_of = |s: &str| {
        PREFIXES.iter().find(|p| {
            s.as_bytes()
                .get(..p.len())
                .is_some_and(|b| b.eq_ignore_ascii_case(p.as_bytes()))
        })
    };
    while let Some(p) = prefix_of(s) {
        match s.get(p.len()..) {
            Some(rest) => {
                s = rest.trim_start();
                stripped = true;
            }
            None => break,
        }
    }
    (s, stripped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_lines_under_the_signature_separator() {
        let body = "Hvordan svarer man?\n\n-- \nSofie Bach\nAutoriseret psykolog\nFrederiks Allé 104\n8000 Aarhus C\nwww.example.dk\n";
        let block = signature_block(body).expect("a signature");
        assert!(block.contains("Autoriseret psykolog"));
        assert!(block.contains("8000 Aarhus C"), "four lines are read");
        assert!(!block.contains("www.example.dk"), "and no more");
        // A quoted mail before any separator: its signature is not the sender's.
        let quoted = "Tak!\n\nDen 3. marts 2025 kl. 10.12 skrev Calmo <info@calmo.dk>:\n> Hej\n> -- \n> Mette, psykoterapeut\n";
        assert_eq!(signature_block(quoted), None);
        assert_eq!(signature_block("Ingen signatur her."), None);
    }

    #[test]
    fn a_time_of_day_or_a_phone_number_ends_no_sentence() {
        let mut toks = Vec::new();
        tokenize("Han hade en tid kl. 14, den kan ni ta bort.", 0, &mut toks);
        assert!(toks.iter().all(|t| t.sentence == toks[0].sentence));
    }

    #[test]
    fn cuts_quoted_history_and_signatures() {
        let body = "Slet mine data.\n\nDen 3. marts 2025 kl. 10.12 skrev Calmo <info@calmo.dk>:\n> Hej\n> mere\n";
        assert_eq!(own_words(body).trim(), "Slet mine data.");
        let body = "Radera mig.\n\n-----Ursprungligt meddelande-----\nFrån: x\nSkickat: y\nTill: z\n\ngammalt";
        assert_eq!(own_words(body).trim(), "Radera mig.");
        let body = "Bitte löschen.\n\nVon: Praxis <a@b.de>\nGesendet: Montag\nAn: c@d.de\nBetreff: x\n\nalt";
        assert_eq!(own_words(body).trim(), "Bitte löschen.");
        let body = "Delete me.\n-- \nJohn\nThis email is confidential";
        assert_eq!(own_words(body).trim(), "Delete me.");
        let body = "Delete me.\n\nOn Mon, 3 Feb 2025 at 10:01, Calmo <a@b.dk>\nwrote:\n> old";
        assert_eq!(own_words(body).trim(), "Delete me.");
        let body = "Hej\n> quoted line\nmin tekst\n\nSendt fra min iPhone";
        assert_eq!(own_words(body).trim(), "Hej\nmin tekst");
    }

    #[test]
    fn keeps_what_the_writer_typed_below_a_reply_header() {
        let body = "Am Di., 3. März 2026 um 10:12 Uhr schrieb Praxis <info@praxis.dk>:\nSehr geehrter Herr Munk,\nbitte um Auskunft.\n";
        assert_eq!(
            own_words(body).trim(),
            "Sehr geehrter Herr Munk,\nbitte um Auskunft."
        );
        // Quoted below the header: dropped, and a reply written under the quote kept.
        let body = "On Mon, 3 Feb 2025, Calmo <a@b.dk> wrote:\n> Your booking.\n";
        assert_eq!(own_words(body).trim(), "");
        let body = "On Mon, 3 Feb 2025, Calmo <a@b.dk> wrote:\n> Your booking.\n\nPlease delete my data.\n";
        assert_eq!(own_words(body).trim(), "Please delete my data.");
        // An Outlook block below the header: history.
        let body =
            "Den 3. marts 2025 kl. 10.12 skrev Calmo <info@calmo.dk>:\nFra: Calmo\nSendt: mandag\n";
        assert_eq!(own_words(body).trim(), "");
        // With words of the writer's own above it, the header starts the history.
        let body = "Tak!\n\nDen 3. marts 2025 kl. 10.12 skrev Calmo <info@calmo.dk>:\nHej Anna\n";
        assert_eq!(own_words(body).trim(), "Tak!");
    }

    #[test]
    fn reads_the_mail_a_forward_passes_on() {
        let body = "Hej Mette\n\nDen her lå i klinikmailen.\n\nBirgitte\n\nFra: Søren <s@p.dk>\n\
                    Sendt: 4. marts 2025 21:17\nTil: Klinik <r@k.dk>\nEmne: Sletning\n\n\
                    Jeg ønsker, at alle oplysninger om mig bliver slettet.\n\nSøren\n\n\
                    Den 1. marts 2025 skrev Klinik <r@k.dk>:\n> gammelt\n";
        let mut out = String::new();
        forwarded_words_into(body, &mut out);
        assert_eq!(
            out.trim(),
            "Jeg ønsker, at alle oplysninger om mig bliver slettet.\n\nSøren"
        );
        let body = "FYI\n\n---------- Forwarded message ---------\nFrom: A <a@b.se>\n\
                    Date: Mon\nSubject: x\nTo: <c@d.se>\n\n> Radera mig.\n> Anna\n";
        let mut out = String::new();
        forwarded_words_into(body, &mut out);
        assert_eq!(out.trim(), "Radera mig.\nAnna");
        // A newsletter forwarded for reading passes on no request.
        let body = "Se lige det her\n\n---------- Forwarded message ---------\n\
                    Fra: Datatilsynet <nyhedsbrev@datatilsynet.dk>\nDate: tir\nSubject: x\n\
                    To: <s@h.dk>\n\nSlet gamle journaler.\n";
        let mut out = String::new();
        forwarded_words_into(body, &mut out);
        assert!(out.is_empty());
        assert!(sender_is_a_role(
            "From: HR Service Center <hr-service@nordland.dk>"
        ));
        assert!(!sender_is_a_role("Från: Lena Ström <lena.strom@comhem.se>"));
        let mut out = String::new();
        forwarded_words_into("Just my own words.\n", &mut out);
        assert!(out.is_empty());
        let mut out = String::from("Till: [Företagets namn]\nSkäl: [Välj ett: a / b]. Tack [x/y\n");
        drop_template_choices(&mut out, 0);
        assert_eq!(out, "Till: [Företagets namn]\nSkäl: . Tack [x/y\n");
        assert!(same_organisation("signe@bech.dk", "Lone@BECH.dk "));
        assert!(!same_organisation("a@gmail.com", "b@gmail.com"));
        assert!(!same_organisation("a@hotmail.dk", "b@hotmail.dk"));
        assert!(!same_organisation("a@bech.dk", "b@kjaer.dk") && !same_organisation("x", "y"));
        assert_eq!(bare_address(" Lone Bech <lone@bech.dk>"), "lone@bech.dk");
        assert_eq!(bare_address("lone@bech.dk"), "lone@bech.dk");
        assert!(is_forward_subject("VS: Sletning", "") && is_forward_subject("Fwd: x", ""));
        assert!(!is_forward_subject("SV: Sletning", "") && !is_forward_subject("Re: x", ""));
        // Finnish "Vs:" answers; "VL:" forwards
        let finnish = "Kiitos\n\n-----Alkuperäinen viesti-----\nLähettäjä: Laura <l@x.fi>\n";
        assert!(!is_forward_subject("Vs: Tietopyyntö", finnish));
        let gmail = "Kiitos\n\nLaura <l@x.fi> kirjoitti pe 18.10.2024 klo 10.30:\n> Hei\n";
        assert!(!is_forward_subject("Vs: Tietopyyntö", gmail));
        assert!(is_forward_subject("VL: Tietopyyntö", finnish));
        assert!(is_forward_subject(
            "VS: Sletning",
            "-----Oprindelig meddelelse-----\nFra: x\n"
        ));
    }

    #[test]
    fn drops_disclaimer_paragraphs() {
        let body =
            "Please erase my data.\n\nThis e-mail is confidential. If you are not the intended recipient, delete it.";
        assert_eq!(own_words(body).trim(), "Please erase my data.");
    }

    #[test]
    fn a_letter_run_into_its_disclaimer_is_kept() {
        // HTML flattened without blank lines: greeting, letter, signature and footer in one.
        let body =
            "Hej Johan,\nVilka uppgifter har du sparat om mig?\nPetra Malm\n+46 70 412 88 90 \
                    Detta e-postmeddelande kan innehålla konfidentiell information.";
        assert_eq!(
            own_words(body).trim(),
            "Hej Johan,\nVilka uppgifter har du sparat om mig?\nPetra Malm"
        );
        // Without a greeting above it, the paragraph is a disclaimer through and through.
        let body = "If you are not the addressee, please delete this e-mail\nand its \
                    attachments. It may be confidential and is meant for the intended recipient.";
        assert_eq!(own_words(body).trim(), "");
    }

    #[test]
    fn disclaimer_markers_are_ascii_and_found_in_any_case() {
        assert!(DISCLAIMER_MARKERS.iter().all(|m| m.is_ascii()));
        assert!(DISCLAIMER_MARKERS
            .iter()
            .all(|m| is_disclaimer(m) && is_disclaimer(&format!("a {m} b"))));
        assert!(!is_disclaimer("fortroli confidentia rette modtage"));
        let body =
            "Hej.\n\nDENNE E-MAIL ER FORTROLIG og må kun læses af den rette modtager. Æ Ø Å.";
        assert_eq!(own_words(body).trim(), "Hej.");
        let body = "Hej.\n\nDenne İ-mail er FORTROLIG og må kun læses af den rette modtager. K";
        assert_eq!(own_words(body).trim(), "Hej.");
    }

    #[test]
    fn folding_equates_spellings() {
        assert_eq!(fold("Begrænsning"), fold("begraensning"));
        assert_eq!(fold("begrænsning"), fold("begransning"));
        assert_eq!(fold("Löschung"), fold("Loeschung"));
        assert_eq!(fold("få"), fold("faa"));
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("don't"), "dont");
    }

    #[test]
    fn sentences_and_segments() {
        let text = "Auskunft nach Art. 15 DSGVO. Danke, Jonas";
        let mut toks = Vec::new();
        tokenize(text, 0, &mut toks);
        let words: Vec<(&str, u32)> = toks
            .iter()
            .map(|t| (&text[t.start..t.end], t.sentence))
            .collect();
        assert_eq!(
            words,
            vec![
                ("Auskunft", 0),
                ("nach", 0),
                ("Art", 0),
                ("15", 0),
                ("DSGVO", 0),
                ("Danke", 1),
                ("Jonas", 1)
            ]
        );
        assert!(toks[6].comma_before);
    }

    #[test]
    fn for_example_does_not_end_a_sentence() {
        for text in [
            "Älkää lähettäkö sitä (esim. työterveyteen) ennen kuin virhe on korjattu.",
            "Send den ikke videre (f.eks. til kommunen) før det er rettet.",
            "Don't pass it on (e.g. to my employer) until it is fixed.",
        ] {
            let mut toks = Vec::new();
            tokenize(text, 0, &mut toks);
            assert!(toks.iter().all(|t| t.sentence == 0), "{text}");
        }
    }

    #[test]
    fn the_quick_alphanumeric_test_agrees_with_unicode() {
        for c in ('\0'..='\u{2FF}').chain(['’', '€', '日', '𝔘', '٣']) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn subject_prefixes() {
        assert_eq!(
            strip_subject_prefixes("SV: Re: Radering"),
            ("Radering", true)
        );
        assert_eq!(strip_subject_prefixes("Sletning"), ("Sletning", false));
        assert_eq!(strip_subject_prefixes("Re"), ("Re", false));
    }

    #[test]
    fn never_panics_on_odd_text() {
        for s in [
            "",
            ".",
            "...",
            "ø.",
            "a.\u{0301}",
            "\n\n\n",
            ">",
            "-- ",
            "x'’",
            "Ωμέγα. 1.2",
        ] {
            let _ = own_words(s);
            let mut toks = Vec::new();
            tokenize(s, 0, &mut toks);
            for t in &toks {
                assert!(s.get(t.start..t.end).is_some());
            }
            let _ = fold(s);
            let _ = strip_subject_prefixes(s);
        }
    }
}

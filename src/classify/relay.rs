//! Relays: a person's message passed on by a system that takes no reply — a website's contact
//! form, a booking system's "message from a client". The words are the person's and are read as
//! such; the answer must go to the person the relay names, never to the relay.
//!
//! Pure: reads the parsed message only. It must never take the relay's own address, a role
//! address or the sender's own organisation for the person: an answer sent there reaches no one,
//! or the wrong one.

use crate::message::{Mailbox, Message};

use super::automated::is_machine_address;
use super::text::{local_part_is_a_role, same_organisation};

/// Whom a message speaks for, and so where its answer goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Writer {
    /// The sender: an ordinary mail (answered at its From address).
    Sender,
    /// A person relayed by a no-reply system, with the address the relay gives for them.
    Relayed { person: Mailbox, via: Via },
    /// A person relayed by a no-reply system that gives no address for them: answered by hand.
    Unnamed,
}

impl Writer {
    /// The address `msg` is answered at and its writer known by: the relayed person's, the
    /// sender's, or none (a relay naming nobody).
    pub fn address<'m>(&'m self, msg: &'m Message) -> Option<&'m str> {
        match self {
            Writer::Sender => msg.sender_address(),
            Writer::Relayed { person, .. } => Some(&person.address),
            Writer::Unnamed => None,
        }
    }
}

/// Where a relay names the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// The relay's Reply-To header.
    ReplyTo,
    /// A field of the form it relays ("E-mail: anne@example.dk").
    FormField,
}

impl Via {
    pub fn as_str(self) -> &'static str {
        match self {
            Via::ReplyTo => "Reply-To header",
            Via::FormField => "form's e-mail field",
        }
    }
}

/// Whom `msg` speaks for. A relay's address for the person is what the person typed into a form
/// (or what the system put in Reply-To): it says where to answer, never who the person is.
pub fn writer(msg: &Message) -> Writer {
    let relayed = msg
        .from
        .as_ref()
        .is_some_and(|from| is_machine_address(&from.address))
        && relays_a_person(msg);
    if !relayed {
        return Writer::Sender;
    }
    if let Some(person) = reply_to_person(msg) {
        return Writer::Relayed {
            person: person.clone(),
            via: Via::ReplyTo,
        };
    }
    match form_field_person(msg) {
        Some(person) => Writer::Relayed {
            person,
            via: Via::FormField,
        },
        None => Writer::Unnamed,
    }
}

/// Whether `msg` passes on a person's message: a relay's subject ("Ny besked fra klient:
/// Anne-Mette Krogh", "Nytt meddelande från Lena Strand", "Kontaktformular") or a Reply-To naming
/// a person elsewhere.
pub fn relays_a_person(msg: &Message) -> bool {
    const RELAYED: [&str; 12] = [
        "ny besked fra",
        "ny henvendelse fra",
        "nytt meddelande från",
        "nytt meddelande fran",
        "ny melding fra",
        "ny henvendelse",
        "new message from",
        "message from client",
        "neue nachricht von",
        "nieuw bericht van",
        "uusi viesti",
        "kontaktformul",
    ];
    if reply_to_person(msg).is_some() {
        return true;
    }
    let subject = msg.subject.to_lowercase();
    RELAYED.iter().any(|p| subject.contains(p)) && !says_it_is_automatic(&msg.text)
}

/// A system's notice says so: "Du har fått en ny melding fra NAV … Dette er en automatisk
/// melding" tells of a message behind a login, it carries none.
fn says_it_is_automatic(text: &str) -> bool {
    const NOTICES: [&str; 9] = [
        "dette er en automatisk",
        "detta är ett automatiskt",
        "this is an automated",
        "this is an automatic",
        "dies ist eine automatisch",
        "dit is een automatisch",
        "tämä on automaattinen",
        "du kan ikke svare på denne",
        "do not reply to this",
    ];
    let head = crate::message::char_prefix(text, 4096).to_lowercase();
    NOTICES.iter().any(|n| head.contains(n))
}

/// The Reply-To, when it names a person elsewhere: not a machine or a role address, and not the
/// sender's own organisation (a bank's notice with "Reply-To: kundeservice@bank.dk" names none).
fn reply_to_person(msg: &Message) -> Option<&Mailbox> {
    msg.reply_to
        .as_ref()
        .filter(|r| is_a_person_elsewhere(msg, &r.address))
}

fn is_a_person_elsewhere(msg: &Message, address: &str) -> bool {
    let local = address.split('@').next().unwrap_or("");
    !is_machine_address(address)
        && !local_part_is_a_role(local)
        && msg
            .from
            .as_ref()
            .is_none_or(|f| !same_organisation(&f.address, address) && !f.same_address(address))
}

/// Lines of a relayed form read for its fields, at most.
const FORM_LINES: usize = 200;

/// The person a relayed form names: its e-mail field ("E-mail: anne@example.dk", "E-post:",
/// "Sähköposti:"; or the label alone on a line and the address on the next, as an HTML form's
/// table comes out as text), with its name field when there is one.
fn form_field_person(msg: &Message) -> Option<Mailbox> {
    let lines: Vec<&str> = msg
        .text
        .lines()
        .take(FORM_LINES)
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('>'))
        .collect();
    let field = |is_label: fn(&str) -> bool| {
        lines.iter().enumerate().find_map(|(i, line)| {
            let (label, value) = line.split_once(':').unwrap_or((line, ""));
            if !is_label(&squash(label)) {
                return None;
            }
            let value = value.trim();
            if value.is_empty() {
                lines.get(i + 1).copied()
            } else {
                Some(value)
            }
        })
    };
    let address = field(is_address_label)
        .and_then(as_address)
        .filter(|a| is_a_person_elsewhere(msg, a))?;
    let name = field(is_name_label).filter(|n| n.chars().count() <= 80 && !n.contains('@'));
    Some(Mailbox::new(name, address))
}

/// A label's letters, lower-cased: "E-mail-adresse *" is "emailadresse".
fn squash(label: &str) -> String {
    label
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_address_label(label: &str) -> bool {
    const LABELS: [&str; 20] = [
        "email",
        "mail",
        "epost",
        "emailadresse",
        "emailadress",
        "emailadres",
        "emailaddress",
        "epostadresse",
        "epostadress",
        "mailadresse",
        "mailadress",
        "dinemail",
        "dinepost",
        "youremail",
        "youremailaddress",
        "ihreemail",
        "ihreemailadresse",
        "sähköposti",
        "sähköpostiosoite",
        "uwemailadres",
    ];
    LABELS.contains(&label)
}

fn is_name_label(label: &str) -> bool {
    const LABELS: [&str; 14] = [
        "navn",
        "namn",
        "name",
        "nimi",
        "naam",
        "fuldenavn",
        "fulltnavn",
        "fulltnamn",
        "fullname",
        "ditnavn",
        "dittnamn",
        "dittnavn",
        "yourname",
        "ihrname",
    ];
    LABELS.contains(&label)
}

/// `value` as a single address ("anne@example.dk", "<anne@example.dk>", "mailto:anne@example.dk"),
/// or nothing.
fn as_address(value: &str) -> Option<&str> {
    let value = super::text::bare_address(value);
    let value = value.strip_prefix("mailto:").unwrap_or(value).trim();
    let (local, domain) = value.split_once('@')?;
    let plausible = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !value.contains(|c: char| c.is_whitespace() || c == ',' || c == ';')
        && value.matches('@').count() == 1;
    plausible.then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(headers: &str, body: &str) -> Message {
        let raw = format!("{headers}\r\n{body}");
        Message::parse(raw.as_bytes()).unwrap_or_default()
    }

    const FORM: &str = "From: Praksis <noreply@bookpraksis.dk>\r\nSubject: Ny henvendelse\r\n";

    #[test]
    fn an_ordinary_mail_speaks_for_its_sender() {
        let msg = parse(
            "From: Anne <anne@gmail.com>\r\nReply-To: other@gmail.com\r\nSubject: Ny henvendelse\r\n",
            "E-mail: someone@gmail.com\r\n",
        );
        assert_eq!(writer(&msg), Writer::Sender);
    }

    #[test]
    fn a_relay_with_a_person_in_reply_to_speaks_for_that_person() {
        let msg = parse(
            &format!("{FORM}Reply-To: Jonas Thygesen <jonas@gmail.com>\r\n"),
            "Navn: Someone Else\r\nE-mail: else@gmail.com\r\n",
        );
        assert_eq!(
            writer(&msg),
            Writer::Relayed {
                person: Mailbox::new(Some("Jonas Thygesen"), "jonas@gmail.com"),
                via: Via::ReplyTo
            }
        );
    }

    #[test]
    fn a_website_mailer_relays_the_visitor_in_reply_to() {
        // WordPress sends its contact form's notices from the site's own domain
        let msg = parse(
            "From: Hanne Familieterapi <wordpress@hannefamilie.dk>\r\n\
             Reply-To: Pernille Holm <pernille@gmail.com>\r\nSubject: Ny henvendelse\r\n",
            "Navn: Pernille Holm\r\nBesked: Slet alt om mig.\r\n",
        );
        assert_eq!(
            writer(&msg),
            Writer::Relayed {
                person: Mailbox::new(Some("Pernille Holm"), "pernille@gmail.com"),
                via: Via::ReplyTo
            }
        );
    }

    #[test]
    fn a_relayed_form_names_the_person_in_its_fields() {
        let msg = parse(
            FORM,
            "Navn: Anne-Mette Krogh\r\nE-mail-adresse *: <anne.krogh@mail.dk>\r\nTelefon: 12345678\r\n\r\nBesked:\r\nSlet mine oplysninger.\r\n",
        );
        assert_eq!(
            writer(&msg),
            Writer::Relayed {
                person: Mailbox::new(Some("Anne-Mette Krogh"), "anne.krogh@mail.dk"),
                via: Via::FormField
            }
        );
        // an HTML table's cells: the label on one line, the value on the next
        let table = parse(
            FORM,
            "Sähköposti\r\nmailto:liisa@example.fi\r\nViesti\r\nPoista tietoni.\r\n",
        );
        assert_eq!(
            writer(&table),
            Writer::Relayed {
                person: Mailbox::new(None, "liisa@example.fi"),
                via: Via::FormField
            }
        );
    }

    #[test]
    fn a_relay_naming_no_reachable_person_is_answered_by_hand() {
        // no field at all
        let bare = parse(
            "From: Bookpraksis <noreply@bookpraksis.dk>\r\nSubject: Ny besked fra klient: Jonas\r\n",
            "Jonas skriver: Kan I slette mine data?\r\n",
        );
        assert_eq!(writer(&bare), Writer::Unnamed);
        // the field gives the relay's own organisation, a role, or no single address
        for field in [
            "E-mail: info@bookpraksis.dk",
            "E-mail: kundeservice@gmail.com",
            "E-mail: noreply@gmail.com",
            "E-mail: anne@gmail.com, jonas@gmail.com",
            "E-mail: anne@localhost",
            "E-mail: skriv til mig",
            "Postadresse: anne@gmail.com",
        ] {
            assert_eq!(writer(&parse(FORM, field)), Writer::Unnamed, "{field}");
        }
        // quoted text is not the form's
        assert_eq!(
            writer(&parse(FORM, "> E-mail: anne@gmail.com\r\n")),
            Writer::Unnamed
        );
    }

    #[test]
    fn a_relay_takes_only_a_sane_name() {
        let long = "x".repeat(81);
        let msg = parse(FORM, &format!("Name: {long}\r\nEmail: a@b.dk\r\n"));
        assert_eq!(
            writer(&msg),
            Writer::Relayed {
                person: Mailbox::new(None, "a@b.dk"),
                via: Via::FormField
            }
        );
    }

    #[test]
    fn a_system_notice_that_says_it_is_automatic_relays_no_one() {
        let headers = "From: NAV <ikke-svar@nav.no>\r\nSubject: Du har en ny melding fra NAV\r\n";
        let notice = parse(
            headers,
            "Logg inn for å lese meldingen.\r\n\r\nDette er en automatisk melding. Du kan ikke svare på denne e-posten.\r\n",
        );
        assert!(!relays_a_person(&notice));
        // the same subject over a person's message is a relay
        let relayed = parse(headers, "Name: Anne Berg\r\nEmail: anne@gmail.com\r\n");
        assert!(relays_a_person(&relayed));
    }
}

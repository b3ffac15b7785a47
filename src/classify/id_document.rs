//! Decides whether a message supplies identity documentation: an image or PDF attached to a reply
//! (signature logos such as `image001.png` excepted), or words saying an ID document is attached
//! ("vedhæftet mit pas", "bifogar kopia av mitt körkort", "anbei eine Kopie meines Ausweises").
//!
//! Pure. It must never look at attachment contents (there are none to look at) and never treat a
//! question about which ID to bring as documentation.

use crate::message::{Attachment, Message};

use super::lexicon::{c, Concepts};

/// Whether the message supplies ID, and why.
pub fn detect(
    msg: &Message,
    is_reply: bool,
    tags: &[Concepts],
    sentences: &[u32],
) -> Option<String> {
    if is_reply {
        if let Some(a) = msg
            .attachments
            .iter()
            .find(|a| a.is_image_or_pdf() && !is_inline_logo(a) && !names_another_document(a))
        {
            return Some(format!(
                "id: {} attached to a reply",
                a.filename.as_deref().unwrap_or(a.content_type.as_str())
            ));
        }
    }
    // An ID word and an "attached/here is" word in the same sentence.
    for (i, t) in tags.iter().enumerate() {
        if t & c::ID_DOC == 0 {
            continue;
        }
        let Some(sent) = sentences.get(i) else {
            continue;
        };
        let attached = tags
            .iter()
            .zip(sentences.iter())
            .any(|(u, s)| s == sent && u & c::ATTACH != 0);
        // "Ik stuur liever geen kopie van mijn paspoort mee", "I have not attached my passport"
        let refused = (i.saturating_sub(5)..i).any(|k| {
            sentences.get(k) == Some(sent) && tags.get(k).is_some_and(|t| t & c::NEG != 0)
        });
        if attached && !refused {
            return Some("id: ID document said to be attached".to_string());
        }
    }
    None
}

/// A file whose name says it is something other than ID: an invoice, a consent form, the
/// records the business sends ("Registerutdrag_PO_Sandberg.pdf", "Journalkopi_TIM.pdf",
/// "Einwilligung_Fotos_unterschrieben.pdf", "Noter_Tom_Fletcher_2024.pdf").
fn names_another_document(a: &Attachment) -> bool {
    const OTHER: [&str; 37] = [
        "faktura",
        "invoice",
        "rechnung",
        "kvitto",
        "kvittering",
        "receipt",
        "registerutdrag",
        "journal",
        "indsigt",
        "innsyn",
        "auskunft",
        "samtykke",
        "samtycke",
        "einwilligung",
        "consent",
        "toestemming",
        "suostumus",
        "lebenslauf",
        // the records a practitioner sends back: "Noter_Tom_Fletcher_2024.pdf", "data_export"
        "noter",
        "notes",
        "notat",
        "anteckning",
        "export",
        "rapport",
        "report",
        "bericht",
        "akte",
        "udskrift",
        "utdrag",
        // receipts, records and references: "Kvittens_betalning.pdf", "Arbeitszeugnis.pdf"
        "kvittens",
        "quittung",
        "betalning",
        "betaling",
        "payment",
        "records",
        "zeugnis",
        "diplom",
    ];
    let Some(name) = a.filename.as_deref() else {
        return false;
    };
    let lower = name.to_lowercase();
    OTHER.iter().any(|w| lower.contains(w))
}

/// Outlook and phone mail clients attach signature logos as `image001.png`, `Outlook-xyz.png`.
fn is_inline_logo(a: &Attachment) -> bool {
    let Some(name) = a.filename.as_deref() else {
        return false;
    };
    let lower = name.to_ascii_lowercase();
    let stem = lower.rsplit_once('.').map_or(lower.as_str(), |(s, _)| s);
    let numbered = stem
        .strip_prefix("image")
        .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()));
    numbered || stem.starts_with("outlook-") || stem.contains("logo")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn att(name: &str, ct: &str) -> Attachment {
        Attachment {
            content_type: ct.to_string(),
            filename: Some(name.to_string()),
            size: 1000,
        }
    }

    #[test]
    fn reply_with_scan_counts_but_logo_does_not() {
        let mut msg = Message::default();
        msg.attachments.push(att("image001.png", "image/png"));
        assert!(detect(&msg, true, &[], &[]).is_none());
        msg.attachments.push(att("pas.pdf", "application/pdf"));
        assert!(detect(&msg, true, &[], &[]).is_some());
        assert!(detect(&msg, false, &[], &[]).is_none());
    }

    #[test]
    fn a_file_named_as_records_or_a_consent_form_is_no_id() {
        let mut msg = Message::default();
        msg.attachments
            .push(att("Registerutdrag_PO_Sandberg.pdf", "application/pdf"));
        msg.attachments.push(att(
            "Einwilligung_Fotos_unterschrieben.pdf",
            "application/pdf",
        ));
        assert!(detect(&msg, true, &[], &[]).is_none());
        msg.attachments.push(att("Ausweis_vorne.jpg", "image/jpeg"));
        assert!(detect(&msg, true, &[], &[]).is_some());
    }

    #[test]
    fn words_need_an_attach_word_in_the_same_sentence() {
        let msg = Message::default();
        assert!(detect(&msg, false, &[c::ATTACH, c::ID_DOC], &[0, 0]).is_some());
        assert!(detect(&msg, false, &[c::ATTACH, c::ID_DOC], &[0, 1]).is_none());
        // "I'd rather not send a copy of my passport"
        let tags = [c::NEG, c::COPY, c::ID_DOC, c::ATTACH];
        assert!(detect(&msg, false, &tags, &[0, 0, 0, 0]).is_none());
    }
}

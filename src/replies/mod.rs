//! Drafting replies: the templates under `templates/<lang>/`, the facts they are filled with, and
//! rendering in strict mode so a missing variable is an error, never a gap in a letter.
//!
//! Pure: templates arrive as strings (compiled in, or read by the caller from an override
//! directory) and rendering touches nothing else. This module must never send, store or log a
//! reply; see [`compose`] for turning a draft into the exact bytes that are sent.

pub mod compose;

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use minijinja::{Environment, UndefinedBehavior};
use serde::Serialize;

use crate::config::Facts;
use crate::domain::{Country, Language, RequestKind, SupervisoryAuthority};

/// What a drafted reply is for; each has a template `templates/<lang>/<purpose>.txt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    Acknowledgment,
    IdRequest,
    Reply,
    /// Notice that the deadline is extended by two months (Art. 12(3)).
    Extension,
}

impl Purpose {
    pub const ALL: [Purpose; 4] = [
        Purpose::Acknowledgment,
        Purpose::IdRequest,
        Purpose::Reply,
        Purpose::Extension,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Acknowledgment => "acknowledgment",
            Purpose::IdRequest => "id_request",
            Purpose::Reply => "reply",
            Purpose::Extension => "extension",
        }
    }
}

impl fmt::Display for Purpose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Purpose {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Purpose::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| format!("unknown draft purpose {s:?}"))
    }
}

/// Languages we write replies in. Others (nl, fi) are answered in English.
pub const REPLY_LANGUAGES: [Language; 5] = [
    Language::Da,
    Language::Sv,
    Language::No,
    Language::En,
    Language::De,
];

/// The language a reply to a client writing in `language` is drafted in.
pub fn reply_language(language: Language) -> Language {
    if REPLY_LANGUAGES.contains(&language) {
        language
    } else {
        Language::En
    }
}

macro_rules! builtin_templates {
    ($($lang:literal => [$($purpose:literal),*]),* $(,)?) => {
        &[$($(
            (concat!($lang, "/", $purpose, ".txt"),
             include_str!(concat!("../../templates/", $lang, "/", $purpose, ".txt"))),
        )*)*]
    };
}

/// The templates compiled into the binary: (`lang/purpose.txt`, text).
pub const BUILTIN: &[(&str, &str)] = builtin_templates! {
    "da" => ["acknowledgment", "id_request", "reply", "extension", "reminder_digest"],
    "sv" => ["acknowledgment", "id_request", "reply", "extension", "reminder_digest"],
    "no" => ["acknowledgment", "id_request", "reply", "extension", "reminder_digest"],
    "en" => ["acknowledgment", "id_request", "reply", "extension", "reminder_digest"],
    "de" => ["acknowledgment", "id_request", "reply", "extension", "reminder_digest"],
};

/// Everything a template may use. Field names are the template variables (templates/README.md).
#[derive(Debug, Clone, Serialize)]
pub struct ReplyContext {
    pub business: BusinessFacts,
    pub authority: SupervisoryAuthority,
    pub facts: Facts,
    pub case: CaseFacts,
    pub requester: RequesterFacts,
}

#[derive(Debug, Clone, Serialize)]
pub struct BusinessFacts {
    pub name: String,
    pub address: String,
    pub country: Country,
}

#[derive(Debug, Clone, Serialize)]
pub struct CaseFacts {
    pub reference: String,
    pub kinds: Vec<RequestKind>,
    /// Written out in the reply's language.
    pub received: String,
    /// Written out in the reply's language.
    pub due: String,
    /// The extended deadline (Art. 12(3)), written out; set for the extension notice.
    pub extended_due: Option<String>,
    /// The practitioner's reasons for the extension.
    pub extension_reason: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RequesterFacts {
    pub name: Option<String>,
    pub address: String,
}

/// A rendered reply, before approval.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub body: String,
}

/// A template problem, naming the template.
#[derive(Debug, thiserror::Error)]
#[error("template {name}: {message}")]
pub struct TemplateError {
    pub name: String,
    pub message: String,
}

/// The loaded template set.
pub struct Templates {
    env: Environment<'static>,
}

impl Templates {
    /// The built-in templates, with `overrides` (name `lang/purpose.txt`, text) taking precedence.
    pub fn new(overrides: Vec<(String, String)>) -> Result<Templates, TemplateError> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        let mut sources: BTreeMap<String, String> = BUILTIN
            .iter()
            .map(|(name, text)| (name.to_string(), text.to_string()))
            .collect();
        sources.extend(overrides);
        for (name, text) in sources {
            env.add_template_owned(name.clone(), text)
                .map_err(|e| TemplateError {
                    name,
                    message: one_line(&e),
                })?;
        }
        Ok(Templates { env })
    }

    /// The built-in templates only.
    pub fn builtin() -> Templates {
        Templates::new(Vec::new()).expect("built-in templates are checked by the test suite")
    }

    /// Render the template for `purpose` in `language` (falling back to English for languages
    /// we do not write).
    pub fn render(
        &self,
        purpose: Purpose,
        language: Language,
        context: &ReplyContext,
    ) -> Result<Rendered, TemplateError> {
        self.render_named(purpose.as_str(), language, context)
    }

    /// Render `templates/<lang>/<name>.txt` with any serialisable context.
    pub fn render_named(
        &self,
        name: &str,
        language: Language,
        context: &impl Serialize,
    ) -> Result<Rendered, TemplateError> {
        let name = format!("{}/{name}.txt", reply_language(language).code());
        let error = |message: String| TemplateError {
            name: name.clone(),
            message,
        };
        let template = self
            .env
            .get_template(&name)
            .map_err(|e| error(one_line(&e)))?;
        let text = template
            .render(minijinja::value::Serde(context))
            .map_err(|e| error(one_line(&e)))?;
        split_subject(&text).map_err(error)
    }

    /// Render every template with a sample context: what `gdpr-inbox check` runs.
    pub fn check_all(&self, sample: &ReplyContext) -> Result<usize, TemplateError> {
        let mut count = 0;
        for language in REPLY_LANGUAGES {
            for purpose in Purpose::ALL {
                self.render(purpose, language, sample)?;
                count += 1;
            }
            self.render_named("reminder_digest", language, &sample_digest())?;
            count += 1;
        }
        Ok(count)
    }
}

fn one_line(error: &minijinja::Error) -> String {
    let mut message = error.to_string();
    if let Some(line) = error.line() {
        message = format!("line {line}: {message}");
    }
    message.replace('\n', " ")
}

/// A rendered template is `Subject: …`, a blank line, then the body.
fn split_subject(text: &str) -> Result<Rendered, String> {
    let text = text.trim_start_matches(['\n', '\r']);
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let subject = first
        .strip_prefix("Subject:")
        .ok_or("the first line must be \"Subject: …\"")?
        .trim();
    if subject.is_empty() {
        return Err("the subject is empty".into());
    }
    let body = rest.trim_start_matches(['\r', '\n']).trim_end().to_string() + "\n";
    Ok(Rendered {
        subject: subject.to_string(),
        body: tidy_blank_lines(&body),
    })
}

/// Conditional sections leave runs of blank lines; letters have at most one.
fn tidy_blank_lines(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut blank_run = 0;
    for line in body.lines() {
        if line.trim().is_empty() {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
            out.push('\n');
        } else {
            blank_run = 0;
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out
}

/// A date written out as a letter in `language` would: "5. marts 2026", "5 mars 2026",
/// "5 March 2026", "5. März 2026".
pub fn long_date(date: NaiveDate, language: Language) -> String {
    const DA: [&str; 12] = [
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ];
    const SV: [&str; 12] = [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ];
    const NO: [&str; 12] = [
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const DE: [&str; 12] = [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ];
    let month = date.month0() as usize;
    let (day, year) = (date.day(), date.year());
    match reply_language(language) {
        Language::Da => format!("{day}. {} {year}", DA[month]),
        Language::No => format!("{day}. {} {year}", NO[month]),
        Language::De => format!("{day}. {} {year}", DE[month]),
        Language::Sv => format!("{day} {} {year}", SV[month]),
        _ => format!("{day} {} {year}", EN[month]),
    }
}

/// A context with made-up values, for `check` and tests.
pub fn sample_context(kinds: Vec<RequestKind>) -> ReplyContext {
    let date = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap_or_default();
    ReplyContext {
        business: BusinessFacts {
            name: "Calmo".into(),
            address: "info@calmo.dk".into(),
            country: Country::Denmark,
        },
        authority: Country::Denmark.authority(),
        facts: Facts {
            data_held: "name, contact details, appointments".into(),
            purposes: "treatment".into(),
            retention: "5 years".into(),
            processors: "a booking system".into(),
        },
        case: CaseFacts {
            reference: "GDPR-2026-0001".into(),
            kinds,
            received: long_date(date, Language::En),
            due: long_date(date, Language::En),
            extended_due: Some(long_date(date, Language::En)),
            extension_reason: Some("we need to collect the notes from the archive".into()),
        },
        requester: RequesterFacts {
            name: Some("Anna Berg".into()),
            address: "anna@example.dk".into(),
        },
    }
}

/// A digest context with made-up values, for `check` and tests (see `daemon::deadlines`).
pub fn sample_digest() -> serde_json::Value {
    serde_json::json!({
        "business": {"name": "Calmo"},
        "today": "5 March 2026",
        "items": [
            {"reference": "GDPR-2026-0001", "what": "legal", "due": "6 April 2026", "days_left": 2, "overdue": false, "requester": "anna@example.dk"},
            {"reference": "GDPR-2026-0002", "what": "first_answer", "due": "4 March 2026", "days_left": -1, "overdue": true, "requester": null},
            {"reference": "#1", "what": "breach", "due": "5 March 2026", "days_left": 0, "overdue": false, "requester": null},
        ],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_template_renders_for_every_kind() {
        let templates = Templates::builtin();
        for kind in RequestKind::ALL {
            let count = templates.check_all(&sample_context(vec![kind])).unwrap();
            assert_eq!(count, REPLY_LANGUAGES.len() * (Purpose::ALL.len() + 1));
        }
    }

    #[test]
    fn every_builtin_template_renders_without_a_name_or_facts() {
        let templates = Templates::builtin();
        let mut context = sample_context(RequestKind::ALL.to_vec());
        context.requester.name = None;
        context.facts = Facts::default();
        templates.check_all(&context).unwrap();
    }

    #[test]
    fn danish_reply_mentions_the_case_and_the_authority() {
        let templates = Templates::builtin();
        let mut context = sample_context(vec![RequestKind::Access]);
        context.case.due = long_date(NaiveDate::from_ymd_opt(2026, 4, 6).unwrap(), Language::Da);
        let reply = templates
            .render(Purpose::Reply, Language::Da, &context)
            .unwrap();
        assert!(
            reply.subject.contains("[GDPR-2026-0001]"),
            "{}",
            reply.subject
        );
        assert!(reply.body.starts_with("Kære Anna Berg\n"), "{}", reply.body);
        assert!(reply.body.contains("Indsigt"));
        assert!(!reply.body.contains("Sletning"));
        assert!(reply.body.contains("Datatilsynet"));
        assert!(reply.body.trim_end().ends_with("Calmo"));
        assert!(!reply.body.contains("\n\n\n"));
    }

    #[test]
    fn other_languages_fall_back_to_english() {
        assert_eq!(reply_language(Language::Nl), Language::En);
        assert_eq!(reply_language(Language::No), Language::No);
    }

    #[test]
    fn strict_mode_rejects_a_misspelt_variable_naming_the_template() {
        let templates = Templates::new(vec![(
            "da/reply.txt".into(),
            "Subject: x\n\nHej {{ requester.nmae }}\n".into(),
        )])
        .unwrap();
        let err = templates
            .render(Purpose::Reply, Language::Da, &sample_context(vec![]))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("template da/reply.txt:"), "{err}");
        assert!(!err.contains('\n'));
    }

    #[test]
    fn a_template_without_subject_is_an_error() {
        let templates = Templates::new(vec![("da/reply.txt".into(), "Hej\n\nx\n".into())]).unwrap();
        let err = templates
            .render(Purpose::Reply, Language::Da, &sample_context(vec![]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("Subject"), "{err}");
    }

    #[test]
    fn long_dates() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        assert_eq!(long_date(d, Language::Da), "5. marts 2026");
        assert_eq!(long_date(d, Language::Sv), "5 mars 2026");
        assert_eq!(long_date(d, Language::No), "5. mars 2026");
        assert_eq!(long_date(d, Language::En), "5 March 2026");
        assert_eq!(long_date(d, Language::De), "5. März 2026");
        assert_eq!(long_date(d, Language::Fi), "5 March 2026");
    }
}

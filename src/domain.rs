//! The small vocabulary every other module speaks: the rights a data subject can exercise
//! ([`RequestKind`]), the languages we read and write ([`Language`]) and the countries whose law and
//! calendar we follow ([`Country`]).
//!
//! Plain data only. This module must never do I/O or know about mailboxes, databases or clocks.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A right under GDPR Chapter III that a message can exercise, plus the everyday "take me off
/// the newsletter", which practices must honour as well.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    /// Art. 15: see the data held.
    Access,
    /// Art. 17: delete the data.
    Erasure,
    /// Art. 16: correct the data.
    Rectification,
    /// Art. 18: restrict processing.
    Restriction,
    /// Art. 21: object to processing.
    Objection,
    /// Art. 20: receive the data in a machine-readable form.
    Portability,
    /// Art. 7(3): withdraw consent.
    WithdrawConsent,
    /// Leave a newsletter or mailing list.
    Unsubscribe,
}

impl RequestKind {
    pub const ALL: [RequestKind; 8] = [
        RequestKind::Access,
        RequestKind::Erasure,
        RequestKind::Rectification,
        RequestKind::Restriction,
        RequestKind::Objection,
        RequestKind::Portability,
        RequestKind::WithdrawConsent,
        RequestKind::Unsubscribe,
    ];

    /// The name used in JSON, the database and the config (`withdraw_consent`).
    pub fn as_str(self) -> &'static str {
        match self {
            RequestKind::Access => "access",
            RequestKind::Erasure => "erasure",
            RequestKind::Rectification => "rectification",
            RequestKind::Restriction => "restriction",
            RequestKind::Objection => "objection",
            RequestKind::Portability => "portability",
            RequestKind::WithdrawConsent => "withdraw_consent",
            RequestKind::Unsubscribe => "unsubscribe",
        }
    }

    /// Whether the policy may ask for identity documents before acting. Unsubscribing and
    /// withdrawing consent only stop processing, so they never require ID (SPEC, lifecycle §4).
    pub fn may_require_id(self) -> bool {
        !matches!(
            self,
            RequestKind::Unsubscribe | RequestKind::WithdrawConsent
        )
    }
}

impl fmt::Display for RequestKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for RequestKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RequestKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("unknown request kind {s:?}"))
    }
}

/// A language we recognise. Replies are drafted in da, sv, no, en and de; nl and fi are read
/// (best effort) and answered in English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Da,
    Sv,
    No,
    En,
    De,
    Nl,
    Fi,
}

impl Language {
    pub const ALL: [Language; 7] = [
        Language::Da,
        Language::Sv,
        Language::No,
        Language::En,
        Language::De,
        Language::Nl,
        Language::Fi,
    ];

    /// ISO 639-1 code as used in JSON, the config and `templates/<lang>/`.
    pub fn code(self) -> &'static str {
        match self {
            Language::Da => "da",
            Language::Sv => "sv",
            Language::No => "no",
            Language::En => "en",
            Language::De => "de",
            Language::Nl => "nl",
            Language::Fi => "fi",
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Language {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.to_ascii_lowercase();
        let s = match s.as_str() {
            "nb" | "nn" => "no",
            other => other,
        };
        Language::ALL
            .into_iter()
            .find(|l| l.code() == s)
            .ok_or_else(|| format!("unknown language {s:?} (use da, sv, no, en, de, nl or fi)"))
    }
}

/// The country whose law, calendar and supervisory authority apply to the business.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Country {
    #[serde(rename = "DK")]
    Denmark,
    #[serde(rename = "SE")]
    Sweden,
    #[serde(rename = "NO")]
    Norway,
}

impl Country {
    pub fn code(self) -> &'static str {
        match self {
            Country::Denmark => "DK",
            Country::Sweden => "SE",
            Country::Norway => "NO",
        }
    }

    /// The IANA time zone the business acts in; deadlines are counted in local days.
    pub fn time_zone(self) -> chrono_tz::Tz {
        match self {
            Country::Denmark => chrono_tz::Europe::Copenhagen,
            Country::Sweden => chrono_tz::Europe::Stockholm,
            Country::Norway => chrono_tz::Europe::Oslo,
        }
    }

    pub fn default_language(self) -> Language {
        match self {
            Country::Denmark => Language::Da,
            Country::Sweden => Language::Sv,
            Country::Norway => Language::No,
        }
    }

    /// The supervisory authority a data subject may complain to (Art. 77).
    pub fn authority(self) -> SupervisoryAuthority {
        match self {
            Country::Denmark => SupervisoryAuthority {
                name: "Datatilsynet",
                address: "Carl Jacobsens Vej 35, 2500 Valby",
                web: "https://www.datatilsynet.dk",
            },
            Country::Sweden => SupervisoryAuthority {
                name: "Integritetsskyddsmyndigheten (IMY)",
                address: "Box 8114, 104 20 Stockholm",
                web: "https://www.imy.se",
            },
            Country::Norway => SupervisoryAuthority {
                name: "Datatilsynet",
                address: "Postboks 458 Sentrum, 0105 Oslo",
                web: "https://www.datatilsynet.no",
            },
        }
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Country {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_uppercase().as_str() {
            "DK" => Ok(Country::Denmark),
            "SE" => Ok(Country::Sweden),
            "NO" => Ok(Country::Norway),
            _ => Err(format!("unknown country {s:?} (use DK, SE or NO)")),
        }
    }
}

/// Who a data subject can complain to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SupervisoryAuthority {
    pub name: &'static str,
    pub address: &'static str,
    pub web: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_names() {
        for kind in RequestKind::ALL {
            assert_eq!(kind.as_str().parse::<RequestKind>(), Ok(kind));
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
    }

    #[test]
    fn languages_accept_norwegian_variants() {
        assert_eq!("nb".parse::<Language>(), Ok(Language::No));
        assert_eq!("DA".parse::<Language>(), Ok(Language::Da));
        assert!("xx".parse::<Language>().is_err());
    }

    #[test]
    fn unsubscribe_and_withdrawal_never_need_id() {
        assert!(!RequestKind::Unsubscribe.may_require_id());
        assert!(!RequestKind::WithdrawConsent.may_require_id());
        assert!(RequestKind::Erasure.may_require_id());
    }
}

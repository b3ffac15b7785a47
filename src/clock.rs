//! Where "now" comes from. The daemon and the CLI ask a [`Clock`]; the pure core never does —
//! it is handed the time. Tests and the demo can pin the clock with `GDPR_INBOX_NOW`.

use chrono::{DateTime, Utc};

/// Environment variable that pins the clock (RFC 3339), for tests, demos and "what if" runs.
pub const NOW_ENV: &str = "GDPR_INBOX_NOW";

/// A source of the current time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    System,
    Fixed(DateTime<Utc>),
}

impl Clock {
    /// The system clock, unless `GDPR_INBOX_NOW` pins it.
    pub fn from_env() -> Result<Clock, String> {
        match std::env::var(NOW_ENV) {
            Ok(text) => DateTime::parse_from_rfc3339(text.trim())
                .map(|t| Clock::Fixed(t.with_timezone(&Utc)))
                .map_err(|e| format!("{NOW_ENV}={text:?} is not an RFC 3339 time ({e}), e.g. 2026-03-05T10:00:00Z")),
            Err(_) => Ok(Clock::System),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(t) => *t,
        }
    }
}

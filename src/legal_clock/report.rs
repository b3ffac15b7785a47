//! The pure core of `gdpr-inbox deadline --country DK|SE|NO --received YYYY-MM-DD[THH:MM]
//! [--suspended-days N] [--extended] [--json]`: parse the received date, compute the due dates,
//! and produce the documented JSON object.
//!
//! It must never read the clock, a mailbox, the database or the config, print anything, or
//! panic; bad input is a [`ClockError`] whose message can be shown as is (exit status 2).
//!
//! JSON (`serde_json::to_string(&report)`):
//! `{"received":"2024-03-05","due":"2024-04-05","extended_due":null,"working_day_rolled":false}`
//! * `received` — the input, normalised (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`), local time of the
//!   country's zone. Only its date matters: periods in months count whole local days.
//! * `due` — the one-month due date (GDPR Art. 12(3)), suspended days added, rolled (Art. 3(4)).
//! * `extended_due` — with `--extended`, the three-month due date counted the same way; else
//!   `null`.
//! * `working_day_rolled` — whether `due` was moved off a Saturday, Sunday or public holiday.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use serde::Serialize;

use super::period::period_in_months;
use super::{check_range, ClockError};
use crate::domain::Country;

/// `--received`: a local date, optionally with a local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReceivedInput {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
}

impl ReceivedInput {
    /// Parse `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS` (a space may replace `T`).
    pub fn parse(s: &str) -> Result<Self, ClockError> {
        let s = s.trim();
        let bad = || {
            ClockError::Invalid(format!(
                "bad --received {s:?}: use YYYY-MM-DD or YYYY-MM-DDTHH:MM (local time), e.g. 2024-03-05T14:30"
            ))
        };
        let parsed = if let Ok(date) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            ReceivedInput { date, time: None }
        } else {
            let dt = [
                "%Y-%m-%dT%H:%M",
                "%Y-%m-%d %H:%M",
                "%Y-%m-%dT%H:%M:%S",
                "%Y-%m-%d %H:%M:%S",
            ]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
            .ok_or_else(bad)?;
            ReceivedInput {
                date: dt.date(),
                time: Some(dt.time()),
            }
        };
        check_range(parsed.date)?;
        Ok(parsed)
    }

    /// The instant, if a time was given: the local time in the country's zone. An ambiguous
    /// time (the autumn hour that happens twice) resolves to the earlier instant; a time that
    /// does not exist (the spring gap) is an error. Without a time: local midnight.
    pub fn instant(&self, country: Country) -> Result<DateTime<Utc>, ClockError> {
        let local = self.date.and_time(self.time.unwrap_or(NaiveTime::MIN));
        country
            .time_zone()
            .from_local_datetime(&local)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .ok_or_else(|| {
                ClockError::Invalid(format!(
                    "{self} does not exist in {} (the clocks skip that hour)",
                    country.time_zone()
                ))
            })
    }
}

impl FromStr for ReceivedInput {
    type Err = ClockError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ReceivedInput::parse(s)
    }
}

impl fmt::Display for ReceivedInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.time {
            None => write!(f, "{}", self.date.format("%Y-%m-%d")),
            Some(t) => write!(f, "{}T{}", self.date.format("%Y-%m-%d"), t.format("%H:%M")),
        }
    }
}

/// The result of `deadline`, serialised as the documented JSON object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeadlineReport {
    pub received: String,
    pub due: NaiveDate,
    pub extended_due: Option<NaiveDate>,
    pub working_day_rolled: bool,
}

/// Compute the `deadline` command's answer. No mailbox, database or clock involved.
pub fn deadline_report(
    country: Country,
    received: &ReceivedInput,
    suspended_days: u32,
    extended: bool,
) -> Result<DeadlineReport, ClockError> {
    let original = period_in_months(country, received.date, 1, suspended_days)?;
    let extended_due = if extended {
        Some(period_in_months(country, received.date, 3, suspended_days)?.due)
    } else {
        None
    };
    Ok(DeadlineReport {
        received: received.to_string(),
        due: original.due,
        extended_due,
        working_day_rolled: original.rolled,
    })
}

//! The breach clock: GDPR Art. 33(1) — notify the supervisory authority "without undue delay
//! and, where feasible, not later than 72 hours after having become aware of it".
//!
//! It must never read the clock or do I/O, and never roll the deadline: 72 hours is a period in
//! hours, to which Regulation 1182/71 Art. 3(4) (Saturdays, Sundays, holidays) does not apply.
//! It never panics; an instant outside 1900–2199 is [`ClockError::OutOfRange`].
//!
//! Regulation 1182/71 Art. 3(1), first subparagraph, leaves out the hour in which the event
//! happens, so a period in hours legally starts at the next full hour and may end up to one hour
//! later than awareness + 72 h. We show and remind for the earlier instant
//! ([`BreachClock::notify_by`] = awareness + 72 h exactly) and report the later one as
//! [`BreachClock::legal_latest`] for information only. (Full hours are taken in UTC, which
//! coincides with local full hours in Europe/Copenhagen, Stockholm and Oslo.)

use chrono::{DateTime, Duration, DurationRound, Utc};
use serde::Serialize;

use super::period::period_in_hours;
use super::ClockError;

/// Art. 33(1): 72 hours.
pub const BREACH_NOTIFICATION_HOURS: u32 = 72;

/// The 72-hour clock of one breach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BreachClock {
    pub aware_at: DateTime<Utc>,
    /// Awareness + 72 hours: the deadline to work to.
    pub notify_by: DateTime<Utc>,
    /// The end under Art. 3(1)–(2)(a) of Regulation 1182/71 (first hour not counted).
    pub legal_latest: DateTime<Utc>,
}

impl BreachClock {
    /// Whole hours left until `notify_by` (rounded down; negative once passed).
    pub fn hours_left(&self, now: DateTime<Utc>) -> i64 {
        (self.notify_by - now).num_minutes().div_euclid(60)
    }

    /// Whether the 72 hours have passed at `now`.
    pub fn overdue(&self, now: DateTime<Utc>) -> bool {
        now >= self.notify_by
    }
}

/// The breach clock for awareness at `aware_at`.
pub fn breach_clock(aware_at: DateTime<Utc>) -> Result<BreachClock, ClockError> {
    let notify_by = period_in_hours(aware_at, BREACH_NOTIFICATION_HOURS)?;
    let hour_start = aware_at
        .duration_trunc(Duration::hours(1))
        .map_err(|e| ClockError::OutOfRange(format!("{aware_at}: {e}")))?;
    let legal_latest = period_in_hours(hour_start, BREACH_NOTIFICATION_HOURS + 1)?;
    Ok(BreachClock {
        aware_at,
        notify_by,
        legal_latest,
    })
}

//! The legal clock: when a data-subject request, an internal promise, a reminder or a breach
//! notification falls due, for a business in Denmark, Sweden or Norway.
//!
//! This module is **pure**. It must never do I/O, read a clock (`Utc::now()`, `Local::now()`),
//! touch the database, the mailbox or the configuration file, or panic on any input whose dates
//! lie in 1900–2199. Every "now" and "today" is passed in by the caller; every failure is a
//! [`ClockError`].
//!
//! # The law it follows (SPEC.md, "Deadline rules (facts)")
//!
//! * GDPR Art. 12(3): answer within one month of receipt; extendable by two further months if
//!   the data subject is told, with reasons, within the first month ([`case_clock`]).
//! * Regulation (EEC, Euratom) No 1182/71 on the rules applicable to periods, dates and time
//!   limits ([`period`]): the day of receipt is not counted (Art. 3(1) second subparagraph); a
//!   period in months ends on the day with the same date in the last month, or on that month's
//!   last day (Art. 3(2)(c)); a period (other than in hours) ending on a Saturday, Sunday or
//!   public holiday ends at the end of the next working day (Art. 3(4)).
//! * EDPB Guidelines 01/2022 on the right of access, §159–162: the clock starts when the
//!   request reaches the controller and may be suspended while awaiting identity documents or
//!   clarification asked for without undue delay ([`case_clock`]).
//! * GDPR Art. 33(1): breach notification within 72 hours of awareness, a period in hours that
//!   never rolls ([`breach`]).
//! * Public holidays of each country, computed for 1900–2199 ([`holidays`]).
//!
//! # Public API (for whoever wires it in)
//!
//! Calendar ([`holidays`]):
//! * `easter_sunday(year: i32) -> Option<NaiveDate>` — Gregorian computus.
//! * `holidays_in_year(country, year: i32) -> Result<Vec<Holiday>, ClockError>` — sorted list.
//! * `holidays_on(country, date) -> Vec<Holiday>` — the holidays on one date (usually 0 or 1).
//! * `is_public_holiday(country, date) -> bool` — counts as a public holiday for Art. 3(4).
//! * `is_working_day(country, date) -> bool` — not Saturday, Sunday or public holiday.
//! * `next_working_day_on_or_after(country, date) -> Result<NaiveDate, ClockError>`.
//!
//! Periods ([`period`]):
//! * `add_months(from_day, months: u32) -> Result<NaiveDate, ClockError>` — Art. 3(2)(c).
//! * `roll_to_working_day(country, day) -> Result<(NaiveDate, bool), ClockError>` — Art. 3(4).
//! * `period_in_months(country, event_day, months, extra_days) -> Result<PeriodEnd, ClockError>`.
//! * `statutory_due(country, received_at: DateTime<Utc>) -> Result<PeriodEnd, ClockError>`.
//! * `local_day(country, at: DateTime<Utc>) -> NaiveDate`; `end_of_local_day(country, day)`.
//! * `period_in_hours(start: DateTime<Utc>, hours: u32) -> Result<DateTime<Utc>, ClockError>`.
//!
//! CLI `deadline` ([`report`]):
//! * `ReceivedInput::parse(s) -> Result<ReceivedInput, ClockError>` — `YYYY-MM-DD[THH:MM]`.
//! * `deadline_report(country, &ReceivedInput, suspended_days: u32, extended: bool)
//!   -> Result<DeadlineReport, ClockError>` — serialises to the documented JSON.
//!
//! Cases ([`case_clock`]) — `now: DateTime<Utc>` is always passed in:
//! * `CaseClock::new(country, kind, received_at) -> CaseClock`; `.suspend(Suspension)`;
//!   `.mark_target_met(name, at)`; fields are public so the caller can rebuild from storage.
//! * `CaseClock::legal_deadline(&self, now, &SuspensionPolicy) -> Result<LegalDeadline, _>`;
//!   `LegalDeadline::effective() -> &PeriodEnd`.
//! * `CaseClock::check_extension(&self, notice_sent_at, &SuspensionPolicy)
//!   -> Result<LegalDeadline, ClockError>` — `ExtensionRefused` once the original due day has
//!   ended; `CaseClock::extend(&mut self, ..)` does the same and records the notice.
//! * `CaseClock::status(&self, now, &SuspensionPolicy, &TargetPolicy) -> Result<CaseStatus, _>`
//!   — legal due date, internal targets, days left; `CaseStatus::tracked_deadlines(item)` feeds
//!   the reminder planner.
//! * `TargetDuration::from_str("48h" | "10d")`, `TargetDuration::due_after(country, start)`,
//!   `TargetPolicy::seed()` / `for_kind(kind)`, `InternalTarget::new(name, within)`.
//! * `filing_deadline(arrived_at, std::time::Duration)`, `deletion_deadline(filed_at, ..)` —
//!   the filing-then-delete rule (exact elapsed time, never rolled).
//!
//! Reminders ([`reminders`]):
//! * `plan_reminders(&[TrackedDeadline], horizons_days: &[u32], today: NaiveDate,
//!   &HashSet<String>) -> Vec<Reminder>` — each with a stable `key` like
//!   `case-12/legal/2024-04-05/7d`; `DEFAULT_HORIZONS = [7, 2, 0]`;
//!   `first_reminder_day(due, horizons) -> Option<NaiveDate>`.
//!
//! Breach ([`breach`]):
//! * `breach_clock(aware_at: DateTime<Utc>) -> Result<BreachClock, ClockError>` — fields
//!   `notify_by` (awareness + 72 h, never rolled) and `legal_latest`;
//!   `BreachClock::hours_left(now) -> i64`, `BreachClock::overdue(now) -> bool`.

pub mod breach;
pub mod case_clock;
pub mod holidays;
pub mod period;
pub mod reminders;
pub mod report;

use chrono::{Datelike, NaiveDate};

pub use breach::{breach_clock, BreachClock, BREACH_NOTIFICATION_HOURS};
pub use case_clock::{
    deletion_deadline, filing_deadline, CaseClock, CaseStatus, InternalTarget, LegalDeadline,
    Suspension, SuspensionPolicy, SuspensionReason, TargetDuration, TargetPolicy, TargetStatus,
};
pub use holidays::{
    easter_sunday, holidays_in_year, holidays_on, is_public_holiday, is_working_day,
    next_working_day_on_or_after, Holiday, HolidayId, HolidayStatus,
};
pub use period::{
    add_months, end_of_local_day, local_day, period_in_hours, period_in_months,
    roll_to_working_day, statutory_due, PeriodEnd,
};
pub use reminders::{
    first_reminder_day, plan_reminders, Reminder, ReminderSlot, TrackedDeadline, DEFAULT_HORIZONS,
};
pub use report::{deadline_report, DeadlineReport, ReceivedInput};

/// The first year the engine vouches for.
pub const MIN_YEAR: i32 = 1900;
/// The last year the engine vouches for. A deadline that would end after 31 December of this
/// year is refused with [`ClockError::OutOfRange`] rather than computed on guessed rules.
pub const MAX_YEAR: i32 = 2199;

/// Everything that can go wrong in the legal clock. Each message is one line a practitioner
/// can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClockError {
    /// A date (given or computed) lies outside 1900–2199.
    #[error("date {0} is outside the supported range {MIN_YEAR}-01-01..{MAX_YEAR}-12-31")]
    OutOfRange(String),
    /// Input that cannot be read (a bad date, a bad duration).
    #[error("{0}")]
    Invalid(String),
    /// GDPR Art. 12(3): the extension notice came too late.
    #[error(
        "extension refused: the notice to the data subject was sent on {notice_sent}, after the \
         original deadline of {original_due} had passed; GDPR Art. 12(3) allows an extension only \
         if the data subject is told within the first month — answer now instead"
    )]
    ExtensionRefused {
        notice_sent: NaiveDate,
        original_due: NaiveDate,
    },
    /// A case may be extended once (to three months in all).
    #[error("the case is already extended (to {extended_due}); GDPR Art. 12(3) allows one extension of two months")]
    AlreadyExtended { extended_due: NaiveDate },
}

/// Refuse dates outside [`MIN_YEAR`]..=[`MAX_YEAR`].
pub(crate) fn check_range(day: NaiveDate) -> Result<NaiveDate, ClockError> {
    if (MIN_YEAR..=MAX_YEAR).contains(&day.year()) {
        Ok(day)
    } else {
        Err(ClockError::OutOfRange(day.to_string()))
    }
}

//! Periods under Regulation (EEC, Euratom) No 1182/71 determining the rules applicable to
//! periods, dates and time limits: month arithmetic, rolling to a working day, periods in hours,
//! and the local calendar day on which something happened.
//!
//! It must never read the clock, do I/O or panic: instants are passed in as `DateTime<Utc>`,
//! and every date that would leave 1900–2199 is refused with [`ClockError::OutOfRange`].
//!
//! The rules, as applied here:
//! * Art. 3(1), second subparagraph: where a period in days, weeks, months or years runs from
//!   an event, the day of the event is not counted. The event's day is the *local* calendar day
//!   in the business's time zone ([`local_day`]).
//! * Art. 3(2)(c): a period in months starts at the beginning of the first hour of the first day
//!   and ends with the expiry of the last hour of the day in the last month that has the same
//!   date as the day from which it runs; if there is no such date, at the end of the last day of
//!   that month ([`add_months`]). Hence 5 March → 5 April, 31 August → 30 September,
//!   31 January → 28 (29) February.
//! * Art. 3(4): a period, other than one in hours, whose last day is a public holiday, Sunday or
//!   Saturday ends with the expiry of the last hour of the following working day
//!   ([`roll_to_working_day`]). It does not apply to periods in hours ([`period_in_hours`]).

use chrono::{DateTime, Datelike, Days, Duration, NaiveDate, Offset, TimeZone, Utc};
use serde::Serialize;

use super::holidays::next_working_day_on_or_after;
use super::{check_range, ClockError};
use crate::domain::Country;

/// The end of a period counted in months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PeriodEnd {
    /// The local day of the event (receipt); not counted (Art. 3(1)).
    pub event_day: NaiveDate,
    /// Length of the period in months (1 for Art. 12(3); 3 with the extension).
    pub months: u32,
    /// Calendar days added for a suspension of the clock (EDPB 01/2022 §159–162), before rolling.
    pub suspended_days: u32,
    /// The last day before Art. 3(4): same date in the last month (or its last day), plus the
    /// suspended days.
    pub unrolled: NaiveDate,
    /// The last day of the period after Art. 3(4): a working day.
    pub due: NaiveDate,
    /// Whether Art. 3(4) moved the end (`due != unrolled`).
    pub rolled: bool,
    /// The instant the period expires: the end of `due` in the business's time zone (the first
    /// instant of the next local day).
    pub ends_at: DateTime<Utc>,
}

/// The calendar day of `at` in the business's time zone (Europe/Copenhagen, Europe/Stockholm,
/// Europe/Oslo). A request received at 23:30 UTC on 5 March 2024 was received on 6 March in
/// Copenhagen.
pub fn local_day(country: Country, at: DateTime<Utc>) -> NaiveDate {
    // Not `at.with_timezone(..).date_naive()`: that panics at the edge of chrono's range.
    let utc = at.naive_utc();
    let offset = country.time_zone().offset_from_utc_datetime(&utc).fix();
    utc.checked_add_offset(offset).unwrap_or(utc).date()
}

/// The instant at which local day `day` ends in `country` (the first instant of the next local
/// day). Midnight always exists in these zones today; should a historical transition ever skip
/// it, the first existing instant after it is used.
pub fn end_of_local_day(country: Country, day: NaiveDate) -> Result<DateTime<Utc>, ClockError> {
    let next = check_range(day)?
        .succ_opt()
        .ok_or_else(|| ClockError::OutOfRange(day.to_string()))?;
    let tz = country.time_zone();
    for hour in 0..=3 {
        if let Some(local) = next
            .and_hms_opt(hour, 0, 0)
            .and_then(|naive| tz.from_local_datetime(&naive).earliest())
        {
            return Ok(local.with_timezone(&Utc));
        }
    }
    // Unreachable for real zones; fall back to UTC midnight rather than panic.
    Ok(Utc.from_utc_datetime(&next.and_time(chrono::NaiveTime::MIN)))
}

/// Art. 3(2)(c): the day in the month `months` after `from_day` with the same date, or that
/// month's last day if it has no such date.
pub fn add_months(from_day: NaiveDate, months: u32) -> Result<NaiveDate, ClockError> {
    check_range(from_day)?;
    let index = i64::from(from_day.year()) * 12 + i64::from(from_day.month0()) + i64::from(months);
    let year = i32::try_from(index.div_euclid(12))
        .map_err(|_| ClockError::OutOfRange(format!("{from_day} + {months} months")))?;
    let month = u32::try_from(index.rem_euclid(12)).unwrap_or(0) + 1;
    let last = last_day_of_month(year, month)
        .ok_or_else(|| ClockError::OutOfRange(format!("{from_day} + {months} months")))?;
    let day = from_day.day().min(last.day());
    let end = NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| ClockError::OutOfRange(format!("{from_day} + {months} months")))?;
    check_range(end)
}

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (ny, nm) = if month == 12 {
        (year.checked_add(1)?, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

/// Art. 3(4): `day` if it is a working day in `country`, else the following working day.
/// Returns the day and whether it moved.
pub fn roll_to_working_day(
    country: Country,
    day: NaiveDate,
) -> Result<(NaiveDate, bool), ClockError> {
    let rolled = next_working_day_on_or_after(country, day)?;
    Ok((rolled, rolled != day))
}

/// A period of `months` months running from the event on `event_day` (not counted), prolonged
/// by `suspended_days` calendar days, then rolled to a working day (Art. 3(2)(c), 3(4)).
pub fn period_in_months(
    country: Country,
    event_day: NaiveDate,
    months: u32,
    suspended_days: u32,
) -> Result<PeriodEnd, ClockError> {
    let same_date = add_months(event_day, months)?;
    let unrolled = same_date
        .checked_add_days(Days::new(u64::from(suspended_days)))
        .ok_or_else(|| ClockError::OutOfRange(format!("{same_date} + {suspended_days} days")))?;
    let unrolled = check_range(unrolled)?;
    let (due, rolled) = roll_to_working_day(country, unrolled)?;
    Ok(PeriodEnd {
        event_day,
        months,
        suspended_days,
        unrolled,
        due,
        rolled,
        ends_at: end_of_local_day(country, due)?,
    })
}

/// GDPR Art. 12(3): the one-month deadline for a request received at `received_at`, counted
/// in the business's local calendar, with no suspension.
pub fn statutory_due(
    country: Country,
    received_at: DateTime<Utc>,
) -> Result<PeriodEnd, ClockError> {
    period_in_months(country, local_day(country, received_at), 1, 0)
}

/// A period in hours: exactly `hours` hours after `start`, never rolled (Art. 3(4) does not
/// apply to periods in hours). Used for the 72-hour breach notice and the filing rule.
///
/// Art. 3(1) first subparagraph would also leave out the hour in which the event happened, so
/// the legal end can be up to an hour later; we return the earlier instant on purpose (see
/// [`super::breach`]).
pub fn period_in_hours(start: DateTime<Utc>, hours: u32) -> Result<DateTime<Utc>, ClockError> {
    let end = start
        .checked_add_signed(Duration::hours(i64::from(hours)))
        .ok_or_else(|| ClockError::OutOfRange(format!("{start} + {hours} h")))?;
    check_range(end.date_naive())?;
    Ok(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn month_arithmetic() {
        assert_eq!(add_months(d(2024, 3, 5), 1), Ok(d(2024, 4, 5)));
        assert_eq!(add_months(d(2024, 8, 31), 1), Ok(d(2024, 9, 30)));
        assert_eq!(add_months(d(2024, 1, 31), 1), Ok(d(2024, 2, 29)));
        assert_eq!(add_months(d(2023, 1, 31), 1), Ok(d(2023, 2, 28)));
        assert_eq!(add_months(d(2023, 12, 15), 1), Ok(d(2024, 1, 15)));
        assert_eq!(add_months(d(2023, 11, 30), 3), Ok(d(2024, 2, 29)));
        assert!(add_months(d(2199, 12, 15), 1).is_err());
        assert!(add_months(d(1899, 12, 15), 1).is_err());
    }

    #[test]
    fn end_of_day_is_next_local_midnight() {
        // Copenhagen is UTC+2 in summer.
        let end = end_of_local_day(Country::Denmark, d(2024, 4, 5)).unwrap();
        assert_eq!(end.to_rfc3339(), "2024-04-05T22:00:00+00:00");
    }
}

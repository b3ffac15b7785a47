//! The clock of one case: the legal due date under GDPR Art. 12(3) with suspensions and the
//! extension, the business's own internal targets, and the days left — what `cases` shows and
//! what reminders are planned from.
//!
//! It must never read the clock, do I/O, or know how cases are stored: the caller builds a
//! [`CaseClock`] from what it has recorded and passes "now" in. It never panics; impossible
//! inputs (a suspension before receipt, a resumption before its suspension) are
//! [`ClockError::Invalid`].
//!
//! # Rules
//!
//! * **Start.** The clock starts when the request reaches the business (EDPB Guidelines 01/2022
//!   §159: any official channel, the general inbox included). The day of receipt is the local
//!   calendar day and is not counted (Regulation 1182/71 Art. 3(1)).
//! * **Suspension** (EDPB 01/2022 §159–162, GDPR Art. 12(6)). While the case awaits identity
//!   documents or a clarification that was asked for *without undue delay*, the clock stands
//!   still. "Without undue delay" is made concrete by [`SuspensionPolicy::ask_within_days`]: the
//!   request for ID/clarification must be sent no later than that many calendar days after the
//!   day of receipt; a later request does not suspend the clock (and a warning says so). The
//!   suspended days are the calendar days from the local day the request was sent up to (not
//!   including) the local day the answer arrived; overlapping suspensions count each day once.
//!   The due date is the unrolled one-month (or three-month) date moved by the suspended days,
//!   then rolled to a working day (Art. 3(4)). While a suspension is still open, the deadline is
//!   shown *provisionally*, as if the answer arrived today — the earliest it can become.
//! * **Extension** (GDPR Art. 12(3)). The period may be extended by two further months — a
//!   period of three months from receipt, counted like the first (same date, or last day of the
//!   month, plus suspended days, then rolled) — only if the data subject is told, with reasons,
//!   within the first month: the notice must be sent no later than the end of the original
//!   due date (local time). A later notice is refused with [`ClockError::ExtensionRefused`].
//!   Only one extension exists.
//! * **Internal targets** ([`TargetPolicy`]): promises the business makes on top of the law, per
//!   request kind (the seed policies promise a first answer within 48 hours and fulfilment
//!   within 10 days). A target in hours is exactly that many hours after receipt; a target in
//!   days ends at the end of the local day that many days after the day of receipt (the day of
//!   receipt not counted, as in the law) and is moved by suspended days like the legal clock.
//!   Targets are never rolled to a working day: a promise of 10 days is kept by the calendar.
//! * **Days left** are calendar days from the local "today" to the due day: 0 means due today,
//!   negative means overdue by that many days.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::Serialize;

use super::period::{end_of_local_day, local_day, period_in_hours, period_in_months, PeriodEnd};
use super::reminders::TrackedDeadline;
use super::{check_range, ClockError};
use crate::domain::{Country, RequestKind};

/// How "without undue delay" is made concrete for suspensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SuspensionPolicy {
    /// A request for ID or clarification suspends the clock only if it was sent at most this
    /// many calendar days after the day of receipt (0 = the same day).
    pub ask_within_days: u32,
}

impl Default for SuspensionPolicy {
    /// Three calendar days: the daemon drafts the ID request at once and the seed policies
    /// handle mail within 48 hours, so three days covers a weekend.
    fn default() -> Self {
        SuspensionPolicy { ask_within_days: 3 }
    }
}

/// What the clock is waiting for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SuspensionReason {
    /// Identity documents (GDPR Art. 12(6)).
    Identity,
    /// A clarification of the request (EDPB 01/2022 §160).
    Clarification,
}

/// One period during which the case awaited the data subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Suspension {
    pub reason: SuspensionReason,
    /// When the request for ID/clarification was sent.
    pub asked_at: DateTime<Utc>,
    /// When the answer arrived; `None` while still waiting.
    pub resumed_at: Option<DateTime<Utc>>,
}

/// A duration in the configuration: `"48h"` or `"10d"` (also `"48 hours"`, `"10 days"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetDuration {
    Hours(u32),
    Days(u32),
}

impl TargetDuration {
    /// When a period of this length that starts at `start` ends. Hours: exactly that many
    /// hours later. Days: the end of the local day `n` days after the local day of `start`
    /// (that day not counted). Never rolled to a working day.
    pub fn due_after(
        self,
        country: Country,
        start: DateTime<Utc>,
    ) -> Result<DateTime<Utc>, ClockError> {
        self.due_after_with_pause(country, start, 0)
    }

    fn due_after_with_pause(
        self,
        country: Country,
        start: DateTime<Utc>,
        paused_days: u32,
    ) -> Result<DateTime<Utc>, ClockError> {
        match self {
            TargetDuration::Hours(h) => period_in_hours(start, h),
            TargetDuration::Days(n) => {
                let day = local_day(country, start);
                let last = day
                    .checked_add_days(Days::new(u64::from(n) + u64::from(paused_days)))
                    .ok_or_else(|| ClockError::OutOfRange(format!("{day} + {n} days")))?;
                end_of_local_day(country, check_range(last)?)
            }
        }
    }
}

impl fmt::Display for TargetDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TargetDuration::Hours(h) => write!(f, "{h}h"),
            TargetDuration::Days(d) => write!(f, "{d}d"),
        }
    }
}

impl FromStr for TargetDuration {
    type Err = ClockError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_lowercase();
        let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
        let unit = t[digits.len()..].trim();
        let bad = || {
            ClockError::Invalid(format!(
                "bad duration {s:?}: write a whole number of hours or days, e.g. \"48h\" or \"10d\""
            ))
        };
        let n: u32 = digits.parse().map_err(|_| bad())?;
        match unit {
            "h" | "hour" | "hours" => Ok(TargetDuration::Hours(n)),
            "d" | "day" | "days" => Ok(TargetDuration::Days(n)),
            _ => Err(bad()),
        }
    }
}

/// One internal promise, e.g. `first_answer` within `48h`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InternalTarget {
    /// A short stable name (`first_answer`, `fulfilment`); used in reminder keys.
    pub name: String,
    pub within: TargetDuration,
}

impl InternalTarget {
    pub fn new(name: impl Into<String>, within: TargetDuration) -> Self {
        InternalTarget {
            name: name.into(),
            within,
        }
    }
}

/// Internal targets per request kind, from the config.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TargetPolicy {
    /// Targets for kinds without their own list.
    pub default: Vec<InternalTarget>,
    /// Targets for one kind, replacing `default` for it.
    pub per_kind: BTreeMap<RequestKind, Vec<InternalTarget>>,
}

impl TargetPolicy {
    /// What the seed policies promise: a first answer within 48 hours and fulfilment within
    /// 10 days, for every kind.
    pub fn seed() -> Self {
        TargetPolicy {
            default: vec![
                InternalTarget::new("first_answer", TargetDuration::Hours(48)),
                InternalTarget::new("fulfilment", TargetDuration::Days(10)),
            ],
            per_kind: BTreeMap::new(),
        }
    }

    pub fn for_kind(&self, kind: RequestKind) -> &[InternalTarget] {
        self.per_kind.get(&kind).unwrap_or(&self.default)
    }
}

/// The legal deadline of a case at a given moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LegalDeadline {
    /// One month from receipt, plus suspended days, rolled (Art. 12(3), first sentence).
    pub original: PeriodEnd,
    /// Three months from receipt, plus suspended days, rolled — present once extended.
    pub extended: Option<PeriodEnd>,
    /// Suspended calendar days that count.
    pub suspended_days: u32,
    /// A suspension is still open: the dates above are provisional (as if resumed today).
    pub suspended_now: bool,
    /// Human-readable remarks, e.g. a suspension that does not count because the ID request
    /// was sent too late.
    pub warnings: Vec<String>,
}

impl LegalDeadline {
    /// The period that applies: the extended one if any, else the original.
    pub fn effective(&self) -> &PeriodEnd {
        self.extended.as_ref().unwrap_or(&self.original)
    }
}

/// The clock of one case, built by the caller from its records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseClock {
    pub country: Country,
    pub kind: RequestKind,
    pub received_at: DateTime<Utc>,
    pub suspensions: Vec<Suspension>,
    /// When the extension notice was sent, once accepted by [`CaseClock::extend`].
    pub extension_notice_at: Option<DateTime<Utc>>,
    /// Internal targets already met, by name, with when.
    pub targets_met: BTreeMap<String, DateTime<Utc>>,
}

/// One internal target of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TargetStatus {
    pub name: String,
    pub within: TargetDuration,
    pub due_at: DateTime<Utc>,
    /// The local day on which `due_at` falls (the last day to act).
    pub due_day: NaiveDate,
    pub days_left: i64,
    pub met_at: Option<DateTime<Utc>>,
    /// Not met and `now` is at or after `due_at`.
    pub overdue: bool,
}

/// Everything `cases` shows about a case's clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseStatus {
    pub today: NaiveDate,
    pub received_day: NaiveDate,
    pub legal: LegalDeadline,
    /// The legal due date that applies (extended or not).
    pub legal_due: NaiveDate,
    pub legal_ends_at: DateTime<Utc>,
    /// Calendar days from today to `legal_due` (0 = today, negative = overdue).
    pub days_left: i64,
    pub overdue: bool,
    pub targets: Vec<TargetStatus>,
    /// The earliest internal target not yet met, if any.
    pub next_target: Option<TargetStatus>,
}

impl CaseStatus {
    /// The deadlines to feed [`super::plan_reminders`], for item `item` (e.g. `"case-12"`): the
    /// legal one (label `legal`) and every unmet internal target (label = its name).
    pub fn tracked_deadlines(&self, item: &str) -> Vec<TrackedDeadline> {
        let mut out = vec![TrackedDeadline {
            item: item.to_string(),
            label: "legal".to_string(),
            due: self.legal_due,
        }];
        out.extend(
            self.targets
                .iter()
                .filter(|t| t.met_at.is_none())
                .map(|t| TrackedDeadline {
                    item: item.to_string(),
                    label: t.name.clone(),
                    due: t.due_day,
                }),
        );
        out
    }
}

impl CaseClock {
    pub fn new(country: Country, kind: RequestKind, received_at: DateTime<Utc>) -> Self {
        CaseClock {
            country,
            kind,
            received_at,
            suspensions: Vec::new(),
            extension_notice_at: None,
            targets_met: BTreeMap::new(),
        }
    }

    /// Record a suspension (validated when the deadline is computed).
    pub fn suspend(&mut self, suspension: Suspension) -> &mut Self {
        self.suspensions.push(suspension);
        self
    }

    /// Record that internal target `name` was met at `at`.
    pub fn mark_target_met(&mut self, name: impl Into<String>, at: DateTime<Utc>) -> &mut Self {
        self.targets_met.insert(name.into(), at);
        self
    }

    /// The day of receipt in the business's calendar.
    pub fn received_day(&self) -> NaiveDate {
        local_day(self.country, self.received_at)
    }

    /// Suspended days that count at `now`, whether one is still open, and warnings.
    fn suspended_days(
        &self,
        now: DateTime<Utc>,
        policy: &SuspensionPolicy,
    ) -> Result<(u32, bool, Vec<String>), ClockError> {
        let received = self.received_day();
        let today = local_day(self.country, now);
        let mut days = BTreeSet::new();
        let mut open = false;
        let mut warnings = Vec::new();
        for s in &self.suspensions {
            if s.asked_at < self.received_at {
                return Err(ClockError::Invalid(format!(
                    "a suspension starts at {} before the request was received at {}",
                    s.asked_at, self.received_at
                )));
            }
            if let Some(resumed) = s.resumed_at {
                if resumed < s.asked_at {
                    return Err(ClockError::Invalid(format!(
                        "a suspension ends at {resumed} before it started at {}",
                        s.asked_at
                    )));
                }
            }
            let asked_day = local_day(self.country, s.asked_at);
            let delay = (asked_day - received).num_days();
            if delay > i64::from(policy.ask_within_days) {
                warnings.push(format!(
                    "the {} request sent on {asked_day} does not suspend the clock: it went {delay} days \
                     after receipt, later than the {} days allowed as \"without undue delay\" \
                     (EDPB Guidelines 01/2022 §159)",
                    match s.reason {
                        SuspensionReason::Identity => "ID",
                        SuspensionReason::Clarification => "clarification",
                    },
                    policy.ask_within_days
                ));
                continue;
            }
            let until = match s.resumed_at {
                Some(r) => local_day(self.country, r),
                None => {
                    open = true;
                    today
                }
            };
            let mut day = check_range(asked_day)?;
            while day < until {
                days.insert(day);
                day = match day.succ_opt() {
                    Some(next) => next,
                    None => break,
                };
            }
        }
        let count = u32::try_from(days.len())
            .map_err(|_| ClockError::Invalid("suspension too long".to_string()))?;
        Ok((count, open, warnings))
    }

    /// The legal deadline at `now` (suspensions still open count up to today).
    pub fn legal_deadline(
        &self,
        now: DateTime<Utc>,
        policy: &SuspensionPolicy,
    ) -> Result<LegalDeadline, ClockError> {
        let (suspended_days, suspended_now, warnings) = self.suspended_days(now, policy)?;
        let received = self.received_day();
        let original = period_in_months(self.country, received, 1, suspended_days)?;
        let extended = match self.extension_notice_at {
            Some(_) => Some(period_in_months(self.country, received, 3, suspended_days)?),
            None => None,
        };
        Ok(LegalDeadline {
            original,
            extended,
            suspended_days,
            suspended_now,
            warnings,
        })
    }

    /// Whether an extension notice sent at `notice_sent_at` is in time, without recording it.
    /// Returns the deadline as it would be with the extension.
    pub fn check_extension(
        &self,
        notice_sent_at: DateTime<Utc>,
        policy: &SuspensionPolicy,
    ) -> Result<LegalDeadline, ClockError> {
        if self.extension_notice_at.is_some() {
            let extended_due = self.legal_deadline(notice_sent_at, policy)?.effective().due;
            return Err(ClockError::AlreadyExtended { extended_due });
        }
        // The original deadline as it stood when the notice went (an open suspension counts
        // up to that day).
        let before = self.legal_deadline(notice_sent_at, policy)?;
        let sent_day = local_day(self.country, notice_sent_at);
        if notice_sent_at >= before.original.ends_at {
            return Err(ClockError::ExtensionRefused {
                notice_sent: sent_day,
                original_due: before.original.due,
            });
        }
        let mut extended = self.clone();
        extended.extension_notice_at = Some(notice_sent_at);
        extended.legal_deadline(notice_sent_at, policy)
    }

    /// GDPR Art. 12(3): extend by two further months, if the notice to the data subject was
    /// sent before the original deadline expired. Refused (and nothing recorded) otherwise.
    pub fn extend(
        &mut self,
        notice_sent_at: DateTime<Utc>,
        policy: &SuspensionPolicy,
    ) -> Result<LegalDeadline, ClockError> {
        let deadline = self.check_extension(notice_sent_at, policy)?;
        self.extension_notice_at = Some(notice_sent_at);
        Ok(deadline)
    }

    /// Legal due date, internal targets and days left at `now`.
    pub fn status(
        &self,
        now: DateTime<Utc>,
        policy: &SuspensionPolicy,
        targets: &TargetPolicy,
    ) -> Result<CaseStatus, ClockError> {
        let today = local_day(self.country, now);
        let legal = self.legal_deadline(now, policy)?;
        let effective = *legal.effective();
        let mut statuses = Vec::new();
        for target in targets.for_kind(self.kind) {
            let paused = match target.within {
                TargetDuration::Hours(_) => 0,
                TargetDuration::Days(_) => legal.suspended_days,
            };
            let due_at =
                target
                    .within
                    .due_after_with_pause(self.country, self.received_at, paused)?;
            // The last local day on which the target can be met: for an end-of-day instant
            // (midnight) that is the day before.
            let last_instant = due_at
                .checked_sub_signed(chrono::Duration::nanoseconds(1))
                .unwrap_or(due_at);
            let due_day = local_day(self.country, last_instant);
            let met_at = self.targets_met.get(&target.name).copied();
            statuses.push(TargetStatus {
                name: target.name.clone(),
                within: target.within,
                due_at,
                due_day,
                days_left: (due_day - today).num_days(),
                met_at,
                overdue: met_at.is_none() && now >= due_at,
            });
        }
        let next_target = statuses
            .iter()
            .filter(|t| t.met_at.is_none())
            .min_by_key(|t| t.due_at)
            .cloned();
        Ok(CaseStatus {
            today,
            received_day: self.received_day(),
            legal_due: effective.due,
            legal_ends_at: effective.ends_at,
            days_left: (effective.due - today).num_days(),
            overdue: now >= effective.ends_at,
            legal,
            targets: statuses,
            next_target,
        })
    }
}

/// The filing rule (SPEC lifecycle §9): a client's mail must be filed within `within` of
/// arrival — config `policy.file_within` (e.g. `"48h"`), as the `std::time::Duration` that
/// `config::parse_duration` yields. An exact elapsed time, never rolled.
pub fn filing_deadline(
    arrived_at: DateTime<Utc>,
    within: std::time::Duration,
) -> Result<DateTime<Utc>, ClockError> {
    after_exactly(arrived_at, within)
}

/// The deletion rule (SPEC lifecycle §9): once filed, mail must be deleted within `within`
/// (config `policy.delete_after_filing`). An exact elapsed time, never rolled.
pub fn deletion_deadline(
    filed_at: DateTime<Utc>,
    within: std::time::Duration,
) -> Result<DateTime<Utc>, ClockError> {
    after_exactly(filed_at, within)
}

fn after_exactly(
    start: DateTime<Utc>,
    within: std::time::Duration,
) -> Result<DateTime<Utc>, ClockError> {
    let too_far = || ClockError::OutOfRange(format!("{start} + {within:?}"));
    let span = chrono::Duration::from_std(within).map_err(|_| too_far())?;
    let end = start.checked_add_signed(span).ok_or_else(too_far)?;
    check_range(end.date_naive())?;
    Ok(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse() {
        assert_eq!("48h".parse(), Ok(TargetDuration::Hours(48)));
        assert_eq!(" 10 days".parse(), Ok(TargetDuration::Days(10)));
        assert_eq!("1 day".parse(), Ok(TargetDuration::Days(1)));
        assert!("ten days".parse::<TargetDuration>().is_err());
        assert!("10w".parse::<TargetDuration>().is_err());
        assert!("99999999999h".parse::<TargetDuration>().is_err());
        assert!("".parse::<TargetDuration>().is_err());
        assert_eq!(TargetDuration::Hours(48).to_string(), "48h");
    }
}

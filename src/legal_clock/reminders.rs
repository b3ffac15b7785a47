//! The reminder planner: given the deadlines of open items, the reminder horizons, "today" and
//! the keys of reminders already sent, which reminders are due now — each with a stable key so
//! the daemon can record it and never send it twice.
//!
//! It must never send anything, read the clock, or remember anything itself: the daemon owns
//! the record of sent keys and passes it in. It never panics.
//!
//! # Semantics
//!
//! * A horizon `h` (in days; default `[7, 2, 0]`, 0 = on the day) is *open* on the days
//!   `due - h ..= due`. On a given day the planner proposes, per deadline, only the most urgent
//!   open horizon (the smallest `h`), so a daemon that was down for a week sends one reminder,
//!   not three; horizons that were skipped are never sent later (they have closed).
//! * After the due day (`today > due`) the deadline is overdue: one `overdue` reminder.
//! * Each reminder is sent once: a key in `sent` is never proposed again.
//! * Keys are `{item}/{label}/{due}/{slot}`, e.g. `case-12/legal/2024-04-05/7d`,
//!   `case-12/first_answer/2024-03-07/0d`, `case-12/legal/2024-04-05/overdue`. The due date is
//!   part of the key on purpose: when a deadline moves (a suspension, an extension), the
//!   reminders for the new date are armed again; reminders for the old date are never repeated.
//! * "Today" is the local calendar day of the business (use [`super::local_day`]).

use std::collections::{BTreeSet, HashSet};

use chrono::{Days, NaiveDate};
use serde::Serialize;

/// One deadline of one open item.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct TrackedDeadline {
    /// The item, e.g. `case-12` or `message-381`; must not contain `/`.
    pub item: String,
    /// Which deadline of the item: `legal`, `first_answer`, `fulfilment`, `filing`, ….
    pub label: String,
    /// The last day to act (local calendar day).
    pub due: NaiveDate,
}

/// Which reminder this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReminderSlot {
    /// `n` days before the due day (0 = on the day).
    DaysBefore(u32),
    /// After the due day.
    Overdue,
}

impl ReminderSlot {
    /// The last part of the key: `7d`, `0d` or `overdue`.
    pub fn key_part(self) -> String {
        match self {
            ReminderSlot::DaysBefore(n) => format!("{n}d"),
            ReminderSlot::Overdue => "overdue".to_string(),
        }
    }
}

/// A reminder to send now.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Reminder {
    /// Stable key; record it once sent.
    pub key: String,
    pub item: String,
    pub label: String,
    pub due: NaiveDate,
    pub slot: ReminderSlot,
    /// Calendar days from today to the due day (negative when overdue).
    pub days_left: i64,
}

/// The default horizons: 7 days and 2 days before, and on the day.
pub const DEFAULT_HORIZONS: [u32; 3] = [7, 2, 0];

/// The reminders due `today`, sorted by due day, item and label. Empty means no digest today.
pub fn plan_reminders(
    deadlines: &[TrackedDeadline],
    horizons_days: &[u32],
    today: NaiveDate,
    sent: &HashSet<String>,
) -> Vec<Reminder> {
    let horizons: BTreeSet<u32> = horizons_days.iter().copied().collect();
    let mut out = Vec::new();
    let mut proposed = HashSet::new();
    for deadline in deadlines {
        let days_left = (deadline.due - today).num_days();
        let slot = if days_left < 0 {
            Some(ReminderSlot::Overdue)
        } else {
            // Smallest horizon whose window `due - h ..= due` contains today.
            horizons
                .iter()
                .copied()
                .find(|&h| i64::from(h) >= days_left)
                .map(ReminderSlot::DaysBefore)
        };
        let Some(slot) = slot else { continue };
        let key = format!(
            "{}/{}/{}/{}",
            deadline.item,
            deadline.label,
            deadline.due,
            slot.key_part()
        );
        if sent.contains(&key) || !proposed.insert(key.clone()) {
            continue;
        }
        out.push(Reminder {
            key,
            item: deadline.item.clone(),
            label: deadline.label.clone(),
            due: deadline.due,
            slot,
            days_left,
        });
    }
    out.sort_by(|a, b| (a.due, &a.item, &a.label).cmp(&(b.due, &b.item, &b.label)));
    out
}

/// The first day on which any reminder for `due` can fire with these horizons (for a daemon
/// that wants to know when to wake up). `None` if no horizon is given.
pub fn first_reminder_day(due: NaiveDate, horizons_days: &[u32]) -> Option<NaiveDate> {
    let widest = horizons_days.iter().copied().max()?;
    Some(
        due.checked_sub_days(Days::new(u64::from(widest)))
            .unwrap_or(NaiveDate::MIN),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn one_reminder_per_window() {
        let dl = [TrackedDeadline {
            item: "case-1".into(),
            label: "legal".into(),
            due: d(2024, 4, 5),
        }];
        let none = HashSet::new();
        assert!(plan_reminders(&dl, &DEFAULT_HORIZONS, d(2024, 3, 28), &none).is_empty());
        let r = plan_reminders(&dl, &DEFAULT_HORIZONS, d(2024, 3, 29), &none);
        assert_eq!(r[0].key, "case-1/legal/2024-04-05/7d");
        assert_eq!(
            first_reminder_day(d(2024, 4, 5), &DEFAULT_HORIZONS),
            Some(d(2024, 3, 29))
        );
        assert_eq!(first_reminder_day(d(2024, 4, 5), &[]), None);
    }
}

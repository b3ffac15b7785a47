//! `gdpr-inbox deadline --country DK|SE|NO --received YYYY-MM-DD[THH:MM] [--suspended-days N]
//! [--extended] [--json]`: the statutory due date of a request, without any mailbox, database or
//! config — for checking by hand and for scripts.

use crate::domain::Country;
use crate::legal_clock::{deadline_report, holidays_on, is_working_day, ReceivedInput};

use super::{print_json_line, Failure, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The country whose calendar applies: DK, SE or NO.
    #[arg(long, value_parser = parse_country)]
    country: Country,
    /// When the request arrived, local time: YYYY-MM-DD or YYYY-MM-DDTHH:MM.
    #[arg(long)]
    received: String,
    /// Calendar days the clock was suspended while awaiting ID or clarification.
    #[arg(long, default_value_t = 0)]
    suspended_days: u32,
    /// Also show the date with the two-month extension of Art. 12(3).
    #[arg(long)]
    extended: bool,
    /// {"received", "due", "extended_due", "working_day_rolled"} on one line.
    #[arg(long)]
    json: bool,
}

fn parse_country(s: &str) -> Result<Country, String> {
    s.parse()
}

pub fn run(args: Args) -> Outcome {
    let received =
        ReceivedInput::parse(&args.received).map_err(|e| Failure::Usage(e.to_string()))?;
    let report = deadline_report(args.country, &received, args.suspended_days, args.extended)
        .map_err(|e| Failure::Usage(e.to_string()))?;
    if args.json {
        return print_json_line(&report);
    }
    println!("Received:  {} ({})", report.received, args.country);
    if args.suspended_days > 0 {
        println!("Suspended: {} days", args.suspended_days);
    }
    let rolled = if report.working_day_rolled {
        " (moved to the next working day, Regulation 1182/71 Art. 3(4))"
    } else {
        ""
    };
    println!(
        "Due:       {} {}{rolled}",
        report.due,
        report.due.format("%A")
    );
    if let Some(extended) = report.extended_due {
        println!(
            "Extended:  {} {} (Art. 12(3): two further months)",
            extended,
            extended.format("%A")
        );
    }
    // Say why a nearby day did not count, so the date can be checked by hand.
    let mut day = report.due.pred_opt();
    while let Some(d) = day.filter(|d| !is_working_day(args.country, *d)) {
        for holiday in holidays_on(args.country, d) {
            println!("           {d} is {}", holiday.name);
        }
        day = d.pred_opt();
    }
    Ok(())
}

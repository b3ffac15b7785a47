//! `gdpr-inbox run [--once]`: the daemon.

use crate::config::Config;
use crate::daemon::{self, Context};

use super::{clock, Failure, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// One sync and one housekeeping pass, then exit.
    #[arg(long)]
    once: bool,
}

pub async fn run(config: Config, args: Args) -> Outcome {
    let ctx = Context::open(config, clock()?).await?;
    daemon::run(&ctx, args.once).await.map_err(Failure::Runtime)
}

//! One module per subcommand.

mod migrate;
mod serve;

use anyhow::Context;
use tandem_store::DatabaseTarget;

use crate::cli::{Cli, Command, DatabaseArgs};

/// Runs the parsed command.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let target = database_target(&cli.database)?;
    match cli.command {
        Command::Serve(args) => serve::run(&target, &args).await,
        Command::Migrate => migrate::run(&target).await,
    }
}

/// The database named by `--database-url`, or the embedded one in `--data-dir`.
fn database_target(args: &DatabaseArgs) -> anyhow::Result<DatabaseTarget> {
    match args.database_url.as_deref().filter(|u| !u.is_empty()) {
        Some(url) => DatabaseTarget::from_url(url).context("--database-url"),
        None => Ok(DatabaseTarget::in_data_dir(&args.data_dir)),
    }
}

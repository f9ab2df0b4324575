//! The `tandem` command: serve a Tandem installation, migrate its database, and (in later
//! versions) administer it.
//!
//! `main` stays thin: parse the command line into a typed configuration, start logging, run the
//! command, and turn any error into one clear line and a non-zero exit code.

#![expect(
    clippy::print_stdout,
    reason = "a command-line program reports its results on standard output"
)]

mod cli;
mod commands;
mod shutdown;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    init_tracing(&cli.log);
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(commands::run(cli)) {
        Ok(commands::Exit::Success) => ExitCode::SUCCESS,
        Ok(commands::Exit::CheckFailed) => ExitCode::from(1),
        Ok(commands::Exit::BadInput) => ExitCode::from(2),
        Err(error) => {
            // `{:#}` prints the whole context chain on one line.
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// Logs go to stderr, filtered by `--log`/`TANDEM_LOG` (e.g. `info`, `tandem_web=debug`), in
/// colour only on a terminal: a log file or a journal gets plain text to search.
fn init_tracing(filter: &str) {
    use std::io::IsTerminal;
    let filter = tracing_subscriber::EnvFilter::try_new(filter)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr)
        .init();
}

//! The command line, parsed by clap into typed values before any work starts. Every option can
//! also come from a `TANDEM_…` environment variable; nothing else reads the environment.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Tandem: co-production with young people and their networks, and sensemaking for the
/// managers who lead that change.
#[derive(Debug, Parser)]
#[command(name = "tandem", version, about)]
pub struct Cli {
    /// Which database to use.
    #[command(flatten)]
    pub database: DatabaseArgs,

    /// Log filter, e.g. `info` or `warn,tandem_web=debug`. Logs go to standard error.
    #[arg(long, env = "TANDEM_LOG", default_value = "info", global = true)]
    pub log: String,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Where the data lives.
#[derive(Debug, Args)]
pub struct DatabaseArgs {
    /// Directory for the embedded SQLite database (`tandem.db`), created if missing.
    #[arg(
        long,
        env = "TANDEM_DATA_DIR",
        default_value = "./tandem-data",
        global = true
    )]
    pub data_dir: PathBuf,

    /// Use this database instead of the embedded one: `postgres://user:pass@host/db`
    /// (or `sqlite://PATH`).
    #[arg(
        long,
        env = "TANDEM_DATABASE_URL",
        global = true,
        hide_env_values = true
    )]
    pub database_url: Option<String>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply pending migrations and serve the web application until stopped.
    Serve(ServeArgs),
    /// Apply pending database migrations, then exit.
    Migrate,
}

/// Options of `tandem serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "TANDEM_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// Largest request body accepted, in bytes; larger requests get 413.
    #[arg(long, env = "TANDEM_MAX_BODY_BYTES", default_value_t = 2 * 1024 * 1024)]
    pub max_body_bytes: usize,

    /// Seconds one request may take before it is answered with 408.
    #[arg(long, env = "TANDEM_REQUEST_TIMEOUT_SECS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub request_timeout_secs: u64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn serve_defaults_to_loopback_port_8080_and_the_local_data_dir() {
        let cli = Cli::try_parse_from(["tandem", "serve"]).expect("parses");
        let Command::Serve(serve) = cli.command else {
            panic!("serve expected");
        };
        assert_eq!(serve.bind.to_string(), "127.0.0.1:8080");
        assert_eq!(cli.database.data_dir, PathBuf::from("./tandem-data"));
    }

    #[test]
    fn a_malformed_bind_address_is_rejected_before_anything_runs() {
        assert!(Cli::try_parse_from(["tandem", "serve", "--bind", "localhost"]).is_err());
        assert!(Cli::try_parse_from(["tandem", "serve", "--request-timeout-secs", "0"]).is_err());
    }
}

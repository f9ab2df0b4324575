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

    /// Where the audit trail's key and checkpoints live (outside the database).
    #[command(flatten)]
    pub audit: AuditArgs,

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

/// The audit trail's key file and checkpoint file (ADR 0015): both live outside the database,
/// so that someone who can write to the database cannot rewrite the trail unnoticed.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// The audit key file: lines `<key-id> <64 hex characters>`, the last signs new events.
    /// Defaults to `audit.key` beside the embedded database (created on first use); required
    /// with PostgreSQL (create it with `tandem audit add-key`).
    #[arg(long, env = "TANDEM_AUDIT_KEY_FILE", global = true)]
    pub audit_key_file: Option<PathBuf>,

    /// A file the chain's signed head is appended to (`tandem audit checkpoint`, and `tandem
    /// serve` every interval); `tandem audit verify` checks every line. Keep it on another
    /// machine or append-only storage.
    #[arg(long, env = "TANDEM_AUDIT_CHECKPOINT_FILE", global = true)]
    pub audit_checkpoint_file: Option<PathBuf>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply pending migrations and serve the web application until stopped.
    Serve(ServeArgs),
    /// Apply pending database migrations, then exit.
    Migrate,
    /// Add the demonstration organization with its accounts and courses (once), then exit.
    Demo(DemoArgs),
    /// Analyze a story CSV (Tandem's format) and print the catalysis report as JSON; bad input
    /// exits with 2 and a line-numbered list of problems.
    Analyze(AnalyzeArgs),
    /// Bring data in from files.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Organizations (tenants).
    #[command(subcommand)]
    Org(OrgCommand),
    /// Teams of an organization.
    #[command(subcommand)]
    Team(TeamCommand),
    /// Staff accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// The audit trail.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// The database itself.
    #[command(subcommand)]
    Db(DbCommand),
}

/// `tandem db …`
#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// PostgreSQL: grant an existing role what `tandem serve` needs and, on the audit tables,
    /// only reading and appending. Run as the owner (the role that migrates), after every
    /// `tandem migrate`; then serve as this role.
    GrantRuntimeRole {
        /// The role (a plain lower-case name), created beforehand with `CREATE ROLE … LOGIN`.
        role: String,
    },
}

/// `tandem import …`
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import a story file into a campaign. Every bad row is listed with its line; a file with
    /// bad rows imports nothing (exit 2) unless `--skip-invalid` is given.
    Stories {
        /// The organization's name or id.
        #[arg(long)]
        org: String,
        /// The campaign's id (shown in its page's address).
        #[arg(long)]
        campaign: String,
        /// The file's format: tandem, narrafirma or sensemaker.
        #[arg(long, default_value = "tandem")]
        format: String,
        /// Import the good rows and report the bad ones instead of importing nothing.
        #[arg(long)]
        skip_invalid: bool,
        /// The story file.
        file: std::path::PathBuf,
    },
}

/// `tandem org …`
#[derive(Debug, Subcommand)]
pub enum OrgCommand {
    /// Add an organization.
    Add {
        /// Its name, e.g. "Aarhus Kommune, Socialforvaltningen".
        #[arg(long)]
        name: String,
    },
    /// List organizations.
    List,
}

/// `tandem team …`
#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Add a team to an organization.
    Add {
        /// The organization's name or id.
        #[arg(long)]
        org: String,
        /// The team's name.
        #[arg(long)]
        name: String,
    },
}

/// `tandem user …`
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a staff account and print a one-time link to set its password (or read the password
    /// from standard input with `--password-stdin`).
    Add {
        /// The organization's name or id.
        #[arg(long)]
        org: String,
        /// The team's name (required for team managers and processors).
        #[arg(long)]
        team: Option<String>,
        /// administrator, head_of_department, team_manager or processor.
        #[arg(long)]
        role: String,
        /// Sign-in e-mail address.
        #[arg(long)]
        email: String,
        /// Display name (defaults to the e-mail address).
        #[arg(long)]
        name: Option<String>,
        /// Read the password from the first line of standard input instead of printing a link.
        #[arg(long)]
        password_stdin: bool,
        /// The address people reach Tandem at, for the printed link.
        #[arg(
            long,
            env = "TANDEM_PUBLIC_URL",
            default_value = "http://127.0.0.1:8080"
        )]
        public_url: String,
    },
    /// List the accounts of an organization.
    List {
        /// The organization's name or id.
        #[arg(long)]
        org: String,
    },
    /// Lock an account (it can no longer sign in; its sessions end).
    Lock {
        /// The account's e-mail address.
        #[arg(long)]
        email: String,
        /// Why (kept in the audit trail).
        #[arg(long)]
        reason: String,
    },
    /// Unlock an account.
    Unlock {
        /// The account's e-mail address.
        #[arg(long)]
        email: String,
        /// Why (kept in the audit trail).
        #[arg(long)]
        reason: String,
    },
}

/// `tandem audit …`
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Verify the hash chains — each organization's, the `system` chain and the single chain
    /// of before — (and every checkpoint, with `--audit-checkpoint-file`): exit 0 when intact,
    /// 1 naming the first bad event or checkpoint otherwise.
    Verify {
        /// Only this organization's chain (its name or id; `system` for events without one).
        #[arg(long)]
        org: Option<String>,
    },
    /// Append a signed checkpoint of each chain's head to `--audit-checkpoint-file` now.
    Checkpoint,
    /// Append a fresh random key to the audit key file (creating it, owner-only, if missing):
    /// new events are signed with it; older keys keep verifying older events.
    AddKey,
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

    /// Add a demonstration organization with sample accounts (once) before serving. For trying
    /// Tandem out; never on a production database.
    #[arg(long, env = "TANDEM_DEMO")]
    pub demo: bool,

    /// Tandem is served over HTTPS (directly or behind a proxy): cookies get `Secure` and the
    /// `__Host-` prefix. Leave off only for local development over plain HTTP.
    #[arg(long, env = "TANDEM_SECURE_COOKIES")]
    pub secure_cookies: bool,

    /// The address people reach Tandem at, e.g. `https://tandem.example.dk`, used in links that
    /// are handed out (invitations, set-password links, QR codes). Defaults to the bound address
    /// (the demo, local use); required with `--secure-cookies`.
    #[arg(long, env = "TANDEM_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Number of reverse proxies in front of Tandem that append to `X-Forwarded-For` (for the
    /// client address in throttling and the audit trail). Keep 0 if clients can reach Tandem
    /// directly.
    #[arg(long, env = "TANDEM_TRUSTED_PROXY_HOPS", default_value_t = 0)]
    pub trusted_proxy_hops: usize,

    /// Seconds a client may take to send a request's headers before its connection is closed
    /// (slow or stalled clients would otherwise hold connections open).
    #[arg(long, env = "TANDEM_HEADER_READ_TIMEOUT_SECS", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(1..=300))]
    pub header_read_timeout_secs: u64,

    /// Seconds between checkpoints of the audit chain's head, written to
    /// `--audit-checkpoint-file` (when given) whenever the head moved, and at start and stop.
    #[arg(long, env = "TANDEM_AUDIT_CHECKPOINT_INTERVAL_SECS", default_value_t = 300,
          value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub audit_checkpoint_interval_secs: u64,

    /// A bearer token that `/metrics` then requires (`Authorization: Bearer …`). Without it the
    /// metrics, which hold no personal data, are readable by anyone who can reach the server.
    #[arg(long, env = "TANDEM_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,

    /// Where e-mail to staff goes (a young person's worry, and each step it moves up):
    /// `smtp://host:25`, `smtp://host:587?tls=required` or `smtps://user:password@host`.
    /// Without it, staff see worries in Tandem only, and `/readyz` and the pages say so.
    #[arg(
        long,
        env = "TANDEM_SMTP_URL",
        hide_env_values = true,
        requires = "mail_from"
    )]
    pub smtp_url: Option<String>,

    /// The sender of Tandem's e-mail, e.g. `Tandem <tandem@kommune.dk>`.
    #[arg(long, env = "TANDEM_MAIL_FROM")]
    pub mail_from: Option<String>,

    /// Seconds between runs of the worry job (moving unacknowledged worries up, sending e-mail).
    #[arg(long, env = "TANDEM_WORRY_CHECK_SECS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub worry_check_secs: u64,
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

/// How much demonstration data to make.
#[derive(Debug, Clone, clap::Args)]
pub struct DemoArgs {
    /// Something else than the demonstration organization.
    #[command(subcommand)]
    pub what: Option<DemoWhat>,
    /// The seed the demo world follows from (same seed, same world).
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
    /// How many courses to make.
    #[arg(long, default_value_t = 150, value_parser = clap::value_parser!(u64).range(0..=100_000))]
    pub courses: u64,
}

/// What to analyze.
#[derive(Debug, Clone, clap::Args)]
pub struct AnalyzeArgs {
    /// The story CSV.
    #[arg(long)]
    pub input: std::path::PathBuf,
    /// Groups (options) with fewer stories are dropped before a test.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    pub min_group: u64,
    /// A framework file (TOML) giving each question's type; without it, types are inferred from
    /// the column names (`T1.a` triads, `D…` sliders, `M…` choices, others metadata).
    #[arg(long)]
    pub framework: Option<std::path::PathBuf>,
}

/// Other demonstration data.
#[derive(Debug, Clone, Subcommand)]
pub enum DemoWhat {
    /// Write a synthetic story CSV (for `tandem analyze` and benchmarks), without a database.
    Stories {
        /// How many stories.
        #[arg(long, value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
        count: u64,
        /// Where to write the CSV.
        #[arg(long)]
        out: std::path::PathBuf,
        /// The seed the stories follow from.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Leave out the team, role and teller columns (for importing into a campaign whose
        /// framework has no such metadata questions).
        #[arg(long)]
        no_metadata: bool,
    },
}

//! One module per subcommand.

mod admin;
mod analyze;
mod audit;
mod db;
mod demo;
mod import;
mod migrate;
mod serve;

use anyhow::Context;
use tandem_app::{App, DatabaseTarget};

use crate::cli::{AuditCommand, Cli, Command, DatabaseArgs, DbCommand};

pub use audit::AuditFiles;

/// What a command asks the process to exit with.
pub enum Exit {
    /// Success (0).
    Success,
    /// A check found a problem (1), already reported.
    CheckFailed,
    /// The input was refused (2), the problems already reported.
    BadInput,
}

/// Runs the parsed command.
pub async fn run(cli: Cli) -> anyhow::Result<Exit> {
    let target = database_target(&cli.database)?;
    let files = AuditFiles::new(&target, &cli.audit);
    let files = &files;
    match cli.command {
        Command::Serve(args) => serve::run(&target, files, &args).await?,
        Command::Migrate => migrate::run(&target).await?,
        Command::Analyze(args) => return analyze::run(&args),
        Command::Demo(crate::cli::DemoArgs {
            what:
                Some(crate::cli::DemoWhat::Stories {
                    count,
                    out,
                    seed,
                    no_metadata,
                }),
            ..
        }) => {
            let count = usize::try_from(count)?;
            tandem_app::demo::stories::write(&out, count, seed, !no_metadata)?;
        }
        Command::Demo(args) => {
            let size = tandem_app::demo::DemoSize {
                seed: args.seed,
                courses: usize::try_from(args.courses)?,
            };
            with_app(&target, files, |app| {
                Box::pin(async move { demo::seed(&app, size).await })
            })
            .await?
        }
        Command::Import(command) => {
            let app = open(&target, files).await?;
            let exit = import::run(&app, command).await;
            app.close().await;
            return exit;
        }
        Command::Org(command) => {
            with_app(&target, files, |app| {
                Box::pin(async move { admin::org(&app, command).await })
            })
            .await?
        }
        Command::Team(command) => {
            with_app(&target, files, |app| {
                Box::pin(async move { admin::team(&app, command).await })
            })
            .await?
        }
        Command::User(command) => {
            with_app(&target, files, |app| {
                Box::pin(async move { admin::user(&app, command).await })
            })
            .await?
        }
        Command::Audit(AuditCommand::Verify { org }) => {
            let keys = files.keys()?;
            let app = App::open_as_is(&target).await?.with_audit_keys(keys);
            let intact = audit::verify(&app, files, org.as_deref()).await;
            app.close().await;
            return Ok(if intact? {
                Exit::Success
            } else {
                Exit::CheckFailed
            });
        }
        Command::Audit(AuditCommand::Checkpoint) => {
            let keys = files.keys()?;
            let app = App::open_as_is(&target).await?.with_audit_keys(keys);
            let result = audit::checkpoint(&app, files).await;
            app.close().await;
            result?;
        }
        Command::Audit(AuditCommand::AddKey) => audit::add_key(files)?,
        Command::Db(DbCommand::GrantRuntimeRole { role }) => {
            let app = App::open(&target).await?;
            let result = db::grant_runtime_role(&app, &role).await;
            app.close().await;
            result?;
        }
    }
    Ok(Exit::Success)
}

/// Opens (and migrates) the database, runs `f`, and closes the database.
async fn with_app<F>(target: &DatabaseTarget, files: &AuditFiles, f: F) -> anyhow::Result<()>
where
    F: FnOnce(
        App,
    )
        -> std::pin::Pin<Box<dyn std::future::Future<Output = anyhow::Result<()>> + Send>>,
{
    let app = open(target, files).await?;
    let result = f(app.clone()).await;
    app.close().await;
    result
}

/// Opens (and migrates) the database, with the audit key file's keys signing its events. The
/// database comes first, so that an unreachable one is reported as such.
pub(crate) async fn open(target: &DatabaseTarget, files: &AuditFiles) -> anyhow::Result<App> {
    let app = App::open(target).await?;
    match files.keys() {
        Ok(keys) => Ok(app.with_audit_keys(keys)),
        Err(error) => {
            app.close().await;
            Err(error)
        }
    }
}

/// The database named by `--database-url`, or the embedded one in `--data-dir`.
fn database_target(args: &DatabaseArgs) -> anyhow::Result<DatabaseTarget> {
    match args.database_url.as_deref().filter(|u| !u.is_empty()) {
        Some(url) => DatabaseTarget::from_url(url).context("--database-url"),
        None => Ok(DatabaseTarget::in_data_dir(&args.data_dir)),
    }
}

//! `tandem migrate`: apply pending migrations and report the schema version.

use tandem_app::{App, DatabaseTarget};

/// Migrates the database and prints the resulting schema version.
pub async fn run(target: &DatabaseTarget) -> anyhow::Result<()> {
    let app = App::open(target).await?;
    let version = app.schema_version().await?;
    app.close().await;
    println!("{target}: schema is at version {version}");
    Ok(())
}

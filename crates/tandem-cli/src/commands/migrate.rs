//! `tandem migrate`: apply pending migrations and report the schema version.

use tandem_store::{DatabaseTarget, Store, migrate};

/// Migrates the database and prints the resulting schema version.
pub async fn run(target: &DatabaseTarget) -> anyhow::Result<()> {
    let store = Store::open_and_migrate(target).await?;
    let version = migrate::applied_version(&store).await?;
    store.close().await;
    println!("{target}: schema is at version {version}");
    Ok(())
}

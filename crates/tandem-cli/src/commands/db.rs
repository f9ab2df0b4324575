//! `tandem db grant-runtime-role`: the least-privilege PostgreSQL role to serve as (ADR 0015).

use tandem_app::App;

/// Grants `role` the runtime rights.
pub async fn grant_runtime_role(app: &App, role: &str) -> anyhow::Result<()> {
    tandem_app::audit_trail::grant_runtime_role(app, role).await?;
    println!(
        "granted {role} what `tandem serve` needs; on the audit tables only reading and appending"
    );
    Ok(())
}

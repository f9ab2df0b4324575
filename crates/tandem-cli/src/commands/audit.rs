//! `tandem audit verify`: checks the audit trail's hash chain.

use tandem_app::App;

/// Verifies the chain; `Ok(false)` when it is broken (the caller exits with 1).
pub async fn verify(app: &App) -> anyhow::Result<bool> {
    match tandem_app::setup::verify_audit_trail(app).await? {
        Ok(count) => {
            println!("audit trail intact: {count} events verified");
            Ok(true)
        }
        Err(broken) => {
            eprintln!(
                "audit trail BROKEN at event {}: {}",
                broken.seq, broken.problem
            );
            Ok(false)
        }
    }
}

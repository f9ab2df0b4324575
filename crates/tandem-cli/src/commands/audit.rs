//! `tandem audit verify`: checks the audit trail's hash chain.

use tandem_store::Store;

/// Verifies the chain; `Ok(false)` when it is broken (the caller exits with 1).
pub async fn verify(store: &Store) -> anyhow::Result<bool> {
    match store.verify_audit_trail().await? {
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

//! Keeping the audit trail tamper-evident (ADR 0015), for the operator's commands: the key file
//! that signs every event, checkpoints of the chain's head written outside the database, the
//! verification of both, and the least-privilege PostgreSQL role `tandem serve` runs as.

use std::path::Path;

use time::OffsetDateTime;

use crate::app::App;

pub use tandem_domain::audit::checkpoint::Checkpoint;
pub use tandem_domain::audit::{AuditKeyring, ChainBreak, SYSTEM_CHAIN};
pub use tandem_store::audit_checkpoints::{CheckpointError, Verified};
pub use tandem_store::audit_keys::{
    DEFAULT_FILE_NAME, KeyFileError, add_key, load, load_or_create,
};
pub use tandem_store::roles::RoleError;

/// Verifies the chain with the app's keys, and against every line of the checkpoint file when
/// one is named.
///
/// # Errors
/// `Ok(Err(break))` names the first bad event or checkpoint; `Err` when the database or the
/// checkpoint file cannot be read.
pub async fn verify(
    app: &App,
    checkpoints: Option<&Path>,
) -> Result<Result<Verified, ChainBreak>, CheckpointError> {
    app.store().verify_audit_trail_against(checkpoints).await
}

/// Verifies one chain (an organization's id, or [`SYSTEM_CHAIN`]); returns how many events it
/// holds.
///
/// # Errors
/// `Ok(Err(break))` names the first bad event; `Err` when the database cannot be read.
pub async fn verify_chain(
    app: &App,
    chain: &str,
) -> Result<Result<u64, ChainBreak>, tandem_store::StoreError> {
    app.store().verify_audit_chain(chain).await
}

/// Appends a checkpoint of each chain's current head to the file at `path`, signed with the
/// current key; with `only_if_moved`, only of the chains whose head moved since their last
/// line. Returns the lines written.
///
/// # Errors
/// The head does not verify (nothing is signed then); a file or database error.
pub async fn checkpoint(
    app: &App,
    path: &Path,
    at: OffsetDateTime,
    only_if_moved: bool,
) -> Result<Vec<Checkpoint>, CheckpointError> {
    app.store()
        .write_audit_checkpoint(path, at, only_if_moved)
        .await
}

/// Grants the PostgreSQL role `role` what `tandem serve` needs, and on the audit tables only
/// reading and appending; run as the schema's owner.
///
/// # Errors
/// An unsuitable role, SQLite, or a database error.
pub async fn grant_runtime_role(app: &App, role: &str) -> Result<(), RoleError> {
    app.store().grant_runtime_role(role).await
}

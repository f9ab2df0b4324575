//! What an action can fail with, typed so each front end chooses what a person sees.

pub use tandem_store::StoreError;

/// Why an action did not happen. Whatever the variant, nothing of the action was stored.
#[derive(Debug, thiserror::Error)]
pub enum ActionError {
    /// The thing acted on does not exist in the actor's course or organization (or is no longer
    /// in a state that allows the action, such as a rating already given). Front ends answer it
    /// exactly as for something that never existed.
    #[error("not found")]
    NotFound,
    /// The read could not be recorded in the audit trail, so it must not be served.
    #[error("audit trail unavailable: {0}")]
    AuditUnavailable(#[source] StoreError),
    /// A password could not be hashed (no randomness, or the worker died).
    #[error(transparent)]
    Hashing(#[from] crate::sessions::HashError),
    /// A database failure; the transaction was rolled back.
    #[error(transparent)]
    Store(#[from] StoreError),
}

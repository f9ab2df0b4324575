//! Statistics off the async executor: a page's computation (indicators, the pulse, term uptake)
//! runs on tokio's blocking threads, so one heavy page does not stall the requests served beside
//! it.

use tandem_store::StoreError;

use crate::error::ActionError;

/// Runs `work` on a blocking thread and returns its result. A panic in `work` is resumed here
/// (as if it had run inline); a computation the runtime cancelled while shutting down is
/// answered as a busy server, to be retried.
///
/// # Errors
/// [`ActionError::Store`] (busy) when the runtime cancelled the computation.
pub async fn off_executor<T, F>(work: F) -> Result<T, ActionError>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    match tokio::task::spawn_blocking(work).await {
        Ok(value) => Ok(value),
        Err(failed) if failed.is_panic() => std::panic::resume_unwind(failed.into_panic()),
        Err(_) => Err(ActionError::Store(StoreError::Busy)),
    }
}

//! Group commit for audited reads (ADR 0018): concurrent requests hand their events to one
//! appender, which writes whatever has queued up as one batch in one transaction, then answers
//! every request in the batch.
//!
//! The promise stays R15's: a request hears `Ok` only after the transaction holding its event
//! committed, and serves nothing otherwise — if the batch fails, each of its requests fails.
//! The queue is bounded: when it stays full past [`QUEUE_WAIT`], the request is refused
//! ([`StoreError::AuditOverloaded`], answered 503) instead of waiting without end or being
//! served unaudited.
//!
//! Writes keep appending their event inside their own transaction ([`crate::tx::Tx::append_audit`]):
//! the change and its event commit together or not at all.

use std::time::Duration;

use tokio::sync::{mpsc, oneshot};

use crate::audit::NewAuditEvent;
use crate::error::StoreError;
use crate::pool::Store;

/// How many events wait at most; a request finding the queue full waits for room.
pub const QUEUE_CAPACITY: usize = 4096;
/// How many events one transaction writes at most.
pub const MAX_BATCH: usize = 512;
/// How long a request waits for room in a full queue before it is refused.
pub const QUEUE_WAIT: Duration = Duration::from_secs(5);

/// One request's event and where to tell it the outcome.
struct Job {
    event: NewAuditEvent,
    done: oneshot::Sender<Result<(), StoreError>>,
}

/// The handle requests append through. Cheap to clone; the appender's task runs while any
/// clone lives, and finishes the events already queued when the last one is dropped.
#[derive(Debug, Clone)]
pub struct AuditAppender {
    queue: mpsc::Sender<Job>,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Job")
            .field("action", &self.event.action)
            .finish()
    }
}

impl AuditAppender {
    /// Starts the appender's task on the current Tokio runtime, writing through `store`.
    #[must_use]
    pub fn start(store: Store) -> Self {
        let (queue, jobs) = mpsc::channel(QUEUE_CAPACITY);
        tokio::spawn(run(store, jobs));
        Self { queue }
    }

    /// Appends `event` and returns once the transaction holding it has committed.
    ///
    /// # Errors
    /// [`StoreError::AuditOverloaded`] when the queue stayed full; [`StoreError::AuditBatch`]
    /// when the batch did not commit or the appender stopped. Either way the caller must not
    /// serve what the event records (R15).
    pub async fn append(&self, event: NewAuditEvent) -> Result<(), StoreError> {
        let (done, outcome) = oneshot::channel();
        match self
            .queue
            .send_timeout(Job { event, done }, QUEUE_WAIT)
            .await
        {
            Ok(()) => {}
            Err(mpsc::error::SendTimeoutError::Timeout(_)) => {
                return Err(StoreError::AuditOverloaded);
            }
            Err(mpsc::error::SendTimeoutError::Closed(_)) => {
                return Err(StoreError::AuditBatch(
                    "the audit appender has stopped".into(),
                ));
            }
        }
        outcome.await.unwrap_or_else(|_| {
            Err(StoreError::AuditBatch(
                "the audit appender stopped before the event was written".into(),
            ))
        })
    }
}

/// Takes what has queued (at least one job, at most [`MAX_BATCH`]), writes it, answers it; until
/// every handle is gone and the queue is empty. While one batch commits the next one queues, so
/// batches grow with the load and one commit (one `fsync` on SQLite) serves many requests.
async fn run(store: Store, mut jobs: mpsc::Receiver<Job>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while jobs.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let (events, waiting): (Vec<NewAuditEvent>, Vec<_>) =
            batch.drain(..).map(|job| (job.event, job.done)).unzip();
        let size = events.len();
        match write(&store, events).await {
            Ok(()) => {
                for done in waiting {
                    // A request that went away no longer needs its answer.
                    let _ = done.send(Ok(()));
                }
            }
            Err(error) => {
                // A database locked by another writer is temporary: each request hears "busy"
                // (503 with Retry-After), as it would have with a transaction of its own.
                let busy = matches!(&error, StoreError::Busy)
                    || matches!(&error, StoreError::AuditWrite(inner) if matches!(**inner, StoreError::Busy));
                tracing::error!(%error, size, "an audit batch failed; its requests are refused");
                let message = error.to_string();
                for done in waiting {
                    let failed = if busy {
                        StoreError::Busy
                    } else {
                        StoreError::AuditBatch(message.clone())
                    };
                    let _ = done.send(Err(failed));
                }
            }
        }
    }
}

/// One batch in one transaction.
async fn write(store: &Store, events: Vec<NewAuditEvent>) -> Result<(), StoreError> {
    let mut tx = store.begin().await?;
    tx.append_audit_batch(events).await?;
    tx.commit().await
}

//! The shutdown signal: SIGINT (Ctrl+C) or SIGTERM (service managers, containers).

use std::future::Future;

/// Starts listening for SIGINT and SIGTERM *now* and returns a future that completes when
/// either arrives.
///
/// The handlers are installed before the future is first polled: `tandem serve` announces its
/// address only after this call, so a service manager (or test) that sends SIGTERM as soon as
/// the address is printed finds the handler in place instead of the default action, which kills
/// the process without finishing in-flight requests.
pub fn signal() -> impl Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let interrupt = signal(SignalKind::interrupt());
        let terminate = signal(SignalKind::terminate());
        async move {
            let (mut interrupt, mut terminate) = match (interrupt, terminate) {
                (Ok(interrupt), Ok(terminate)) => (interrupt, terminate),
                (Err(error), _) | (_, Err(error)) => {
                    tracing::error!(%error, "cannot listen for SIGINT or SIGTERM");
                    return std::future::pending().await;
                }
            };
            tokio::select! {
                _ = interrupt.recv() => {},
                _ = terminate.recv() => {},
            }
            tracing::info!("shutdown requested; finishing in-flight requests");
        }
    }
    #[cfg(not(unix))]
    {
        async {
            if let Err(error) = tokio::signal::ctrl_c().await {
                tracing::error!(%error, "cannot listen for Ctrl+C");
                std::future::pending::<()>().await;
            }
            tracing::info!("shutdown requested; finishing in-flight requests");
        }
    }
}

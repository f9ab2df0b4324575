//! The accept loop: one HTTP/1.1 connection per task, with a deadline for request headers and a
//! graceful stop.
//!
//! `axum::serve` installs no timer in hyper, so hyper's header-read timeout never fires: a client
//! that opens connections and trickles header bytes (Slowloris) holds each one for as long as it
//! likes, and enough of them exhaust the server's file descriptors. This loop is axum's own
//! (accept, serve each connection in a task, tell every connection to finish on shutdown and
//! wait for them) with hyper's HTTP/1 builder given a Tokio timer and
//! [`crate::WebConfig::header_read_timeout`]. TLS and HTTP/2 belong to the reverse proxy in
//! front of Tandem.

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{mpsc, watch};
use tower::ServiceExt;

/// Serves `router` on `listener` until `shutdown` completes; then stops accepting, lets every
/// connection finish the request it is serving, and returns when all are closed.
pub async fn run(
    listener: TcpListener,
    router: Router,
    header_read_timeout: Duration,
    shutdown: impl Future<Output = ()>,
) {
    // Connections watch `stop`; each holds a `done` sender, so `recv` ends when all are gone.
    let (stop_tx, stop_rx) = watch::channel(());
    let (done_tx, mut done_rx) = mpsc::channel::<()>(1);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            // Shutdown first: a steady stream of connections must not keep the server from
            // noticing it was asked to stop.
            biased;
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(error) => {
                    // Out of file descriptors and the like: wait a moment rather than spin.
                    tracing::warn!(%error, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
        };
        let service = router
            .clone()
            .map_request(move |request: axum::http::Request<Incoming>| {
                let mut request = request.map(axum::body::Body::new);
                request
                    .extensions_mut()
                    .insert(ConnectInfo::<SocketAddr>(peer));
                request
            });
        let mut stop = stop_rx.clone();
        let done = done_tx.clone();
        tokio::spawn(async move {
            let mut builder = http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(header_read_timeout);
            let connection = builder
                .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service))
                .with_upgrades();
            tokio::pin!(connection);
            tokio::select! {
                result = connection.as_mut() => {
                    if let Err(error) = result {
                        tracing::debug!(%error, "connection closed with an error");
                    }
                    drop(done);
                    return;
                }
                _ = stop.changed() => {}
            }
            // Finish the request in flight, then close (an idle connection closes at once).
            connection.as_mut().graceful_shutdown();
            if let Err(error) = connection.await {
                tracing::debug!(%error, "connection closed with an error while stopping");
            }
            drop(done);
        });
    }
    drop(listener);
    let _ = stop_tx.send(());
    drop(done_tx);
    let _ = done_rx.recv().await;
}

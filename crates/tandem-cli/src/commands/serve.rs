//! `tandem serve`: migrate, then serve until SIGINT or SIGTERM.

use std::time::Duration;

use anyhow::Context;
use tandem_app::{App, DatabaseTarget};
use tandem_web::{AppState, WebConfig};
use tokio::net::TcpListener;

use crate::cli::ServeArgs;
use crate::shutdown;

/// Serves the application; returns when a shutdown signal arrives and requests have finished.
pub async fn run(target: &DatabaseTarget, args: &ServeArgs) -> anyhow::Result<()> {
    let app = App::open(target).await?;
    if args.demo {
        super::demo::seed(&app, tandem_app::demo::DemoSize::default()).await?;
    }
    let config = WebConfig {
        max_body_bytes: args.max_body_bytes,
        request_timeout: Duration::from_secs(args.request_timeout_secs),
        secure_cookies: args.secure_cookies,
        public_url: args.public_url.clone(),
        clock: tandem_web::clock::Clock::System,
        trusted_proxy_hops: args.trusted_proxy_hops,
        header_read_timeout: Duration::from_secs(args.header_read_timeout_secs),
        metrics_token: args
            .metrics_token
            .as_deref()
            .and_then(tandem_web::MetricsToken::new),
    };
    let state = AppState::new(app, config).context("loading translations")?;
    let listener = TcpListener::bind(args.bind)
        .await
        .with_context(|| format!("cannot listen on {}", args.bind))?;
    let address = listener.local_addr().context("reading the bound address")?;
    // Listen for the stop signal before announcing the address: whoever reads the line may
    // send it at once.
    let stop = shutdown::signal();
    tracing::info!(%address, database = %target, "serving");
    println!("Tandem is serving at http://{address}/ (database: {target}); stop with Ctrl+C");
    tandem_web::serve(listener, state, stop)
        .await
        .context("serving")?;
    tracing::info!("stopped");
    Ok(())
}

//! `tandem serve`: migrate, then serve until SIGINT or SIGTERM.

use std::time::Duration;

use anyhow::Context;
use tandem_app::{App, DatabaseTarget};
use tandem_web::{AppState, WebConfig};
use tokio::net::TcpListener;

use super::AuditFiles;
use crate::cli::ServeArgs;
use crate::shutdown;

/// Serves the application; returns when a shutdown signal arrives and requests have finished.
pub async fn run(
    target: &DatabaseTarget,
    files: &AuditFiles,
    args: &ServeArgs,
) -> anyhow::Result<()> {
    if args.secure_cookies && args.public_url.is_none() {
        anyhow::bail!(
            "--public-url is required with --secure-cookies: links that are handed out \
             (invitations, set-password links, QR codes on posters) must carry the address \
             people reach Tandem at"
        );
    }
    let app = super::open(target, files).await?;
    if args.demo {
        super::demo::seed(&app, tandem_app::demo::DemoSize::default()).await?;
    }
    let listener = TcpListener::bind(args.bind)
        .await
        .with_context(|| format!("cannot listen on {}", args.bind))?;
    let address = listener.local_addr().context("reading the bound address")?;
    // Links that are handed out must be absolute: the public address, else the bound one (the
    // demo and local use; production requires --public-url, above).
    let public_url = args
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{address}"));
    if args.public_url.is_none() && address.ip().is_unspecified() {
        tracing::warn!(%public_url, "no --public-url: handed-out links name the bound address, which others cannot reach; set --public-url");
    }
    let mailer = match (&args.smtp_url, &args.mail_from) {
        (Some(url), Some(from)) => {
            let mailer =
                tandem_app::mail::Mailer::new(url, from, &public_url).context("--smtp-url")?;
            Some(mailer)
        }
        _ => {
            tracing::warn!("no --smtp-url: staff are told of worries in Tandem only");
            None
        }
    };
    let config = WebConfig {
        mailer,
        worry_job_every: Some(Duration::from_secs(args.worry_check_secs)),
        max_body_bytes: args.max_body_bytes,
        request_timeout: Duration::from_secs(args.request_timeout_secs),
        secure_cookies: args.secure_cookies,
        public_url: Some(public_url),
        clock: tandem_web::clock::Clock::System,
        trusted_proxy_hops: args.trusted_proxy_hops,
        header_read_timeout: Duration::from_secs(args.header_read_timeout_secs),
        metrics_token: args
            .metrics_token
            .as_deref()
            .and_then(tandem_web::MetricsToken::new),
    };
    let checkpoints = files.checkpoint_file.clone().map(|path| {
        let every = Duration::from_secs(args.audit_checkpoint_interval_secs);
        tokio::spawn(checkpoint_every(app.clone(), path, every))
    });
    let state = AppState::new(app.clone(), config).context("loading translations")?;
    // Listen for the stop signal before announcing the address: whoever reads the line may
    // send it at once.
    let stop = shutdown::signal();
    // The last checkpoint is written when the signal arrives: the web server closes the
    // database once in-flight requests are done. Events of those requests are in the next
    // start's checkpoint.
    let stop = {
        let (app, path) = (app.clone(), files.checkpoint_file.clone());
        async move {
            stop.await;
            if let (Some(task), Some(path)) = (checkpoints, path) {
                task.abort();
                write_checkpoint(&app, &path).await;
            }
        }
    };
    tracing::info!(%address, database = %target, "serving");
    println!("Tandem is serving at http://{address}/ (database: {target}); stop with Ctrl+C");
    tandem_web::serve(listener, state, stop)
        .await
        .context("serving")?;
    tracing::info!("stopped");
    Ok(())
}

/// Writes a checkpoint of the audit chain's head now and then every `every`, when it moved.
async fn checkpoint_every(app: App, path: std::path::PathBuf, every: Duration) {
    loop {
        write_checkpoint(&app, &path).await;
        tokio::time::sleep(every).await;
    }
}

/// A failed checkpoint is logged, not fatal: serving goes on (the trail itself is unchanged),
/// and the log says why — a head that does not verify is a reason to run `tandem audit verify`.
async fn write_checkpoint(app: &App, path: &std::path::Path) {
    let now = time::OffsetDateTime::now_utc();
    match tandem_app::audit_trail::checkpoint(app, path, now, true).await {
        Ok(written) => {
            for line in written {
                tracing::info!(chain = ?line.chain, seq = line.seq, "audit checkpoint written");
            }
        }
        Err(error) => tracing::error!(%error, "audit checkpoint not written"),
    }
}

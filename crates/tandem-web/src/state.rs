//! The application state shared by every handler, built once at start-up.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use time::OffsetDateTime;

use crate::assets;
use crate::clock::Clock;
use crate::i18n::{I18n, I18nError};
use crate::metrics::Metrics;

/// Limits and switches of the web layer, from the typed configuration of the binary.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// The largest request body accepted; larger ones get 413 and nothing is stored.
    pub max_body_bytes: usize,
    /// How long one request may take before it is answered with 408.
    pub request_timeout: Duration,
    /// Served over HTTPS: cookies get `Secure` and the `__Host-` prefix (R11).
    pub secure_cookies: bool,
    /// The address people reach Tandem at (e.g. `https://tandem.aarhus.dk`), for links handed
    /// out of band such as set-password links.
    pub public_url: Option<String>,
    /// Where "now" comes from.
    pub clock: Clock,
    /// How many reverse proxies in front of Tandem append to `X-Forwarded-For`; the client is the
    /// address that many entries from the right. 0 (the default) ignores the header, which must
    /// be the setting when clients can reach Tandem directly (they could forge it).
    pub trusted_proxy_hops: usize,
    /// How long a client may take to send a request's headers before the connection is closed:
    /// without it, slow clients (or an attacker trickling bytes) hold connections forever.
    pub header_read_timeout: Duration,
    /// When set, `/metrics` answers only requests carrying `Authorization: Bearer <token>`.
    pub metrics_token: Option<MetricsToken>,
    /// E-mail to staff (worries), when SMTP is configured; without it notifications are shown
    /// in Tandem only, and the pages and `/readyz` say so.
    pub mailer: Option<tandem_app::mail::Mailer>,
    /// How often the worry job runs (escalation and e-mail); `None` runs no job (tests that
    /// do not need it).
    pub worry_job_every: Option<Duration>,
}

/// The bearer token that guards `/metrics`; never printed (its `Debug` is redacted).
#[derive(Clone, PartialEq, Eq)]
pub struct MetricsToken(String);

impl MetricsToken {
    /// A token; `None` for an empty one (an empty token would guard nothing).
    #[must_use]
    pub fn new(token: &str) -> Option<Self> {
        (!token.is_empty()).then(|| Self(token.to_owned()))
    }

    /// Whether an `Authorization` header value carries this token, compared in constant time.
    #[must_use]
    pub fn admits(&self, authorization: Option<&str>) -> bool {
        let given = authorization
            .and_then(|value| value.strip_prefix("Bearer "))
            .unwrap_or_default();
        given.len() == self.0.len()
            && given
                .bytes()
                .zip(self.0.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0
    }
}

impl std::fmt::Debug for MetricsToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MetricsToken(…)")
    }
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            max_body_bytes: 2 * 1024 * 1024,
            request_timeout: Duration::from_secs(30),
            secure_cookies: false,
            public_url: None,
            clock: Clock::System,
            trusted_proxy_hops: 0,
            header_read_timeout: Duration::from_secs(10),
            metrics_token: None,
            mailer: None,
            worry_job_every: None,
        }
    }
}

/// Everything a handler may need; cheap to clone.
#[derive(Debug, Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    app: tandem_app::App,
    i18n: Arc<I18n>,
    metrics: Metrics,
    config: WebConfig,
    asset_version: String,
    /// Stories sent by link per client address in the current hour. Kept in memory only (a
    /// restart forgets it; several instances each count their own), so no address is ever stored
    /// anywhere near a story.
    link_stories: std::sync::Mutex<HashMap<String, (std::time::Instant, u32)>>,
    /// Campaigns' answers as columns, for the pattern pages.
    columns: crate::story_columns::ColumnCache,
}

impl AppState {
    /// Builds the state around the use cases of an open database.
    ///
    /// # Errors
    /// When the compiled-in translations are broken.
    pub fn new(app: tandem_app::App, config: WebConfig) -> Result<Self, I18nError> {
        Ok(Self {
            inner: Arc::new(Inner {
                app,
                i18n: Arc::new(I18n::load()?),
                metrics: Metrics::new(),
                config,
                asset_version: assets::version(),
                link_stories: std::sync::Mutex::new(HashMap::new()),
                columns: crate::story_columns::ColumnCache::default(),
            }),
        })
    }

    /// Counts a story sent by link from `ip`; false once the address has sent `per_hour` in the
    /// last hour.
    #[must_use]
    pub fn allow_link_story(&self, ip: &str, per_hour: u32) -> bool {
        let hour = Duration::from_secs(3600);
        let now = std::time::Instant::now();
        let Ok(mut counts) = self.inner.link_stories.lock() else {
            return false;
        };
        counts.retain(|_, (since, _)| now.duration_since(*since) < hour);
        let entry = counts.entry(ip.to_owned()).or_insert((now, 0));
        entry.1 += 1;
        entry.1 <= per_hour
    }

    /// Campaigns' answers kept as columns (see [`crate::story_columns`]).
    #[must_use]
    pub fn columns(&self) -> &crate::story_columns::ColumnCache {
        &self.inner.columns
    }

    /// Tandem's use cases (see `tandem-app`): every read and change of data goes through
    /// them.
    #[must_use]
    pub fn app(&self) -> &tandem_app::App {
        &self.inner.app
    }

    /// The translations.
    #[must_use]
    pub fn i18n(&self) -> &Arc<I18n> {
        &self.inner.i18n
    }

    /// The request metrics.
    #[must_use]
    pub fn metrics(&self) -> &Metrics {
        &self.inner.metrics
    }

    /// The web layer's limits.
    #[must_use]
    pub fn config(&self) -> &WebConfig {
        &self.inner.config
    }

    /// Whether staff are told of worries by e-mail as well as in Tandem.
    #[must_use]
    pub fn mail_configured(&self) -> bool {
        self.inner.config.mailer.is_some()
    }

    /// The current time (from the configured clock).
    #[must_use]
    pub fn now(&self) -> OffsetDateTime {
        self.inner.config.clock.now()
    }

    /// Today's date in Copenhagen (deadlines, ages and "overdue" are about Danish days).
    #[must_use]
    pub fn today(&self) -> time::Date {
        crate::local_time::copenhagen_date(self.now())
    }

    /// An absolute (when a public URL is configured) or site-relative link to a path.
    #[must_use]
    pub fn link(&self, path: &str) -> String {
        match &self.inner.config.public_url {
            Some(base) => format!("{}{path}", base.trim_end_matches('/')),
            None => path.to_owned(),
        }
    }

    /// The content version in static asset URLs (changes whenever any asset changes).
    #[must_use]
    pub fn asset_version(&self) -> &str {
        &self.inner.asset_version
    }
}

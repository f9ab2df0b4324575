//! The application state shared by every handler, built once at start-up.

use std::sync::Arc;
use std::time::Duration;

use tandem_store::Store;

use crate::assets;
use crate::i18n::{I18n, I18nError};
use crate::metrics::Metrics;

/// Limits and switches of the web layer, from the typed configuration of the binary.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// The largest request body accepted; larger ones get 413 and nothing is stored.
    pub max_body_bytes: usize,
    /// How long one request may take before it is answered with 408.
    pub request_timeout: Duration,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            max_body_bytes: 2 * 1024 * 1024,
            request_timeout: Duration::from_secs(30),
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
    store: Store,
    i18n: Arc<I18n>,
    metrics: Metrics,
    config: WebConfig,
    asset_version: String,
}

impl AppState {
    /// Builds the state around an open store.
    ///
    /// # Errors
    /// When the compiled-in translations are broken.
    pub fn new(store: Store, config: WebConfig) -> Result<Self, I18nError> {
        Ok(Self {
            inner: Arc::new(Inner {
                store,
                i18n: Arc::new(I18n::load()?),
                metrics: Metrics::new(),
                config,
                asset_version: assets::version(),
            }),
        })
    }

    /// The database.
    #[must_use]
    pub fn store(&self) -> &Store {
        &self.inner.store
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

    /// The content version in static asset URLs (changes whenever any asset changes).
    #[must_use]
    pub fn asset_version(&self) -> &str {
        &self.inner.asset_version
    }
}

//! The handle every front end holds: the database behind Tandem's actions, and what is kept of
//! each organization's configuration between requests.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock, RwLock};
use std::time::{Duration, Instant};

use tandem_domain::Id;
use tandem_domain::instrument::Instrument;
use tandem_domain::organization::Organization;
use tandem_store::audit_appender::AuditAppender;
use tandem_store::settings::CourseSettings;
use tandem_store::{DatabaseTarget, Store};

use crate::error::ActionError;

/// How long another instance may go on with an organization's old settings. The instance that
/// saves a change forgets its copy at once; instances behind the same PostgreSQL learn of it
/// when their copy is this old.
pub const CONFIGURATION_KEPT: Duration = Duration::from_secs(30);

/// An organization's configuration as the course pages use it: its course settings and its
/// instruments (the shipped three with its norms and thresholds, then its own). A kept copy may
/// be up to [`CONFIGURATION_KEPT`] old on another instance: never decide access by it (whether
/// managers read courses is read fresh where it matters).
#[derive(Debug, Clone, PartialEq)]
pub struct Configuration {
    /// Rule set, amber threshold, feedback thresholds, legal bases, caseload ranges.
    pub settings: CourseSettings,
    /// Its instruments.
    pub instruments: Vec<Instrument>,
}

impl Configuration {
    /// The instrument with `key`, if the organization has it.
    #[must_use]
    pub fn instrument(&self, key: &str) -> Option<&Instrument> {
        self.instruments.iter().find(|i| i.key == key)
    }
}

/// Each organization's configuration with the moment it was read.
type KeptConfigurations = HashMap<Id<Organization>, (Instant, Arc<Configuration>)>;

/// Tandem's use cases over one database. Cheap to clone; clones share the connection pool and
/// the kept configurations.
#[derive(Debug, Clone)]
pub struct App {
    store: Store,
    configurations: Arc<RwLock<KeptConfigurations>>,
    /// Whether the demo organization was seen (see [`crate::demo::is_present`]).
    demo: Arc<crate::demo::Sighting>,
    /// Writes audited reads' events in batches (ADR 0018); started on first use, inside the
    /// runtime that serves.
    appender: Arc<OnceLock<AuditAppender>>,
}

impl App {
    /// Wraps an open, migrated store.
    #[must_use]
    pub fn new(store: Store) -> Self {
        Self {
            store,
            configurations: Arc::default(),
            demo: Arc::default(),
            appender: Arc::default(),
        }
    }

    /// The appender audited reads hand their events to; its task starts on the first call,
    /// which must come from within a Tokio runtime (every use case's does).
    pub(crate) fn audit_appender(&self) -> &AuditAppender {
        self.appender
            .get_or_init(|| AuditAppender::start(self.store.clone()))
    }

    /// What this server last saw of the demo organization.
    pub(crate) fn demo_sighting(&self) -> &crate::demo::Sighting {
        &self.demo
    }

    /// Opens the database at `target` after applying its pending migrations: what `tandem
    /// serve` and every command that changes data start with.
    ///
    /// # Errors
    /// The database cannot be reached, or a migration failed.
    pub async fn open(target: &DatabaseTarget) -> Result<Self, ActionError> {
        Ok(Self::new(Store::open_and_migrate(target).await?))
    }

    /// Opens the database at `target` as it is, without migrating: for checks that must see
    /// the database untouched (`tandem audit verify`).
    ///
    /// # Errors
    /// The database cannot be reached.
    pub async fn open_as_is(target: &DatabaseTarget) -> Result<Self, ActionError> {
        Ok(Self::new(Store::open(target).await?))
    }

    /// The same app, signing and verifying the audit chain with the key file's `keys` (ADR
    /// 0014); without them a per-process random key stands in, which only tests should use.
    #[must_use]
    pub fn with_audit_keys(self, keys: Arc<tandem_domain::audit::AuditKeyring>) -> Self {
        Self {
            store: self.store.with_audit_keys(keys),
            configurations: self.configurations,
            demo: self.demo,
            // An appender started before would sign with the old keys.
            appender: Arc::default(),
        }
    }

    /// Closes the connection pool (waits for connections in use to be returned).
    pub async fn close(&self) {
        self.store.close().await;
    }

    /// Whether the database answers (readiness).
    ///
    /// # Errors
    /// The database cannot be reached.
    pub async fn ping(&self) -> Result<(), ActionError> {
        Ok(self.store.ping().await?)
    }

    /// The newest migration applied to the database.
    ///
    /// # Errors
    /// A database error.
    pub async fn schema_version(&self) -> Result<i64, ActionError> {
        Ok(tandem_store::migrate::applied_version(&self.store).await?)
    }

    /// The database: for reads, and for the changes not yet moved into a use case of this
    /// crate.
    #[must_use]
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The organization's settings and instruments: read at most every
    /// [`CONFIGURATION_KEPT`], and at once after this instance saved a change (every course page
    /// needs them; they change a few times a year).
    ///
    /// # Errors
    /// A database error, or a stored instrument that no longer validates.
    pub async fn configuration(
        &self,
        organization_id: Id<Organization>,
    ) -> Result<Arc<Configuration>, ActionError> {
        if let Some((read, kept)) = self
            .configurations
            .read()
            .ok()
            .and_then(|c| c.get(&organization_id).cloned())
            && read.elapsed() < CONFIGURATION_KEPT
        {
            return Ok(kept);
        }
        self.configuration_now(organization_id).await
    }

    /// The organization's settings and instruments read now (and kept): for the administrators'
    /// own pages, which must show and edit what is stored, whichever instance saved it.
    ///
    /// # Errors
    /// A database error, or a stored instrument that no longer validates.
    pub async fn configuration_now(
        &self,
        organization_id: Id<Organization>,
    ) -> Result<Arc<Configuration>, ActionError> {
        let settings = self.store.course_settings(organization_id).await?;
        let instruments = self
            .store
            .instruments(organization_id, settings.feedback)
            .await?;
        let fresh = Arc::new(Configuration {
            settings,
            instruments,
        });
        if let Ok(mut kept) = self.configurations.write() {
            kept.insert(organization_id, (Instant::now(), Arc::clone(&fresh)));
        }
        Ok(fresh)
    }

    /// The organization's course settings (from the kept configuration).
    ///
    /// # Errors
    /// As [`App::configuration`].
    pub async fn course_settings(
        &self,
        organization_id: Id<Organization>,
    ) -> Result<CourseSettings, ActionError> {
        Ok(self.configuration(organization_id).await?.settings.clone())
    }

    /// Forgets the kept configuration of an organization (after a change to it).
    pub(crate) fn forget_configuration(&self, organization_id: Id<Organization>) {
        if let Ok(mut kept) = self.configurations.write() {
            kept.remove(&organization_id);
        }
    }
}

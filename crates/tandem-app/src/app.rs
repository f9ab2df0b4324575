//! The handle every front end holds: the database behind Tandem's actions.

use tandem_store::Store;

/// Tandem's use cases over one database. Cheap to clone; clones share the connection pool.
#[derive(Debug, Clone)]
pub struct App {
    store: Store,
}

impl App {
    /// Wraps an open, migrated store.
    #[must_use]
    pub fn new(store: Store) -> Self {
        Self { store }
    }

    /// The database, for reads that have not moved into a use case yet.
    #[must_use]
    pub fn store(&self) -> &Store {
        &self.store
    }
}

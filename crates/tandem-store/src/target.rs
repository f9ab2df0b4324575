//! Which database Tandem opens.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::error::StoreError;

/// The database named by configuration: an SQLite file (the embedded default) or a PostgreSQL
/// server.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseTarget {
    /// An SQLite database file, created on first use.
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL (`postgres://…`); may hold a password, so never printed.
    Postgres(String),
}

impl DatabaseTarget {
    /// The default embedded database inside a data directory: `<data-dir>/tandem.db`.
    #[must_use]
    pub fn in_data_dir(data_dir: &Path) -> Self {
        Self::Sqlite(data_dir.join("tandem.db"))
    }

    /// Parses a database URL: `postgres://…`/`postgresql://…`, or `sqlite://PATH`/`sqlite:PATH`.
    ///
    /// # Errors
    /// [`StoreError::UnsupportedUrl`] for any other scheme (e.g. MySQL).
    pub fn from_url(url: &str) -> Result<Self, StoreError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Self::Postgres(url.to_owned()));
        }
        if let Some(path) = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .filter(|p| !p.is_empty() && !p.starts_with(":memory:"))
        {
            return Ok(Self::Sqlite(PathBuf::from(path)));
        }
        Err(StoreError::UnsupportedUrl)
    }
}

impl fmt::Debug for DatabaseTarget {
    // The PostgreSQL URL may contain a password: show only the backend and host part.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sqlite(path) => write!(f, "SQLite file {}", path.display()),
            Self::Postgres(url) => {
                let host = url.rsplit('@').next().unwrap_or_default();
                let host = host.split_once("://").map_or(host, |(_, rest)| rest);
                write!(f, "PostgreSQL at {host}")
            }
        }
    }
}

impl fmt::Display for DatabaseTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_choose_the_backend() {
        assert_eq!(
            DatabaseTarget::from_url("postgres://u:p@localhost/db").ok(),
            Some(DatabaseTarget::Postgres(
                "postgres://u:p@localhost/db".into()
            ))
        );
        assert_eq!(
            DatabaseTarget::from_url("sqlite:///tmp/x.db").ok(),
            Some(DatabaseTarget::Sqlite("/tmp/x.db".into()))
        );
        assert!(DatabaseTarget::from_url("mysql://localhost/db").is_err());
        assert!(DatabaseTarget::from_url("sqlite::memory:").is_err());
    }

    #[test]
    fn a_password_in_the_url_is_never_shown() {
        let target = DatabaseTarget::Postgres("postgres://tandem:s3cret@db.example:5432/t".into());
        let shown = target.to_string();
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(shown.contains("db.example:5432/t"), "{shown}");
    }
}

//! The audit key file on disk (ADR 0015): reading it, creating it readable by its owner only,
//! and appending a fresh key when keys rotate. The keys themselves and what they sign are
//! `tandem_domain::audit::keys`.
//!
//! The file lives outside the database on purpose: whoever can write to the database but not
//! read this file cannot give a rewritten event a valid hash.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use tandem_domain::audit::keys::KEY_BYTES;
use tandem_domain::audit::{AuditKeyring, ChainKey, KeyError};

/// The key file's name beside the embedded database, where it is created on first use.
pub const DEFAULT_FILE_NAME: &str = "audit.key";

/// The id of the per-process stand-in key ([`ephemeral`]); never written to a key file.
pub const EPHEMERAL_ID: &str = "ephemeral";

/// Why the key file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum KeyFileError {
    /// The named file does not exist (it is only created on purpose, by `tandem audit add-key`,
    /// or beside the embedded database).
    #[error(
        "the audit key file {} does not exist; create it with `tandem audit add-key` (with the same --audit-key-file)",
        .0.display()
    )]
    Missing(PathBuf),
    /// Reading or writing failed.
    #[error("the audit key file {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file's text is not a key file.
    #[error("the audit key file {}: {source}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// The bad line.
        source: KeyError,
    },
    /// No randomness for a new key.
    #[error("no randomness for a new audit key: {0}")]
    Random(#[from] getrandom::Error),
}

/// The per-process stand-in keyring: one random key, made on first use, shared by every store
/// of the process that was given no key file (so tests that open a database twice verify what
/// they wrote).
///
/// # Errors
/// When the operating system's random source fails.
pub fn ephemeral() -> Result<Arc<AuditKeyring>, getrandom::Error> {
    static KEYS: OnceLock<Arc<AuditKeyring>> = OnceLock::new();
    if let Some(keys) = KEYS.get() {
        return Ok(Arc::clone(keys));
    }
    let key = random_key(EPHEMERAL_ID)?;
    Ok(Arc::clone(
        KEYS.get_or_init(|| Arc::new(AuditKeyring::single(key))),
    ))
}

fn random_key(id: &str) -> Result<ChainKey, getrandom::Error> {
    let mut secret = [0_u8; KEY_BYTES];
    getrandom::fill(&mut secret)?;
    // Our own ids are always valid; a refusal would be a bug caught by the tests.
    ChainKey::new(id, secret).map_err(|_| getrandom::Error::UNEXPECTED)
}

/// Reads the key file at `path`.
///
/// # Errors
/// [`KeyFileError::Missing`] when there is no such file; unreadable or malformed.
pub fn load(path: &Path) -> Result<AuditKeyring, KeyFileError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(KeyFileError::Missing(path.to_owned()));
        }
        Err(source) => {
            return Err(KeyFileError::Io {
                path: path.to_owned(),
                source,
            });
        }
    };
    AuditKeyring::parse(&text).map_err(|source| KeyFileError::Invalid {
        path: path.to_owned(),
        source,
    })
}

/// Reads the key file at `path`, first creating it with one fresh key when it does not exist
/// (the embedded database's default file).
///
/// # Errors
/// As [`load`] and [`add_key`].
pub fn load_or_create(path: &Path) -> Result<AuditKeyring, KeyFileError> {
    match load(path) {
        Err(KeyFileError::Missing(_)) => {
            add_key(path)?;
            load(path)
        }
        other => other,
    }
}

/// Appends a fresh random key, with a new id, to the key file at `path` (created, readable by
/// its owner only, when missing); it signs every event from then on. Returns the new id.
///
/// # Errors
/// A malformed existing file, a write failure, or no randomness.
pub fn add_key(path: &Path) -> Result<String, KeyFileError> {
    let number = match load(path) {
        Ok(keys) => keys.next_id(),
        Err(KeyFileError::Missing(_)) => "key-1".to_owned(),
        Err(other) => return Err(other),
    };
    // A random suffix keeps a key made after the file was lost from taking the lost key's id:
    // its events then read "signed with a key not in the file", not "changed".
    let mut suffix = [0_u8; 3];
    getrandom::fill(&mut suffix)?;
    let id = format!("{number}-{}", hex::encode(suffix));
    let key = random_key(&id)?;
    let io = |source| KeyFileError::Io {
        path: path.to_owned(),
        source,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // The mode applies only when the file is created: an operator's own choice stays.
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(io)?;
    // A file that does not end its last line would glue the new key onto it.
    let needs_break = std::fs::read(path)
        .map_err(io)?
        .last()
        .is_some_and(|b| *b != b'\n');
    let line = format!("{}{}\n", if needs_break { "\n" } else { "" }, key.to_line());
    file.write_all(line.as_bytes()).map_err(io)?;
    file.sync_all().map_err(io)?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_is_created_owner_only_and_rotation_appends_a_new_current_key() {
        let dir = tempfile_dir();
        let path = dir.join("sub").join(DEFAULT_FILE_NAME);
        assert!(matches!(load(&path), Err(KeyFileError::Missing(_))));
        let first = load_or_create(&path).expect("created");
        assert!(first.current().id().starts_with("key-1-"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let second = add_key(&path).expect("added");
        assert!(second.starts_with("key-2-"), "{second}");
        let both = load(&path).expect("reads");
        assert_eq!(both.current().id(), second);
        let first_id = first.current().id();
        assert_eq!(both.get(first_id), first.get(first_id));
        std::fs::remove_dir_all(dir).expect("clean up");
    }

    fn tempfile_dir() -> PathBuf {
        let dir = std::env::temp_dir().join(format!("tandem-keys-{}", uuid::Uuid::now_v7()));
        std::fs::create_dir_all(&dir).expect("dir");
        dir
    }
}

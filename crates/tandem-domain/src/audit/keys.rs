//! The secret keys of the audit chain (ADR 0015), kept in a file outside the database.
//!
//! A plain hash chain proves nothing against someone who can write to the database: they edit
//! an event and recompute every later hash. With each hash an HMAC-SHA-256 under a key the
//! database never holds, a rewritten event can only be given a valid hash by someone who also
//! has the key file. The file has one key a line, `<key-id> <64 hex characters>`; the last line
//! is the key new events are signed with, the earlier ones still verify the events they signed
//! (rotation). Blank lines and lines starting with `#` are ignored.

use std::fmt;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// The length of a key's secret, in bytes (256 bits, SHA-256's block of security).
pub const KEY_BYTES: usize = 32;

/// One key: its id (recorded on every event it signs) and its secret.
#[derive(Clone, PartialEq, Eq)]
pub struct ChainKey {
    id: String,
    secret: [u8; KEY_BYTES],
}

/// The secret never reaches a log by accident.
impl fmt::Debug for ChainKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ChainKey")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

/// Why a key or key file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// A key id is 1–64 letters, digits, `-`, `_` or `.` (it is one word of a line).
    #[error("line {line}: the key id must be 1–64 letters, digits, '-', '_' or '.'")]
    BadId {
        /// The line, from 1.
        line: usize,
    },
    /// The secret is not 64 hexadecimal characters.
    #[error("line {line}: the key must be 64 hexadecimal characters")]
    BadSecret {
        /// The line, from 1.
        line: usize,
    },
    /// Not `<key-id> <key>`.
    #[error("line {line}: expected `<key-id> <64 hex characters>`")]
    BadLine {
        /// The line, from 1.
        line: usize,
    },
    /// Two keys share an id: which one signed an event would be ambiguous.
    #[error("line {line}: the key id `{id}` is used twice")]
    DuplicateId {
        /// The line of the second use, from 1.
        line: usize,
        /// The id.
        id: String,
    },
    /// No key at all.
    #[error("the key file holds no key")]
    Empty,
}

impl ChainKey {
    /// A key from its id and secret.
    ///
    /// # Errors
    /// [`KeyError::BadId`] (reported as line 0) when the id is not one word of the allowed
    /// characters.
    pub fn new(id: &str, secret: [u8; KEY_BYTES]) -> Result<Self, KeyError> {
        if !valid_id(id) {
            return Err(KeyError::BadId { line: 0 });
        }
        Ok(Self {
            id: id.to_owned(),
            secret,
        })
    }

    /// The key's id.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The key as a line of the key file (without the line break).
    #[must_use]
    pub fn to_line(&self) -> String {
        format!("{} {}", self.id, hex::encode(self.secret))
    }

    /// HMAC-SHA-256 of `message` under this key, as 64 hex characters.
    #[must_use]
    pub fn mac_hex(&self, message: &[u8]) -> String {
        hex::encode(self.mac(message).finalize().into_bytes())
    }

    /// Whether `tag_hex` is this key's HMAC of `message` (compared in constant time).
    #[must_use]
    pub fn verifies(&self, message: &[u8], tag_hex: &str) -> bool {
        hex::decode(tag_hex).is_ok_and(|tag| self.mac(message).verify_slice(&tag).is_ok())
    }

    fn mac(&self, message: &[u8]) -> HmacSha256 {
        // An HMAC takes a key of any length; a 32-byte key cannot be refused.
        let mut mac = <HmacSha256 as KeyInit>::new_from_slice(&self.secret)
            .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
        mac.update(message);
        mac
    }
}

fn valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Every key of a key file, in order: the last one signs new events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditKeyring {
    keys: Vec<ChainKey>,
}

impl AuditKeyring {
    /// A keyring of one key.
    #[must_use]
    pub fn single(key: ChainKey) -> Self {
        Self { keys: vec![key] }
    }

    /// Parses a key file's text.
    ///
    /// # Errors
    /// The first bad line, a duplicate id, or [`KeyError::Empty`].
    pub fn parse(text: &str) -> Result<Self, KeyError> {
        let mut keys: Vec<ChainKey> = Vec::new();
        for (index, raw) in text.lines().enumerate() {
            let line = index + 1;
            let trimmed = raw.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let mut words = trimmed.split_whitespace();
            let (Some(id), Some(secret), None) = (words.next(), words.next(), words.next()) else {
                return Err(KeyError::BadLine { line });
            };
            if !valid_id(id) {
                return Err(KeyError::BadId { line });
            }
            let mut bytes = [0_u8; KEY_BYTES];
            hex::decode_to_slice(secret, &mut bytes).map_err(|_| KeyError::BadSecret { line })?;
            if keys.iter().any(|k| k.id == id) {
                return Err(KeyError::DuplicateId {
                    line,
                    id: id.to_owned(),
                });
            }
            keys.push(ChainKey {
                id: id.to_owned(),
                secret: bytes,
            });
        }
        if keys.is_empty() {
            return Err(KeyError::Empty);
        }
        Ok(Self { keys })
    }

    /// The key that signs new events (the file's last).
    #[must_use]
    pub fn current(&self) -> &ChainKey {
        // `parse` and `single` never make an empty keyring.
        &self.keys[self.keys.len() - 1]
    }

    /// The key with this id.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&ChainKey> {
        self.keys.iter().find(|k| k.id == id)
    }

    /// Every key, oldest first.
    pub fn iter(&self) -> impl Iterator<Item = &ChainKey> {
        self.keys.iter()
    }

    /// The next key's number as `key-N` (N one more than the keys so far, or more when taken);
    /// the key file adds a random suffix.
    #[must_use]
    pub fn next_id(&self) -> String {
        (self.keys.len() + 1..)
            .map(|n| format!("key-{n}"))
            .find(|id| self.get(id).is_none())
            .unwrap_or_else(|| unreachable!("an unbounded range has an unused number"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "0101010101010101010101010101010101010101010101010101010101010101";
    const B: &str = "0202020202020202020202020202020202020202020202020202020202020202";

    #[test]
    fn the_last_line_is_the_current_key_and_older_ones_stay_available() {
        let ring = AuditKeyring::parse(&format!("# keys\nold {A}\n\nnew {B}\n")).expect("parses");
        assert_eq!(ring.current().id(), "new");
        assert!(ring.get("old").is_some());
        assert_eq!(ring.next_id(), "key-3");
        assert_eq!(ring.current().to_line(), format!("new {B}"));
    }

    #[test]
    fn bad_key_files_name_their_line() {
        assert_eq!(AuditKeyring::parse(""), Err(KeyError::Empty));
        assert_eq!(
            AuditKeyring::parse(&format!("a {A}\nb 12\n")),
            Err(KeyError::BadSecret { line: 2 })
        );
        assert_eq!(
            AuditKeyring::parse(&format!("a b {A}")),
            Err(KeyError::BadLine { line: 1 })
        );
        assert_eq!(
            AuditKeyring::parse(&format!("a/b {A}")),
            Err(KeyError::BadId { line: 1 })
        );
        assert!(matches!(
            AuditKeyring::parse(&format!("a {A}\na {B}")),
            Err(KeyError::DuplicateId { line: 2, .. })
        ));
    }

    #[test]
    fn a_mac_verifies_only_under_its_own_key_and_message() {
        let ring = AuditKeyring::parse(&format!("a {A}\nb {B}")).expect("parses");
        let (a, b) = (ring.get("a").expect("a"), ring.get("b").expect("b"));
        let tag = a.mac_hex(b"message");
        assert!(a.verifies(b"message", &tag));
        assert!(!a.verifies(b"messagE", &tag));
        assert!(!b.verifies(b"message", &tag));
        assert!(!a.verifies(b"message", "not hex"));
        assert!(
            !format!("{a:?}").contains(A),
            "the secret stays out of logs"
        );
    }
}

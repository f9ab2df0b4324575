//! Opaque identifiers.
//!
//! Every entity is identified by a UUIDv7 stored as text, so the same value works on SQLite and
//! PostgreSQL, sorts by creation time, and reveals nothing guessable about other records. The
//! phantom type parameter keeps a course id from being passed where a team id is expected.

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use thiserror::Error;
use uuid::Uuid;

/// The identifier of one `T`.
pub struct Id<T> {
    uuid: Uuid,
    kind: PhantomData<fn() -> T>,
}

/// A string that is not a valid identifier.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("not a valid identifier")]
pub struct InvalidId;

impl<T> Id<T> {
    /// A new, time-ordered identifier.
    #[must_use]
    pub fn new() -> Self {
        Self::from_uuid(Uuid::now_v7())
    }

    /// Wraps a known UUID (as read back from the database).
    #[must_use]
    pub fn from_uuid(uuid: Uuid) -> Self {
        Self {
            uuid,
            kind: PhantomData,
        }
    }

    /// Parses the canonical hyphenated text form, the only form Tandem writes.
    ///
    /// # Errors
    /// [`InvalidId`] for anything that is not a hyphenated UUID.
    pub fn parse(text: &str) -> Result<Self, InvalidId> {
        // Only the 36-character hyphenated form: other spellings of the same UUID would make two
        // URLs for one record and defeat string comparison in the database.
        if text.len() != 36 {
            return Err(InvalidId);
        }
        Uuid::parse_str(text)
            .map(Self::from_uuid)
            .map_err(|_| InvalidId)
    }

    /// The underlying UUID.
    #[must_use]
    pub fn uuid(&self) -> Uuid {
        self.uuid
    }
}

impl<T> Default for Id<T> {
    fn default() -> Self {
        Self::new()
    }
}

// Manual impls: derives would demand `T: Clone` etc. although only the UUID is stored.
impl<T> Clone for Id<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Id<T> {}
impl<T> PartialEq for Id<T> {
    fn eq(&self, other: &Self) -> bool {
        self.uuid == other.uuid
    }
}
impl<T> Eq for Id<T> {}
impl<T> std::hash::Hash for Id<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.uuid.hash(state);
    }
}
impl<T> fmt::Debug for Id<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Id({})", self.uuid.hyphenated())
    }
}
impl<T> fmt::Display for Id<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.uuid.hyphenated(), f)
    }
}
impl<T> FromStr for Id<T> {
    type Err = InvalidId;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Thing;

    #[test]
    fn an_id_round_trips_through_its_text_form() {
        let id = Id::<Thing>::new();
        let back = Id::<Thing>::parse(&id.to_string()).expect("own text form parses");
        assert_eq!(id, back);
    }

    #[test]
    fn new_ids_sort_by_creation_time() {
        let first = Id::<Thing>::new().to_string();
        let second = Id::<Thing>::new().to_string();
        assert!(first < second, "{first} should sort before {second}");
    }

    #[test]
    fn other_spellings_and_garbage_are_rejected() {
        for bad in [
            "",
            "not-an-id",
            "0190f5a2c3b47c1d8e9f0a1b2c3d4e5f",
            "{0190f5a2-c3b4-7c1d-8e9f-0a1b2c3d4e5f}",
            "0190f5a2-c3b4-7c1d-8e9f-0a1b2c3d4e5'; DROP TABLE x;--",
        ] {
            assert_eq!(Id::<Thing>::parse(bad), Err(InvalidId), "{bad:?}");
        }
    }
}

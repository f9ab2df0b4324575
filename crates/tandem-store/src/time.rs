//! Timestamps as stored: UTC, whole seconds.
//!
//! Whole seconds round-trip exactly on both backends, and on SQLite (where sqlx stores RFC 3339
//! text) a fixed format keeps text comparison in time order.

use time::OffsetDateTime;

/// Normalizes a timestamp for storage and comparison.
#[must_use]
pub fn stored(at: OffsetDateTime) -> OffsetDateTime {
    let utc = at.to_offset(time::UtcOffset::UTC);
    utc.replace_nanosecond(0).unwrap_or(utc)
}

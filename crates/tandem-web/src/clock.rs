//! The time, injectable: session timeouts, throttling windows and link expiry are tested by
//! moving a manual clock instead of waiting.

use std::sync::{Arc, Mutex};

use time::{Duration, OffsetDateTime};

/// Where "now" comes from.
#[derive(Debug, Clone, Default)]
pub enum Clock {
    /// The system clock.
    #[default]
    System,
    /// A clock that only moves when told to (tests).
    Manual(Arc<Mutex<OffsetDateTime>>),
}

impl Clock {
    /// A manual clock starting at `start`.
    #[must_use]
    pub fn manual(start: OffsetDateTime) -> Self {
        Self::Manual(Arc::new(Mutex::new(start)))
    }

    /// The current time.
    #[must_use]
    pub fn now(&self) -> OffsetDateTime {
        match self {
            Self::System => OffsetDateTime::now_utc(),
            Self::Manual(at) => *at.lock().unwrap_or_else(std::sync::PoisonError::into_inner),
        }
    }

    /// Moves a manual clock forward (no effect on the system clock).
    pub fn advance(&self, by: Duration) {
        if let Self::Manual(at) = self {
            let mut guard = at.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            *guard += by;
        }
    }
}

//! The audit trail's events and their hash chain (security requirements R15, R16).
//!
//! Every read and write of personal data, every sign-in attempt and every denial becomes one
//! [`AuditEvent`]. Each stored event carries the hash of the one before it and its own hash over
//! a canonical encoding of all its fields, so editing, deleting or reordering any event — or
//! cutting events off the end, checked against the chain's recorded head — breaks the chain at a
//! point that [`verify_chain`] names.

use sha2::{Digest, Sha256};

/// The hash before the first event.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Whether the attempt was allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Done.
    Allowed,
    /// Refused by the policy, a lock or a throttle.
    Denied,
    /// Attempted but failed (e.g. wrong password).
    Failed,
}

impl Outcome {
    /// The stored name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Allowed => "allowed",
            Self::Denied => "denied",
            Self::Failed => "failed",
        }
    }
}

/// One event, as written to and read back from the trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    /// Position in the chain, from 1.
    pub seq: i64,
    /// When, as RFC 3339 UTC text with microseconds (stored as text so it hashes identically on
    /// every backend).
    pub at: String,
    /// The organization, when known.
    pub organization_id: Option<String>,
    /// Who acted (a user id), when known.
    pub actor_id: Option<String>,
    /// The actor's role at the time (`anonymous`, `administrator`, …).
    pub actor_role: String,
    /// What was done, dotted: `login.success`, `user.read`, `audit.search`, `access.denied`.
    pub action: String,
    /// The person the data is about, when it is about a person.
    pub subject_id: Option<String>,
    /// The kind of record touched (`user`, `team`, `audit_trail`, `route`).
    pub object_kind: String,
    /// The record touched, when it is one record.
    pub object_id: Option<String>,
    /// Why (the page or command that caused it).
    pub purpose: String,
    /// Allowed, denied or failed.
    pub outcome: String,
    /// Where from (client address), when known.
    pub ip: Option<String>,
    /// The previous event's hash.
    pub prev_hash: String,
    /// This event's hash.
    pub hash: String,
}

impl AuditEvent {
    /// The hash this event must have, given its fields and its `prev_hash`.
    #[must_use]
    pub fn expected_hash(&self) -> String {
        let mut hasher = Sha256::new();
        hasher.update(self.prev_hash.as_bytes());
        let fields: [Option<&str>; 12] = [
            Some(&self.seq.to_string()),
            Some(&self.at),
            self.organization_id.as_deref(),
            self.actor_id.as_deref(),
            Some(&self.actor_role),
            Some(&self.action),
            self.subject_id.as_deref(),
            Some(&self.object_kind),
            self.object_id.as_deref(),
            Some(&self.purpose),
            Some(&self.outcome),
            self.ip.as_deref(),
        ];
        // Length-prefixed fields, with a distinct marker for "absent": no two different events
        // encode to the same bytes (no ambiguity from separators inside values).
        for field in fields {
            match field {
                Some(value) => {
                    hasher.update(b"S");
                    hasher.update((value.len() as u64).to_be_bytes());
                    hasher.update(value.as_bytes());
                }
                None => hasher.update(b"N"),
            }
        }
        hex::encode(hasher.finalize())
    }
}

/// Where and why a chain failed verification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainBreak {
    /// The first event that does not verify (or the recorded head, for a cut-off tail).
    pub seq: i64,
    /// What is wrong, in words for an operator.
    pub problem: String,
}

/// Checks a chain read in `seq` order against the recorded head (`head_seq`, `head_hash`) and
/// the hash the first event must follow (the genesis hash, or a checkpoint after a purge).
///
/// # Errors
/// The first [`ChainBreak`].
pub fn verify_chain(
    events: impl IntoIterator<Item = AuditEvent>,
    start_hash: &str,
    start_seq: i64,
    head_seq: i64,
    head_hash: &str,
) -> Result<u64, ChainBreak> {
    let mut previous_hash = start_hash.to_owned();
    let mut expected_seq = start_seq + 1;
    let mut count = 0;
    for event in events {
        if event.seq != expected_seq {
            return Err(ChainBreak {
                seq: event.seq,
                problem: format!(
                    "expected event {expected_seq} here: events are missing or out of order"
                ),
            });
        }
        if event.prev_hash != previous_hash {
            return Err(ChainBreak {
                seq: event.seq,
                problem: "does not follow the previous event (previous hash differs)".to_owned(),
            });
        }
        if event.expected_hash() != event.hash {
            return Err(ChainBreak {
                seq: event.seq,
                problem: "its content was changed (hash does not match)".to_owned(),
            });
        }
        previous_hash = event.hash;
        expected_seq += 1;
        count += 1;
    }
    let last_seq = expected_seq - 1;
    if last_seq != head_seq || previous_hash != head_hash {
        return Err(ChainBreak {
            seq: last_seq + 1,
            problem: format!(
                "the trail ends at event {last_seq} but its recorded head is event {head_seq}: events were removed from the end"
            ),
        });
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<AuditEvent> {
        let mut previous = GENESIS_HASH.to_owned();
        (1..=n)
            .map(|seq| {
                let mut event = AuditEvent {
                    seq,
                    at: format!("2026-11-28T10:00:{seq:02}.000000Z"),
                    organization_id: Some("org".into()),
                    actor_id: None,
                    actor_role: "anonymous".into(),
                    action: "login.failure".into(),
                    subject_id: None,
                    object_kind: "user".into(),
                    object_id: None,
                    purpose: "login".into(),
                    outcome: "failed".into(),
                    ip: Some("127.0.0.1".into()),
                    prev_hash: previous.clone(),
                    hash: String::new(),
                };
                event.hash = event.expected_hash();
                previous = event.hash.clone();
                event
            })
            .collect()
    }

    fn head(events: &[AuditEvent]) -> (i64, String) {
        events
            .last()
            .map_or((0, GENESIS_HASH.to_owned()), |e| (e.seq, e.hash.clone()))
    }

    #[test]
    fn an_intact_chain_verifies() {
        let events = chain(5);
        let (seq, hash) = head(&events);
        assert_eq!(verify_chain(events, GENESIS_HASH, 0, seq, &hash), Ok(5));
        assert_eq!(
            verify_chain(Vec::new(), GENESIS_HASH, 0, 0, GENESIS_HASH),
            Ok(0)
        );
    }

    #[test]
    fn an_edit_is_found_at_the_edited_event() {
        let mut events = chain(5);
        let (seq, hash) = head(&events);
        events[2].purpose = "lookup".into();
        assert_eq!(
            verify_chain(events, GENESIS_HASH, 0, seq, &hash).map_err(|b| b.seq),
            Err(3)
        );
    }

    #[test]
    fn a_deletion_or_reordering_is_found() {
        let mut events = chain(5);
        let (seq, hash) = head(&events);
        let mut deleted = events.clone();
        deleted.remove(1);
        assert_eq!(
            verify_chain(deleted, GENESIS_HASH, 0, seq, &hash).map_err(|b| b.seq),
            Err(3)
        );
        events.swap(1, 2);
        assert_eq!(
            verify_chain(events, GENESIS_HASH, 0, seq, &hash).map_err(|b| b.seq),
            Err(3)
        );
    }

    #[test]
    fn a_cut_off_tail_is_found_against_the_head() {
        let mut events = chain(5);
        let (seq, hash) = head(&events);
        events.truncate(3);
        assert_eq!(
            verify_chain(events, GENESIS_HASH, 0, seq, &hash).map_err(|b| b.seq),
            Err(4)
        );
    }

    #[test]
    fn absent_and_empty_fields_hash_differently() {
        let mut a = chain(1).remove(0);
        let mut b = a.clone();
        a.actor_id = None;
        b.actor_id = Some(String::new());
        assert_ne!(a.expected_hash(), b.expected_hash());
    }
}

//! The audit trail's events and their hash chain (security requirements R15, R16).
//!
//! Every read and write of personal data, every sign-in attempt and every denial becomes one
//! [`AuditEvent`]. Each stored event carries the hash of the one before it and its own hash over
//! a canonical encoding of all its fields, so editing, deleting or reordering any event — or
//! cutting events off the end, checked against the chain's recorded head — breaks the chain at a
//! point that [`verify_chain`] names.
//!
//! Since ADR 0015 each hash is an HMAC-SHA-256 under a key kept outside the database
//! ([`keys`]), and the event records the key's id: whoever can write to the database but lacks
//! the key file cannot recompute a valid chain. Events from before (no key id) are the legacy
//! plain SHA-256 chain; they may only come before the first keyed event. [`checkpoint`] holds
//! the signed heads written to a file outside the database, which catch a cut tail whose head
//! was moved back with it.

pub mod checkpoint;
pub mod keys;

use sha2::{Digest, Sha256};

pub use keys::{AuditKeyring, ChainKey, KeyError};

/// The hash before the first event.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The chain of events that belong to no organization (a sign-in attempt for an unknown
/// address, an operator's command before any organization exists).
pub const SYSTEM_CHAIN: &str = "system";

/// The chain an event of `organization_id` is appended to: one chain per organization, so
/// one organization's requests never wait for another's (ADR 0018).
#[must_use]
pub fn chain_of(organization_id: Option<&str>) -> &str {
    organization_id.unwrap_or(SYSTEM_CHAIN)
}

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
    /// The event's number in the whole trail, from 1 (its position in the single chain of
    /// before per-organization chains).
    pub seq: i64,
    /// The chain the event belongs to: its organization's id, or [`SYSTEM_CHAIN`]; `None` for
    /// the single chain written before chains were per organization (ADR 0018).
    pub chain: Option<String>,
    /// Its position in that chain, from 1; `None` in the single chain of before, where `seq` is
    /// the position.
    pub chain_seq: Option<i64>,
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
    /// The id of the key whose HMAC `hash` is; `None` for a legacy (plain SHA-256) event.
    pub key_id: Option<String>,
}

impl AuditEvent {
    /// Its position in its chain: `chain_seq`, or `seq` in the single chain of before.
    #[must_use]
    pub fn position(&self) -> i64 {
        self.chain_seq.unwrap_or(self.seq)
    }

    /// The legacy hash this event must have, given its fields and its `prev_hash`: plain
    /// SHA-256, as events were chained before ADR 0015 (their `key_id` is `None`).
    #[must_use]
    pub fn expected_hash(&self) -> String {
        hex::encode(Sha256::digest(self.canonical_bytes()))
    }

    /// The hash this event must have when signed with `key`: HMAC-SHA-256 over the same
    /// encoding as the legacy hash followed by the key's id, so the id cannot be swapped.
    #[must_use]
    pub fn keyed_hash(&self, key: &ChainKey) -> String {
        key.mac_hex(&self.keyed_bytes(key.id()))
    }

    /// Records `key` on the event and gives it the hash signed with it.
    pub fn sign(&mut self, key: &ChainKey) {
        self.key_id = Some(key.id().to_owned());
        self.hash = self.keyed_hash(key);
    }

    fn keyed_bytes(&self, key_id: &str) -> Vec<u8> {
        let version: &[u8] = if self.chain.is_some() {
            b"tandem audit v3"
        } else {
            b"tandem audit v2"
        };
        let mut bytes = version.to_vec();
        bytes.extend(self.canonical_bytes());
        push_field(&mut bytes, Some(key_id));
        bytes
    }

    /// `prev_hash`, then — for an event of a per-organization chain — its chain and position,
    /// then every field length-prefixed, with a distinct marker for "absent": no two different
    /// events encode to the same bytes (no ambiguity from separators inside values). An event
    /// of the single chain of before encodes as it always did.
    fn canonical_bytes(&self) -> Vec<u8> {
        let mut bytes = self.prev_hash.as_bytes().to_vec();
        if let Some(chain) = &self.chain {
            bytes.extend(b"chain");
            push_field(&mut bytes, Some(chain));
            push_field(&mut bytes, self.chain_seq.map(|s| s.to_string()).as_deref());
        }
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
        for field in fields {
            push_field(&mut bytes, field);
        }
        bytes
    }

    /// Whether the event's hash is right: the legacy hash for an event without a key id, else
    /// the HMAC under the named key; `Err` says why not.
    ///
    /// # Errors
    /// What is wrong, in words for an operator.
    pub fn check_hash(&self, keys: &AuditKeyring) -> Result<(), String> {
        match &self.key_id {
            None if self.expected_hash() == self.hash => Ok(()),
            None => Err("its content was changed (hash does not match)".to_owned()),
            Some(id) => match keys.get(id) {
                None => Err(format!(
                    "it is signed with key `{id}`, which is not in the audit key file"
                )),
                Some(key) if key.verifies(&self.keyed_bytes(id), &self.hash) => Ok(()),
                Some(_) => Err(
                    "its content was changed or its hash recomputed without the key (HMAC does not match)"
                        .to_owned(),
                ),
            },
        }
    }
}

fn push_field(bytes: &mut Vec<u8>, field: Option<&str>) {
    match field {
        Some(value) => {
            bytes.push(b'S');
            bytes.extend((value.len() as u64).to_be_bytes());
            bytes.extend(value.as_bytes());
        }
        None => bytes.push(b'N'),
    }
}

/// Where and why a chain failed verification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainBreak {
    /// The chain it is in (`None`: the single chain of before, or no chain in particular).
    pub chain: Option<String>,
    /// The position in that chain of the first event that does not verify (or of the one
    /// after the last, for a cut-off tail).
    pub seq: i64,
    /// What is wrong, in words for an operator.
    pub problem: String,
}

impl ChainBreak {
    /// Where it is, for an operator: `event 4`, or `event 4 of chain <id>`.
    #[must_use]
    pub fn place(&self) -> String {
        match &self.chain {
            Some(chain) => format!("event {} of chain {chain}", self.seq),
            None => format!("event {}", self.seq),
        }
    }
}

/// Where a chain starts and where its recorded head says it ends.
#[derive(Debug, Clone, Copy)]
pub struct ChainEnds<'a> {
    /// The chain (`None`: the single chain of before).
    pub chain: Option<&'a str>,
    /// The hash the first event must follow (the genesis hash, or a checkpoint after a purge).
    pub start_hash: &'a str,
    /// The sequence number before the first event.
    pub start_seq: i64,
    /// The recorded head's sequence number.
    pub head_seq: i64,
    /// The recorded head's hash.
    pub head_hash: &'a str,
}

/// Checks a chain read in `seq` order against its [`ChainEnds`], with the keys of the key
/// file. Legacy (unkeyed) events may only come before the first keyed one: an unkeyed event
/// after it is what someone without the key would write.
///
/// # Errors
/// The first [`ChainBreak`].
pub fn verify_chain<'e>(
    events: impl IntoIterator<Item = &'e AuditEvent>,
    ends: ChainEnds<'_>,
    keys: &AuditKeyring,
) -> Result<u64, ChainBreak> {
    let ChainEnds {
        chain,
        start_hash,
        start_seq,
        head_seq,
        head_hash,
    } = ends;
    let mut previous_hash = start_hash.to_owned();
    let mut expected_seq = start_seq + 1;
    let mut count = 0;
    let mut keyed_seen = false;
    for event in events {
        if event.position() != expected_seq {
            return Err(ChainBreak {
                chain: chain.map(str::to_owned),
                seq: event.position(),
                problem: format!(
                    "expected event {expected_seq} here: events are missing or out of order"
                ),
            });
        }
        if event.prev_hash != previous_hash {
            return Err(ChainBreak {
                chain: chain.map(str::to_owned),
                seq: event.position(),
                problem: "does not follow the previous event (previous hash differs)".to_owned(),
            });
        }
        if event.key_id.is_none() && keyed_seen {
            return Err(ChainBreak {
                chain: chain.map(str::to_owned),
                seq: event.position(),
                problem: "it has no key id after keyed events: it was written or rewritten without the key"
                    .to_owned(),
            });
        }
        keyed_seen |= event.key_id.is_some();
        event.check_hash(keys).map_err(|problem| ChainBreak {
            chain: chain.map(str::to_owned),
            seq: event.position(),
            problem,
        })?;
        previous_hash.clone_from(&event.hash);
        expected_seq += 1;
        count += 1;
    }
    let last_seq = expected_seq - 1;
    if last_seq != head_seq || previous_hash != head_hash {
        return Err(ChainBreak {
            chain: chain.map(str::to_owned),
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

    fn ring() -> AuditKeyring {
        AuditKeyring::single(ChainKey::new("k1", [7; 32]).expect("key"))
    }

    /// `n` events after `legacy` unkeyed ones, the rest signed with `ring()`'s key.
    fn chain_after(n: i64, legacy: i64) -> Vec<AuditEvent> {
        let keys = ring();
        let mut previous = GENESIS_HASH.to_owned();
        (1..=n)
            .map(|seq| {
                let mut event = AuditEvent {
                    seq,
                    chain: None,
                    chain_seq: None,
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
                    key_id: None,
                };
                if seq <= legacy {
                    event.hash = event.expected_hash();
                } else {
                    event.sign(keys.current());
                }
                previous = event.hash.clone();
                event
            })
            .collect()
    }

    fn chain(n: i64) -> Vec<AuditEvent> {
        chain_after(n, 0)
    }

    fn head(events: &[AuditEvent]) -> (i64, String) {
        events
            .last()
            .map_or((0, GENESIS_HASH.to_owned()), |e| (e.seq, e.hash.clone()))
    }

    fn verify(events: &[AuditEvent], head: &(i64, String)) -> Result<u64, i64> {
        let ends = ChainEnds {
            chain: None,
            start_hash: GENESIS_HASH,
            start_seq: 0,
            head_seq: head.0,
            head_hash: &head.1,
        };
        verify_chain(events, ends, &ring()).map_err(|b| b.seq)
    }

    #[test]
    fn an_intact_chain_verifies() {
        let events = chain(5);
        assert_eq!(verify(&events, &head(&events)), Ok(5));
        assert_eq!(verify(&[], &(0, GENESIS_HASH.to_owned())), Ok(0));
    }

    #[test]
    fn legacy_events_verify_and_the_first_keyed_event_follows_the_last_of_them() {
        let events = chain_after(5, 3);
        assert_eq!(events[3].prev_hash, events[2].hash);
        assert_eq!(verify(&events, &head(&events)), Ok(5));
    }

    #[test]
    fn an_edit_is_found_at_the_edited_event() {
        let mut events = chain(5);
        let head = head(&events);
        events[2].purpose = "lookup".into();
        assert_eq!(verify(&events, &head), Err(3));
    }

    #[test]
    fn a_rewrite_with_recomputed_plain_hashes_is_found_at_the_rewritten_event() {
        let mut events = chain(5);
        for i in 2..5 {
            if i > 2 {
                events[i].prev_hash = events[i - 1].hash.clone();
            }
            events[2].purpose = "lookup".into();
            events[i].key_id = None;
            events[i].hash = events[i].expected_hash();
        }
        let head = head(&events);
        assert_eq!(verify(&events, &head), Err(3));
    }

    #[test]
    fn a_rewrite_signed_with_another_key_is_found() {
        let mut events = chain(5);
        let wrong = ChainKey::new("k1", [8; 32]).expect("key");
        events[1].purpose = "lookup".into();
        events[1].sign(&wrong);
        let head = head(&events);
        assert_eq!(verify(&events, &head), Err(2));
        let unknown = ChainKey::new("k9", [7; 32]).expect("key");
        let mut events = chain(5);
        events[4].sign(&unknown);
        assert_eq!(verify(&events, &head.clone()), Err(5));
    }

    #[test]
    fn a_deletion_or_reordering_is_found() {
        let mut events = chain(5);
        let head = head(&events);
        let mut deleted = events.clone();
        deleted.remove(1);
        assert_eq!(verify(&deleted, &head), Err(3));
        events.swap(1, 2);
        assert_eq!(verify(&events, &head), Err(3));
    }

    #[test]
    fn a_cut_off_tail_is_found_against_the_head() {
        let mut events = chain(5);
        let head = head(&events);
        events.truncate(3);
        assert_eq!(verify(&events, &head), Err(4));
    }

    #[test]
    fn absent_and_empty_fields_hash_differently() {
        let mut a = chain(1).remove(0);
        let mut b = a.clone();
        a.actor_id = None;
        b.actor_id = Some(String::new());
        assert_ne!(a.expected_hash(), b.expected_hash());
        let key = ring();
        assert_ne!(a.keyed_hash(key.current()), b.keyed_hash(key.current()));
    }
}

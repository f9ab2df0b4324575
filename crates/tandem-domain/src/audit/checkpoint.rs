//! Checkpoints: the chain's head, signed and written to a file outside the database.
//!
//! The recorded head inside the database catches a cut tail only while the head is left alone;
//! whoever can bypass the database's triggers deletes the last events and moves the head back
//! with them, and the shortened chain verifies. A checkpoint line written earlier,
//! `<utc time> <position> <head hash> <hmac> <chain>`, still names the event that was removed
//! (or the hash it had before a rewrite), and its HMAC — under a key of the audit key file —
//! keeps anyone without the key from editing the line to match. Lines of four words, without
//! the chain, name the single chain of before per-organization chains (ADR 0018); the chain
//! comes last so that every line has the position in the same place.

use super::keys::{AuditKeyring, ChainKey};

/// One line of the checkpoint file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    /// When it was written: RFC 3339 UTC text, one word.
    pub at: String,
    /// The chain (`None`: the single chain of before).
    pub chain: Option<String>,
    /// The head's position in its chain then.
    pub seq: i64,
    /// The head's hash then.
    pub hash: String,
    /// HMAC-SHA-256 of the others, under the key that was current then.
    pub mac: String,
}

impl Checkpoint {
    /// A checkpoint of `chain`'s head (`seq`, `hash`) at `at`, signed with `key`.
    #[must_use]
    pub fn sign(at: &str, chain: Option<&str>, seq: i64, hash: &str, key: &ChainKey) -> Self {
        let mac = key.mac_hex(&message(at, chain, seq, hash));
        Self {
            at: at.to_owned(),
            chain: chain.map(str::to_owned),
            seq,
            hash: hash.to_owned(),
            mac,
        }
    }

    /// Parses one line; `None` when it is not four or five words of the right kinds.
    #[must_use]
    pub fn parse(line: &str) -> Option<Self> {
        let words: Vec<&str> = line.split_whitespace().collect();
        let (at, chain, seq, hash, mac) = match words[..] {
            [at, seq, hash, mac] => (at, None, seq, hash, mac),
            [at, seq, hash, mac, chain] => (at, Some(chain), seq, hash, mac),
            _ => return None,
        };
        Some(Self {
            at: at.to_owned(),
            chain: chain.map(str::to_owned),
            seq: seq.parse().ok().filter(|s: &i64| *s >= 0)?,
            hash: hash.to_owned(),
            mac: mac.to_owned(),
        })
    }

    /// The line as written to the file (without the line break).
    #[must_use]
    pub fn to_line(&self) -> String {
        match &self.chain {
            Some(chain) => format!(
                "{} {} {} {} {chain}",
                self.at, self.seq, self.hash, self.mac
            ),
            None => format!("{} {} {} {}", self.at, self.seq, self.hash, self.mac),
        }
    }

    /// Whether some key of the keyring signed this checkpoint. Every key is tried, so lines
    /// written before a key rotation keep verifying.
    #[must_use]
    pub fn is_signed_by(&self, keys: &AuditKeyring) -> bool {
        let message = message(&self.at, self.chain.as_deref(), self.seq, &self.hash);
        keys.iter().any(|key| key.verifies(&message, &self.mac))
    }
}

/// What a checkpoint's HMAC covers; the prefix keeps it from ever equalling an event's input,
/// and a chain's checkpoint from being read as one of another chain.
fn message(at: &str, chain: Option<&str>, seq: i64, hash: &str) -> Vec<u8> {
    match chain {
        Some(chain) => format!("tandem audit checkpoint v2\n{at} {chain} {seq} {hash}"),
        None => format!("tandem audit checkpoint v1\n{at} {seq} {hash}"),
    }
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_checkpoint_round_trips_and_verifies_only_unchanged() {
        let key = ChainKey::new("k1", [3; 32]).expect("key");
        let ring = AuditKeyring::single(key.clone());
        let checkpoint = Checkpoint::sign("2026-12-06T03:00:00Z", None, 42, "ab", &key);
        let parsed = Checkpoint::parse(&checkpoint.to_line()).expect("parses");
        assert_eq!(parsed, checkpoint);
        assert!(parsed.is_signed_by(&ring));
        let moved = Checkpoint { seq: 41, ..parsed };
        assert!(!moved.is_signed_by(&ring));
        let other = AuditKeyring::single(ChainKey::new("k1", [4; 32]).expect("key"));
        assert!(!checkpoint.is_signed_by(&other));
        assert_eq!(Checkpoint::parse("a 1 b"), None);
        assert_eq!(Checkpoint::parse("a -1 b c"), None);
    }

    #[test]
    fn a_chains_checkpoint_names_its_chain_and_cannot_be_moved_to_another() {
        let key = ChainKey::new("k1", [3; 32]).expect("key");
        let ring = AuditKeyring::single(key.clone());
        let checkpoint = Checkpoint::sign("2026-12-06T03:00:00Z", Some("org-a"), 7, "ab", &key);
        let line = checkpoint.to_line();
        assert_eq!(line.split_whitespace().nth(4), Some("org-a"));
        let parsed = Checkpoint::parse(&line).expect("parses");
        assert_eq!(parsed, checkpoint);
        assert!(parsed.is_signed_by(&ring));
        let moved = Checkpoint {
            chain: Some("org-b".into()),
            ..parsed.clone()
        };
        assert!(!moved.is_signed_by(&ring));
        let unchained = Checkpoint {
            chain: None,
            ..parsed
        };
        assert!(!unchained.is_signed_by(&ring));
    }
}

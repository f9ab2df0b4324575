//! Checkpoints of the audit chain in a file outside the database (ADR 0015): writing the
//! signed head, and verifying the chain against every line written so far.
//!
//! The database's own head record cannot catch a cut tail when the head was moved back with
//! it; a checkpoint line written before the cut still names the removed event, and one written
//! before a rewrite still holds the event's old hash. The line's HMAC keeps anyone without the
//! key from editing it to match.

use std::io::Write;
use std::path::{Path, PathBuf};

use tandem_domain::audit::checkpoint::Checkpoint;
use tandem_domain::audit::{AuditEvent, AuditKeyring, ChainBreak, GENESIS_HASH};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::error::StoreError;
use crate::pool::Store;

/// Why a checkpoint could not be written or read.
#[derive(Debug, thiserror::Error)]
pub enum CheckpointError {
    /// Reading or writing the checkpoint file failed.
    #[error("the audit checkpoint file {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The head does not verify, so it is not signed: a checkpoint would vouch for tampering.
    #[error("the audit trail's head (event {}) does not verify: {}; run `tandem audit verify`", .0.seq, .0.problem)]
    HeadDoesNotVerify(ChainBreak),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What a successful verification covered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verified {
    /// Events in the chain.
    pub events: u64,
    /// Checkpoint lines that matched.
    pub checkpoints: usize,
}

impl Store {
    /// Appends a checkpoint of the chain's current head to the file at `path` (created when
    /// missing), signed with the current key — unless `only_if_moved` and the file's last
    /// checkpoint already names this head. The head's own event is verified first.
    ///
    /// # Errors
    /// [`CheckpointError::HeadDoesNotVerify`], a file or database error.
    pub async fn write_audit_checkpoint(
        &self,
        path: &Path,
        at: OffsetDateTime,
        only_if_moved: bool,
    ) -> Result<Option<Checkpoint>, CheckpointError> {
        let (seq, hash) = self.verified_head().await?;
        let io = |source| CheckpointError::Io {
            path: path.to_owned(),
            source,
        };
        if only_if_moved {
            let text = match std::fs::read_to_string(path) {
                Ok(text) => text,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
                Err(e) => return Err(io(e)),
            };
            let last = text.lines().rev().find_map(Checkpoint::parse);
            if last.is_some_and(|c| c.seq == seq && c.hash == hash) {
                return Ok(None);
            }
        }
        let utc = at.to_offset(time::UtcOffset::UTC);
        let at_text = utc
            .replace_nanosecond(0)
            .unwrap_or(utc)
            .format(&Rfc3339)
            .map_err(|e| io(std::io::Error::other(e)))?;
        let checkpoint = Checkpoint::sign(&at_text, seq, &hash, self.audit_keys().current());
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(io)?;
        file.write_all(format!("{}\n", checkpoint.to_line()).as_bytes())
            .map_err(io)?;
        file.sync_all().map_err(io)?;
        Ok(Some(checkpoint))
    }

    /// The recorded head, after checking that its event exists with that hash and verifies
    /// under the keys.
    async fn verified_head(&self) -> Result<(i64, String), CheckpointError> {
        let Some((seq, hash)) = self.audit_head().await? else {
            return Err(CheckpointError::HeadDoesNotVerify(ChainBreak {
                seq: 0,
                problem: "the chain's recorded head is missing".into(),
            }));
        };
        if seq == 0 && hash == GENESIS_HASH {
            return Ok((seq, hash));
        }
        let broken =
            |problem: String| CheckpointError::HeadDoesNotVerify(ChainBreak { seq, problem });
        let event = self
            .audit_event(seq)
            .await?
            .ok_or_else(|| broken("the head's event is missing".into()))?;
        if event.hash != hash {
            return Err(broken("the head's hash is not its event's".into()));
        }
        event.check_hash(self.audit_keys()).map_err(broken)?;
        Ok((seq, hash))
    }

    /// Verifies the chain against its recorded head, then — when a checkpoint file is named —
    /// against every checkpoint in it.
    ///
    /// # Errors
    /// `Ok(Err(break))` names the first bad event or checkpoint; `Err` when the database or
    /// the checkpoint file cannot be read.
    pub async fn verify_audit_trail_against(
        &self,
        checkpoints: Option<&Path>,
    ) -> Result<Result<Verified, ChainBreak>, CheckpointError> {
        let (events, chain) = self.verify_chain_in_database().await?;
        let count = match chain {
            Ok(count) => count,
            Err(broken) => return Ok(Err(broken)),
        };
        let Some(path) = checkpoints else {
            return Ok(Ok(Verified {
                events: count,
                checkpoints: 0,
            }));
        };
        let text = std::fs::read_to_string(path).map_err(|source| CheckpointError::Io {
            path: path.to_owned(),
            source,
        })?;
        Ok(
            check_checkpoints(&events, &text, self.audit_keys()).map(|checkpoints| Verified {
                events: count,
                checkpoints,
            }),
        )
    }
}

/// Checks every line of a checkpoint file against a chain that verified (so `events` holds
/// sequence numbers 1, 2, … in order); returns how many lines matched.
///
/// # Errors
/// The first line that is not signed by a key, or whose event is gone or differs.
pub fn check_checkpoints(
    events: &[AuditEvent],
    text: &str,
    keys: &AuditKeyring,
) -> Result<usize, ChainBreak> {
    let mut matched = 0;
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        let Some(checkpoint) = Checkpoint::parse(line) else {
            return Err(ChainBreak {
                seq: 0,
                problem: format!("line {number} of the checkpoint file is not a checkpoint"),
            });
        };
        let (seq, at) = (checkpoint.seq, &checkpoint.at);
        let place = format!("the checkpoint on line {number} (written {at})");
        if !checkpoint.is_signed_by(keys) {
            return Err(ChainBreak {
                seq,
                problem: format!(
                    "{place} is not signed by any key of the audit key file: the checkpoint file was edited"
                ),
            });
        }
        let found = if seq == 0 {
            Some(GENESIS_HASH)
        } else {
            events
                .binary_search_by_key(&seq, |e| e.seq)
                .ok()
                .map(|i| events[i].hash.as_str())
        };
        match found {
            None => {
                return Err(ChainBreak {
                    seq,
                    problem: format!(
                        "{place} names event {seq}, which is gone: events were removed from the end and the head moved back"
                    ),
                });
            }
            Some(hash) if hash != checkpoint.hash => {
                return Err(ChainBreak {
                    seq,
                    problem: format!(
                        "its hash differs from {place}: the chain up to it was rewritten"
                    ),
                });
            }
            Some(_) => matched += 1,
        }
    }
    Ok(matched)
}

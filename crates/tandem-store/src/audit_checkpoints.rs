//! Checkpoints of the audit chains in a file outside the database (ADR 0015, 0018): writing
//! each chain's signed head, and verifying every chain against every line written so far.
//!
//! The database's own head record cannot catch a cut tail when the head was moved back with
//! it; a checkpoint line written before the cut still names the removed event, and one written
//! before a rewrite still holds the event's old hash. The line's HMAC keeps anyone without the
//! key from editing it to match.

use std::collections::HashMap;
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
    /// Appends a checkpoint of each chain's current head to the file at `path` (created when
    /// missing), signed with the current key — with `only_if_moved`, only of the chains whose
    /// head moved since the file's last line for them. Each head's own event is verified
    /// first. The single chain of before gets a line only while the file has none of it and
    /// it holds events.
    ///
    /// # Errors
    /// [`CheckpointError::HeadDoesNotVerify`], a file or database error.
    pub async fn write_audit_checkpoint(
        &self,
        path: &Path,
        at: OffsetDateTime,
        only_if_moved: bool,
    ) -> Result<Vec<Checkpoint>, CheckpointError> {
        let io = |source| CheckpointError::Io {
            path: path.to_owned(),
            source,
        };
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(io(e)),
        };
        let mut last: HashMap<Option<String>, (i64, String)> = HashMap::new();
        for checkpoint in text.lines().filter_map(Checkpoint::parse) {
            last.insert(checkpoint.chain, (checkpoint.seq, checkpoint.hash));
        }
        let mut heads: Vec<(Option<String>, i64, String)> = Vec::new();
        if let Some((seq, hash)) = self.audit_head().await?
            && seq > 0
            && !last.contains_key(&None)
        {
            heads.push((None, seq, hash));
        }
        for (chain, seq, hash) in self.audit_chain_heads().await? {
            heads.push((Some(chain), seq, hash));
        }
        let utc = at.to_offset(time::UtcOffset::UTC);
        let at_text = utc
            .replace_nanosecond(0)
            .unwrap_or(utc)
            .format(&Rfc3339)
            .map_err(|e| io(std::io::Error::other(e)))?;
        let mut written = Vec::new();
        for (chain, seq, hash) in heads {
            if only_if_moved
                && last
                    .get(&chain)
                    .is_some_and(|(s, h)| *s == seq && *h == hash)
            {
                continue;
            }
            self.verify_head(chain.as_deref(), seq, &hash).await?;
            written.push(Checkpoint::sign(
                &at_text,
                chain.as_deref(),
                seq,
                &hash,
                self.audit_keys().current(),
            ));
        }
        if written.is_empty() {
            return Ok(written);
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(io)?;
        let lines: String = written
            .iter()
            .map(|c| format!("{}\n", c.to_line()))
            .collect();
        file.write_all(lines.as_bytes()).map_err(io)?;
        file.sync_all().map_err(io)?;
        Ok(written)
    }

    /// Checks that a recorded head's event exists with that hash and verifies under the keys.
    async fn verify_head(
        &self,
        chain: Option<&str>,
        seq: i64,
        hash: &str,
    ) -> Result<(), CheckpointError> {
        if seq == 0 && hash == GENESIS_HASH {
            return Ok(());
        }
        let broken = |problem: String| {
            CheckpointError::HeadDoesNotVerify(ChainBreak {
                chain: chain.map(str::to_owned),
                seq,
                problem,
            })
        };
        let event = match chain {
            None => self.audit_event(seq).await?,
            Some(chain) => self.chain_event(chain, seq).await?,
        }
        .ok_or_else(|| broken("the head's event is missing".into()))?;
        if event.hash != hash {
            return Err(broken("the head's hash is not its event's".into()));
        }
        event.check_hash(self.audit_keys()).map_err(broken)?;
        Ok(())
    }

    /// Verifies every chain against its recorded head, then — when a checkpoint file is named
    /// — against every checkpoint in it.
    ///
    /// # Errors
    /// `Ok(Err(break))` names the first bad event or checkpoint; `Err` when the database or
    /// the checkpoint file cannot be read.
    pub async fn verify_audit_trail_against(
        &self,
        checkpoints: Option<&Path>,
    ) -> Result<Result<Verified, ChainBreak>, CheckpointError> {
        // A break in the chains is reported before a checkpoint file that cannot be read.
        let (lines, unreadable) =
            match checkpoints.map(|path| (path, std::fs::read_to_string(path))) {
                None => (Vec::new(), None),
                Some((_, Ok(text))) => match parse_checkpoints(&text, self.audit_keys()) {
                    Ok(lines) => (lines, None),
                    Err(broken) => return Ok(Err(broken)),
                },
                Some((path, Err(source))) => (
                    Vec::new(),
                    Some(CheckpointError::Io {
                        path: path.to_owned(),
                        source,
                    }),
                ),
            };
        let mut matched = 0;
        let mut chains_seen: Vec<Option<String>> = Vec::new();
        let verified = self
            .verify_chains(None, |read| {
                chains_seen.push(read.chain.clone());
                matched += check_checkpoints(&read.chain, &read.events, &lines)?;
                Ok(())
            })
            .await?;
        let events = match verified {
            Ok(events) => events,
            Err(broken) => return Ok(Err(broken)),
        };
        if let Some(error) = unreadable {
            return Err(error);
        }
        // A checkpoint of a chain that is gone altogether (its events and its head removed).
        if let Some((number, checkpoint)) = lines
            .iter()
            .find(|(_, c)| !chains_seen.contains(&c.chain) && c.seq > 0)
        {
            return Ok(Err(gone(*number, checkpoint)));
        }
        Ok(Ok(Verified {
            events,
            checkpoints: matched,
        }))
    }
}

/// Parses a checkpoint file; every line must be a checkpoint signed by a key of the ring.
/// Returns each with its line number.
///
/// # Errors
/// The first line that is not a checkpoint or not signed by a key.
pub fn parse_checkpoints(
    text: &str,
    keys: &AuditKeyring,
) -> Result<Vec<(usize, Checkpoint)>, ChainBreak> {
    let mut lines = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        let Some(checkpoint) = Checkpoint::parse(line) else {
            return Err(ChainBreak {
                chain: None,
                seq: 0,
                problem: format!("line {number} of the checkpoint file is not a checkpoint"),
            });
        };
        if !checkpoint.is_signed_by(keys) {
            return Err(ChainBreak {
                chain: checkpoint.chain.clone(),
                seq: checkpoint.seq,
                problem: format!(
                    "{} is not signed by any key of the audit key file: the checkpoint file was edited",
                    place(number, &checkpoint)
                ),
            });
        }
        lines.push((number, checkpoint));
    }
    Ok(lines)
}

fn place(number: usize, checkpoint: &Checkpoint) -> String {
    format!(
        "the checkpoint on line {number} (written {})",
        checkpoint.at
    )
}

fn gone(number: usize, checkpoint: &Checkpoint) -> ChainBreak {
    let seq = checkpoint.seq;
    ChainBreak {
        chain: checkpoint.chain.clone(),
        seq,
        problem: format!(
            "{} names event {seq}, which is gone: events were removed from the end and the head moved back",
            place(number, checkpoint)
        ),
    }
}

/// Checks the checkpoints of `chain` against its events, which verified (so they hold
/// positions 1, 2, … in order); returns how many matched.
///
/// # Errors
/// The first checkpoint whose event is gone or differs.
pub fn check_checkpoints(
    chain: &Option<String>,
    events: &[AuditEvent],
    lines: &[(usize, Checkpoint)],
) -> Result<usize, ChainBreak> {
    let mut matched = 0;
    for (number, checkpoint) in lines.iter().filter(|(_, c)| &c.chain == chain) {
        let seq = checkpoint.seq;
        let found = if seq == 0 {
            Some(GENESIS_HASH)
        } else {
            events
                .binary_search_by_key(&seq, AuditEvent::position)
                .ok()
                .map(|i| events[i].hash.as_str())
        };
        match found {
            None => return Err(gone(*number, checkpoint)),
            Some(hash) if hash != checkpoint.hash => {
                return Err(ChainBreak {
                    chain: chain.clone(),
                    seq,
                    problem: format!(
                        "its hash differs from {}: the chain up to it was rewritten",
                        place(*number, checkpoint)
                    ),
                });
            }
            Some(_) => matched += 1,
        }
    }
    Ok(matched)
}

//! `tandem audit …`: verifying the trail, checkpoints of its head, and the key file's keys
//! (ADR 0015). Also where the key file is found for every command that writes events.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use tandem_app::audit_trail::{self, AuditKeyring, DEFAULT_FILE_NAME};
use tandem_app::{App, DatabaseTarget};

use crate::cli::AuditArgs;

/// The audit key file and checkpoint file, as the options and the database name them.
#[derive(Debug, Clone)]
pub struct AuditFiles {
    /// `--audit-key-file`: must exist (only `add-key` creates it).
    named_key_file: Option<PathBuf>,
    /// `audit.key` beside the embedded database, created on first use; none for PostgreSQL.
    default_key_file: Option<PathBuf>,
    /// `--audit-checkpoint-file`.
    pub checkpoint_file: Option<PathBuf>,
}

impl AuditFiles {
    /// The files for `target` and the options.
    pub fn new(target: &DatabaseTarget, args: &AuditArgs) -> Self {
        let default_key_file = match target {
            DatabaseTarget::Sqlite(path) => Some(
                path.parent()
                    .unwrap_or_else(|| Path::new("."))
                    .join(DEFAULT_FILE_NAME),
            ),
            DatabaseTarget::Postgres(_) => None,
        };
        Self {
            named_key_file: args.audit_key_file.clone(),
            default_key_file,
            checkpoint_file: args.audit_checkpoint_file.clone(),
        }
    }

    /// The key file's path.
    fn key_path(&self) -> anyhow::Result<&Path> {
        self.named_key_file
            .as_deref()
            .or(self.default_key_file.as_deref())
            .context(
                "with PostgreSQL, name the audit key file with --audit-key-file or \
                 TANDEM_AUDIT_KEY_FILE (create it with `tandem audit add-key --audit-key-file PATH`)",
            )
    }

    /// The key file's keys; the embedded database's default file is created on first use.
    pub fn keys(&self) -> anyhow::Result<Arc<AuditKeyring>> {
        let path = self.key_path()?;
        let keys = if self.named_key_file.is_some() {
            audit_trail::load(path)?
        } else {
            audit_trail::load_or_create(path)?
        };
        Ok(Arc::new(keys))
    }

    /// The checkpoint file, required by `tandem audit checkpoint`.
    fn checkpoint_path(&self) -> anyhow::Result<&Path> {
        self.checkpoint_file.as_deref().context(
            "name the checkpoint file with --audit-checkpoint-file or TANDEM_AUDIT_CHECKPOINT_FILE",
        )
    }
}

/// Verifies the chains and the checkpoints — or only the chain of `org` — ; `Ok(false)` when
/// broken (the caller exits with 1).
pub async fn verify(app: &App, files: &AuditFiles, org: Option<&str>) -> anyhow::Result<bool> {
    if let Some(org) = org {
        let chain = if org == tandem_app::audit_trail::SYSTEM_CHAIN {
            org.to_owned()
        } else {
            super::admin::find_org(app, org).await?.id.to_string()
        };
        return Ok(match audit_trail::verify_chain(app, &chain).await? {
            Ok(events) => {
                println!("audit chain {chain} intact: {events} events verified");
                true
            }
            Err(broken) => {
                eprintln!(
                    "audit trail BROKEN at {}: {}",
                    broken.place(),
                    broken.problem
                );
                false
            }
        });
    }
    match audit_trail::verify(app, files.checkpoint_file.as_deref()).await? {
        Ok(verified) => {
            let checkpoints = match &files.checkpoint_file {
                Some(_) => format!(", {} checkpoints match", verified.checkpoints),
                None => String::new(),
            };
            println!(
                "audit trail intact: {} events verified{checkpoints}",
                verified.events
            );
            Ok(true)
        }
        Err(broken) => {
            eprintln!(
                "audit trail BROKEN at {}: {}",
                broken.place(),
                broken.problem
            );
            Ok(false)
        }
    }
}

/// Writes one checkpoint now.
pub async fn checkpoint(app: &App, files: &AuditFiles) -> anyhow::Result<()> {
    let path = files.checkpoint_path()?;
    let now = time::OffsetDateTime::now_utc();
    let written = audit_trail::checkpoint(app, path, now, false).await?;
    if written.is_empty() {
        println!("no chain holds events yet: no checkpoint written");
    }
    for line in written {
        let chain = line.chain.as_deref().unwrap_or("of before");
        println!(
            "checkpoint written to {}: chain {chain} at event {} at {}",
            path.display(),
            line.seq,
            line.at
        );
    }
    Ok(())
}

/// Appends a fresh key to the key file.
pub fn add_key(files: &AuditFiles) -> anyhow::Result<()> {
    let path = files.key_path()?;
    let id = audit_trail::add_key(path)?;
    println!(
        "added key {id} to {}; new events are signed with it",
        path.display()
    );
    Ok(())
}

//! Story files: a campaign exported as Tandem CSV (no authors; story ids and teller keys are
//! keyed hashes with a fresh key per export, R23), and a story file read against a campaign's
//! framework before it is imported (see [`super::import`]).

use sha2::{Digest, Sha256};
use tandem_domain::framework::Framework;
use tandem_domain::story::interchange::tandem::ExportRow;
use tandem_domain::story::interchange::{self, FileError, Format, Parsed};

use super::{CampaignAccess, StoryError};
use crate::actor::{Actor, Entry};
use crate::app::App;
use crate::error::ActionError;

/// The campaign's stories as a Tandem story CSV, headers in `language`; the export is audited
/// before the file is handed over.
///
/// # Errors
/// [`StoryError::Randomness`] when no key could be made, [`StoryError::Write`] when the file
/// could not be written; a database error.
pub async fn export(
    app: &App,
    actor: &Actor,
    campaign: &CampaignAccess,
    framework: &Framework,
    language: &str,
) -> Result<Vec<u8>, StoryError> {
    let store = app.store();
    let stories = store
        .export_stories(campaign.organization_id, campaign.id, framework)
        .await?;
    // A fresh key per export: two exports cannot be joined on their story keys, nor on their
    // teller keys (R23). Within one export, one person's stories share a teller key, so the
    // file can be analysed by person (sensemaking.md §6).
    let mut key = [0u8; 32];
    getrandom::fill(&mut key).map_err(|_| StoryError::Randomness)?;
    let pseudonym = |what: &str, value: &str| {
        let mut hasher = Sha256::new();
        hasher.update(key);
        hasher.update(what.as_bytes());
        hasher.update(value.as_bytes());
        hex::encode(&hasher.finalize()[..12])
    };
    let keys: Vec<(String, String)> = stories
        .iter()
        .map(|s| {
            let teller =
                (s.told_by.as_deref()).map_or_else(String::new, |t| pseudonym("teller:", t));
            (pseudonym("story:", &s.summary.id.to_string()), teller)
        })
        .collect();
    let rows = stories
        .iter()
        .zip(&keys)
        .map(|(s, (key, teller))| ExportRow {
            key,
            text: &s.summary.body,
            collected_on: s.summary.collected_on,
            teller_kind: s.summary.teller,
            teller,
            answers: &s.answers,
        });
    let mut bytes = Vec::new();
    interchange::tandem::write(framework, rows, language, &mut bytes)
        .map_err(|_| StoryError::Write)?;
    let mut tx = store.begin().await?;
    let entry = Entry::allowed(
        "campaign.export",
        "campaign",
        Some(campaign.id.to_string()),
        "export",
    );
    tx.append_audit(actor.event(entry)).await?;
    tx.commit().await?;
    Ok(bytes)
}

/// Reads an uploaded story file against `framework`: the stories that read, and every bad row
/// with its line and reason. Reading a large file is CPU work: it runs off the async executor.
///
/// # Errors
/// [`ActionError::NotFound`] when the reading did not finish (the server is stopping).
pub async fn read_file(
    format: Format,
    framework: Framework,
    bytes: Vec<u8>,
) -> Result<Result<Parsed, FileError>, ActionError> {
    tokio::task::spawn_blocking(move || interchange::read(format, &framework, &bytes))
        .await
        .map_err(|_| ActionError::NotFound)
}

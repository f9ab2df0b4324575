//! `tandem import stories`: a story file into a campaign, with a progress bar. The file is read
//! and checked first; every bad row is listed on stderr with its line, and a file with bad rows
//! imports nothing (exit 2) unless `--skip-invalid` is given — then the report says what was
//! skipped. The stories are saved in one transaction with the audit event (done by the
//! operator): all or nothing.

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use tandem_app::{Actor, App, stories};
use tandem_domain::Id;
use tandem_domain::story::interchange::{self, Format, MAX_FILE_BYTES};

use super::Exit;
use super::admin::find_org;
use crate::cli::ImportCommand;

/// Runs `tandem import …`.
///
/// # Errors
/// When the file or the database cannot be used.
pub async fn run(app: &App, command: ImportCommand) -> anyhow::Result<Exit> {
    let ImportCommand::Stories {
        org,
        campaign,
        format,
        skip_invalid,
        file,
    } = command;
    let org = find_org(app, &org).await?;
    let format = Format::parse(&format)
        .ok()
        .context("the format is one of tandem, narrafirma, sensemaker")?;
    let campaign_id = Id::parse(&campaign)
        .ok()
        .context("the campaign id is not an id")?;
    let campaign = stories::import_campaign(app, org.id, campaign_id)
        .await?
        .with_context(|| format!("no campaign {campaign} in {}", org.name.as_str()))?;
    let framework = &campaign.framework;
    let size = std::fs::metadata(&file)
        .with_context(|| format!("cannot read {}", file.display()))?
        .len();
    if size > MAX_FILE_BYTES as u64 {
        eprintln!(
            "{}: the file is larger than {} MB",
            file.display(),
            MAX_FILE_BYTES / (1024 * 1024)
        );
        return Ok(Exit::BadInput);
    }
    let bytes = std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
    let parsed = match interchange::read(format, framework, &bytes) {
        Ok(parsed) => parsed,
        Err(error) => {
            eprintln!("{}: {error}", file.display());
            return Ok(Exit::BadInput);
        }
    };
    if !parsed.ignored_columns.is_empty() {
        eprintln!(
            "{}: left out, not questions of the campaign's framework: {}",
            file.display(),
            parsed.ignored_columns.join(", ")
        );
    }
    for error in &parsed.errors {
        eprintln!("{}: {error}", file.display());
    }
    if !parsed.errors.is_empty() && !skip_invalid {
        eprintln!(
            "{} rows have problems; nothing was imported (use --skip-invalid to import the others)",
            parsed.errors.len()
        );
        return Ok(Exit::BadInput);
    }
    let bar = ProgressBar::new(parsed.stories.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{msg} {bar:40} {pos}/{len} stories ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_message("importing");
    let now = time::OffsetDateTime::now_utc();
    let target = campaign.target;
    let actor = Actor::operator(Some(org.id), now);
    stories::import(app, &actor, target, &parsed.stories, now.date(), |n| {
        bar.inc(n as u64);
    })
    .await?;
    bar.finish_and_clear();
    eprintln!(
        "imported {} stories into {:?}{}",
        parsed.stories.len(),
        campaign.title,
        if parsed.errors.is_empty() {
            String::new()
        } else {
            format!("; skipped {} rows", parsed.errors.len())
        }
    );
    Ok(Exit::Success)
}

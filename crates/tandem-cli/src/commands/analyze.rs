//! `tandem analyze`: the catalysis report for a story CSV, as JSON on stdout. Refused input
//! lists every problem with its line on stderr and exits with 2.

use std::collections::HashMap;
use std::io::Write;

use anyhow::Context;
use tandem_analytics::stories::csv::ColumnType;
use tandem_analytics::stories::{csv, report};
use tandem_domain::framework::{Framework, QuestionKind};

use super::Exit;
use crate::cli::AnalyzeArgs;

/// Reads, analyzes and prints.
///
/// # Errors
/// When the file cannot be read at all.
pub fn run(args: &AnalyzeArgs) -> anyhow::Result<Exit> {
    let size = std::fs::metadata(&args.input)
        .with_context(|| format!("cannot read {}", args.input.display()))?
        .len();
    if size > csv::MAX_BYTES as u64 {
        eprintln!("{}: the file is larger than 512 MB", args.input.display());
        return Ok(Exit::BadInput);
    }
    let bytes = std::fs::read(&args.input)
        .with_context(|| format!("cannot read {}", args.input.display()))?;
    let types = match &args.framework {
        Some(path) => match framework_types(path) {
            Ok(types) => types,
            Err(problem) => {
                eprintln!("{}: {problem}", path.display());
                return Ok(Exit::BadInput);
            }
        },
        None => HashMap::new(),
    };
    let stories = match csv::read_typed(&bytes, &types) {
        Ok(stories) => stories,
        Err(problems) => {
            for problem in &problems {
                eprintln!("{}: {problem}", args.input.display());
            }
            return Ok(Exit::BadInput);
        }
    };
    // The file's bytes are not needed once the columns are built: freeing them keeps the peak
    // memory of a large report well under the columns' own size plus the file's.
    drop(bytes);
    let min_group = usize::try_from(args.min_group).unwrap_or(usize::MAX);
    let json = serde_json::to_string_pretty(&report::analyze(&stories, min_group))?;
    // A reader that stops early (`| head`) closes the pipe: that is not a failure.
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{json}").and_then(|()| out.flush()) {
        Ok(()) => Ok(Exit::Success),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(Exit::Success),
        Err(e) => Err(e).context("cannot write the report"),
    }
}

/// Each question's column type from a framework file.
fn framework_types(path: &std::path::Path) -> Result<HashMap<String, ColumnType>, String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("cannot read the framework: {e}"))?;
    let framework = Framework::parse_toml(&text).map_err(|e| e.to_string())?;
    Ok(framework
        .questions()
        .iter()
        .map(|q| {
            let kind = match q.kind {
                QuestionKind::Triad => ColumnType::Triad,
                QuestionKind::Dyad | QuestionKind::Slider => ColumnType::Slider,
                QuestionKind::Single => ColumnType::Single,
                QuestionKind::Multiple => ColumnType::Multiple,
                QuestionKind::Metadata => ColumnType::Metadata,
                QuestionKind::FreeText => ColumnType::Skip,
            };
            (q.id.clone(), kind)
        })
        .collect())
}

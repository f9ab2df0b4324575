//! `tandem analyze`: the catalysis report for a story CSV, as JSON on stdout. Refused input
//! lists every problem with its line on stderr and exits with 2.

use std::io::Write;

use anyhow::Context;
use tandem_analytics::stories::{csv, report};

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
    let stories = match csv::read(&bytes) {
        Ok(stories) => stories,
        Err(problems) => {
            for problem in &problems {
                eprintln!("{}: {problem}", args.input.display());
            }
            return Ok(Exit::BadInput);
        }
    };
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

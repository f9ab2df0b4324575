//! `tandem analyze`: the catalysis report for a story CSV, as JSON on stdout. Refused input
//! lists every problem with its line on stderr and exits with 2.

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
        eprintln!("{}: the file is larger than 256 MB", args.input.display());
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
    #[expect(clippy::print_stdout, reason = "the report is the command's output")]
    {
        println!("{json}");
    }
    Ok(Exit::Success)
}

//! Reading the Tandem story CSV into columns. Every bad row is reported with its line number and
//! reason; a file with any error yields no stories at all (the caller decides what to do).

use std::fmt;

use super::{Column, Field, Stories};
use crate::ternary::Composition;

/// Largest file read (bytes): beyond it, the file is refused as a whole.
pub const MAX_BYTES: usize = 256 * 1024 * 1024;

/// One problem with the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// The 1-based line (0 for the file as a whole).
    pub line: u64,
    /// What is wrong.
    pub reason: String,
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.reason)
        } else {
            write!(f, "line {}: {}", self.line, self.reason)
        }
    }
}

enum Kind {
    Skip,
    Triad(usize, usize, usize),
    Slider(usize),
    Choice(usize),
}

/// Reads stories; returns every problem when there is any.
///
/// # Errors
/// The list of problems, each with its line.
pub fn read(bytes: &[u8]) -> Result<Stories, Vec<LineError>> {
    let whole = |reason: &str| {
        vec![LineError {
            line: 0,
            reason: reason.to_owned(),
        }]
    };
    if bytes.is_empty() {
        return Err(whole("the file is empty"));
    }
    if bytes.len() > MAX_BYTES {
        return Err(whole("the file is larger than 256 MB"));
    }
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(bytes);
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_owned()).collect(),
        Err(_) => return Err(whole("the header row is not valid UTF-8 CSV")),
    };
    let position = |name: &str| header.iter().position(|h| h == name);
    let mut kinds: Vec<(String, bool, Kind)> = Vec::new();
    for (i, name) in header.iter().enumerate() {
        if matches!(name.as_str(), "id" | "text" | "collected_on") {
            continue;
        }
        if let Some(base) = name.strip_suffix(".a") {
            match (
                position(&format!("{base}.b")),
                position(&format!("{base}.c")),
            ) {
                (Some(b), Some(c)) => kinds.push((base.to_owned(), false, Kind::Triad(i, b, c))),
                _ => {
                    return Err(whole(&format!(
                        "triad {base} needs {base}.a, {base}.b and {base}.c"
                    )));
                }
            }
        } else if name.ends_with(".b") || name.ends_with(".c") {
            kinds.push((name.clone(), false, Kind::Skip));
        } else if name.starts_with('D')
            && name[1..].chars().all(|c| c.is_ascii_digit())
            && name.len() > 1
        {
            kinds.push((name.clone(), false, Kind::Slider(i)));
        } else if name.starts_with('M')
            && name[1..].chars().all(|c| c.is_ascii_digit())
            && name.len() > 1
        {
            kinds.push((name.clone(), false, Kind::Choice(i)));
        } else {
            kinds.push((name.clone(), true, Kind::Choice(i)));
        }
    }
    let width = header.len();
    let mut errors = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut record = ::csv::ByteRecord::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                errors.push(LineError {
                    line,
                    reason: "malformed CSV".into(),
                });
                break;
            }
        }
        let line = record.position().map_or(0, |p| p.line());
        if record.len() != width {
            errors.push(LineError {
                line,
                reason: format!("{} columns, the header has {width}", record.len()),
            });
            continue;
        }
        let mut row = Vec::with_capacity(width);
        let mut bad = false;
        for field in record.iter() {
            match std::str::from_utf8(field) {
                Ok(text) => row.push(text.trim().to_owned()),
                Err(_) => {
                    errors.push(LineError {
                        line,
                        reason: "text that is not valid UTF-8".into(),
                    });
                    bad = true;
                    break;
                }
            }
        }
        if bad {
            continue;
        }
        for (name, _, kind) in &kinds {
            match kind {
                Kind::Triad(a, b, c) => {
                    if let Err(reason) = triad(&row[*a], &row[*b], &row[*c]) {
                        errors.push(LineError {
                            line,
                            reason: format!("{name}: {reason}"),
                        });
                    }
                }
                Kind::Slider(i) => {
                    if let Err(reason) = slider(&row[*i]) {
                        errors.push(LineError {
                            line,
                            reason: format!("{name}: {reason}"),
                        });
                    }
                }
                Kind::Choice(_) | Kind::Skip => {}
            }
        }
        rows.push(row);
    }
    if rows.is_empty() && errors.is_empty() {
        return Err(whole("the file has no stories"));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut fields = Vec::new();
    for (name, metadata, kind) in kinds {
        let column = match kind {
            Kind::Skip => continue,
            Kind::Triad(a, b, c) => Column::Triad(
                rows.iter()
                    .map(|r| triad(&r[a], &r[b], &r[c]).ok().flatten())
                    .collect(),
            ),
            Kind::Slider(i) => {
                Column::Slider(rows.iter().map(|r| slider(&r[i]).ok().flatten()).collect())
            }
            Kind::Choice(i) => choice(rows.iter().map(|r| r[i].as_str())),
        };
        fields.push(Field {
            name,
            metadata,
            column,
        });
    }
    Ok(Stories {
        len: rows.len(),
        fields,
    })
}

fn number(text: &str) -> Result<Option<f64>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(Some)
        .ok_or_else(|| format!("{text:?} is not a number"))
}

fn triad(a: &str, b: &str, c: &str) -> Result<Option<Composition>, String> {
    let parts = [number(a)?, number(b)?, number(c)?];
    if parts.iter().all(Option::is_none) {
        return Ok(None);
    }
    let weights = parts.map(|p| p.unwrap_or(0.0));
    if weights.iter().any(|w| *w < 0.0) {
        return Err("a triad weight is below 0".into());
    }
    Composition::from_weights(weights)
        .map(Some)
        .map_err(|_| "triad weights must be non-negative and not all 0".into())
}

fn slider(text: &str) -> Result<Option<f64>, String> {
    match number(text)? {
        Some(v) if !(0.0..=100.0).contains(&v) => Err(format!("{v} is outside 0–100")),
        other => Ok(other),
    }
}

fn choice<'a>(values: impl Iterator<Item = &'a str>) -> Column {
    let values: Vec<&str> = values.collect();
    let multi = values.iter().any(|v| v.contains(';'));
    let mut labels: Vec<String> = Vec::new();
    let mut index = |label: &str| -> u32 {
        match labels.iter().position(|l| l == label) {
            Some(i) => i as u32,
            None => {
                labels.push(label.to_owned());
                (labels.len() - 1) as u32
            }
        }
    };
    if multi {
        let chosen: Vec<Vec<u32>> = values
            .iter()
            .map(|v| {
                let mut set: Vec<u32> = v
                    .split(';')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(&mut index)
                    .collect();
                set.sort_unstable();
                set.dedup();
                set
            })
            .collect();
        Column::Multi {
            labels,
            values: chosen,
        }
    } else {
        let chosen: Vec<Option<u32>> = values
            .iter()
            .map(|v| (!v.is_empty()).then(|| index(v)))
            .collect();
        Column::Choice {
            labels,
            values: chosen,
        }
    }
}

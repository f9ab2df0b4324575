//! Reading the Tandem story CSV into columns. Every bad row is reported with its line number and
//! reason; a file with any error yields no stories at all (the caller decides what to do).

use std::fmt;

use super::{Column, Field, Stories};
use crate::ternary::Composition;

/// Largest file read (bytes): beyond it, the file is refused as a whole.
pub const MAX_BYTES: usize = 512 * 1024 * 1024;

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
        return Err(whole("the file is larger than 512 MB"));
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
    // Columns are built while reading: no row is kept as strings (a million stories would be
    // millions of small allocations). Choice cells go into a per-column dictionary of whole cell
    // texts; a dictionary entry with `;` makes the column multiple choice at the end.
    let mut builders: Vec<Builder> = kinds
        .iter()
        .map(|(_, _, kind)| match kind {
            Kind::Skip => Builder::Skip,
            Kind::Triad(..) => Builder::Triad(Vec::new()),
            Kind::Slider(_) => Builder::Slider(Vec::new()),
            Kind::Choice(_) => Builder::Choice(Vec::new(), Vec::new()),
        })
        .collect();
    let mut stories = 0usize;
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
        let mut cells: Vec<&str> = Vec::with_capacity(width);
        let mut utf8 = true;
        for field in record.iter() {
            match std::str::from_utf8(field) {
                Ok(text) => cells.push(text.trim()),
                Err(_) => {
                    utf8 = false;
                    break;
                }
            }
        }
        if !utf8 {
            errors.push(LineError {
                line,
                reason: "text that is not valid UTF-8".into(),
            });
            continue;
        }
        for ((name, _, kind), builder) in kinds.iter().zip(builders.iter_mut()) {
            match (kind, builder) {
                (Kind::Triad(a, b, c), Builder::Triad(values)) => {
                    match triad(cells[*a], cells[*b], cells[*c]) {
                        Ok(v) => values.push(v),
                        Err(reason) => errors.push(LineError {
                            line,
                            reason: format!("{name}: {reason}"),
                        }),
                    }
                }
                (Kind::Slider(i), Builder::Slider(values)) => match slider(cells[*i]) {
                    Ok(v) => values.push(v),
                    Err(reason) => errors.push(LineError {
                        line,
                        reason: format!("{name}: {reason}"),
                    }),
                },
                (Kind::Choice(i), Builder::Choice(dictionary, values)) => {
                    let cell = cells[*i];
                    values.push(if cell.is_empty() {
                        None
                    } else {
                        Some(match dictionary.iter().position(|d: &String| d == cell) {
                            Some(p) => p as u32,
                            None => {
                                dictionary.push(cell.to_owned());
                                (dictionary.len() - 1) as u32
                            }
                        })
                    });
                }
                _ => {}
            }
        }
        stories += 1;
    }
    if stories == 0 && errors.is_empty() {
        return Err(whole("the file has no stories"));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let fields = kinds
        .into_iter()
        .zip(builders)
        .filter_map(|((name, metadata, _), builder)| {
            let column = match builder {
                Builder::Skip => return None,
                Builder::Triad(values) => Column::Triad(values),
                Builder::Slider(values) => Column::Slider(values),
                Builder::Choice(dictionary, values) => choice(&dictionary, &values),
            };
            Some(Field {
                name,
                metadata,
                column,
            })
        })
        .collect();
    Ok(Stories {
        len: stories,
        fields,
    })
}

/// A column being read.
enum Builder {
    Skip,
    Triad(Vec<Option<Composition>>),
    Slider(Vec<Option<f64>>),
    /// Whole cell texts, and each story's index into them.
    Choice(Vec<String>, Vec<Option<u32>>),
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

/// Turns a dictionary of cell texts into a single- or multiple-choice column.
fn choice(dictionary: &[String], values: &[Option<u32>]) -> Column {
    if !dictionary.iter().any(|d| d.contains(';')) {
        return Column::Choice {
            labels: dictionary.to_vec(),
            values: values.to_vec(),
        };
    }
    let mut labels: Vec<String> = Vec::new();
    let sets: Vec<Vec<u32>> = dictionary
        .iter()
        .map(|cell| {
            let mut set: Vec<u32> = cell
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|label| match labels.iter().position(|l| l == label) {
                    Some(i) => i as u32,
                    None => {
                        labels.push(label.to_owned());
                        (labels.len() - 1) as u32
                    }
                })
                .collect();
            set.sort_unstable();
            set.dedup();
            set
        })
        .collect();
    Column::Multi {
        labels,
        values: values
            .iter()
            .map(|v| v.map(|i| sets[i as usize].clone()).unwrap_or_default())
            .collect(),
    }
}

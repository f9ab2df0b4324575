//! Reading the Tandem story CSV into columns. Every bad row is reported with its line number and
//! reason; a file with any error yields no stories at all (the caller decides what to do).

use std::fmt;

use super::{Column, Field, Stories};
use chunk::Builder;

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

mod chunk;

/// Bodies smaller than this are read on one thread (splitting would cost more than it saves).
const PARALLEL_FROM_BYTES: usize = 4 * 1024 * 1024;

/// What a column of the file holds.
pub(crate) enum Kind {
    /// Read elsewhere (the `.b`/`.c` parts of a triad).
    Skip,
    /// A triad from three columns.
    Triad(usize, usize, usize),
    /// A slider.
    Slider(usize),
    /// A choice or metadata column.
    Choice(usize),
}

/// Reads stories; returns every problem when there is any.
///
/// # Errors
/// The list of problems, each with its line.
pub fn read(bytes: &[u8]) -> Result<Stories, Vec<LineError>> {
    read_in(bytes, None)
}

/// [`read`] in `pieces` pieces (by default one per core for large files).
fn read_in(bytes: &[u8], pieces: Option<usize>) -> Result<Stories, Vec<LineError>> {
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
    // The body is cut into one piece per core at record boundaries; each piece is read into
    // columns on its own thread, and the pieces are joined in file order.
    let first_line = reader.position().line();
    let body_start = usize::try_from(reader.position().byte()).unwrap_or(bytes.len());
    let body = &bytes[body_start.min(bytes.len())..];
    let threads = pieces.unwrap_or_else(|| {
        if body.len() < PARALLEL_FROM_BYTES {
            1
        } else {
            std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
        }
    });
    let pieces = chunk::split(body, threads, first_line);
    let results: Vec<chunk::Piece> = std::thread::scope(|scope| {
        let handles: Vec<_> = pieces
            .iter()
            .map(|(piece, line)| {
                let kinds = &kinds;
                scope.spawn(move || chunk::read_piece(piece, kinds, width, *line))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let (builders, stories, errors) = chunk::join(results);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(bad: bool) -> String {
        let mut csv = String::from("id,text,collected_on,team,T1.a,T1.b,T1.c,D1,M1,M2\n");
        for i in 0..200 {
            // Labels first appear in different pieces, texts hold quoted line breaks.
            let team = ["Nord", "Syd", "Vest", "Øst"][(i * 7 / 50) % 4];
            let m2 = ["x;y", "y", "z;x", ""][i % 4];
            let text = if i % 9 == 0 {
                "\"two\nlines, \"\"quoted\"\"\""
            } else {
                "plain"
            };
            let d1 = if bad && i % 37 == 5 {
                "101".to_owned()
            } else {
                (i % 101).to_string()
            };
            csv.push_str(&format!(
                "s{i},{text},2026-01-01,{team},{},{},{},{d1},{},{m2}\n",
                i % 7,
                i % 5,
                1 + i % 3,
                ["ja", "nej", "måske"][i % 3]
            ));
        }
        csv
    }

    #[test]
    fn reading_in_pieces_gives_the_same_columns_and_the_same_line_numbers() {
        let good = sample(false);
        let whole = read_in(good.as_bytes(), Some(1)).expect("valid");
        for pieces in [2, 3, 7] {
            assert_eq!(
                read_in(good.as_bytes(), Some(pieces)).expect("valid"),
                whole,
                "{pieces}"
            );
        }
        let bad = sample(true);
        let whole = read_in(bad.as_bytes(), Some(1)).expect_err("bad rows");
        assert!(whole.len() >= 5);
        for pieces in [2, 3, 7] {
            assert_eq!(
                read_in(bad.as_bytes(), Some(pieces)).expect_err("bad"),
                whole,
                "{pieces}"
            );
        }
    }
}

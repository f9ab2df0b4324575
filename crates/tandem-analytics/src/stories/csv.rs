//! Reading the Tandem story CSV into columns. Every bad row is reported with its line number and
//! reason; a file with any error yields no stories at all (the caller decides what to do).

use std::collections::HashMap;
use std::fmt;

use super::tellers::{TELLER, Tellers};
use super::{Column, Field, Stories, in_parallel};
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
    /// A choice or metadata column (multiple choice when a cell holds `;`).
    Choice(usize),
    /// A multiple-choice column, as a framework says.
    Multiple(usize),
}

/// A column's type as a framework file gives it (`tandem analyze --framework`), instead of
/// inferring it from the column's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// Three weight columns `ID.a`, `ID.b`, `ID.c`.
    Triad,
    /// A dyad or slider, 0–100.
    Slider,
    /// One option.
    Single,
    /// Several options joined by `;`.
    Multiple,
    /// A fact about the teller.
    Metadata,
    /// Not analysed (free text is never aggregated).
    Skip,
}

/// Reads stories; returns every problem when there is any.
///
/// # Errors
/// The list of problems, each with its line.
pub fn read(bytes: &[u8]) -> Result<Stories, Vec<LineError>> {
    read_in(bytes, None, &HashMap::new())
}

/// Reads stories with the column types a framework gives (by question id); columns the
/// framework does not name are metadata.
///
/// # Errors
/// The list of problems, each with its line.
pub fn read_typed(
    bytes: &[u8],
    types: &HashMap<String, ColumnType>,
) -> Result<Stories, Vec<LineError>> {
    read_in(bytes, None, types)
}

/// [`read`] in `pieces` pieces (by default one per core for large files).
fn read_in(
    bytes: &[u8],
    pieces: Option<usize>,
    types: &HashMap<String, ColumnType>,
) -> Result<Stories, Vec<LineError>> {
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
        if !types.is_empty() {
            let base = name.rsplit_once('.').map(|(b, _)| b);
            let typed_triad = base.is_some_and(|b| types.get(b) == Some(&ColumnType::Triad));
            let kind = match types.get(name.as_str()) {
                _ if typed_triad && !name.ends_with(".a") => Kind::Skip,
                _ if typed_triad => match (
                    position(&format!("{}.b", base.unwrap_or_default())),
                    position(&format!("{}.c", base.unwrap_or_default())),
                ) {
                    (Some(b), Some(c)) => Kind::Triad(i, b, c),
                    _ => return Err(whole(&format!("triad {name} needs its .b and .c columns"))),
                },
                Some(ColumnType::Slider) => Kind::Slider(i),
                Some(ColumnType::Single) => Kind::Choice(i),
                Some(ColumnType::Multiple) => Kind::Multiple(i),
                Some(ColumnType::Skip | ColumnType::Triad) => Kind::Skip,
                Some(ColumnType::Metadata) | None => {
                    kinds.push((name.clone(), true, Kind::Choice(i)));
                    continue;
                }
            };
            let id = if matches!(kind, Kind::Triad(..)) {
                base.unwrap_or_default()
            } else {
                name
            };
            kinds.push((id.to_owned(), false, kind));
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
    let pieces = chunk::split(body, threads);
    let mut results: Vec<chunk::Piece> = std::thread::scope(|scope| {
        let handles: Vec<_> = pieces
            .iter()
            .map(|piece| {
                let kinds = &kinds;
                scope.spawn(move || chunk::read_piece(piece, kinds, width, 0))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    if results.iter().any(|(_, _, errors)| !errors.is_empty()) {
        chunk::number_lines(&pieces, &mut results, first_line);
    }
    let (builders, stories, errors) = chunk::join(results);
    if stories == 0 && errors.is_empty() {
        return Err(whole("the file has no stories"));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    // Choice columns are turned into their final form a column per core (a multiple choice
    // makes a set per story); triads and sliders are moved as they are.
    let columns: Vec<(_, Builder)> = kinds.into_iter().zip(builders).collect();
    let choices: Vec<Option<Column>> =
        in_parallel(&columns, |((name, _, kind), builder)| match builder {
            // A teller's key is one key, whatever characters it holds.
            Builder::Choice(dictionary, values) if name == TELLER => Some(Column::Choice {
                labels: dictionary.words().to_vec(),
                values: values.clone(),
            }),
            Builder::Choice(dictionary, values) => Some(choice(
                dictionary.words(),
                values,
                matches!(kind, Kind::Multiple(_)),
            )),
            _ => None,
        });
    let fields = columns
        .into_iter()
        .zip(choices)
        .filter_map(|(((name, metadata, _), builder), chosen)| {
            let column = match builder {
                Builder::Skip => return None,
                Builder::Triad(values) => Column::Triad(values),
                Builder::Slider(values) => Column::Slider(values),
                Builder::Choice(..) => chosen?,
            };
            Some(Field {
                name,
                metadata,
                column,
            })
        })
        .collect();
    // The teller column leaves the fields: it says who told a story, it is not an answer.
    let mut fields: Vec<Field> = fields;
    let tellers = fields
        .iter()
        .position(|f| f.name == TELLER && f.metadata)
        .map(|at| fields.remove(at))
        .and_then(|f| match f.column {
            Column::Choice { labels, values } => Some(Tellers::new(labels, &values)),
            _ => None,
        });
    Ok(Stories {
        len: stories,
        fields,
        tellers,
    })
}

/// Turns a dictionary of cell texts into a single- or multiple-choice column (multiple when a
/// cell holds `;`, or when the framework says so).
fn choice(dictionary: &[String], values: &[Option<u32>], multiple: bool) -> Column {
    if !multiple && !dictionary.iter().any(|d| d.contains(';')) {
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
    fn bad_rows_are_named_by_their_line_in_files_with_crlf_line_ends() {
        let csv =
            "id,text,collected_on,D1\r\n1,\"two\r\nlines\",2026-01-01,5\r\n2,b,2026-01-01,500\r\n";
        let errors = read(csv.as_bytes()).expect_err("slider out of range");
        assert_eq!(errors.iter().map(|e| e.line).collect::<Vec<_>>(), vec![4]);
    }

    #[test]
    fn reading_in_pieces_gives_the_same_columns_and_the_same_line_numbers() {
        let good = sample(false);
        let whole = read_in(good.as_bytes(), Some(1), &HashMap::new()).expect("valid");
        for pieces in [2, 3, 7] {
            assert_eq!(
                read_in(good.as_bytes(), Some(pieces), &HashMap::new()).expect("valid"),
                whole,
                "{pieces}"
            );
        }
        let bad = sample(true);
        let whole = read_in(bad.as_bytes(), Some(1), &HashMap::new()).expect_err("bad rows");
        assert!(whole.len() >= 5);
        for pieces in [2, 3, 7] {
            assert_eq!(
                read_in(bad.as_bytes(), Some(pieces), &HashMap::new()).expect_err("bad"),
                whole,
                "{pieces}"
            );
        }
    }
}

#[cfg(test)]
mod dictionary_tests {
    use super::*;

    #[test]
    fn a_column_of_many_distinct_values_reads_the_same_in_pieces_as_whole() {
        let mut csv = String::from("id,text,collected_on,place,teller,D1\n");
        for i in 0..300 {
            let key = (i * 7) % 90;
            csv.push_str(&format!("{i},t,2026-01-01,q{key},p{key},{}\n", i % 101));
        }
        let whole = read_in(csv.as_bytes(), Some(1), &HashMap::new()).expect("valid");
        let Some(Column::Choice { labels, values }) = whole.field("place").map(|f| &f.column)
        else {
            panic!("a metadata column of many values is one choice column");
        };
        assert_eq!(labels.len(), 90);
        for (i, value) in values.iter().enumerate() {
            let label = value.map(|v| labels[v as usize].as_str());
            let expected = format!("q{}", (i * 7) % 90);
            assert_eq!(label, Some(expected.as_str()), "story {i}");
        }
        assert!(
            whole.field(TELLER).is_none(),
            "who told a story is not a field"
        );
        let tellers = whole.tellers.as_ref().expect("the teller column");
        assert_eq!(tellers.distinct(0..300), 90);
        for i in 0..90 {
            // Stories i, i + 90 and i + 180 have the same key.
            let same = [i, i + 90, i + 180];
            assert_eq!(tellers.distinct(same.into_iter()), 1, "story {i}");
        }
        for pieces in [2, 3, 7] {
            assert_eq!(
                read_in(csv.as_bytes(), Some(pieces), &HashMap::new()).expect("valid"),
                whole,
                "{pieces}"
            );
        }
    }
}

#[cfg(test)]
mod typed_tests {
    use super::*;

    #[test]
    fn a_framework_types_columns_the_names_would_not() {
        let csv = "id,text,collected_on,Q1.a,Q1.b,Q1.c,Q2,Q3,M5,team,notes\n\
                   1,t,2026-01-01,1,2,3,40,a,x,Nord,fri tekst\n\
                   2,t,2026-01-01,3,2,1,60,b,y,Syd,mere tekst\n";
        let types = HashMap::from([
            ("Q1".to_owned(), ColumnType::Triad),
            ("Q2".to_owned(), ColumnType::Slider),
            ("Q3".to_owned(), ColumnType::Single),
            ("M5".to_owned(), ColumnType::Multiple),
            ("notes".to_owned(), ColumnType::Skip),
        ]);
        let stories = read_typed(csv.as_bytes(), &types).expect("valid");
        let kind = |name: &str| {
            stories
                .fields
                .iter()
                .find(|f| f.name == name)
                .map(|f| match &f.column {
                    Column::Triad(_) => "triad",
                    Column::Slider(_) => "slider",
                    Column::Choice { .. } if f.metadata => "metadata",
                    Column::Choice { .. } => "single",
                    Column::Multi { .. } => "multiple",
                })
        };
        assert_eq!(kind("Q1"), Some("triad"));
        assert_eq!(kind("Q2"), Some("slider"));
        assert_eq!(kind("Q3"), Some("single"));
        assert_eq!(
            kind("M5"),
            Some("multiple"),
            "multiple although no cell holds ;"
        );
        assert_eq!(kind("team"), Some("metadata"));
        assert_eq!(kind("notes"), None, "free text is not analysed");
        // Without the framework, the names decide: Q-columns are metadata, M5 single.
        let inferred = read(csv.as_bytes()).expect("valid");
        assert!(inferred.fields.iter().any(|f| f.name == "Q2" && f.metadata));
    }
}

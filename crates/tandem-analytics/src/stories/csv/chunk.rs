//! Reading the story CSV's body in pieces on several cores.
//!
//! A piece must start at a record boundary. A line break is one exactly when it is outside
//! quotes, and in RFC 4180 CSV a quote inside a quoted field is doubled, so a line break is
//! outside quotes when the number of quote characters before it is even: one pass counting
//! quotes finds the cut points. Each piece is read into columns with its own dictionaries; the
//! pieces are then joined in file order, choice values renumbered into one dictionary per column.

use std::collections::HashMap;

use super::{Kind, LineError};
use crate::ternary::Composition;

/// A column being read.
pub(super) enum Builder {
    /// Not a column of its own.
    Skip,
    /// Triad answers.
    Triad(Vec<Option<Composition>>),
    /// Slider answers.
    Slider(Vec<Option<f64>>),
    /// Whole cell texts, and each story's index into them.
    Choice(Dictionary, Vec<Option<u32>>),
}

/// A column's distinct cell texts in order of first appearance, each looked up by its text.
#[derive(Default)]
pub(super) struct Dictionary {
    words: Vec<String>,
    /// Each word's index, once there are more than [`Dictionary::SCAN`] words (a teller column
    /// has one per person; scanning 40,000 keys per story made a million stories take 30 s).
    lookup: HashMap<String, u32>,
}

impl Dictionary {
    /// Up to this many words a scan beats hashing (a form's options are a handful).
    const SCAN: usize = 32;

    /// The words, in order of first appearance.
    pub(super) fn words(&self) -> &[String] {
        &self.words
    }

    /// The cell's index (added when new); none for an empty cell.
    fn index(&mut self, cell: &str) -> Option<u32> {
        if cell.is_empty() {
            return None;
        }
        let found = if self.words.len() <= Self::SCAN {
            self.words.iter().position(|d| d == cell)
        } else {
            self.lookup.get(cell).map(|i| *i as usize)
        };
        let position = found.unwrap_or_else(|| {
            self.words.push(cell.to_owned());
            let last = self.words.len() - 1;
            if self.words.len() > Self::SCAN {
                if self.lookup.is_empty() {
                    self.lookup = (self.words.iter().enumerate())
                        .map(|(i, w)| (w.clone(), i as u32))
                        .collect();
                } else {
                    self.lookup.insert(cell.to_owned(), last as u32);
                }
            }
            last
        });
        u32::try_from(position).ok()
    }
}

/// What one piece held: its columns, how many stories, and its bad rows.
pub(super) type Piece = (Vec<Builder>, usize, Vec<LineError>);

/// Cuts `body` into at most `pieces` parts at record boundaries. Line numbers are not counted
/// here (that would read the body once more): a piece's problems carry lines counted from its
/// own start, and [`number_lines`] makes them absolute when there are any.
pub(super) fn split(body: &[u8], pieces: usize) -> Vec<&[u8]> {
    let mut parts = Vec::new();
    let mut start = 0;
    for k in 1..pieces.max(1) {
        let target = body.len() * k / pieces;
        if target <= start {
            continue;
        }
        // Quote parity up to the target, then the next line break outside quotes.
        let mut quotes = body[start..target].iter().filter(|b| **b == b'"').count();
        let mut cut = None;
        for (i, byte) in body[target..].iter().enumerate() {
            match byte {
                b'"' => quotes += 1,
                b'\n' if quotes % 2 == 0 => {
                    cut = Some(target + i + 1);
                    break;
                }
                _ => {}
            }
        }
        let Some(cut) = cut else { break };
        parts.push(&body[start..cut]);
        start = cut;
    }
    parts.push(&body[start..]);
    parts
}

/// Makes the lines of each piece's problems absolute: the first piece starts on `first_line`,
/// each next one after the line breaks of those before it.
pub(super) fn number_lines(pieces: &[&[u8]], results: &mut [Piece], first_line: u64) {
    let mut line = first_line;
    for (piece, (_, _, errors)) in pieces.iter().zip(results.iter_mut()) {
        for error in errors.iter_mut() {
            error.line += line;
        }
        line += piece.iter().filter(|b| **b == b'\n').count() as u64;
    }
}

/// Reads one piece into columns.
pub(super) fn read_piece(
    piece: &[u8],
    kinds: &[(String, bool, Kind)],
    width: usize,
    first_line: u64,
) -> Piece {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(piece);
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
            Kind::Choice(_) | Kind::Multiple(_) => {
                Builder::Choice(Dictionary::default(), Vec::new())
            }
        })
        .collect();
    let mut stories = 0usize;
    // One validation of the whole piece lets the columns nobody reads skip their own; a piece
    // with invalid UTF-8 checks every field, so the line is still named.
    let piece_is_utf8 = std::str::from_utf8(piece).is_ok();
    let mut used = vec![false; width];
    for (_, _, kind) in kinds {
        let columns: &[usize] = match kind {
            Kind::Skip => &[],
            Kind::Triad(a, b, c) => &[*a, *b, *c],
            Kind::Slider(i) | Kind::Choice(i) | Kind::Multiple(i) => std::slice::from_ref(i),
        };
        for column in columns {
            if let Some(u) = used.get_mut(*column) {
                *u = true;
            }
        }
    }
    let mut record = ::csv::ByteRecord::new();
    let mut recycled: Vec<&'static str> = Vec::with_capacity(width);
    // Lines are counted from byte offsets: the csv crate's own line count drifts on CRLF files
    // (it places a record after a CRLF at the LF). The story importer in tandem-domain counts
    // the same way.
    let mut counted = (0usize, first_line);
    let mut at = |byte: u64| {
        let mut offset = usize::try_from(byte).unwrap_or(usize::MAX).min(piece.len());
        while matches!(piece.get(offset), Some(b'\r' | b'\n')) {
            offset += 1;
        }
        if offset > counted.0 {
            counted.1 += piece[counted.0..offset]
                .iter()
                .filter(|b| **b == b'\n')
                .count() as u64;
            counted.0 = offset;
        }
        counted.1
    };
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                errors.push(LineError {
                    line: at(e.position().map_or(0, ::csv::Position::byte)),
                    reason: "malformed CSV".into(),
                });
                break;
            }
        }
        // The line is counted only for a row with a problem: counting line breaks up to every
        // record read the whole piece a second time.
        let offset = record.position().map_or(0, ::csv::Position::byte);
        if record.len() != width {
            errors.push(LineError {
                line: at(offset),
                reason: format!("{} columns, the header has {width}", record.len()),
            });
            continue;
        }
        // The cells borrow this record; the vector's allocation is handed from row to row.
        let mut cells: Vec<&str> = std::mem::take(&mut recycled);
        let mut utf8 = true;
        for (i, field) in record.iter().enumerate() {
            if piece_is_utf8 && !used[i] {
                // Already known to be valid; never read (the story text is most of the bytes).
                cells.push("");
                continue;
            }
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
                line: at(offset),
                reason: "text that is not valid UTF-8".into(),
            });
            continue;
        }
        for ((name, _, kind), builder) in kinds.iter().zip(builders.iter_mut()) {
            let problem = match (kind, builder) {
                (Kind::Triad(a, b, c), Builder::Triad(values)) => {
                    triad(cells[*a], cells[*b], cells[*c])
                        .map(|v| values.push(v))
                        .err()
                }
                (Kind::Slider(i), Builder::Slider(values)) => {
                    slider(cells[*i]).map(|v| values.push(v)).err()
                }
                (Kind::Choice(i) | Kind::Multiple(i), Builder::Choice(dictionary, values)) => {
                    values.push(dictionary.index(cells[*i]));
                    None
                }
                _ => None,
            };
            if let Some(reason) = problem {
                errors.push(LineError {
                    line: at(offset),
                    reason: format!("{name}: {reason}"),
                });
            }
        }
        stories += 1;
        cells.clear();
        // Collecting an emptied vector into one of the same layout keeps its allocation.
        recycled = cells.into_iter().map(|_| "").collect();
    }
    (builders, stories, errors)
}

/// Joins the pieces in file order: columns appended, choice values renumbered into the first
/// piece's dictionary (extended in order of first appearance, as one reader would have built it).
pub(super) fn join(pieces: Vec<Piece>) -> (Vec<Builder>, usize, Vec<LineError>) {
    let mut pieces = pieces.into_iter();
    let Some((mut builders, mut stories, mut errors)) = pieces.next() else {
        return (Vec::new(), 0, Vec::new());
    };
    for (more, count, problems) in pieces {
        stories += count;
        errors.extend(problems);
        for (into, from) in builders.iter_mut().zip(more) {
            match (into, from) {
                (Builder::Triad(all), Builder::Triad(next)) => all.extend(next),
                (Builder::Slider(all), Builder::Slider(next)) => all.extend(next),
                (Builder::Choice(dictionary, all), Builder::Choice(words, next)) => {
                    let renumber: Vec<Option<u32>> =
                        words.words().iter().map(|w| dictionary.index(w)).collect();
                    all.extend(
                        next.into_iter()
                            .map(|v| v.and_then(|i| renumber[i as usize])),
                    );
                }
                _ => {}
            }
        }
    }
    (builders, stories, errors)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_start_at_record_boundaries_even_with_quoted_line_breaks() {
        let body = b"1,\"a\nb\",x\n2,\"c \"\"q\"\"\nd\",y\n3,e,z\n4,\"f\ng\",w\n";
        for n in 1..=6 {
            let parts = split(body, n);
            let joined: Vec<u8> = parts.iter().flat_map(|p| p.iter().copied()).collect();
            assert_eq!(joined, body.to_vec(), "{n} pieces cover the body");
            // A problem on each piece's first record gets that record's line: records 1..4
            // start on lines 2, 4, 6, 7 when the body starts on line 2.
            let mut results: Vec<Piece> = parts
                .iter()
                .map(|_| {
                    let error = LineError {
                        line: 0,
                        reason: String::new(),
                    };
                    (Vec::new(), 0, vec![error])
                })
                .collect();
            number_lines(&parts, &mut results, 2);
            for (part, (_, _, errors)) in parts.iter().zip(&results) {
                let first = part.first().copied();
                assert!(
                    matches!(first, None | Some(b'1'..=b'4')),
                    "starts a record: {part:?}"
                );
                if let Some(first) = first {
                    let expected = [2, 4, 6, 7][usize::from(first - b'1')];
                    assert_eq!(errors[0].line, expected, "{n} pieces: {part:?}");
                }
            }
        }
    }
}

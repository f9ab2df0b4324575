//! Each migration is written once, in `migrations/source/NNNN_name.sql`, and rendered from that
//! source into the SQLite and PostgreSQL files that sqlx embeds (`migrations/sqlite`,
//! `migrations/postgres`). Writing it once keeps the two schemas from drifting apart; the
//! rendered files stay committed because sqlx embeds them and stores a checksum of each applied
//! one, so a rendered file must never change by a byte once released. The test
//! `tests/migrations_render.rs` holds the two in step (see [`crate::migrate`]).
//!
//! A source is portable SQL with two pieces of notation:
//!
//! - **Placeholders** in shared lines, for the differences that recur in every table:
//!
//!   | Placeholder   | SQLite    | PostgreSQL         | Why                                   |
//!   |---------------|-----------|--------------------|---------------------------------------|
//!   | `{timestamp}` | `TEXT`    | `TIMESTAMPTZ`      | sqlx keeps SQLite's as RFC 3339 text  |
//!   | `{date}`      | `TEXT`    | `DATE`             | likewise, as `YYYY-MM-DD` text        |
//!   | `{bool}`      | `INTEGER` | `BOOLEAN`          | SQLite has no boolean type            |
//!   | `{true}`      | `1`       | `TRUE`             | a boolean column's default            |
//!   | `{double}`    | `REAL`    | `DOUBLE PRECISION` | an 8-byte float                       |
//!   | `{bigint}`    | `INTEGER` | `BIGINT`           | 64 bits (SQLite's `INTEGER` is)       |
//!   | `{strict}`    | ` STRICT` | (nothing)          | written `){strict};` after a table    |
//!
//!   `{strict}` carries its own space so that PostgreSQL's table ends `);`; SQLite checks
//!   column types only in STRICT tables.
//!
//!   Any other `{…}` in a shared line is an error, so a mistyped placeholder cannot reach a
//!   database.
//! - **Blocks** where whole statements (or comments) differ: the lines after `-- @sqlite` are
//!   SQLite's, those after `-- @postgres` PostgreSQL's, up to `-- @end`. Either side may be
//!   missing; lines in a block are copied as they are (no placeholders, so braces in a function
//!   body are safe), and the marker lines themselves are not rendered.
//!
//! Everything else, line endings included, is copied byte for byte to both backends.

use crate::pool::Backend;

/// The placeholders as (name, SQLite, PostgreSQL), documented in the table above (keep the two
/// in step).
const PLACEHOLDERS: &[(&str, &str, &str)] = &[
    ("timestamp", "TEXT", "TIMESTAMPTZ"),
    ("date", "TEXT", "DATE"),
    ("bool", "INTEGER", "BOOLEAN"),
    ("true", "1", "TRUE"),
    ("double", "REAL", "DOUBLE PRECISION"),
    ("bigint", "INTEGER", "BIGINT"),
    ("strict", " STRICT", ""),
];

const SQLITE_MARKER: &str = "-- @sqlite";
const POSTGRES_MARKER: &str = "-- @postgres";
const END_MARKER: &str = "-- @end";

/// Why a migration source cannot be rendered; `line` counts from 1.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MigrationSourceError {
    /// `{name}` is not one of the placeholders.
    #[error("line {line}: unknown placeholder {{{name}}}")]
    UnknownPlaceholder {
        /// The line it is on.
        line: usize,
        /// What stood between the braces.
        name: String,
    },
    /// A `{` with no `}` after it on the same line.
    #[error("line {line}: a `{{` with no closing `}}`")]
    UnclosedPlaceholder {
        /// The line it is on.
        line: usize,
    },
    /// A line starting `-- @` that is none of the three markers (a typo would otherwise be
    /// rendered into both backends as a comment, silently).
    #[error(
        "line {line}: unknown marker `{marker}` (expected -- @sqlite, -- @postgres or -- @end)"
    )]
    UnknownMarker {
        /// The line it is on.
        line: usize,
        /// The marker as written.
        marker: String,
    },
    /// A marker where it makes no sense: `-- @end` outside a block, or one backend's marker
    /// twice in one block.
    #[error("line {line}: `{marker}` is out of place")]
    MisplacedMarker {
        /// The line it is on.
        line: usize,
        /// The marker.
        marker: &'static str,
    },
    /// The source ends inside a block.
    #[error("line {line}: the block opened here has no `-- @end`")]
    UnclosedBlock {
        /// The line of the block's first marker.
        line: usize,
    },
}

/// Where the renderer is: in shared lines, or in one backend's side of a block.
#[derive(Clone, Copy)]
enum Section {
    Shared,
    Block {
        opened_on: usize,
        side: Backend,
        /// Whether the block's other side has been seen already (each appears at most once).
        other_seen: bool,
    },
}

/// The migration `source` as `backend`'s SQL: placeholders replaced in shared lines, the other
/// backend's blocks and all marker lines dropped, every other byte kept.
///
/// # Errors
/// A [`MigrationSourceError`] naming the line of the first mistake in the notation.
pub fn render_migration(source: &str, backend: Backend) -> Result<String, MigrationSourceError> {
    let mut out = String::with_capacity(source.len());
    let mut section = Section::Shared;
    for (index, line) in source.split_inclusive('\n').enumerate() {
        let number = index + 1;
        let content = line.trim_end_matches(['\n', '\r']).trim();
        if content.starts_with("-- @") {
            section = next_section(section, content, number)?;
            continue;
        }
        match section {
            Section::Shared => substitute(line, backend, number, &mut out)?,
            Section::Block { side, .. } if side == backend => out.push_str(line),
            Section::Block { .. } => {}
        }
    }
    match section {
        Section::Shared => Ok(out),
        Section::Block { opened_on, .. } => {
            Err(MigrationSourceError::UnclosedBlock { line: opened_on })
        }
    }
}

/// The section after the marker line `marker` (trimmed) on line `number`.
fn next_section(
    section: Section,
    marker: &str,
    number: usize,
) -> Result<Section, MigrationSourceError> {
    let side = match marker {
        SQLITE_MARKER => Backend::Sqlite,
        POSTGRES_MARKER => Backend::Postgres,
        END_MARKER => {
            return match section {
                Section::Block { .. } => Ok(Section::Shared),
                Section::Shared => Err(MigrationSourceError::MisplacedMarker {
                    line: number,
                    marker: END_MARKER,
                }),
            };
        }
        other => {
            return Err(MigrationSourceError::UnknownMarker {
                line: number,
                marker: other.to_owned(),
            });
        }
    };
    match section {
        Section::Shared => Ok(Section::Block {
            opened_on: number,
            side,
            other_seen: false,
        }),
        Section::Block {
            opened_on,
            side: current,
            other_seen: false,
        } if current != side => Ok(Section::Block {
            opened_on,
            side,
            other_seen: true,
        }),
        Section::Block { .. } => Err(MigrationSourceError::MisplacedMarker {
            line: number,
            marker: match side {
                Backend::Sqlite => SQLITE_MARKER,
                Backend::Postgres => POSTGRES_MARKER,
            },
        }),
    }
}

/// Appends the shared `line` to `out` with its placeholders replaced by `backend`'s text.
fn substitute(
    line: &str,
    backend: Backend,
    number: usize,
    out: &mut String,
) -> Result<(), MigrationSourceError> {
    let mut rest = line;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or(MigrationSourceError::UnclosedPlaceholder { line: number })?;
        let name = &after[..close];
        let &(_, sqlite, postgres) = PLACEHOLDERS
            .iter()
            .find(|(known, ..)| *known == name)
            .ok_or_else(|| MigrationSourceError::UnknownPlaceholder {
                line: number,
                name: name.to_owned(),
            })?;
        out.push_str(match backend {
            Backend::Sqlite => sqlite,
            Backend::Postgres => postgres,
        });
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(source: &str) -> (String, String) {
        (
            render_migration(source, Backend::Sqlite).expect("renders for SQLite"),
            render_migration(source, Backend::Postgres).expect("renders for PostgreSQL"),
        )
    }

    fn error(source: &str) -> MigrationSourceError {
        render_migration(source, Backend::Sqlite).expect_err("a mistake in the notation")
    }

    #[test]
    fn placeholders_become_each_backends_types() {
        let source = "CREATE TABLE t (\n    at  {timestamp} NOT NULL,\n    on  {date},\n    \
                      ok  {bool} NOT NULL DEFAULT {true},\n    w   {double},\n    \
                      seq {bigint}\n){strict};\n";
        let (sqlite, postgres) = both(source);
        assert_eq!(
            sqlite,
            "CREATE TABLE t (\n    at  TEXT NOT NULL,\n    on  TEXT,\n    \
             ok  INTEGER NOT NULL DEFAULT 1,\n    w   REAL,\n    seq INTEGER\n) STRICT;\n"
        );
        assert_eq!(
            postgres,
            "CREATE TABLE t (\n    at  TIMESTAMPTZ NOT NULL,\n    on  DATE,\n    \
             ok  BOOLEAN NOT NULL DEFAULT TRUE,\n    w   DOUBLE PRECISION,\n    seq BIGINT\n);\n"
        );
    }

    #[test]
    fn a_block_renders_only_for_its_backend_and_its_markers_not_at_all() {
        let source = "-- shared\n-- @sqlite\nCREATE VIRTUAL TABLE s USING fts5 (b);\n\
                      -- @postgres\nCREATE INDEX i ON t USING GIN (s);\nSELECT '{a,b}'::text[];\n\
                      -- @end\nCREATE INDEX j ON t (a);\n";
        let (sqlite, postgres) = both(source);
        assert_eq!(
            sqlite,
            "-- shared\nCREATE VIRTUAL TABLE s USING fts5 (b);\nCREATE INDEX j ON t (a);\n"
        );
        assert_eq!(
            postgres,
            "-- shared\nCREATE INDEX i ON t USING GIN (s);\nSELECT '{a,b}'::text[];\n\
             CREATE INDEX j ON t (a);\n"
        );
    }

    #[test]
    fn a_block_may_have_one_side_only() {
        let (sqlite, postgres) = both("a\n-- @postgres\nb\n-- @end\nc\n");
        assert_eq!(sqlite, "a\nc\n");
        assert_eq!(postgres, "a\nb\nc\n");
    }

    #[test]
    fn text_without_notation_is_copied_byte_for_byte() {
        for source in ["", "a;\r\nb;\r\n", "no final newline", "-- Støtte § 32\n\n"] {
            assert_eq!(both(source), (source.to_owned(), source.to_owned()));
        }
    }

    #[test]
    fn mistakes_in_the_notation_name_their_line() {
        assert_eq!(
            error("a\n  x {timestmap}\n"),
            MigrationSourceError::UnknownPlaceholder {
                line: 2,
                name: "timestmap".to_owned()
            }
        );
        assert_eq!(
            error("x {bool\n"),
            MigrationSourceError::UnclosedPlaceholder { line: 1 }
        );
        assert_eq!(
            error("a\n-- @postgre\n"),
            MigrationSourceError::UnknownMarker {
                line: 2,
                marker: "-- @postgre".to_owned()
            }
        );
        assert_eq!(
            error("-- @end\n"),
            MigrationSourceError::MisplacedMarker {
                line: 1,
                marker: END_MARKER
            }
        );
        assert_eq!(
            error("-- @sqlite\na\n-- @postgres\nb\n-- @sqlite\n"),
            MigrationSourceError::MisplacedMarker {
                line: 5,
                marker: SQLITE_MARKER
            }
        );
        assert_eq!(
            error("x\n-- @sqlite\na\n"),
            MigrationSourceError::UnclosedBlock { line: 2 }
        );
    }
}

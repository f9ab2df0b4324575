//! Every piece of SQL that differs between SQLite and PostgreSQL, side by side: the migration
//! bookkeeping check, full-text search, joining texts over a group, the campaign read of the
//! pattern pages, and the failing trigger of the atomicity tests. Everything else is portable
//! and lives in the query modules.
//!
//! The schema's differences (column types, triggers, full-text indexes) are here too: each
//! migration is written once in `migrations/source`, with placeholders and per-backend blocks
//! for what differs, and [`render_migration`] turns it into the files of `migrations/sqlite` and
//! `migrations/postgres` (the notation is described in [`migration`]).

pub mod migration;

pub use migration::{MigrationSourceError, render_migration};

use crate::pool::Backend;

/// Whether sqlx's migration bookkeeping table exists yet (it does not on a fresh database).
#[must_use]
pub fn migrations_table_exists(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => {
            "SELECT COUNT(*) > 0 FROM sqlite_master \
             WHERE type = 'table' AND name = '_sqlx_migrations'"
        }
        // to_regclass follows search_path, so a per-test schema is found too.
        Backend::Postgres => "SELECT to_regclass('_sqlx_migrations') IS NOT NULL",
    }
}

/// The non-null texts of `expression` over a group, joined with commas (`NULL` for none):
/// SQLite's `group_concat`, PostgreSQL's `string_agg`.
#[must_use]
pub fn joined_texts(backend: Backend, expression: &str) -> String {
    match backend {
        Backend::Sqlite => format!("group_concat({expression}, ',')"),
        Backend::Postgres => format!("string_agg({expression}, ',')"),
    }
}

/// The condition "the story `s` holds every one of the words" on the full-text index, with the
/// query in placeholder `p` (made by [`words_query`]): SQLite's FTS5 table `story_search`,
/// PostgreSQL's `tsvector` column `search`.
#[must_use]
pub fn words_condition(backend: Backend, p: &str) -> String {
    match backend {
        Backend::Sqlite => {
            format!(" AND s.id IN (SELECT story_id FROM story_search WHERE story_search MATCH {p})")
        }
        Backend::Postgres => format!(" AND s.search @@ plainto_tsquery('simple', {p})"),
    }
}

/// The query for [`words_condition`] from what a person typed. For FTS5 every word is quoted, so
/// that its own syntax (`OR`, `NEAR`, `*`, quotes) in what people type is taken literally;
/// PostgreSQL's `plainto_tsquery` takes the text as it is.
#[must_use]
pub fn words_query(backend: Backend, text: &str) -> String {
    match backend {
        Backend::Sqlite => text
            .split_whitespace()
            .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(" "),
        Backend::Postgres => text.to_owned(),
    }
}

/// How a campaign's stories are read as one text per half (ADR 0010): one story's line (id,
/// date, teller kind, who told it and answer parts separated by U+001D; who told it is the
/// author, citizen account or imported key, prefixed so the three never meet, or empty), the aggregate joining lines with U+001C
/// (`{0}` stands for the line), and the id's last character that splits the halves.
#[must_use]
pub fn story_block(backend: Backend) -> (&'static str, &'static str, &'static str) {
    match backend {
        Backend::Sqlite => (
            "id || char(29) || collected_on || char(29) || teller || char(29) || \
             COALESCE('u' || author_id, 'c' || citizen_account_id, 'k' || teller_key, '') || char(29) || \
             answer_parts",
            "group_concat({0}, char(28))",
            "substr(id, 36, 1)",
        ),
        Backend::Postgres => (
            // `date` as text is `YYYY-MM-DD` under the ISO date style sqlx sets on every
            // connection; quicker than `to_char` (15 ms of a half's 85 at 100,000 stories).
            "id || chr(29) || collected_on::text || chr(29) || teller || chr(29) || \
             COALESCE('u' || author_id, 'c' || citizen_account_id, 'k' || teller_key, '') || chr(29) || \
             answer_parts",
            "string_agg({0}, chr(28))",
            "right(id, 1)",
        ),
    }
}

/// Test support: a trigger that makes inserts into `table` fail (those matching `when`, a
/// condition on `NEW`, or all), so atomicity tests can break the last step of an action and
/// check that nothing of it was kept. `name` tells the triggers of one test apart.
#[cfg(feature = "test-support")]
#[must_use]
pub fn failing_insert_trigger(
    backend: Backend,
    name: &str,
    table: &str,
    when: Option<&str>,
) -> String {
    match backend {
        Backend::Sqlite => {
            let when = when.map(|w| format!("WHEN {w} ")).unwrap_or_default();
            format!(
                "CREATE TRIGGER {name} BEFORE INSERT ON {table} {when}\
                 BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"
            )
        }
        Backend::Postgres => {
            let when = when.map(|w| format!("WHEN ({w}) ")).unwrap_or_default();
            format!(
                "CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS \
                 $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$; \
                 CREATE TRIGGER {name} BEFORE INSERT ON {table} FOR EACH ROW {when}\
                 EXECUTE FUNCTION {name}();"
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_words_are_quoted_for_fts5_and_left_alone_for_postgresql() {
        let q = |text| words_query(Backend::Sqlite, text);
        assert_eq!(q("møde  familie"), "\"møde\" \"familie\"");
        assert_eq!(q("a\" OR x*"), "\"a\"\"\" \"OR\" \"x*\"");
        assert_eq!(words_query(Backend::Postgres, "a OR b"), "a OR b");
    }
}

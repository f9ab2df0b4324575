//! Every migration is written once, in `migrations/source`, and rendered for each backend into
//! the folders sqlx embeds (see `tandem_store::dialect::migration`). This test renders every
//! source for both backends and fails, naming the file and its first differing line, when a
//! committed file is not exactly its rendering or a file is missing on either side: sqlx keeps a
//! checksum of each applied migration, so a stray byte would break every existing database.
//!
//! With `TANDEM_RENDER_MIGRATIONS=write` it writes the rendered files instead; that is how a new
//! migration's two files are made from its source.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use tandem_store::Backend;
use tandem_store::dialect::render_migration;

/// The variable that turns checking into writing.
const WRITE_VAR: &str = "TANDEM_RENDER_MIGRATIONS";

/// Each backend with the folder its rendered migrations are embedded from.
const RENDERED: [(Backend, &str); 2] =
    [(Backend::Sqlite, "sqlite"), (Backend::Postgres, "postgres")];

#[test]
fn every_committed_migration_is_its_source_rendered() {
    let write = match std::env::var(WRITE_VAR) {
        Ok(value) if value == "write" => true,
        Err(std::env::VarError::NotPresent) => false,
        other => panic!("{WRITE_VAR} takes only the value `write`, found {other:?}"),
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let sources = sql_files(&root.join("source"));
    assert!(!sources.is_empty(), "no sources in {}", root.display());

    let mut problems = Vec::new();
    for (_, folder) in RENDERED {
        for name in sql_files(&root.join(folder)).difference(&sources) {
            problems.push(format!(
                "migrations/{folder}/{name} has no source migrations/source/{name}"
            ));
        }
    }
    for name in &sources {
        let source = std::fs::read_to_string(root.join("source").join(name))
            .unwrap_or_else(|e| panic!("reading migrations/source/{name}: {e}"));
        for (backend, folder) in RENDERED {
            let rendered = match render_migration(&source, backend) {
                Ok(rendered) => rendered,
                Err(e) => {
                    problems.push(format!("migrations/source/{name}: {e}"));
                    break;
                }
            };
            let path = root.join(folder).join(name);
            let committed = std::fs::read(&path).ok();
            if committed.as_deref() == Some(rendered.as_bytes()) {
                continue;
            }
            if write {
                std::fs::write(&path, &rendered)
                    .unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
                eprintln!("wrote migrations/{folder}/{name}");
            } else {
                problems.push(describe(
                    &format!("migrations/{folder}/{name}"),
                    committed,
                    &rendered,
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "the migrations are not their sources rendered (a new migration's files are written by \
         running this test once with {WRITE_VAR}=write; a released one must never change):\n{}",
        problems.join("\n")
    );
}

/// The names of the `.sql` files in `dir` (none if it does not exist).
fn sql_files(dir: &Path) -> BTreeSet<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return BTreeSet::new();
    };
    entries
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "sql"))
        .filter_map(|path: PathBuf| Some(path.file_name()?.to_str()?.to_owned()))
        .collect()
}

/// What is wrong with the committed file `label`: missing, or its first line that differs from
/// the rendering (shown escaped, so a changed line ending or a lost final newline is visible).
fn describe(label: &str, committed: Option<Vec<u8>>, rendered: &str) -> String {
    let Some(committed) = committed else {
        return format!("{label} is missing");
    };
    let mut committed_lines = committed.split_inclusive(|&b| b == b'\n');
    let mut rendered_lines = rendered.as_bytes().split_inclusive(|&b| b == b'\n');
    let mut number = 1;
    loop {
        match (committed_lines.next(), rendered_lines.next()) {
            (Some(a), Some(b)) if a == b => number += 1,
            (a, b) => {
                let show = |line: Option<&[u8]>| {
                    line.map_or_else(
                        || "(end of file)".to_owned(),
                        |l| format!("{:?}", String::from_utf8_lossy(l)),
                    )
                };
                return format!(
                    "{label} differs at line {number}:\n  committed: {}\n  rendered:  {}",
                    show(a),
                    show(b)
                );
            }
        }
    }
}

//! The web crate stays a front end: it reaches the database only through `tandem-app`, where
//! each action is one transaction with its audit events (ADR 0013). These checks read the
//! sources, so a handler that starts writing through the store again fails here, not in a
//! review.

use std::path::{Path, PathBuf};

/// Every `.rs` file below `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("a readable source folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The places (file:line) under `dir` whose code mentions any of `needles`.
fn places(dir: &str, needles: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut hits = Vec::new();
    for path in sources(&root.join(dir)) {
        let text = std::fs::read_to_string(&path).expect("a readable source file");
        for (number, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            if needles.iter().any(|n| code.contains(n)) {
                let shown = path.strip_prefix(root).unwrap_or(&path).display();
                hits.push(format!("{shown}:{}: {}", number + 1, code));
            }
        }
    }
    hits
}

#[test]
fn the_web_crate_does_not_depend_on_the_store() {
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
            .expect("the manifest");
    let dependencies = manifest
        .split("[dependencies]")
        .nth(1)
        .and_then(|rest| rest.split("\n[").next())
        .expect("a [dependencies] table");
    assert!(
        !dependencies.contains("tandem-store"),
        "tandem-web must reach the database through tandem-app only (tests may use the store)"
    );
    let hits = places("src", &["tandem_store", ".store()"]);
    assert!(
        hits.is_empty(),
        "the store used directly:\n{}",
        hits.join("\n")
    );
}

#[test]
fn handlers_neither_spawn_threads_nor_pass_untyped_json() {
    let hits = places(
        "src/routes",
        &["spawn_blocking", "thread::spawn", "serde_json::Value"],
    );
    assert!(
        hits.is_empty(),
        "work for tandem-app (blocking work, typed values):\n{}",
        hits.join("\n")
    );
}

#[test]
fn nothing_the_route_table_reaches_imports_the_route_table() {
    // The table (`routes/mod.rs`) imports every route module; a module that imported the table
    // back would close a cycle through it. Route modules take the route types from
    // `crate::route` and may name a sibling area (`crate::routes::stories::…`), not the table.
    let table_items = ["Access", "Route", "RouteRule", "table", "router", "{"];
    let needles: Vec<String> = table_items
        .iter()
        .map(|item| format!("crate::routes::{item}"))
        .chain([
            "crate::routes;".to_owned(),
            "crate::routes::{self".to_owned(),
        ])
        .collect();
    let needles: Vec<&str> = needles.iter().map(String::as_str).collect();
    let hits: Vec<String> = places("src", &needles)
        .into_iter()
        .filter(|hit| !hit.starts_with("src/lib.rs"))
        .collect();
    assert!(
        hits.is_empty(),
        "the route table imported back:\n{}",
        hits.join("\n")
    );
}

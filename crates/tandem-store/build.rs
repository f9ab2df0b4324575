//! Rebuilds the crate when a migration is added: `sqlx::migrate!` embeds each file with
//! `include_str!`, so a changed file is noticed, but on stable Rust a new file in the folder is
//! not, and the migrators would quietly lack it until some source file changed.

fn main() {
    println!("cargo::rerun-if-changed=migrations/sqlite");
    println!("cargo::rerun-if-changed=migrations/postgres");
}

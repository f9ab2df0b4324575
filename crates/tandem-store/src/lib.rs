//! Tandem's database layer.
//!
//! Tandem runs on an embedded SQLite file by default and on PostgreSQL at scale, with **one code
//! path**: every query is written once, in portable SQL (`$1` placeholders, ids as UUIDv7 text,
//! explicit column lists), in one function named by intent, and run through the *typed* sqlx
//! driver of the configured backend (see [`with_pool!`]). Where the dialects really differ, the
//! [`dialect`] module holds both versions side by side. Functions return domain types from
//! `tandem-domain`, never rows.
//!
//! # Layout
//! - [`target`]: which database to open, parsed from configuration.
//! - [`pool`]: opening the database with the required connection settings; the [`Store`] handle.
//! - [`migrate`]: forward-only migrations and the schema-version guard. Each migration is
//!   written once in `migrations/source` and rendered into `migrations/sqlite` and
//!   `migrations/postgres`, which sqlx embeds; `tests/migrations_render.rs` checks the rendered
//!   files byte for byte, and with `TANDEM_RENDER_MIGRATIONS=write` writes them (how a new
//!   migration's two files are made).
//! - [`dialect`]: every difference between SQLite and PostgreSQL: the few statements that
//!   differ, and the renderer of migration sources.
//! - [`tx`]: write transactions (`BEGIN IMMEDIATE` on SQLite) and the `with_tx!` dispatch.
//! - [`organizations`], [`staff`], [`teams`], [`sessions`], [`signin`]: queries by concern.
//! - [`audit`]: the hash-chained audit trail, a chain per organization (appending, searching),
//!   signed with the keys of [`audit_keys`] (the key file outside the database); reads hand
//!   their events to [`audit_appender`] (group commit); [`audit_verify`] reads the chains back
//!   and verifies them, also against the signed heads of [`audit_checkpoints`] (ADR 0015, 0018).
//! - [`roles`]: the PostgreSQL least-privilege runtime role (what `tandem serve` connects as).
//! - [`settings`]: an organization's course settings (rule set, amber days, thresholds).
//! - [`courses`], [`network`], [`work`], [`ratings`], [`voice`]: the co-production courses;
//!   [`attention`]: a course's open alerts and unread statements, read together.
//! - [`worries`]: a young person's worries on their way up (rules, open and due worries, who
//!   is away); [`notifications`]: the e-mail outbox that tells staff of them (ADR 0016).
//! - [`stories`]: frameworks, campaigns, stories, annotations and the catalog.
//! - [`tokens`]: random tokens stored only as hashes; [`time`]: stored timestamp form.
//! - [`error`]: the typed [`StoreError`].
//! - `testing` (feature `test-support`): a fresh database per test on either backend, shared
//!   fixtures (a course, a team campaign with stories, a member, a meeting) and failure
//!   injection for atomicity tests.

#[macro_use]
mod macros;
#[macro_use]
pub mod tx;

pub mod attention;
pub mod audit;
pub mod audit_appender;
pub mod audit_checkpoints;
pub mod audit_keys;
pub mod audit_verify;
pub mod citizens;
pub mod consent;
pub mod courses;
pub mod dialect;
pub mod error;
pub mod indicators;
pub mod measures;
pub mod migrate;
pub mod network;
pub mod notifications;
pub mod organizations;
pub mod pool;
pub mod practices;
pub mod ratings;
pub mod roles;
pub mod sessions;
pub mod settings;
pub mod signin;
pub mod staff;
pub mod stories;
pub mod target;
pub mod teams;
pub mod time;
pub mod tokens;
pub mod voice;
pub mod work;
pub mod worries;

#[cfg(feature = "test-support")]
pub mod testing;

pub use error::StoreError;
pub use pool::{Backend, BackendPool, Store};
pub use target::DatabaseTarget;

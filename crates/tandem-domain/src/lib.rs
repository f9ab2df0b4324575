//! Tandem's domain: the validated types and rules that the rest of the system relies on.
//!
//! Everything here is pure — no I/O, no web framework, no database — so that the rules about
//! courses, goals, ratings, deadlines, stories and access can be read, tested and benchmarked on
//! their own. Values with rules are newtypes with private fields and a `parse` constructor
//! returning a typed error ("parse, don't validate"): once a value of such a type exists, it is
//! known to be valid.
//!
//! # Layout
//! - [`id`]: opaque, time-ordered identifiers (UUIDv7) typed by what they identify.
//! - [`text`]: the shared rules for human-entered text (length, control characters).
//! - [`organization`]: organizations (tenants) and their names.
//! - [`staff`]: staff accounts, roles, teams, e-mail addresses, names and reasons.
//! - [`password`]: the password rules (R9).
//! - [`policy`]: who may do what — the one `authorize` function (R1, R5, R6).
//! - [`audit`]: audit events and their hash chain (R15, R16), keyed with HMAC-SHA-256 under the
//!   audit key file's keys, and the signed checkpoints of its head (ADR 0015).
//! - [`framework`]: signifier frameworks (TOML), validated; the default framework in da/en.
//! - [`answer`]: a teller's answer to one framework question, parsed against it.
//! - [`deadlines`]: legal deadlines computed from a course's dates (Barnets Lov, legacy mode).
//! - [`law`]: the legal rules Tandem applies as data, each citing its paragraph; age prompts.
//! - [`scales`]: reliable change between two ratings.
//! - [`course`]: courses, networks, goals, steps and meetings: vocabularies and rules.
//! - [`instrument`]: the instrument engine (items, ranges, norms, alerts, reliable change).
//! - [`local_time`]: instants stored in UTC, dates and times as read in Copenhagen.
//! - [`story`]: stories, campaigns, redaction and story files (import and export).
//! - [`spreadsheet`]: text cells that spreadsheets show and never run (every export).
//! - [`worry`]: a young person's worry: its acknowledgement deadline in office hours and the
//!   steps it moves up when nobody acknowledges it.

pub mod answer;
pub mod audit;
#[macro_use]
pub mod course;
pub mod deadlines;
pub mod framework;
pub mod id;
pub mod indicators;
pub mod instrument;
pub mod law;
pub mod local_time;
pub mod organization;
pub mod password;
pub mod policy;
pub mod practice;
pub mod scales;
pub mod spreadsheet;
pub mod staff;
pub mod story;
pub mod text;
pub mod worry;

pub use id::Id;
pub use organization::OrganizationName;
pub use text::{PlainText, TextError, is_direction_override};

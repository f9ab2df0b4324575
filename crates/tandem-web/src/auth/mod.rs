//! Authentication and the enforcement of access rules.
//!
//! # Layout
//! - [`guard`]: the per-route guard (policy, CSRF, denial audit).
//! - [`session`], [`citizen`]: the staff and citizen session cookies into principals (the
//!   sessions' rules, sign-in and passwords are `tandem_app::sessions`).
//! - [`csrf`], [`cookies`]: the CSRF checks and cookie attributes.

pub mod citizen;
pub mod cookies;
pub mod csrf;
pub mod guard;
pub mod session;

//! Authentication and the enforcement of access rules.
//!
//! # Layout
//! - [`guard`]: the per-route guard (policy, CSRF, denial audit).
//! - [`session`]: session cookies into principals; timeouts; step-up.
//! - [`login`]: the sign-in procedure with throttling and soft-lock (R10).
//! - [`password`]: Argon2id hashing off the executor (R9).
//! - [`csrf`], [`cookies`]: the CSRF checks and cookie attributes.

pub mod citizen;
pub mod cookies;
pub mod csrf;
pub mod guard;
pub mod login;
pub mod password;
pub mod session;

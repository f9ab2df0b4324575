//! Tandem's use cases: where a rule meets the database.
//!
//! Every action a person can take — record a rating, give session feedback, hold a meeting,
//! accept an invitation — is to be one function here; the *Layout* below lists those moved so
//! far (the rest still write through the store in the web crate). It takes the [`Actor`] (who does it, from where,
//! when), a command parsed from input (a domain type, so it cannot be malformed) and the
//! [`App`], and does the write, its audit events and every alert or derived record the action
//! triggers **in one transaction**, returning a typed outcome. If any step fails, nothing of the
//! action is kept: no half-opened round, no rating without its alert, no audit event for a
//! change that did not happen.
//!
//! Staff pages, citizen pages, the command line and the demo generator all call the same
//! functions, so a rule exists once. Authorization stays in front (the web layer's route guard
//! decides whether the actor may touch the course at all); these functions trust the course
//! they are given and check what only the data can tell (is the round open, is the rater
//! still waiting).
//!
//! # Layout
//! - [`app`]: the [`App`] handle the front ends hold: the store behind it, and each
//!   organization's settings and instruments kept between requests.
//! - [`administration`]: course settings and instruments, changed by administrators.
//! - [`actor`]: who acts, and the audit events their actions write.
//! - [`error`]: the typed [`ActionError`].
//! - [`audit`]: reads of personal data recorded before anything is shown (fail closed).
//! - [`compute`]: statistics run off the async executor.
//! - [`courses`]: which course an action is about ([`courses::CourseRef`]).
//! - [`demo`]: the demonstration organization (`tandem demo`, `tandem serve --demo`), made
//!   through the same rules as real data.
//! - [`goals`]: goals in the young person's own words, their status and progress.
//! - [`indicators`]: the three-column management view (TPA, NPM, NPG) of a team or the
//!   department, read and exported with their audit.
//! - [`invitations`]: a young person or network member accepting their invitation.
//! - [`meetings`]: a meeting with its attendance, agreed step and network snapshot.
//! - [`practices`]: the teams' practices — board, huddles, probes, outcomes, the good-enough
//!   story, vocabulary, cues, dilemmas, retrospectives, rhythms, the card's reads, what is due.
//! - [`ratings`]: rating rounds, blind ratings, reveal, reflection, session feedback, and the
//!   deterioration and low-feedback alerts they raise.
//! - [`setup`]: organizations, teams and staff accounts set up by the operator on the command
//!   line, and the audit trail's check.
//! - [`stories`]: a story file imported into a campaign.

pub mod actor;
pub mod administration;
pub mod app;
pub mod audit;
pub mod compute;
pub mod courses;
pub mod demo;
pub mod error;
pub mod goals;
pub mod indicators;
pub mod invitations;
pub mod meetings;
pub mod practices;
pub mod ratings;
pub mod setup;
pub mod stories;

pub use actor::Actor;
pub use app::App;
pub use error::ActionError;
pub use tandem_store::DatabaseTarget;
